"""The admin of 行政复议 (Django loads this package): cases."""

from . import cases

__all__ = ["cases"]
