"""Errors the user can be shown.

Messages are English source strings marked for Qt Linguist with ``QT_TRANSLATE_NOOP`` (a plain
function here, so this module stays Qt-free); the UI translates ``template`` and formats it with
``params``. ``str(error)`` gives the English text for the command line; ``loggable`` the template
without the values, for log files (a value may be a resident's or a party's name).
"""

from __future__ import annotations

from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` without translating it here."""
    return text


class GridStationError(Exception):
    """An error with a message meant for the user."""

    context = "Errors"

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))

    @property
    def loggable(self) -> str:
        """The message for a log file: the template with its placeholders, never the values."""
        return self.template


class ValidationError(GridStationError):
    """Input that was refused; ``field`` names the offending field."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)
