"""一键移送: a correction decision opens a supervision clue in enforcement whose origin is the case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.disputes import services
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import SupervisionClue
from fazhi.enforcement.services import register_clue

from ..conftest import accepted

D = dt.date


@pytest.fixture
def decided(users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    services.record_opinion(
        actor=users.reconsideration, case=case, heard_on=D(2025, 3, 20), method="phone", with_whom="申请人"
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="confirm_illegal",
        summary="程序违法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    return case


def test_a_correction_opens_a_supervision_clue_whose_origin_is_the_case(users, decided):
    clue = services.open_supervision_clue(actor=users.reconsideration, case=decided)
    assert clue.source == SupervisionClue.Source.RECONSIDERATION
    assert clue.received_on == D(2025, 4, 1)
    assert clue.external_number == decided.docket_number
    assert "确认违法" in clue.content and "测试区市场监督管理局" in clue.content
    assert enforcement_selectors.clue_for(decided) == clue
    assert SupervisionClue.objects.get(pk=clue.pk).origin == decided
    with pytest.raises(ValidationError):
        services.open_supervision_clue(actor=users.reconsideration, case=decided)


def test_an_upheld_case_opens_no_clue(users, district):
    case = accepted(users, district)
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    services.record_opinion(
        actor=users.reconsideration, case=case, heard_on=D(2025, 3, 20), method="phone", with_whom="申请人"
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.open_supervision_clue(actor=users.reconsideration, case=case)
    assert "纠错决定" in str(exc.value)
    assert not SupervisionClue.objects.exists()


def test_the_clue_page_links_back_to_the_reconsideration_case(client, users, decided):
    clue = services.open_supervision_clue(actor=users.reconsideration, case=decided)
    client.force_login(users.justice)
    page = client.get(f"/enforcement/clues/{clue.pk}/").content.decode()
    assert (
        f'<dt>来源</dt><dd id="origin"><a href="/disputes/{decided.pk}/">'
        f"行政复议案件{decided.docket_number}（确认违法）</a></dd>"
    ) in page


def test_a_case_cannot_open_a_clue_of_another_source(users, district, decided):
    with pytest.raises(ValidationError) as exc:
        register_clue(
            actor=users.reconsideration,
            source=SupervisionClue.Source.HOTLINE,
            received_on=D(2025, 4, 2),
            organization=district.sfj,
            content="以复议案件登记为热线线索",
            origin=decided,
        )
    assert exc.value.messages == [
        "由行政复议案件移送的线索，线索来源应为“行政复议结果”，不能登记为“12345热线”。"
    ]
    assert not SupervisionClue.objects.exists()
    assert enforcement_selectors.clue_for(decided) is None
