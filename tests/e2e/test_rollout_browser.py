"""A real browser: a consultant sets up a group rollout, scores candidates, confirms a pilot and moves cells."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.e2e.conftest import click, screenshot, sign_in

pytestmark = pytest.mark.e2e

UNITS = [("上海分公司", "华东", "420"), ("杭州分公司", "华东", "180"), ("广州分公司", "华南", "360")]
SCORES = {"上海分公司": "5", "杭州分公司": "3", "广州分公司": "3"}


def test_group_rollout_end_to_end(app, live_server, desktop, make_client, make_user, make_project) -> None:
    company = make_client("鼎盛集团", is_group=True, name_en="Dingsheng Group")
    consultant = make_user("consultant", clients=(company,), name="陈静")
    project = make_project(company, name="集团推广")

    sign_in(desktop, live_server, consultant.email)
    _add_units_and_start(desktop, live_server, company.id, project.id)
    units, functions = _choose_the_pilot(app, desktop)
    cell = f"{live_server}/projects/{project.id}/rollout/units/{{unit}}/functions/{functions['customer_data']}"
    _pilot_then_roll_out(desktop, cell, units)
    _read_the_heatmap(app, desktop, live_server, project.id, units, functions)


def _add_units_and_start(desktop, live_server: str, client_id: int, project_id: int) -> None:
    """Add the client's units as a consultant does, then set the rollout up."""
    for name, region, headcount in UNITS:
        desktop.goto(f"{live_server}/clients/{client_id}")
        if desktop.locator("#units details").get_attribute("open") is None:
            desktop.click("#units summary")
        desktop.fill("#units input[name=name]", name)
        desktop.fill("#units input[name=region]", region)
        desktop.fill("#units input[name=headcount]", headcount)
        click(desktop, "#units button[type=submit]")

    desktop.goto(f"{live_server}/projects/{project_id}")
    click(desktop, "text=Rollout matrix")
    click(desktop, "main form button[type=submit]")  # set the rollout up
    assert "Score the candidate units" in desktop.locator(".flashes").inner_text()


def _choose_the_pilot(app, desktop) -> tuple[dict[str, int], dict[str, int]]:
    """Score the candidates (上海 strong on every criterion, the others average) and confirm the proposal."""
    from accounts.models import BusinessUnit
    from phases.rollout.models import RolloutFunction

    click(desktop, "text=Pilot selection")
    with app.app_context():
        units = {unit.name: unit.id for unit in db.session.scalars(select(BusinessUnit))}
        functions = {item.template_key: item.id for item in db.session.scalars(select(RolloutFunction))}
    for name, unit_id in units.items():
        for criterion in ("typical", "management", "staff", "foundation"):
            desktop.fill(f"#score-{unit_id}-{criterion}", SCORES[name])
    click(desktop, "#candidates button[type=submit]")
    assert "The scores were saved" in desktop.locator("#candidates .form-feedback").inner_text()
    ranks = desktop.locator("#candidates tbody tr td:nth-child(2)").all_inner_texts()
    assert ranks[0] == "上海分公司"
    assert "上海分公司" in desktop.locator("#proposal").inner_text()
    click(desktop, "#confirm button[type=submit]")  # the proposal is pre-checked
    assert "The pilots are confirmed" in desktop.locator("#confirm .form-feedback").inner_text()
    screenshot(desktop, "rollout-pilots")
    return units, functions


def _pilot_then_roll_out(desktop, cell: str, units: dict[str, int]) -> None:
    """Refuse an early rollout, let the pilot model the template, then roll it out to 广州."""
    desktop.goto(cell.format(unit=units["广州分公司"]))
    desktop.select_option("select[name=target]", "rolling_out")
    click(desktop, "#stage button[type=submit]")
    assert "“Customer data” has no template yet" in desktop.locator("#stage .form-feedback").inner_text()
    assert "Not started" in desktop.locator(".pagehead").inner_text()

    desktop.goto(cell.format(unit=units["上海分公司"]))
    desktop.select_option("select[name=target]", "pilot")
    click(desktop, "#stage button[type=submit]")
    desktop.select_option("select[name=target]", "template_ready")
    click(desktop, "#stage button[type=submit]")
    assert "Name the template" in desktop.locator("#stage .form-feedback").inner_text()
    desktop.select_option("select[name=target]", "template_ready")
    desktop.fill("input[name=template_reference]", "客户资料模板 v1.0")
    click(desktop, "#stage button[type=submit]")
    assert "Template ready" in desktop.locator(".pagehead").inner_text()
    desktop.goto(cell.format(unit=units["广州分公司"]))
    desktop.select_option("select[name=target]", "rolling_out")
    click(desktop, "#stage button[type=submit]")
    assert "Rolling out" in desktop.locator(".pagehead").inner_text()


def _read_the_heatmap(
    app, desktop, live_server: str, project_id: int, units: dict[str, int], functions: dict[str, int]
) -> None:
    """The heatmap shows every stage reached, and a cell of the matrix opens its page."""
    from phases.rollout.models import RolloutCell

    desktop.goto(f"{live_server}/projects/{project_id}/rollout")
    matrix = desktop.locator("#matrix svg")
    assert matrix.get_attribute("aria-label") == "Rollout matrix"
    titles = matrix.locator("rect title").all_text_contents()
    assert "上海分公司 · Customer data: Template ready" in titles
    assert "广州分公司 · Customer data: Rolling out" in titles
    assert "杭州分公司 · Sales process: Not started" in titles
    screenshot(desktop, "rollout-matrix")
    with desktop.expect_navigation():
        desktop.locator(
            f"#matrix a[href$='/units/{units['杭州分公司']}/functions/{functions['customer_data']}']"
        ).click()
    assert "杭州分公司 · Customer data" in desktop.locator("h1").inner_text()
    with app.app_context():
        stages = {(cell.unit_id, cell.stage.value) for cell in db.session.scalars(select(RolloutCell))}
    assert stages == {(units["上海分公司"], "template_ready"), (units["广州分公司"], "rolling_out")}
