"""Writes that organise a group rollout: waves and tiers of the units, the supervision team and the training plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from accounts.models import BusinessUnit, User
from core.clock import local_today
from core.db import insert_ignoring_duplicates, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from phases import audit
from phases.projects.models import Project
from phases.rollout.enums import SupervisorRole, TrainingAudience, UnitTier
from phases.rollout.matrix import PARTICIPANTS_RANGE, SESSIONS_RANGE, training_needs
from phases.rollout.models import RolloutUnit, RolloutWave, Supervisor, TierPolicy, TrainingSession
from phases.rollout.records import cell_of, placement_of, require_programme, require_unit
from phases.rollout.settings import rollout_content

# ---- waves and tiers ----------------------------------------------------------------------------------------------


def add_wave(
    project: Project, actor: User, name: str, planned_start: date | None, planned_end: date | None
) -> RolloutWave:
    """Add a rollout wave."""
    require_programme(project)
    if not name.strip():
        raise RuleError(_("This field is required."), field="name")
    if planned_start and planned_end and planned_end < planned_start:
        raise RuleError(_("The end date must not be before the start date."), field="planned_end")
    position = (
        db.session.scalar(select(func.max(RolloutWave.position)).where(RolloutWave.project_id == project.id)) or 0
    ) + 1
    with write_transaction():
        wave = RolloutWave(
            project_id=project.id,
            client_id=project.client_id,
            position=position,
            name=name.strip(),
            planned_start=planned_start,
            planned_end=planned_end,
        )
        audit.add_created(wave, actor, "wave", wave.name)
    return wave


def place_units(project: Project, actor: User, placements: Mapping[int, tuple[int | None, UnitTier | None]]) -> None:
    """Put units into waves and tiers (all or nothing); pilot units model the template and join no wave."""
    require_programme(project)
    wave_ids = set(db.session.scalars(select(RolloutWave.id).where(RolloutWave.project_id == project.id)))
    pilots = set(
        db.session.scalars(
            select(RolloutUnit.unit_id).where(RolloutUnit.project_id == project.id, RolloutUnit.is_pilot.is_(True))
        )
    )
    for unit_id, (wave_id, _tier) in placements.items():
        unit = require_unit(project, unit_id)
        if wave_id is not None and wave_id not in wave_ids:
            raise RuleError(_("This wave is not part of the rollout."))
        if wave_id is not None and unit_id in pilots:
            raise RuleError(
                _("%(unit)s is a pilot unit: pilots model the template and join no rollout wave.", unit=unit.name)
            )
    with write_transaction():
        for unit_id, (wave_id, tier) in placements.items():
            row = placement_of(project, unit_id)
            changes = audit.apply_changes(row, {"wave_id": wave_id, "tier": tier})
            audit.record(
                project.id, project.client_id, actor, "rollout_unit", row.id, row.unit.name, "updated", changes
            )


def plan_wave_dates(project: Project, actor: User, wave: RolloutWave, function_ids: Sequence[int]) -> int:
    """Give every not-yet-planned cell of the wave's units the wave's dates; return how many cells were planned."""
    if not wave.planned_start or not wave.planned_end:
        raise RuleError(_("Give the wave its start and end dates first."))
    unit_ids = list(db.session.scalars(select(RolloutUnit.unit_id).where(RolloutUnit.wave_id == wave.id)))
    planned = 0
    with write_transaction():
        for unit_id in unit_ids:
            for function_id in function_ids:
                cell = cell_of(project, unit_id, function_id)
                if cell.planned_start is None and cell.planned_live is None:
                    cell.planned_start, cell.planned_live = wave.planned_start, wave.planned_end
                    planned += 1
        audit.record(
            project.id, project.client_id, actor, "wave", wave.id, wave.name, "planned", {"cells": (0, planned)}
        )
    return planned


def save_tier_policy(
    project: Project, actor: User, tier: UnitTier, criteria: str, incentives: str, penalties: str
) -> None:
    """Record what puts a unit in a tier and the incentives and penalties agreed for it."""
    require_programme(project)
    if not (incentives.strip() or penalties.strip()):
        raise RuleError(_("Give the incentives or penalties agreed for this tier."), field="incentives")
    with write_transaction():
        insert_ignoring_duplicates(
            TierPolicy.__table__,
            {
                "project_id": project.id,
                "client_id": project.client_id,
                "tier": tier.value,
                "criteria": "",
                "incentives": "",
                "penalties": "",
            },
            ["project_id", "tier"],
        )
        policy = db.session.scalars(
            select(TierPolicy).where(TierPolicy.project_id == project.id, TierPolicy.tier == tier)
        ).one()
        changes = audit.apply_changes(
            policy, {"criteria": criteria.strip(), "incentives": incentives.strip(), "penalties": penalties.strip()}
        )
        audit.record(
            project.id, project.client_id, actor, "tier_policy", policy.id, tier.value.upper(), "updated", changes
        )


# ---- supervision --------------------------------------------------------------------------------------------------


def add_supervisor(
    project: Project, actor: User, user: User, role: SupervisorRole, region: str, regions: Sequence[str]
) -> Supervisor:
    """Seat a person on the supervision team; a regional lead leads one of the client's regions."""
    require_programme(project)
    region = region.strip() if role is SupervisorRole.REGIONAL_LEAD else ""
    if role is SupervisorRole.REGIONAL_LEAD and region not in regions:
        raise RuleError(_("Choose the region this lead supervises."), field="region")
    if db.session.scalar(
        select(Supervisor.id).where(
            Supervisor.project_id == project.id,
            Supervisor.user_id == user.id,
            Supervisor.role == role,
            Supervisor.region == region,
        )
    ):
        raise RuleError(_("This person already has this seat on the supervision team."), field="user_id")
    with write_transaction():
        seat = Supervisor(project_id=project.id, client_id=project.client_id, user_id=user.id, role=role, region=region)
        audit.add_created(seat, actor, "supervisor", user.name, {"role": (None, role), "region": ("", region)})
    return seat


