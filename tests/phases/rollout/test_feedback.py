"""The rollout pages answer a refused action inside the section of the form that sent it."""

from __future__ import annotations

from tests.page_parts import assert_beside, landing


def test_rollout_refusals_answer_beside_their_forms(client, login, group) -> None:
    login(group["consultant"])
    project = group["project"]
    anchor, page = landing(client, f"/projects/{project}/rollout/functions", name="")
    assert_beside(page, anchor, "Name the function first.")
    assert anchor == "matrix"
    anchor, page = landing(client, f"/projects/{project}/rollout/waves", name="", planned_start="x")
    assert_beside(page, anchor, "Name the wave; dates are YYYY-MM-DD.")
    anchor, page = landing(client, f"/projects/{project}/rollout/pilots/confirm", note="")
    assert_beside(page, anchor, "Choose at least one pilot unit.")
    unit, function = next(iter(group["units"].values())), next(iter(group["functions"].values()))
    cell = f"/projects/{project}/rollout/units/{unit}/functions/{function}"
    anchor, page = landing(client, f"{cell}/plan", planned_start="someday")
    assert_beside(page, anchor, "Enter the dates as YYYY-MM-DD.")
    assert anchor == "dates"
