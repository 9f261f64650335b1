"""The records every rollout write starts from: looked up in the project, refused when foreign, made on first use."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import BusinessUnit
from core.content import localized
from core.db import insert_ignoring_duplicates, utcnow
from core.errors_domain import RuleError
from core.extensions import db
from core.labels import label
from phases.projects.models import Project
from phases.rollout.enums import CellStage
from phases.rollout.models import (
    RolloutCell,
    RolloutFunction,
    RolloutProgramme,
    RolloutUnit,
    TierPolicy,
    TrainingSession,
)
from phases.rollout.settings import rollout_content


def require_programme(project: Project) -> RolloutProgramme:
    """Return the project's rollout programme, refusing when the rollout is not set up."""
    programme = db.session.scalars(select(RolloutProgramme).where(RolloutProgramme.project_id == project.id)).first()
    if programme is None:
        raise RuleError(_("Set up the rollout first."))
    return programme


def require_unit(project: Project, unit_id: int) -> BusinessUnit:
    """Return one of the client's units, refusing another client's."""
    unit = db.session.get(BusinessUnit, unit_id)
    if unit is None or unit.client_id != project.client_id:
        raise RuleError(_("This unit does not belong to the client."))
    return unit


def require_function(project: Project, function_id: int) -> RolloutFunction:
    """Return one of the rollout's functions, refusing another project's."""
    function = db.session.get(RolloutFunction, function_id)
    if function is None or function.project_id != project.id:
        raise RuleError(_("This function is not part of the rollout."))
    return function


def placement_of(project: Project, unit_id: int) -> RolloutUnit:
    """Return the unit's programme row, creating it on first use (inside the caller's write transaction)."""
    insert_ignoring_duplicates(
        RolloutUnit.__table__,
        {"project_id": project.id, "client_id": project.client_id, "unit_id": unit_id, "is_pilot": False},
        ["project_id", "unit_id"],
    )
    return db.session.scalars(
        select(RolloutUnit).where(RolloutUnit.project_id == project.id, RolloutUnit.unit_id == unit_id)
    ).one()


def find_cell(unit_id: int, function_id: int) -> RolloutCell | None:
    """Return a cell if it was ever touched (an untouched cell has no row: it is not started)."""
    return db.session.scalars(
        select(RolloutCell).where(RolloutCell.unit_id == unit_id, RolloutCell.function_id == function_id)
    ).first()


def cell_of(project: Project, unit_id: int, function_id: int) -> RolloutCell:
    """Return a cell, creating it as "not started" on first use (inside the caller's write transaction)."""
    insert_ignoring_duplicates(
        RolloutCell.__table__,
        {
            "project_id": project.id,
            "client_id": project.client_id,
            "unit_id": unit_id,
            "function_id": function_id,
            "stage": CellStage.NOT_STARTED.value,
            "updated_at": utcnow(),
        },
        ["unit_id", "function_id"],
    )
    return db.session.scalars(
        select(RolloutCell).where(RolloutCell.unit_id == unit_id, RolloutCell.function_id == function_id)
    ).one()


def cell_label(unit: BusinessUnit, function: RolloutFunction) -> str:
    """Return how the audit trail names a cell: its unit and its function."""
    return f"{unit.name} · {function.name}"


def function_name(template_key: str | None, own_name: str, locale: str) -> str:
    """Return a function's name: a suggested function's in the locale, or the name written for it."""
    names = {item["key"]: item["name"] for item in rollout_content()["functions"]}
    return localized(names[template_key], locale) if template_key in names else own_name


def function_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return functions' names in the locale, by id, for the audit trail."""
    found = db.session.execute(
        select(RolloutFunction.id, RolloutFunction.template_key, RolloutFunction.name).where(
            RolloutFunction.id.in_(ids)
        )
    ).all()
    return {row_id: function_name(key, name, locale) for row_id, key, name in found}


def cell_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return cells' names (unit · function) in the locale, by id, for the audit trail."""
    found = db.session.execute(
        select(RolloutCell.id, BusinessUnit.name, RolloutFunction.template_key, RolloutFunction.name)
        .join(BusinessUnit, BusinessUnit.id == RolloutCell.unit_id)
        .join(RolloutFunction, RolloutFunction.id == RolloutCell.function_id)
        .where(RolloutCell.id.in_(ids))
    ).all()
    return {row_id: f"{unit} · {function_name(key, name, locale)}" for row_id, unit, key, name in found}


def training_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return training rows' names (unit · audience) in the locale, by id, for the audit trail."""
    found = db.session.execute(
        select(TrainingSession.id, BusinessUnit.name, TrainingSession.audience)
        .join(BusinessUnit, BusinessUnit.id == TrainingSession.unit_id)
        .where(TrainingSession.id.in_(ids))
    ).all()
    return {row_id: f"{unit} · {label(audience, locale)}" for row_id, unit, audience in found}


def tier_policy_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return tier policies' names ("Tier A") in the locale, by id, for the audit trail."""
    found = db.session.execute(select(TierPolicy.id, TierPolicy.tier).where(TierPolicy.id.in_(ids))).all()
    return {row_id: label(tier, locale) for row_id, tier in found}
