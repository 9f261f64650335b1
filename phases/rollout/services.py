"""Writes that set a group rollout up and choose its pilots: programme, functions, rules, scores and pilots."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import gettext as _
from sqlalchemy import func, select

from accounts.models import User
from core.content import localized
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from phases import audit
from phases.projects.models import Project
from phases.rollout.matrix import (
    CRITERIA,
    PILOTING_STAGES,
    PILOTS_PER_REGION_RANGE,
    RUN_PERIOD_DAYS_RANGE,
    SCORE_RANGE,
    WEIGHT_RANGE,
    PilotRefusal,
    pilot_choice_refusal,
)
from phases.rollout.messages import pilot_refusal_message
from phases.rollout.models import (
    SCORE_FIELDS,
    WEIGHT_FIELDS,
    RolloutCell,
    RolloutFunction,
    RolloutProgramme,
    RolloutUnit,
)
from phases.rollout.read_model import ranked_candidates, unit_rows
from phases.rollout.records import placement_of, require_programme, require_unit
from phases.rollout.settings import rollout_content

# ---- programme and functions --------------------------------------------------------------------------------------


def start_programme(project: Project, actor: User, locale: str) -> RolloutProgramme:
    """Set up the rollout of a group project, with the suggested functions named in the project's language."""
    if not project.client.is_group:
        raise RuleError(_("A rollout matrix is for group clients with several units."))
    if db.session.scalar(select(RolloutProgramme.id).where(RolloutProgramme.project_id == project.id)):
        raise RuleError(_("This project already has a rollout."))
    with write_transaction():
        programme = RolloutProgramme(project_id=project.id, client_id=project.client_id)
        db.session.add(programme)
        for position, item in enumerate(rollout_content()["functions"], start=1):
            db.session.add(
                RolloutFunction(
                    project_id=project.id,
                    client_id=project.client_id,
                    position=position,
                    template_key=item["key"],
                    name=localized(item["name"], locale),
                )
            )
        db.session.flush()
        audit.record(project.id, project.client_id, actor, "rollout", programme.id, project.name, "created")
    return programme


def add_function(project: Project, actor: User, name: str) -> RolloutFunction:
    """Add a function (a matrix column) to the rollout."""
    require_programme(project)
    name = name.strip()
    if not name:
        raise RuleError(_("This field is required."), field="name")
    if db.session.scalar(
        select(RolloutFunction.id).where(RolloutFunction.project_id == project.id, RolloutFunction.name == name)
    ):
        raise RuleError(_("The rollout already has a function with this name."), field="name")
    position = (
        db.session.scalar(select(func.max(RolloutFunction.position)).where(RolloutFunction.project_id == project.id))
        or 0
    ) + 1
    with write_transaction():
        function = RolloutFunction(project_id=project.id, client_id=project.client_id, position=position, name=name)
        audit.add_created(function, actor, "rollout_function", name)
    return function


def update_rules(project: Project, actor: User, values: Mapping[str, int]) -> None:
    """Change the pilot criteria weights, the pilots allowed per region and the run period before evaluation."""
    programme = require_programme(project)
    _check_rules(values)
    with write_transaction():
        changes = audit.apply_changes(programme, dict(values))
        audit.record(project.id, project.client_id, actor, "rollout", programme.id, project.name, "updated", changes)


def _check_rules(values: Mapping[str, int]) -> None:
    """Refuse rules out of their ranges, naming the field (the form shows these ranges as the inputs' bounds)."""
    for name in WEIGHT_FIELDS:
        if values[name] not in WEIGHT_RANGE:
            raise RuleError(_("Enter a whole number from 0 to 10."), field=name)
    if sum(values[name] for name in WEIGHT_FIELDS) == 0:
        raise RuleError(_("At least one criterion needs a weight above 0."))
    if values["max_pilots_per_region"] not in PILOTS_PER_REGION_RANGE:
        raise RuleError(_("Enter a whole number from 1 to 20."), field="max_pilots_per_region")
    if values["run_period_days"] not in RUN_PERIOD_DAYS_RANGE:
        raise RuleError(_("The run period is from 7 to 730 days."), field="run_period_days")


# ---- pilot selection ----------------------------------------------------------------------------------------------


def score_candidates(project: Project, actor: User, scores: Mapping[int, Sequence[int | None]]) -> None:
    """Record the four criterion scores of candidate units (all or nothing; empty means not scored)."""
    require_programme(project)
    for unit_id, unit_scores in scores.items():
        require_unit(project, unit_id)
        if len(unit_scores) != len(CRITERIA):
            raise RuleError(_("Score every criterion."))
        if any(score is not None and score not in SCORE_RANGE for score in unit_scores):
            raise RuleError(_("Scores run from 1 (weak) to 5 (strong)."))
    with write_transaction():
        for unit_id, unit_scores in scores.items():
            row = placement_of(project, unit_id)
            changes = audit.apply_changes(row, dict(zip(SCORE_FIELDS, unit_scores)))
            audit.record(project.id, project.client_id, actor, "rollout_unit", row.id, row.unit.name, "scored", changes)


def confirm_pilots(project: Project, actor: User, unit_ids: Sequence[int], note: str) -> None:
    """Confirm the pilot units; the choice, their scores and the reason for any coverage warning are recorded.

    The scores and the coverage check are worked out here from the recorded scores, not taken from the caller.
    """
    programme = require_programme(project)
    chosen = set(unit_ids)
    for unit_id in chosen:
        require_unit(project, unit_id)
    ranked = ranked_candidates(unit_rows(project), programme.weights)
    piloting = set(
        db.session.scalars(
            select(RolloutCell.unit_id).where(
                RolloutCell.project_id == project.id, RolloutCell.stage.in_(PILOTING_STAGES)
            )
        )
    )
    refusal = pilot_choice_refusal(ranked, chosen, programme.max_pilots_per_region, note, piloting)
    if refusal is not None:
        explain = refusal is PilotRefusal.COVERAGE_UNEXPLAINED  # the reason goes in the note
        raise RuleError(pilot_refusal_message(refusal), field="note" if explain else None)
    scores = {candidate.unit_id: candidate.score for candidate in ranked}
    current = set(
        db.session.scalars(
            select(RolloutUnit.unit_id).where(RolloutUnit.project_id == project.id, RolloutUnit.is_pilot.is_(True))
        )
    )
    with write_transaction():
        for unit_id in chosen | current:
            row = placement_of(project, unit_id)
            pilot = unit_id in chosen
            if row.is_pilot != pilot:
                score = scores.get(unit_id)
                audit.record(
                    project.id,
                    project.client_id,
                    actor,
                    "rollout_unit",
                    row.id,
                    row.unit.name,
                    "pilot_chosen" if pilot else "pilot_dropped",
                    {"is_pilot": (row.is_pilot, pilot), "score": ("", "" if score is None else f"{score:.2f}")},
                )
                row.is_pilot = pilot
                if pilot:
                    row.wave_id = None  # a pilot models the template; waves take it over afterwards
        programme.pilots_confirmed_at = utcnow()
        programme.pilots_confirmed_by_id = actor.id
        programme.pilot_note = note.strip()
        audit.record(
            project.id,
            project.client_id,
            actor,
            "rollout",
            programme.id,
            project.name,
            "pilots_confirmed",
            {"pilot_note": ("", note.strip())} if note.strip() else None,
        )
