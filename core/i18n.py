"""Languages of the site and how one is chosen for a request."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask import g, has_request_context, request, session
from flask_babel import format_date, format_time, get_locale, get_translations
from flask_login import current_user

LOCALES: tuple[str, ...] = ("zh_Hans", "zh_Hant", "en")
DEFAULT_LOCALE = "en"
LOCALE_NAMES = {"zh_Hans": "简体中文", "zh_Hant": "繁體中文", "en": "English"}
HTML_LANG = {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}

# Browser tags that mean Traditional script; every other "zh" tag means Simplified.
_TRADITIONAL_TAGS = {"hant", "tw", "hk", "mo"}


def locale_for_tag(tag: str) -> str | None:
    """Map one Accept-Language tag (zh-TW, zh-Hans-CN, en-GB...) to a site locale, or None."""
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] == "zh":
        return "zh_Hant" if _TRADITIONAL_TAGS.intersection(parts[1:]) else "zh_Hans"
    if parts[0] == "en":
        return "en"
    return None


def negotiate_locale(accepted: Iterable[tuple[str, float]]) -> str:
    """Pick the site locale the browser prefers most from (tag, quality) pairs."""
    ranked = sorted(accepted, key=lambda pair: pair[1], reverse=True)
    for tag, quality in ranked:
        locale = locale_for_tag(tag)
        if locale and quality > 0:
            return locale
    return DEFAULT_LOCALE


def select_locale() -> str:
    """Return the locale for this request: the user's choice, then the session's, then the browser's."""
    if not has_request_context():
        return DEFAULT_LOCALE
    if g.get("locale_override") in LOCALES:  # a respondent's own choice, kept on their response
        return g.locale_override
    if current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return negotiate_locale(request.accept_languages)


def message_format(msgid: str) -> str:
    """Return the translated form of a message without filling its placeholders.

    Pages that repeat one message for hundreds of rows look it up once and fill it per row
    with the % operator, instead of paying the translation lookup on every row.
    """
    return get_translations().ugettext(msgid)


# One date format and one date-time format for every page, export and PDF, in the reader's locale:
# "Dec 7, 2026" / "2026年12月7日" and "Dec 7, 2026, 4:50 PM" / "2026年12月7日 16:50".
DATE_FORMAT = "medium"
TIME_FORMAT = "short"


def day(value: date | datetime | None) -> str:
    """Format a date, or the local date of a stored (UTC) date-time, in the site's one date format."""
    if value is None:
        return ""
    return format_date(value, DATE_FORMAT)


def moment(value: datetime | date | None) -> str:
    """Format a stored (UTC) date-time at the local time of the records' client, in the site's one format."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return day(value)
    pattern = get_locale().datetime_formats[DATE_FORMAT]
    return pattern.replace("{1}", format_date(value, DATE_FORMAT)).replace("{0}", format_time(value, TIME_FORMAT))
