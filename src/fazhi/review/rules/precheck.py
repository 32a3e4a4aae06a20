"""The rules of the draft pre-check (草案预审): the rules shipped in precheck_rules.json (the 七个不得 of 国办发〔2018〕37号,
the fair-competition review standards), how a rule's patterns are compiled (with {{fragments}}), how a text is split
into sentences and which rule flags which sentence. Pure: no database; the administrator's rules are read by
selectors.precheck.

A rule marked as a candidate rule ("candidate": true) is broader: it raises a finding only on a sentence that the
statistical candidate model (review/precheck/model.py, trained on the training split of the corpus) also proposes. The
finding still names the rule, its basis article and the words that triggered it; the model alone never raises one."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from re import _constants as sre_constants  # parsed patterns: the words every match of a rule contains
from re import _parser as sre_parser

from django.core.exceptions import ValidationError

from ..precheck import model as candidate_model

APP_DIR = Path(__file__).resolve().parent.parent
RULES_FILE = APP_DIR / "precheck_rules.json"
DATASET_FILE = APP_DIR / "precheck_dataset.json"

SEVERITY_LABELS = {"high": "严重", "medium": "一般", "low": "提示"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

# A fragment is written {{名称}} in a pattern and defined once in the rules file (fragments), shared by all rules.
_FRAGMENT = re.compile(r"\{\{([^{}]+)\}\}")
# A sentence ends at 。！？； (or their ASCII forms) together with the closing quotes and brackets that follow it.
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)】〕\"']*")
_BLANK = " \t\u3000\u00a0\ufeff"


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
    candidate: bool = False  # raises a finding only where the candidate model also proposes the sentence
    # Words one of which every match of the pattern contains (derived from the pattern, never written by hand): a
    # sentence with none of them cannot match, and is passed over without running the regular expression.
    required: tuple[str, ...] | None = None
    # the required words as one expression: a single search instead of a loop
    screen: re.Pattern | None = None

    def find(self, sentence: str) -> re.Match | None:
        """The match of the rule in one sentence, or None when it does not match or a lawful look-alike excludes it."""
        if self.screen is not None and self.screen.search(sentence) is None:
            return None
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
    model_score: float | None = None  # the candidate model's score, for a candidate rule's finding

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


def _cost(words: frozenset[str]) -> float:
    return len(words) / min(len(word) for word in words)  # fewer and longer words pass over more sentences


def _required(parsed) -> frozenset[str] | None:
    """Words one of which every match of a parsed pattern contains, or None when no such words can be named: a run of
    literal characters; a small class of characters; for an alternation, the union of its branches' words; for a
    repeat, its item's words when it must occur at least once. Of a sequence's elements the most selective is kept."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and all(words) and (best is None or _cost(words) < _cost(best)):
            best = words

    for op, value in parsed:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        if op is sre_constants.IN:
            chars = [chr(arg) for kind, arg in value if kind is sre_constants.LITERAL]
            if len(chars) == len(value) and len(chars) <= 12:
                consider(frozenset(chars))
        elif op is sre_constants.SUBPATTERN:
            if not value[1] & re.IGNORECASE:  # (?i:…) matches other spellings than its literals
                consider(_required(value[-1]))
        elif op is sre_constants.BRANCH:
            branches = [_required(branch) for branch in value[1]]
            if all(branch is not None for branch in branches):
                consider(frozenset().union(*branches))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            if value[0] >= 1:
                consider(_required(value[2]))
    if run:
        consider(frozenset({"".join(run)}))
    return best


def required_words(pattern: str) -> tuple[str, ...] | None:
    """The words one of which every match of the (expanded) pattern contains, longest first; None if none."""
    try:
        parsed = sre_parser.parse(pattern)
        words = None if parsed.state.flags & re.IGNORECASE else _required(parsed)
    except Exception:  # an unusual construct: no shortcut, the regular expression always runs
        return None
    return tuple(sorted(words, key=lambda word: (-len(word), word))) if words else None


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
    candidate: bool = False,
) -> Rule:
    """A usable rule from its data; PrecheckRuleError (in Chinese, naming the rule) when a pattern is not valid."""
    known = fragments()
    compiled: dict[str, re.Pattern | None] = {}
    expanded: dict[str, str] = {}
    for label, text in (("匹配", pattern), ("排除", exclude_pattern)):
        if not text:
            compiled[label] = None
            continue
        try:
            expanded[label] = _expand(text, known)
            compiled[label] = re.compile(expanded[label])
        except (re.error, PrecheckRuleError) as exc:
            raise PrecheckRuleError(f"规则 {code} 的{label}正则表达式有误：{exc}") from exc
    if compiled["匹配"] is None:
        raise PrecheckRuleError(f"规则 {code} 没有匹配正则表达式。")
    required = required_words(expanded["匹配"])
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
        candidate=candidate,
        required=required,
        screen=re.compile("|".join(map(re.escape, required))) if required else None,
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
            candidate=bool(item.get("candidate", False)),
        )
        for item in _shipped_file()["rules"]
    ]


def validate_rule(record) -> None:
    """预审规则：匹配和排除的正则表达式须能使用（片段须已定义）。"""
    try:
        compile_rule(
            code=record.code,
            name=record.name,
            category=record.category,
            pattern=record.pattern,
            basis=record.basis,
            exclude_pattern=record.exclude_pattern,
        )
    except PrecheckRuleError as exc:
        field = "exclude_pattern" if "排除" in str(exc) else "pattern"
        raise ValidationError({field: str(exc)}) from exc


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


def rule_family(code: str) -> str:
    """The family a rule belongs to: its code's first two parts (fc.preferential.contribution → fc.preferential)."""
    return ".".join(code.split(".")[:2])


def check_sentences(sentences: Iterable[Sentence], rules: list[Rule]) -> Iterator[Finding]:
    """The findings of each sentence, at most one per rule family (the first rule in order that matches: the family's
    main rule before its narrower ones, a definite rule before a candidate rule). A candidate rule's match counts only
    where the candidate model proposes the sentence (scored once per sentence, only when a candidate rule matched)."""
    ordered = [(rule, rule_family(rule.code)) for rule in sorted(rules, key=lambda rule: rule.candidate)]
    for sentence in sentences:
        proposed: tuple[bool, float] | None = None
        families: set[str] = set()
        for rule, family in ordered:
            if family in families:
                continue
            match = rule.find(sentence.text)
            if match is None:
                continue
            model_score = None
            if rule.candidate:
                if proposed is None:
                    proposed = candidate_model.is_candidate(sentence.text)
                if not proposed[0]:
                    continue
                model_score = round(proposed[1], 3)
            families.add(family)
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
                model_score=model_score,
            )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order, the more severe first within a sentence."""
    return sorted(findings, key=lambda f: (f.start, SEVERITY_ORDER.get(f.severity, 9), f.rule_code))
