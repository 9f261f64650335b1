"""Group rollout: set-up, pilot selection, stage rules, deviations, evaluations, waves, training, access and page cost."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core.errors_domain import RuleError
from core.extensions import db
from core.profiling import count_queries
from phases.rollout import services as rollout
from phases.rollout.enums import CellStage, DeviationStatus, SupervisorRole, UnitTier
from phases.audit import AuditEntry
from phases.projects.models import Milestone, Project
from phases.rollout.models import Deviation, RolloutCell, RolloutFunction, RolloutUnit, TrainingSession

UNITS = [("上海分公司", "华东", 420), ("杭州分公司", "华东", 180), ("广州分公司", "华南", 360), ("深圳分公司", "华南", 240)]
TODAY = date.today()


@pytest.fixture
def group(app, make_client, make_user, make_project):
    """A group client with four units in two regions, a project with its rollout set up, and its people."""
    from accounts import services as account_services
    from accounts.models import BusinessUnit

    company = make_client("鼎盛集团", is_group=True)
    consultant = make_user("consultant", clients=(company,), name="陈顾问")
    sponsor = make_user("sponsor", client=company, name="周总")
    member = make_user("member", client=company, name="黄经理")
    project = make_project(company, name="集团推广")
    with app.app_context():
        for name, region, headcount in UNITS:
            account_services.add_unit(db.session.merge(company, load=False), name, region, headcount)
        units = {unit.name: unit.id for unit in db.session.scalars(select(BusinessUnit))}
        record = db.session.get(Project, project.id)
        rollout.start_programme(record, db.session.merge(consultant, load=False), "zh_Hans")
        functions = {function.template_key: function.id for function in db.session.scalars(select(RolloutFunction))}
    return {"client": company, "consultant": consultant, "sponsor": sponsor, "member": member, "project": project.id,
            "units": units, "functions": functions}


def _project(world) -> Project:
    return db.session.get(Project, world["project"])


def _actor(world, who: str = "consultant"):
    from accounts.models import User

    return db.session.get(User, world[who].id)


def _pilot(world, *names: str) -> None:
    """Score every unit and confirm the named pilots."""
    scores = {world["units"][name]: (5, 5, 4, 4) if name in names else (3, 3, 3, 3) for name, _r, _h in UNITS}
    rollout.score_candidates(_project(world), _actor(world), scores)
    rollout.confirm_pilots(_project(world), _actor(world), [world["units"][name] for name in names], "试点理由",
                           {unit_id: 4.0 for unit_id in scores}, 0)


def _cell(world, unit: str, function: str) -> RolloutCell | None:
    return db.session.scalars(select(RolloutCell).where(RolloutCell.unit_id == world["units"][unit],
                                                        RolloutCell.function_id == world["functions"][function])).first()


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
            rollout.start_programme(_project(group), _actor(group), "zh_Hans")
        with pytest.raises(RuleError):
            rollout.add_function(_project(group), _actor(group), "客户资料")
        rollout.add_function(_project(group), _actor(group), "营销活动")
        assert db.session.scalar(select(func.count(RolloutFunction.id))) == 6


def test_scores_are_saved_all_or_nothing(app, group) -> None:
    with app.app_context():
        shanghai, hangzhou = group["units"]["上海分公司"], group["units"]["杭州分公司"]
        with pytest.raises(RuleError):
            rollout.score_candidates(_project(group), _actor(group), {shanghai: (5, 5, 5, 5), hangzhou: (6, 1, 1, 1)})
        assert db.session.scalar(select(func.count(RolloutUnit.id))) == 0
        rollout.score_candidates(_project(group), _actor(group), {shanghai: (5, 5, 5, 5), hangzhou: (None, 3, 3, 3)})
        row = db.session.scalars(select(RolloutUnit).where(RolloutUnit.unit_id == hangzhou)).one()
        assert (row.score_typical, row.score_staff) == (None, 3)


def test_confirming_pilots_records_the_choice_and_the_scores(app, group) -> None:
    with app.app_context():
        units = group["units"]
        with pytest.raises(RuleError):
            rollout.confirm_pilots(_project(group), _actor(group), [], "", {}, 0)
        with pytest.raises(RuleError, match="Score"):
            rollout.confirm_pilots(_project(group), _actor(group), [units["上海分公司"]], "", {units["上海分公司"]: None}, 0)
        with pytest.raises(RuleError) as refused:
            rollout.confirm_pilots(_project(group), _actor(group), [units["上海分公司"]], " ", {units["上海分公司"]: 4.5}, 1)
        assert refused.value.field == "note"
        rollout.confirm_pilots(_project(group), _actor(group), [units["上海分公司"]], "华南第二波再说",
                               {units["上海分公司"]: 4.5}, 1)
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "pilot_chosen",
                                                            AuditEntry.field == "score")).one()
        assert (entry.entity_label, entry.new_value) == ("上海分公司", "4.50")
        assert db.session.scalar(select(RolloutUnit.is_pilot).where(RolloutUnit.unit_id == units["上海分公司"])) is True


def test_a_function_cannot_roll_out_before_its_pilot_produced_a_template(app, group) -> None:
    with app.app_context():
        _pilot(group, "上海分公司")
        project, consultant, units, functions = _project(group), _actor(group), group["units"], group["functions"]
        with pytest.raises(RuleError, match="no template yet"):
            rollout.move_cell(project, consultant, units["广州分公司"], functions["customer_data"], CellStage.ROLLING_OUT, TODAY)
        assert _cell(group, "广州分公司", "customer_data") is None  # the refusal changed nothing
        with pytest.raises(RuleError, match="pilot"):
            rollout.move_cell(project, consultant, units["广州分公司"], functions["customer_data"], CellStage.PILOT, TODAY)
        rollout.move_cell(project, consultant, units["上海分公司"], functions["customer_data"], CellStage.PILOT, TODAY)
        with pytest.raises(RuleError) as refused:
            rollout.move_cell(project, consultant, units["上海分公司"], functions["customer_data"], CellStage.TEMPLATE_READY,
                              TODAY, "  ")
        assert refused.value.field == "template_reference"
        assert _cell(group, "上海分公司", "customer_data").stage is CellStage.PILOT
        rollout.move_cell(project, consultant, units["上海分公司"], functions["customer_data"], CellStage.TEMPLATE_READY,
                          TODAY, "客户资料模板 v1")
        rollout.move_cell(project, consultant, units["广州分公司"], functions["customer_data"], CellStage.ROLLING_OUT, TODAY)
        cell = _cell(group, "广州分公司", "customer_data")
        assert (cell.stage, cell.actual_start) == (CellStage.ROLLING_OUT, TODAY)
        with pytest.raises(RuleError, match="no template yet"):  # the other functions still wait for theirs
            rollout.move_cell(project, consultant, units["广州分公司"], functions["service"], CellStage.ROLLING_OUT, TODAY)


def test_a_unit_is_evaluated_after_its_run_period_and_then_optimises(app, group) -> None:
    with app.app_context():
        _pilot(group, "上海分公司")
        project, consultant = _project(group), _actor(group)
        unit, function = group["units"]["上海分公司"], group["functions"]["customer_data"]
        went_live = TODAY - timedelta(days=30)
        for stage in (CellStage.PILOT, CellStage.TEMPLATE_READY, CellStage.LIVE):
            rollout.move_cell(project, consultant, unit, function, stage, went_live, "模板 v1")
        with pytest.raises(RuleError, match="optimising"):
            rollout.move_cell(project, consultant, unit, function, CellStage.OPTIMISING, TODAY)
        with pytest.raises(RuleError, match="run period ends"):
            rollout.record_evaluation(project, consultant, unit, function, 4, "", "改进拜访记录", TODAY)
        later = went_live + timedelta(days=90)
        with pytest.raises(RuleError) as refused:
            rollout.record_evaluation(project, consultant, unit, function, 4, "", " ", later)
        assert refused.value.field == "actions"
        rollout.record_evaluation(project, consultant, unit, function, 4, "查重有效", "改进拜访记录", later)
        assert _cell(group, "上海分公司", "customer_data").stage is CellStage.OPTIMISING


def _rolling_out(world) -> None:
    _pilot(world, "上海分公司")
    project, consultant, units, functions = _project(world), _actor(world), world["units"], world["functions"]
    rollout.move_cell(project, consultant, units["上海分公司"], functions["customer_data"], CellStage.PILOT, TODAY)
    rollout.move_cell(project, consultant, units["上海分公司"], functions["customer_data"], CellStage.TEMPLATE_READY, TODAY, "v1")
    rollout.move_cell(project, consultant, units["广州分公司"], functions["customer_data"], CellStage.ROLLING_OUT, TODAY)


def test_a_personalisation_is_a_deviation_the_supervision_team_approves(app, group) -> None:
    with app.app_context():
        project, units, functions = _project(group), group["units"], group["functions"]
        _rolling_out(group)
        with pytest.raises(RuleError, match="rolling the template out"):
            rollout.request_deviation(project, _actor(group, "member"), units["深圳分公司"], functions["customer_data"],
                                      "加字段", "经销商")
        with pytest.raises(RuleError) as refused:
            rollout.request_deviation(project, _actor(group, "member"), units["广州分公司"], functions["customer_data"], "加字段", "")
        assert refused.value.field == "reason"
        deviation = rollout.request_deviation(project, _actor(group, "member"), units["广州分公司"],
                                              functions["customer_data"], "增加经销商等级字段", "华南按等级返利")
        record = db.session.get(Deviation, deviation.id)
        with pytest.raises(RuleError, match="supervision team"):
            rollout.decide_deviation(record, _actor(group, "sponsor"), True, "")
        assert record.status is DeviationStatus.PROPOSED
        rollout.add_supervisor(project, _actor(group), _actor(group, "sponsor"), SupervisorRole.LEAD, "", ["华东", "华南"])
        with pytest.raises(RuleError) as refused:
            rollout.decide_deviation(record, _actor(group, "sponsor"), False, "")
        assert refused.value.field == "note"
        rollout.decide_deviation(record, _actor(group, "sponsor"), True, "同意")
        assert (record.status, record.decided_by_id) == (DeviationStatus.APPROVED, group["sponsor"].id)
        with pytest.raises(RuleError, match="already"):
            rollout.decide_deviation(record, _actor(group, "sponsor"), False, "改主意")


def test_waves_tiers_and_the_supervision_team(app, group) -> None:
    with app.app_context():
        project, consultant, units = _project(group), _actor(group), group["units"]
        _pilot(group, "上海分公司")
        wave = rollout.add_wave(project, consultant, "第一波", TODAY, TODAY + timedelta(days=60))
        with pytest.raises(RuleError, match="pilot unit"):
            rollout.place_units(project, consultant, {units["广州分公司"]: (wave.id, UnitTier.A),
                                                      units["上海分公司"]: (wave.id, UnitTier.A)})
        assert db.session.scalar(select(RolloutUnit.tier).where(RolloutUnit.unit_id == units["广州分公司"])) is None
        rollout.place_units(project, consultant, {units["广州分公司"]: (wave.id, UnitTier.A), units["深圳分公司"]: (wave.id, UnitTier.B)})
        assert rollout.plan_wave_dates(project, consultant, wave, list(group["functions"].values())) == 10
        assert rollout.plan_wave_dates(project, consultant, wave, list(group["functions"].values())) == 0
        assert _cell(group, "深圳分公司", "bi").planned_live == TODAY + timedelta(days=60)
        with pytest.raises(RuleError) as refused:
            rollout.add_supervisor(project, consultant, _actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "", ["华东", "华南"])
        assert refused.value.field == "region"
        rollout.add_supervisor(project, consultant, _actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "华南", ["华东", "华南"])
        with pytest.raises(RuleError):
            rollout.add_supervisor(project, consultant, _actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "华南", ["华东", "华南"])
        with pytest.raises(RuleError):
            rollout.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "", " ")
        rollout.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "奖金 15%", "延期说明")
        rollout.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "奖金 20%", "延期说明")
        added = rollout.plan_training(project, consultant, [(units["广州分公司"], "华南", 360)], TODAY)
        assert added == 5
        assert rollout.plan_training(project, consultant, [(units["广州分公司"], "华南", 360)], TODAY) == 0
        sales = db.session.scalars(select(TrainingSession).where(TrainingSession.audience == "sales")).one()
        assert (sales.participants, sales.sessions, sales.trainer_id) == (126, 6, group["member"].id)


# ---- pages --------------------------------------------------------------------------------------------------------


def _urls(world) -> list[str]:
    project, unit, function = world["project"], world["units"]["广州分公司"], world["functions"]["customer_data"]
    return [f"/projects/{project}/rollout", f"/projects/{project}/rollout/pilots", f"/projects/{project}/rollout/organisation",
            f"/projects/{project}/rollout/units/{unit}/functions/{function}"]


def test_the_matrix_page_shows_heatmap_progress_and_late_units(app, client, login, group) -> None:
    with app.app_context():
        _rolling_out(group)
        rollout.plan_cell(_project(group), _actor(group), group["units"]["深圳分公司"], group["functions"]["customer_data"],
                          TODAY - timedelta(days=20), TODAY - timedelta(days=3))
    login(group["sponsor"])
    page = client.get(f"/projects/{group['project']}/rollout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<svg" in page and 'stroke="#c0392b"' in page  # the late cell is outlined
    assert f"/rollout/units/{group['units']['广州分公司']}/functions/{group['functions']['customer_data']}" in page
    assert "深圳分公司 · Customer data: Not started" in page
    assert "Rolling out" in page and "Late units" in page
    for url in _urls(group):
        assert client.get(url).status_code == 200, url


def test_moving_a_cell_through_the_page_refuses_an_early_rollout(app, client, login, group) -> None:
    with app.app_context():
        _pilot(group, "上海分公司")
    login(group["consultant"])
    unit, function = group["units"]["广州分公司"], group["functions"]["customer_data"]
    url = f"/projects/{group['project']}/rollout/units/{unit}/functions/{function}"
    response = client.post(f"{url}/move", data={"target": "rolling_out"}, headers={"Accept-Language": "zh-CN"},
                           follow_redirects=True)
    assert "还没有模板" in response.get_data(as_text=True)
    with app.app_context():
        assert _cell(group, "广州分公司", "customer_data") is None
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Rolling out: “Customer data” has no template yet" in page  # the page says why before anyone tries
    assert "Pilot: Only a confirmed pilot unit can pilot a function." in page


def test_scores_and_pilots_through_the_pages(app, client, login, group) -> None:
    login(group["consultant"])
    base = f"/projects/{group['project']}/rollout/pilots"
    form = {f"score-{unit_id}-{criterion}": "4" for unit_id in group["units"].values()
            for criterion in ("typical", "management", "staff", "foundation")}
    bad = {**form, f"score-{group['units']['上海分公司']}-staff": "x"}
    page = client.post(f"{base}/scores", data=bad, headers={"Accept-Language": "en"}, follow_redirects=True).get_data(as_text=True)
    assert "Scores run from 1 (weak) to 5 (strong)." in page
    form[f"score-{group['units']['上海分公司']}-typical"] = "5"
    client.post(f"{base}/scores", data=form)
    page = client.get(base, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "4.30" in page and "Proposed" in page
    shanghai = group["units"]["上海分公司"]
    page = client.post(f"{base}/confirm", data={"pilot": [shanghai], "note": ""}, headers={"Accept-Language": "en"},
                       follow_redirects=True).get_data(as_text=True)
    assert "The coverage check has warnings" in page  # 华南 has a core point (广州) but no pilot
    with app.app_context():
        assert db.session.scalar(select(func.count(RolloutUnit.id)).where(RolloutUnit.is_pilot.is_(True))) == 0
    client.post(f"{base}/confirm", data={"pilot": [shanghai], "note": "华南在第一波带头"})
    page = client.get(base, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "华南 has core points but no pilot." in page and "华南在第一波带头" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(RolloutUnit.id)).where(RolloutUnit.is_pilot.is_(True))) == 1


def test_who_may_do_what(app, client, login, group) -> None:
    with app.app_context():
        _rolling_out(group)
    unit, function = group["units"]["广州分公司"], group["functions"]["customer_data"]
    cell = f"/projects/{group['project']}/rollout/units/{unit}/functions/{function}"
    login(group["member"])
    assert client.post(f"{cell}/move", data={"target": "live"}).status_code == 403
    assert client.post(f"/projects/{group['project']}/rollout/waves", data={"name": "X"}).status_code == 403
    assert client.post(f"{cell}/deviations", data={"description": "加字段", "reason": "华南"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Deviation.id))) == 1
        rollout.add_supervisor(_project(group), _actor(group), _actor(group, "member"), SupervisorRole.REGIONAL_LEAD, "华南",
                               ["华东", "华南"])
    assert client.post(f"{cell}/move", data={"target": "live"}).status_code == 302  # a regional lead runs the rollout
    with app.app_context():
        assert _cell(group, "广州分公司", "customer_data").stage is CellStage.LIVE


def test_users_of_another_client_get_404_on_every_rollout_page(app, client, login, make_client, make_user, group) -> None:
    with app.app_context():
        _rolling_out(group)
        deviation = rollout.request_deviation(_project(group), _actor(group), group["units"]["广州分公司"],
                                              group["functions"]["customer_data"], "加字段", "华南").id
        rollout.plan_training(_project(group), _actor(group), [(group["units"]["广州分公司"], "华南", 10)], None)
        training = db.session.scalar(select(TrainingSession.id))
    other = make_client("乙公司", is_group=True)
    for who in (make_user("sponsor", client=other), make_user("consultant", clients=(other,))):
        login(who)
        for url in _urls(group) + [f"/training/{training}"]:
            assert client.get(url).status_code == 404, url
        assert client.post(f"/deviations/{deviation}/decision", data={"decision": "approve"}).status_code == 404
        assert client.post(f"{_urls(group)[3]}/move", data={"target": "live"}).status_code in (403, 404)
        client.post("/logout")


def test_a_unit_milestone_is_added_from_the_matrix_page(app, client, login, group) -> None:
    login(group["consultant"])
    with app.app_context():
        phase_id = _project(group).phases[2].id
    response = client.post(f"/projects/{group['project']}/rollout/milestones", data={
        "unit_id": group["units"]["广州分公司"], "phase_id": phase_id, "name": "广州上线", "owner_id": 0,
        "planned_date": (TODAY - timedelta(days=2)).isoformat()})
    assert response.status_code == 302
    page = client.get(f"/projects/{group['project']}/rollout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "广州上线" in page and "Overdue" in page
    with app.app_context():
        assert db.session.scalar(select(Milestone.unit_id).where(Milestone.name == "广州上线")) == group["units"]["广州分公司"]


def test_the_matrix_page_costs_the_same_queries_for_more_units(app, client, login, group) -> None:
    from accounts import services as account_services
    from accounts.models import Client

    login(group["consultant"])
    url = f"/projects/{group['project']}/rollout"

    def queries() -> int:
        with app.app_context():
            engine = db.engine
        with count_queries(engine) as log:
            assert client.get(url).status_code == 200
        return log.count

    with app.app_context():
        _rolling_out(group)
    few = queries()
    with app.app_context():
        company = db.session.get(Client, group["client"].id)
        for number in range(30):
            account_services.add_unit(company, f"新单位{number}", f"区域{number % 5}", 100)
        rollout.score_candidates(_project(group), _actor(group), {unit.id: (3, 3, 3, 3) for unit in company.units})
    assert queries() == few
