"""Previewing, printing and saving a PDF the app wrote (reports, forms), with pages rendered by pypdfium2.

PDFium is not thread-safe, so every call into it holds ``_PDFIUM_LOCK``. The dialog renders on the
operations thread, one page per operation and only the pages in view (plus the next one), so a long
report opens at once and database operations started meanwhile are not held up behind it.

No domain logic here: callers audit printing and saving through the ``printed`` and ``saved`` signals.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import shiboken6
from PySide6.QtCore import QRectF, QSize, QSizeF, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gridstation.domain.errors import QT_TRANSLATE_NOOP, GridStationError
from gridstation.ui.file_problem import file_problem
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op
from gridstation.ui.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

_PDFIUM_LOCK = threading.Lock()
POINTS_PER_INCH = 72.0
SCREEN_DPI = 96.0  # 100 % zoom: the page at its printed size on a standard screen
PRINT_MAX_DPI = 300  # enough for text on paper; a 1200 dpi bitmap of an A4 page would be 130 MB
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
PAGE_GAP = 12


def _to_qimage(bitmap: pdfium.PdfBitmap) -> QImage:
    """A QImage owning a copy of the pixels of an RGBx bitmap.

    A QImage made from a buffer only points at it: ``pixels`` must outlive the view until the copy
    is made (a page bitmap is megabytes, so a freed buffer is unmapped and reading it crashes).
    """
    pixels = bytes(bitmap.buffer)
    view = QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
    owned = view.copy()
    del view
    del pixels
    return owned


def _render(page: pdfium.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx, rev_byteorder=True)
    try:
        return _to_qimage(bitmap)
    finally:
        bitmap.close()


class PdfSource:
    """One open PDF; every method may run on any thread (PDFium calls are serialised)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._doc: pdfium.PdfDocument | None = None

    def _document(self) -> pdfium.PdfDocument:
        if self._doc is None:
            self._doc = pdfium.PdfDocument(str(self.path))
        return self._doc

    def page_sizes(self) -> list[tuple[float, float]]:
        """(width, height) of every page, in points."""
        with _PDFIUM_LOCK:
            doc = self._document()
            return [doc.get_page_size(i) for i in range(len(doc))]

    def render(self, index: int, scale: float) -> tuple[int, float, QImage]:
        """Page ``index`` at ``scale`` pixels per point (QImage is safe to make off the GUI thread)."""
        with _PDFIUM_LOCK:
            page = self._document()[index]
            try:
                return index, scale, _render(page, scale)
            finally:
                page.close()

    def close(self, *, delete: bool = False) -> None:
        with _PDFIUM_LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None
        if delete:
            self.path.unlink(missing_ok=True)


def fit_rect(page: QSizeF, target: QRectF) -> QRectF:
    """The largest rectangle of ``page``'s proportions centred in ``target``."""
    factor = min(target.width() / page.width(), target.height() / page.height())
    width, height = page.width() * factor, page.height() * factor
    return QRectF(target.x() + (target.width() - width) / 2, target.y() + (target.height() - height) / 2,
                  width, height)


def print_pdf(pdf_path: str | os.PathLike[str], printer: QPrinter) -> int:
    """Paint every page of the PDF onto ``printer``, each fitted to the paper; returns the page count.

    Pages are rendered at the printer's resolution (at most ``PRINT_MAX_DPI``) one at a time, so memory
    stays small. Blocking: run it as an operation (a QPainter may paint on a QPrinter in any thread).
    """
    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(pdf_path))
        count = len(doc)
    try:
        printer.setFullPage(True)  # the PDF has its own margins; place the whole page on the paper
        scale = min(printer.resolution(), PRINT_MAX_DPI) / POINTS_PER_INCH
        painter = QPainter()
        if not painter.begin(printer):
            raise GridStationError(QT_TRANSLATE_NOOP("Errors", "The printer could not be started."))
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for index in range(count):
                if index and not printer.newPage():
                    raise GridStationError(QT_TRANSLATE_NOOP("Errors", "The printer stopped before the last page."))
                with _PDFIUM_LOCK:
                    page = doc[index]
                    width, height = page.get_size()
                    image = _render(page, scale)
                    page.close()
                painter.drawImage(fit_rect(QSizeF(width, height), QRectF(painter.viewport())), image)
        finally:
            painter.end()
    finally:
        with _PDFIUM_LOCK:
            doc.close()
    return count


def _release_source(source: PdfSource, delete: bool, *_args: object) -> None:
    run_op(None, source.close, delete=delete)