def remove_supervisor(seat: Supervisor, actor: User) -> None:
    """Take a seat off the supervision team."""
    with write_transaction():
        audit.record(
            seat.project_id,
            seat.client_id,
            actor,
            "supervisor",
            seat.id,
            seat.user.name,
            "removed",
            {"role": (seat.role, None), "region": (seat.region, "")},
        )
        db.session.delete(seat)


# ---- training -----------------------------------------------------------------------------------------------------


def plan_training(
    project: Project, actor: User, units: Sequence[tuple[int, str, int | None]], planned_date: date | None
) -> int:
    """Plan training for units (id, region, headcount) by size and role, keeping existing rows; regional leads train."""
    require_programme(project)
    trainers = dict(
        db.session.execute(
            select(Supervisor.region, Supervisor.user_id).where(
                Supervisor.project_id == project.id, Supervisor.role == SupervisorRole.REGIONAL_LEAD
            )
        ).all()
    )
    content = rollout_content()
    shares = [(item["key"], float(item["share"])) for item in content["audiences"]]
    added = 0
    with write_transaction():
        existing = set(
            db.session.execute(
                select(TrainingSession.unit_id, TrainingSession.audience).where(
                    TrainingSession.project_id == project.id
                )
            ).all()
        )
        for unit_id, region, headcount in units:
            for need in training_needs(headcount, shares, int(content["class_size"])):
                audience = TrainingAudience(need.audience)
                if (unit_id, audience) in existing:
                    continue
                db.session.add(
                    TrainingSession(
                        project_id=project.id,
                        client_id=project.client_id,
                        unit_id=unit_id,
                        audience=audience,
                        participants=need.participants,
                        sessions=need.sessions,
                        planned_date=planned_date,
                        trainer_id=trainers.get(region),
                    )
                )
                added += 1
        audit.record(
            project.id, project.client_id, actor, "training", None, project.name, "planned", {"sessions": (0, added)}
        )
    return added


def update_training(session: TrainingSession, actor: User, values: Mapping[str, Any]) -> None:
    """Change a training plan row: people, sessions, date, trainer, or mark it held."""
    if values["participants"] not in PARTICIPANTS_RANGE:
        raise RuleError(_("Plan at least one participant and one session."), field="participants")
    if values["sessions"] not in SESSIONS_RANGE:
        raise RuleError(_("Plan at least one participant and one session."), field="sessions")
    if values["done_on"] and values["done_on"] > local_today():
        raise RuleError(_("The actual date cannot lie in the future."), field="done_on")
    unit = db.session.get(BusinessUnit, session.unit_id)
    with write_transaction():
        changes = audit.apply_changes(session, dict(values))
        audit.record(
            session.project_id,
            session.client_id,
            actor,
            "training",
            session.id,
            f"{unit.name if unit else ''} · {session.audience.value}",
            "updated",
            changes,
        )
