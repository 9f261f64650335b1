"""Template items read in the reader's language; a milestone's slip against its baseline reads as days late or early."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from phases.projects import services
from phases.projects.models import Milestone, Project
from tests.reports.test_pdf import pdf_text

MIGRATIONS = str(Path(__file__).parent.parent.parent.parent / "migrations")
RESURVEY = {"zh_Hans": "需求再调研完成", "zh_Hant": "需求再調查完成", "en": "Requirement re-survey completed"}
LANGUAGES = {"zh_Hans": "zh-CN", "zh_Hant": "zh-TW", "en": "en"}


@pytest.fixture
def chinese_project(app, client, login, make_client, make_user):
    """A five-step project that a consultant working in Simplified Chinese created through the page."""
    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    sponsor = make_user("sponsor", client=company, name="刘建国")
    login(consultant)
    today = date.today()
    response = client.post(
        f"/clients/{company.id}/projects/new",
        data={
            "name": "CRM 一期",
            "methodology": "five_step",
            "start_date": (today - timedelta(days=30)).isoformat(),
            "target_date": (today + timedelta(days=300)).isoformat(),
        },
        headers={"Accept-Language": "zh-CN"},
    )
    assert response.status_code == 302
    with app.app_context():
        project_id = db.session.scalar(select(Project.id).where(Project.client_id == company.id))
        milestone = db.session.scalars(
            select(Milestone).where(Milestone.project_id == project_id, Milestone.template_key.is_not(None))
        ).first()
        assert milestone.name == RESURVEY["zh_Hans"] and milestone.template_key == "requirement_resurvey_completed"
        milestone_id = milestone.id
    return {"project_id": project_id, "milestone_id": milestone_id, "consultant": consultant, "sponsor": sponsor}


@pytest.mark.parametrize("locale", ["en", "zh_Hant"])
def test_a_suggested_milestone_reads_in_the_readers_language(client, login, chinese_project, locale) -> None:
    login(chinese_project["sponsor"])
    page = client.get(f"/projects/{chinese_project['project_id']}", headers={"Accept-Language": LANGUAGES[locale]})
    text = page.get_data(as_text=True)
    assert RESURVEY[locale] in text and RESURVEY["zh_Hans"] not in text


@pytest.mark.parametrize("locale", ["en", "zh_Hant"])
def test_the_report_lists_suggested_milestones_in_its_language(
    client, login, chinese_project, locale, tmp_path
) -> None:
    login(chinese_project["sponsor"])
    response = client.get(f"/projects/{chinese_project['project_id']}/report.pdf?lang={locale}")
    text = re.sub(r"\s+", " ", pdf_text(response.data, tmp_path))
    assert RESURVEY[locale] in text and RESURVEY["zh_Hans"] not in text


def test_saving_the_form_unchanged_in_another_language_keeps_the_suggestion(
    app, client, login, chinese_project
) -> None:
    login(chinese_project["consultant"])
    url = f"/milestones/{chinese_project['milestone_id']}"
    form = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'value="{RESURVEY["en"]}"' in form  # the form shows the name as this reader reads it
    response = client.post(url, data=_milestone_data(app, chinese_project, RESURVEY["en"], 40))
    assert response.status_code == 302
    with app.app_context():
        milestone = db.session.get(Milestone, chinese_project["milestone_id"])
        assert milestone.template_key == "requirement_resurvey_completed" and milestone.percent_done == 40


def test_a_renamed_milestone_keeps_the_users_text(app, client, login, chinese_project, tmp_path) -> None:
    login(chinese_project["consultant"])
    url = f"/milestones/{chinese_project['milestone_id']}"
    client.post(url, data=_milestone_data(app, chinese_project, "华东区需求访谈完成", 0))
    with app.app_context():
        milestone = db.session.get(Milestone, chinese_project["milestone_id"])
        assert milestone.template_key is None and milestone.name == "华东区需求访谈完成"
    login(chinese_project["sponsor"])
    page = client.get(f"/projects/{chinese_project['project_id']}", headers={"Accept-Language": "en"})
    assert "华东区需求访谈完成" in page.get_data(as_text=True)
    response = client.get(f"/projects/{chinese_project['project_id']}/report.pdf?lang=en")
    text = pdf_text(response.data, tmp_path)
    assert "华东区需求访谈完成" in text and RESURVEY["en"] not in text


def _milestone_data(app, world, name: str, percent: int) -> dict[str, str]:
    with app.app_context():
        milestone = db.session.get(Milestone, world["milestone_id"])
        return {
            "name": name,
            "phase_id": str(milestone.phase_id),
            "owner_id": "0",
            "planned_date": milestone.planned_date.isoformat() if milestone.planned_date else "",
            "actual_date": "",
            "percent_done": str(percent),
        }


SLIP = {
    "en": ("31 days late", "1 day late", "5 days early"),
    "zh_Hans": ("晚 31 天", "晚 1 天", "提前 5 天"),
    "zh_Hant": ("延後 31 天", "延後 1 天", "提前 5 天"),
}


@pytest.fixture
def slipped(app, make_client, make_user, make_project):
    """A project whose approved plan then moved: one milestone 31 days late, one 1 day late, one 5 days early."""
    company = make_client("华东精工机械有限公司")
    sponsor = make_user("sponsor", client=company, name="刘建国")
    project = make_project(company)
    with app.app_context():
        record = db.session.get(Project, project.id)
        actor = db.session.get(User, sponsor.id)
        services.approve_plan(record, actor)
        milestones = db.session.scalars(
            select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.id).limit(3)
        ).all()
        for milestone, days in zip(milestones, (31, 1, -5)):
            services.update_milestone(
                milestone, actor, {"planned_date": milestone.baseline_date + timedelta(days=days)}
            )
    return {"project": project, "sponsor": sponsor}


@pytest.mark.parametrize("locale", list(SLIP))
def test_the_slip_reads_in_words_on_the_page(client, login, slipped, locale) -> None:
    login(slipped["sponsor"])
    page = client.get(f"/projects/{slipped['project'].id}", headers={"Accept-Language": LANGUAGES[locale]})
    text = page.get_data(as_text=True)
    for words in SLIP[locale]:
        assert words in text, words
    assert not re.search(r"\+\d+d\b", text)
    assert SLIP[locale][0] in text[text.index("<svg") :]  # the timeline's tooltip says it too


@pytest.mark.parametrize("locale", list(SLIP))
def test_the_slip_reads_in_words_in_the_report(client, login, slipped, locale, tmp_path) -> None:
    login(slipped["sponsor"])
    response = client.get(f"/projects/{slipped['project'].id}/report.pdf?lang={locale}")
    text = re.sub(r"[ \t]+", " ", pdf_text(response.data, tmp_path))
    for words in SLIP[locale]:
        assert words in text, words
    assert not re.search(r"\+\d+\b", text)


def test_the_migration_finds_suggested_milestones_by_name_in_any_language(app, make_client, make_user) -> None:
    """Milestones named as a suggestion in any language get its key back; renamed and own ones keep none."""
    company = make_client("永豐國際物流股份有限公司")
    with app.test_request_context(headers={"Accept-Language": "zh-TW"}):
        project = services.create_project(company, "CRM 上線", services.Methodology.FIVE_STEP, None, None)
        rows = db.session.scalars(select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.id))
        first, second, third = list(rows)[:3]
        second.name = "自訂的里程碑"
        third.name = "Training and discussion of the results held"  # another language of its own suggestion
        db.session.commit()
        expected = {first.id: first.template_key, second.id: None, third.id: third.template_key}
        db.session.rollback()  # end the session's read, or it keeps seeing the data from before the migration
        downgrade(directory=MIGRATIONS, revision="43c1997c4fbf")
        upgrade(directory=MIGRATIONS)
        found = dict(
            db.session.execute(select(Milestone.id, Milestone.template_key).where(Milestone.id.in_(expected))).all()
        )
    assert found == expected
    assert [key is None for key in expected.values()] == [False, True, False]


def test_criteria_waived_in_chinese_read_in_english(app, client, login, chinese_project) -> None:
    from phases.projects import gate_services
    from phases.projects.enums import GateDecision, PhaseStatus
    from phases.projects.models import Phase

    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        phase = db.session.scalars(
            select(Phase).where(Phase.project_id == chinese_project["project_id"], Phase.position == 1)
        ).one()
        actor = db.session.get(User, chinese_project["consultant"].id)
        services.change_phase_status(phase, actor, PhaseStatus.ACTIVE, date.today())
        signoff = gate_services.sign_gate(
            phase, db.session.get(User, chinese_project["sponsor"].id), GateDecision.GO, "", waiver=True
        )
        assert "每个与客户接触的部门的需求都已记录" in signoff.waived_criteria  # recorded as the sponsor read it
    login(chinese_project["sponsor"])
    page = client.get(f"/projects/{chinese_project['project_id']}", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert "The requirements of every customer-facing department are recorded" in text
    assert "每个与客户接触的部门的需求都已记录" not in text
