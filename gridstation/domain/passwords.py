"""Password policy: at least 8 characters from at least 3 of 4 classes, not containing the user name."""

from __future__ import annotations

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

MIN_LENGTH = 8
MIN_CLASSES = 3
MAX_LENGTH = 256
MIN_NAME_CHECK = 3  # shorter user names (e.g. "li") are too common inside strong passwords to refuse them


def character_classes(password: str) -> int:
    classes = [
        any(c.islower() and c.isascii() for c in password),
        any(c.isupper() and c.isascii() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or not c.isascii() for c in password),
    ]
    return sum(classes)


def check_password_policy(password: str, field: str = "password", *, username: str | None = None) -> None:
    """Refuse a weak ``password`` with a ValidationError on ``field``; ``username`` is the account's
    user name, which the password must not contain (in any letter case)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "The password must have at least {n} characters."), n=MIN_LENGTH
        )
    if len(password) > MAX_LENGTH:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "The password must have at most {n} characters."), n=MAX_LENGTH
        )
    if character_classes(password) < MIN_CLASSES:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP(
                "Errors",
                "The password must mix at least 3 of: lower-case letters, upper-case letters, digits, symbols.",
            ),
        )
    name = (username or "").strip().casefold()
    if len(name) >= MIN_NAME_CHECK and name in password.casefold():
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The password must not contain the user name."))
