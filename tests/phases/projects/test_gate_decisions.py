"""What a gate shows once the sponsor decided: a signed go, criteria waived with their reason, in page, PDF and health."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from sqlalchemy import func, select

from core.extensions import db
from core.labels import label
from phases.audit import AuditEntry
from phases.issues.queries import open_issues
from phases.projects.enums import CriterionStanding, GateState, PhaseStatus
from phases.projects.models import GateCriterion, GateSignoff, Phase, Project
from phases.projects.view import project_view
from phases.recovery.view import health_facts
from tests.phases.projects.test_projects import world  # noqa: F401  (a client, its people and a five-step project)
from tests.reports.test_pdf import pdf_text

EN = {"Accept-Language": "en"}
REASON = "编码规则在采集首周完成"


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _reviewed_first_phase(app, client, login, world) -> tuple[int, list[int]]:  # noqa: F811
    """Start the first phase; send its first criterion to rework, leave the second unreviewed, pass the rest."""
    with app.app_context():
        phase = db.session.scalars(
            select(Phase).where(Phase.project_id == world["project"].id, Phase.position == 1)
        ).one()
        criteria = db.session.scalars(
            select(GateCriterion.id).where(GateCriterion.phase_id == phase.id).order_by(GateCriterion.id)
        ).all()
    login(world["consultant"])
    client.post(f"/phases/{phase.id}/status", data={"status": "active"})
    client.post(f"/criteria/{criteria[0]}/review", data={"state": "rework", "note": "客户编码规则未定义"})
    for criterion_id in criteria[2:]:
        client.post(f"/criteria/{criterion_id}/review", data={"state": "pass"})
    client.post("/logout")
    login(world["sponsor"])
    return phase.id, list(criteria)


def _gate(page: str, phase_id: int) -> str:
    """Return the part of the project page that shows one phase's gate."""
    start = page.index(f'id="gate-{phase_id}"')
    return page[start : page.index("</section>", start)]


def _sign(client, phase_id: int, headers=EN, **data) -> str:
    return client.post(f"/phases/{phase_id}/signoff", data=data, headers=headers, follow_redirects=True).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("member", "text"),
    [
        (CriterionStanding.PASSED, "Pass"),
        (CriterionStanding.WAIVED_AT_SIGNOFF, "Waived by the sponsor"),
        (CriterionStanding.REWORK, "Rework"),
        (GateState.PASSED, "Go signed"),  # the same value as a passed criterion, its own label
        (GateState.PASSED_WITH_WAIVER, "Go signed with a waiver"),
        (GateState.REJECTED, "No-go signed"),
    ],
)
def test_standings_and_gate_states_have_their_own_labels(app, member, text) -> None:
    with app.test_request_context(headers=EN):
        assert label(member) == text


@pytest.mark.parametrize(
    ("data", "headers", "message"),
    [
        ({"decision": "go", "waiver": "y"}, EN, "Write why you waive the open criteria."),
        ({"decision": "go", "waiver": "y", "waiver_reason": "   "}, EN, "Write why you waive the open criteria."),
        ({"decision": "go", "waiver": "y"}, {"Accept-Language": "zh-TW"}, "請寫明豁免待處理檢查項目的理由。"),
        ({"decision": "go", "waiver": "y"}, {"Accept-Language": "zh-CN"}, "请写明豁免待处理检查项的理由。"),
        ({"decision": "go", "waiver_reason": REASON}, EN, "Sign “go” only with an explicit waiver"),
        ({"decision": "no_go", "comment": "再议", "waiver": "y", "waiver_reason": REASON}, EN, "A waiver goes with"),
        ({"comment": "没有选择"}, EN, "Choose go or no-go."),
    ],
)
def test_a_refused_signoff_says_why_and_saves_nothing(app, client, login, world, data, headers, message) -> None:  # noqa: F811
    phase_id, _criteria = _reviewed_first_phase(app, client, login, world)
    entries = _count(app, AuditEntry)
    page = _sign(client, phase_id, headers, **data)
    assert message in page
    assert _count(app, GateSignoff) == 0 and _count(app, AuditEntry) == entries


def test_a_go_with_a_waiver_shows_as_signed_with_its_reason(app, client, login, world) -> None:  # noqa: F811
    phase_id, criteria = _reviewed_first_phase(app, client, login, world)
    page = _sign(client, phase_id, decision="go", comment="同意进入采集", waiver="y", waiver_reason=REASON)
    with app.app_context():
        signoff = db.session.scalars(select(GateSignoff)).one()
        assert signoff.waived_criterion_ids == criteria[:2] and signoff.waiver_reason == REASON
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.entity == "signoff")).all()
        assert {entry.action for entry in entries} == {"waiver"}
        assert {entry.field: entry.new_value for entry in entries}["waiver_reason"] == REASON
    gate = _gate(page, phase_id)
    assert "Go signed with a waiver" in gate.split("</h3>")[0]  # the gate's heading
    assert gate.count("Waived by the sponsor") == 2 and "Waived by 刘建国 on" in gate and REASON in gate
    assert gate.count('crit-passed">Pass</span>') == len(criteria) - 2 and "crit-rework" not in gate
    assert "criteria are still open" not in page  # covered by the waiver: no longer asked for
    assert (
        "Change your decision" in gate and '<details class="signoff-revise">' in gate
    )  # the decision is shown; a revision stays possible
    strip = page[page.index('class="steps"') : page.index("</ol>", page.index('class="steps"'))]
    assert "Go signed with a waiver" in strip
    card = page[page.index(f'id="phase-{phase_id}"') :]
    assert "Go signed with a waiver" in card.split("</h2>")[0]  # the phase's header


