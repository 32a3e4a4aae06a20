"""Reads of the draft pre-check: the administrator's enabled rules (PrecheckRule rows) with the shipped ones, a draft
checked against them, and the evaluation of the rules on the labelled set (precheck_dataset.json)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..documents.precheck import PrecheckFileError
from ..models import PrecheckRule
from ..rules.precheck import (
    DATASET_FILE,
    Finding,
    PrecheckRuleError,
    Rule,
    check_sentences,
    compile_rule,
    shipped_rules,
    sort_findings,
    split_sentences,
)

logger = logging.getLogger(__name__)


def admin_rules() -> list[Rule]:
    """The enabled PrecheckRule rows; a row whose pattern cannot be used is skipped with a warning."""
    rules = []
    for row in PrecheckRule.objects.filter(enabled=True).order_by("code"):
        try:
            rules.append(
                compile_rule(
                    code=row.code,
                    name=row.name,
                    category=row.category,
                    pattern=row.pattern,
                    exclude_pattern=row.exclude_pattern,
                    basis=row.basis,
                    severity=row.severity,
                    explanation=row.explanation,
                    source="admin",
                )
            )
        except PrecheckRuleError as exc:
            logger.warning("预审规则已跳过：%s", exc)
    return rules


def load_rules() -> list[Rule]:
    """The shipped rules with the administrator's enabled rules; an administrator's rule replaces a shipped rule of
    the same code, in its place, and the others follow."""
    admin = {rule.code: rule for rule in admin_rules()}
    rules = [admin.pop(rule.code, rule) for rule in shipped_rules()]
    return rules + list(admin.values())


def check_text(text: str, rules: list[Rule] | None = None) -> list[Finding]:
    """The findings of a draft, in reading order (the more severe first within a sentence)."""
    rules = load_rules() if rules is None else rules
    return sort_findings(check_sentences(split_sentences(text), rules))


# --- evaluation on the labelled set ------------------------------------------------------------------------------


@dataclass
class Score:
    """Sentence-level counts: a sentence is predicted positive when any finding is raised on it."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0

    @property
    def precision(self) -> float | None:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else None

    @property
    def total(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    def add(self, *, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
        elif expected:
            self.false_negative += 1
        else:
            self.true_negative += 1

    def as_dict(self) -> dict:
        return {
            "sentences": self.total,
            "true_positive": self.true_positive,
            "false_positive": self.false_positive,
            "false_negative": self.false_negative,
            "true_negative": self.true_negative,
            "precision": self.precision,
            "recall": self.recall,
        }


@dataclass
class RuleScore:
    """Per rule code: findings raised, how many on sentences labelled with that code, and labelled sentences found."""

    code: str
    name: str = ""
    raised: int = 0
    correct: int = 0
    labelled: int = 0
    found: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.raised if self.raised else None

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall}


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)  # "all" and one per split
    rules: dict[str, RuleScore] = field(default_factory=dict)
    false_positives: list[dict] = field(default_factory=list)
    false_negatives: list[dict] = field(default_factory=list)
    wrong_rule: list[dict] = field(default_factory=list)  # flagged, but not by a rule the label names

    def as_dict(self) -> dict:
        return {
            "scores": {split: score.as_dict() for split, score in self.scores.items()},
            "rules": {code: score.as_dict() for code, score in sorted(self.rules.items())},
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "wrong_rule": self.wrong_rule,
        }


