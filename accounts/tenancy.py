"""The one tenant-scoped access layer: every read of client data goes through these functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from accounts.models import Client, ConsultantAssignment, Role, TenantOwned, User
from accounts.zones import show_client
from core.extensions import db
from core.web import requires

ModelT = TypeVar("ModelT")
ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def visible_client_ids(user: User) -> Select[tuple[int]] | None:
    """Return a subquery of the client ids the user may see, or None when the user sees all."""
    if user.is_admin:
        return None
    if user.role is Role.CONSULTANT:
        return select(ConsultantAssignment.client_id).where(ConsultantAssignment.user_id == user.id)
    return select(Client.id).where(Client.id == user.client_id)


def tenant_column(model: type) -> InstrumentedAttribute[int]:
    """Return the column that names a model's client: Client.id for clients, client_id of tenant-owned records."""
    if model is Client:
        return Client.id  # type: ignore[return-value]
    if not issubclass(model, TenantOwned):
        raise TypeError(f"{model.__name__} is not tenant-owned; it cannot be scoped to a client")
    return model.client_id  # type: ignore[return-value]


def scoped(statement: Select[Any], model: type, user: User | None = None) -> Select[Any]:
    """Restrict a SELECT on a tenant-owned model to the clients the user may see."""
    user = user or current_user
    if not user.is_authenticated:
        return statement.where(false())
    client_ids = visible_client_ids(user)
    if client_ids is None:
        return statement
    return statement.where(tenant_column(model).in_(client_ids))


def get_or_404(model: type[ModelT], record_id: int, user: User | None = None) -> ModelT:
    """Load one tenant-owned record the user may see, or answer 404 as if it did not exist."""
    statement = scoped(select(model).where(model.id == record_id), model, user)  # type: ignore[attr-defined]
    record = db.session.scalars(statement).first()
    if record is None:
        abort(404)
    show_client(record.id if model is Client else record.client_id)  # type: ignore[attr-defined]
    return record


def user_may_see_client(client_id: int, user: User | None = None) -> bool:
    """Return whether the user may see the client with this id."""
    statement = scoped(select(Client.id).where(Client.id == client_id), Client, user)
    return db.session.scalar(statement) is not None


def visible_users(user: User | None = None) -> Select[tuple[User]]:
    """Return a SELECT of the user records the user may see: their clients' people and themselves."""
    user = user or current_user
    statement = select(User)
    if user.is_admin:
        return statement
    client_ids = visible_client_ids(user)
    return statement.where(or_(User.id == user.id, User.client_id.in_(client_ids)))


def get_user_or_404(user_id: int) -> User:
    """Load a user record the current user may see, or answer 404."""
    record = db.session.scalars(visible_users().where(User.id == user_id)).first()
    if record is None:
        abort(404)
    if record.client_id is not None:
        show_client(record.client_id)
    return record


# The permission decorators every feature uses (built on core.web.requires); a check that needs the loaded
# record calls core.web.guard after the tenant-scoped lookup, so another client's id still answers 404.
def staff_required(view: ViewT) -> ViewT:
    """Allow a view to admins and consultants only (403 for others)."""
    return requires(lambda user: user.is_staff)(view)


def admin_required(view: ViewT) -> ViewT:
    """Allow a view to admins only (403 for others)."""
    return requires(lambda user: user.is_admin)(view)


def reviewer_required(view: ViewT) -> ViewT:
    """Allow a view to staff and the client's sponsors: those who read results, reports and audit trails."""
    return requires(lambda user: user.is_reviewer)(view)
