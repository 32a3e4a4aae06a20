"""The demo app: registers every demo step by importing the modules of this package, in the workstreams' order."""

import importlib
import pkgutil

from django.apps import AppConfig

# Later steps use earlier records: enforcement bodies and officers before the clues that reconsideration corrections
# and lost lawsuits open, every workstream's records before the report that counts them.
ORDER = [
    "review",
    "decisions",
    "enforcement",
    "disputes",
    "litigation",
    "oversight",
    "duties",
    "catalogs",
    "reports",
]


class DemoConfig(AppConfig):
    name = "fazhi.demo"
    label = "demo"
    verbose_name = "演示数据"

    def ready(self) -> None:
        package = importlib.import_module(self.name)
        found = [m.name for m in pkgutil.iter_modules(package.__path__)]
        names = [n for n in ORDER if n in found] + sorted(
            n for n in found if n not in ORDER and n not in {"apps", "registry", "management"}
        )
        for name in names:
            importlib.import_module(f"{self.name}.{name}")
