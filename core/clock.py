"""The site's local time: which zones a client may use, and today's date in the zone of the records shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pytz
from flask_babel import get_timezone

DEFAULT_TIME_ZONE = "Asia/Shanghai"

# The zones offered on the client form: the region's business centres first, then the usual far-away ones.
TIME_ZONE_CHOICES: tuple[str, ...] = (
    "Asia/Shanghai",
    "Asia/Taipei",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Singapore",
    "Asia/Kuala_Lumpur",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Australia/Sydney",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Zurich",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "UTC",
)


def is_time_zone(name: str) -> bool:
    """Return whether a name is an IANA time zone (Asia/Taipei, UTC...) known to zoneinfo and to Flask-Babel's pytz."""
    if not name or name not in available_timezones() or name not in pytz.all_timezones_set:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def day_in(zone: tzinfo, instant: datetime) -> date:
    """Return the calendar date of an instant (naive means UTC, as stored) in a time zone."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(zone).date()


def local_today(now: datetime | None = None) -> date:
    """Return today's date (or the date of `now`) in the zone of the client whose records the request shows.

    The zone is the one every date on the page is printed in (Flask-Babel's time zone for the request):
    the client's own zone when it has one, else the site's TIMEZONE.
    """
    return day_in(get_timezone(), now or datetime.now(UTC))


def local_time(instant: datetime) -> datetime:
    """Return a stored (naive UTC) instant as the naive wall-clock time of the request's zone, for exports."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(get_timezone()).replace(tzinfo=None)


def time_zone_name() -> str:
    """Return the name of the request's zone (Asia/Taipei), as exports print it beside their times."""
    return str(get_timezone())
