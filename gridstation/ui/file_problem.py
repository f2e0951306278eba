"""Why a file could not be written (an export, a saved report), in the user's words."""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication


def file_problem(exc: BaseException) -> str | None:
    """The reason an ``OSError`` gives, in words a station user can act on; None for other errors."""
    if not isinstance(exc, OSError):
        return None
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate("FileProblem", "the folder does not exist")
    if isinstance(exc, IsADirectoryError):
        return QCoreApplication.translate("FileProblem", "that is a folder, not a file")
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate(
            "FileProblem", "the file is open in another program (close it there, e.g. in Excel or WPS), or the "
                           "folder may not be written to")
    if exc.errno == errno.ENOSPC:
        return QCoreApplication.translate("FileProblem", "the disk is full")
    return exc.strerror or type(exc).__name__
