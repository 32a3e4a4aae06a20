"""Progress bars for long commands: one tqdm bar per stage, on stderr, off when it is not a terminal."""

from tqdm import tqdm


class Bars:
    def __init__(self, stream, disable: bool = False):
        self.stream = getattr(stream, "_out", stream)
        self.disable = True if disable else None  # None: tqdm shows the bar only on a terminal
        self.bar = None
        self.stage = None

    def update(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, disable=self.disable, file=self.stream, unit_scale=True)
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
