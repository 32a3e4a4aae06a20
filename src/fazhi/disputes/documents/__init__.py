"""The documents of 行政复议: the formal documents of a case as .docx (cases, through core.io.officialdoc) and the
national-platform export as csv/xlsx/json (platform, through core.io.sheets)."""

from . import platform
from .cases import KINDS, Kind, available, generate

__all__ = ["KINDS", "Kind", "available", "generate", "platform"]
