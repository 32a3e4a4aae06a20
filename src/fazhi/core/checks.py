"""System checks for the project's own invariants: every model declares its access scope (core.access fails closed)."""

from __future__ import annotations

from django.core import checks

from . import access, crypto


@checks.register(checks.Tags.security)
def every_model_declares_its_scope(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"{model._meta.label} 未声明访问范围：请设置 scope_field（所属单位的字段路径）或 scope_shared = True。",
            hint="core.access 对未声明范围的模型一律拒绝访问（fails closed）。",
            obj=model,
            id="fazhi.E001",
        )
        for model in access.undeclared_models()
    ]


@checks.register(checks.Tags.security)
def data_keys_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Production refuses to start without the keys that encrypt personal data (core.crypto)."""
    return [
        checks.Error(message, hint="见 docs/security.md“个人信息加密”。", id="fazhi.E010")
        for message in crypto.problems()
    ]
