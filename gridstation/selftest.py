"""``gridstation --self-test``: check that an installed app has everything it needs at run time.

Meant for installers and support: it runs headless (Qt's offscreen platform unless one is set),
and each step uses the same code the app uses — Qt with the bundled fonts and translations, the
store (created or migrated in the data directory, with an integrity check), an argon2 password
hash, a PDF report with Chinese text, read back with PDFium and printed through Qt print support
to a PDF file, and every module of the main window. It prints one line per step and returns 0.

A data directory the app cannot use (for example one written by a newer GridStation) raises the
same ``GridStationError`` the app shows, which the command line prints as ``error: …`` (exit 2).
Without ``--data-dir`` the check runs on a temporary directory, never on the station's real data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

EXIT_FAILED = 1


class SelfTestFailure(Exception):
    """A part of the installed app is missing or broken."""


def _qt(out: Callable[[str], None]) -> object:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
    from PySide6.QtGui import QGuiApplication

    from gridstation.app import create_application
    from gridstation.font_files import FONT_SPECS
    from gridstation.resources import resource_path

    app = create_application([sys.argv[0]])
    families = set(app.font().families())
    missing = [spec.family for spec in FONT_SPECS if spec.family not in families]
    if missing:
        raise SelfTestFailure(f"fonts not loaded: {', '.join(missing)} (looked in {resource_path('fonts')})")
    out(f"Qt platform {QGuiApplication.platformName()}, fonts {', '.join(sorted(families))}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in (("gridstation_zh_CN", str(resource_path("translations"))), ("qtbase_zh_CN", qt_dir)):
        translator = QTranslator(QCoreApplication.instance())
        if not translator.load(name, directory):
            raise SelfTestFailure(f"translation {name} not found in {directory}")
    out("translations gridstation_zh_CN, qtbase_zh_CN")
    return app


def _store(data_dir: Path, out: Callable[[str], None]) -> None:
    from gridstation.db import maintenance
    from gridstation.db.store import Store

    with Store.open(data_dir) as store:
        report = maintenance.check(store)
        if not report.ok:
            raise SelfTestFailure(f"database check failed: {'; '.join(report.problems)}")
        migration = store.migration
        change = f" (migrated from v{migration.from_version})" if migration.from_version != migration.to_version else ""
        out(f"database {store.path}: schema v{migration.to_version}{change}, integrity ok")


def _password(out: Callable[[str], None]) -> None:
    from argon2 import PasswordHasher

    hasher = PasswordHasher()
    if not hasher.verify(hasher.hash("Self-test#1"), "Self-test#1"):
        raise SelfTestFailure("argon2 could not verify its own hash")
    out("argon2 password hashing")


def _pdf(work: Path, out: Callable[[str], None]) -> None:
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    from gridstation.reports.sample import SAMPLE_TITLE, render_sample
    from gridstation.ui.pdf_preview import print_pdf

    pdf = work / "sample.pdf"
    pages = render_sample(pdf)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    if SAMPLE_TITLE not in text:
        raise SelfTestFailure(f"the sample PDF does not read back its Chinese title {SAMPLE_TITLE!r}")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(work / "printed.pdf"))
    printed = print_pdf(pdf, printer)
    if printed != pages:
        raise SelfTestFailure(f"printed {printed} of {pages} pages")
    out(f"PDF report with Chinese text: {pages} pages written, read back and printed")


def run_self_test(data_dir: Path | None, stream: TextIO | None = None) -> int:
    """Run every step on ``data_dir`` (a temporary directory when None); 0 when all passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gridstation import __version__

    stream = stream or sys.stdout

    def out(line: str) -> None:
        stream.write(f"ok  {line}\n")
        stream.flush()

    kind = "installed package" if getattr(sys, "frozen", False) else "source"
    stream.write(f"GridStation {__version__} self-test ({kind})\n")
    with tempfile.TemporaryDirectory(prefix="gridstation-self-test-") as tmp:
        work = Path(tmp)
        try:
            _qt(out)
            _store(data_dir or work / "data", out)
            _password(out)
            _pdf(work, out)
            import gridstation.ui.main_window  # noqa: F401 - every page's module loads

            out("main window modules")
        except (SelfTestFailure, ImportError, OSError) as exc:
            stream.write(f"FAILED: {exc}\n")
            return EXIT_FAILED
    stream.write("self-test passed\n")
    return 0
