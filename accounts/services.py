"""Every write to users, clients, units and assignments; each function commits once."""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from accounts.models import BusinessUnit, Client, ConsultantAssignment, Role, User, new_session_token
from core.clock import is_time_zone
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from core.forms import MIN_PASSWORD_LENGTH
from core.i18n import LOCALES
from core.tokens import hash_token, new_token

INVITATION_DAYS = 14


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Compared when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
    return generate_password_hash(secrets.token_hex(8))


def _hash_method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]


def normalise_email(email: str) -> str:
    """Return the e-mail in the form it is stored and compared in."""
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, or None."""
    user = db.session.scalars(select(User).where(User.email == normalise_email(email))).first()
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.is_active or not user.check_password(password):
        return None
    return user


def record_login(user: User, chosen_locale: str | None = None) -> None:
    """Note when the user last signed in; a user with no language yet keeps the one chosen before signing in."""
    with write_transaction():
        user.last_login_at = utcnow()
        if user.locale is None and chosen_locale in LOCALES:
            user.locale = chosen_locale


def end_all_sessions(user: User) -> None:
    """Invalidate every session cookie the user holds by rotating their session token."""
    with write_transaction():
        user.session_token = new_session_token()


def set_locale(user: User, locale: str) -> None:
    """Remember the user's language."""
    with write_transaction():
        user.locale = locale


def _check_password_rule(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleError(_("At least %(min)d characters.", min=MIN_PASSWORD_LENGTH), field="password")


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end the user's other sessions."""
    _check_password_rule(new_password)
    with write_transaction():
        user.set_password(new_password, _hash_method())
        user.session_token = new_session_token()


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password for a user who proves the current one, and end their other sessions."""
    if not user.check_password(current_password):
        raise RuleError(_("The current password is wrong."), field="current")
    change_password(user, new_password)


def _client_name_taken(name: str, except_id: int | None = None) -> bool:
    statement = select(func.count(Client.id)).where(func.lower(Client.name) == name.lower())
    if except_id is not None:
        statement = statement.where(Client.id != except_id)
    return bool(db.session.scalar(statement))


def _checked_time_zone(time_zone: str | None) -> str | None:
    if time_zone and not is_time_zone(time_zone):
        raise RuleError(_("Choose a time zone from the list."), field="time_zone")
    return time_zone or None


def create_client(
    actor: User,
    name: str,
    name_en: str | None,
    industry: str | None,
    is_group: bool,
    time_zone: str | None = None,
) -> Client:
    """Create a client company; a consultant who creates one is assigned to it."""
    name = name.strip()
    if _client_name_taken(name):
        raise RuleError(_("A client with this name already exists."), field="name")
    zone = _checked_time_zone(time_zone)
    with write_transaction():
        client = Client(
            name=name,
            name_en=(name_en or "").strip() or None,
            industry=industry or None,
            is_group=is_group,
            time_zone=zone,
        )
        db.session.add(client)
        db.session.flush()
        if actor.role is Role.CONSULTANT:
            db.session.add(ConsultantAssignment(user_id=actor.id, client_id=client.id))
    return client


def update_client(client: Client, name: str, name_en: str | None, industry: str | None, time_zone: str | None) -> None:
    """Change a client's names, industry and time zone (None: the site's default zone)."""
    name = name.strip()
    if _client_name_taken(name, except_id=client.id):
        raise RuleError(_("A client with this name already exists."), field="name")
    zone = _checked_time_zone(time_zone)
    with write_transaction():
        client.name = name
        client.name_en = (name_en or "").strip() or None
        client.industry = industry or None
        client.time_zone = zone


def add_unit(client: Client, name: str, region: str, headcount: int | None) -> BusinessUnit:
    """Add a business unit (subsidiary, branch, partner) to a client."""
    name = name.strip()
    duplicate = db.session.scalar(
        select(BusinessUnit.id).where(BusinessUnit.client_id == client.id, BusinessUnit.name == name)
    )
    if duplicate:
        raise RuleError(_("This client already has a unit with this name."), field="name")
    with write_transaction():
        unit = BusinessUnit(client_id=client.id, name=name, region=region.strip(), headcount=headcount)
        db.session.add(unit)
    return unit


def assign_consultant(client: Client, consultant: User) -> None:
    """Give a consultant access to a client; assigning twice changes nothing."""
    if consultant.role is not Role.CONSULTANT:
        raise RuleError(_("Only consultants can be assigned to clients."), field="consultant")
    existing = db.session.scalar(
        select(ConsultantAssignment.id).where(
            ConsultantAssignment.client_id == client.id, ConsultantAssignment.user_id == consultant.id
        )
    )
    if existing:
        return
    with write_transaction():
        db.session.add(ConsultantAssignment(user_id=consultant.id, client_id=client.id))


def _issue_invitation(user: User) -> str:
    raw_token = new_token()
    user.invite_token_hash = hash_token(raw_token)
    user.invite_expires_at = utcnow() + timedelta(days=INVITATION_DAYS)
    return raw_token


def create_user(
    email: str,
    name: str,
    role: Role,
    client_id: int | None,
    password: str | None = None,
) -> tuple[User, str | None]:
    """Create a user; without a password, return a one-time invitation token to set one."""
    email = normalise_email(email)
    if role.is_client_role and client_id is None:
        raise RuleError(_("Sponsors and members must belong to a client."), field="client")
    if not role.is_client_role:
        client_id = None
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise RuleError(_("A user with this e-mail already exists."), field="email")
    if password:
        _check_password_rule(password)
    with write_transaction():
        user = User(email=email, name=name.strip(), role=role, client_id=client_id)
        raw_token = None
        if password:
            user.set_password(password, _hash_method())
        else:
            raw_token = _issue_invitation(user)
        db.session.add(user)
    return user, raw_token


def reissue_invitation(user: User) -> str:
    """Replace the user's invitation link with a new one and return its token."""
    with write_transaction():
        raw_token = _issue_invitation(user)
    return raw_token


def find_invited_user(raw_token: str) -> User | None:
    """Return the user an unexpired invitation token belongs to, or None."""
    user = db.session.scalars(select(User).where(User.invite_token_hash == hash_token(raw_token))).first()
    if user is None or user.invite_expires_at is None or user.invite_expires_at < utcnow():
        return None
    return user


def accept_invitation(user: User, password: str) -> User:
    """Set the invited user's password, use the invitation up and return the user, ready to sign in."""
    _check_password_rule(password)
    with write_transaction():
        user.set_password(password, _hash_method())
        user.invite_token_hash = None
        user.invite_expires_at = None
        user.session_token = new_session_token()
    return user
