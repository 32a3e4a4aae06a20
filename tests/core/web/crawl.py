"""A breadth-first crawl of the signed-in pages as one user, with Django's test client: every same-site link from
the home page, skipping logout, exports and downloads; what it finds on each page (500s, Latin identifiers, English
words, internal codes, doubled words) is reported page by page. Pages of one shape (the same path but for its record
ids, with the same query parameters) are visited PER_SHAPE times at most, so that a budget of pages reaches every
kind of page — a record's correction page as well as its list — rather than many records of the first list."""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

MAX_PAGES = 300
PER_SHAPE = 1
# Links the crawl does not follow: signing out, downloads, machine interfaces, the admin's change forms.
SKIP = re.compile(
    r"^/(accounts/logout|api/|static/|media/)|export|/download|/template/|\.(docx|xlsx|pdf|zip|csv)$|"
    r"/status/$|/delete/$|/history/$|/password/|^/admin/"
)

# A Latin identifier with a dot or an underscore (a setting key, a model label `oversight.inspectionfinding:20`).
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z][a-z0-9_]*(?::\d+)?\b|\b[a-z]+_[a-z0-9_]+\b")
# English words that leak from untranslated screens.
ENGLISH = re.compile(
    r"\b(Select action|Type to search|Server Error|Not Found|Forbidden|Page not found|None|True|False|"
    r"Search|Filter|Add|Delete|Save|Go|Previous|Next)\b"
)
# A ledger or registry code shown in brackets, e.g. （organizations）.
CODE_IN_BRACKETS = re.compile(r"[（(][a-z][a-z0-9_]+[）)]")
# The same two or more Chinese characters twice in a row: 台账台账, 任务任务.
DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,})\1")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code", "pre", "textarea", "option", "template"):
            self._skip += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "pre", "textarea", "option", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


@dataclass
class Finding:
    path: str
    kind: str
    text: str

    def __str__(self):
        return f"{self.path}: {self.kind} {self.text!r}"


@dataclass
class CrawlResult:
    visited: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    complete: bool = False  # the walk ran out of new kinds of page before max_pages


def visible_text(html: str) -> tuple[str, list[str]]:
    parser = _Page()
    parser.feed(html)
    return " ".join(" ".join(parser.text).split()), parser.links


def check_text(path: str, text: str, usernames: frozenset[str] = frozenset()) -> list[Finding]:
    """What a user should not see in a page's text. A user's login name in brackets after their name, 何静宜（jyj）,
    is how they sign in, not an internal code."""
    found = []
    for pattern, kind in (
        (IDENTIFIER, "代码"),
        (ENGLISH, "英文"),
        (CODE_IN_BRACKETS, "括号代码"),
        (DOUBLED, "重复词"),
    ):
        for m in pattern.finditer(text):
            if kind == "括号代码" and m.group(0)[1:-1] in usernames:
                continue
            found.append(Finding(path, kind, text[max(0, m.start() - 12) : m.end() + 12]))
    return found


def shape(path: str, query: str = "") -> str:
    """A page's kind: its path with record ids as N, and the names of its query parameters."""
    keys = sorted({part.split("=")[0] for part in query.split("&") if part})
    return re.sub(r"/\d+(?=/|$)", "/N", path) + "?" + "&".join(keys)


def crawl(
    client,
    start: str = "/",
    max_pages: int = MAX_PAGES,
    allowed=lambda f: False,
    usernames: frozenset[str] = frozenset(),
    per_shape: int = PER_SHAPE,
) -> CrawlResult:
    result = CrawlResult()
    queue, seen, shapes = deque([start]), {start}, Counter()
    while queue and len(result.visited) < max_pages:
        path = queue.popleft()
        response = client.get(path)
        result.visited.append(path)
        if response.status_code >= 500:
            result.findings.append(Finding(path, "500", str(response.status_code)))
            continue
        if response.status_code in (301, 302):
            target = urlsplit(response["Location"]).path
            if target not in seen and not target.startswith("/accounts/login"):
                seen.add(target)
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        text, links = visible_text(response.content.decode())
        result.findings += [f for f in check_text(path, text, usernames) if not allowed(f)]
        for href in links:
            url = urldefrag(urljoin(path, href))[0]
            parts = urlsplit(url)
            if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or SKIP.search(parts.path) or "export=" in parts.query:
                continue
            seen.add(target)
            kind = shape(parts.path, parts.query)
            if shapes[kind] >= per_shape:
                continue
            shapes[kind] += 1
            queue.append(target)
    result.complete = not queue
    return result
