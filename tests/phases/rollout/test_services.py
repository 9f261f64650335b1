"""Setting a rollout up and choosing its pilots: functions, scores, pilots all or nothing, the rules' ranges."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.errors_domain import RuleError
from core.extensions import db
from phases.audit import AuditEntry
from phases.projects.models import Project
from phases.rollout import services as rollout
from phases.rollout.models import RolloutFunction, RolloutProgramme, RolloutUnit
from tests.phases.rollout.world import actor, project_of

RULES = {
    "weight_typical": 3,
    "weight_management": 2,
    "weight_staff": 2,
    "weight_foundation": 3,
    "max_pilots_per_region": 1,
    "run_period_days": 90,
}


def test_only_group_clients_get_a_rollout(app, make_client, make_project, make_user) -> None:
    single = make_client("单体公司")
    project = make_project(single)
    consultant = make_user("consultant", clients=(single,))
    with app.app_context():
        with pytest.raises(RuleError):
            rollout.start_programme(db.session.get(Project, project.id), db.session.merge(consultant, load=False), "en")
        assert db.session.scalar(select(func.count(RolloutFunction.id))) == 0


def test_setting_up_names_the_suggested_functions_once(app, group) -> None:
    with app.app_context():
        names = list(db.session.scalars(select(RolloutFunction.name).order_by(RolloutFunction.position)))
        assert names == ["客户资料", "销售过程", "客户服务", "呼叫中心", "商业智能分析"]
        with pytest.raises(RuleError):
            rollout.start_programme(project_of(group), actor(group), "zh_Hans")
        with pytest.raises(RuleError):
            rollout.add_function(project_of(group), actor(group), "客户资料")
        rollout.add_function(project_of(group), actor(group), "营销活动")
        assert db.session.scalar(select(func.count(RolloutFunction.id))) == 6


def test_scores_are_saved_all_or_nothing(app, group) -> None:
    with app.app_context():
        shanghai, hangzhou = group["units"]["上海分公司"], group["units"]["杭州分公司"]
        with pytest.raises(RuleError):
            rollout.score_candidates(project_of(group), actor(group), {shanghai: (5, 5, 5, 5), hangzhou: (6, 1, 1, 1)})
        assert db.session.scalar(select(func.count(RolloutUnit.id))) == 0
        rollout.score_candidates(project_of(group), actor(group), {shanghai: (5, 5, 5, 5), hangzhou: (None, 3, 3, 3)})
        row = db.session.scalars(select(RolloutUnit).where(RolloutUnit.unit_id == hangzhou)).one()
        assert (row.score_typical, row.score_staff) == (None, 3)


def test_confirming_pilots_records_the_choice_and_the_scores(app, group) -> None:
    with app.app_context():
        units = group["units"]
        with pytest.raises(RuleError):
            rollout.confirm_pilots(project_of(group), actor(group), [], "")
        with pytest.raises(RuleError, match="Score"):  # 上海 is not scored yet
            rollout.confirm_pilots(project_of(group), actor(group), [units["上海分公司"]], "")
        # 上海 scores 4.5 with the default weights; 广州 is a core point of 华南, which a lone 上海 pilot leaves uncovered.
        rollout.score_candidates(
            project_of(group), actor(group), {units["上海分公司"]: (5, 5, 4, 4), units["广州分公司"]: (4, 4, 4, 4)}
        )
        with pytest.raises(RuleError) as refused:
            rollout.confirm_pilots(project_of(group), actor(group), [units["上海分公司"]], " ")
        assert refused.value.field == "note"
        assert db.session.scalar(select(func.count(RolloutUnit.id)).where(RolloutUnit.is_pilot.is_(True))) == 0
        rollout.confirm_pilots(project_of(group), actor(group), [units["上海分公司"]], "华南第二波再说")
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "pilot_chosen", AuditEntry.field == "score")
        ).one()
        assert (entry.entity_label, entry.new_value) == ("上海分公司", "4.50")
        assert db.session.scalar(select(RolloutUnit.is_pilot).where(RolloutUnit.unit_id == units["上海分公司"])) is True


def test_confirming_pilots_works_the_coverage_out_itself(app, group) -> None:
    with app.app_context():
        units = group["units"]
        rollout.score_candidates(project_of(group), actor(group), {unit_id: (4, 4, 4, 4) for unit_id in units.values()})
        # Both pilots are in 华东 (one allowed) and 华南 is left without one: the service finds it, nobody tells it.
        with pytest.raises(RuleError, match="coverage check") as refused:
            rollout.confirm_pilots(project_of(group), actor(group), [units["上海分公司"], units["杭州分公司"]], "")
        assert refused.value.field == "note"
        rollout.confirm_pilots(project_of(group), actor(group), [units["上海分公司"], units["广州分公司"]], "")
        assert db.session.scalar(select(func.count(RolloutUnit.id)).where(RolloutUnit.is_pilot.is_(True))) == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight_staff": 11}, "weight_staff", "Enter a whole number from 0 to 10."),
        ({"weight_typical": -1}, "weight_typical", "Enter a whole number from 0 to 10."),
        (
            {"weight_typical": 0, "weight_management": 0, "weight_staff": 0, "weight_foundation": 0},
            None,
            "At least one criterion needs a weight above 0.",
        ),
        ({"max_pilots_per_region": 0}, "max_pilots_per_region", "Enter a whole number from 1 to 20."),
        ({"max_pilots_per_region": 21}, "max_pilots_per_region", "Enter a whole number from 1 to 20."),
        ({"run_period_days": 6}, "run_period_days", "The run period is from 7 to 730 days."),
        ({"run_period_days": 731}, "run_period_days", "The run period is from 7 to 730 days."),
    ],
)
def test_the_rules_keep_to_their_ranges(app, group, changes, field, message) -> None:
    with app.app_context():
        with pytest.raises(RuleError) as refused:
            rollout.update_rules(project_of(group), actor(group), {**RULES, **changes})
        assert (refused.value.field, refused.value.message) == (field, message)
        programme = db.session.scalars(select(RolloutProgramme)).one()
        assert (programme.weights, programme.run_period_days) == ((3, 2, 2, 3), 90)


def test_rules_at_the_ends_of_their_ranges_are_saved(app, group) -> None:
    with app.app_context():
        rollout.update_rules(
            project_of(group),
            actor(group),
            {**RULES, "weight_staff": 0, "weight_typical": 10, "max_pilots_per_region": 20, "run_period_days": 7},
        )
        programme = db.session.scalars(select(RolloutProgramme)).one()
        assert (programme.weights, programme.max_pilots_per_region, programme.run_period_days) == ((10, 2, 0, 3), 20, 7)
