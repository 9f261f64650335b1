"""The audit trail speaks words: every record, action and field has a name, and values read in the reader's locale."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from phases import audit
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.projects import gate_services
from phases.projects import services as project_services
from phases.projects.audit_trail import shown_value
from phases.projects.enums import CriterionState, GateDecision, PhaseStatus
from phases.projects.models import GateCriterion, Phase, Project
from phases.recovery import services as recovery_services
from phases.recovery.checklist import ScopeDecision
from phases.recovery.models import ExpectationReset

ROOT = Path(__file__).parent.parent.parent
# Columns that place a record (its id, tenant, parent, order, template) rather than describe it: never audited.
BOOKKEEPING = {
    "id",
    "client_id",
    "project_id",
    "recovery_id",
    "cell_id",
    "function_id",
    "unit_id",
    "user_id",
    "position",
    "key",
    "step_key",
    "template_key",
    "created_at",
    "updated_at",
}
HELPERS = {"record": (3, 6), "add_created": (2, None), "apply_changes": (None, None)}  # positions: entity, action
WIN = {
    "original_claim": "销售翻番",
    "small_win": "每次拜访都有记录",
    "metric": "拜访记录率",
    "baseline_value": "40 %",
    "target_value": "90 %",
    "target_date": date.today() + timedelta(days=90),
}
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _recorded_names() -> tuple[set[str], set[str], set[str]]:
    """Walk the sources for what they write to the audit trail: kinds of record, actions and field names."""
    entities, actions, fields = set(), set(), set()
    for path in (ROOT / "phases").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in HELPERS:
                if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"):
                    continue
                entity_at, action_at = HELPERS[node.func.attr]
                for names, position in ((entities, entity_at), (actions, action_at)):
                    if position is not None and len(node.args) > position:
                        argument = node.args[position]
                        names.update(_strings(argument))
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Dict):
                        fields.update(key.value for key in inner.keys if isinstance(key, ast.Constant))
            if isinstance(node, ast.Assign):  # changes["score"] = (old, new)
                fields.update(
                    target.slice.value
                    for target in node.targets
                    if isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "changes"
                    and isinstance(target.slice, ast.Constant)
                )
    return entities, actions, fields


def _strings(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):  # "waiver" if signoff.waiver else "signed"
        return _strings(node.body) | _strings(node.orelse)
    return set()


def test_every_record_action_and_field_written_to_the_trail_has_a_name(app) -> None:
    entities, actions, fields = _recorded_names()
    assert {"milestone", "scope_item", "rollout_cell"} <= entities and {"waiver", "evaluated"} <= actions
    assert {"waived_criteria", "score", "cells", "reason"} <= fields
    models = audit.audited_models()
    assert not entities - set(models), "a kind of record without its model"
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):  # a name is a translation, never the key
        _check_names(entities, actions, fields)
    for entity, model in models.items():
        for column in model.__table__.columns:
            if column.name not in BOOKKEEPING:
                assert audit.has_field_name(entity, column.name), f"{entity}.{column.name} has no name"


def _check_names(entities: set[str], actions: set[str], fields: set[str]) -> None:
    for entity in entities:
        assert audit.entity_name(entity) != entity, f"record {entity} has no name"
        for name in fields:
            assert audit.field_name(entity, name) != name, f"field {name} has no name"
    for action in actions | {"created"}:
        assert audit.action_name(action) != action, f"action {action} has no name"


def test_a_field_name_can_mean_something_else_on_one_kind_of_record(app) -> None:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert audit.field_name("scope_item", "reason") == "Reason for the decision"
        assert audit.field_name("project", "reason") == "Reason for re-baselining"
        assert audit.field_name("deviation", "reason") == "Business reason"


@pytest.mark.parametrize(
    "language, kind, stored, shown",
    [
        ("en", bool, "True", "yes"),
        ("zh-CN", bool, "False", "否"),
        ("zh-TW", bool, "True", "是"),
        ("en", date, "2026-03-05", "Mar 5, 2026"),
        ("zh-CN", date, "2026-03-05", "2026年3月5日"),
        ("zh-TW", date, "2026-03-05", "2026年3月5日"),
        ("en", Decimal, "1250000.50", "1,250,000.5"),
        ("zh-CN", Decimal, "1250000.50", "1,250,000.5"),
        ("en", PhaseStatus, "run_optimise", "Run and optimise"),
        ("zh-TW", IssueStatus, "closed", "已解決"),
        ("en", int, "40", "40"),
        ("en", date, "", ""),
        ("en", date, "not a date", "not a date"),
    ],
)
def test_a_stored_value_reads_as_words(app, language, kind, stored, shown) -> None:
    with app.test_request_context(headers={"Accept-Language": language}):
        assert shown_value(kind, stored) == shown


def test_a_stored_timestamp_reads_in_the_locale_format(app) -> None:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = shown_value(datetime, "2026-03-05T09:30:00.123456")
        # The site's one date-time format, at the site's local time (Asia/Shanghai: 09:30 UTC is 5:30 PM).
        assert "2026-03-05" not in text and "Mar 5, 2026, 5:30 PM" in text.replace("\u202f", " ")


@pytest.fixture
def trail(app, make_client, make_user, make_project):
    """A project whose trail holds dates, amounts, enums, a timestamp, a template criterion and a scope reason."""
    company = make_client("华东精工机械有限公司")
    sponsor = make_user("sponsor", client=company, name="刘建国")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    project = make_project(company, name="CRM 一期")
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}), app.app_context():
        record = db.session.get(Project, project.id)
        actor, signer = db.session.get(User, consultant.id), db.session.get(User, sponsor.id)
        phase = db.session.scalars(select(Phase).where(Phase.project_id == record.id).order_by(Phase.position)).first()
        project_services.update_phase(
            phase, actor, {"investment": Decimal("1250000.00"), "planned_end": date(2026, 9, 30)}
        )
        project_services.change_phase_status(phase, actor, PhaseStatus.ACTIVE, date.today())
        criterion = db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == phase.id)).first()
        gate_services.review_criterion(criterion, actor, CriterionState.REWORK, "编码规则未定", criterion.template_key)
        gate_services.sign_gate(phase, signer, GateDecision.GO, "", waiver=True, waiver_reason="Pilot first")
        recovery = recovery_services.start_recovery(record, actor, "")
        recovery_services.add_expectation(recovery, actor, WIN)
        recovery_services.accept_expectations(recovery, signer)
        row = db.session.scalars(select(ExpectationReset).where(ExpectationReset.recovery_id == recovery.id)).first()
        recovery_services.update_expectation(row, actor, {**WIN, "target_value": "95 %"})
        recovery_services.add_scope_item(recovery, actor, "渠道返利", ScopeDecision.DEFERRED, "二期再做")
        issue = issue_services.report_issue(
            record, actor, "接口超时", "", IssueSeverity.HIGH, None, None, date(2026, 10, 1)
        )
        issue_services.update_issue(issue, actor, {"status": IssueStatus.IN_PROGRESS})
    return {"project": project, "sponsor": sponsor}


def _trail_table(html: str) -> str:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize(
    "language, words",
    [
        (
            "en",
            ("Reason for the decision", "Investment released (CNY)", "Rework", "Deferred", "Sep 30, 2026", "1,250,000"),
        ),
        ("zh-CN", ("决定理由", "已拨付投入（人民币）", "返工", "延后", "2026年9月30日", "1,250,000")),
        (
            "zh-TW",
            (
                "每個與客戶接觸的部門的需求都已記錄",
                "成熟度評估已回收",
                "決定理由",
                "已撥付投入（人民幣）",
                "重工",
                "延後",
                "2026年9月30日",
                "1,250,000",
            ),
        ),
    ],
)
def test_the_trail_page_shows_words_not_keys_or_timestamps(client, login, trail, language, words) -> None:
    login(trail["sponsor"])
    page = client.get(f"/projects/{trail['project'].id}/audit", headers={"Accept-Language": language})
    text = _trail_table(page.get_data(as_text=True))
    assert not SNAKE.findall(text), SNAKE.findall(text)
    assert not ISO.findall(text), ISO.findall(text)
    for word in words:
        assert word in text, word
