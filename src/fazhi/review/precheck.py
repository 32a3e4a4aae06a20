"""Automatic pre-check of drafts before legality review: splits the text into sentences and flags what a normative
document may not do (the 七个不得 of 国办发〔2018〕37号, the fair-competition review standards), each with its basis."""

from __future__ import annotations

import functools
import io
import json
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fazhi.review.models import PrecheckRule

logger = logging.getLogger(__name__)

RULES_FILE = Path(__file__).with_name("precheck_rules.json")
DATASET_FILE = Path(__file__).with_name("precheck_dataset.json")

SEVERITY_LABELS = dict(PrecheckRule.Severity.choices)
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

# A fragment is written {{名称}} in a pattern and defined once in the rules file (fragments), shared by all rules.
_FRAGMENT = re.compile(r"\{\{([^{}]+)\}\}")
# A sentence ends at 。！？； (or their ASCII forms) together with the closing quotes and brackets that follow it.
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)】〕\"']*")
_BLANK = " \t\u3000\u00a0\ufeff"


class PrecheckFileError(ValueError):
    """A draft that cannot be read: an unsupported type or a damaged file (the message is Chinese, for the user)."""


class PrecheckRuleError(ValueError):
    """A rule that cannot be used: a bad regular expression or an unknown {{fragment}}."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    pattern: re.Pattern
    exclude_pattern: re.Pattern | None
    basis: str
    severity: str
    explanation: str = ""
    source: str = "shipped"  # shipped: precheck_rules.json; admin: a PrecheckRule row

    def find(self, sentence: str) -> re.Match | None:
        """The match of the rule in one sentence, or None when it does not match or a lawful look-alike excludes it."""
        match = self.pattern.search(sentence)
        if match is None or (self.exclude_pattern is not None and self.exclude_pattern.search(sentence)):
            return None
        return match


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int  # 1-based, counting the non-empty paragraphs (lines) of the text
    start: int  # offsets in the whole text: text[start:end] == sentence
    end: int


@dataclass(frozen=True)
class Finding:
    sentence: str
    paragraph: int
    start: int
    end: int
    rule_code: str
    rule_name: str
    category: str
    basis: str
    severity: str
    explanation: str
    matched: str
    match_start: int  # offsets of the matched words in the whole text
    match_end: int

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    def as_dict(self) -> dict:
        return {**asdict(self), "severity_label": self.severity_label}


# --- rules -------------------------------------------------------------------------------------------------------


@functools.cache
def _shipped_file(path: Path = RULES_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def fragments() -> dict[str, str]:
    """The named regular-expression fragments of the rules file ({{上位法依据}}, {{本地}} …)."""
    return dict(_shipped_file().get("fragments", {}))


def _expand(pattern: str, known: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1).strip()
        if name not in known:
            raise PrecheckRuleError(f"未定义的片段 {{{{{name}}}}}")
        return f"(?:{known[name]})"

    return _FRAGMENT.sub(replace, pattern)


def compile_rule(
    *,
    code: str,
    name: str,
    category: str,
    pattern: str,
    basis: str,
    severity: str = "medium",
    exclude_pattern: str = "",
    explanation: str = "",
    source: str = "shipped",
) -> Rule:
    """A usable rule from its data; PrecheckRuleError (in Chinese, naming the rule) when a pattern is not valid."""
    known = fragments()
    compiled: dict[str, re.Pattern | None] = {}
    for label, text in (("匹配", pattern), ("排除", exclude_pattern)):
        if not text:
            compiled[label] = None
            continue
        try:
            compiled[label] = re.compile(_expand(text, known))
        except (re.error, PrecheckRuleError) as exc:
            raise PrecheckRuleError(f"规则 {code} 的{label}正则表达式有误：{exc}") from exc
    if compiled["匹配"] is None:
        raise PrecheckRuleError(f"规则 {code} 没有匹配正则表达式。")
    return Rule(
        code=code,
        name=name,
        category=category,
        pattern=compiled["匹配"],
        exclude_pattern=compiled["排除"],
        basis=basis,
        severity=severity if severity in SEVERITY_ORDER else "medium",
        explanation=explanation,
        source=source,
    )


def shipped_rules() -> list[Rule]:
    """The rules of precheck_rules.json, in file order."""
    return [
        compile_rule(
            code=item["code"],
            name=item["name"],
            category=item["category"],
            pattern=item["pattern"],
            exclude_pattern=item.get("exclude_pattern", ""),
            basis=item["basis"],
            severity=item.get("severity", "medium"),
            explanation=item.get("explanation", ""),
        )
        for item in _shipped_file()["rules"]
    ]


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


# --- text --------------------------------------------------------------------------------------------------------


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _BLANK):
        start += 1
    while end > start and (text[end - 1] in _BLANK):
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text: split at 。！？； and at line breaks, each with its offsets and paragraph number."""
    sentences: list[Sentence] = []
    paragraph = 0
    for line in re.finditer(r"[^\r\n]+", text):
        if not line.group().strip(_BLANK):
            continue
        paragraph += 1
        cursor = line.start()
        ends = [m.end() for m in _SENTENCE_END.finditer(text, line.start(), line.end())]
        if not ends or ends[-1] != line.end():
            ends.append(line.end())
        for end in ends:
            start, stop = _stripped(text, cursor, end)
            cursor = end
            if start < stop and not _SENTENCE_END.fullmatch(text, start, stop):
                sentences.append(Sentence(text=text[start:stop], paragraph=paragraph, start=start, end=stop))
    return sentences


