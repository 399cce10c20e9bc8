"""Reading a built site's downloads as a reviewer would after unpacking them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any


def unzip_json(path: Path) -> bytes:
    """The results.json inside a results.json.zip (its one entry)."""
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["results.json"]
        return archive.read("results.json")


def site_json_bytes(site: Path) -> bytes:
    """The results.json inside the site's `scorecards/results.json.zip`."""
    return unzip_json(site / "scorecards" / "results.json.zip")


def site_json(site: Path) -> Any:
    """The site's JSON export, parsed."""
    return json.loads(site_json_bytes(site).decode("utf-8"))
