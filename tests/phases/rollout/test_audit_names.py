"""The audit trail names rollout records in the reader's language: cells, functions, training rows, tier policies."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.extensions import db
from phases.rollout import organisation_services
from phases.rollout.enums import TrainingAudience, UnitTier
from phases.rollout.models import TrainingSession
from tests.phases.rollout.world import TODAY, actor, project_of

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _trail_table(html: str) -> str:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.sub(r"<[^>]+>", " ", body)


def test_rollout_records_are_named_in_the_readers_language(app, client, login, group) -> None:
    """A training row, a tier policy and a rollout function written in Chinese read in English."""
    with app.app_context():
        project, consultant = project_of(group), actor(group)
        organisation_services.save_tier_policy(project, consultant, UnitTier.A, "核心单位", "奖金 15%", "")
        organisation_services.plan_training(project, consultant, [(group["units"]["广州分公司"], "华南", 40)], TODAY)
        row = db.session.scalars(
            select(TrainingSession).where(TrainingSession.audience == TrainingAudience.KEY_USERS)
        ).one()
        values = {"participants": 3, "sessions": 1, "planned_date": TODAY, "done_on": None, "trainer_id": None}
        organisation_services.update_training(row, consultant, values)
    login(group["sponsor"])
    page = client.get(f"/projects/{group['project']}/audit", headers={"Accept-Language": "en"})
    text = _trail_table(page.get_data(as_text=True))
    assert "广州分公司 · Key users and administrators" in text and "Tier A" in text
    assert not SNAKE.findall(text), SNAKE.findall(text)
