"""One cell's rules: no rollout before the pilot's template, evaluation after the run period, approved deviations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors_domain import RuleError
from core.extensions import db
from phases.rollout import cell_services, organisation_services
from phases.rollout.enums import CellStage, DeviationStatus, SupervisorRole
from phases.rollout.models import Deviation
from tests.phases.rollout.world import (
    TODAY,
    actor,
    cell_record,
    choose_pilots,
    project_of,
    roll_out_customer_data,
)


def test_a_function_cannot_roll_out_before_its_pilot_produced_a_template(app, group) -> None:
    with app.app_context():
        choose_pilots(group, "上海分公司")
        project, consultant, units, functions = project_of(group), actor(group), group["units"], group["functions"]
        with pytest.raises(RuleError, match="no template yet"):
            cell_services.move_cell(
                project, consultant, units["广州分公司"], functions["customer_data"], CellStage.ROLLING_OUT, TODAY
            )
        assert cell_record(group, "广州分公司", "customer_data") is None  # the refusal changed nothing
        with pytest.raises(RuleError, match="pilot"):
            cell_services.move_cell(
                project, consultant, units["广州分公司"], functions["customer_data"], CellStage.PILOT, TODAY
            )
        cell_services.move_cell(
            project, consultant, units["上海分公司"], functions["customer_data"], CellStage.PILOT, TODAY
        )
        with pytest.raises(RuleError) as refused:
            cell_services.move_cell(
                project,
                consultant,
                units["上海分公司"],
                functions["customer_data"],
                CellStage.TEMPLATE_READY,
                TODAY,
                "  ",
            )
        assert refused.value.field == "template_reference"
        assert cell_record(group, "上海分公司", "customer_data").stage is CellStage.PILOT
        cell_services.move_cell(
            project,
            consultant,
            units["上海分公司"],
            functions["customer_data"],
            CellStage.TEMPLATE_READY,
            TODAY,
            "客户资料模板 v1",
        )
        cell_services.move_cell(
            project, consultant, units["广州分公司"], functions["customer_data"], CellStage.ROLLING_OUT, TODAY
        )
        cell = cell_record(group, "广州分公司", "customer_data")
        assert (cell.stage, cell.actual_start) == (CellStage.ROLLING_OUT, TODAY)
        with pytest.raises(RuleError, match="no template yet"):  # the other functions still wait for theirs
            cell_services.move_cell(
                project, consultant, units["广州分公司"], functions["service"], CellStage.ROLLING_OUT, TODAY
            )


def test_a_unit_is_evaluated_after_its_run_period_and_then_optimises(app, group) -> None:
    with app.app_context():
        choose_pilots(group, "上海分公司")
        project, consultant = project_of(group), actor(group)
        unit, function = group["units"]["上海分公司"], group["functions"]["customer_data"]
        went_live = TODAY - timedelta(days=30)
        for stage in (CellStage.PILOT, CellStage.TEMPLATE_READY, CellStage.LIVE):
            cell_services.move_cell(project, consultant, unit, function, stage, went_live, "模板 v1")
        with pytest.raises(RuleError, match="optimising"):
            cell_services.move_cell(project, consultant, unit, function, CellStage.OPTIMISING, TODAY)
        with pytest.raises(RuleError, match="run period ends"):
            cell_services.record_evaluation(project, consultant, unit, function, 4, "", "改进拜访记录", TODAY)
        later = went_live + timedelta(days=90)
        with pytest.raises(RuleError) as refused:
            cell_services.record_evaluation(project, consultant, unit, function, 4, "", " ", later)
        assert refused.value.field == "actions"
        cell_services.record_evaluation(project, consultant, unit, function, 4, "查重有效", "改进拜访记录", later)
        assert cell_record(group, "上海分公司", "customer_data").stage is CellStage.OPTIMISING


def test_a_personalisation_is_a_deviation_the_supervision_team_approves(app, group) -> None:
    with app.app_context():
        project, units, functions = project_of(group), group["units"], group["functions"]
        roll_out_customer_data(group)
        with pytest.raises(RuleError, match="rolling the template out"):
            cell_services.request_deviation(
                project, actor(group, "member"), units["深圳分公司"], functions["customer_data"], "加字段", "经销商"
            )
        with pytest.raises(RuleError) as refused:
            cell_services.request_deviation(
                project, actor(group, "member"), units["广州分公司"], functions["customer_data"], "加字段", ""
            )
        assert refused.value.field == "reason"
        deviation = cell_services.request_deviation(
            project,
            actor(group, "member"),
            units["广州分公司"],
            functions["customer_data"],
            "增加经销商等级字段",
            "华南按等级返利",
        )
        record = db.session.get(Deviation, deviation.id)
        with pytest.raises(RuleError, match="supervision team"):
            cell_services.decide_deviation(record, actor(group, "sponsor"), True, "")
        assert record.status is DeviationStatus.PROPOSED
        organisation_services.add_supervisor(
            project, actor(group), actor(group, "sponsor"), SupervisorRole.LEAD, "", ["华东", "华南"]
        )
        with pytest.raises(RuleError) as refused:
            cell_services.decide_deviation(record, actor(group, "sponsor"), False, "")
        assert refused.value.field == "note"
        cell_services.decide_deviation(record, actor(group, "sponsor"), True, "同意")
        assert (record.status, record.decided_by_id) == (DeviationStatus.APPROVED, group["sponsor"].id)
        with pytest.raises(RuleError, match="already"):
            cell_services.decide_deviation(record, actor(group, "sponsor"), False, "改主意")