def load_dataset(path: Path | str = DATASET_FILE) -> list[dict]:
    """The labelled sentences: each with id, text, labels (expected rule codes; [] when lawful) and split."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise PrecheckFileError(f"无法读取标注集 {path}：{exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise PrecheckFileError(f"标注集 {path} 不是有效的 JSON（第{exc.lineno}行）。") from exc
    items = data["items"] if isinstance(data, dict) else data
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or "text" not in item or not isinstance(item.get("labels"), list):
            raise PrecheckFileError(f"标注集第{number}条缺少 text 或 labels。")
    return items


def evaluate(items: list[dict], rules: list[Rule] | None = None) -> Evaluation:
    """Precision and recall of the rules on labelled sentences, overall and per split, with the errors listed."""
    rules = load_rules() if rules is None else rules
    result = Evaluation(scores={"all": Score()})
    result.rules = {rule.code: RuleScore(code=rule.code, name=rule.name) for rule in rules}
    for item in items:
        labels = set(item["labels"])
        split = item.get("split", "main")
        findings = check_text(item["text"], rules)
        raised = {finding.rule_code for finding in findings}
        for score in (result.scores["all"], result.scores.setdefault(split, Score())):
            score.add(expected=bool(labels), predicted=bool(raised))
        for code in raised:
            rule_score = result.rules.setdefault(code, RuleScore(code=code))
            rule_score.raised += 1
            rule_score.correct += code in labels
        for code in labels:
            rule_score = result.rules.setdefault(code, RuleScore(code=code))
            rule_score.labelled += 1
            rule_score.found += code in raised
        row = {"id": item.get("id", ""), "split": split, "text": item["text"], "labels": sorted(labels)}
        if raised and not labels:
            result.false_positives.append({**row, "raised": sorted(raised)})
        elif labels and not raised:
            result.false_negatives.append(row)
        elif labels and not (labels & raised):
            result.wrong_rule.append({**row, "raised": sorted(raised)})
    return result


# --- evaluation on the corpus of real provisions -----------------------------------------------------------------

CORPUS_DIR = DATASET_FILE.parent / "precheck_corpus"
CORPUS_SPLITS = ("train", "holdout")


def rule_family(code: str) -> str:
    """The family a rule belongs to: its code's first two parts (fc.preferential.contribution → fc.preferential)."""
    return ".".join(code.split(".")[:2])


def load_corpus(split: str, directory: Path | str = CORPUS_DIR) -> list[dict]:
    """The provisions of one split (train or holdout): id, text, label (a rule family or "lawful"), basis and source."""
    path = Path(directory) / f"{split}.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PrecheckFileError(f"无法读取语料 {path}：{exc.strerror}") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PrecheckFileError(f"语料 {path} 第{number}行不是有效的 JSON。") from exc
        if not item.get("text") or not item.get("label") or not item.get("source_title"):
            raise PrecheckFileError(f"语料 {path} 第{number}行缺少 text、label 或 source_title。")
        items.append(item)
    return items


@dataclass
class CorpusEvaluation:
    split: str
    score: Score = field(default_factory=Score)
    families: dict[str, RuleScore] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)  # unlawful provisions not flagged
    false_alarms: list[dict] = field(default_factory=list)  # lawful provisions flagged
    wrong_family: list[dict] = field(default_factory=list)  # flagged, but by no rule of the labelled family

    def as_dict(self) -> dict:
        return {
            "split": self.split,
            "score": self.score.as_dict(),
            "families": {code: score.as_dict() for code, score in sorted(self.families.items())},
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "wrong_family": self.wrong_family,
        }


def evaluate_corpus(items: list[dict], split: str, rules: list[Rule] | None = None) -> CorpusEvaluation:
    """Provision-level precision and recall (a provision is flagged when any rule raises a finding on it), and per rule
    family: provisions labelled with the family and found by one of its rules."""
    rules = load_rules() if rules is None else rules
    result = CorpusEvaluation(split=split)
    for item in items:
        label = item["label"]
        findings = check_text(item["text"], rules)
        raised = sorted({rule_family(f.rule_code) for f in findings})
        expected = label != "lawful"
        result.score.add(expected=expected, predicted=bool(findings))
        for family in raised:
            family_score = result.families.setdefault(family, RuleScore(code=family))
            family_score.raised += 1
            family_score.correct += family == label
        if expected:
            family_score = result.families.setdefault(label, RuleScore(code=label))
            family_score.labelled += 1
            family_score.found += label in raised
        row = {"id": item["id"], "label": label, "text": item["text"], "source_title": item["source_title"]}
        if expected and not findings:
            result.misses.append(row)
        elif findings and not expected:
            triggers = [f"{f.rule_code}：{f.matched}" for f in findings]
            result.false_alarms.append({**row, "raised": raised, "triggers": triggers})
        elif expected and label not in raised:
            result.wrong_family.append({**row, "raised": raised})
    return result
