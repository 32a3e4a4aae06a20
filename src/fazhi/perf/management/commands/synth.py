"""fazhi synth --scale district|city|province [--seed N] [--factor F]: fill the configured (empty) database with a
synthetic installation for performance work (fazhi.perf.synth). Writes directly with bulk_create, bypassing the
services; run it on a database of its own."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from fazhi.perf.synth import SCALES, AlreadyGenerated, Synth


class Command(BaseCommand):
    help = "生成合成数据（区、市或省规模，三个年度，覆盖各项工作），用于性能测试；请在单独的数据库上运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", choices=sorted(SCALES), default="district", help="规模（默认 district）"
        )
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认1，同一种子生成相同数据）")
        parser.add_argument(
            "--factor", type=float, default=1.0, help="记录数倍数（单位树不变），如0.1用于冒烟测试（默认1）"
        )

    def handle(self, *args, scale, seed, factor, **options):
        if factor <= 0:
            raise CommandError("--factor 须大于0。")
        tty = sys.stdout.isatty() and options.get("verbosity", 1) >= 1
        last = {"step": None, "t": 0.0}

        def progress(step: str, done: int, total: int) -> None:
            now = time.perf_counter()
            if not tty or (step == last["step"] and done < total and now - last["t"] < 0.2):
                return
            last.update(step=step, t=now)
            width = 30
            filled = int(width * done / total) if total else width
            self.stdout.write(
                f"\r{step:<10} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,}", ending=""
            )
            if done >= total:
                self.stdout.write("")

        generator = Synth(SCALES[scale].scaled(factor), seed=seed, progress=progress)
        started = time.perf_counter()
        try:
            counts = generator.run()
        except AlreadyGenerated as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        rows = sum(counts.values())
        for label, n in sorted(counts.items()):
            self.stdout.write(f"{label:<36}{n:>12,}")
        self.stdout.write("各步骤用时（秒）：" + "，".join(f"{k} {v}" for k, v in generator.timings.items()))
        self.stdout.write(self.style.SUCCESS(f"已生成{rows:,}条记录，用时{seconds:.1f}秒。"))
