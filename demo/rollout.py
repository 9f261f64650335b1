"""Demo group rollout: scored candidates, a confirmed pilot, templates, two waves, tiers, supervision, a deviation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from accounts.models import BusinessUnit, User
from core.clock import local_today
from core.extensions import db
from demo.projects import user_by_email
from phases.projects import services
from phases.projects.models import Phase, Project
from phases.rollout import cell_services, organisation_services
from phases.rollout import services as rollout
from phases.rollout.enums import CellStage, SupervisorRole, UnitTier
from phases.rollout.models import Deviation, RolloutFunction, RolloutWave


def _day(offset: int) -> date:
    return local_today() + timedelta(days=offset)


def seed_rollout(project: Project, consultant: User, data: dict[str, Any]) -> None:
    """Bring a group project's rollout to the state the demo data describes."""
    rollout.start_programme(project, consultant, "zh_Hans")
    # Starting the programme creates the rollout functions, so they can only be looked up afterwards.
    units = _units_by_name(project)
    functions = _functions_by_key(project)
    _choose_pilots(project, consultant, data, units)
    pilot = units[data["pilots"][0]]
    for key, steps in data["pilot_cells"].items():
        _run_pilot_cell(project, consultant, pilot.id, functions[key].id, steps)
    _seed_organisation(project, consultant, data, units)
    _plan_other_units(project, consultant, data, units, functions)
    _approve_deviation(project, data["deviation"], units, functions)
    _add_unit_milestones(project, consultant, data["unit_milestones"], units)


def _units_by_name(project: Project) -> dict[str, BusinessUnit]:
    return {
        unit.name: unit
        for unit in db.session.scalars(select(BusinessUnit).where(BusinessUnit.client_id == project.client_id))
    }


def _functions_by_key(project: Project) -> dict[str, RolloutFunction]:
    return {
        function.template_key: function
        for function in db.session.scalars(select(RolloutFunction).where(RolloutFunction.project_id == project.id))
    }


def _choose_pilots(project: Project, consultant: User, data: dict[str, Any], units: dict[str, BusinessUnit]) -> None:
    """Score every candidate unit, then confirm the pilots the data names."""
    rollout.score_candidates(
        project, consultant, {units[name].id: tuple(scores) for name, scores in data["scores"].items()}
    )
    rollout.confirm_pilots(project, consultant, [units[name].id for name in data["pilots"]], data["pilot_note"])


def _run_pilot_cell(project: Project, consultant: User, unit_id: int, function_id: int, steps: dict[str, Any]) -> None:
    """Take one pilot cell as far as its steps go: piloted, template ready, live, evaluated."""
    cell_services.plan_cell(
        project, consultant, unit_id, function_id, _day(steps["pilot"]), _day(steps.get("live", 30))
    )
    cell_services.move_cell(project, consultant, unit_id, function_id, CellStage.PILOT, _day(steps["pilot"]))
    if "template" in steps:
        cell_services.move_cell(
            project,
            consultant,
            unit_id,
            function_id,
            CellStage.TEMPLATE_READY,
            _day(steps["template"]),
            steps["reference"],
        )
    if "live" in steps:
        cell_services.move_cell(project, consultant, unit_id, function_id, CellStage.LIVE, _day(steps["live"]))
    if "evaluated" in steps:
        cell_services.record_evaluation(
            project,
            consultant,
            unit_id,
            function_id,
            4,
            "查重规则有效，重复客户率由 12% 降到 1% 以下；部分销售仍在表格里记录拜访。",
            "拜访记录只在系统里录入；每月出一次不规范客户编码报表。",
            _day(steps["evaluated"]),
        )


def _plan_other_units(
    project: Project,
    consultant: User,
    data: dict[str, Any],
    units: dict[str, BusinessUnit],
    functions: dict[str, RolloutFunction],
) -> None:
    """Plan the cells the data dates, then start rolling out the ones already under way."""
    for unit_name, plans in data["plans"].items():
        for key, (start, live) in plans.items():
            cell_services.plan_cell(
                project, consultant, units[unit_name].id, functions[key].id, _day(start), _day(live)
            )
    for unit_name, keys in data["rolling_out"].items():
        for key in keys:
            cell_services.move_cell(
                project, consultant, units[unit_name].id, functions[key].id, CellStage.ROLLING_OUT, _day(-15)
            )


def _approve_deviation(
    project: Project, entry: dict[str, Any], units: dict[str, BusinessUnit], functions: dict[str, RolloutFunction]
) -> None:
    """Have a unit ask to deviate from the template, and have the data's approver grant it."""
    deviation = cell_services.request_deviation(
        project,
        user_by_email("huang.zhiqiang@dingsheng.example"),
        units[entry["unit"]].id,
        functions[entry["function"]].id,
        entry["description"],
        entry["reason"],
    )
    cell_services.decide_deviation(
        db.session.get(Deviation, deviation.id), user_by_email(entry["approved_by"]), True, entry["note"]
    )


def _add_unit_milestones(
    project: Project, consultant: User, milestones: list[dict[str, Any]], units: dict[str, BusinessUnit]
) -> None:
    """Add the milestones each unit owns to the project's phase at position 3."""
    phase = db.session.scalars(select(Phase).where(Phase.project_id == project.id, Phase.position == 3)).one()
    for item in milestones:
        services.add_milestone(
            phase, consultant, item["name"], None, _day(item["days"]), unit_id=units[item["unit"]].id
        )


def _seed_organisation(
    project: Project, consultant: User, data: dict[str, Any], units: dict[str, BusinessUnit]
) -> None:
    placements: dict[int, tuple[int | None, UnitTier | None]] = {
        units[name].id: (None, UnitTier(tier)) for name, tier in data["tiers"].items()
    }
    waves = []
    for entry in data["waves"]:
        wave = organisation_services.add_wave(
            project, consultant, entry["name"], _day(entry["start"]), _day(entry["end"])
        )
        waves.append(wave.id)
        for name in entry["units"]:
            placements[units[name].id] = (wave.id, placements[units[name].id][1])
    organisation_services.place_units(project, consultant, placements)
    functions = list(db.session.scalars(select(RolloutFunction.id).where(RolloutFunction.project_id == project.id)))
    organisation_services.plan_wave_dates(project, consultant, db.session.get(RolloutWave, waves[-1]), functions)
    for tier, policy in data["policies"].items():
        organisation_services.save_tier_policy(
            project, consultant, UnitTier(tier), policy["criteria"], policy["incentives"], policy["penalties"]
        )
    regions = sorted({unit.region for unit in units.values()})
    for seat in data["supervisors"]:
        organisation_services.add_supervisor(
            project,
            consultant,
            user_by_email(seat["email"]),
            SupervisorRole(seat["role"]),
            seat.get("region", ""),
            regions,
        )
    first_wave = [(units[name].id, units[name].region, units[name].headcount) for name in data["waves"][0]["units"]]
    pilots = [(units[name].id, units[name].region, units[name].headcount) for name in data["pilots"]]
    organisation_services.plan_training(project, consultant, pilots, _day(-140))
    organisation_services.plan_training(project, consultant, first_wave, _day(-12))
