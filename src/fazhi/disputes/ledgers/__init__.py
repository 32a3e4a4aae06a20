"""The ledgers of 行政复议 (registered with core.io.ledgers when the app is ready): cases."""

from . import cases

__all__ = ["cases"]
