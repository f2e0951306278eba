"""Personal numbers inside free text, masked for lists, printouts and exports (domain.md §8).

A grid leader's diary says what happened, and sometimes that includes a resident's ID number or
mobile number ("联系张大爷 13812345678"). The text is stored as written, and the author editing
the item sees it as written; everywhere else it is shown as the privacy rule shows these numbers
in their own fields: ``230***********123X``, ``138****5678``. A number counts when it stands
alone, not inside a longer run of digits: an 18-character ID number (17 digits and a digit or
``X``), a 15-digit legacy one, or an 11-digit mobile number (``1[3-9]…``), also written with
spaces, hyphens or dots after its first three and seven digits, and in full-width digits.
"""

from __future__ import annotations

import re
import unicodedata

from gridstation.domain.identity import mask_id_number, mask_phone

_D = "[0-9０-９]"  # a Chinese input method in full-width mode types ０-９
_SEPARATOR = "[ \u3000\\-－‐–—.．]"  # what people put between a mobile number's groups
_NUMBER = re.compile(
    rf"(?<!{_D})(?:"
    rf"(?P<id>{_D}{{17}}[0-9０-９XxＸｘ]|{_D}{{15}})"
    rf"|(?P<mobile>[1１][3-9３-９]{_D}(?:{_SEPARATOR}?{_D}{{4}}){{2}})"
    rf")(?!{_D})"
)
_NOT_DIGIT = re.compile(r"[^0-9X]")


def _masked(match: re.Match[str]) -> str:
    value = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", match.group(0)).upper())
    return mask_id_number(value) if match.group("id") else mask_phone(value)


def redact_numbers(text: str) -> str:
    """``text`` with every ID number and mobile number in it masked (full-width digits too)."""
    if not text or not any(c.isdigit() for c in text):
        return text
    return _NUMBER.sub(_masked, text)
