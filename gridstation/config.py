"""Where things live: the data and log directories (platformdirs), overridable per run."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

from gridstation import APP_NAME

ENV_DATA_DIR = "GRIDSTATION_DATA_DIR"


def default_data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(user_log_dir(APP_NAME, appauthor=False))
