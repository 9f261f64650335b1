"""The migration that gives waivers their reason and criteria keeps earlier waivers covering what they let pass."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from accounts.models import Client, User
from core.extensions import db
from phases.projects import gate_services, services
from phases.projects.enums import CriterionState, GateDecision, PhaseStatus
from phases.projects.methodology import Methodology
from phases.projects.models import GateCriterion, GateSignoff, Phase

MIGRATIONS = str(Path(__file__).parent.parent.parent.parent / "migrations")
BEFORE = "c12a00000007"  # the revision before waivers named their criteria


def test_an_earlier_waiver_covers_the_criteria_open_at_migration_with_its_comment_as_reason(
    make_app, make_client, make_user, tmp_path
) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    with app.app_context():
        upgrade(directory=MIGRATIONS)
    company = make_client("华东精工机械有限公司", app=app)
    sponsor_id = make_user("sponsor", client=company, name="刘建国", app=app).id
    with app.test_request_context(headers={"Accept-Language": "en"}):
        sponsor = db.session.get(User, sponsor_id)
        project = services.create_project(
            db.session.get(Client, company.id), "CRM 一期", Methodology.FIVE_STEP, date(2026, 1, 1), date(2026, 12, 1)
        )
        phase = db.session.scalars(select(Phase).where(Phase.project_id == project.id, Phase.position == 1)).one()
        services.change_phase_status(phase, sponsor, PhaseStatus.ACTIVE, date(2026, 1, 5))
        criteria = db.session.scalars(
            select(GateCriterion).where(GateCriterion.phase_id == phase.id).order_by(GateCriterion.id)
        ).all()
        for criterion in criteria[1:]:
            gate_services.review_criterion(criterion, sponsor, CriterionState.PASS, "", "")
        gate_services.sign_gate(phase, sponsor, GateDecision.GO, "先进入采集", True, "采集首周完成")
        open_id = criteria[0].id
        db.session.remove()

        downgrade(directory=MIGRATIONS, revision=BEFORE)  # as the waiver was stored before: a flag and texts
        upgrade(directory=MIGRATIONS)
        signoff = db.session.scalars(select(GateSignoff)).one()
        assert signoff.waived_criterion_ids == [open_id] and signoff.waiver_reason == "先进入采集"
        db.session.remove()
        db.engine.dispose()
