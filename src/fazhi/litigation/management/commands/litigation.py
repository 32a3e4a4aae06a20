"""fazhi litigation timeline FILE.json [--json]: the defence and appeal clocks of a lawsuit's events, computed by
rules/clocks.timeline, the same implementation the lawsuit page uses."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.litigation.rules import clocks


class Command(BaseCommand):
    help = "行政应诉：timeline 按事件计算答辩期限、上诉期限（行政诉讼法第六十七条、第八十五条）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        timeline = sub.add_parser(
            "timeline",
            help="计算答辩期限、上诉期限",
            description='输入：{"events": [{"event": "complaint_served"|"judgment_served"|"appealed"|'
            '"appeal_judgment_served", "on": "YYYY-MM-DD", "kind": "judgment"|"ruling"}]}；有事件未被采用时退出码为1。',
        )
        timeline.add_argument("file", metavar="FILE.json")
        timeline.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, subcommand, **options):
        data = self._read(options["file"])
        result = clocks.timeline(data["events"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            for clock in result.clocks:
                flag = "（暂定）" if clock.provisional else ""
                self.stdout.write(f"{clock.label}：{clock.due:%Y年%m月%d日}{flag}　{clock.explanation}")
            if not result.clocks:
                self.stdout.write("没有可计算的期限。")
            for refusal in result.refused:
                self.stdout.write(
                    f"第{refusal.index + 1}个事件（{refusal.event or '未知'}）未被采用：{refusal.reason}"
                )
        if result.refused:
            raise CommandError(f"有{len(result.refused)}个事件未被采用。")

    def _read(self, file: str) -> dict:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror or exc}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"文件 {file} 不是有效的 JSON：{exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            raise CommandError('输入应为 {"events": [...]}，events 为事件列表。')
        return data
