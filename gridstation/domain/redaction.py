"""Personal numbers inside free text, masked for lists, printouts and exports (domain.md §8).

A grid leader's diary says what happened, and sometimes that includes a resident's ID number or
mobile number ("联系张大爷 13812345678"). The text is stored as written, and the author editing
the item sees it as written; everywhere else it is shown as the privacy rule shows these numbers
in their own fields: ``230***********123X``, ``138****5678``. A number counts when it stands
alone, not inside a longer run of digits: an 18-character ID number (17 digits and a digit or
``X``), a 15-digit legacy one, or an 11-digit mobile number (``1[3-9]…``), also written with
spaces or hyphens after its first three and seven digits.
"""

from __future__ import annotations

import re

from gridstation.domain.identity import mask_id_number, mask_phone

_NUMBER = re.compile(
    r"(?<![0-9])(?:"
    r"(?P<id>[0-9]{17}[0-9Xx]|[0-9]{15})"
    r"|(?P<mobile>1[3-9][0-9](?:[ -]?[0-9]{4}){2})"
    r")(?![0-9])"
)


def _masked(match: re.Match[str]) -> str:
    if match.group("id"):
        return mask_id_number(match.group("id"))
    return mask_phone(re.sub(r"[ -]", "", match.group("mobile")))


def redact_numbers(text: str) -> str:
    """``text`` with every ID number and mobile number in it masked."""
    if not text or not any(c.isdigit() for c in text):
        return text
    return _NUMBER.sub(_masked, text)
