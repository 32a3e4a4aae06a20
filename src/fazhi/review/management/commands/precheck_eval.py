"""fazhi precheck_eval [--dataset PATH] [--json]: precision and recall of the pre-check rules on the labelled sentences."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fazhi.review.documents import precheck as precheck_files
from fazhi.review.rules import precheck as precheck_rules
from fazhi.review.selectors import precheck as precheck_reads

SPLIT_LABELS = {"all": "全部", "main": "开发集", "holdout": "留出集"}


def _ratio(value: float | None, numerator: int, denominator: int) -> str:
    if value is None:
        return "—（无样本）"
    return f"{value:.1%}（{numerator}/{denominator}）"


class Command(BaseCommand):
    help = "在标注集上评估自动预审规则：句子级精确率、召回率，各规则的精确率，并列出误报和漏报。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset", help="标注集 JSON 文件（默认为随程序提供的 review/precheck_dataset.json）"
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument(
            "--shipped-only", action="store_true", help="只评估内置规则，不含管理员添加的规则"
        )

    def handle(self, *args, dataset, shipped_only, **options):
        path = dataset or precheck_rules.DATASET_FILE
        try:
            items = precheck_reads.load_dataset(path)
        except precheck_files.PrecheckFileError as exc:
            raise CommandError(str(exc)) from exc
        rules = self._rules(shipped_only)
        result = precheck_reads.evaluate(items, rules)
        if options["json"]:
            payload = {"dataset": str(path), "rules": len(rules), **result.as_dict()}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self._write_text(path, items, rules, result)

    def _rules(self, shipped_only: bool) -> list[precheck_rules.Rule]:
        if shipped_only:
            return precheck_rules.shipped_rules()
        try:
            return precheck_reads.load_rules()
        except DatabaseError:
            self.stderr.write("数据库不可用，本次仅评估内置规则。")
            return precheck_rules.shipped_rules()

    def _write_text(self, path, items, rules, result: precheck_reads.Evaluation) -> None:
        positive = sum(1 for item in items if item["labels"])
        admin = sum(1 for rule in rules if rule.source == "admin")
        self.stdout.write(
            f"标注集：{path}（{len(items)}句：违规{positive}句，合法{len(items) - positive}句）"
        )
        self.stdout.write(f"规则：{len(rules)}条（内置{len(rules) - admin}条，管理员添加{admin}条）")
        self.stdout.write("")
        for split, score in result.scores.items():
            predicted = score.true_positive + score.false_positive
            actual = score.true_positive + score.false_negative
            self.stdout.write(
                f"{SPLIT_LABELS.get(split, split)}（{score.total}句）："
                f"精确率 {_ratio(score.precision, score.true_positive, predicted)}，"
                f"召回率 {_ratio(score.recall, score.true_positive, actual)}"
            )
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING("各规则（提示次数、其中与标注一致、精确率；标注句数、其中找到）：")
        )
        for code, score in sorted(result.rules.items()):
            self.stdout.write(
                f"  {code:<24} {score.name:<16} 提示{score.raised:>3} 正确{score.correct:>3} "
                f"精确率 {'—' if score.precision is None else f'{score.precision:.0%}':>4}  "
                f"标注{score.labelled:>3} 找到{score.found:>3}"
            )
        self._write_errors("误报（合法句被提示）", result.false_positives, "提示")
        self._write_errors("漏报（违规句未提示）", result.false_negatives, "应为")
        self._write_errors("规则不符（违规句被提示，但不是标注的规则）", result.wrong_rule, "提示")

    def _write_errors(self, title: str, rows: list[dict], verb: str) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"{title}：{len(rows)}句"))
        for row in rows:
            codes = row.get("raised") if verb == "提示" else row["labels"]
            expected = f"；标注 {'、'.join(row['labels'])}" if verb == "提示" and row["labels"] else ""
            self.stdout.write(f"  [{row['id']}] {row['text']} —— {verb} {'、'.join(codes)}{expected}")
