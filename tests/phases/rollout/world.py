"""A group client's rollout for the tests: four units in two regions, and the steps that bring it to a state."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from phases.projects.models import Project
from phases.rollout import cell_services
from phases.rollout import services as rollout
from phases.rollout.enums import CellStage
from phases.rollout.models import RolloutCell

UNITS = [
    ("上海分公司", "华东", 420),
    ("杭州分公司", "华东", 180),
    ("广州分公司", "华南", 360),
    ("深圳分公司", "华南", 240),
]
TODAY = date.today()


def project_of(world: dict[str, Any]) -> Project:
    """Return the world's project record."""
    return db.session.get(Project, world["project"])


def actor(world: dict[str, Any], who: str = "consultant") -> User:
    """Return the record of one of the world's people."""
    return db.session.get(User, world[who].id)


def choose_pilots(world: dict[str, Any], *names: str) -> None:
    """Score every unit and confirm the named pilots."""
    scores = {world["units"][name]: (5, 5, 4, 4) if name in names else (3, 3, 3, 3) for name, _r, _h in UNITS}
    rollout.score_candidates(project_of(world), actor(world), scores)
    rollout.confirm_pilots(project_of(world), actor(world), [world["units"][name] for name in names], "试点理由")


def cell_record(world: dict[str, Any], unit: str, function: str) -> RolloutCell | None:
    """Return a cell of the world's rollout, if it was ever touched."""
    return db.session.scalars(
        select(RolloutCell).where(
            RolloutCell.unit_id == world["units"][unit], RolloutCell.function_id == world["functions"][function]
        )
    ).first()


def roll_out_customer_data(world: dict[str, Any]) -> None:
    """Pilot customer data in 上海 until its template is ready, and start rolling it out in 广州."""
    choose_pilots(world, "上海分公司")
    project, consultant, units = project_of(world), actor(world), world["units"]
    function = world["functions"]["customer_data"]
    cell_services.move_cell(project, consultant, units["上海分公司"], function, CellStage.PILOT, TODAY)
    cell_services.move_cell(project, consultant, units["上海分公司"], function, CellStage.TEMPLATE_READY, TODAY, "v1")
    cell_services.move_cell(project, consultant, units["广州分公司"], function, CellStage.ROLLING_OUT, TODAY)


def make_customer_data_late(world: dict[str, Any], unit: str) -> None:
    """Plan a unit's customer-data cell to have gone live three days ago, so the matrix marks it late."""
    cell_services.plan_cell(
        project_of(world),
        actor(world),
        world["units"][unit],
        world["functions"]["customer_data"],
        TODAY - timedelta(days=20),
        TODAY - timedelta(days=3),
    )


def page_urls(world: dict[str, Any]) -> list[str]:
    """Return the addresses of the matrix, pilot, organisation and one cell page."""
    project, unit, function = world["project"], world["units"]["广州分公司"], world["functions"]["customer_data"]
    return [
        f"/projects/{project}/rollout",
        f"/projects/{project}/rollout/pilots",
        f"/projects/{project}/rollout/organisation",
        f"/projects/{project}/rollout/units/{unit}/functions/{function}",
    ]
