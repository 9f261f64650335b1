"""Load bilingual content files (YAML) and pick the text for a locale."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from core.i18n import DEFAULT_LOCALE

LocalizedText = dict[str, str]


@lru_cache(maxsize=64)
def load_yaml(path: str) -> Any:
    """Read and cache one YAML content file."""
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def localized(text: LocalizedText | str | None, locale: str) -> str:
    """Return the text in the locale, falling back to English, then to any language given."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(locale) or text.get(DEFAULT_LOCALE) or next(iter(text.values()), "")