class PdfPreviewDialog(QDialog):
    """A PDF page after page, with zoom, "Print…" and "Save as…".

    ``printed(str)`` carries the printer's name (or output file), ``saved(str)`` the path written;
    ``pageRendered(int)`` fires as pages appear. With ``delete_on_close`` the file (a temporary
    report) is removed once the dialog is closed.
    """

    printed = Signal(str)
    saved = Signal(str)
    pageRendered = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, pdf_path: str | os.PathLike[str], parent: QWidget | None = None, *, title: str = "",
                 delete_on_close: bool = False) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.title = title or self.pdf_path.stem
        self.setWindowTitle(self.tr("Preview: {title}").format(title=self.title))
        fit_to_screen(self, 900, 1000)  # A4 pages are tall; the window is never taller than the screen
        self._source = PdfSource(self.pdf_path)
        self._delete_on_close = delete_on_close
        self._closed = False
        self.page_sizes: list[tuple[float, float]] = []
        self.page_labels: list[QLabel] = []
        self._rendered_scale: dict[int, float] = {}
        self._rendering = False
        self._printer: QPrinter | None = None
        self.zoom = 1.0
        self.fit_width = True

        self.zoom_out_button = QPushButton(self.tr("Zoom out"))
        self.zoom_in_button = QPushButton(self.tr("Zoom in"))
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages_label = QLabel(self.tr("Opening…"))
        self.pages_label.setObjectName("pages_label")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #5f6368;")
        self.save_button = QPushButton(self.tr("Save as…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.save_button,
                       self.print_button):
            button.setEnabled(False)

        self.pages = QWidget()
        self.pages.setObjectName("pdf_pages")
        self.pages.setStyleSheet("#pdf_pages { background: #e8eaed; }")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        tools = QHBoxLayout()
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_label)
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.fit_button)
        tools.addSpacing(12)
        tools.addWidget(self.pages_label)
        tools.addStretch(1)
        tools.addWidget(self.save_button)
        tools.addWidget(self.print_button)
        tools.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status_label)

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(40)
        self._render_timer.timeout.connect(self._render_next)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(60)
        self._fit_timer.timeout.connect(self._apply_fit)

        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.fit_button.toggled.connect(self._fit_toggled)
        self.save_button.clicked.connect(self.choose_save_path)
        self.print_button.clicked.connect(self.open_print_dialog)
        self.close_button.clicked.connect(self.reject)
        # not connected to start() directly: start(int) would take the scroll position as its interval
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _value: self._render_timer.start())
        self.scroll_area.horizontalScrollBar().valueChanged.connect(lambda _value: self._render_timer.start())
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in_button.click),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out_button.click),
                           (QKeySequence.StandardKey.Print, self.print_button.click),
                           (QKeySequence.StandardKey.Save, self.save_button.click)):
            QShortcut(keys, self, slot)

        # Deleted without being closed (its parent went first): still release the file. Not a method of
        # self, which no longer exists when ``destroyed`` is emitted.
        self.destroyed.connect(partial(_release_source, self._source, delete_on_close))
        run_op(self, self._source.page_sizes, success=self._loaded, failure=self._load_failed)

    # -- pages ---------------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    def _loaded(self, sizes: list[tuple[float, float]]) -> None:
        self.page_sizes = sizes
        self.pages_label.setText(self.tr("%n page(s)", "", len(sizes)))
        for index in range(len(sizes)):
            label = QLabel()
            label.setObjectName(f"pdf_page_{index + 1}")
            label.setScaledContents(True)
            label.setStyleSheet("background: white; border: 1px solid #c4c7c5;")
            label.setAccessibleName(self.tr("Page {n}").format(n=index + 1))
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.save_button,
                       self.print_button):
            button.setEnabled(bool(sizes))
        if self.fit_width:
            self._apply_fit()
        else:
            self._layout_pages()

    def _load_failed(self, exc: BaseException) -> None:
        log.warning("cannot open %s for preview: %s", self.pdf_path, exc)
        self.pages_label.setText(self.tr("This PDF cannot be shown."))
        self.save_button.setEnabled(self.pdf_path.exists())

    def _points_to_pixels(self) -> float:
        return self.zoom * SCREEN_DPI / POINTS_PER_INCH

    def _layout_pages(self) -> None:
        factor = self._points_to_pixels()
        for label, (width, height) in zip(self.page_labels, self.page_sizes, strict=True):
            label.setFixedSize(round(width * factor), round(height * factor))
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.zoom_in_button.setEnabled(bool(self.page_sizes) and self.zoom < ZOOM_MAX)
        self.zoom_out_button.setEnabled(bool(self.page_sizes) and self.zoom > ZOOM_MIN)
        self._render_timer.start()

    def set_zoom(self, zoom: float) -> None:
        """Zoom to ``zoom`` (1.0 = printed size on a 96 dpi screen); leaves "fit width"."""
        self.fit_width = False
        self.fit_button.setChecked(False)
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        self._layout_pages()

    def _fit_toggled(self, on: bool) -> None:
        self.fit_width = on
        if on:
            self._apply_fit()

    def _apply_fit(self) -> None:
        if not self.fit_width or not self.page_sizes:
            return
        widest = max(width for width, _ in self.page_sizes)
        scroll_bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        available = self.scroll_area.viewport().width() - 2 * PAGE_GAP - scroll_bar
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, available / (widest * SCREEN_DPI / POINTS_PER_INCH)))
        self._layout_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fit_width:
            self._fit_timer.start()
        self._render_timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._render_timer.start()

    def visible_pages(self) -> list[int]:
        """Pages at least partly in view, and the one after them (rendered ahead)."""
        shown = [i for i, label in enumerate(self.page_labels) if not label.visibleRegion().isEmpty()]
        if shown and shown[-1] + 1 < len(self.page_labels):
            shown.append(shown[-1] + 1)
        return shown

    def page_pixmap(self, index: int) -> QPixmap | None:
        """The rendered image of page ``index`` (``None`` until it has been drawn)."""
        if index not in self._rendered_scale:
            return None
        pixmap = self.page_labels[index].pixmap()
        return None if pixmap.isNull() else pixmap

    def scroll_to_page(self, index: int) -> None:
        self.scroll_area.ensureWidgetVisible(self.page_labels[index], 0, 0)
        self._render_timer.start()

    def _target_scale(self) -> float:
        return self._points_to_pixels() * self.devicePixelRatioF()

    def _render_next(self) -> None:
        if self._rendering or self._closed or not self.isVisible():
            return
        scale = self._target_scale()
        for index in self.visible_pages():
            if abs(self._rendered_scale.get(index, 0.0) - scale) > 1e-6:
                self._rendering = True
                run_op(self, self._source.render, index, scale, success=self._rendered,
                       failure=self._render_failed)
                return

    def _rendered(self, result: tuple[int, float, QImage]) -> None:
        index, scale, image = result
        self._rendering = False
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.page_labels[index].setPixmap(pixmap)
        self._rendered_scale[index] = scale
        self.pageRendered.emit(index)
        self._render_next()

    def _render_failed(self, exc: BaseException) -> None:
        self._rendering = False
        log.warning("cannot render a page of %s: %s", self.pdf_path, exc)
        self.status_label.setText(self.tr("A page could not be shown."))

    # -- printing and saving -------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        """A printer preset to the PDF's paper size and orientation."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        if self.page_sizes:
            width, height = self.page_sizes[0]
            printer.setPageSize(QPageSize(QSize(round(width), round(height)), "",
                                          QPageSize.SizeMatchPolicy.FuzzyMatch))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                                       else QPageLayout.Orientation.Portrait)
        return printer

    def open_print_dialog(self) -> QPrintDialog:
        """Ask for a printer (window-modal, not blocking), then print."""
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, False)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self._printer = printer
        QDialog.open(dialog)  # QPrintDialog.open() needs a receiver in PySide6; the plain one is QDialog's
        return dialog

    def print_to(self, printer: QPrinter) -> None:
        """Print every page on ``printer`` (off the GUI thread); emits ``printed`` when done."""
        self._printer = printer  # kept alive until the operation is over
        self.print_button.setEnabled(False)
        self.status_label.setText(self.tr("Printing…"))
        run_op(self, print_pdf, self.pdf_path, printer, success=lambda _n: self._printed(printer),
               failure=self._print_failed, progress=self.tr("Printing…"))

    def _printed(self, printer: QPrinter) -> None:
        self.print_button.setEnabled(True)
        self.status_label.setText(self.tr("Sent to the printer."))
        self.printed.emit(printer.outputFileName() or printer.printerName())

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.status_label.clear()
        show_error(self, exc)

    def choose_save_path(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = str(Path(folder) / f"{self.title}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the PDF"), default, self.tr("PDF (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | os.PathLike[str]) -> None:
        """Copy the PDF to ``path`` (off the GUI thread); emits ``saved`` when done."""
        target = Path(path)
        self.save_button.setEnabled(False)
        run_op(self, shutil.copyfile, self.pdf_path, target, success=lambda _r: self._saved(target),
               failure=lambda exc: self._save_failed(target, exc))

    def _saved(self, target: Path) -> None:
        self.save_button.setEnabled(True)
        self.status_label.setText(self.tr("Saved as {path}.").format(path=str(target)))
        self.saved.emit(str(target))

    def _save_failed(self, target: Path, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        reason = file_problem(exc)
        if reason is None:
            show_error(self, exc)
            return
        self.status_label.setText(self.tr("The PDF could not be saved as {path}: {reason}. Choose another place or "
                                          "name and save again.").format(path=str(target), reason=reason))

    # -- closing -------------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._release()
        super().closeEvent(event)

    def _release(self) -> None:
        """Close the document on the operations thread (after any render still queued), once."""
        if self._closed or not shiboken6.isValid(self):
            return
        self._closed = True
        self._render_timer.stop()
        _release_source(self._source, self._delete_on_close)
