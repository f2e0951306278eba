"""Enrolling the station with the district server (for the settings page; station admins only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import station
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.sync import engine
from gridstation.sync.client import (
    CertificateUnverified,
    NotHttps,
    RequestRefused,
    ServerAnswer,
    ServerFault,
    ServerUnreachable,
    SyncError,
    check_server_url,
)
from gridstation.sync.state import load_settings
from gridstation.ui.context import Context
from gridstation.ui.field_errors import FieldErrors
from gridstation.ui.operations import run_op
from gridstation.ui.sync.scheduler import SyncScheduler
from gridstation.ui.sync.texts import sync_error_text

FIELDS = ["server_url", "ca_bundle", "code", "station_name", "form"]
CODE_LENGTH = (4, 40)  # EnrolRequest.code
NAME_MAX = 100  # EnrolRequest.station_name
# Which field a failed enrolment is shown under, by the server's error code.
ERROR_FIELDS = {"enrolment_code_invalid": "code", "enrolment_code_used": "code", "enrolment_code_expired": "code",
                "station_revoked": "code"}
# The district server's codes for a path or method it does not have: the address points elsewhere.
NOT_AN_ENDPOINT = frozenset({"not_found", "method_not_allowed"})


@dataclass(frozen=True)
class EnrolmentState:
    enrolled: bool
    station_id: str
    server_url: str
    ca_bundle: str
    station_name: str


def enrolment_state(store: Store) -> EnrolmentState:
    """What the box shows (the token is not read into it)."""
    settings = load_settings(store)
    profile = station.get_station(store)
    return EnrolmentState(settings.enrolled, settings.station_id, settings.server_url, settings.ca_bundle,
                          profile.name if profile is not None else "")


class SyncSettingsBox(QGroupBox):
    """``enrolled(station_id)`` is emitted after a successful enrolment (the scheduler is already told)."""

    enrolled = Signal(str)

    def __init__(self, context: Context, scheduler: SyncScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("District server"))
        self.context = context
        self.scheduler = scheduler
        self.state: EnrolmentState | None = None
        self.busy = False
        self.enrolling_url = ""  # the checked address of the last enrolment started
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText("https://sync.example.gov.cn")
        self.server_url.editingFinished.connect(self.check_address)
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setPlaceholderText(self.tr("Optional: only if the district gave you one (.pem)"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("From the district, e.g. 7KQ2-M9XD"))
        self.station_name = QLineEdit()
        self.station_name.setMaxLength(NAME_MAX)
        self.enrol_button = QPushButton(self.tr("&Enrol"))
        self.enrol_button.clicked.connect(self.enrol)
        self.state_label = QLabel()
        self.state_label.setObjectName("enrolment_state")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = FieldErrors(FIELDS, fallback="form", parent=self)

        form = QFormLayout(self)
        form.addRow(self.tr("Status:"), self.state_label)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse_button)
        rows: list[tuple[str, str, QWidget, QWidget | QHBoxLayout]] = [
            ("server_url", self.tr("Server &address:"), self.server_url, self.server_url),
            ("ca_bundle", self.tr("Certificate au&thority file:"), self.ca_bundle, ca_row),
            ("code", self.tr("Enrolment &code:"), self.code, self.code),
            ("station_name", self.tr("Station &name:"), self.station_name, self.station_name),
        ]
        for field, label_text, buddy, content in rows:
            cell = QVBoxLayout()
            cell.setSpacing(2)
            if isinstance(content, QHBoxLayout):
                cell.addLayout(content)
            else:
                cell.addWidget(content)
            cell.addWidget(self.errors.label(field))
            label = QLabel(label_text)
            label.setBuddy(buddy)
            form.addRow(label, cell)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enrol_button)
        buttons.addStretch()
        form.addRow("", buttons)
        form.addRow("", self.errors.label("form"))
        hint = QLabel(self.tr("The district gives each station a one-time enrolment code. Enrolling again with a "
                              "new code (e.g. after the district revoked this station) keeps every change "
                              "waiting to be sent."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        form.addRow("", hint)
        self.editable = context.user is not None and context.user.is_admin
        for widget in (self.server_url, self.ca_bundle, self.browse_button, self.code, self.station_name,
                       self.enrol_button):
            widget.setEnabled(self.editable)
        if not self.editable:
            form.addRow("", QLabel(self.tr("Only a station admin can enrol the station.")))
        self.refresh()

    # -- state --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.busy = True
        run_op(self, enrolment_state, self.context.store, success=self._show)

    def _show(self, state: EnrolmentState) -> None:
        self.busy = False
        self.state = state
        if state.enrolled:
            self.state_label.setText(self.tr("Enrolled as station {id} with {server}")
                                     .format(id=state.station_id, server=state.server_url))
            self.enrol_button.setText(self.tr("&Enrol again"))
        else:
            self.state_label.setText(self.tr("Not enrolled"))
            self.enrol_button.setText(self.tr("&Enrol"))
        if not self.server_url.text():
            self.server_url.setText(state.server_url)
        if not self.ca_bundle.text():
            self.ca_bundle.setText(state.ca_bundle)
        if not self.station_name.text():
            self.station_name.setText(state.station_name)

    # -- checking -----------------------------------------------------------------------------------
    def check_address(self) -> str | None:
        """The checked server address, or None after showing why it is not one."""
        url = self.server_url.text().strip()
        if not url:
            self.errors.show_text("server_url", self.tr("Enter the address the district gave you."))
            return None
        try:
            checked = check_server_url(url)
        except SyncError as exc:
            self.errors.show_text("server_url", sync_error_text(exc))
            return None
        if self.errors.text("server_url"):
            self.errors.clear()
        return checked

    def _checked_input(self) -> dict[str, str] | None:
        self.errors.clear()
        url = self.check_address()
        if url is None:
            return None
        ca_bundle = self.ca_bundle.text().strip()
        if ca_bundle and not Path(ca_bundle).is_file():
            self.errors.show_text("ca_bundle", self.tr("There is no file “{path}”.").format(path=ca_bundle))
            return None
        code = self.code.text().strip()
        if not CODE_LENGTH[0] <= len(code) <= CODE_LENGTH[1]:
            self.errors.show_text("code", self.tr("Enter the enrolment code the district gave you."))
            return None
        name = self.station_name.text().strip()
        if not name:
            self.errors.show_text("station_name", self.tr("Enter the name this station has at the district."))
            return None
        return {"server_url": url, "ca_bundle": ca_bundle, "code": code, "station_name": name}

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate authority file"), self.ca_bundle.text(),
                                              self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_bundle.setText(path)

    # -- enrolling ----------------------------------------------------------------------------------
    def enrol(self) -> None:
        values = self._checked_input()
        if values is None or not self.editable:
            return
        self.enrol_button.setEnabled(False)
        self.busy = True
        self.enrolling_url = values["server_url"]  # named in a failure even if the field is edited meanwhile
        actor = self.context.user.username if self.context.user else "system"
        run_op(self, engine.enrol, self.context.store, actor=actor, success=self._enrolled,
               failure=self._enrol_failed, progress=self.tr("Enrolling with the district server…"), **values)

    def _enrolled(self, station_id: str) -> None:
        self.enrol_button.setEnabled(True)
        self.code.clear()
        self.errors.clear()
        self.scheduler.sync_now()
        self.scheduler.start()  # automatic sync from now on (a no-op when already on)
        self.enrolled.emit(station_id)
        self.refresh()

    def _enrol_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.enrol_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc)
            return
        self.errors.show_text(*self._failure_text(exc))

    def _failure_text(self, exc: BaseException) -> tuple[str, str]:
        """The field and words for a failed enrolment. The client's messages are worded for the
        background sync ("will try again", "the data stays on this PC"); nothing is retried or
        waiting to be sent here, so the network and server failures are worded for enrolment."""
        url = self.enrolling_url
        if not isinstance(exc, SyncError):
            return "form", sync_error_text(exc)
        if exc.code in ERROR_FIELDS:
            return ERROR_FIELDS[exc.code], sync_error_text(exc)
        if isinstance(exc, ServerUnreachable):
            return "server_url", self.tr("No server could be reached at {url}. Check the address and this PC's "
                                         "network connection.").format(url=url)
        if isinstance(exc, NotHttps):
            return "server_url", self.tr("The server at {url} did not answer over HTTPS. Check whether the address "
                                         "should start with http:// or https://.").format(url=url)
        if isinstance(exc, CertificateUnverified):
            return "ca_bundle", sync_error_text(exc)
        if isinstance(exc, ServerAnswer) and (
                not exc.ours or (isinstance(exc, RequestRefused) and exc.code in NOT_AN_ENDPOINT)):
            return "server_url", self.tr("{url} does not answer as a GridStation district server (HTTP {status}). "
                                         "Check the address.").format(url=url, status=exc.status)
        if isinstance(exc, ServerFault):
            return "form", self.tr("The district server is busy or has a problem (HTTP {status}). Try enrolling "
                                   "again later.").format(status=exc.status)
        return "form", sync_error_text(exc)
