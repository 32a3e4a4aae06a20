"""Every read of 督察整改与任务台账, by area, scoped through core.access. Other workstreams use only this package and
services/ (and the links registry)."""

from .rectification import (
    describe_sources,
    done_source_ids,
    filtered,
    is_registered_source,
    item_exists_for,
    items_for,
    items_of_record,
    open_deadline,
    overdue,
    rectified_source_ids,
    source_ids_with_items,
    stored_summaries,
    summaries,
    summary,
)

__all__ = [
    "describe_sources",
    "done_source_ids",
    "rectified_source_ids",
    "source_ids_with_items",
    "filtered",
    "is_registered_source",
    "item_exists_for",
    "items_for",
    "items_of_record",
    "open_deadline",
    "overdue",
    "stored_summaries",
    "summaries",
    "summary",
]
