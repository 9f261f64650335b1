"""Load the demo data from demo/data.yaml through the feature services; safe to run again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask_babel import force_locale
from sqlalchemy import select

from accounts import services as account_services
from accounts.models import Client, Role, User
from core.clock import local_today
from core.content import load_yaml
from core.db import utcnow
from core.extensions import db
from demo.assessments import seed_assessments
from demo.projects import plan_project, seed_issues
from demo.recovery import seed_recoveries
from demo.rollout import seed_rollout
from phases.projects import services as phase_services
from phases.projects.enums import PhaseStatus, Rag
from phases.projects.methodology import Methodology
from phases.projects.models import Project

DEMO_PASSWORD = "demo-2026"
DATA_FILE = Path(__file__).parent / "data.yaml"


@dataclass
class SeedReport:
    """What seeding did and who can sign in."""

    created: bool = False
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _day(offset: int | None) -> date | None:
    return None if offset is None else local_today() + timedelta(days=offset)


def _client_by_name(name: str) -> Client | None:
    return db.session.scalars(select(Client).where(Client.name == name)).first()


def _seed_clients(data: dict[str, Any], report: SeedReport) -> dict[str, Client]:
    admin = _seed_user(data["users"][0], None, report)
    clients = {}
    for entry in data["clients"]:
        client = _client_by_name(entry["name"])
        if client is None:
            client = account_services.create_client(
                admin, entry["name"], entry["name_en"], entry["industry"], entry["is_group"], entry.get("time_zone")
            )
            for unit in entry["units"]:
                account_services.add_unit(client, unit["name"], unit["region"], unit["headcount"])
            report.created = True
        clients[client.name] = client
    return clients


def _seed_user(entry: dict[str, Any], clients: dict[str, Client] | None, report: SeedReport) -> User:
    user = db.session.scalars(select(User).where(User.email == entry["email"])).first()
    client_name = entry.get("client", "")
    if user is None:
        client_id = clients[client_name].id if clients and client_name else None
        user, _ = account_services.create_user(
            entry["email"], entry["name"], Role(entry["role"]), client_id, DEMO_PASSWORD
        )
        if entry.get("locale"):
            account_services.set_locale(user, entry["locale"])
        report.created = True
    for name in entry.get("clients", []):
        if clients:
            account_services.assign_consultant(clients[name], user)
    if clients is not None:
        report.logins.append((user.email, user.role.value, client_name or ", ".join(entry.get("clients", []))))
    return user


def _seed_projects(data: dict[str, Any], clients: dict[str, Client], report: SeedReport) -> None:
    for entry in data["projects"]:
        client = clients[entry["client"]]
        exists = db.session.scalar(
            select(Project.id).where(Project.client_id == client.id, Project.name == entry["name"])
        )
        if exists:
            continue
        consultant = db.session.scalars(select(User).where(User.email == entry["consultant"])).one()
        with force_locale(entry.get("locale", "zh_Hans")):  # suggested milestones in the client's language
            project = phase_services.create_project(
                client,
                entry["name"],
                Methodology(entry["methodology"]),
                _day(entry["start"]),
                _day(entry["target"]),
                consultant,
            )
        for phase, progress in zip(project.phases, entry["phases"]):
            phase_services.record_phase_progress(
                phase,
                PhaseStatus(progress["status"]),
                _day(progress.get("actual_start")),
                _day(progress.get("actual_end")),
            )
        plan_project(project, consultant, entry)
        seed_issues(project, client.name, consultant)
        if entry.get("rollout"):
            seed_rollout(project, consultant, entry["rollout"])
        for update in entry["updates"]:
            author = db.session.scalars(select(User).where(User.email == update["author"])).first()
            phase_services.add_status_update(
                project,
                author,
                Rag(update["rag"]),
                update["summary"],
                update["next_steps"],
                created_at=utcnow() - timedelta(days=update["days_ago"]),
            )
        report.created = True


def seed_demo() -> SeedReport:
    """Create whatever part of the demo data is missing and return the demo logins."""
    data = load_yaml(str(DATA_FILE))
    report = SeedReport()
    clients = _seed_clients(data, report)
    for entry in data["users"]:
        _seed_user(entry, clients, report)
    _seed_projects(data, clients, report)
    report.created = seed_assessments(clients) or report.created
    with force_locale("zh_Hant"):  # the health-check reasons recorded at the start, in the client's language
        report.created = seed_recoveries(data, clients) or report.created
    return report


def demo_logins() -> list[tuple[str, str, str]]:
    """Return the demo users that exist in the database as (e-mail, role, client) rows."""
    emails = [entry["email"] for entry in load_yaml(str(DATA_FILE))["users"]]
    users = db.session.scalars(select(User).where(User.email.in_(emails))).all()
    by_email = {user.email: user for user in users}
    return [
        (email, by_email[email].role.value, by_email[email].client.name if by_email[email].client else "")
        for email in emails
        if email in by_email
    ]
