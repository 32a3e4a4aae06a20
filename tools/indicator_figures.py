#!/usr/bin/env python3
"""Every figure's values, to compare two versions of the code, and where a county's statements go (issue 19).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_prov FAZHI_DEV=1 PYTHONPATH=src
    .venv/bin/python tools/indicator_figures.py dump before.json        # in a checkout of the old code
    .venv/bin/python tools/indicator_figures.py dump after.json         # in a checkout of the new code
    .venv/bin/python tools/indicator_figures.py compare before.json after.json
    .venv/bin/python tools/indicator_figures.py profile [--scope county|all]   # statements per indicator
    .venv/bin/python tools/indicator_figures.py time [--repeat 3]        # evaluate_all, all and county, best of N
    .venv/bin/python tools/indicator_figures.py ratios out.json [--repeat 3]  # each indicator alone against its floor

`dump` writes, for every registered indicator, the whole installation and the bench's county (`bench.county()`),
the year before today's and the one before it: value, numerator, denominator, previous year's value and the change,
as `evaluate_all` returns them. `compare` prints every difference and exits 1 if there is one. Reads only.
Not part of the platform; standard library and the project only.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from fazhi.core import clock  # noqa: E402
from fazhi.indicators import registry  # noqa: E402
from fazhi.indicators.registry import Period, Scope, evaluate_all  # noqa: E402
from fazhi.perf import bench  # noqa: E402


def out(*parts) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def scopes() -> dict[str, Scope | None]:
    unit = bench.county()
    return {"all": None, f"county:{unit.code}": Scope(unit)}


def years() -> list[int]:
    year = clock.today().year - 1
    return [year, year - 1]


def dump(path: str) -> None:
    figures = {}
    for name, scope in scopes().items():
        for year in years():
            for r in evaluate_all(Period.year(year), scope):
                d = r.as_dict()
                figures[f"{name}|{year}|{d['code']}"] = {
                    k: d[k] for k in ("value", "numerator", "denominator", "previous", "change")
                }
    with open(path, "w") as f:
        json.dump(figures, f, ensure_ascii=False, indent=0, sort_keys=True)
    out(f"{len(figures)} figures written to {path}")


def compare(a: str, b: str) -> int:
    with open(a) as f:
        before = json.load(f)
    with open(b) as f:
        after = json.load(f)
    differ = 0
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            differ += 1
            out(f"{key}: {before.get(key)} -> {after.get(key)}")
    out(f"{len(before)} and {len(after)} figures, {differ} different")
    return 1 if differ else 0


class Recorder:
    """Statements and their database time, attributed to the indicator being computed."""

    def __init__(self):
        self.current = "(outside)"
        self.stats = collections.defaultdict(lambda: [0, 0.0])
        self.show = ""

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self.show and (self.show == "*" or self.current.startswith(self.show)):
                out(f"  {self.current}: {sql[:160]}")
            s = self.stats[self.current]
            s[0] += 1
            s[1] += time.perf_counter() - started


def profile(scope_name: str, show: str = "") -> None:
    scope = None if scope_name == "all" else scopes()[next(k for k in scopes() if k.startswith("county"))]
    recorder = Recorder()
    recorder.show = show
    originals = {}
    for code, ind in registry.REGISTRY.items():
        originals[code] = ind.compute

        def wrapped(period, sc, code=code, fn=ind.compute):
            previous, recorder.current = recorder.current, code
            try:
                return fn(period, sc)
            finally:
                recorder.current = previous

        object.__setattr__(ind, "compute", wrapped)
    evaluate_all(Period.year(years()[0]), scope)  # warm
    with connection.execute_wrapper(recorder):
        started = time.perf_counter()
        evaluate_all(Period.year(years()[0]), scope)
        total = time.perf_counter() - started
    families = collections.defaultdict(lambda: [0, 0.0, 0])
    for code, (n, s) in recorder.stats.items():
        fam = ".".join(code.split(".")[:2])
        families[fam][0] += n
        families[fam][1] += s
    for code in registry.REGISTRY:
        families[".".join(code.split(".")[:2])][2] += 1
    out(f"{'family':45} {'figures':>7} {'stmts':>6} {'db ms':>8}")
    for fam, (n, s, k) in sorted(families.items(), key=lambda x: -x[1][0]):
        out(f"{fam:45} {k:7} {n:6} {s * 1000:8.1f}")
    n = sum(v[0] for v in recorder.stats.values())
    s = sum(v[1] for v in recorder.stats.values())
    out(f"total {n} statements, {s * 1000:.0f} ms in the database, {total * 1000:.0f} ms in all")


def timing(repeat: int) -> None:
    period = Period.year(years()[0])
    evaluate_all(period, None)
    for name, scope in scopes().items():
        runs, cpu = [], []
        for _ in range(repeat):
            started = time.process_time()
            runs.append(bench.timed(lambda scope=scope: evaluate_all(period, scope)))
            cpu.append(time.process_time() - started)
        best = min(r[0] for r in runs)
        out(
            f"{name}: best {best:.3f} s of {[round(r[0], 3) for r in runs]}, {runs[0][1]} statements; "
            f"Python processor time best {min(cpu):.3f} s"
        )
    out("load average", os.getloadavg())


def ratios(path: str, repeat: int) -> None:
    """Every indicator timed alone (`evaluate`, the year and the year before) against its family's floor
    (`perf.floors`), each the best of `repeat` runs (bench.indicators times each once); written to `path`, the
    indicators over 2× their floor printed."""
    from fazhi.indicators.registry import evaluate
    from fazhi.perf import floors

    period = Period.year(years()[0])
    floor_seconds = {
        floor.family: min(floors.run(floor, period, None)[0] for _ in range(repeat))
        for floor in floors.FLOORS
    }
    per = []
    for code in sorted(registry.REGISTRY):
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            evaluate(code, period)
            seconds.append(time.perf_counter() - started)
        floor = floors.family_of(code)
        f = floor_seconds[floor.family] if floor else None
        per.append(
            {
                "code": code,
                "seconds": min(seconds),
                "floor_seconds": f,
                "ratio": min(seconds) / f if f else None,
            }
        )
    with open(path, "w") as fh:
        json.dump({"repeat": repeat, "load": os.getloadavg(), "per": per}, fh, ensure_ascii=False, indent=1)
    over = [p for p in per if p["ratio"] and p["ratio"] > 2]
    out(f"{len([p for p in per if p['ratio']])} with a floor, {len(over)} over 2x (best of {repeat}):")
    for p in sorted(over, key=lambda p: -p["ratio"]):
        out(
            f"  {p['code']}: {p['seconds'] * 1000:.1f} ms, floor {p['floor_seconds'] * 1000:.1f} ms, {p['ratio']:.1f}x"
        )
    out("load average", os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description="指标数值导出、比较与语句分布")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("path")
    p = sub.add_parser("compare")
    p.add_argument("before")
    p.add_argument("after")
    p = sub.add_parser("profile")
    p.add_argument("--scope", default="county", choices=["county", "all"])
    p.add_argument("--show", default="", help="print the statements of the indicators whose code starts so")
    sub.add_parser("time").add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("ratios")
    p.add_argument("path")
    p.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.path)
    elif args.command == "compare":
        sys.exit(compare(args.before, args.after))
    elif args.command == "profile":
        profile(args.scope, args.show)
    elif args.command == "ratios":
        ratios(args.path, args.repeat)
    else:
        timing(args.repeat)


if __name__ == "__main__":
    main()
