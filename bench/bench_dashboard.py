"""The dashboard: time and SQL statements for few and for many projects."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert

from accounts import services as account_services
from accounts.models import Client, ConsultantAssignment, Role
from bench.harness import Figure, median_ms, scratch_app
from core.extensions import db
from core.profiling import count_queries
from phases.models import Phase, Project, StatusUpdate

PASSWORD = "bench-password"


def _populate(projects: int) -> None:
    """Insert clients with five-phase projects and a status update each, in bulk."""
    clients = max(1, projects // 4)
    db.session.execute(insert(Client), [{"name": f"客户{number}"} for number in range(clients)])
    project_rows = [
        {"client_id": 1 + number % clients, "name": f"项目{number}", "methodology": "five_step",
         "start_date": date.today() - timedelta(days=60), "target_date": date.today() + timedelta(days=300)}
        for number in range(projects)
    ]
    db.session.execute(insert(Project), project_rows)
    phase_rows = [
        {"project_id": project, "client_id": 1 + (project - 1) % clients, "position": position, "key": key,
         "status": "closed" if position < 2 else "active" if position == 2 else "not_started"}
        for project in range(1, projects + 1)
        for position, key in enumerate(["assess", "collect", "process", "flow", "collaborate"], start=1)
    ]
    db.session.execute(insert(Phase), phase_rows)
    db.session.execute(
        insert(StatusUpdate),
        [{"project_id": project, "client_id": 1 + (project - 1) % clients, "rag": "green", "summary": "进展正常"}
         for project in range(1, projects + 1)],
    )
    db.session.commit()


def _measure(projects: int) -> tuple[float, int]:
    app = scratch_app()
    with app.app_context():
        _populate(projects)
        user, _ = account_services.create_user("consultant@bench.example", "顾问", Role.CONSULTANT, None, PASSWORD)
        db.session.execute(insert(ConsultantAssignment), [{"user_id": user.id, "client_id": client_id}
                                                         for client_id in range(1, max(1, projects // 4) + 1)])
        db.session.commit()
    browser = app.test_client()
    browser.post("/login", data={"email": "consultant@bench.example", "password": PASSWORD})
    with app.app_context():
        engine = db.engine
    with count_queries(engine) as log:
        assert browser.get("/").status_code == 200
    return median_ms(lambda: browser.get("/")), log.count


def run() -> list[Figure]:
    """Measure the dashboard with 2 and with 200 projects."""
    few_ms, few_queries = _measure(2)
    many_ms, many_queries = _measure(200)
    return [
        Figure("dashboard, 2 projects: median time", few_ms, "ms"),
        Figure("dashboard, 200 projects: median time", many_ms, "ms", target=50),
        Figure("dashboard, 2 projects: SQL statements", few_queries, "queries"),
        Figure("dashboard, 200 projects: SQL statements", many_queries, "queries", target=few_queries),
    ]
