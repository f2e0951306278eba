"""The first-run wizard's station page: station name, street/town, community/village and grids."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gridstation.db import station
from gridstation.domain.errors import ValidationError
from gridstation.ui.field_errors import FieldErrors

MAX_GRIDS = 20


@dataclass
class GridRow:
    code: QLineEdit
    name: QLineEdit
    remove: QPushButton


class GridListEditor(QWidget):
    """A short editable list of grids (code + name); the first row is the station's own grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = ""
        self.rows: list[GridRow] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.addWidget(QLabel(self.tr("Grid code")), 0, 0)
        self._grid.addWidget(QLabel(self.tr("Grid name")), 0, 1)
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 4)
        self.add_button = QPushButton(self.tr("&Add grid"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        self.add_row()  # before the Add button joins the window, so that Tab reaches the row first
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        layout.addLayout(buttons)

    def add_row(self, code: str = "", name: str = "", *, focus: bool = False) -> GridRow:
        code_edit = QLineEdit(code or self.prefix)
        code_edit.setPlaceholderText("230204001003-001U")
        code_edit.setMaxLength(17)
        name_edit = QLineEdit(name)
        name_edit.setPlaceholderText(self.tr("e.g. First grid of Xinxing community"))
        name_edit.setMaxLength(station.MAX_NAME)
        remove = QPushButton(self.tr("Remove"))
        row = GridRow(code_edit, name_edit, remove)
        remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._relayout()
        if focus:
            code_edit.setFocus()
            code_edit.end(False)
        return row

    def remove_row(self, row: GridRow) -> None:
        if len(self.rows) <= 1:
            return
        self.rows.remove(row)
        for widget in (row.code, row.name, row.remove):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for index, row in enumerate(self.rows, start=1):
            self._grid.addWidget(row.code, index, 0)
            self._grid.addWidget(row.name, index, 1)
            self._grid.addWidget(row.remove, index, 2)
            row.remove.setEnabled(len(self.rows) > 1)
            row.code.setToolTip(self.tr("The station's own grid") if index == 1 else "")
        self.add_button.setEnabled(len(self.rows) < MAX_GRIDS)
        previous: QWidget = self.rows[0].code
        for row in self.rows:  # keyboard order: code, name, remove, next row…, then Add
            for widget in (row.code, row.name, row.remove):
                if widget is not previous:
                    QWidget.setTabOrder(previous, widget)
                    previous = widget
        if self.add_button.parent() is not None:
            QWidget.setTabOrder(previous, self.add_button)

    def set_prefix(self, prefix: str) -> None:
        """Prefill ``prefix`` (community code + "-") in every grid code not typed beyond the old prefix."""
        for row in self.rows:
            if row.code.text().strip() in ("", self.prefix):
                row.code.setText(prefix)
        self.prefix = prefix

    def entries(self) -> list[tuple[str, str]]:
        """The (code, name) pairs, leaving out rows with nothing typed beyond the prefix."""
        result = []
        for row in self.rows:
            code, name = row.code.text().strip(), row.name.text().strip()
            if code in ("", self.prefix) and not name:
                continue
            result.append((code, name))
        return result

    def row_for_code(self, code: str) -> GridRow | None:
        return next((r for r in self.rows if r.code.text().strip().upper() == code), None)


class StationPage(QWizardPage):
    FIELDS = ("name", "street_code", "street_name", "community_code", "community_name", "grids")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Station"))
        self.setSubTitle(self.tr("Which station is this, and which grids does it serve?"))
        self.setup: station.StationSetup | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Xinxing Community Grid Service Station"))
        self.street_code = QLineEdit()
        self.street_code.setPlaceholderText("230204001")
        self.street_code.setMaxLength(9)
        self.street_name = QLineEdit()
        self.street_name.setPlaceholderText(self.tr("e.g. Zhanqian Street"))
        self.community_code = QLineEdit()
        self.community_code.setPlaceholderText("230204001003")
        self.community_code.setMaxLength(12)
        self.community_name = QLineEdit()
        self.community_name.setPlaceholderText(self.tr("e.g. Xinxing Community"))
        self.grids = GridListEditor()
        for edit in (self.name_edit, self.street_name, self.community_name):
            edit.setMaxLength(station.MAX_NAME)
        self.errors = FieldErrors(list(self.FIELDS), fallback="name", parent=self)
        self._street_prefix = ""
        self.street_code.textChanged.connect(self._street_code_changed)
        self.community_code.textChanged.connect(self._community_code_changed)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(self.tr("Station na&me:"), self.name_edit), self.name_edit)
        form.addRow("", self.errors.label("name"))
        form.addRow(self._label(self.tr("Street/town &code:"), self.street_code),
                    self._pair(self.street_code, self.street_name))
        form.addRow("", self.errors.label("street_code"))
        form.addRow("", self.errors.label("street_name"))
        form.addRow(self._label(self.tr("Community/village c&ode:"), self.community_code),
                    self._pair(self.community_code, self.community_name))
        form.addRow("", self.errors.label("community_code"))
        form.addRow("", self.errors.label("community_name"))
        hint = QLabel(self.tr("Grid codes look like 230204001003-012U: community code, dash, grid number and "
                              "U (urban), R (rural) or S (dedicated unit). The first grid is the station's own."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(self._label(self.tr("&Grids:"), self.grids.rows[0].code), self.grids)
        form.addRow("", hint)
        form.addRow("", self.errors.label("grids"))

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _pair(self, code: QLineEdit, name: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(code, 2)
        row.addWidget(QLabel(self.tr("Name:")))
        row.addWidget(name, 3)
        return box

    def _street_code_changed(self, text: str) -> None:
        text = text.strip()
        if not re.fullmatch(r"\d{9}", text):
            return
        if self.community_code.text().strip() in ("", self._street_prefix):
            self.community_code.setText(text)
        self._street_prefix = text

    def _community_code_changed(self, text: str) -> None:
        text = text.strip()
        if re.fullmatch(r"\d{12}", text):
            self.grids.set_prefix(text + "-")

    def current_setup(self) -> station.StationSetup:
        return station.StationSetup(
            name=self.name_edit.text(), street_code=self.street_code.text(), street_name=self.street_name.text(),
            community_code=self.community_code.text(), community_name=self.community_name.text(),
            grids=self.grids.entries(),
        )

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.errors.clear()
        try:
            self.setup = station.validate_setup(self.current_setup())
        except ValidationError as exc:
            self.errors.show(exc)
            self._focus(exc)
            return False
        return True

    def _focus(self, exc: ValidationError) -> None:
        edits = {
            "name": self.name_edit, "street_code": self.street_code, "street_name": self.street_name,
            "community_code": self.community_code, "community_name": self.community_name,
        }
        row = self.grids.row_for_code(str(exc.params.get("code", "")))
        target = edits.get(exc.field) or (row.code if row else self.grids.rows[0].code)
        target.setFocus()
