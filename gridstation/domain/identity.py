"""Residents' ID numbers and phone numbers: validation and masking (domain.md §8).

ID numbers follow GB 11643: 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male)
and an ISO 7064 MOD 11-2 check character. A bad check digit or an impossible birth date is
refused with a message naming the field; a 15-digit legacy number is accepted as *legacy* (it has
no check digit to verify) and never "fixed" into 18 digits.

Masking is the default everywhere a value is shown, exported, printed or logged, except the legal
documents that must carry it in full: an ID number keeps its first 3 and last 4 characters (a
15-digit legacy number its first 3 and last 3: never the birth-date digits), a phone its first 3
and last 4 digits. Revealing a full value on screen is a separate, audited action
(``gridstation.db.privacy.reveal``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


@dataclass(frozen=True)
class IdNumber:
    """A validated resident ID number."""

    value: str
    birth_date: date
    male: bool
    legacy: bool  # a 15-digit first-generation number

    @property
    def masked(self) -> str:
        return mask_id_number(self.value)


def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _field_error(field: str, template: str, **params: str) -> ValidationError:
    return ValidationError(field, template, **params)


def _impossible_birth_date(field: str) -> ValidationError:
    # Messages reach the log: they never quote the birth-date digits (domain.md §8).
    return _field_error(
        field, QT_TRANSLATE_NOOP("Errors", "The ID number holds an impossible birth date: check the date digits."))


def parse_id_number(raw: str, *, field: str = "id_number", today: date | None = None) -> IdNumber:
    """Validate ``raw`` (spaces ignored, full-width characters of a Chinese input method read as
    their ASCII forms, ``x`` upper-cased); raise ``ValidationError`` naming ``field``."""
    value = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    if not value:
        raise _field_error(field, QT_TRANSLATE_NOOP("Errors", "The ID number is empty."))
    if _ID15.match(value):
        digits, legacy = "19" + value[6:12], True
    elif _ID18.match(value):
        digits, legacy = value[6:14], False
    else:
        raise _field_error(
            field, QT_TRANSLATE_NOOP("Errors", "An ID number has 18 characters (digits, the last may be X); "
                                               "{count} characters were entered."), count=str(len(value)),
        )
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise _impossible_birth_date(field) from None
    today = today or date.today()
    if birth > today or birth.year < 1880:
        raise _impossible_birth_date(field)
    if not legacy and check_character(value[:17]) != value[17]:
        raise _field_error(
            field, QT_TRANSLATE_NOOP("Errors", "The ID number's check digit is wrong: please check each digit."),
        )
    sequence_digit = int(value[14] if legacy else value[16])
    return IdNumber(value=value, birth_date=birth, male=sequence_digit % 2 == 1, legacy=legacy)


def age_on(id_number: IdNumber, day: date) -> int:
    born = id_number.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def normalise_phone(raw: str, *, field: str = "phone") -> str:
    """A mobile (11 digits from 13x–19x) or a landline with area code; spaces and dashes tidied,
    full-width digits (typed with a Chinese input method) read as digits."""
    value = "".join(unicodedata.normalize("NFKC", raw).split()).replace("—", "-")
    if not value:
        raise _field_error(field, QT_TRANSLATE_NOOP("Errors", "The phone number is empty."))
    compact = value.replace("-", "")
    if _MOBILE.match(compact):
        return compact
    if _LANDLINE.match(value):
        return value
    raise _field_error(  # without the value: a mistyped phone number is still personal data
        field, QT_TRANSLATE_NOOP("Errors", "This is not a phone number: enter an 11-digit mobile number or a "
                                           "landline with its area code."),
    )


def mask_id_number(value: str) -> str:
    """First 3 characters and the tail after the birth date; everything between as ``*``.

    18 characters (6 area + 8 birth date + 3 sequence + check): first 3 and last 4. A 15-digit
    legacy number (6 area + 6 ``YYMMDD`` + 3 sequence) keeps its last 3 only, since its fourth-last
    digit is the last birth-date digit. Any other length (a mistyped or truncated value) shows no
    more of its tail than the characters past position 14, so no birth-date digit of either layout
    is ever shown.
    """
    value = value.strip()
    n = len(value)
    if n <= 7:
        return "*" * n
    tail = 3 if n == 15 else min(4, max(0, n - 14))
    return value[:3] + "*" * (n - 3 - tail) + value[n - tail:]


def mask_phone(value: str) -> str:
    """``138****1234``: first 3 and last 4 digits of a mobile; a landline keeps only its last 4."""
    value = value.strip()
    digits = value.replace("-", "")
    if len(digits) <= 7:
        return "*" * len(value)
    if _MOBILE.match(digits):
        return digits[:3] + "****" + digits[-4:]
    return "*" * (len(value) - 4) + value[-4:]
