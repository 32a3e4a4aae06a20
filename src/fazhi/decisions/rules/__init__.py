"""The rules of major administrative decisions and legal advisors, by area: catalogs, decisions (the procedures),
documents and advisors. Each is a pure function or constant quoting its article; every way in calls these."""

from .advisors import *  # noqa: F403
from .catalogs import *  # noqa: F403
from .decisions import *  # noqa: F403
from .documents import *  # noqa: F403
