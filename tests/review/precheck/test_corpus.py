"""The corpus of real provisions: size, provenance, the split by source, citations, and provisions the rules must (not) flag."""

import io
import json

import pytest
from django.core.management import call_command

from fazhi.review.rules.precheck import rule_family, shipped_rules
from fazhi.review.selectors.precheck import check_text, evaluate_corpus, load_corpus

RULES = {rule.code: rule for rule in shipped_rules()}


def test_corpus_has_sources_and_labels():
    train, holdout = load_corpus("train"), load_corpus("holdout")
    items = train + holdout
    assert len(items) >= 590
    assert sum(1 for item in items if item["label"] != "lawful") >= 350
    assert all(item["source_title"] and item["source_url"] and item["basis"] for item in items)
    assert len({item["id"] for item in items}) == len(items)


def test_every_item_validates():
    # every provision: text, a label that is "lawful" or a rule family, a basis (the rule it breaks or why it is
    # lawful), and its source as found (title and address)
    families = {rule_family(rule.code) for rule in shipped_rules()} | {"qbd.conflict"}
    for split in ("train", "holdout"):
        for item in load_corpus(split):
            assert item["text"].strip() and item["basis"].strip(), item["id"]
            assert item["label"] == "lawful" or item["label"] in families, (item["id"], item["label"])
            assert item["source_title"].strip(), item["id"]
            assert item["source_url"].startswith(("http", "shared/domain/", "shared/seed/")), item["id"]
            assert item["label_from"] in {"case", "higher_law", "review_case"}, item["id"]


def test_filing_review_and_court_cases_are_in_both_splits_with_their_provenance():
    # given the provisions taken from published filing-review (备案审查) reports and cases and from courts'
    # incidental-review (附带审查) judgments
    items = [
        item
        for split in ("train", "holdout")
        for item in load_corpus(split)
        if item["label_from"] == "review_case"
    ]
    # then each says what kind of review found it and whether its text is a paraphrase of the source's description
    assert len(items) >= 20
    assert len({item["source_title"] for item in items}) >= 12
    assert {item["review_kind"] for item in items} >= {"备案审查", "附带审查"}
    assert all(isinstance(item["paraphrase"], bool) for item in items)
    assert any(
        item["label"] == "lawful" for item in items
    )  # lawful provisions found beside the unlawful ones
    holdout = {item["source_title"] for item in load_corpus("holdout") if item["label_from"] == "review_case"}
    assert len(holdout) >= 0.25 * len({item["source_title"] for item in items})


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
        # more disguised licences from the training split: filing as the condition to operate, a consent before a
        # statutory act
        (
            "在我市行政辖区内从事评估业务的土地估价机构，应事先向我局申请备案，凭备案证明开展土地估价业务。",
            "qbd.licence",
        ),
        ("自然资源局核发《不动产权登记证书》前，应征得园区办同意", "qbd.licence"),
        # scoring that favours local presence, written as a service-network item
        (
            "服务网点：在德清设有公司、分公司或办事处或服务点的得3分，在杭州或湖州地区的得2分",
            "fc.bidding_exclusion",
        ),
        # exclusive dealing written as a clause of an agreement
        ("甲方在协议有效期内不得与任何第三方开展本合同项下相同或类似的商业合作", "fc.market_entry"),
        # tax-linked awards written as a threshold
        (
            "对非法人银行业金融机构当年存贷款规模50亿以上且市内入库税收达500万元以上的，给予奖励",
            "fc.preferential",
        ),
        # the subject who imposes: a sanction no law gives, written as an ordinary consequence
        ("属国家工作人员、事业单位和各类企业职工的，给予开除处分或者解除劳动关系；", "qbd.obligation"),
        # a right narrowed by a condition (court's incidental review)
        ("参合农民到市外就医，必须到政府举办的公立医疗机构", "qbd.obligation"),
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
        # a negation, a condition that the law itself sets, and equal treatment stated outright
        "严禁以任何形式要求外地企业在本地设立分支机构。",
        "外地企业在本区设立的分支机构，享受与本地企业同等的政策待遇。",
        "依照《中华人民共和国劳动合同法》的规定解除劳动合同的，应当依法支付经济补偿。",
        # a provision a court held lawful because a higher rule authorised it (规范性文件一并审查)
        "旅客进站乘车限制携带打火机2个",
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
    assert "30000字的草案，三次中最快" in out and "处理器时间" in out
    assert "漏报：" in out and "误报：" in out
    assert "精确率" in out and "不用候选模型（只用确定规则）" in out


@pytest.mark.django_db
def test_precheck_eval_json_gives_holdout_figures_per_family_and_lists_every_error():
    out = io.StringIO()
    call_command("precheck_eval", "--shipped-only", "--split", "holdout", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    (holdout,) = payload["splits"]
    score = holdout["score"]
    # every miss and every false alarm is listed, as many as the counts say
    assert len(holdout["misses"]) == score["false_negative"]
    assert len(holdout["false_alarms"]) == score["false_positive"]
    assert all(row["triggers"] for row in holdout["false_alarms"])
    # per family: precision and recall
    assert set(holdout["family_precision"]) == set(holdout["families"])
    assert "without_candidate_model" in holdout and payload["candidate_rules"] >= 1
    assert payload["speed"]["characters"] == 30000 and payload["speed"]["cpu_milliseconds"] > 0
