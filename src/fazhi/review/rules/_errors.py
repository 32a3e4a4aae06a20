"""Gathering the ValidationErrors of several rules into one, keyed by field."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def collect(errors: dict, validate, *args) -> None:
    """Run `validate(*args)` and add what it refuses to `errors` (field -> [messages])."""
    try:
        validate(*args)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        else:
            errors.setdefault("__all__", []).extend(exc.messages)
