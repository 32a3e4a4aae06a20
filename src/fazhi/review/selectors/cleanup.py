"""Reads of clean-up campaigns and the documents examined: a unit sees the campaigns of its scope, those it takes part
in (CleanupCampaign.participant_fields) and its district's."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import CleanupCampaign, CleanupItem


def campaigns_for(user: User) -> QuerySet[CleanupCampaign]:
    """The campaigns of the user's scope, those in which a unit of the scope has documents examined (the campaign's
    participant_fields), and the campaigns of the user's district (each unit adds its own documents to them)."""
    campaigns = CleanupCampaign.objects.all()
    in_scope = access.scope(user, campaigns).values("pk")
    in_district = access.in_district(user, campaigns).values("pk")
    return CleanupCampaign.objects.filter(Q(pk__in=in_scope) | Q(pk__in=in_district)).select_related(
        "organization"
    )


def cleanup_items_for(user: User, action: str = access.VIEW) -> QuerySet[CleanupItem]:
    return access.scope(
        user, CleanupItem.objects.select_related("campaign", "document", "issuing_unit"), action
    )
