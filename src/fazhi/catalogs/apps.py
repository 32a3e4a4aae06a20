"""The catalogs app: 清单管理 — 证明事项清单, 告知承诺制事项清单 and 政务服务事项, effective-dated."""

from django.apps import AppConfig


class CatalogsConfig(AppConfig):
    name = "fazhi.catalogs"
    label = "catalogs"
    verbose_name = "清单管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import indicators, ledgers  # noqa: F401  (registries: figures, ledgers)
