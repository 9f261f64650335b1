"""Read models of the dashboard and of a client's page; a fixed number of queries however many clients there are."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from accounts.models import BusinessUnit, Client, ConsultantAssignment, Role, User
from accounts.tenancy import scoped
from assess.queries import AssessmentSummary, client_assessments
from core.extensions import db
from phases.issues.enums import IssueSeverity
from phases.overview.queries import ProjectSummary, project_summaries

# The issue severities a sponsor is asked to look at.
ATTENTION_SEVERITIES = (IssueSeverity.CRITICAL, IssueSeverity.HIGH)


@dataclass(frozen=True)
class ClientCard:
    """One client on the dashboard, with its projects."""

    id: int
    name: str
    is_group: bool
    unit_count: int
    projects: tuple[ProjectSummary, ...]


@dataclass(frozen=True)
class GateAwaiting:
    """A phase gate that waits for the sponsor's sign-off."""

    project_id: int
    project_name: str
    phase_id: int
    phase_name: str


@dataclass(frozen=True)
class SevereIssues:
    """A project's open issues of one severity that needs a sponsor's look."""

    project_id: int
    project_name: str
    severity: IssueSeverity
    count: int


@dataclass(frozen=True)
class DashboardView:
    """The user's clients, and what needs a sponsor's attention."""

    clients: tuple[ClientCard, ...]
    gates_awaiting: tuple[GateAwaiting, ...]
    overdue_milestones: tuple[ProjectSummary, ...]  # projects with overdue milestones
    severe_issues: tuple[SevereIssues, ...]  # open critical and high issues, per project and severity
    expectations_awaiting: tuple[ProjectSummary, ...]  # recoveries whose re-based expectations are not accepted yet

    @property
    def attention(self) -> bool:
        """Return whether anything needs the sponsor's attention."""
        return bool(self.gates_awaiting or self.overdue_milestones or self.severe_issues or self.expectations_awaiting)


def dashboard_view() -> DashboardView:
    """Return the clients the user may see, each with its projects' current phase and status."""
    unit_counts = (
        select(BusinessUnit.client_id, func.count(BusinessUnit.id).label("units"))
        .group_by(BusinessUnit.client_id)
        .subquery()
    )
    statement = scoped(
        select(Client, func.coalesce(unit_counts.c.units, 0))
        .outerjoin(unit_counts, unit_counts.c.client_id == Client.id)
        .order_by(Client.name),
        Client,
    )
    projects_by_client: dict[int, list[ProjectSummary]] = {}
    for summary in project_summaries():
        projects_by_client.setdefault(summary.client_id, []).append(summary)
    locale = str(get_locale())
    cards = tuple(
        ClientCard(
            client.id,
            client.display_name(locale),
            client.is_group,
            unit_count,
            tuple(projects_by_client.get(client.id, ())),
        )
        for client, unit_count in db.session.execute(statement)
    )
    projects = [project for card in cards for project in card.projects]
    return DashboardView(
        clients=cards,
        gates_awaiting=tuple(
            GateAwaiting(project.id, project.name, phase_id, phase_name)
            for project in projects
            for phase_id, phase_name in project.gates_awaiting
        ),
        overdue_milestones=tuple(project for project in projects if project.overdue_milestones),
        severe_issues=tuple(
            SevereIssues(project.id, project.name, severity, count)
            for project in projects
            for severity, count in project.open_issues
            if severity in ATTENTION_SEVERITIES
        ),
        expectations_awaiting=tuple(
            project for project in projects if project.recovery and project.recovery.awaits_acceptance
        ),
    )


@dataclass(frozen=True)
class UnitRow:
    """A business unit of a client."""

    name: str
    region: str
    headcount: int | None


@dataclass(frozen=True)
class PersonRow:
    """A person of a client; `invited` while they have not chosen a password yet."""

    id: int
    name: str
    role: Role
    invited: bool


@dataclass(frozen=True)
class ClientView:
    """A client's page: its names, units, people, consultants, projects and (for reviewers) assessments."""

    id: int
    name: str
    facts: tuple[str, ...]  # the other name, the industry, whether it is a group, as far as known; the time zone
    is_group: bool
    units: tuple[UnitRow, ...]
    people: tuple[PersonRow, ...]
    consultants: tuple[PersonRow, ...]
    projects: tuple[ProjectSummary, ...]
    shows_assessments: bool
    assessments: tuple[AssessmentSummary, ...]


def _zone_fact(client: Client) -> str:
    """Name the zone the client's dates are shown in, saying when it is the site's default."""
    if client.time_zone:
        return _("Time zone %(zone)s", zone=client.time_zone)
    return _("Time zone %(zone)s (site default)", zone=current_app.config["TIMEZONE"])


def client_view(client: Client, reader: User) -> ClientView:
    """Return a client's page as the reader may see it (team members see no assessments)."""
    locale = str(get_locale())
    other_name = client.name if locale == "en" and client.name_en else client.name_en
    people = db.session.scalars(select(User).where(User.client_id == client.id).order_by(User.role, User.name))
    consultants = db.session.scalars(
        select(User)
        .join(ConsultantAssignment, ConsultantAssignment.user_id == User.id)
        .where(ConsultantAssignment.client_id == client.id)
        .order_by(User.name)
    )
    return ClientView(
        id=client.id,
        name=client.display_name(locale),
        facts=tuple(
            fact
            for fact in (other_name, client.industry, _("Group") if client.is_group else None, _zone_fact(client))
            if fact
        ),
        is_group=client.is_group,
        units=tuple(UnitRow(unit.name, unit.region, unit.headcount) for unit in client.units),
        people=tuple(PersonRow(person.id, person.name, person.role, not person.password_hash) for person in people),
        consultants=tuple(PersonRow(person.id, person.name, person.role, False) for person in consultants),
        projects=tuple(project_summaries(client.id)),
        shows_assessments=reader.is_reviewer,
        assessments=tuple(client_assessments(client.id)) if reader.is_reviewer else (),
    )
