"""The rollout matrix page: time and SQL statements for 30 and for 300 units × 12 functions."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert

from accounts import services as account_services
from accounts.models import BusinessUnit, Client, ConsultantAssignment, Role
from bench.harness import Figure, median_ms, scratch_app
from core.clock import local_today
from core.extensions import db
from core.profiling import count_queries
from phases.projects.models import Milestone, Phase, Project
from phases.rollout.enums import CellStage
from phases.rollout.models import Deviation, RolloutCell, RolloutFunction, RolloutProgramme, RolloutUnit, RolloutWave

PASSWORD = "bench-password"
FUNCTIONS = 12
REGIONS = 10
STAGES = list(CellStage)


def _insert_group_project(today: date) -> None:
    """Insert the group client, its project with one active phase, and the project's rollout programme."""
    db.session.execute(insert(Client), [{"name": "集团", "is_group": True}])
    db.session.execute(
        insert(Project),
        [
            {
                "client_id": 1,
                "name": "集团推广",
                "methodology": "five_step",
                "start_date": today - timedelta(days=200),
                "target_date": today + timedelta(days=300),
            }
        ],
    )
    db.session.execute(
        insert(Phase),
        [{"project_id": 1, "client_id": 1, "position": 1, "key": "assess", "visible_result": "", "status": "active"}],
    )
    db.session.execute(insert(RolloutProgramme), [{"project_id": 1, "client_id": 1}])


def _insert_functions_and_waves(today: date) -> None:
    """Insert the functions to roll out, the first few with a ready template, and four waves."""
    db.session.execute(
        insert(RolloutFunction),
        [
            {
                "project_id": 1,
                "client_id": 1,
                "position": number,
                "name": f"功能{number}",
                "template_reference": "",
                "template_ready_on": today if number < 4 else None,
            }
            for number in range(1, FUNCTIONS + 1)
        ],
    )
    db.session.execute(
        insert(RolloutWave),
        [{"project_id": 1, "client_id": 1, "position": number, "name": f"第{number}波"} for number in range(1, 5)],
    )


def _insert_units(units: int) -> None:
    """Insert the business units across the regions and enrol each in the rollout: two pilots, the rest in waves."""
    db.session.execute(
        insert(BusinessUnit),
        [
            {"client_id": 1, "name": f"单位{number:03d}", "region": f"区域{number % REGIONS}", "headcount": 50 + number}
            for number in range(units)
        ],
    )
    db.session.execute(
        insert(RolloutUnit),
        [
            {
                "project_id": 1,
                "client_id": 1,
                "unit_id": unit,
                "is_pilot": unit <= 2,
                "wave_id": None if unit <= 2 else 1 + unit % 4,
                "score_typical": 3,
                "score_management": 4,
                "score_staff": 3,
                "score_foundation": 4,
            }
            for unit in range(1, units + 1)
        ],
    )


def _insert_cells(units: int, today: date) -> None:
    """Fill four in five cells of the unit × function matrix, cycling through every stage, with a few deviations."""
    db.session.execute(
        insert(RolloutCell),
        [
            {
                "project_id": 1,
                "client_id": 1,
                "unit_id": unit,
                "function_id": function,
                "stage": STAGES[(unit + function) % len(STAGES)].value,
                "planned_start": today - timedelta(days=(unit * function) % 90),
                "planned_live": today + timedelta(days=(unit * 7 + function) % 120 - 40),
            }
            for unit in range(1, units + 1)
            for function in range(1, FUNCTIONS + 1)
            if (unit + function) % 5
        ],
    )
    db.session.execute(
        insert(Deviation),
        [
            {
                "project_id": 1,
                "client_id": 1,
                "cell_id": cell,
                "description": "加字段",
                "reason": "区域需要",
                "status": "proposed",
                "decision_note": "",
            }
            for cell in range(1, units // 10 + 2)
        ],
    )


def _insert_go_live_milestones(units: int, today: date) -> None:
    """Give every unit a go-live milestone, spread over two months around today."""
    db.session.execute(
        insert(Milestone),
        [
            {
                "project_id": 1,
                "client_id": 1,
                "phase_id": 1,
                "unit_id": unit,
                "name": f"单位{unit}上线",
                "planned_date": today + timedelta(days=unit % 60 - 30),
                "percent_done": 0,
            }
            for unit in range(1, units + 1)
        ],
    )


def _populate(units: int) -> None:
    """Insert a group client with units and a project with its rollout: functions, waves, staged cells, milestones."""
    today = local_today()
    _insert_group_project(today)
    _insert_functions_and_waves(today)
    _insert_units(units)
    _insert_cells(units, today)
    _insert_go_live_milestones(units, today)
    db.session.commit()


def _measure(units: int) -> tuple[float, int]:
    app = scratch_app()
    with app.app_context():
        _populate(units)
        user, _ = account_services.create_user("consultant@bench.example", "顾问", Role.CONSULTANT, None, PASSWORD)
        db.session.execute(insert(ConsultantAssignment), [{"user_id": user.id, "client_id": 1}])
        db.session.commit()
        engine = db.engine
    browser = app.test_client()
    browser.post("/login", data={"email": "consultant@bench.example", "password": PASSWORD})
    with count_queries(engine) as log:
        assert browser.get("/projects/1/rollout").status_code == 200
    return median_ms(lambda: browser.get("/projects/1/rollout"), repeat=20), log.count


def run() -> list[Figure]:
    """Measure the matrix page with 30 and with 300 units × 12 functions."""
    few = _measure(30)
    many = _measure(300)
    return [
        Figure(f"rollout matrix, 30 units × {FUNCTIONS} functions: median time", few[0], "ms"),
        Figure(f"rollout matrix, 300 units × {FUNCTIONS} functions: median time", many[0], "ms", target=100),
        Figure("rollout matrix, 30 units: SQL statements", few[1], "queries"),
        Figure("rollout matrix, 300 units: SQL statements", many[1], "queries", target=few[1]),
    ]
