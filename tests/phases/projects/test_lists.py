"""The project page's lists: milestones and status updates sorted and filtered by URL in three languages, at a flat
cost; milestones and status updates deleted with an audit record and brought back by "Undo"."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from accounts.models import User
from core.db import utcnow
from core.extensions import db
from phases.audit import AuditEntry
from phases.projects import services
from phases.projects.enums import Rag
from phases.projects.models import Milestone, Phase, Project, StatusUpdate
from tests.conftest import page_queries
from tests.phases.projects.test_projects import world  # noqa: F401  (a client, its people and a five-step project)

# ruff: noqa: F811  (the `world` fixture, imported above, is a parameter of every test)

LANGUAGES = {
    "en": ("en", "Showing %d of %d", "Clear filters", "Planned"),
    "zh_Hans": ("zh-CN", "显示 %d 条，共 %d 条", "清除筛选", "计划时间"),
    "zh_Hant": ("zh-TW", "顯示 %d 筆，共 %d 筆", "清除篩選", "計畫時間"),
}


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def _milestone_names(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>([^<]*)</td><td>", _section(html, "milestones"))


def _plan(app, world) -> dict[str, int]:
    """Replace the template's milestones with four known ones in phases 1 and 2; return their ids by name."""
    today = date.today()
    with app.app_context():
        project = db.session.get(Project, world["project"].id)
        consultant = db.session.get(User, world["consultant"].id)
        db.session.execute(delete(Milestone).where(Milestone.project_id == project.id))
        db.session.commit()
        first, second = project.phases[0], project.phases[1]
        ids = {}
        for name, phase, owner, planned in [
            ("M-b", first, world["member"].id, today + timedelta(days=40)),
            ("M-a", second, world["sponsor"].id, today + timedelta(days=10)),
            ("M-d", second, None, None),
            ("M-c", first, world["member"].id, today - timedelta(days=3)),
        ]:
            ids[name] = services.add_milestone(phase, consultant, name, owner, planned).id
        return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_milestones_sort_and_filter_by_address_in_every_language(app, client, login, world, language) -> None:
    accept, showing, clear, planned = LANGUAGES[language]
    headers = {"Accept-Language": accept}
    _plan(app, world)
    login(world["sponsor"])
    url = f"/projects/{world['project'].id}"

    default = client.get(url, headers=headers).get_data(as_text=True)
    assert _milestone_names(default) == ["M-c", "M-a", "M-b", "M-d"]  # planned date, none last
    assert re.search(
        rf'aria-sort="ascending"><a class="sort" href="\?m_sort=planned&amp;m_dir=desc#milestones">{planned}<', default
    )
    by_name = client.get(url + "?m_sort=name&m_dir=desc", headers=headers).get_data(as_text=True)
    assert _milestone_names(by_name) == ["M-d", "M-c", "M-b", "M-a"]
    by_owner = client.get(url + "?m_sort=owner", headers=headers).get_data(as_text=True)
    assert _milestone_names(by_owner)[-1] == "M-d"  # nobody owns it: last either way

    member = world["member"].id
    mine = client.get(url + f"?m_owner={member}&m_sort=name", headers=headers).get_data(as_text=True)
    assert _milestone_names(mine) == ["M-b", "M-c"] and showing % (2, 4) in _section(mine, "milestones")
    assert f'href="?m_sort=name&amp;m_dir=asc#milestones">{clear}</a>' in mine
    overdue = client.get(url + "?m_state=overdue", headers=headers).get_data(as_text=True)
    assert _milestone_names(overdue) == ["M-c"]
    with app.app_context():
        second = db.session.get(Project, world["project"].id).phases[1].id
    nobody_in_second = client.get(url + f"?m_phase={second}&m_owner=none", headers=headers).get_data(as_text=True)
    assert _milestone_names(nobody_in_second) == ["M-d"]
    assert _milestone_names(client.get(url + "?m_state=done").get_data(as_text=True)) == []


def _publish(app, world, who: str, rag: Rag, summary: str, days_ago: int) -> int:
    with app.app_context():
        project = db.session.get(Project, world["project"].id)
        author = db.session.get(User, world[who].id)
        created_at = utcnow() - timedelta(days=days_ago)
        return services.add_status_update(project, author, rag, summary, "", created_at=created_at).id


