"""Assessments: scoring 1,000 respondents × 45 questions from the database, and saving one answer."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import insert, select

from accounts import services as account_services
from accounts.models import Client, ConsultantAssignment, Role, User
from assess import services
from assess.library import content_of
from assess.models import Answer, Assessment, AssessmentStatus, Invitation, Questionnaire, Response
from assess.results import load_results
from bench.harness import Figure, median_ms, scratch_app
from core.clock import local_today
from core.extensions import db
from core.profiling import count_queries
from core.tokens import hash_token, new_token

RESPONDENTS = 1000
DEPARTMENTS = ["销售部", "市场部", "客服中心", "信息技术部", "财务部"]


def _client_and_consultant() -> tuple[Client, User]:
    """Create the client and a consultant assigned to it."""
    client = Client(name="基准客户")
    consultant = User(email="bench@example.com", name="顾问", role=Role.CONSULTANT)
    db.session.add_all([client, consultant])
    db.session.flush()
    db.session.add(ConsultantAssignment(user_id=consultant.id, client_id=client.id))
    db.session.commit()
    return client, consultant


def _insert_invitations(assessment: Assessment, client: Client, tokens: Sequence[str]) -> list[int]:
    """Insert one invitation per token, spread over the departments; return the invitation ids in order."""
    db.session.execute(
        insert(Invitation),
        [
            {
                "assessment_id": assessment.id,
                "client_id": client.id,
                "token_hash": hash_token(token),
                "name": f"人{number}",
                "department": DEPARTMENTS[number % len(DEPARTMENTS)],
                "role": "",
            }
            for number, token in enumerate(tokens)
        ],
    )
    return list(db.session.scalars(select(Invitation.id).order_by(Invitation.id)).all())


def _insert_responses(assessment: Assessment, client: Client, invitation_ids: Sequence[int]) -> list[int]:
    """Insert a submitted response for each invitation given; return the response ids in order."""
    db.session.execute(
        insert(Response),
        [
            {
                "assessment_id": assessment.id,
                "client_id": client.id,
                "invitation_id": invitation_id,
                "department": DEPARTMENTS[number % len(DEPARTMENTS)],
                "role": "",
                "status": "submitted",
                "page": 1,
            }
            for number, invitation_id in enumerate(invitation_ids)
        ],
    )
    return list(db.session.scalars(select(Response.id).order_by(Response.id)).all())


def _insert_answers(response_ids: Sequence[int], question_keys: Sequence[str]) -> None:
    """Answer every question of every response with a level drawn from a fixed seed, so each run scores the same."""
    rng = random.Random(1)
    db.session.execute(
        insert(Answer),
        [
            {
                "response_id": response_id,
                "question_key": key,
                "level": rng.randint(1, 5),
                "not_applicable": False,
                "comment": "",
                "revision": 1,
            }
            for response_id in response_ids
            for key in question_keys
        ],
    )


def _populate(respondents: int) -> tuple[int, list[str]]:
    """Create an open assessment with `respondents` submitted responses in bulk; return its id and one open link."""
    services.ensure_bundled_questionnaires()
    questionnaire = db.session.scalars(select(Questionnaire)).first()
    content = content_of(questionnaire)
    client, consultant = _client_and_consultant()
    assessment = services.create_assessment(
        client, questionnaire, "基准评估", local_today() + timedelta(days=30), False, {}, consultant
    )
    services.set_status(assessment, AssessmentStatus.OPEN)
    # One invitation more than there are respondents: its link stays unanswered, for the answer-saving benchmark.
    tokens = [new_token() for _ in range(respondents + 1)]
    invitation_ids = _insert_invitations(assessment, client, tokens)
    response_ids = _insert_responses(assessment, client, invitation_ids[:respondents])
    _insert_answers(response_ids, [question.key for question in content.questions])
    db.session.commit()
    return assessment.id, [tokens[-1]]


def run() -> list[Figure]:
    """Measure scoring from the database, one answer save, and the results page's queries."""
    app = scratch_app()
    with app.app_context():
        assessment_id, (token,) = _populate(RESPONDENTS)
        assessment = db.session.get(Assessment, assessment_id)
        questions = len(content_of(assessment.questionnaire).questions)
        scoring = median_ms(lambda: load_results(assessment), repeat=15)
        answers = db.session.query(Answer).count()

    browser = app.test_client()
    browser.get(f"/r/{token}/page/1")
    choices = iter(range(10_000))

    def save_one() -> None:
        level = str(1 + next(choices) % 5)  # a different level each time: every call really writes
        response = browser.post(
            f"/r/{token}/answer", json={"kind": "answer", "key": first_key, "choice": level, "revision": None}
        )
        assert response.status_code == 200, response.get_data(as_text=True)

    with app.app_context():
        first_key = content_of(db.session.get(Assessment, assessment_id).questionnaire).questions[0].key
    save = median_ms(save_one, repeat=200, warmup=10)

    with app.app_context():
        consultant = db.session.scalars(select(User)).first()
        email = consultant.email
        account_services.change_password(consultant, "bench-password")
        engine = db.engine
    browser.post("/login", data={"email": email, "password": "bench-password"})
    with count_queries(engine) as log:
        assert browser.get(f"/assessments/{assessment_id}/results").status_code == 200
    page = median_ms(lambda: browser.get(f"/assessments/{assessment_id}/results"), repeat=5, warmup=1)
    return [
        Figure(
            f"score {RESPONDENTS} respondents × {questions} questions ({answers} answers) from the database",
            scoring,
            "ms",
            target=150,
        ),
        Figure("save one answer through the respondent endpoint (median)", save, "ms", target=5),
        Figure(f"results page with {RESPONDENTS} respondents: median time", page, "ms"),
        Figure(f"results page with {RESPONDENTS} respondents: SQL statements", log.count, "queries"),
    ]
