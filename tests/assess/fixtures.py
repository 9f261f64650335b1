"""Assessment fixtures: a small questionnaire, assessments and respondent links."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest


def _text(english: str) -> dict[str, str]:
    return {"zh_Hans": f"简{english}", "zh_Hant": f"繁{english}", "en": english}


def _question(key: str, weight: float = 1.0) -> dict[str, Any]:
    return {
        "key": key,
        "weight": weight,
        "text": _text(f"Question {key}?"),
        "levels": [_text(f"{key} level {number}") for number in range(1, 6)],
    }


SMALL = {
    "key": "mini",
    "version": 1,
    "title": _text("Mini maturity"),
    "description": _text("A small questionnaire for tests."),
    "levels": [{"level": n, "name": _text(f"Stage{n}"), "summary": _text(f"Summary {n}")} for n in range(1, 6)],
    "dimensions": [
        {
            "key": "data",
            "weight": 2.0,
            "name": _text("Customer data"),
            "description": _text("Data"),
            "questions": [_question("data.code"), _question("data.dupes", 3.0)],
        },
        {
            "key": "sales",
            "weight": 1.0,
            "name": _text("Sales"),
            "description": _text("Sales"),
            "questions": [_question("sales.leads")],
        },
    ],
    "expectations": [
        {
            "key": "sales_growth_pct",
            "unit": "percent",
            "min": 0,
            "max": 500,
            "text": _text("Sales growth?"),
            "help": _text("Percent"),
            "unrealistic_if": {"above": 30},
            "pessimistic_if": {"below": 1},
            "unrealistic_warning": _text("Too high"),
            "pessimistic_warning": _text("Too low"),
        },
    ],
}


@pytest.fixture
def small_questionnaire() -> dict[str, Any]:
    """A valid two-dimension questionnaire (a fresh copy per test)."""
    return copy.deepcopy(SMALL)


@pytest.fixture
def stored_questionnaire(app, small_questionnaire):
    """The small questionnaire stored in the database."""
    from assess import services
    from tests.conftest import detached

    return detached(app, lambda: services.import_questionnaire(small_questionnaire)[0])


@pytest.fixture
def make_assessment(app, make_user, stored_questionnaire) -> Callable[..., Any]:
    """Create an (open by default) assessment of a client on the small questionnaire."""
    from accounts.models import Client, User
    from assess import services
    from assess.models import AssessmentStatus, Questionnaire
    from core.extensions import db
    from tests.conftest import detached

    def factory(
        client: Any,
        anonymous: bool = False,
        status: str = "open",
        targets: dict | None = None,
        title: str = "CRM 成熟度评估",
    ) -> Any:
        consultant = make_user("consultant", clients=(client,))

        def create() -> Any:
            assessment = services.create_assessment(
                db.session.get(Client, client.id),
                db.session.get(Questionnaire, stored_questionnaire.id),
                title,
                date.today() + timedelta(days=14),
                anonymous,
                targets or {"data": 4, "sales": 3},
                db.session.get(User, consultant.id),
            )
            if status != "draft":
                services.set_status(assessment, AssessmentStatus(status))
            return assessment

        return detached(app, create)

    return factory


@pytest.fixture
def make_links(app) -> Callable[..., list[str]]:
    """Invite respondents (name, department[, role]) and return their link paths."""
    from assess import services
    from assess.invitees import Invitee
    from assess.models import Assessment
    from core.extensions import db

    def factory(assessment: Any, *people: tuple[str, ...]) -> list[str]:
        with app.app_context():
            record = db.session.get(Assessment, assessment.id)
            if record.anonymous:
                links = [
                    link
                    for person in people
                    for link in services.invite_anonymous(record, person[1], person[2] if len(person) > 2 else "", 1)
                ]
            else:
                invitees = [
                    Invitee(person[0], None, person[1], person[2] if len(person) > 2 else "") for person in people
                ]
                links = services.invite(record, invitees)
            return [f"/r/{link.token}" for link in links]

    return factory
