"""The 工作台 warns before a clock runs out and flags what is overdue."""

from __future__ import annotations

import datetime as dt

from fazhi.core import workbench
from fazhi.disputes import services

from .conftest import accepted, register

D = dt.date


def test_workbench_warns_before_a_clock_runs_out_and_flags_overdue(users, district):
    soon = register(users, district, received_on=D(2025, 9, 29))  # examination due 13 October
    late = accepted(users, district, received_on=D(2025, 7, 30), accepted_on=D(2025, 8, 2))
    services.send_copy(actor=users.reconsideration, case=late, on=D(2025, 8, 4))
    # answer due 10 working days after 4 August = 18 August
    items = [
        i for i in workbench.items_for(users.reconsideration, D(2025, 10, 9)) if i.category == "行政复议"
    ]
    by_title = {i.title: i for i in items}
    assert f"{soon.docket_number}受理审查期限即将届满（2025年10月13日）" in by_title
    assert by_title[f"{late.docket_number}被申请人答复期限已逾期（2025年08月18日）"].level == "overdue"
    decision = by_title[f"{late.docket_number}作出复议决定期限即将届满（2025年10月09日）"]
    assert "顺延" in decision.detail
    # each opens the case at the form that meets the clock
    assert (
        by_title[f"{soon.docket_number}受理审查期限即将届满（2025年10月13日）"].url
        == f"/disputes/{soon.pk}/#action-accept"
    )
    assert decision.url == f"/disputes/{late.pk}/#action-decide"
    # a suspended case's decision clock is stopped: no warning for it
    services.suspend(actor=users.reconsideration, case=late, on=D(2025, 9, 1), ground=7, reason="等待解释")
    items = [
        i.title
        for i in workbench.items_for(users.reconsideration, D(2025, 10, 9))
        if i.category == "行政复议"
    ]
    assert not any("作出复议决定期限" in t for t in items)
    # others see nothing of the office's cases
    assert not [i for i in workbench.items_for(users.jyj_clerk, D(2025, 10, 9)) if i.category == "行政复议"]


def test_workbench_flags_an_opinion_letter_whose_sixty_day_reply_is_overdue(users, district):
    # given a 行政复议意见书 issued 3 March 2025 and received 5 March: reply due 5 March + 60 days = Sunday 4 May,
    # in the 劳动节 holiday (1–5 May), so Tuesday 6 May 2025 (第七十六条)
    case = accepted(users, district, received_on=D(2025, 2, 10), accepted_on=D(2025, 2, 11))
    letter = services.issue_opinion_letter(
        actor=users.reconsideration,
        case=case,
        issued_on=D(2025, 3, 3),
        addressee=district.scj,
        content="程序违法",
    )
    services.record_letter_progress(actor=users.reconsideration, letter=letter, served_on=D(2025, 3, 5))
    title = f"{case.docket_number}行政复议意见书逾期未报送纠正情况（2025年05月06日）"
    items = {i.title: i for i in workbench.items_for(users.reconsideration, D(2025, 5, 7))}
    assert items[title].level == "overdue" and "第七十六条" in items[title].detail
    assert title not in {i.title for i in workbench.items_for(users.reconsideration, D(2025, 5, 6))}
    # once the agency reported its correction, the warning goes
    services.record_letter_progress(
        actor=users.reconsideration, letter=letter, replied_on=D(2025, 5, 8), reply="已撤销同类决定三件"
    )
    assert not any("意见书" in i.title for i in workbench.items_for(users.reconsideration, D(2025, 5, 9)))


def test_the_workbench_link_lands_on_the_form_that_meets_the_clock(client, users, district):
    # given a case received and not yet accepted: its examination clock runs
    case = register(users, district, received_on=D(2025, 9, 29))
    item = next(
        i
        for i in workbench.items_for(users.reconsideration, D(2025, 10, 9))
        if i.title.startswith(case.docket_number)
    )
    path, anchor = item.url.split("#")

    # then the case page has that section, with its form to accept the case
    client.force_login(users.reconsideration)
    html = client.get(path).content.decode()
    section = html[html.index(f'id="{anchor}"') :]
    assert anchor == "action-accept" and f'action="/disputes/{case.pk}/act/accept/"' in section[:600]