def _summaries(html: str) -> list[str]:
    return re.findall(r"</header>\s*<p>([^<]*)</p>", _section(html, "updates"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_updates_filter_by_status_and_author(app, client, login, world, language) -> None:
    accept, showing, clear, _planned = LANGUAGES[language]
    headers = {"Accept-Language": accept}
    _publish(app, world, "sponsor", Rag.GREEN, "U-1", 30)
    _publish(app, world, "consultant", Rag.AMBER, "U-2", 20)
    _publish(app, world, "sponsor", Rag.RED, "U-3", 10)
    _publish(app, world, "consultant", Rag.RED, "U-4", 1)
    login(world["member"])
    url = f"/projects/{world['project'].id}"
    assert _summaries(client.get(url, headers=headers).get_data(as_text=True)) == ["U-4", "U-3", "U-2", "U-1"]
    oldest = client.get(url + "?u_sort=date&u_dir=asc", headers=headers).get_data(as_text=True)
    assert _summaries(oldest) == ["U-1", "U-2", "U-3", "U-4"]
    red = client.get(url + "?u_rag=red", headers=headers).get_data(as_text=True)
    assert _summaries(red) == ["U-4", "U-3"] and showing % (2, 4) in _section(red, "updates")
    assert f'href="?#updates">{clear}</a>' in red
    sponsor_red = f"?u_rag=red&u_author={world['sponsor'].id}&m_sort=name"
    both = client.get(url + sponsor_red, headers=headers).get_data(as_text=True)
    assert _summaries(both) == ["U-3"]
    assert '<input type="hidden" name="m_sort" value="name">' in _section(both, "updates")  # the other list's sort


def test_the_filtered_project_page_costs_the_same_queries_for_more_rows(app, client, login, world) -> None:
    ids = _plan(app, world)
    login(world["consultant"])
    url = f"/projects/{world['project'].id}?m_sort=owner&m_state=on_track&u_rag=red&u_author={world['sponsor'].id}"

    before = page_queries(app, client, url)
    with app.app_context():
        phase = db.session.get(Milestone, ids["M-a"]).phase
        consultant = db.session.get(User, world["consultant"].id)
        for number in range(15):
            services.add_milestone(phase, consultant, f"more-{number}", world["member"].id, date.today())
    for number in range(15):
        _publish(app, world, "sponsor", Rag.RED, f"more-{number}", number)
    assert page_queries(app, client, url) == before


def _undo_action(html: str) -> str:
    match = re.search(
        r'class="flash flash-success flash-undo">.*?<form method="post" action="([^"]+)">', html, re.DOTALL
    )
    assert match, "no Undo button in the message"
    return match.group(1)


def _columns(app, model, record_id: int) -> dict:
    with app.app_context():
        record = db.session.get(model, record_id)
        return {column.name: getattr(record, column.name) for column in model.__table__.columns}


def test_a_milestone_planned_by_mistake_is_deleted_and_undone_exactly(app, client, login, world) -> None:
    milestone_id = _plan(app, world)["M-b"]
    before = _columns(app, Milestone, milestone_id)
    login(world["consultant"])
    page = client.post(
        f"/milestones/{milestone_id}/delete", follow_redirects=True, headers={"Accept-Language": "zh-TW"}
    )
    html = page.get_data(as_text=True)
    assert "里程碑「M-b」已刪除。" in html and ">復原</button>" in html
    assert _milestone_names(html) == ["M-c", "M-a", "M-d"]
    with app.app_context():
        kept = {
            entry.field: entry.old_value
            for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.action == "deleted"))
        }
    assert kept["name"] == "M-b" and kept["owner_id"] == str(world["member"].id) and "actual_date" not in kept
    audit_page = client.get(f"/projects/{world['project'].id}/audit", headers={"Accept-Language": "en"})
    assert "Milestone “M-b” deleted" in audit_page.get_data(as_text=True)

    restored = client.post(_undo_action(html), follow_redirects=True, headers={"Accept-Language": "en"})
    assert "The milestone “M-b” is back." in restored.get_data(as_text=True)
    assert _columns(app, Milestone, milestone_id) == before


