"""Backups from the settings page: the station admin copies the database to a file (a USB stick,
kept off the PC) and sees when the last copy was made. Restoring replaces the live database, so it
is done with the app closed, from the command line (``gridstation restore FILE``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gridstation.db import accounts, maintenance
from gridstation.db.accounts import SignedIn
from gridstation.db.clock import local_time
from gridstation.db.errors import PermissionDenied
from gridstation.db.store import Store
from gridstation.domain.errors import QT_TRANSLATE_NOOP
from gridstation.ui.context import Context
from gridstation.ui.login import ERROR_STYLE
from gridstation.ui.messages import error_text
from gridstation.ui.operations import run_op


def back_up(store: Store, user: SignedIn | None, path: Path) -> Path:
    """The operation behind "Back up now": a backup holds every record of the station, so only the
    station admin makes one (the button is disabled for others too)."""
    if user is None:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only a station admin may do this."))
    accounts.require_admin(user)
    return maintenance.backup(store, path, actor=user.username)


class BackupBox(QGroupBox):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Backup"), parent)
        self.context = context
        self.last_label = QLabel()
        self.last_label.setObjectName("last_backup")
        self.last_label.setTextFormat(Qt.TextFormat.PlainText)
        self.last_label.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back &up now…"))
        self.backup_button.setObjectName("backup_button")
        self.backup_button.clicked.connect(self.choose_file)
        self.backup_button.setEnabled(context.user is not None and context.user.is_admin)
        self.result_label = QLabel()
        self.result_label.setObjectName("backup_result")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setVisible(False)
        hint = QLabel(self.tr("Keep a copy off this PC, e.g. on a USB stick, at least once a week. To restore a "
                              "backup, close GridStation and run “gridstation restore FILE”."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.last_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self) -> None:
        run_op(self, maintenance.last_backup, self.context.store, success=self._show_last)

    def _show_last(self, last: tuple[str, str] | None) -> None:
        if last is None:
            self.last_label.setText(self.tr("No backup has been made from this station yet."))
        else:
            self.last_label.setText(self.tr("Last backup: {time}, {path}").format(time=local_time(last[0]),
                                                                                   path=last[1]))

    def choose_file(self) -> None:
        default = str(maintenance.default_backup_path(self.context.data_dir))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back up the station database"), default,
                                              self.tr("GridStation backup (*.sqlite3)"))
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, path: Path) -> None:
        """Write the backup (off the GUI thread); it is recorded in the audit log."""
        self.backup_button.setEnabled(False)
        run_op(self, back_up, self.context.store, self.context.user, path, success=self._done, failure=self._failed,
               progress=self.tr("Backing up…"))

    def _done(self, target: Path) -> None:
        self.backup_button.setEnabled(True)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Backed up to {path}.").format(path=maintenance.printable_path(target)))
        self.result_label.setVisible(True)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(self.tr("No backup was made: {reason}").format(reason=error_text(exc)))
        self.result_label.setVisible(True)
