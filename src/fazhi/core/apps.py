"""The core app: units, people, users, access, audit, calendar, ledgers."""

from django.apps import AppConfig, apps

# Third-party apps shown in the admin under Chinese names (their AppConfig gives English ones, untranslated).
APP_NAMES = {"axes": "登录安全", "django_tasks_database": "后台任务"}


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        # Registries are filled by importing the modules that declare entries (no signals).
        from . import checks, ledgers, selectors  # noqa: F401

        for label, name in APP_NAMES.items():
            if label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name
