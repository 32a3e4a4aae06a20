"""Every read of 行政应诉, by area, scoped through core.access. Other apps call these names."""

from .lawsuits import (
    available_transitions,
    by_department,
    defence_due,
    defendant_choices,
    figure_scope,
    first_instance_choices,
    head_choices,
    hearings_for,
    later_instances,
    lawsuits_for,
    received_in,
    reconsideration_choices,
    timeline,
    units_for,
    unperformed,
)
from .meetings import meetings_for

__all__ = [
    "available_transitions",
    "by_department",
    "defence_due",
    "defendant_choices",
    "figure_scope",
    "first_instance_choices",
    "head_choices",
    "hearings_for",
    "later_instances",
    "lawsuits_for",
    "meetings_for",
    "received_in",
    "reconsideration_choices",
    "timeline",
    "units_for",
    "unperformed",
]
