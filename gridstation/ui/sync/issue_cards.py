"""One card per open sync problem: a conflict (both values side by side) or a refused change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlmodel import Session

from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.db.unit_of_work import sync_kinds
from gridstation.sync.issues import SyncIssue, open_issues
from gridstation.ui.sync.texts import (
    HIDDEN_FIELDS,
    field_name,
    field_value_text,
    kind_name,
    reason_text,
    record_summary,
)

KEEP, TAKE, RESEND, EDIT, DROP = "keep", "take", "resend", "edit", "drop"


@dataclass(frozen=True)
class IssueView:
    issue: SyncIssue
    current: dict[str, Any] | None  # the record as it is on this station now (None: not stored here)

    @property
    def station_values(self) -> dict[str, Any]:
        """What "Keep this station's value" keeps: the station's current values (changes made after
        the conflict included), else the values of the refused change."""
        return self.current if self.current is not None else self.issue.local_payload


def _current(session: Session, issue: SyncIssue) -> dict[str, Any] | None:
    model = sync_kinds().get(issue.kind)
    record = session.get(model, issue.record_id) if model is not None else None
    return record.model_dump(mode="json") if record is not None else None


def load_issue_views(store: Store, viewer: SignedIn | None = None) -> list[IssueView]:
    """The open problems ``viewer`` may see (``sync.issues.open_issues``), with each record as stored now."""
    issues = open_issues(store, viewer)
    with store.read() as session:
        return [IssueView(issue, _current(session, issue)) for issue in issues]


def _label(text: str, *, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style = ("font-weight: bold;" if bold else "") + ("color: #5f6368;" if muted else "")
    if style:
        label.setStyleSheet(style)
    return label


class IssueCard(QFrame):
    """``chosen(action, issue_id)`` with action ``keep``/``take`` (conflict) or ``resend``/``edit``/``drop``
    (refusal)."""

    chosen = Signal(str, int)

    def __init__(self, view: IssueView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        issue = view.issue
        self.setObjectName(f"issue_{issue.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#issue_{issue.id} {{ background: #ffffff; border: 1px solid #d9dee5; "
                           "border-radius: 4px; }")
        layout = QVBoxLayout(self)
        summary = record_summary(view.station_values)
        title = kind_name(issue.kind) + (f"  “{summary}”" if summary else "")
        layout.addWidget(_label(title, bold=True))
        self.buttons: dict[str, QPushButton] = {}
        if issue.issue == "conflict":
            self._conflict(layout)
        else:
            self._refusal(layout)

    def _button(self, action: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{action}_{self.view.issue.id}")
        button.clicked.connect(lambda: self.chosen.emit(action, self.view.issue.id))
        self.buttons[action] = button
        return button

    def _buttons(self, layout: QVBoxLayout, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)

    def _conflict(self, layout: QVBoxLayout) -> None:
        issue = self.view.issue
        layout.addWidget(_label(self.tr("Changed on this station and at the district at the same time. "
                                        "Choose which value to keep."), muted=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, header in enumerate((self.tr("Field"), self.tr("This station's value"),
                                         self.tr("The district's value"))):
            grid.addWidget(_label(header, bold=True), 0, column)
        mine, theirs = self.view.station_values, issue.server_payload or {}
        self.value_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, field in enumerate(issue.conflict_fields, start=1):
            station_value = _label(field_value_text(field, mine.get(field)))
            district_value = _label(field_value_text(field, theirs.get(field)))
            grid.addWidget(_label(field_name(field)), row, 0)
            grid.addWidget(station_value, row, 1)
            grid.addWidget(district_value, row, 2)
            self.value_labels[field] = (station_value, district_value)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        self._buttons(layout, self._button(KEEP, self.tr("Keep this station's value")),
                      self._button(TAKE, self.tr("Take the district's value")))

    def _refusal(self, layout: QVBoxLayout) -> None:
        issue = self.view.issue
        self.reason_label = _label(self.tr("The district did not accept this change: {reason}")
                                   .format(reason=reason_text(issue.reason)))
        self.reason_label.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.reason_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        values = issue.local_payload
        # the fields the change has a value for (an empty note or a missing date says nothing here)
        shown = [f for f in values if f not in HIDDEN_FIELDS and values[f] not in (None, "")
                 and not (f == "deleted" and not values[f])]
        for row, field in enumerate(shown):
            grid.addWidget(_label(field_name(field), muted=True), row, 0)
            grid.addWidget(_label(field_value_text(field, values[field])), row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = [self._button(RESEND, self.tr("Send again"))]
        if self.view.current is not None:
            buttons.append(self._button(EDIT, self.tr("Correct and send again…")))
        self._buttons(layout, *buttons, self._button(DROP, self.tr("Don't send")))
