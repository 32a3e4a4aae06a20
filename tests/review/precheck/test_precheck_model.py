"""The pre-check's candidate model: rebuilt exactly from the training split, never from the holdout; it only lets a
candidate rule speak, and never raises a finding alone. The required-word shortcut of the rules never changes a result."""

import io

import pytest
from django.core.management import call_command

from fazhi.review.management.commands import precheck_train
from fazhi.review.precheck import model as candidate_model
from fazhi.review.rules import precheck as precheck_rules
from fazhi.review.selectors import precheck as precheck_reads

RULES = precheck_rules.shipped_rules()
# a provision of the training split that a candidate rule (fc.preferential.model) reports, and no definite rule
CANDIDATE_SENTENCE = "对注册地和纳税登记地迁入本区的市外上市公司，承诺10年内不迁出的，给予一次性补贴1000万元"


def test_shipped_model_is_the_one_the_training_split_gives():
    # given the shipped model.json / when it is rebuilt / then byte for byte the same, from the files it names
    call_command("precheck_train", "--check", stdout=io.StringIO())
    model = candidate_model.load()
    assert model["trained_on"]["sha256"] == candidate_model.file_digest(
        precheck_reads.CORPUS_DIR / "train.jsonl"
    )
    assert model["trained_on"]["rules_sha256"] == candidate_model.file_digest(precheck_rules.RULES_FILE)
    cv = model["cross_validation"]
    assert cv["with_model"]["precision"] >= cv["min_precision"]
    assert cv["with_model"]["recall"] > cv["without_model"]["recall"]


def test_building_the_model_never_reads_the_holdout(monkeypatch):
    # given a corpus whose holdout cannot be read
    real = precheck_reads.load_corpus

    def no_holdout(split, *args, **kwargs):
        assert split != "holdout", "the holdout was read"
        return real(split, *args, **kwargs)

    monkeypatch.setattr(precheck_reads, "load_corpus", no_holdout)
    authored = precheck_reads.load_dataset
    monkeypatch.setattr(
        precheck_reads,
        "load_dataset",
        lambda: [i for i in authored() if i["split"] == "main"] + [{"split": "holdout"}],
    )
    # when the model is built / then it is the shipped one (the authored holdout is not used either)
    assert candidate_model.dumps(precheck_train.build()) == candidate_model.MODEL_FILE.read_text(
        encoding="utf-8"
    )


def test_candidate_rule_speaks_only_where_the_model_proposes(monkeypatch):
    shipped = candidate_model.load()
    # given the shipped model / then the training provision is proposed and reported by its candidate rule
    (finding,) = [
        f for f in precheck_reads.check_text(CANDIDATE_SENTENCE, RULES) if f.rule_code.endswith(".model")
    ]
    assert (finding.rule_code, finding.matched) == ("fc.preferential.model", "给予一次性补贴")
    assert finding.model_score >= shipped["threshold"]
    assert "第十条第（二）项" in finding.basis
    # given a model that proposes nothing / then the same sentence gives no finding
    monkeypatch.setattr(candidate_model, "load", lambda path=None: shipped | {"threshold": 1e9})
    assert not [
        f for f in precheck_reads.check_text(CANDIDATE_SENTENCE, RULES) if f.rule_code.endswith(".model")
    ]


def test_model_alone_never_raises_a_finding(monkeypatch):
    # given a model that proposes every sentence
    shipped = candidate_model.load()
    monkeypatch.setattr(candidate_model, "load", lambda path=None: shipped | {"threshold": -1e9})
    # when a sentence no rule's words match is checked / then nothing is reported
    assert candidate_model.is_candidate("本办法自发布之日起施行。")[0]
    assert precheck_reads.check_text("本办法自发布之日起施行。", RULES) == []


def test_model_reads_the_words_not_the_article_numbers():
    # the same words score alike whether quoted in a case or numbered as an article of a law
    model = candidate_model.load()
    words = "县级以上人民政府应当加强对优化营商环境工作的组织领导。"
    assert candidate_model.score(model, "第七条" + words) == candidate_model.score(model, words)
    assert candidate_model.normalise("（一）2023年奖励50万元") == "0年奖励0万元"


def test_required_words_of_a_pattern():
    assert precheck_rules.required_words("(?:须|需)经[^。]{0,5}批准后") == ("批准后",)
    assert precheck_rules.required_words("罚款|没收") == ("没收", "罚款")
    assert precheck_rules.required_words("[^。]{0,3}") is None
    assert precheck_rules.required_words("(?i)abc") is None  # another spelling would match: no shortcut
    assert precheck_rules.required_words("x(?i:abc)") == ("x",)


@pytest.mark.parametrize("split", ["train", "holdout"])
def test_required_word_shortcut_never_changes_a_match(split):
    # for every rule and every sentence of the corpus and the authored set: the rule's expression matches only
    # sentences that hold one of its required words
    sentences = [
        s.text
        for item in precheck_reads.load_corpus(split)
        for s in precheck_rules.split_sentences(item["text"])
    ]
    sentences += [item["text"] for item in precheck_reads.load_dataset()]
    for rule in RULES:
        if rule.required is None:
            continue
        for sentence in sentences:
            if rule.pattern.search(sentence):
                assert any(word in sentence for word in rule.required), (rule.code, sentence)


@pytest.mark.django_db
def test_a_30000_character_draft_is_checked_without_database_queries(django_assert_num_queries):
    # the speed itself is measured by `fazhi precheck_eval` and reported in docs/precheck.md (no timed assertion)
    from fazhi.review.management.commands.precheck_eval import speed_draft

    draft = speed_draft(precheck_reads.load_corpus("train"))
    assert len(draft) == 30000
    with django_assert_num_queries(0):
        findings = precheck_reads.check_text(draft, RULES)
    assert len(findings) > 100
