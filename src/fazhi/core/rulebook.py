"""Where does a rule live? The catalogue of every rule, period and setting: read from each app's `rules` package (its
public functions and constants, with their docstrings) and core.config's settings, and where each is called from.

A rule's Chinese name is the first line of its docstring, its article the citation in it (《…》第…条 or …法第…条);
"ways in" are the layers of the project (service, ledger, api, web, admin, model, transition…) whose modules
reference the rule by name. Static: nothing here runs a rule."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps

from . import config

ARTICLE = re.compile(
    r"(《[^》]{2,40}》|[\u4e00-\u9fa5（）]{2,24}(?:法|条例|规定|办法|意见|纲要|通知))(第[一二三四五六七八九十百零〇\d]+条(?:第[（(][一二三四五六七八九十]+[)）]项)?(?:[、和至][第]?[一二三四五六七八九十百零〇\d]+条?)*)?"
)

# The layer a module belongs to, from its path inside an app (first matching part wins).
LAYERS = [
    ("services", "service"),
    ("ledgers", "ledger"),
    ("api", "api"),
    ("web", "web"),
    ("views", "web"),
    ("forms", "web"),
    ("admin", "admin"),
    ("models", "model"),
    ("selectors", "selector"),
    ("documents", "document"),
    ("indicators", "indicator"),
    ("workbench", "workbench"),
    ("management", "command"),
    ("rules", "rule"),
]


@dataclass
class Rule:
    code: str
    kind: str  # function, period, constant, setting
    name: str
    article: str
    module: str
    line: int
    ways_in: list[str] = field(default_factory=list)
    callers: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _project_apps() -> list:
    return [a for a in apps.get_app_configs() if a.name.startswith("fazhi.") and a.label != "demo"]


def _rule_modules(app_name: str) -> list:
    try:
        package = importlib.import_module(f"{app_name}.rules")
    except ModuleNotFoundError:
        return []
    modules = [package]
    if hasattr(package, "__path__"):
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            if not info.name.rsplit(".", 1)[-1].startswith("_"):  # private helpers are not rules
                modules.append(importlib.import_module(info.name))
    return modules


BARE_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
# A normative document cited by its number (国办发〔2018〕37号) or a title in 《》 without an article.
DOCUMENT = re.compile(r"[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+号|《[^》]{2,40}》")


def _article(text: str) -> str:
    """The citations in a docstring: 《某法》第…条 or 某法第…条; failing those, the bare 第…条 it names."""
    found = [m.group(0) for m in ARTICLE.finditer(text or "") if m.group(2)]
    if not found:
        found = BARE_ARTICLE.findall(text or "")
    if not found:
        found = DOCUMENT.findall(text or "")
    return "；".join(dict.fromkeys(found))


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n", 1)[0].strip()


def _constant_docs(source: str) -> dict[str, tuple[int, str]]:
    """Module-level NAME = … assignments with the string literal that follows them (attribute docstrings)."""
    tree = ast.parse(source)
    out: dict[str, tuple[int, str]] = {}
    body = tree.body
    for i, node in enumerate(body):
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        for name in targets:
            if not name.isupper() or name.startswith("_"):
                continue
            doc = ""
            nxt = body[i + 1] if i + 1 < len(body) else None
            if isinstance(nxt, ast.Expr) and isinstance(getattr(nxt, "value", None), ast.Constant):
                if isinstance(nxt.value.value, str):
                    doc = nxt.value.value
            out[name] = (
                node.lineno,
                doc + "\n" + ast.get_source_segment(source, node)
                if doc
                else ast.get_source_segment(source, node) or "",
            )
    return out


def _relative(path: str) -> str:
    root = Path(__file__).resolve().parents[1]
    try:
        return str(Path(path).resolve().relative_to(root.parent))
    except ValueError:
        return path


def _layer_of(module_name: str) -> str:
    parts = module_name.split(".")[2:]
    for part in parts:
        for prefix, layer in LAYERS:
            if part == prefix or part.startswith(prefix + "_") or part.endswith("_" + prefix):
                return layer
    return parts[-1] if parts else "app"


@cache
def _references() -> dict[str, set[str]]:
    """Every name referenced (as a Name or an attribute) by each project module outside rules: name -> modules."""
    root = Path(__file__).resolve().parents[1]
    refs: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        if module.endswith(".__init__"):
            module = module[: -len(".__init__")]
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.alias):
                names.add(node.name.rsplit(".", 1)[-1])
        for name in names:
            refs.setdefault(name, set()).add(module)
    return refs


def _ways_in(name: str, defined_in: str) -> tuple[list[str], list[str]]:
    callers = sorted(m for m in _references().get(name, ()) if m != defined_in and ".rules" not in m)
    layers = sorted({_layer_of(m) for m in callers})
    return layers, callers


def _names_used_by_each_definition(source: str) -> dict[str, set[str]]:
    """For a rules module: each top-level function or assignment, and the names its body refers to."""
    out: dict[str, set[str]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            targets = [node.name]
        elif isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        else:
            continue
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        used |= {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
        for target in targets:
            out.setdefault(target, set()).update(used - {target})
    return out


def _inherit_ways_in(rules: list[Rule], uses: dict[str, set[str]]) -> None:
    """A rule called by another rule (a permission behind a transition adapter, a period behind a deadline) is
    reached by the ways in that reach the rule calling it."""
    by_name: dict[str, list[Rule]] = {}
    for rule in rules:
        by_name.setdefault(rule.code.rsplit(".", 1)[-1], []).append(rule)
    changed = True
    while changed:
        changed = False
        for caller, used in uses.items():
            for caller_rule in by_name.get(caller, []):
                for name in used:
                    for rule in by_name.get(name, []):
                        if rule is caller_rule:
                            continue
                        merged = sorted(set(rule.ways_in) | set(caller_rule.ways_in))
                        if merged != rule.ways_in:
                            rule.ways_in = merged
                            changed = True


def catalogue() -> list[Rule]:
    """Every rule of every app, then every setting."""
    rules: list[Rule] = []
    uses: dict[str, set[str]] = {}
    seen: set[int] = set()
    for app in _project_apps():
        for module in _rule_modules(app.name):
            source = inspect.getsource(module)
            for name, used in _names_used_by_each_definition(source).items():
                uses.setdefault(name, set()).update(used)
            constants = _constant_docs(source)
            file = _relative(inspect.getsourcefile(module) or "")
            for name, obj in vars(module).items():
                if name.startswith("_"):
                    continue
                if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                    if id(obj) in seen:
                        continue
                    seen.add(id(obj))
                    doc = inspect.getdoc(obj) or ""
                    message = getattr(obj, "message", "")
                    line = inspect.getsourcelines(obj)[1]
                    layers, callers = _ways_in(name, module.__name__)
                    rules.append(
                        Rule(
                            code=f"{module.__name__.removeprefix('fazhi.')}.{name}",
                            kind="condition" if message else "function",
                            name=_first_line(doc) or _first_line(message),
                            article=_article(doc + "\n" + message),
                            module=file,
                            line=line,
                            ways_in=layers,
                            callers=callers,
                        )
                    )
                elif name in constants and not isinstance(obj, config.SettingSpec):
                    line, text = constants[name]
                    rule_text = getattr(obj, "rule", "") if not isinstance(obj, (int, str, float)) else ""
                    layers, callers = _ways_in(name, module.__name__)
                    kind = "period" if rule_text and hasattr(obj, "amount") else "constant"
                    rules.append(
                        Rule(
                            code=f"{module.__name__.removeprefix('fazhi.')}.{name}",
                            kind=kind,
                            name=_first_line(rule_text) or _first_line(text.split("\n", 1)[0]) or name,
                            article=_article(f"{rule_text}\n{text}"),
                            module=file,
                            line=line,
                            ways_in=layers,
                            callers=callers,
                        )
                    )
    _inherit_ways_in(rules, uses)
    for spec in config.SPECS.values():
        rules.append(
            Rule(
                code=spec.key,
                kind="setting",
                name=spec.name,
                article=_article(spec.basis) or spec.basis,
                module="core.config（数据管理 → 配置）",
                line=0,
                ways_in=["setting"],
            )
        )
    return rules
