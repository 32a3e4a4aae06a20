"""居民身份证号 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015): check characters, normalisation, masking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core import ids

VALID_ID = ids.make_id_number("640303", dt.date(1990, 1, 1), 123)  # 640303199001011234


def _code(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return exc.value.error_list[0].code


# --- 居民身份证号 ----------------------------------------------------------------------------------------------


def test_id_number_with_the_gb11643_check_digit_validates():
    # given a number built with its check digit, and the standard's own example
    # when validated / then each comes back unchanged
    assert VALID_ID == "640303199001011234"
    assert ids.validate_id_number(VALID_ID) == VALID_ID
    assert ids.validate_id_number("11010519491231002X") == "11010519491231002X"


def test_id_number_with_a_wrong_check_digit_names_the_right_one():
    # given the valid number with its last digit changed
    # when validated
    with pytest.raises(ValidationError, match="第18位应为4") as exc:
        ids.validate_id_number("640303199001011235")
    # then the error is a check-digit error
    assert _code(exc) == "check"


@pytest.mark.parametrize("birth", ["19990230", "19991301", "20230229", "18991231"])
def test_id_number_with_an_impossible_birth_date_is_refused(birth):
    # given a number whose birth date does not exist (or is before 1900), check digit correct
    first17 = f"640303{birth}123"
    # when validated / then the birth date is named
    with pytest.raises(ValidationError, match=f"出生日期“{birth}”无效") as exc:
        ids.validate_id_number(first17 + ids.id_check_char(first17))
    assert _code(exc) == "birth_date"


def test_id_number_born_after_today_is_refused():
    # given a well-formed number born 2024-06-02 / when validated as of 2024-06-01 / then refused
    number = ids.make_id_number("640303", dt.date(2024, 6, 2), 1)
    with pytest.raises(ValidationError, match="出生日期"):
        ids.validate_id_number(number, today=dt.date(2024, 6, 1))
    assert ids.validate_id_number(number, today=dt.date(2024, 6, 2)) == number


@pytest.mark.parametrize(("value", "length"), [(VALID_ID[:17], 17), (VALID_ID + "1", 19), ("", 0)])
def test_id_number_of_the_wrong_length_is_refused(value, length):
    # given 17 or 19 characters / when validated / then the length is named
    with pytest.raises(ValidationError, match=f"应为18位，实际为{length}位") as exc:
        ids.validate_id_number(value)
    assert _code(exc) == "length"


def test_id_number_lower_case_x_is_accepted_and_normalised():
    # given the standard's example typed with a lower-case x / when validated / then upper-case X comes back
    assert ids.validate_id_number("11010519491231002x") == "11010519491231002X"


def test_id_number_full_width_digits_and_spaces_are_normalised():
    # given the number as pasted from Word: full-width digits, full-width Ｘ, spaces and an ideographic space
    pasted = "１１０１０５ １９４９１２３１\u3000００２ｘ "
    # when validated / then the plain 18 characters come back
    assert ids.validate_id_number(pasted) == "11010519491231002X"


@pytest.mark.parametrize("odd_digit", ["²", "\u0661", "\u096a"])
def test_id_number_with_non_ascii_digits_is_refused_not_crashed(odd_digit):
    # given a number with a character str.isdigit() accepts but that is no ASCII digit (regression: ² in the sequence
    # raised a bare ValueError, Arabic-Indic digits passed through to the check digit)
    number = VALID_ID[:15] + odd_digit + VALID_ID[16:]
    # when validated / then a ValidationError about the characters
    with pytest.raises(ValidationError, match="前17位应为数字") as exc:
        ids.validate_id_number(number)
    assert _code(exc) == "chars"


def test_id_number_with_a_letter_other_than_x_is_refused():
    # given / when / then
    with pytest.raises(ValidationError, match="第18位应为数字或X"):
        ids.validate_id_number(VALID_ID[:17] + "Y")


def test_mask_keeps_region_and_last_four():
    # given / when / then the birth date and sequence are hidden
    assert ids.mask_id_number("640303199001011234") == "640303********1234"
    assert ids.mask_id_number("12345") == "*****"


# --- 统一社会信用代码 -------------------------------------------------------------------------------------------


def test_credit_code_built_with_its_check_character_validates():
    # given a code completed by make_credit_code / when validated / then it comes back
    code = ids.make_credit_code("91640303MA7ABCDE1")
    assert len(code) == 18
    assert ids.validate_credit_code(code) == code


def test_published_credit_code_validates():
    # given a well-known published code, 9·1·110000·600037341·L, checked by hand with GB 32100's weights 3^i mod 31:
    values = [9, 1, 1, 1, 0, 0, 0, 0, 6, 0, 0, 0, 3, 7, 3, 4, 1]
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    assert sum(v * w for v, w in zip(values, weights, strict=True)) == 538  # = 17×31 + 11
    assert "0123456789ABCDEFGHJKLMNPQRTUWXY"[31 - 11] == "L"
    assert ids.credit_check_char("91110000600037341") == "L"
    # when validated, in upper and lower case / then it passes
    assert ids.validate_credit_code("91110000600037341L") == "91110000600037341L"
    assert ids.validate_credit_code("91110000600037341l") == "91110000600037341L"


def test_credit_code_full_width_letters_are_normalised():
    # given the code pasted in full-width characters (regression: Ｌ was refused as a forbidden character)
    # when validated / then the plain code comes back
    assert ids.validate_credit_code("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L"


def test_credit_code_with_a_wrong_check_character_names_the_right_one():
    # given the published code with its check character changed
    with pytest.raises(ValidationError, match="第18位应为L") as exc:
        ids.validate_credit_code("91110000600037341M")
    # then it is a check error
    assert _code(exc) == "check"


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_credit_code_with_a_forbidden_letter_is_refused(letter):
    # given a code containing I, O, S, V or Z (GB 32100 leaves them out)
    code = "91110000600037341L"[:10] + letter + "0037341L"[1:]
    # when validated / then the letter is named
    with pytest.raises(ValidationError, match=f"不允许的字符：{letter}") as exc:
        ids.validate_credit_code(code)
    assert _code(exc) == "chars"


def test_credit_code_with_letters_in_the_region_code_is_refused():
    # given a well-formed code whose characters 3–8 are not digits
    code = ids.make_credit_code("9111000A600037341")
    # when validated / then the region code is named
    with pytest.raises(ValidationError, match="行政区划码") as exc:
        ids.validate_credit_code(code)
    assert _code(exc) == "region"


def test_credit_code_of_the_wrong_length_is_refused():
    # given / when / then
    with pytest.raises(ValidationError, match="应为18位，实际为17位"):
        ids.validate_credit_code("91110000600037341")


# --- Properties ----------------------------------------------------------------------------------------------

PROPERTY = settings(deadline=None, max_examples=200)
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31))
regions = st.from_regex(r"[0-9]{6}", fullmatch=True)
sequences = st.integers(min_value=0, max_value=999)


def _gb11643_check(first17: str) -> str:
    # The standard's own definition, independent of ids: weight 2^(18-i) mod 11, check (12 - Σ mod 11) mod 11, 10 = X.
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def _gb32100_check(body: str) -> str:
    # The standard's own definition, independent of ids: weight 3^i mod 31, check 31 - Σ mod 31 (31 counts as 0).
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return alphabet[(31 - total % 31) % 31]


@PROPERTY
@given(region=regions, birth=births, sequence=sequences)
def test_any_body_with_a_valid_birth_date_and_its_check_digit_validates(region, birth, sequence):
    # given any 17-digit body with a real birth date
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    # when completed with id_check_char / then it is the standard's check digit and validates unchanged
    number = first17 + ids.id_check_char(first17)
    assert number[17] == _gb11643_check(first17)
    assert ids.validate_id_number(number, today=dt.date(2025, 1, 1)) == number


@PROPERTY
@given(region=regions, birth=births, sequence=sequences, data=st.data())
def test_any_other_check_digit_fails(region, birth, sequence, data):
    # given a valid number
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    right = ids.id_check_char(first17)
    # when its check digit is replaced by any other
    wrong = data.draw(st.sampled_from([c for c in "0123456789X" if c != right]))
    # then it fails, naming the right one
    with pytest.raises(ValidationError, match=f"第18位应为{right}"):
        ids.validate_id_number(first17 + wrong, today=dt.date(2025, 1, 1))


credit_bodies = st.builds(
    lambda head, region, tail: head + region + tail,
    st.text(ids.CREDIT_ALPHABET, min_size=2, max_size=2),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.text(ids.CREDIT_ALPHABET, min_size=9, max_size=9),
)


@PROPERTY
@given(body=credit_bodies, data=st.data())
def test_any_credit_code_body_with_its_check_character_validates_and_no_other_does(body, data):
    # given any well-formed 17-character body
    right = ids.credit_check_char(body)
    assert right == _gb32100_check(body)
    # when completed with its check character / then it validates
    assert ids.validate_credit_code(body + right) == body + right
    # and with any other character of the alphabet it fails
    wrong = data.draw(st.sampled_from([c for c in ids.CREDIT_ALPHABET if c != right]))
    with pytest.raises(ValidationError, match=f"第18位应为{right}"):
        ids.validate_credit_code(body + wrong)
