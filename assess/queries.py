"""Read models of assessment lists: every assessment the user may see, and a client's assessments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, String, case, column, func, select, table

from accounts.models import Client
from accounts.tenancy import scoped
from assess.enums import AssessmentStatus, ResponseStatus
from assess.models import Assessment, Invitation, Response
from core.extensions import db


@dataclass(frozen=True)
class AssessmentListRow:
    """An assessment in the list of all assessments."""

    id: int
    title: str
    client_name: str
    status: AssessmentStatus
    closes_on: date
    anonymous: bool


def visible_assessments(locale: str) -> list[AssessmentListRow]:
    """Return the assessments the user may see, newest first, with their client's name in the locale."""
    statement = scoped(
        select(Assessment.id, Assessment.title, Client, Assessment.status, Assessment.closes_on, Assessment.anonymous)
        .join(Client, Client.id == Assessment.client_id)
        .order_by(Assessment.created_at.desc()),
        Assessment,
    )
    return [
        AssessmentListRow(id, title, client.display_name(locale), status, closes_on, anonymous)
        for id, title, client, status, closes_on, anonymous in db.session.execute(statement)
    ]


@dataclass(frozen=True)
class AssessmentSummary:
    """An assessment with its response counts."""

    id: int
    title: str
    status: AssessmentStatus
    closes_on: date
    anonymous: bool
    invited: int
    submitted: int


def client_assessments(client_id: int) -> list[AssessmentSummary]:
    """Return a client's assessments with invited and submitted counts, in one query."""
    submitted = func.sum(case((Response.status == ResponseStatus.SUBMITTED, 1), else_=0))
    rows = db.session.execute(
        select(
            Assessment.id,
            Assessment.title,
            Assessment.status,
            Assessment.closes_on,
            Assessment.anonymous,
            func.count(Invitation.id),
            submitted,
        )
        .outerjoin(Invitation, (Invitation.assessment_id == Assessment.id) & Invitation.revoked_at.is_(None))
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .where(Assessment.client_id == client_id)
        .group_by(Assessment.id)
        .order_by(Assessment.created_at.desc())
    ).all()
    return [
        AssessmentSummary(id, title, status, closes_on, anonymous, invited, int(done or 0))
        for id, title, status, closes_on, anonymous, invited, done in rows
    ]


# Assessments link to a project by the projects table's key, as their foreign key does; implementation tracking
# builds on assessments, so this package reads that table by name instead of importing the project model.
_PROJECTS = table("projects", column("id", Integer), column("client_id", Integer), column("name", String))


def client_project_choices(client_id: int) -> list[tuple[int, str]]:
    """Return (id, name) of a client's projects, by name, for linking an assessment to one."""
    statement = (
        select(_PROJECTS.c.id, _PROJECTS.c.name).where(_PROJECTS.c.client_id == client_id).order_by(_PROJECTS.c.name)
    )
    return [(row.id, row.name) for row in db.session.execute(statement)]


def linked_project_name(project_id: int | None) -> str:
    """Return the name of the project an assessment is linked to ("" when it is linked to none)."""
    if project_id is None:
        return ""
    return db.session.scalar(select(_PROJECTS.c.name).where(_PROJECTS.c.id == project_id)) or ""


def is_client_project(client_id: int, project_id: int) -> bool:
    """Return whether a project belongs to the client (an assessment links only to its own client's projects)."""
    statement = select(_PROJECTS.c.id).where(_PROJECTS.c.id == project_id, _PROJECTS.c.client_id == client_id)
    return db.session.scalar(statement) is not None
