"""fazhi rules [--json]: every rule, period and setting — code, Chinese name, article, where it lives, who calls it."""

import json

from django.core.management.base import BaseCommand

from fazhi.core import rulebook


class Command(BaseCommand):
    help = "列出全部规则、期限和配置项：代码、中文名称、法律依据、所在模块和行号、调用它的途径。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--app", help="只列出某个应用（如 disputes）")

    def handle(self, *args, **options):
        rules = rulebook.catalogue()
        if options["app"]:
            rules = [r for r in rules if r.code.startswith(options["app"] + ".")]
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in rules], ensure_ascii=False, indent=2))
            return
        for r in rules:
            where = f"{r.module}:{r.line}" if r.line else r.module
            self.stdout.write(f"{r.code}  [{r.kind}]  {r.name}")
            self.stdout.write(f"    依据：{r.article or '（未注明条文）'}")
            self.stdout.write(f"    位置：{where}")
            self.stdout.write(f"    调用途径：{'、'.join(r.ways_in) or '（无）'}")
        self.stdout.write(f"共 {len(rules)} 条。")