@pytest.mark.parametrize(
    "name, progress, message",
    [
        ("M-b", {"percent_done": 20}, "Progress has been reported on this milestone"),
        ("M-c", {}, "This milestone is late; deleting it would hide the slip."),
    ],
)
def test_a_milestone_with_progress_or_a_slip_stays(app, client, login, world, name, progress, message) -> None:
    milestone_id = _plan(app, world)[name]
    if progress:
        with app.app_context():
            milestone = db.session.get(Milestone, milestone_id)
            services.update_milestone(milestone, db.session.get(User, world["consultant"].id), progress)
    login(world["consultant"])
    page = client.post(f"/milestones/{milestone_id}/delete", follow_redirects=True, headers={"Accept-Language": "en"})
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Milestone, milestone_id) is not None
        assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "deleted")) == 0


def test_only_consultants_delete_milestones_and_other_clients_get_404(
    app,
    client,
    login,
    world,
    make_client,
    make_user,
    make_project,
) -> None:
    milestone_id = _plan(app, world)["M-b"]
    login(world["member"])  # its owner: reports progress, does not delete
    assert client.post(f"/milestones/{milestone_id}/delete").status_code == 403
    client.post("/logout")
    login(world["consultant"])
    assert client.post(f"/milestones/{milestone_id}/delete").status_code == 302
    client.post("/logout")
    stranger = make_user("consultant", clients=(make_client("乙公司"),))
    login(stranger)
    restore = f"/projects/{world['project'].id}/milestones/{milestone_id}/restore"
    assert client.post(restore).status_code == 404
    with app.app_context():
        assert db.session.get(Milestone, milestone_id) is None


def test_a_status_update_is_deleted_by_its_author_or_a_consultant_and_undone(app, client, login, world) -> None:
    update_id = _publish(app, world, "sponsor", Rag.AMBER, "采集阶段延误一周", 2)
    before = _columns(app, StatusUpdate, update_id)
    login(world["member"])
    assert client.post(f"/updates/{update_id}/delete").status_code == 403
    client.post("/logout")
    login(world["sponsor"])
    page = client.post(f"/updates/{update_id}/delete", follow_redirects=True, headers={"Accept-Language": "zh-CN"})
    html = page.get_data(as_text=True)
    assert "状态更新已删除。" in html and _summaries(html) == []
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.entity == "status_update")).all()
        assert {entry.field for entry in entries} == {"rag", "summary", "author_id", "created_at"}
        assert {entry.entity_label for entry in entries} == {"采集阶段延误一周"}
    client.post("/logout")
    login(world["member"])
    assert client.post(_undo_action(html)).status_code == 403
    client.post("/logout")
    login(world["consultant"])
    assert client.post(_undo_action(html)).status_code == 302
    assert _columns(app, StatusUpdate, update_id) == before


def test_another_clients_status_update_answers_404(
    app, client, login, world, make_client, make_user, make_project
) -> None:
    update_id = _publish(app, world, "sponsor", Rag.GREEN, "一切正常", 1)
    other = make_client("乙公司")
    outsider = make_user("sponsor", client=other)
    other_project = make_project(other, name="乙项目")
    login(outsider)
    assert client.post(f"/updates/{update_id}/delete").status_code == 404
    assert client.post(f"/projects/{world['project'].id}/updates/{update_id}/restore").status_code == 404
    assert client.post(f"/projects/{other_project.id}/updates/{update_id}/restore").status_code == 404
    with app.app_context():
        assert db.session.get(StatusUpdate, update_id) is not None
        assert db.session.scalar(select(func.count(Phase.id)).where(Phase.project_id == other_project.id)) == 5


@pytest.mark.parametrize(
    "posted_from, lands_on",
    [
        ("/projects/{id}?u_rag=red&m_sort=name", "/projects/{id}?u_rag=red&m_sort=name#updates"),
        ("//evil.example/projects", "/projects/{id}#updates"),
        ("https://evil.example/", "/projects/{id}#updates"),
        ("", "/projects/{id}#updates"),
    ],
)
def test_deleting_returns_to_the_filtered_list_on_this_site_only(
    app, client, login, world, posted_from, lands_on
) -> None:
    update_id = _publish(app, world, "sponsor", Rag.RED, "要删除的更新", 1)
    project_id = world["project"].id
    login(world["consultant"])
    response = client.post(f"/updates/{update_id}/delete", data={"next": posted_from.format(id=project_id)})
    assert response.status_code == 302 and response.headers["Location"].endswith(lands_on.format(id=project_id))
