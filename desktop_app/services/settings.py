"""Where the default project lives and who the user is, from the environment and settings."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "Factdesk"
PROJECT_ENV = "FACTDESK_PROJECT"
AUTHOR_ENV = "FACTDESK_AUTHOR"


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's settings file (``settings.json`` in the user config folder)."""

    path: Path
    values: dict[str, Any]

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        if path is None:
            config = platformdirs.user_config_dir(APP_NAME, appauthor=False)
            path = Path(config) / "settings.json"
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(values, dict):
                values = {}
        except (OSError, ValueError):
            values = {}
        return cls(path, values)

    def author(self) -> str:
        """The name written on every change: FACTDESK_AUTHOR, else the setting, else the
        system user."""
        for candidate in (os.environ.get(AUTHOR_ENV), self.values.get("author")):
            if isinstance(candidate, str) and candidate.strip():
                return candidate.strip()
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "unknown"


def default_project_path() -> Path:
    """The project used when none is named: FACTDESK_PROJECT, else the user data folder."""
    named = os.environ.get(PROJECT_ENV)
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "default-project"
