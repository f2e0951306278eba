"""A character count under a text box ("12 of 1000 characters"), red past the domain's limit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

OVER_LIMIT = "color: #b3261e;"
UNDER_LIMIT = "color: #666666;"


class LengthHint(QLabel):
    """"12 of 1000 characters" under a text box, turning red (with how many too many) past ``limit``.

    Counts the text as the domain does (stripped), so the hint and the refusal agree; it never cuts
    what was typed or pasted.
    """

    def __init__(self, edit: QPlainTextEdit | QLineEdit, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.limit = limit
        self.setObjectName(f"{edit.objectName()}_length")
        edit.textChanged.connect(self.update_count)
        self.update_count()

    def count(self) -> int:
        text = self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        return len(text.strip())

    def over(self) -> bool:
        return self.count() > self.limit

    def update_count(self) -> None:
        count = self.count()
        if count > self.limit:
            self.setText(self.tr("{count} of {limit} characters: {over} too many").format(
                count=count, limit=self.limit, over=count - self.limit))
            self.setStyleSheet(OVER_LIMIT)
        else:
            self.setText(self.tr("{count} of {limit} characters").format(count=count, limit=self.limit))
            self.setStyleSheet(UNDER_LIMIT)
