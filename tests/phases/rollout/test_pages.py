"""The rollout pages: what they show, who may do what, another client's ids, and a page cost flat in units."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from accounts import services as account_services
from accounts.models import Client
from core.extensions import db
from phases.projects.models import Milestone
from phases.rollout import cell_services, organisation_services
from phases.rollout import services as rollout
from phases.rollout.enums import CellStage, SupervisorRole
from phases.rollout.models import Deviation, RolloutProgramme, RolloutUnit, TrainingSession
from tests.conftest import page_queries
from tests.phases.rollout.world import (
    TODAY,
    actor,
    cell_record,
    choose_pilots,
    make_customer_data_late,
    page_urls,
    project_of,
    roll_out_customer_data,
)


def test_the_matrix_page_shows_heatmap_progress_and_late_units(app, client, login, group) -> None:
    with app.app_context():
        roll_out_customer_data(group)
        make_customer_data_late(group, "深圳分公司")
    login(group["sponsor"])
    page = client.get(f"/projects/{group['project']}/rollout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<svg" in page and 'stroke="#c0392b"' in page  # the late cell is outlined
    assert f"/rollout/units/{group['units']['广州分公司']}/functions/{group['functions']['customer_data']}" in page
    assert "深圳分公司 · Customer data: Not started" in page
    assert "Rolling out" in page and "Late units" in page
    for url in page_urls(group):
        assert client.get(url).status_code == 200, url


def test_moving_a_cell_through_the_page_refuses_an_early_rollout(app, client, login, group) -> None:
    with app.app_context():
        choose_pilots(group, "上海分公司")
    login(group["consultant"])
    unit, function = group["units"]["广州分公司"], group["functions"]["customer_data"]
    url = f"/projects/{group['project']}/rollout/units/{unit}/functions/{function}"
    response = client.post(
        f"{url}/move", data={"target": "rolling_out"}, headers={"Accept-Language": "zh-CN"}, follow_redirects=True
    )
    assert "还没有模板" in response.get_data(as_text=True)
    with app.app_context():
        assert cell_record(group, "广州分公司", "customer_data") is None
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Rolling out: “Customer data” has no template yet" in page  # the page says why before anyone tries
    assert "Pilot: Only a confirmed pilot unit can pilot a function." in page


def test_scores_and_pilots_through_the_pages(app, client, login, group) -> None:
    login(group["consultant"])
    base = f"/projects/{group['project']}/rollout/pilots"
    form = {
        f"score-{unit_id}-{criterion}": "4"
        for unit_id in group["units"].values()
        for criterion in ("typical", "management", "staff", "foundation")
    }
    bad = {**form, f"score-{group['units']['上海分公司']}-staff": "x"}
    page = client.post(f"{base}/scores", data=bad, headers={"Accept-Language": "en"}, follow_redirects=True).get_data(
        as_text=True
    )
    assert "Scores run from 1 (weak) to 5 (strong)." in page
    form[f"score-{group['units']['上海分公司']}-typical"] = "5"
    client.post(f"{base}/scores", data=form)
    page = client.get(base, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "4.30" in page and "Proposed" in page
    shanghai = group["units"]["上海分公司"]
    page = client.post(
        f"{base}/confirm",
        data={"pilot": [shanghai], "note": ""},
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    ).get_data(as_text=True)
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
        roll_out_customer_data(group)
    unit, function = group["units"]["广州分公司"], group["functions"]["customer_data"]
    cell = f"/projects/{group['project']}/rollout/units/{unit}/functions/{function}"
    login(group["member"])
    assert client.post(f"{cell}/move", data={"target": "live"}).status_code == 403
    assert client.post(f"/projects/{group['project']}/rollout/waves", data={"name": "X"}).status_code == 403
    assert client.post(f"{cell}/deviations", data={"description": "加字段", "reason": "华南"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Deviation.id))) == 1
        organisation_services.add_supervisor(
            project_of(group),
            actor(group),
            actor(group, "member"),
            SupervisorRole.REGIONAL_LEAD,
            "华南",
            ["华东", "华南"],
        )
    assert client.post(f"{cell}/move", data={"target": "live"}).status_code == 302  # a regional lead runs the rollout
    with app.app_context():
        assert cell_record(group, "广州分公司", "customer_data").stage is CellStage.LIVE


def test_users_of_another_client_get_404_on_every_rollout_page(
    app, client, login, make_client, make_user, group
) -> None:
    with app.app_context():
        roll_out_customer_data(group)
        deviation = cell_services.request_deviation(
            project_of(group),
            actor(group),
            group["units"]["广州分公司"],
            group["functions"]["customer_data"],
            "加字段",
            "华南",
        ).id
        organisation_services.plan_training(
            project_of(group), actor(group), [(group["units"]["广州分公司"], "华南", 10)], None
        )
        training = db.session.scalar(select(TrainingSession.id))
    other = make_client("乙公司", is_group=True)
    for who in (make_user("sponsor", client=other), make_user("consultant", clients=(other,))):
        login(who)
        for url in page_urls(group) + [f"/training/{training}"]:
            assert client.get(url).status_code == 404, url
        assert client.post(f"/deviations/{deviation}/decision", data={"decision": "approve"}).status_code == 404
        assert client.post(f"{page_urls(group)[3]}/move", data={"target": "live"}).status_code in (403, 404)
        client.post("/logout")


def test_a_unit_milestone_is_added_from_the_matrix_page(app, client, login, group) -> None:
    login(group["consultant"])
    with app.app_context():
        phase_id = project_of(group).phases[2].id
    response = client.post(
        f"/projects/{group['project']}/rollout/milestones",
        data={
            "unit_id": group["units"]["广州分公司"],
            "phase_id": phase_id,
            "name": "广州上线",
            "owner_id": 0,
            "planned_date": (TODAY - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/projects/{group['project']}/rollout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "广州上线" in page and "Overdue" in page
    with app.app_context():
        assert (
            db.session.scalar(select(Milestone.unit_id).where(Milestone.name == "广州上线"))
            == group["units"]["广州分公司"]
        )


def test_the_matrix_page_costs_the_same_queries_for_more_units(app, client, login, group) -> None:
    login(group["consultant"])
    url = f"/projects/{group['project']}/rollout"

    with app.app_context():
        roll_out_customer_data(group)
    few = page_queries(app, client, url)
    with app.app_context():
        company = db.session.get(Client, group["client"].id)
        for number in range(30):
            account_services.add_unit(company, f"新单位{number}", f"区域{number % 5}", 100)
        rollout.score_candidates(project_of(group), actor(group), {unit.id: (3, 3, 3, 3) for unit in company.units})
    assert page_queries(app, client, url) == few


RULES_FORM = {
    "weight_typical": "3",
    "weight_management": "2",
    "weight_staff": "2",
    "weight_foundation": "3",
    "max_pilots_per_region": "1",
    "run_period_days": "90",
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weight_staff": "11"}, "Enter a whole number from 0 to 10."),
        ({"max_pilots_per_region": "21"}, "Enter a whole number from 1 to 20."),
        ({"run_period_days": "5"}, "The run period is from 7 to 730 days."),
        ({"run_period_days": "soon"}, "This field is required."),  # what does not parse, the form refuses
    ],
)
def test_the_rules_form_says_which_rule_a_number_breaks(app, client, login, group, changes, message) -> None:
    login(group["consultant"])
    base = f"/projects/{group['project']}/rollout"
    page = client.post(
        f"{base}/rules", data={**RULES_FORM, **changes}, headers={"Accept-Language": "en"}, follow_redirects=True
    ).get_data(as_text=True)
    assert message in page
    with app.app_context():
        assert db.session.scalar(select(RolloutProgramme.run_period_days)) == 90
    page = client.get(f"{base}/pilots").get_data(as_text=True)
    assert 'max="10" min="0" name="weight_staff"' in page  # the inputs offer the ranges the service keeps


def test_the_training_page_puts_a_range_error_beside_its_field(app, client, login, group) -> None:
    with app.app_context():
        organisation_services.plan_training(
            project_of(group), actor(group), [(group["units"]["广州分公司"], "华南", 40)], TODAY
        )
        session = db.session.scalar(select(TrainingSession.id).where(TrainingSession.audience == "sales"))
    login(group["consultant"])
    response = client.post(
        f"/training/{session}",
        data={"participants": "12", "sessions": "1001", "trainer_id": "0"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    errors = response.get_data(as_text=True).split('id="sessions-errors"')[1].split("</ul>")[0]
    assert "Plan at least one participant and one session." in errors
    assert (
        client.post(f"/training/{session}", data={"participants": "12", "sessions": "2", "trainer_id": "0"}).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(TrainingSession, session).sessions == 2


def test_the_status_report_draws_the_rollout_with_the_matrix_pages_tables(app, client, login, group) -> None:
    with app.app_context():
        roll_out_customer_data(group)
        make_customer_data_late(group, "广州分公司")
    login(group["consultant"])
    page = client.get(f"/projects/{group['project']}/rollout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    report = client.get(f"/projects/{group['project']}/report.html?lang=en").get_data(as_text=True)
    late_rows = page.split('id="late"')[1].split("<tbody>")[1].split("</tbody>")[0]
    assert late_rows.startswith("<tr><td>广州分公司</td><td>华南</td>")
    assert late_rows in report  # one macro draws the late units on the page and in the report
    assert '<table class="data late">' in report and '<table class="data progress">' in report
    progress_row = '<tr><td>华南</td><td class="num">1/10</td>'  # 广州 rolls customer data out
    assert progress_row in page and progress_row in report
