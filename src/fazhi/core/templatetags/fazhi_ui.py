"""Template tags every page may use: the links between the public pages, what kind of preview a file has,
whether the user may reach 数据管理 and whether the user's role writes at all."""

from __future__ import annotations

from django import template

from fazhi.core import access
from fazhi.core.web import files, public

register = template.Library()


@register.inclusion_tag("_public_links.html", takes_context=True)
def public_links(context):
    request = context.get("request")
    path = request.path if request is not None else ""
    return {"pages": public.pages(), "path": path}


@register.filter
def preview_kind(name: str) -> str:
    """ "pdf", "image", "docx" or "" (only downloaded) for a file name (core.web.files)."""
    return files.preview_kind(str(name or ""))


@register.filter
def administers_platform(user) -> bool:
    """Whether the menu shows 数据管理 (/admin/): only to the platform's administrators (core.access)."""
    return access.administers_platform(user)


@register.filter
def writes(user) -> bool:
    """Whether the user's role records anything (core.access): a leader only reads, so the menu leaves out the tools
    for drafting and importing."""
    return access.writes(user)
