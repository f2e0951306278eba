"""帮代办台账: the service records, newest first; overdue and due-soon records stand out. Register
a service, move it through its states, print its receipt, correct the resident's details, reveal
a masked value (audited)."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import accounts, catalogue, services
from gridstation.db import services_queries as q
from gridstation.db.diary import local_today
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.domain.services import ServiceView
from gridstation.ui.context import Context
from gridstation.ui.diary.month_export import preview_report, temporary_pdf
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.services.printing import render_receipt_pdf
from gridstation.ui.services.records_model import ServiceRecordsModel
from gridstation.ui.services.register_dialog import RegisterServiceDialog
from gridstation.ui.services.resident_dialog import ResidentDialog
from gridstation.ui.services.status_dialog import StatusDialog

FILTERS = ("all", "open", "overdue")
PAGE_SIZE = 200
SEARCH_PAUSE_MS = 300


def record_filter(which: str, search: str) -> q.RecordFilter:
    return q.RecordFilter(open_only=which == "open", overdue=which == "overdue", search=search)


def first_page(store: Store, flt: q.RecordFilter) -> tuple[date, int, list[ServiceView], dict[str, str]]:
    """The day, the number of matching records, the first ``PAGE_SIZE`` of them, and the users'
    names by login (a record's history names who changed it by login)."""
    today = local_today(store)
    with store.read() as session:
        names = accounts.names_by_login(session)
        return (today, q.count_records(session, today=today, flt=flt),
                q.list_records(session, today=today, flt=flt, limit=PAGE_SIZE), names)


def next_page(store: Store, flt: q.RecordFilter, today: date, offset: int) -> list[ServiceView]:
    with store.read() as session:
        return q.list_records(session, today=today, flt=flt, limit=PAGE_SIZE, offset=offset)


class ServiceListPage(QWidget):
    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today = date.today()
        self.model = ServiceRecordsModel(self)
        self.model.fetch_page = self._fetch_page
        self._generation = 0
        self._filter = q.RecordFilter()
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("service_filter")
        for key, label in zip(FILTERS, (self.tr("All records"), self.tr("Open records"), self.tr("Overdue")),
                              strict=True):
            self.filter_combo.addItem(label, key)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("service_search")
        self.search_edit.setPlaceholderText(self.tr("Resident or service"))
        self.count_label = QLabel()
        self.count_label.setObjectName("service_count")
        self.table = QTableView()
        self.table.setObjectName("service_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(ServiceRecordsModel.RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        for column, width in ((ServiceRecordsModel.RECEIVED, 96), (ServiceRecordsModel.ITEM, 210),
                              (ServiceRecordsModel.RESIDENT, 80), (ServiceRecordsModel.PHONE, 110),
                              (ServiceRecordsModel.PROMISED, 96), (ServiceRecordsModel.STATUS, 70),
                              (ServiceRecordsModel.DEADLINE, 70)):
            self.table.setColumnWidth(column, width)
        self.register_button = QPushButton(self.tr("Register a service…"))
        self.register_button.setObjectName("service_register")
        self.progress_button = QPushButton(self.tr("Start handling"))
        self.progress_button.setObjectName("service_in_progress")
        self.status_button = QPushButton(self.tr("Close…"))
        self.status_button.setObjectName("service_close")
        self.satisfaction_button = QPushButton(self.tr("Satisfaction…"))
        self.satisfaction_button.setObjectName("service_satisfaction")
        self.satisfaction_button.setToolTip(self.tr("Record the resident's satisfaction with a closed record"))
        self.receipt_button = QPushButton(self.tr("Print receipt…"))
        self.receipt_button.setObjectName("service_receipt")
        self.resident_button = QPushButton(self.tr("Correct resident…"))
        self.resident_button.setObjectName("service_resident")
        self.resident_button.setToolTip(self.tr("Put right the resident's name, phone or ID number"))
        self.reveal_button = QPushButton(self.tr("Show phone and ID"))
        self.reveal_button.setObjectName("service_reveal")
        self.reveal_button.setToolTip(self.tr("Shows the full values; this is written to the audit log"))
        top = QHBoxLayout()
        top.addWidget(self.filter_combo)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        actions = QHBoxLayout()
        for button in (self.register_button, self.progress_button, self.status_button, self.satisfaction_button,
                       self.receipt_button, self.resident_button, self.reveal_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search_edit.returnPressed.connect(self.refresh)
        # the list follows what is typed, once typing pauses (Enter searches at once)
        self._search_pause = QTimer(self)
        self._search_pause.setSingleShot(True)
        self._search_pause.setInterval(SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _text: self._search_pause.start())
        self.register_button.clicked.connect(self.open_register)
        self.progress_button.clicked.connect(self.start_handling)
        self.status_button.clicked.connect(self.open_close)
        self.receipt_button.clicked.connect(self.print_receipt)
        self.satisfaction_button.clicked.connect(self.ask_satisfaction)
        self.resident_button.clicked.connect(self.open_resident)
        self.reveal_button.clicked.connect(self.reveal)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.last_dialog: QWidget | None = None
        self._update_buttons()
        self.refresh()

    def refresh(self) -> Operation:
        self._search_pause.stop()
        self._generation += 1
        self._filter = record_filter(self.filter_combo.currentData(), self.search_edit.text().strip())
        return run_op(self, first_page, self.context.store, self._filter,
                      success=partial(self._loaded, self._generation))

    def _fetch_page(self, offset: int) -> None:
        generation = self._generation
        run_op(self, next_page, self.context.store, self._filter, self.today, offset,
               success=lambda rows: self.model.append(rows) if generation == self._generation else None)

    def _loaded(self, generation: int, result: tuple[date, int, list[ServiceView], dict[str, str]]) -> None:
        if generation != self._generation:
            return
        self.today, total, rows, self.model.names = result
        selected = self.selected()
        self.model.set_rows(rows, total)
        self.count_label.setText(self.tr("{n} records").format(n=total))
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def selected(self) -> ServiceView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, record_id: str) -> bool:
        for row, view in enumerate(self.model.rows):
            if view.id == record_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        view = self.selected()
        is_open = view is not None and not view.closed
        self.progress_button.setEnabled(is_open and view is not None and view.status == rules.ACCEPTED)
        self.status_button.setEnabled(is_open)
        self.satisfaction_button.setEnabled(view is not None and view.closed)
        self.receipt_button.setEnabled(view is not None)
        self.resident_button.setEnabled(view is not None)
        self.reveal_button.setEnabled(view is not None)

    def _after_write(self, record_id: str | None = None, *_: object) -> None:
        self.changed.emit()
        op = self.refresh()
        if record_id:
            op.finished.connect(lambda: self.select(record_id))

    def open_register(self) -> RegisterServiceDialog:
        user = self.context.user
        assert user is not None
        items = catalogue.offered_items(self.context.store)
        grid = user.grid_code or ""
        dialog = RegisterServiceDialog(self.context, items, grid, local_today(self.context.store), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.registered.connect(self._after_write)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def open_resident(self) -> ResidentDialog | None:
        view = self.selected()
        if view is None:
            return None
        dialog = ResidentDialog(self.context, view, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.corrected.connect(self._after_write)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def start_handling(self) -> Operation | None:
        view = self.selected()
        if view is None or self.context.user is None:
            return None
        return run_op(self, services.change_status, self.context.store, self.context.user.actor, view.id,
                      status=rules.IN_PROGRESS, success=lambda _r: self._after_write(view.id))

    def open_close(self) -> StatusDialog | None:
        view = self.selected()
        if view is None:
            return None
        dialog = StatusDialog(self.context, view, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._after_write)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def ask_satisfaction(self) -> QInputDialog | None:
        view = self.selected()
        if view is None:
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Resident's satisfaction"))
        dialog.setLabelText(view.resident_name + " · " + view.item_name)
        dialog.setComboBoxItems(list(rules.SATISFACTION.values()))
        dialog.setTextValue(rules.SATISFACTION.get(view.satisfaction, rules.SATISFACTION["satisfied"]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(partial(self._save_satisfaction, view.id))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _save_satisfaction(self, record_id: str, name: str) -> Operation:
        assert self.context.user is not None
        code = next(k for k, v in rules.SATISFACTION.items() if v == name)
        return run_op(self, services.set_satisfaction, self.context.store, self.context.user.actor, record_id, code,
                      success=lambda _r: self._after_write(record_id))

    def print_receipt(self) -> Operation | None:
        view = self.selected()
        if view is None:
            return None
        return run_op(self, render_receipt_pdf, self.context.store, temporary_pdf("receipt"), record_id=view.id,
                      today=self.today, success=lambda path: self._show_pdf(path, view))

    def _show_pdf(self, path: object, view: ServiceView) -> None:
        self.last_dialog = preview_report(self, self.context, path, title=self.tr("Receipt"),  # type: ignore[arg-type]
                                          target=f"service_record:{view.id} receipt")

    def reveal(self) -> Operation | None:
        view = self.selected()
        if view is None or self.context.user is None:
            return None
        actor = self.context.user.actor

        def both() -> tuple[str, str]:
            store = self.context.store
            return (services.reveal_resident_field(store, actor, view.id, "resident_phone"),
                    services.reveal_resident_field(store, actor, view.id, "resident_id_number"))

        return run_op(self, both, success=partial(self._show_revealed, view))

    def _show_revealed(self, view: ServiceView, values: tuple[str, str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Resident's contact"),
                          self.tr("{name}\nPhone: {phone}\nID number: {id}").format(
                              name=view.resident_name, phone=values[0] or "—", id=values[1] or "—"),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = box
        box.open()
