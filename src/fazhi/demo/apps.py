"""The demo app: registers every demo step by importing the modules of this package."""

import importlib
import pkgutil

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "fazhi.demo"
    label = "demo"
    verbose_name = "演示数据"

    def ready(self) -> None:
        package = importlib.import_module(self.name)
        for module in pkgutil.iter_modules(package.__path__):
            if module.name not in {"apps", "registry", "management"}:
                importlib.import_module(f"{self.name}.{module.name}")
