"""Records built once for a module and shared by its tests (the demo district takes 15–45 s to build)."""

from __future__ import annotations

import contextlib

import pytest

from fazhi.core import clock, jobs

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@contextlib.contextmanager
def records_for_the_module(django_db_blocker, tmp_path_factory):
    """Build records once per module, inside a transaction rolled back after the module's last test.

    Each test still runs in its own savepoint (the `db` fixture nests inside this transaction), so what a test
    changes is undone before the next one. While the records are built, the settings that the autouse fixture gives
    each test hold (tasks run at once, fast password hashing, media in a temporary folder). Yields a MonkeyPatch
    whose patches last for the module. Use it from a module-scoped fixture that requests `django_db_setup`."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("module-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            TASKS=IMMEDIATE_TASKS,
            MEDIA_ROOT=media,
            FAZHI_AUDIT_CHECKPOINT_FILE=str(media / "audit-checkpoints.jsonl"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: func())
        with transaction.atomic():
            try:
                yield patch
            finally:
                clock.freeze(None)
                transaction.set_rollback(True)
