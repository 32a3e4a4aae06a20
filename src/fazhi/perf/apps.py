from django.apps import AppConfig


class PerfConfig(AppConfig):
    name = "fazhi.perf"
    label = "perf"
    verbose_name = "性能测试"
