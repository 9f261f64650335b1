"""The dashboard and a project page: time and SQL statements for 2 and for 200 projects × 40 milestones."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from sqlalchemy import insert

from accounts import services as account_services
from accounts.models import Client, ConsultantAssignment, Role
from bench.harness import Figure, median_ms, scratch_app
from core.clock import local_today
from core.extensions import db
from core.profiling import count_queries
from phases.issues.models import Issue
from phases.projects.models import GateCriterion, Milestone, Phase, Project, StatusUpdate

PASSWORD = "bench-password"
MILESTONES = 40
KEYS = ["assess", "collect", "process", "flow", "collaborate"]


def _insert_clients_and_projects(projects: int, clients: int, today: date) -> dict[int, int]:
    """Insert the clients and deal the projects out among them; return each project's client id."""
    db.session.execute(insert(Client), [{"name": f"客户{number}"} for number in range(clients)])
    db.session.execute(
        insert(Project),
        [
            {
                "client_id": 1 + number % clients,
                "name": f"项目{number}",
                "methodology": "five_step",
                "start_date": today - timedelta(days=60),
                "target_date": today + timedelta(days=300),
            }
            for number in range(projects)
        ],
    )
    return {project: 1 + (project - 1) % clients for project in range(1, projects + 1)}


def _insert_phases(client_of: Mapping[int, int], today: date) -> None:
    """Give every project its five phases: the first closed, the second active, the rest not started."""
    db.session.execute(
        insert(Phase),
        [
            {
                "project_id": project,
                "client_id": client,
                "position": position,
                "key": key,
                "visible_result": "",
                "status": "closed" if position < 2 else "active" if position == 2 else "not_started",
                "planned_start": today - timedelta(days=60 - 70 * (position - 1)),
                "planned_end": today + timedelta(days=70 * position - 61),
            }
            for project, client in client_of.items()
            for position, key in enumerate(KEYS, start=1)
        ],
    )


def _phase_id(project: int, number: int) -> int:
    """Return the id of one of the project's five phases, in turn as `number` grows (ids follow insertion order)."""
    return (project - 1) * 5 + 1 + number % 5


def _insert_milestones(client_of: Mapping[int, int], today: date) -> None:
    """Give every project its milestones, a week apart, each slipped five days from its baseline."""
    db.session.execute(
        insert(Milestone),
        [
            {
                "project_id": project,
                "client_id": client,
                "phase_id": _phase_id(project, number),
                "name": f"里程碑{number}",
                "planned_date": today + timedelta(days=number * 7 - 60),
                "baseline_date": today + timedelta(days=number * 7 - 65),
                "percent_done": (number * 13) % 101,
            }
            for project, client in client_of.items()
            for number in range(MILESTONES)
        ],
    )


def _insert_gate_criteria(client_of: Mapping[int, int]) -> None:
    """Give every project 20 gate criteria, two in three of them passed."""
    db.session.execute(
        insert(GateCriterion),
        [
            {
                "project_id": project,
                "client_id": client,
                "phase_id": _phase_id(project, number),
                "text": f"检查项{number}",
                "state": "pass" if number % 3 else "unreviewed",
                "note": "",
            }
            for project, client in client_of.items()
            for number in range(20)
        ],
    )


def _insert_issues(client_of: Mapping[int, int]) -> None:
    """Give every project six open issues across the severities."""
    db.session.execute(
        insert(Issue),
        [
            {
                "project_id": project,
                "client_id": client,
                "title": f"问题{number}",
                "description": "",
                "severity": ["critical", "high", "medium", "low"][number % 4],
                "status": "open",
                "root_cause": "",
                "prevention": "",
            }
            for project, client in client_of.items()
            for number in range(6)
        ],
    )


def _insert_status_updates(client_of: Mapping[int, int]) -> None:
    """Give every project one green status update."""
    db.session.execute(
        insert(StatusUpdate),
        [
            {"project_id": project, "client_id": client, "rag": "green", "summary": "进展正常", "next_steps": ""}
            for project, client in client_of.items()
        ],
    )


def _populate(projects: int) -> None:
    """Insert clients with five-phase projects, 40 milestones, gate criteria, issues and an update each, in bulk."""
    today = local_today()
    client_of = _insert_clients_and_projects(projects, max(1, projects // 4), today)
    _insert_phases(client_of, today)
    _insert_milestones(client_of, today)
    _insert_gate_criteria(client_of)
    _insert_issues(client_of)
    _insert_status_updates(client_of)
    db.session.commit()


def _measure(projects: int) -> tuple[float, int, float, int]:
    app = scratch_app()
    with app.app_context():
        _populate(projects)
        user, _ = account_services.create_user("consultant@bench.example", "顾问", Role.CONSULTANT, None, PASSWORD)
        db.session.execute(
            insert(ConsultantAssignment),
            [{"user_id": user.id, "client_id": client_id} for client_id in range(1, max(1, projects // 4) + 1)],
        )
        db.session.commit()
        engine = db.engine
    browser = app.test_client()
    browser.post("/login", data={"email": "consultant@bench.example", "password": PASSWORD})
    with count_queries(engine) as dashboard_log:
        assert browser.get("/").status_code == 200
    with count_queries(engine) as project_log:
        assert browser.get("/projects/1").status_code == 200
    dashboard = median_ms(lambda: browser.get("/"))
    project = median_ms(lambda: browser.get("/projects/1"))
    return dashboard, dashboard_log.count, project, project_log.count


def run() -> list[Figure]:
    """Measure the dashboard and a project page with 2 and with 200 projects of 40 milestones."""
    few = _measure(2)
    many = _measure(200)
    return [
        Figure("dashboard, 2 projects: median time", few[0], "ms"),
        Figure(f"dashboard, 200 projects × {MILESTONES} milestones: median time", many[0], "ms", target=50),
        Figure("dashboard, 2 projects: SQL statements", few[1], "queries"),
        Figure("dashboard, 200 projects: SQL statements", many[1], "queries", target=few[1]),
        Figure(f"project page ({MILESTONES} milestones), 2 projects: median time", few[2], "ms"),
        Figure(f"project page ({MILESTONES} milestones), 200 projects: median time", many[2], "ms", target=50),
        Figure("project page, 2 projects: SQL statements", few[3], "queries"),
        Figure("project page, 200 projects: SQL statements", many[3], "queries", target=few[3]),
    ]
