"""The time zone of a request: the zone of the client whose records it shows, else the site's."""

from __future__ import annotations

from flask import g, has_app_context
from flask_login import current_user
from sqlalchemy import select

from accounts.models import Client
from core.extensions import db


def _zone_of(client_id: int) -> str | None:
    return db.session.scalar(select(Client.time_zone).where(Client.id == client_id))


def show_client(client_id: int) -> None:
    """Record that this request shows the records of one client, so its dates print in that client's zone.

    The zone is read here, once per client and request, so a page costs the same queries whether or not
    its data holds a date-time to print.
    """
    if g.get("viewed_client_id") == client_id:
        return
    g.viewed_client_id, g.viewed_client_zone = client_id, _zone_of(client_id)
    cached = getattr(g.get("_flask_babel"), "babel_tzinfo", None)
    if cached is not None:  # a date was formatted before the record was known; the next one uses the client's zone
        del g._flask_babel.babel_tzinfo


def client_time_zone() -> str | None:
    """Return the zone of the client whose records the request shows (Flask-Babel's timezone_selector).

    The client of the record loaded through the tenancy layer (or the respondent's assessment); for a
    client's own users, their client; None (the site's TIMEZONE) for pages across several clients.
    """
    if not has_app_context():
        return None
    if g.get("viewed_client_id") is not None:
        return g.viewed_client_zone
    if current_user and current_user.is_authenticated and current_user.client_id is not None:
        return _zone_of(current_user.client_id)
    return None