def check_sentences(sentences: Iterable[Sentence], rules: list[Rule]) -> Iterator[Finding]:
    for sentence in sentences:
        for rule in rules:
            match = rule.find(sentence.text)
            if match is None:
                continue
            yield Finding(
                sentence=sentence.text,
                paragraph=sentence.paragraph,
                start=sentence.start,
                end=sentence.end,
                rule_code=rule.code,
                rule_name=rule.name,
                category=rule.category,
                basis=rule.basis,
                severity=rule.severity,
                explanation=rule.explanation,
                matched=match.group(),
                match_start=sentence.start + match.start(),
                match_end=sentence.start + match.end(),
            )


def check_text(text: str, rules: list[Rule] | None = None) -> list[Finding]:
    """The findings of a draft, in reading order (the more severe first within a sentence)."""
    rules = load_rules() if rules is None else rules
    findings = check_sentences(split_sentences(text), rules)
    return sorted(findings, key=lambda f: (f.start, SEVERITY_ORDER.get(f.severity, 9), f.rule_code))


# --- files -------------------------------------------------------------------------------------------------------


def _decode_text(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise PrecheckFileError(
            "文本文件的编码无法识别：请另存为 UTF-8 或 GB18030（GBK）编码后重新上传。"
        ) from exc


def _docx_blocks(container) -> Iterator[str]:
    """The text of a document body or table cell: paragraphs and table cells in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            seen = (
                set()
            )  # holds the cell elements themselves: lxml keeps one proxy per element while it is referenced
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen:  # a merged cell is returned once for each grid column it spans
                        continue
                    seen.add(cell._tc)
                    yield from _docx_blocks(cell)


def _decode_docx(content: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PrecheckFileError(
            "Word 文档已损坏或不是有效的 .docx 文件，无法读取，请检查后重新上传。"
        ) from exc
    except Exception as exc:  # lxml and zip errors of a broken package have no common base class
        raise PrecheckFileError(
            "Word 文档已损坏或不是有效的 .docx 文件，无法读取，请检查后重新上传。"
        ) from exc
    return "\n".join(_docx_blocks(document))


def read_document(name: str, content: bytes) -> str:
    """The text of an uploaded draft: .txt (UTF-8 or GB18030) or .docx (paragraphs and table cells)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        return _decode_text(content)
    if suffix == ".docx":
        return _decode_docx(content)
    if suffix in {".doc", ".wps"}:
        raise PrecheckFileError(
            f"暂不支持 {suffix} 格式：请在 Word 或 WPS 中另存为 .docx 后上传，或直接粘贴文本。"
        )
    shown = suffix or "（无扩展名）"
    raise PrecheckFileError(f"不支持的文件类型 {shown}：请上传 .docx 或 .txt 文件，或直接粘贴文本。")


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
