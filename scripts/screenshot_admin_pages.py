"""Save Chinese screenshots of the first-run wizard and the admin pages for visual review.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_admin_pages.py [out/screenshots]

Uses a throw-away data directory; writes wizard_*.png, users_page.png, add_user_dialog.png,
audit_page.png and settings_page.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402

from gridstation.db import events, station  # noqa: E402
from gridstation.db.store import Store  # noqa: E402
from gridstation.resources import resource_path  # noqa: E402
from gridstation.ui.context import Context  # noqa: E402
from gridstation.ui.i18n import Translations  # noqa: E402
from gridstation.ui.operations import wait_for_operations  # noqa: E402


def settle(app: QApplication, until=lambda: True, rounds: int = 200) -> None:  # noqa: ANN001
    for _ in range(rounds):
        wait_for_operations(50)
        app.processEvents()
        if until():
            return


def grab(widget: QWidget, out: Path, name: str) -> None:
    widget.repaint()
    widget.grab().save(str(out / f"{name}.png"))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if families:
        app.setFont(QFont(families[0], 10))
    Translations(app).install("zh_CN")

    from gridstation.ui.audit_page import AuditPage
    from gridstation.ui.settings_page import SettingsPage
    from gridstation.ui.users_page import UsersPage
    from gridstation.ui.wizard import FirstRunWizard

    data_dir = Path(tempfile.mkdtemp(prefix="gridstation-shots-"))
    store = Store.open(data_dir)
    wizard = FirstRunWizard(store)
    wizard.show()
    grab(wizard, out, "wizard_1_welcome")
    wizard.next()
    page = wizard.station_page
    page.name_edit.setText("新兴社区网格服务站")
    page.street_code.setText("230204001")
    page.street_name.setText("站前街道")
    page.community_code.setText("230204001003")
    page.community_name.setText("新兴社区")
    page.grids.rows[0].code.setText("230204001003-001U")
    page.grids.rows[0].name.setText("新兴社区第一网格")
    page.grids.add_row("230204001003-02U", "新兴社区第二网格")
    settle(app, rounds=3)
    wizard.button(QWizard.WizardButton.NextButton).click()
    settle(app, rounds=3)
    grab(wizard, out, "wizard_2_station_error")
    page.grids.rows[1].code.setText("230204001003-002U")
    wizard.button(QWizard.WizardButton.NextButton).click()
    admin = wizard.admin_page
    admin.username.setText("liuxm")
    admin.display_name.setText("刘晓梅")
    admin.password.setText("weak")
    admin.confirm.setText("weak")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    grab(wizard, out, "wizard_3_admin_error")
    admin.password.setText("Grid#2026pass")
    admin.confirm.setText("Grid#2026pass")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(app, lambda: wizard.signed_in is not None)
    user = wizard.signed_in
    assert user is not None

    demo_store = Store.open(Path(tempfile.mkdtemp(prefix="gridstation-demo-")))
    demo_wizard = FirstRunWizard(demo_store)
    demo_wizard.show()
    demo_wizard.welcome_page.demo_radio.setChecked(True)
    demo_wizard.button(QWizard.WizardButton.NextButton).click()
    settle(app, lambda: demo_wizard.demo_info is not None and demo_wizard.currentPage() is demo_wizard.demo_page)
    grab(demo_wizard, out, "wizard_4_demo")

    for i in range(30):
        events.record_event(store, actor="liuxm", action="backup", target=f"gridstation-2026-05-{i + 1:02d}.sqlite3",
                            detail="自动备份")
    context = Context(store=store, data_dir=data_dir, user=user)
    station.set_setting(store, "idle_lock_minutes", "20", actor="liuxm")

    users = UsersPage(context)
    users.resize(900, 560)
    users.show()
    dialog = users.open_add_dialog()
    dialog.username.setText("admin2")
    dialog.display_name.setText("王芳")
    dialog.password.setText("Leader#2026x")
    dialog.confirm.setText("Leader#2026x")
    dialog.username.setText("LIUXM")
    dialog.submit()
    settle(app, dialog.isEnabled)
    grab(dialog, out, "add_user_dialog")
    dialog.username.setText("wangfang")
    dialog.submit()
    settle(app, lambda: not dialog.isVisible())
    grab(users, out, "users_page")

    audit_page = AuditPage(context)
    audit_page.resize(1000, 600)
    audit_page.show()
    audit_page.verify()
    settle(app, audit_page.verify_button.isEnabled)
    grab(audit_page, out, "audit_page")

    settings = SettingsPage(context)
    settings.resize(800, 560)
    settings.show()
    grab(settings, out, "settings_page")
    wait_for_operations()
    store.close()
    demo_store.close()


if __name__ == "__main__":
    main()
