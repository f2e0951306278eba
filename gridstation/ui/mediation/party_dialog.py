"""One party of a case (当事人): a natural person or an organisation. The input is checked by the
domain (``clean_party``: ID check digit and birth date, phone, legal representative) before the
dialog closes; a refusal names the field and keeps what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridstation.domain.errors import ValidationError
from gridstation.domain.mediation import PARTY_KINDS, SEXES, SIDES
from gridstation.domain.mediation_parties import PartyInput, clean_party
from gridstation.ui.discard_guard import DiscardGuard
from gridstation.ui.messages import error_text

ADDRESS_CHARS = 30  # e.g. 黑龙江省齐齐哈尔市铁锋区站前街道新兴社区3号楼2单元501室
FIELD_PADDING = 24  # a line edit's frame and text margins, with room to spare


class PartyDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, today: date, party: PartyInput | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Party"))
        self.today = today
        self.result_party: PartyInput | None = None
        self.side = QComboBox()
        for code, name in SIDES.items():
            self.side.addItem(name, code)
        self.kind = QComboBox()
        for code, name in PARTY_KINDS.items():
            self.kind.addItem(name, code)
        self.name = QLineEdit()
        self.sex = QComboBox()
        self.sex.addItem(self.tr("(from the ID number)"), "")
        for code, name in SEXES.items():
            self.sex.addItem(name, code)
        self.ethnicity = QLineEdit("汉族")
        self.age = QSpinBox()
        self.age.setRange(-1, 150)
        self.age.setSpecialValueText(self.tr("(from the ID number)"))
        self.age.setValue(-1)
        self.occupation = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.id_number = QLineEdit()
        self.legal_rep = QLineEdit()
        self.agent = QLineEdit()
        self._fit_fields()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in ((self.tr("Side"), self.side), (self.tr("Kind"), self.kind), (self.tr("Name"), self.name),
                              (self.tr("Sex"), self.sex), (self.tr("Ethnicity"), self.ethnicity),
                              (self.tr("Age"), self.age), (self.tr("Occupation or post"), self.occupation),
                              (self.tr("Phone"), self.phone), (self.tr("Address or work unit"), self.address),
                              (self.tr("ID number"), self.id_number), (self.tr("Legal representative"), self.legal_rep),
                              (self.tr("Agent"), self.agent)):
            form.addRow(label, widget)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.guard = DiscardGuard(self, self.has_input)
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.guard.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if party is not None:
            self.fill(party)
        self._kind_changed()
        self._as_opened = self.party()

    def has_input(self) -> bool:
        """Whether anything was typed or changed since the dialog opened (Cancel asks first)."""
        return self.party() != self._as_opened

    def _fit_fields(self) -> None:
        """Wide enough that an 18-digit ID number, a phone and an ordinary address show in full."""
        metrics = self.fontMetrics()
        self.id_number.setMinimumWidth(metrics.horizontalAdvance("0" * 18) + FIELD_PADDING)
        self.address.setMinimumWidth(metrics.horizontalAdvance("址" * ADDRESS_CHARS) + FIELD_PADDING)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_fields()

    def fill(self, party: PartyInput) -> None:
        self.side.setCurrentIndex(self.side.findData(party.side))
        self.kind.setCurrentIndex(self.kind.findData(party.kind))
        self.sex.setCurrentIndex(max(0, self.sex.findData(party.sex)))
        self.age.setValue(party.age if party.age is not None else -1)
        for name in ("name", "ethnicity", "occupation", "phone", "address", "id_number", "legal_rep", "agent"):
            getattr(self, name).setText(getattr(party, name))

    def _kind_changed(self) -> None:
        person = self.kind.currentData() == "person"
        for widget in (self.sex, self.ethnicity, self.age, self.id_number):
            widget.setEnabled(person)
        self.legal_rep.setEnabled(not person)

    def party(self) -> PartyInput:
        person = self.kind.currentData() == "person"
        return PartyInput(
            side=self.side.currentData(), kind=self.kind.currentData(), name=self.name.text(),
            sex=self.sex.currentData() if person else "", ethnicity=self.ethnicity.text() if person else "",
            age=self.age.value() if person and self.age.value() >= 0 else None, occupation=self.occupation.text(),
            phone=self.phone.text(), address=self.address.text(), id_number=self.id_number.text() if person else "",
            legal_rep=self.legal_rep.text() if not person else "", agent=self.agent.text())

    def check_and_accept(self) -> None:
        try:
            self.result_party = clean_party(self.party(), today=self.today)
        except ValidationError as exc:
            self.error_label.setText(error_text(exc))
            widget = getattr(self, exc.field, None)
            if isinstance(widget, QWidget):
                widget.setFocus()
            return
        self.accept()
