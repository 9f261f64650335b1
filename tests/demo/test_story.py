"""The demo data tells one coherent story: slips show against baselines, a recovery under way, real voices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import String, Text, select

from accounts.models import Client
from assess.models import Answer, Assessment, AssessmentStatus, Invitation, Response
from core.db import utcnow
from core.extensions import db
from demo.recovery import worked_on
from phases.audit import AuditEntry
from phases.projects.models import GateSignoff, Milestone, Phase, Project
from phases.recovery.checklist import ItemStatus
from phases.recovery.models import Recovery, RecoveryItem

# Characters written only in Simplified script; Taiwan writes 項 專 質 數 據 這 們 為 進 發 問 題 ... instead.
SIMPLIFIED_ONLY = frozenset(
    "项专质数据这们为进发问题设计负责应过时间务业报实现动态单场对开关员书长门东华区级认论议说请让计订记讯评试语误调谈"
    "费资购货运还选钟铁银错页顺预风马线练经结给统约纪织终绍绝继续维综绩编缴库户访签阶节条审杂处写导录确历检类图产"
    "术组总体视观规则标备称环"
)
TAIWAN_CLIENT = "永豐國際物流股份有限公司"


@pytest.fixture
def seeded(app, runner):
    """The demo data, loaded as `flask seed-demo` does, with an app context to read it."""
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        yield


def _project(client_name: str) -> Project:
    return db.session.scalars(select(Project).join(Client).where(Client.name == client_name)).one()


# How many milestones of each client's project slipped after the plan was approved (the troubled one most).
SLIPPED = {"华东精工机械有限公司": 1, "鼎盛消费品集团": 1, TAIWAN_CLIENT: 3}


def test_plans_slipped_against_their_baselines_and_nothing_done_is_dated_in_the_future(seeded) -> None:
    for client_name, slipped in SLIPPED.items():
        project = _project(client_name)
        milestones = db.session.scalars(select(Milestone).where(Milestone.project_id == project.id)).all()
        moved = [m for m in milestones if m.baseline_date != m.planned_date]
        assert len(moved) == slipped, client_name
        assert all(m.baseline_date < m.planned_date for m in moved)  # a slip moves the plan later than approved
        assert project.plan_approved_at is not None and project.plan_approved_at < utcnow() - timedelta(days=60)
        approvals = db.session.scalars(
            select(AuditEntry.at).where(AuditEntry.project_id == project.id, AuditEntry.action == "plan_approved")
        ).all()
        assert approvals and set(approvals) == {project.plan_approved_at}  # the trail dates it as it happened
    now = utcnow()
    done = db.session.scalars(select(Milestone).where(Milestone.actual_date.is_not(None))).all()
    assert done and all(m.actual_date <= now.date() + timedelta(days=1) for m in done)
    for phase in db.session.scalars(select(Phase).where(Phase.actual_end.is_not(None))):
        own = [m for m in done if m.phase_id == phase.id]
        assert own and all(phase.actual_start <= m.actual_date <= phase.actual_end for m in own), phase.name
        signoffs = db.session.scalars(select(GateSignoff).where(GateSignoff.phase_id == phase.id)).all()
        assert [s.signed_at.date() for s in signoffs] == [phase.actual_end]


def test_the_recovery_started_before_its_items_were_done_and_some_are_still_open(seeded) -> None:
    recovery = db.session.scalars(select(Recovery)).one()
    items = db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery.id)).all()
    assert recovery.started_at < utcnow() - timedelta(days=14)
    done = [item for item in items if item.status is ItemStatus.DONE]
    assert len(done) >= 5
    assert all(recovery.started_at < item.updated_at <= utcnow() for item in done)
    assert len({item.updated_at.date() for item in done}) >= 4  # done one by one, not all on one day
    assert any(item.status is ItemStatus.OPEN for item in items)
    assert any(item.status is ItemStatus.IN_PROGRESS for item in items)


@pytest.mark.parametrize(
    ("due", "status", "day"),
    [
        (-20, "done", -20),
        (-40, "done", -26),
        (-2, "done", -2),
        (5, "done", -1),
        (7, "in_progress", -2),
        (9, "open", -27),
    ],
)
def test_an_item_is_worked_on_between_the_start_and_today(due: int, status: str, day: int) -> None:
    assert worked_on(due, status, started=-28) == day


def test_comments_are_each_said_once_and_responses_came_in_while_the_assessment_was_open(seeded) -> None:
    comments = db.session.scalars(select(Answer.comment).where(Answer.comment != "")).all()
    assert len(comments) >= 20
    assert len(set(comments)) == len(comments)
    rows = db.session.execute(
        select(Assessment, Response)
        .join(Invitation, Invitation.assessment_id == Assessment.id)
        .join(Response, Response.invitation_id == Invitation.id)
    ).all()
    assert rows
    for assessment, response in rows:
        assert assessment.created_at <= response.started_at <= response.updated_at <= utcnow()
        if assessment.status is AssessmentStatus.CLOSED:
            assert response.submitted_at is not None
            assert response.submitted_at.date() <= assessment.closes_on
    started = [response.started_at for _assessment, response in rows]
    assert max(started) - min(started) > timedelta(days=30)  # two assessments, months apart
    assert max(started) > utcnow() - timedelta(days=3)  # the open one is being answered these days


def _free_texts_of(client_id: int) -> list[tuple[str, str, str]]:
    """Return (table, column, text) for every text of every record the client owns."""
    found = []
    for table in db.metadata.sorted_tables:
        if "client_id" not in table.c:
            continue
        columns = [column for column in table.c if isinstance(column.type, (String, Text))]
        for row in db.session.execute(select(*columns).where(table.c.client_id == client_id)) if columns else ():
            found.extend((table.name, column.name, value) for column, value in zip(columns, row) if value)
    return found


def test_the_taiwan_client_reads_traditional_chinese(seeded) -> None:
    client_id = db.session.scalar(select(Client.id).where(Client.name == TAIWAN_CLIENT))
    texts = _free_texts_of(client_id)
    assert any(table == "gate_signoffs" for table, _column, _text in texts)
    simplified = [(table, column, text) for table, column, text in texts if SIMPLIFIED_ONLY.intersection(text)]
    assert not simplified, simplified[:10]
    remarks = " ".join(text for table, _column, text in texts if table == "gate_signoffs")
    assert "同意進入" in remarks and "专案" not in remarks


@pytest.mark.parametrize(("text", "simplified"), [("项目质量数据", True), ("專案品質資料", False), ("核准查詢", False)])
def test_the_simplified_character_list_tells_the_scripts_apart(text: str, simplified: bool) -> None:
    assert bool(SIMPLIFIED_ONLY.intersection(text)) is simplified
