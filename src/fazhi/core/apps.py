"""The core app: units, people, users, access, audit, calendar, ledgers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        # Registries are filled by importing the modules that declare entries (no signals).
        from . import checks, ledgers, selectors  # noqa: F401
