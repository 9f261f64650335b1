"""Recovery pages of a troubled project."""
from __future__ import annotations

import phases.recovery_models  # noqa: F401
