"""The people's mediation area (人民调解) of the main window: the case list, the open case and the
statistics as tabs; registering a case and checking a printed agreement's QR code from the list.
Shown only to users whose role may see mediation records (``db.mediation.may_see_mediation``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTabWidget, QWidget

from gridstation.db import mediation
from gridstation.ui.context import Context
from gridstation.ui.mediation import ops
from gridstation.ui.mediation.case_dialogs import QrCheckDialog
from gridstation.ui.mediation.case_list import CaseListPage
from gridstation.ui.mediation.case_page import CasePage
from gridstation.ui.mediation.register_dialog import RegisterDialog
from gridstation.ui.mediation.stats_page import StatsPage
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.shortcuts import find_shortcut


class MediationArea(QTabWidget):
    """``changed`` after any mediation write (the window refreshes the home page and the sync count)."""

    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mediation_area")
        self.setDocumentMode(True)
        self.context = context
        self.list_page = CaseListPage(context)
        self.case_page = CasePage(context)
        self.stats_page = StatsPage(context)
        self.addTab(self.list_page, self.tr("Cases"))
        self.addTab(self.case_page, self.tr("Case"))
        self.addTab(self.stats_page, self.tr("Statistics"))
        self.qr_button = QPushButton(self.tr("Check agreement code…"))
        self.qr_button.clicked.connect(self.check_code)
        self.setCornerWidget(self.qr_button)
        self.dialog: QWidget | None = None
        self.list_page.openCase.connect(self.show_case)
        self.list_page.newCase.connect(self.register_case)
        find_shortcut(self, self.list_page.search_edit, lambda: self.setCurrentWidget(self.list_page))
        self.case_page.changed.connect(self._changed)
        self._loaded = False
        self.grids: list[tuple[str, str]] = []

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._loaded:
            self._loaded = True
            # Only the grids of the station's own committee: it numbers no other committee's cases.
            run_op(self, mediation.registrable_grids, self.context.store,
                   success=lambda grids: setattr(self, "grids", [(g.code, g.name) for g in grids]))
            self.list_page.refresh()
            self.stats_page.refresh()

    def _changed(self) -> None:
        self.list_page.refresh()
        self.changed.emit()

    def show_case(self, case_id: str) -> Operation:
        self.setCurrentWidget(self.case_page)
        return self.case_page.show_case(case_id)

    def register_case(self) -> RegisterDialog:
        grids = self.grids  # read when the area was first shown
        user = self.context.user
        if user is not None and user.role != "mediator" and user.grid_code:
            grids = [g for g in grids if g[0] == user.grid_code]
        dialog = RegisterDialog(self.context, grids, ops.today(self.context.store), self)
        dialog.registered.connect(self._registered)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _registered(self, case_id: str) -> None:
        self._changed()
        self.show_case(case_id)

    def check_code(self) -> QrCheckDialog:
        dialog = QrCheckDialog(self.context, self)
        self.dialog = dialog
        dialog.open()
        return dialog
