"""Typed models for users, client companies, their units and consultant assignments."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from core.db import str_enum, utcnow
from core.extensions import db


class TenantOwned:
    """Mixin of every record that belongs to one client company: accounts.tenancy scopes reads by its client_id."""

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)


class Role(enum.StrEnum):
    """What a user is allowed to do."""

    ADMIN = "admin"
    CONSULTANT = "consultant"
    SPONSOR = "sponsor"
    MEMBER = "member"

    @property
    def is_client_role(self) -> bool:
        """Return True for roles that belong to exactly one client company."""
        return self in CLIENT_ROLES


# Who runs engagements, who belongs to one client, and who reads results, reports and audit trails; every role
# check reads these sets.
STAFF_ROLES = (Role.ADMIN, Role.CONSULTANT)
CLIENT_ROLES = (Role.SPONSOR, Role.MEMBER)
REVIEWER_ROLES = (*STAFF_ROLES, Role.SPONSOR)


def new_session_token() -> str:
    """Return a fresh random token that ties a login session to the user's current state."""
    return secrets.token_urlsafe(16)


class Client(db.Model):
    """A client company: the tenant every record of an engagement belongs to."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(120))
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    # The IANA zone the client's dates and times are shown in (Asia/Taipei); None means the site's TIMEZONE.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    units: Mapped[list[BusinessUnit]] = relationship(
        back_populates="client", order_by="BusinessUnit.region, BusinessUnit.name"
    )

    def display_name(self, locale: str) -> str:
        """Return the English name for English pages when one is known, else the registered name."""
        return self.name_en if locale == "en" and self.name_en else self.name


class BusinessUnit(TenantOwned, db.Model):
    """A subsidiary, branch or partner of a group client."""

    __tablename__ = "business_units"
    __table_args__ = (UniqueConstraint("client_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(80))
    headcount: Mapped[int | None] = mapped_column(Integer)

    client: Mapped[Client] = relationship(back_populates="units")


class User(UserMixin, db.Model):
    """A person who signs in: admin, consultant, or a sponsor or member of one client."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    locale: Mapped[str | None] = mapped_column(String(10))
    is_active_user: Mapped[bool] = mapped_column(Boolean, default=True)
    invite_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invite_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    client: Mapped[Client | None] = relationship()

    def get_id(self) -> str:
        """Return the login id; it changes when the session token rotates, ending old sessions."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """Return whether the user may sign in."""
        return self.is_active_user

    def set_password(self, password: str, method: str = "scrypt") -> None:
        """Store a salted hash of the password."""
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """Return whether the password matches the stored hash."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_staff(self) -> bool:
        """Return True for admins and consultants, who run engagements."""
        return self.role in STAFF_ROLES

    @property
    def is_admin(self) -> bool:
        """Return True for admins, who see every client."""
        return self.role is Role.ADMIN

    @property
    def is_sponsor(self) -> bool:
        """Return True for a client's sponsor, who signs gates and accepts expectations."""
        return self.role is Role.SPONSOR

    @property
    def is_reviewer(self) -> bool:
        """Return True for those who read results, reports and audit trails: staff and the client's sponsors."""
        return self.role in REVIEWER_ROLES


class ConsultantAssignment(TenantOwned, db.Model):
    """A consultant assigned to a client company."""

    __tablename__ = "consultant_assignments"
    __table_args__ = (UniqueConstraint("user_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()
    client: Mapped[Client] = relationship()
