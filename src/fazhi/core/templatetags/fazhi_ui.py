"""Template tags every page may use: the links between the public pages."""

from __future__ import annotations

from django import template

from fazhi.core.web import public

register = template.Library()


@register.inclusion_tag("_public_links.html", takes_context=True)
def public_links(context):
    request = context.get("request")
    path = request.path if request is not None else ""
    return {"pages": public.pages(), "path": path}
