"""Sync in the interface: the background scheduler, the status-bar widget, the sync page, the enrolment box."""

from gridstation.ui.sync.scheduler import SyncScheduler
from gridstation.ui.sync.settings_box import SyncSettingsBox
from gridstation.ui.sync.status import SyncStatusWidget
from gridstation.ui.sync.sync_page import SyncPage

__all__ = ["SyncPage", "SyncScheduler", "SyncSettingsBox", "SyncStatusWidget"]
