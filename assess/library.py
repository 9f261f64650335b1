"""The questionnaire library: bundled content files, checksums and parsed content of stored versions."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from assess.questionnaire import Questionnaire, parse_questionnaire

CONTENT_DIR = Path(__file__).parent / "content"


def checksum(data: Any) -> str:
    """Return a stable fingerprint of questionnaire content."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_file(path: Path) -> Any:
    """Read a questionnaire file (YAML or JSON)."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def bundled_files() -> list[Path]:
    """Return the questionnaire files that ship with the site."""
    return sorted(CONTENT_DIR.glob("*.yaml"))


# Stored versions never change, so their parsed content is kept per checksum.
_PARSED: dict[str, Questionnaire] = {}


def content_of(stored: Any) -> Questionnaire:
    """Return the parsed content of a stored questionnaire version (parsed once per checksum)."""
    parsed = _PARSED.get(stored.checksum)
    if parsed is None:
        parsed = _PARSED[stored.checksum] = parse_questionnaire(stored.content)
    return parsed
