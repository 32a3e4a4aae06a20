"""The corpus of real provisions: size, provenance, the split by source, citations, and provisions the rules must (not) flag."""

import pytest
from django.core.management import call_command

from fazhi.review.rules.precheck import shipped_rules
from fazhi.review.selectors.precheck import check_text, evaluate_corpus, load_corpus

RULES = {rule.code: rule for rule in shipped_rules()}


def test_corpus_has_sources_and_labels():
    train, holdout = load_corpus("train"), load_corpus("holdout")
    items = train + holdout
    assert len(items) >= 590
    assert sum(1 for item in items if item["label"] != "lawful") >= 350
    assert all(item["source_title"] and item["source_url"] and item["basis"] for item in items)
    assert len({item["id"] for item in items}) == len(items)


def test_holdout_is_a_quarter_and_split_by_source():
    train, holdout = load_corpus("train"), load_corpus("holdout")
    assert len(holdout) >= 0.25 * (len(train) + len(holdout))
    assert not {item["source_title"] for item in train} & {item["source_title"] for item in holdout}
    assert not {item["document"] for item in train} & {item["document"] for item in holdout}


@pytest.mark.parametrize(
    ("code", "item"),
    [
        ("fc.local_protection", "第九条第（一）项"),
        ("fc.factor_flow", "第九条第（一）项"),
        ("fc.local_establishment", "第九条第（二）项"),
        ("fc.bidding_exclusion", "第九条第（三）项"),
        ("fc.discriminatory_charges", "第九条第（四）项"),
        ("fc.discrimination", "第九条第（五）项"),
        ("fc.designated_dealing", "第八条第（三）项"),
        ("fc.monopoly", "第十一条第（一）项"),
    ],
)
def test_fair_competition_rules_cite_the_right_item(code, item):
    assert f"《公平竞争审查条例》（国务院令第783号）{item}" in RULES[code].basis


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # 2022年制止滥用行政权力排除、限制竞争执法专项行动案件 / 公平竞争审查典型案例 (train split)
        ("享受支持资金的企业，自最后一次兑现之日起，如五年内迁出我区，须退回已享受的资金", "fc.factor_flow"),
        ("当年地方综合贡献额达到150万元（含）以上的，给予奖励50万元", "fc.preferential"),
        ("在同等条件下优先选用市属国企系统内企业作为供应商", "fc.local_protection"),
        # the issue's own example of a disguised licence
        ("从事互联网租赁自行车经营的企业，未经备案不得营业。", "qbd.licence"),
    ],
)
def test_real_phrasings_are_found(text, family):
    families = {".".join(f.rule_code.split(".")[:2]) for f in check_text(text, list(RULES.values()))}
    assert family in families


@pytest.mark.parametrize(
    "text",
    [
        "起草单位起草的政策措施，不得含有下列限制商品、要素自由流动的内容",
        "各受检单位在体检之前自主选择有资质的承检机构，鼓励外地经营者平等参与。",
        "依照《中华人民共和国行政许可法》第十七条的规定，规范性文件不得设定行政许可。",
    ],
)
def test_lawful_provisions_are_not_flagged(text):
    assert check_text(text, list(RULES.values())) == []


def test_evaluation_counts_on_a_small_corpus():
    items = [
        {
            "id": "a",
            "text": "当年地方综合贡献额达到150万元以上的，给予奖励50万元",
            "label": "fc.preferential",
            "source_title": "s",
        },
        {"id": "b", "text": "各部门按职责做好服务保障工作", "label": "lawful", "source_title": "s"},
        {"id": "c", "text": "鼓励企业做大做强", "label": "fc.market_entry", "source_title": "s"},
    ]
    result = evaluate_corpus(items, "train", list(RULES.values()))
    assert (result.score.true_positive, result.score.false_positive, result.score.false_negative) == (1, 0, 1)
    assert [row["id"] for row in result.misses] == ["c"]
    assert result.families["fc.preferential"].found == 1


@pytest.mark.django_db
def test_precheck_eval_command_reports_both_splits_and_speed(capsys):
    call_command("precheck_eval", "--shipped-only")
    out = capsys.readouterr().out
    assert "训练集：" in out and "留出集：" in out
    assert "30000字的草案用时" in out
    assert "漏报：" in out and "误报：" in out
