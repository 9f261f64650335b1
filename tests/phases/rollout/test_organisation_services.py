"""Organising a rollout: waves and tiers, the supervision team, and the training plan with its ranges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.errors_domain import RuleError
from core.extensions import db
from phases.rollout import organisation_services
from phases.rollout.enums import SupervisorRole, UnitTier
from phases.rollout.models import RolloutUnit, TrainingSession
from tests.phases.rollout.world import (
    TODAY,
    actor,
    cell_record,
    choose_pilots,
    project_of,
)


def test_waves_tiers_and_the_supervision_team(app, group) -> None:
    with app.app_context():
        project, consultant, units = project_of(group), actor(group), group["units"]
        choose_pilots(group, "上海分公司")
        wave = organisation_services.add_wave(project, consultant, "第一波", TODAY, TODAY + timedelta(days=60))
        with pytest.raises(RuleError, match="pilot unit"):
            organisation_services.place_units(
                project,
                consultant,
                {units["广州分公司"]: (wave.id, UnitTier.A), units["上海分公司"]: (wave.id, UnitTier.A)},
            )
        assert db.session.scalar(select(RolloutUnit.tier).where(RolloutUnit.unit_id == units["广州分公司"])) is None
        organisation_services.place_units(
            project,
            consultant,
            {units["广州分公司"]: (wave.id, UnitTier.A), units["深圳分公司"]: (wave.id, UnitTier.B)},
        )
        assert organisation_services.plan_wave_dates(project, consultant, wave, list(group["functions"].values())) == 10
        assert organisation_services.plan_wave_dates(project, consultant, wave, list(group["functions"].values())) == 0
        assert cell_record(group, "深圳分公司", "bi").planned_live == TODAY + timedelta(days=60)
        with pytest.raises(RuleError) as refused:
            organisation_services.add_supervisor(
                project, consultant, actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "", ["华东", "华南"]
            )
        assert refused.value.field == "region"
        organisation_services.add_supervisor(
            project, consultant, actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "华南", ["华东", "华南"]
        )
        with pytest.raises(RuleError):
            organisation_services.add_supervisor(
                project, consultant, actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "华南", ["华东", "华南"]
            )
        with pytest.raises(RuleError):
            organisation_services.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "", " ")
        organisation_services.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "奖金 15%", "延期说明")
        organisation_services.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "奖金 20%", "延期说明")
        added = organisation_services.plan_training(project, consultant, [(units["广州分公司"], "华南", 360)], TODAY)
        assert added == 5
        assert (
            organisation_services.plan_training(project, consultant, [(units["广州分公司"], "华南", 360)], TODAY) == 0
        )
        sales = db.session.scalars(select(TrainingSession).where(TrainingSession.audience == "sales")).one()
        assert (sales.participants, sales.sessions, sales.trainer_id) == (126, 6, group["member"].id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"participants": 0}, "participants"),
        ({"participants": 100_001}, "participants"),
        ({"sessions": 0}, "sessions"),
        ({"sessions": 1_001}, "sessions"),
        ({"done_on": TODAY + timedelta(days=3)}, "done_on"),
    ],
)
def test_a_training_row_keeps_to_its_ranges(app, group, changes, field) -> None:
    with app.app_context():
        organisation_services.plan_training(
            project_of(group), actor(group), [(group["units"]["广州分公司"], "华南", 40)], TODAY
        )
        row = db.session.scalars(select(TrainingSession).where(TrainingSession.audience == "sales")).one()
        values = {"participants": 12, "sessions": 2, "planned_date": TODAY, "done_on": None, "trainer_id": None}
        with pytest.raises(RuleError) as refused:
            organisation_services.update_training(row, actor(group), {**values, **changes})
        assert refused.value.field == field
        organisation_services.update_training(row, actor(group), values)
        assert (row.participants, row.sessions) == (12, 2)
