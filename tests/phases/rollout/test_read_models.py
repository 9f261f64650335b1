"""The rollout pages' read models are frozen and hold no database records, however far down one looks."""

from __future__ import annotations

from datetime import timedelta

from phases.projects import services as project_services
from phases.rollout import cell_services, organisation_services
from phases.rollout.cell_view import cell_view
from phases.rollout.enums import CellStage, SupervisorRole, UnitTier
from phases.rollout.matrix_view import matrix_view
from phases.rollout.organisation_view import organisation_view
from phases.rollout.pilot_view import pilot_view
from phases.rollout.read_model import load_rollout
from tests.phases.rollout.world import TODAY, actor, project_of, roll_out_customer_data
from tests.read_models import assert_frozen_and_orm_free


def test_every_rollout_page_reads_a_frozen_orm_free_view(app, group) -> None:
    with app.app_context():
        roll_out_customer_data(group)
        project, consultant, units = project_of(group), actor(group), group["units"]
        function = group["functions"]["customer_data"]
        cell_services.request_deviation(project, consultant, units["广州分公司"], function, "加字段", "华南")
        organisation_services.add_supervisor(project, consultant, actor(group, "sponsor"), SupervisorRole.LEAD, "", [])
        organisation_services.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "奖金", "")
        organisation_services.plan_training(project, consultant, [(units["广州分公司"], "华南", 40)], TODAY)
        went_live = TODAY - timedelta(days=100)  # past the run period: the pilot may be evaluated
        cell_services.move_cell(project, consultant, units["上海分公司"], function, CellStage.LIVE, went_live)
        cell_services.record_evaluation(project, consultant, units["上海分公司"], function, 4, "", "改进", TODAY)
        project_services.add_milestone(
            project.phases[2], consultant, "广州上线", consultant.id, TODAY, unit_id=units["广州分公司"]
        )
    with app.test_request_context():
        project = project_of(group)
        rollout = load_rollout(project, "en")
        unit, function = (
            rollout.unit(group["units"]["上海分公司"]),
            rollout.function(group["functions"]["customer_data"]),
        )
        views = [
            rollout,
            matrix_view(rollout, TODAY),
            pilot_view(rollout, "en"),
            organisation_view(rollout),
            cell_view(rollout, unit, function, TODAY),
        ]
        for view in views:
            assert_frozen_and_orm_free(view, type(view).__name__)
        matrix, cell = views[1], views[4]
        assert matrix.deviations and matrix.unit_milestones and cell.evaluations and views[3].training
