"""Documents the decisions workstream produces: the decision file (决策档案) as a .zip with its official-format docx
and its audit csv, through core.io."""

from .archive import build_archive

__all__ = ["build_archive"]
