"""Local dates and times: which zone a request uses, and what today is there around midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.clock import TIME_ZONE_CHOICES, day_in, is_time_zone

# 15:30 UTC on 1 December is already 2 December in Tokyo (UTC+9), still 1 December in Shanghai (UTC+8).
BEFORE_MIDNIGHT_IN_SHANGHAI = datetime(2026, 12, 1, 15, 30)


@pytest.mark.parametrize(
    ("zone", "instant", "expected"),
    [
        ("Asia/Shanghai", datetime(2026, 12, 1, 15, 59), date(2026, 12, 1)),
        ("Asia/Shanghai", datetime(2026, 12, 1, 16, 0), date(2026, 12, 2)),
        ("Asia/Taipei", datetime(2026, 12, 1, 16, 50), date(2026, 12, 2)),
        ("Asia/Tokyo", BEFORE_MIDNIGHT_IN_SHANGHAI, date(2026, 12, 2)),
        ("Europe/London", datetime(2026, 12, 1, 23, 59), date(2026, 12, 1)),
        ("Europe/London", datetime(2026, 7, 1, 23, 30), date(2026, 7, 2)),  # summer time: UTC+1
        ("America/New_York", datetime(2026, 12, 2, 3, 0), date(2026, 12, 1)),
        ("UTC", datetime(2026, 12, 31, 23, 59), date(2026, 12, 31)),
        ("Asia/Taipei", datetime(2026, 12, 1, 16, 50, tzinfo=UTC), date(2026, 12, 2)),  # an aware instant too
    ],
)
def test_day_in(zone: str, instant: datetime, expected: date) -> None:
    assert day_in(ZoneInfo(zone), instant) == expected


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Asia/Taipei", True),
        ("Asia/Shanghai", True),
        ("UTC", True),
        ("Europe/Zurich", True),
        ("", False),
        ("asia/taipei", False),
        ("Mars/Olympus_Mons", False),
        ("UTC+8", False),
        ("../../etc/passwd", False),
        ("/usr/share/zoneinfo/UTC", False),
    ],
)
def test_is_time_zone(name: str, known: bool) -> None:
    assert is_time_zone(name) is known


def test_every_offered_zone_is_known() -> None:
    assert all(is_time_zone(zone) for zone in TIME_ZONE_CHOICES)
    assert len(set(TIME_ZONE_CHOICES)) == len(TIME_ZONE_CHOICES)


def test_the_site_refuses_to_start_with_an_unknown_zone(make_app) -> None:
    with pytest.raises(ValueError, match="Asia/Atlantis"):
        make_app(TIMEZONE="Asia/Atlantis")


@pytest.fixture
def tokyo_and_site(app, make_client, make_user):
    """A client in Asia/Tokyo, one on the site's zone (Asia/Shanghai), and a member of the Tokyo client."""
    from accounts import services
    from accounts.models import Client
    from core.extensions import db

    tokyo, site = make_client("東京商事"), make_client("华东精工")
    with app.app_context():
        record = db.session.get(Client, tokyo.id)
        services.update_client(record, record.name, None, None, "Asia/Tokyo")
    return tokyo, site, make_user("member", client=tokyo)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [("tokyo", date(2026, 12, 2)), ("site", date(2026, 12, 1)), (None, date(2026, 12, 1))],
)
def test_local_today_follows_the_zone_of_the_client_shown(app, tokyo_and_site, shown, expected) -> None:
    from accounts.zones import show_client
    from core.clock import local_today

    tokyo, site, _member = tokyo_and_site
    with app.test_request_context("/"):
        if shown:
            show_client({"tokyo": tokyo, "site": site}[shown].id)
        assert local_today(BEFORE_MIDNIGHT_IN_SHANGHAI) == expected


def test_a_clients_member_is_in_their_clients_zone_on_every_page(app, tokyo_and_site) -> None:
    from flask_login import login_user

    from accounts.models import User
    from core.clock import local_today
    from core.extensions import db

    _tokyo, _site, member = tokyo_and_site
    with app.test_request_context("/"):
        login_user(db.session.get(User, member.id))
        assert local_today(BEFORE_MIDNIGHT_IN_SHANGHAI) == date(2026, 12, 2)


def test_showing_a_client_after_a_date_was_printed_switches_the_zone(app, tokyo_and_site) -> None:
    from accounts.zones import show_client
    from core.clock import local_today

    tokyo, _site, _member = tokyo_and_site
    with app.test_request_context("/"):
        assert local_today(BEFORE_MIDNIGHT_IN_SHANGHAI) == date(2026, 12, 1)
        show_client(tokyo.id)
        assert local_today(BEFORE_MIDNIGHT_IN_SHANGHAI) == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("locale", "zone", "day", "moment"),
    [
        ("en", "Asia/Taipei", "Dec 2, 2026", "Dec 2, 2026, 12:50 AM"),
        ("zh_Hans", "Asia/Taipei", "2026年12月2日", "2026年12月2日 00:50"),
        ("zh_Hant", "Asia/Taipei", "2026年12月2日", "2026年12月2日 凌晨12:50"),
        ("en", "Europe/London", "Dec 1, 2026", "Dec 1, 2026, 4:50 PM"),
        ("zh_Hant", "Europe/London", "2026年12月1日", "2026年12月1日 下午4:50"),
    ],
)
def test_one_date_and_one_date_time_format_per_language(make_app, locale, zone, day, moment) -> None:
    from flask_babel import force_locale

    from core.i18n import day as day_filter
    from core.i18n import moment as moment_filter

    instant = datetime(2026, 12, 1, 16, 50)
    with make_app(TIMEZONE=zone).test_request_context("/"), force_locale(locale):
        assert day_filter(instant).replace("\u202f", " ") == day
        assert moment_filter(instant).replace("\u202f", " ") == moment
        assert day_filter(date(2026, 12, 7)) == {"en": "Dec 7, 2026"}.get(locale, "2026年12月7日")
        assert day_filter(None) == moment_filter(None) == ""
