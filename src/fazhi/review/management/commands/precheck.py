"""fazhi precheck FILE [--json]: the automatic pre-check of a draft (.docx or .txt, or - for text on standard input)."""

import json
import sys
from collections import Counter
from itertools import groupby
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fazhi.review.documents import precheck as precheck_files
from fazhi.review.rules import precheck as precheck_rules
from fazhi.review.selectors import precheck as precheck_reads


class Command(BaseCommand):
    help = "对规范性文件草案进行自动预审，逐句列出可能违反“七个不得”和公平竞争审查标准的内容及其依据。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="草案文件（.docx 或 .txt）；用 - 从标准输入读取文本")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, file, **options):
        name, text = self._read(file)
        rules = self._rules()
        sentences = precheck_rules.split_sentences(text)
        findings = precheck_reads.check_text(text, rules)
        if options["json"]:
            self._write_json(name, text, sentences, findings)
        else:
            self._write_text(name, sentences, findings)

    def _read(self, file: str) -> tuple[str, str]:
        if file == "-":
            return "标准输入", sys.stdin.read()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件“{file}”不存在或不是文件。")
        try:
            return path.name, precheck_files.read_document(path.name, path.read_bytes())
        except precheck_files.PrecheckFileError as exc:
            raise CommandError(f"无法读取“{path.name}”：{exc}") from exc
        except OSError as exc:
            raise CommandError(f"无法读取“{path.name}”：{exc.strerror}") from exc

    def _rules(self) -> list[precheck_rules.Rule]:
        try:
            return precheck_reads.load_rules()
        except DatabaseError:
            # A machine without a migrated database can still check a draft against the shipped rules.
            self.stderr.write("数据库不可用，本次仅使用内置规则（管理员添加的规则未生效）。")
            return precheck_rules.shipped_rules()

    def _write_json(self, name, text, sentences, findings) -> None:
        severities = Counter(f.severity for f in findings)
        payload = {
            "file": name,
            "characters": len(text),
            "paragraphs": max((s.paragraph for s in sentences), default=0),
            "sentences": len(sentences),
            "summary": {key: severities.get(key, 0) for key in precheck_rules.SEVERITY_ORDER},
            "findings": [finding.as_dict() for finding in findings],
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def _write_text(self, name, sentences, findings) -> None:
        paragraphs = max((s.paragraph for s in sentences), default=0)
        self.stdout.write(f"文件：{name}（{paragraphs}段，{len(sentences)}句）")
        if not sentences:
            self.stdout.write("文件中没有可检查的文字。")
            return
        if not findings:
            self.stdout.write(self.style.SUCCESS("未发现问题。"))
            self.stdout.write("自动预审只能发现部分问题，不能代替合法性审查。")
            return
        severities = Counter(f.severity for f in findings)
        counts = "，".join(
            f"{label}{severities.get(key, 0)}" for key, label in precheck_rules.SEVERITY_LABELS.items()
        )
        self.stdout.write(self.style.WARNING(f"发现{len(findings)}处问题（{counts}）："))
        for paragraph, group in groupby(findings, key=lambda f: f.paragraph):
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(f"第{paragraph}段"))
            for finding in group:
                self.stdout.write(
                    f"  [{finding.severity_label}] 第{finding.start + 1}–{finding.end}字：{finding.sentence}"
                )
                self.stdout.write(f"    规则：{finding.rule_code} {finding.rule_name}（{finding.category}）")
                self.stdout.write(f"    命中：“{finding.matched}”")
                self.stdout.write(f"    依据：{finding.basis}")
                if finding.explanation:
                    self.stdout.write(f"    说明：{finding.explanation}")
        self.stdout.write("")
        self.stdout.write("以上为自动预审结果，供审查人员参考，不能代替合法性审查。")
