"""fazhi precheck_eval [--json] [--split train|holdout] [--dataset PATH]: precision and recall of the pre-check on the
corpus of real provisions (train and the blind holdout), overall and per rule family, with and without the candidate
model, with every miss and false alarm, and the time to check a 30,000-character draft (best of three runs, wall clock
and processor time). --dataset evaluates the older labelled sentences instead."""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fazhi.review.documents import precheck as precheck_files
from fazhi.review.rules import precheck as precheck_rules
from fazhi.review.selectors import precheck as precheck_reads

SPLIT_LABELS = {"all": "全部", "main": "开发集", "holdout": "留出集", "train": "训练集"}
SPEED_CHARS = 30_000
SPEED_RUNS = 3


def _ratio(value: float | None, numerator: int, denominator: int) -> str:
    if value is None:
        return "—（无样本）"
    return f"{value:.1%}（{numerator}/{denominator}）"


def speed_draft(items: list[dict], size: int = SPEED_CHARS) -> str:
    """A draft of `size` characters made of the corpus provisions, one per line, repeated as needed."""
    lines, length = [], 0
    while length < size:
        for item in items:
            lines.append(item["text"])
            length += len(item["text"]) + 1
            if length >= size:
                break
    return "\n".join(lines)[:size]


def family_precision(result: precheck_reads.CorpusEvaluation) -> dict[str, float | None]:
    """Per rule family: of the provisions the family flagged, the share labelled with that family."""
    return {
        code: (round(family.correct / family.raised, 4) if family.raised else None)
        for code, family in sorted(result.families.items())
    }


def measure_speed(draft: str, rules: list[precheck_rules.Rule], runs: int = SPEED_RUNS) -> dict:
    """The best of `runs` checks of the draft, in wall-clock and processor milliseconds (the machine may be shared)."""
    wall, cpu, findings = [], [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        findings = precheck_reads.check_text(draft, rules)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "characters": len(draft),
        "milliseconds": round(min(wall), 1),
        "cpu_milliseconds": round(min(cpu), 1),
        "findings": len(findings),
    }


class Command(BaseCommand):
    help = "在真实规定语料（训练集与留出集）上评估自动预审：精确率、召回率、各规则族，列出全部漏报和误报，并测量3万字草案的用时。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--split", choices=["train", "holdout"], help="只评估一个部分（默认两部分都评估）"
        )
        parser.add_argument("--dataset", help="改为评估旧的标注句 JSON 文件")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument(
            "--shipped-only", action="store_true", help="只评估内置规则，不含管理员添加的规则"
        )

    def handle(self, *args, split, dataset, shipped_only, **options):
        rules = self._rules(shipped_only)
        if dataset:
            return self._dataset(dataset, rules, options["json"])
        splits = [split] if split else list(precheck_reads.CORPUS_SPLITS)
        try:
            corpus = {name: precheck_reads.load_corpus(name) for name in splits}
        except precheck_files.PrecheckFileError as exc:
            raise CommandError(str(exc)) from exc
        results = [precheck_reads.evaluate_corpus(items, name, rules) for name, items in corpus.items()]
        definite = [rule for rule in rules if not rule.candidate]
        without_model = {
            name: precheck_reads.evaluate_corpus(items, name, definite).score
            for name, items in corpus.items()
        }
        speed = measure_speed(speed_draft([item for items in corpus.values() for item in items]), rules)
        if options["json"]:
            payload = {
                "rules": len(rules),
                "candidate_rules": len(rules) - len(definite),
                "speed": speed,
                "splits": [
                    result.as_dict()
                    | {
                        "family_precision": family_precision(result),
                        "without_candidate_model": without_model[result.split].as_dict(),
                    }
                    for result in results
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"规则：{len(rules)}条（其中候选规则{len(rules) - len(definite)}条，须统计候选模型同时提示）"
        )
        self.stdout.write(
            f"速度：{speed['characters']}字的草案，三次中最快 {speed['milliseconds']} 毫秒"
            f"（处理器时间 {speed['cpu_milliseconds']} 毫秒，提示{speed['findings']}处）"
        )
        for result in results:
            self._write_split(corpus[result.split], result)
            plain = without_model[result.split]
            self.stdout.write(
                f"  不用候选模型（只用确定规则）：精确率 "
                f"{_ratio(plain.precision, plain.true_positive, plain.true_positive + plain.false_positive)}，召回率 "
                f"{_ratio(plain.recall, plain.true_positive, plain.true_positive + plain.false_negative)}"
            )

    def _rules(self, shipped_only: bool) -> list[precheck_rules.Rule]:
        if shipped_only:
            return precheck_rules.shipped_rules()
        try:
            return precheck_reads.load_rules()
        except DatabaseError:
            self.stderr.write("数据库不可用，本次仅评估内置规则。")
            return precheck_rules.shipped_rules()

    def _write_split(self, items: list[dict], result: precheck_reads.CorpusEvaluation) -> None:
        score = result.score
        positive = sum(1 for item in items if item["label"] != "lawful")
        sources = len({item["source_title"] for item in items})
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"{SPLIT_LABELS[result.split]}：{len(items)}条规定（违法{positive}条，合法{len(items) - positive}条，来源{sources}个）"
            )
        )
        self.stdout.write(
            f"  精确率 {_ratio(score.precision, score.true_positive, score.true_positive + score.false_positive)}，"
            f"召回率 {_ratio(score.recall, score.true_positive, score.true_positive + score.false_negative)}"
        )
        self.stdout.write("  各规则族（提示、其中与标注同族、精确率；标注、其中找到、召回率）：")
        precision = family_precision(result)
        for code, family in sorted(result.families.items()):
            recall = "—" if family.recall is None else f"{family.recall:.0%}"
            share = "—" if precision[code] is None else f"{precision[code]:.0%}"
            self.stdout.write(
                f"    {code:<26} 提示{family.raised:>4} 同族{family.correct:>4} 精确率 {share:>4}"
                f"  标注{family.labelled:>4} 找到{family.found:>4} 召回率 {recall}"
            )
        self.stdout.write(f"  漏报：{len(result.misses)}条")
        for row in result.misses:
            self.stdout.write(f"    [{row['id']}] {row['label']}：{row['text']}（{row['source_title']}）")
        self.stdout.write(f"  误报：{len(result.false_alarms)}条")
        for row in result.false_alarms:
            self.stdout.write(
                f"    [{row['id']}] {'；'.join(row['triggers'])}：{row['text']}（{row['source_title']}）"
            )
        self.stdout.write(f"  规则族不符：{len(result.wrong_family)}条")
        for row in result.wrong_family:
            self.stdout.write(
                f"    [{row['id']}] 标注 {row['label']}，提示 {'、'.join(row['raised'])}：{row['text']}"
            )

    def _dataset(self, path, rules, as_json: bool) -> None:
        try:
            items = precheck_reads.load_dataset(path)
        except precheck_files.PrecheckFileError as exc:
            raise CommandError(str(exc)) from exc
        result = precheck_reads.evaluate(items, rules)
        if as_json:
            self.stdout.write(
                json.dumps({"dataset": str(path), **result.as_dict()}, ensure_ascii=False, indent=2)
            )
            return
        for split, score in result.scores.items():
            predicted = score.true_positive + score.false_positive
            actual = score.true_positive + score.false_negative
            self.stdout.write(
                f"{SPLIT_LABELS.get(split, split)}（{score.total}句）："
                f"精确率 {_ratio(score.precision, score.true_positive, predicted)}，"
                f"召回率 {_ratio(score.recall, score.true_positive, actual)}"
            )
