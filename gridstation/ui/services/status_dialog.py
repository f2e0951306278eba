"""Move a record on: start handling (办理中), or close it as 办结 / 退回 / 转办 with its result and
the resident's satisfaction. A closing state needs a result (checked by the domain)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gridstation.domain import services as rules


class StatusDialog(QDialog):
    """Asks for the new status, result, note and satisfaction; the page saves them."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change status"))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("new_status")
        for code in sorted(rules.TRANSITIONS[current], key=list(rules.STATUSES).index):
            self.status_combo.addItem(rules.STATUSES[code], code)
        self.result_edit = QPlainTextEdit()
        self.result_edit.setObjectName("result")
        self.result_edit.setFixedHeight(80)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("status_note")
        self.satisfaction_combo = QComboBox()
        self.satisfaction_combo.setObjectName("satisfaction")
        self.satisfaction_combo.addItem(self.tr("Not asked"), "")
        for code, name in rules.SATISFACTION.items():
            self.satisfaction_combo.addItem(name, code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("New status"), self.status_combo)
        form.addRow(self.tr("Result"), self.result_edit)
        form.addRow(self.tr("Note"), self.note_edit)
        form.addRow(self.tr("Resident's satisfaction"), self.satisfaction_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def choose(self, status: str) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))

    def values(self) -> dict[str, str]:
        return {"status": self.status_combo.currentData(), "result": self.result_edit.toPlainText(),
                "note": self.note_edit.text(), "satisfaction": self.satisfaction_combo.currentData()}
