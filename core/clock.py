"""The site's local date: close dates end at midnight in the configured time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_today() -> date:
    """Return today's date in the site's time zone (TIMEZONE, default Asia/Shanghai)."""
    return datetime.now(ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Shanghai"))).date()
