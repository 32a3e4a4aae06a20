"""文件清理 by ledger and API: a campaign known by its organizing unit and name comes in once (re-import changes
nothing), its dates are checked by rules.cleanup, and a unit's campaign names do not repeat — so the 清理文件 ledger
that names a campaign finds it."""

from __future__ import annotations

import datetime as dt

from fazhi.core.io import ledgers
from fazhi.review.models import CleanupCampaign, CleanupItem

HEADER = "清理名称,清理范围,组织单位代码,开始日期,结束日期\n"
ITEMS = "清理名称,文件类别,文号,文件名称,制定单位代码,涉企,清理结果,理由,确定日期\n"
NAME = "2025年涉企政策文件清理"


def run(code, text, actor):
    return ledgers.run_import(code, content=text.encode(), filename="x.csv", actor=actor, dry_run=False)


def errors(result):
    return [str(e) for e in result.errors]


def test_a_campaign_comes_in_once_and_its_items_find_it(users, district):
    text = HEADER + f"{NAME},含有不平等对待企业内容的文件,T-SFJ,2025-03-03,2025-06-30\n"

    first = run("cleanup_campaigns", text, users.justice)
    again = run("cleanup_campaigns", text, users.justice)
    later = run("cleanup_campaigns", text.replace("2025-06-30", "2025-07-31"), users.justice)
    items = run(
        "cleanup_items",
        ITEMS + f"{NAME},其他政策文件,,关于扶持本地企业的意见,T-SCJ,是,废止,含优惠,2025-06-10\n",
        users.justice,
    )

    assert first.created == 1, errors(first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert later.updated == 1
    campaign = CleanupCampaign.objects.get()
    assert (campaign.organization, campaign.started_on, campaign.ended_on) == (
        district.sfj,
        dt.date(2025, 3, 3),
        dt.date(2025, 7, 31),
    )
    assert items.created == 1, errors(items)
    assert CleanupItem.objects.get().campaign == campaign


def test_dates_and_units_are_checked_and_nothing_is_written(users, district):
    result = run(
        "cleanup_campaigns",
        HEADER
        + "甲清理,范围,T-SFJ,2025-03-03,2025-03-01\n"
        + "乙清理,范围,NOPE,2025-03-03,\n"
        + "丙清理,范围,T-SFJ,2999-01-01,\n",
        users.justice,
    )

    assert errors(result)[:2] == [
        "第2行“结束日期”列：结束日期不能早于开始日期。",
        "第3行“组织单位代码”列：单位代码“NOPE”不存在。",
    ]
    assert errors(result)[2].startswith("第4行“开始日期”列：开始日期不能晚于今天（")
    assert len(errors(result)) == 3
    assert not CleanupCampaign.objects.exists()


def test_the_api_creates_a_campaign_and_refuses_a_second_of_the_same_name(client, users, district):
    client.force_login(users.justice)
    body = {"name": NAME, "scope": "涉企文件", "organization": "T-SFJ", "started_on": "2025-03-03"}

    made = client.post("/api/review/cleanup-campaigns/", body, content_type="application/json")
    twice = client.post("/api/review/cleanup-campaigns/", body, content_type="application/json")
    listed = client.get("/api/review/cleanup-campaigns/")

    assert made.status_code == 201, made.content.decode()
    assert made.json()["organization"] == "T-SFJ"
    assert twice.status_code == 400
    assert twice.json()["name"] == [f"本单位已有名为“{NAME}”的清理。"]
    rows = listed.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [r["name"] for r in rows] == [NAME]
    assert CleanupCampaign.objects.count() == 1
