"""公示信息设置: what the notice-board sheets print about the station — opening hours, phones, each
grid's area, and each leader's public work phone, duties and photo (checked: an image, not huge).
Station admins edit it; it is local station data, audited as a setting change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import accounts, services_notice, station
from gridstation.db.services_notice import NoticeProfile
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.operations import Operation, run_op

LEADER_ROLES = ("grid_leader", "backup_leader")


def load_profile(store: Store) -> tuple[NoticeProfile, list[tuple[str, str]], list[tuple[str, str]]]:
    grids = [(g.code, g.name) for g in station.list_grids(store)]
    leaders = [(u.user_id, u.display_name) for u in accounts.list_users(store) if u.role in LEADER_ROLES]
    return services_notice.get_profile(store), grids, leaders


class NoticeProfileDialog(QDialog):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Notice-board information"))
        self.profile = NoticeProfile()
        self.hours_edit = QLineEdit()
        self.hours_edit.setObjectName("profile_hours")
        self.contact_edit = QLineEdit()
        self.contact_edit.setObjectName("profile_contact")
        self.supervision_edit = QLineEdit()
        self.supervision_edit.setObjectName("profile_supervision")
        self.grid_combo = QComboBox()
        self.area_edit = QPlainTextEdit()
        self.area_edit.setObjectName("profile_area")
        self.area_edit.setFixedHeight(60)
        self.leader_combo = QComboBox()
        self.leader_phone = QLineEdit()
        self.leader_phone.setObjectName("profile_leader_phone")
        self.duties_edit = QPlainTextEdit()
        self.duties_edit.setObjectName("profile_duties")
        self.duties_edit.setToolTip(self.tr("One duty per line; empty for the standard duties"))
        self.photo_label = QLabel()
        self.photo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.photo_button = QPushButton(self.tr("Choose photo…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("Opening hours"), self.hours_edit)
        form.addRow(self.tr("Station phone"), self.contact_edit)
        form.addRow(self.tr("Supervision phone"), self.supervision_edit)
        form.addRow(self.tr("Grid"), self.grid_combo)
        form.addRow(self.tr("Area of the grid"), self.area_edit)
        form.addRow(self.tr("Leader"), self.leader_combo)
        form.addRow(self.tr("Work phone"), self.leader_phone)
        form.addRow(self.tr("Duties"), self.duties_edit)
        form.addRow(self.photo_button, self.photo_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._grid = ""
        self._leader = ""
        self.grid_combo.currentIndexChanged.connect(lambda _i: self._switch_grid())
        self.leader_combo.currentIndexChanged.connect(lambda _i: self._switch_leader())
        self.photo_button.clicked.connect(self.choose_photo)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        run_op(self, load_profile, context.store, success=self._loaded)

    def _loaded(self, result: tuple[NoticeProfile, list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        self.profile, grids, leaders = result
        self.hours_edit.setText(self.profile.opening_hours)
        self.contact_edit.setText(self.profile.contact_phone)
        self.supervision_edit.setText(self.profile.supervision_phone)
        for code, name in grids:
            self.grid_combo.addItem(name, code)
        for user_id, name in leaders:
            self.leader_combo.addItem(name, user_id)

    def _keep_current(self) -> None:
        if self._grid:
            self.profile.areas[self._grid] = self.area_edit.toPlainText().strip()
        if self._leader:
            own = self.profile.leaders.setdefault(self._leader, {})
            own["phone"] = self.leader_phone.text().strip()
            own["duties"] = [line.strip() for line in self.duties_edit.toPlainText().splitlines() if line.strip()]

    def _switch_grid(self) -> None:
        self._keep_current()
        self._grid = self.grid_combo.currentData() or ""
        self.area_edit.setPlainText(self.profile.areas.get(self._grid, ""))

    def _switch_leader(self) -> None:
        self._keep_current()
        self._leader = self.leader_combo.currentData() or ""
        own = self.profile.leaders.get(self._leader, {})
        self.leader_phone.setText(str(own.get("phone", "")))
        self.duties_edit.setPlainText("\n".join(own.get("duties") or []))
        self.photo_label.setText(self.tr("Photo on file") if own.get("photo") else self.tr("No photo"))

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose photo"), "",
                                              self.tr("Pictures (*.jpg *.jpeg *.png)"))
        if path:
            self.set_photo(path)

    def set_photo(self, path: str | Path) -> Operation:
        actor = self.context.user.username if self.context.user else "system"
        return run_op(self, services_notice.set_leader_photo, self.context.store, self._leader, path, actor=actor,
                      success=lambda kept: self._photo_kept(kept))

    def _photo_kept(self, kept: Path) -> None:
        self.profile.leaders.setdefault(self._leader, {})["photo"] = kept.name
        self.photo_label.setText(self.tr("Photo on file"))

    def save(self) -> Operation:
        self._keep_current()
        self.profile.opening_hours = self.hours_edit.text().strip()
        self.profile.contact_phone = self.contact_edit.text().strip()
        self.profile.supervision_phone = self.supervision_edit.text().strip()
        actor = self.context.user.username if self.context.user else "system"
        return run_op(self, services_notice.save_profile, self.context.store, self.profile, actor=actor,
                      success=lambda _r: self.accept())
