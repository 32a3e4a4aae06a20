"""Admin of 年度报告与驾驶舱 (registered on import)."""

from . import annual, duties  # noqa: F401
