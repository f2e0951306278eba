"""The PDF preview: pages rendered with pypdfium2, printing through QPrinter, saving a copy."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from gridstation.reports.sample import render_sample
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.pdf_preview import PdfPreviewDialog, print_pdf

WAIT_MS = 20_000


@pytest.fixture
def sample_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "sample.pdf"
    render_sample(path)
    return path


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_count(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


def open_dialog(qtbot, path: Path, **kwargs) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(path, title="样张", **kwargs)
    qtbot.addWidget(dialog)
    dialog.resize(800, 900)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=WAIT_MS)
    return dialog


def test_every_page_renders_and_the_count_matches(qtbot, sample_pdf: Path) -> None:
    expected = page_count(sample_pdf)
    assert expected >= 2
    dialog = open_dialog(qtbot, sample_pdf)
    assert dialog.page_count == expected
    assert dialog.pages_label.text() == f"{expected} page(s)"
    qtbot.waitUntil(lambda: dialog.page_pixmap(0) is not None, timeout=WAIT_MS)
    for index in range(expected):  # pages out of view are rendered once scrolled to
        dialog.scroll_to_page(index)
        qtbot.waitUntil(lambda i=index: dialog.page_pixmap(i) is not None, timeout=WAIT_MS)
        pixmap = dialog.page_pixmap(index)
        assert pixmap is not None and not pixmap.isNull()
        assert pixmap.width() > 300 and pixmap.height() > pixmap.width()  # A4 portrait
        image = pixmap.toImage()
        colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 2, "a rendered page has text, not just white paper"


def test_zoom_changes_the_page_size_and_renders_again(qtbot, sample_pdf: Path) -> None:
    dialog = open_dialog(qtbot, sample_pdf)
    qtbot.waitUntil(lambda: dialog.page_pixmap(0) is not None, timeout=WAIT_MS)
    width = dialog.page_labels[0].width()
    qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert not dialog.fit_button.isChecked()
    assert dialog.page_labels[0].width() > width
    qtbot.waitUntil(lambda: dialog.page_pixmap(0).width() > width, timeout=WAIT_MS)  # rendered sharper
    dialog.fit_button.setChecked(True)
    assert abs(dialog.page_labels[0].width() - width) <= 20  # fit width again (give or take a scroll bar)


def test_print_pdf_writes_every_page(tmp_path: Path, sample_pdf: Path, qapp) -> None:
    out = tmp_path / "printed.pdf"
    assert print_pdf(sample_pdf, pdf_printer(out)) == page_count(sample_pdf)
    assert page_count(out) == page_count(sample_pdf)


def test_print_and_save_from_the_dialog_emit_signals(qtbot, tmp_path: Path, sample_pdf: Path) -> None:
    dialog = open_dialog(qtbot, sample_pdf)
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS) as printed:
        dialog.print_to(pdf_printer(out))
    assert printed.args == [str(out)]
    assert page_count(out) == dialog.page_count
    copy = tmp_path / "copy.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        dialog.save_to(copy)
    assert saved.args == [str(copy)]
    assert copy.read_bytes() == sample_pdf.read_bytes()
    # a place that cannot be written: the reason in words beside the buttons, and Save works again
    missing = tmp_path / "no such folder" / "copy.pdf"
    dialog.save_to(missing)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=WAIT_MS)
    assert dialog.status_label.text().startswith(f"The PDF could not be saved as {missing}: the folder does not exist")


def test_the_print_dialog_is_preset_to_the_pdf_paper(qtbot, sample_pdf: Path) -> None:
    dialog = open_dialog(qtbot, sample_pdf)
    printer = dialog.make_printer()
    assert printer.pageLayout().pageSize().id().name == "A4"
    print_dialog = dialog.open_print_dialog()
    assert print_dialog.isVisible()
    print_dialog.reject()


def test_a_temporary_report_is_removed_when_the_preview_closes(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    render_sample(path)
    dialog = open_dialog(qtbot, path, delete_on_close=True)
    dialog.close()
    wait_for_operations()
    assert not path.exists()


def test_a_broken_file_says_so(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf")
    dialog = PdfPreviewDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages_label.text() == "This PDF cannot be shown.", timeout=WAIT_MS)
    assert not dialog.print_button.isEnabled()


def test_a_temporary_report_is_removed_when_its_window_goes_away(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    path = tmp_path / "report.pdf"
    render_sample(path)
    owner = QWidget()
    dialog = PdfPreviewDialog(path, owner, delete_on_close=True)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=WAIT_MS)
    owner.deleteLater()  # the page that opened the preview is deleted with the preview still open
    qtbot.waitUntil(lambda: not path.exists(), timeout=WAIT_MS)