def test_the_health_check_does_not_count_waived_rework(app, client, login, world) -> None:  # noqa: F811
    phase_id, _criteria = _reviewed_first_phase(app, client, login, world)
    assert "gate criterion in rework" in client.get(f"/projects/{world['project'].id}", headers=EN).get_data(True)
    _sign(client, phase_id, decision="go", waiver="y", waiver_reason=REASON)
    assert "in rework" not in client.get(f"/projects/{world['project'].id}", headers=EN).get_data(True)
    with app.test_request_context(headers=EN):
        view = project_view(db.session.get(Project, world["project"].id), date.today())
        assert health_facts(view, open_issues(view.project_id), None).rework_phases == ()


def test_a_criterion_reopened_after_the_go_is_not_covered(app, client, login, world) -> None:  # noqa: F811
    phase_id, criteria = _reviewed_first_phase(app, client, login, world)
    _sign(client, phase_id, decision="go", waiver="y", waiver_reason=REASON)
    client.post("/logout")
    login(world["consultant"])
    client.post(f"/criteria/{criteria[2]}/review", data={"state": "rework", "note": "数据字典缺失"})
    page = client.get(f"/projects/{world['project'].id}", headers=EN).get_data(as_text=True)
    assert "Go signed, criteria reopened since" in page and "1 criterion has been reopened since this" in page
    assert "1 gate criterion in rework" in page  # the reopened one; the two waived are not counted
    refused = client.post(f"/phases/{phase_id}/status", data={"status": "closed"}, headers=EN, follow_redirects=True)
    assert "ask the sponsor to sign an explicit waiver" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Phase, phase_id).status is PhaseStatus.ACTIVE
        view = project_view(db.session.get(Project, world["project"].id), date.today())
        assert view.phases[0].gate.state is GateState.REOPENED and view.phases[0].awaits_signoff


def test_nothing_in_the_gate_forms_is_chosen_in_advance(app, client, login, world) -> None:  # noqa: F811
    _phase_id, criteria = _reviewed_first_phase(app, client, login, world)
    client.post("/logout")
    login(world["consultant"])
    page = client.get(f"/projects/{world['project'].id}", headers=EN).get_data(as_text=True)
    rework = re.search(rf'<select id="state-{criteria[0]}".*?</select>', page, re.DOTALL).group(0)
    assert re.findall(r"<option[^>]*selected[^>]*>", rework) == ['<option value="" selected>']
    assert f'id="note-{criteria[0]}" type="text" name="note" placeholder' in page  # its note is not filled in again
    client.post("/logout")
    login(world["sponsor"])
    page = client.get(f"/projects/{world['project'].id}", headers=EN).get_data(as_text=True)
    form = re.search(r'<form[^>]*class="signoff-form".*?</form>', page, re.DOTALL).group(0)
    assert 'name="decision"' in form and "<select" not in form  # go or no-go is the button the sponsor presses
    assert 'type="checkbox"' in form and "checked" not in form
    assert "Sign “go” for phase 1: Assess? The phase may then be closed; 2 open criteria will be waived." in form


def test_a_revised_decision_replaces_the_shown_one(app, client, login, world) -> None:  # noqa: F811
    phase_id, _criteria = _reviewed_first_phase(app, client, login, world)
    _sign(client, phase_id, decision="go", waiver="y", waiver_reason=REASON)
    page = _sign(client, phase_id, decision="no_go", comment="期望尚未统一")
    gate = _gate(page, phase_id)
    assert "No-go signed" in gate.split("</h3>")[0] and "Waived by the sponsor" not in gate
    assert "2 criteria are still open" in gate and '<details class="signoff-revise">' not in gate  # asked again, openly


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: `make test` installs it")
def test_the_status_report_shows_the_signed_go_and_the_waiver(app, client, login, world, tmp_path) -> None:  # noqa: F811
    phase_id, _criteria = _reviewed_first_phase(app, client, login, world)
    _sign(client, phase_id, decision="go", comment="同意进入采集", waiver="y", waiver_reason=REASON)
    text = pdf_text(client.get(f"/projects/{world['project'].id}/report.pdf?lang=en").data, tmp_path)
    flat = " ".join(text.split())
    assert "Go signed with a waiver" in flat and "Reason for the waiver: " + REASON in flat
    assert flat.count("Waived by 刘建国 on") == 2  # beside each waived criterion, with the reason
    text = pdf_text(client.get(f"/projects/{world['project'].id}/report.pdf?lang=zh_Hant").data, tmp_path)
    flat = "".join(text.split())
    assert "已簽署「放行」（附豁免）" in flat and "豁免理由：" + REASON in flat and "專案發起人已豁免" in flat
    assert (
        flat.count("每個與客戶接觸的部門的需求都已記錄") == 2
    )  # in the table and, in the reader's language, the waiver
