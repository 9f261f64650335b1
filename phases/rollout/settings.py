"""The group rollout's content file: suggested functions, pilot criteria, coverage and training figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.content import load_yaml

CONTENT_FILE = Path(__file__).parent / "content" / "rollout.yaml"


def rollout_content() -> dict[str, Any]:
    """Return the group rollout content: suggested functions, pilot criteria, coverage and training figures."""
    return load_yaml(str(CONTENT_FILE))  # type: ignore[no-any-return]
