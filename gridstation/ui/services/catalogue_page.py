"""便民服务清单: the district's catalogue as installed, with each item's materials and time limit.
A station admin may hide items the station does not offer (audited); retired items are listed
greyed so old records can still be understood."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import catalogue
from gridstation.db.catalogue import CatalogueEntry
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.ui.context import Context
from gridstation.ui.operations import Operation, run_op

AnyIndex = QModelIndex | QPersistentModelIndex
MUTED = QColor("#8a8a8a")


def install_file(store: Store, path: Path, actor: Actor) -> int:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("catalogue", QT_TRANSLATE_NOOP(
            "Errors", "The catalogue file cannot be read as JSON ({problem})."), problem=str(exc)[:200]) from None
    return catalogue.install_catalogue(store, document, actor=actor)


def load_catalogue(store: Store) -> tuple[int, list[CatalogueEntry]]:
    return catalogue.catalogue_version(store), catalogue.list_entries(store, include_retired=True)


class CatalogueModel(QAbstractTableModel):
    CODE, CATEGORY, NAME, DEPARTMENT, LEVEL, LIMIT, PROXY, MATERIALS, STATE = range(9)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CatalogueEntry] = []
        self._headers = (self.tr("Code"), self.tr("Category"), self.tr("Service"), self.tr("Department"),
                         self.tr("Level"), self.tr("Time limit"), self.tr("Proxy"), self.tr("Materials"),
                         self.tr("State"))

    def set_rows(self, rows: list[CatalogueEntry]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def state_text(self, entry: CatalogueEntry) -> str:
        if entry.retired:
            return self.tr("Retired")
        return self.tr("Hidden") if entry.hidden else self.tr("Offered")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        item = entry.item
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (self.NAME, self.DEPARTMENT, self.MATERIALS):
            return self.data(index)  # the whole text, also where a narrow window still cuts it
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.code, item.category, item.name, item.department, item.level, item.time_limit_text,
                    self.tr("Yes") if item.proxy else self.tr("No"), "、".join(item.materials),
                    self.state_text(entry))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not entry.offered:
            return QBrush(MUTED)
        return None


class CataloguePage(QWidget):
    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = CatalogueModel(self)
        self.version_label = QLabel()
        self.version_label.setObjectName("catalogue_version")
        self.table = QTableView()
        self.table.setObjectName("catalogue_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Names, departments and materials wrap onto more lines rather than end in "…"; the short
        # columns get the room they need and no more.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for column, width in ((CatalogueModel.CODE, 64), (CatalogueModel.CATEGORY, 84), (CatalogueModel.NAME, 200),
                              (CatalogueModel.DEPARTMENT, 150), (CatalogueModel.LEVEL, 64),
                              (CatalogueModel.LIMIT, 92), (CatalogueModel.PROXY, 56), (CatalogueModel.STATE, 56)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(CatalogueModel.MATERIALS, QHeaderView.ResizeMode.Stretch)
        self.hide_button = QPushButton(self.tr("Hide / offer again"))
        self.hide_button.setObjectName("catalogue_hide")
        self.hide_button.setToolTip(self.tr("Station admins only: hide an item this station does not offer"))
        self.hide_button.setVisible(bool(context.user and context.user.is_admin))
        self.install_button = QPushButton(self.tr("Install catalogue file…"))
        self.install_button.setObjectName("catalogue_install")
        self.install_button.setToolTip(self.tr("A newer catalogue published by the district (JSON)"))
        self.install_button.setVisible(bool(context.user and context.user.is_admin))
        row = QHBoxLayout()
        row.addWidget(self.version_label, 1)
        row.addWidget(self.install_button)
        row.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.install_button.clicked.connect(self.choose_file)
        self.refresh()

    def refresh(self) -> Operation:
        return run_op(self, load_catalogue, self.context.store, success=self._loaded)

    def _loaded(self, result: tuple[int, list[CatalogueEntry]]) -> None:
        version, rows = result
        self.model.set_rows(rows)
        offered = sum(1 for r in rows if r.offered)
        self.version_label.setText(self.tr("Catalogue version {v}: {n} services offered").format(v=version, n=offered))

    def toggle_hidden(self) -> Operation | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.context.user is None:
            return None
        entry = self.model.rows[rows[0].row()]
        return run_op(self, catalogue.set_item_hidden, self.context.store, self.context.user, entry.item.code,
                      hidden=not entry.hidden, success=lambda _r: (self.changed.emit(), self.refresh()))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Install catalogue file"), "", self.tr("JSON (*.json)"))
        if path:
            self.install(Path(path))

    def install(self, path: Path) -> Operation:
        assert self.context.user is not None
        return run_op(self, install_file, self.context.store, path, self.context.user.actor, success=self._installed)

    def _installed(self, count: int) -> None:
        text = (self.tr("Installed {n} services from the new catalogue.").format(n=count) if count else
                self.tr("The station already has this catalogue version or a newer one; nothing was changed."))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Catalogue"), text, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.changed.emit()
        self.refresh()
