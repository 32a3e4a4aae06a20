"""Validation and masking of 居民身份证号 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

_SHANGHAI = ZoneInfo("Asia/Shanghai")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB 32100 alphabet: digits and capitals without I, O, S, V, Z.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


# Full-width ASCII (！ to ～, so ０-９, Ａ-Ｚ, ａ-ｚ) to ASCII, and the ideographic space dropped.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: None}
_ID_PATTERN = re.compile(r"[0-9]{17}[0-9X]")


def normalize(value: str) -> str:
    """Strip spaces and full-width forms people paste from Word, upper-case the letters."""
    return "".join((value or "").translate(_FULL_WIDTH).split()).upper()


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalized 18-digit number, or raise ValidationError with a Chinese reason."""
    number = normalize(value)
    if len(number) != 18:
        raise ValidationError(f"身份证号应为18位，实际为{len(number)}位。", code="length")
    # ASCII only: str.isdigit() also accepts ² and ١, which int() then rejects or silently reads.
    if not _ID_PATTERN.fullmatch(number):
        raise ValidationError("身份证号前17位应为数字，第18位应为数字或X。", code="chars")
    birth = id_birth_date(number)
    today = today or timezone.localdate(timezone=_SHANGHAI)
    if birth is None or birth.year < 1900 or birth > today:
        raise ValidationError(f"身份证号中的出生日期“{number[6:14]}”无效。", code="birth_date")
    expected = id_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(f"身份证号校验码错误：第18位应为{expected}。", code="check")
    return number


def mask_id_number(value: str) -> str:
    """640303********1234: region code and last four kept, the birth date and sequence hidden."""
    number = normalize(value)
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


_PHONE = re.compile(r"[0-9][0-9*-]{5,}[0-9]")  # with * so that a masked number masks to itself


def mask_contact(value: str) -> str:
    """A phone number or an address, masked: a number of 7 digits or more keeps its first three and last four
    (13912345678 → 139****5678, 0951-1234567 → 095****4567); every other digit (house and room numbers) is hidden;
    the words stay (澄湖区湖滨街道12号 → 澄湖区湖滨街道**号)."""
    parts = []
    last = 0
    text = value or ""
    for match in _PHONE.finditer(text):
        parts.append(re.sub(r"[0-9]", "*", text[last : match.start()]))
        digits = match.group(0).replace("-", "")
        parts.append(
            digits[:3] + "*" * (len(digits) - 7) + digits[-4:] if len(digits) >= 7 else "*" * len(digits)
        )
        last = match.end()
    parts.append(re.sub(r"[0-9]", "*", text[last:]))
    return "".join(parts)


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Return the normalized 统一社会信用代码, or raise ValidationError with a Chinese reason."""
    code = normalize(value)
    if len(code) != 18:
        raise ValidationError(f"统一社会信用代码应为18位，实际为{len(code)}位。", code="length")
    bad = sorted({c for c in code if c not in CREDIT_ALPHABET})
    if bad:
        raise ValidationError(
            f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）。", code="chars"
        )
    if not code[2:8].isdigit():
        raise ValidationError("统一社会信用代码第3至8位应为行政区划码（数字）。", code="region")
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(f"统一社会信用代码校验码错误：第18位应为{expected}。", code="check")
    return code


def make_id_number(region: str, birth: dt.date, sequence: int) -> str:
    """Build a valid number (for the demo district and tests): region(6) + birth(8) + sequence(3) + check."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def make_credit_code(body: str) -> str:
    """Complete a 17-character body with its check character (for the demo district and tests)."""
    return body + credit_check_char(body)
