"""Printing a day sheet: render it to a temporary PDF off the GUI thread, preview it, and audit the
print (``print``) or a saved copy (``export.pdf``) against ``diary_day:<id>``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from gridstation.db import events
from gridstation.ui.context import Context
from gridstation.ui.diary import day_ops
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.pdf_preview import PdfPreviewDialog


class DaySheetPrinter(QObject):
    """``previewed(dialog)`` once the sheet is rendered and its preview is open."""

    previewed = Signal(object)

    def __init__(self, context: Context, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.window = parent
        self.path: Path | None = None
        self.dialog: PdfPreviewDialog | None = None

    def start(self, day_id: str, title: str) -> Operation:
        return run_op(self.window, day_ops.write_day_sheet, self.context.store, day_id,
                      success=lambda path: self._preview(day_id, title, path),
                      progress=self.tr("Preparing the day sheet…"))

    def _preview(self, day_id: str, title: str, path: Path) -> None:
        self.path = path
        dialog = PdfPreviewDialog(path, self.window, title=title, delete_on_close=True)
        dialog.printed.connect(lambda printer: self._audit("print", day_id, printer))
        dialog.saved.connect(lambda saved: self._audit("export.pdf", day_id, saved))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        self.previewed.emit(dialog)

    def _audit(self, action: str, day_id: str, detail: str) -> None:
        run_op(None, events.record_event, self.context.store, actor=self.context.user.username, action=action,
               target=f"diary_day:{day_id}", detail=detail)
