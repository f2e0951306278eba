"""Errors the user can be shown.

Messages are English source strings marked for Qt Linguist with ``QT_TRANSLATE_NOOP`` (a plain
function here, so this module stays Qt-free); the UI translates ``template`` and formats it with
``params``. ``str(error)`` gives the English text for logs and the command line.
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


class ValidationError(GridStationError):
    """Input that was refused; ``field`` names the offending field."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)
