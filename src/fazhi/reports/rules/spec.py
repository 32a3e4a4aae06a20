"""The data the reports run on, read from content/*.toml: groups of indicators, dashboard trends, identities between
figures, problem rules, narrative aliases, and the default report template as blocks of text."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.indicators.registry import REGISTRY, Indicator

CONTENT = Path(__file__).parents[1] / "content"
TITLE, H1, H2, P = "title", "h1", "h2", "p"
OTHER_GROUP = ("other", "其他")


@functools.cache
def rules() -> dict:
    with open(CONTENT / "rules.toml", "rb") as f:
        return tomllib.load(f)


@functools.cache
def default_template() -> dict:
    with open(CONTENT / "default_template.toml", "rb") as f:
        return tomllib.load(f)


@functools.cache
def record_pages() -> dict[str, dict]:
    """model label → {"url": URL name, "field": the field giving its argument} — or "prefix" (fixed arguments),
    "args" (fields giving the rest) and "query" (parameter → field: a list page searched for the record)
    (content/record_pages.toml)."""
    with open(CONTENT / "record_pages.toml", "rb") as f:
        return tomllib.load(f)["pages"]


@functools.cache
def record_names() -> dict[str, list[str]]:
    """model label → the related records its name reads (content/record_pages.toml [names])."""
    with open(CONTENT / "record_pages.toml", "rb") as f:
        return tomllib.load(f).get("names", {})


def groups() -> list[tuple[str, str]]:
    return [(g["key"], g["name"]) for g in rules()["groups"]] + [OTHER_GROUP]


def group_of(indicator: Indicator) -> str:
    """The group key of an indicator: its declared group, else the first group whose prefix matches its code."""
    if indicator.group:
        return indicator.group
    for g in rules()["groups"]:
        if any(indicator.code.startswith(p) for p in g["prefixes"]):
            return g["key"]
    return OTHER_GROUP[0]


def aliases(indicator: Indicator) -> list[str]:
    """Words the narrative may use for the indicator: its name without bracketed parts, and the declared ones."""
    own = re.sub(r"（[^）]*）|\([^)]*\)", "", indicator.name).strip()
    words = [own, *rules().get("aliases", {}).get(indicator.code, [])]
    return sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)


@dataclass
class Block:
    """One piece of the report's text: the title, a level-one or level-two heading, or a paragraph."""

    kind: str
    text: str
    group: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass
class Template:
    blocks: list[Block] = field(default_factory=list)
    source: str = "default"  # default, or the override's description


def default_blocks() -> list[Block]:
    """The default template as blocks; a subsection of a group without any registered indicator is left out."""
    data = default_template()
    present = {group_of(i) for i in REGISTRY.values()}
    blocks = [Block(TITLE, data["title"])] + [Block(P, t) for t in data.get("intro", [])]
    for section in data["sections"]:
        blocks.append(Block(H1, section["heading"]))
        blocks += [Block(P, t) for t in section.get("paragraphs", [])]
        for sub in section.get("subsections", []):
            if sub.get("group") and sub["group"] not in present:
                continue
            blocks.append(Block(H2, sub["heading"], sub.get("group", "")))
            blocks += [Block(P, t, sub.get("group", "")) for t in sub.get("paragraphs", [])]
    return blocks


def blocks_to_text(blocks: list[Block]) -> str:
    """The editable form: the title on the first line, "# " level-one headings, "## " level-two, a line a paragraph."""
    prefix = {TITLE: "", H1: "# ", H2: "## ", P: ""}
    return "\n".join(prefix[b.kind] + b.text for b in blocks) + "\n"


def text_to_blocks(text: str) -> list[Block]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    blocks = []
    for i, line in enumerate(lines):
        if i == 0:
            blocks.append(Block(TITLE, line.lstrip("# ").strip()))
        elif line.startswith("## "):
            blocks.append(Block(H2, line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(Block(H1, line[2:].strip()))
        else:
            blocks.append(Block(P, line))
    return blocks
