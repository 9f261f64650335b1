"""Read queries over a client's people, shared by every feature that assigns work to someone."""

from __future__ import annotations

from sqlalchemy import or_, select

from accounts.models import ConsultantAssignment, Role, User
from core.extensions import db


def client_people(client_id: int, keep_id: int | None = None) -> list[User]:
    """Return who may own work for a client: the client's active users and its consultants (and the current owner)."""
    consultants = select(ConsultantAssignment.user_id).where(ConsultantAssignment.client_id == client_id)
    eligible = or_(User.client_id == client_id, User.id.in_(consultants))
    active = User.is_active_user.is_(True)
    if keep_id is not None:
        active = or_(active, User.id == keep_id)
    return list(db.session.scalars(select(User).where(eligible, active).order_by(User.name)))


def consultants() -> list[User]:
    """Return every consultant, by name: those who may be assigned to a client."""
    return list(db.session.scalars(select(User).where(User.role == Role.CONSULTANT).order_by(User.name)))
