"""Password rules for a government system (等级保护 2.0: complexity, no personal data): at least three of the four
character classes, and neither the login name nor a date (a birthday: 19850615, 1985-06-15, 0615) inside."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

CLASSES = (("小写字母", r"[a-z]"), ("大写字母", r"[A-Z]"), ("数字", r"[0-9]"), ("符号", r"[^A-Za-z0-9]"))
DATE = re.compile(r"(19|20)\d{2}[-/.]?(0[1-9]|1[0-2])[-/.]?(0[1-9]|[12]\d|3[01])")


class ComplexityValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = [name for name, pattern in CLASSES if re.search(pattern, password)]
        if len(present) < self.min_classes:
            raise ValidationError(
                f"密码须包含小写字母、大写字母、数字、符号中的至少{self.min_classes}类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"密码须包含小写字母、大写字母、数字、符号中的至少{self.min_classes}类。"


class NoPersonalDataValidator:
    """No login name (in any case, as pinyin names usually are) and no date in the password."""

    def validate(self, password, user=None):
        lowered = password.lower()
        username = (getattr(user, "username", "") or "").lower()
        parts = [p for p in re.split(r"[^a-z]+", username) if len(p) >= 3]
        if username and (username in lowered or any(p in lowered for p in parts)):
            raise ValidationError("密码不能包含用户名或姓名拼音。", code="password_has_username")
        if DATE.search(password):
            raise ValidationError("密码不能包含日期（如生日）。", code="password_has_date")

    def get_help_text(self):
        return "密码不能包含用户名、姓名拼音或日期。"
