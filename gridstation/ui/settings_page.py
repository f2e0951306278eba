"""Station settings (idle lock, interface language, mediation case-number block) and the station
profile, read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import mediation, station
from gridstation.domain.mediation_numbers import MAX_BLOCK, block_range
from gridstation.ui.backup_box import BackupBox
from gridstation.ui.context import Context
from gridstation.ui.messages import show_error
from gridstation.ui.operations import run_op
from gridstation.ui.shortcuts import SAVE, click_shortcut
from gridstation.ui.sync import SyncScheduler, SyncSettingsBox

IDLE_MINUTES_RANGE = (1, 120)
# Each language is named in itself, so whoever cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


def save_settings(context: Context, changes: dict[str, str]) -> dict[str, str]:
    """The operation behind "Save" (runs off the GUI thread); returns what it stored."""
    for key, value in changes.items():
        if key == mediation.BLOCK_SETTING:
            assert context.user is not None
            mediation.set_station_block(context.store, context.user, int(value))
        else:
            context.set_setting(key, value)
    return changes


class SettingsPage(QWidget):
    languageChanged = Signal(str)  # noqa: N815 - Qt signal naming
    idleMinutesChanged = Signal(int)  # noqa: N815 - Qt signal naming
    saved = Signal()

    def __init__(self, context: Context, scheduler: SyncScheduler | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # Enrolment with the district server, for station admins (the box is read-only for others).
        self.sync_box = SyncSettingsBox(context, scheduler) if scheduler is not None else None
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        # The block of mediation case numbers this station gives out: 0 shows "not set".
        self.case_block = QSpinBox()
        self.case_block.setRange(0, MAX_BLOCK)
        self.case_block.setSpecialValueText(self.tr("Not set"))
        self._loaded_block = 0  # the block shown by ``load``: saving compares with it
        self.case_block_hint = QLabel()
        self.case_block_hint.setWordWrap(True)
        self.case_block.valueChanged.connect(self._show_block_hint)
        self.save_button = QPushButton(self.tr("Sa&ve"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        editable = context.user is not None and context.user.is_admin
        for widget in (self.idle_minutes, self.language, self.case_block, self.save_button):
            widget.setEnabled(editable)

        settings = QGroupBox(self.tr("Screen lock, language and case numbers"))
        form = QFormLayout(settings)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        idle_label = QLabel(self.tr("&Lock the screen after idle:"))
        idle_label.setBuddy(self.idle_minutes)
        form.addRow(idle_label, self.idle_minutes)
        language_label = QLabel(self.tr("&Interface language:"))
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        block_label = QLabel(self.tr("&Mediation case-number block:"))
        block_label.setBuddy(self.case_block)
        form.addRow(block_label, self.case_block)
        form.addRow("", self.case_block_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        form.addRow("", buttons)
        if not editable:
            form.addRow("", QLabel(self.tr("Only a station admin can change these settings.")))

        self.profile = QGroupBox(self.tr("Station"))
        self.profile_form = QFormLayout(self.profile)
        self.data_dir_label = QLabel()
        title = QLabel(self.tr("Settings"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        # The groups scroll rather than squeeze: squeezed, word-wrapped hints and error lines overlap.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(settings)
        layout.addWidget(self.profile)
        self.backup_box = BackupBox(context)
        layout.addWidget(self.backup_box)
        if self.sync_box is not None:
            layout.addWidget(self.sync_box)
        layout.addStretch()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        click_shortcut(self, SAVE, self.save_button)
        self.load()

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def load(self) -> None:
        """Show the stored settings and the station profile."""
        self.idle_minutes.setValue(self.context.idle_lock_minutes())
        index = self.language.findData(self.context.setting("language"))
        self.language.setCurrentIndex(max(0, index))
        self._loaded_block = mediation.station_block_or_none(self.context.store) or 0
        self.case_block.setValue(self._loaded_block)
        self._show_block_hint(self._loaded_block)
        while self.profile_form.rowCount():
            self.profile_form.removeRow(0)
        profile = station.get_station(self.context.store)
        if profile is not None:
            self.profile_form.addRow(self.tr("Station name:"), self._value(profile.name))
            self.profile_form.addRow(self.tr("Street/town:"),
                                     self._value(f"{profile.street_name} ({profile.street_code})"))
            self.profile_form.addRow(self.tr("Community/village:"),
                                     self._value(f"{profile.community_name} ({profile.community_code})"))
            grids = [
                f"{grid.name} ({grid.code})" + (self.tr(" – the station's own grid") if grid.own else "")
                for grid in station.list_grids(self.context.store)
            ]
            self.profile_form.addRow(self.tr("Grids:"), self._value("\n".join(grids)))
        self.data_dir_label = self._value(str(self.context.data_dir))
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.profile_form.addRow(self.tr("Data directory:"), self.data_dir_label)

    def _show_block_hint(self, block: int) -> None:
        if not block and self._loaded_block:
            self.case_block_hint.setText(self.tr(
                "The block in force cannot be cleared; choose a block from 1 to {max}.").format(max=MAX_BLOCK))
            return
        if not block:
            self.case_block_hint.setText(self.tr(
                "The station serves no numbered grid: choose a block before registering mediation cases."))
            return
        first, last = block_range(block)
        self.case_block_hint.setText(self.tr(
            "Cases registered here are numbered {first}–{last} for each committee and year. Stations of "
            "one committee need different blocks; the default is the number of the station's lowest own "
            "grid.").format(first=first, last=last))

    def save(self) -> None:
        """Store the changed settings off the GUI thread, then announce them."""
        changes: dict[str, str] = {}
        minutes = self.idle_minutes.value()
        if minutes != self.context.idle_lock_minutes():
            changes["idle_lock_minutes"] = str(minutes)
        language = self.language.currentData()
        if language != self.context.setting("language"):
            changes["language"] = language
        block = self.case_block.value()
        if not block and self._loaded_block:
            # A stored block cannot be removed yet (``db.mediation`` can only set one): say so
            # rather than "nothing to save" while the old block stays in force.
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(self.tr(
                "The case-number block cannot be cleared: it stays {block}. Choose a block from 1 to {max}; "
                "nothing was saved.").format(block=self._loaded_block, max=MAX_BLOCK))
            return
        self.status.setStyleSheet("")
        if block and block != self._loaded_block:
            changes[mediation.BLOCK_SETTING] = str(block)
        if not changes:
            self.status.setText(self.tr("Nothing to save."))
            return
        self.save_button.setEnabled(False)
        run_op(self, save_settings, self.context, changes, success=self._saved, failure=self._save_failed)

    def _saved(self, changes: dict[str, str]) -> None:
        self.save_button.setEnabled(True)
        if mediation.BLOCK_SETTING in changes:
            self._loaded_block = int(changes[mediation.BLOCK_SETTING])
        self.status.setText(self.tr("Saved."))
        if "idle_lock_minutes" in changes:
            self.idleMinutesChanged.emit(int(changes["idle_lock_minutes"]))
        if "language" in changes:
            self.languageChanged.emit(changes["language"])
        self.saved.emit()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.clear()
        show_error(self, exc)
