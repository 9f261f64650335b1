"""Pure rules of assessments: link states, status moves, target levels, pages, the review of answers and invitees."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from assess.enums import ANSWERING_STATUSES, INVITING_STATUSES, NEXT_STATUS, AssessmentStatus
from assess.invitees import Invitee
from assess.links import WELCOMING_STATES, LinkState, PagePlan, link_state
from assess.questionnaire import parse_questionnaire
from assess.review import GivenAnswer, review_of
from assess.targets import DEFAULT_TARGET, first_off_scale, target_levels
from tests.assess.fixtures import SMALL

TODAY = date(2026, 3, 10)
WITHDRAWN = datetime(2026, 3, 1, 9, 0)

DRAFT, OPEN, CLOSED = AssessmentStatus.DRAFT, AssessmentStatus.OPEN, AssessmentStatus.CLOSED


@pytest.mark.parametrize(
    ("status", "closes_on", "revoked_at", "submitted", "expected"),
    [
        (OPEN, date(2026, 3, 20), None, False, LinkState.OPEN),
        (OPEN, TODAY, None, False, LinkState.OPEN),  # the close date itself still counts
        (OPEN, date(2026, 3, 9), None, False, LinkState.CLOSED),  # past the close date
        (CLOSED, date(2026, 3, 20), None, False, LinkState.CLOSED),
        (DRAFT, date(2026, 3, 20), None, False, LinkState.NOT_OPEN_YET),
        (OPEN, date(2026, 3, 20), None, True, LinkState.SUBMITTED),
        (CLOSED, date(2026, 3, 20), None, True, LinkState.CLOSED),  # closed wins over submitted
        (OPEN, date(2026, 3, 20), WITHDRAWN, True, LinkState.REVOKED),  # a withdrawn link wins over everything
        (DRAFT, date(2026, 3, 9), WITHDRAWN, False, LinkState.REVOKED),
    ],
)
def test_link_state(status, closes_on, revoked_at, submitted, expected) -> None:
    assert link_state(status, closes_on, revoked_at, submitted, TODAY) is expected


@pytest.mark.parametrize(
    ("state", "welcomes"),
    [
        (LinkState.OPEN, True),
        (LinkState.SUBMITTED, True),
        (LinkState.CLOSED, False),
        (LinkState.REVOKED, False),
        (LinkState.NOT_OPEN_YET, False),
    ],
)
def test_which_links_show_their_welcome_page(state, welcomes) -> None:
    assert (state in WELCOMING_STATES) is welcomes


@pytest.mark.parametrize(
    ("status", "answers", "invites", "next_status"),
    [
        (DRAFT, False, True, OPEN),
        (OPEN, True, True, CLOSED),
        (CLOSED, False, False, OPEN),
    ],
)
def test_status_sets_and_moves(status, answers, invites, next_status) -> None:
    assert (status in ANSWERING_STATUSES) is answers
    assert (status in INVITING_STATUSES) is invites
    assert NEXT_STATUS[status] is next_status


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ({}, {"data": DEFAULT_TARGET, "sales": DEFAULT_TARGET}),
        ({"sales": 4.5}, {"data": DEFAULT_TARGET, "sales": 4.5}),
        ({"data": "2", "other": 5}, {"data": 2.0, "sales": DEFAULT_TARGET}),  # unknown dimensions are dropped
    ],
)
def test_target_levels(wanted, expected) -> None:
    assert target_levels(["data", "sales"], wanted) == expected


@pytest.mark.parametrize(
    ("targets", "off_scale"),
    [
        ({"data": 1.0, "sales": 5.0}, None),
        ({"data": 0.9, "sales": 5.0}, "data"),
        ({"data": 3.0, "sales": 5.5}, "sales"),
        ({"data": 6.0, "sales": 0.0}, "data"),  # the first in the dimensions' order
    ],
)
def test_first_off_scale(targets, off_scale) -> None:
    assert first_off_scale(targets) == off_scale


PLAN = PagePlan(("data", "sales"), has_expectations=True)


@pytest.mark.parametrize(
    ("page", "go", "jump", "destination"),
    [
        (1, "next", None, 2),
        (2, "next", None, 3),
        (3, "next", None, None),  # after the last page comes the review
        (2, "previous", None, 1),
        (1, "previous", None, 1),
        (2, "review", None, None),
        (1, "next", 3, 3),  # a page dot wins over the button
        (1, "next", 9, 3),
        (2, "next", 0, 3),  # no page dot
    ],
)
def test_page_after_a_save(page, go, jump, destination) -> None:
    assert PLAN.destination(page, go, jump) == destination


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (
            Invitee(" 张敏 ", " Zhang.Min@Example.COM ", " 销售部 ", " 经理 "),
            Invitee("张敏", "zhang.min@example.com", "销售部", "经理"),
        ),
        (Invitee("李娜", "", "客服中心", ""), Invitee("李娜", None, "客服中心", "")),
        (Invitee("李娜", None, "客服中心", None), Invitee("李娜", None, "客服中心", "")),  # type: ignore[arg-type]
    ],
)
def test_invitees_are_stored_cleaned(given, stored) -> None:
    assert given.cleaned() == stored


def _given(level: int | None, not_applicable: bool = False, comment: str = "") -> GivenAnswer:
    return GivenAnswer(level, not_applicable, comment)


@pytest.mark.parametrize(
    ("answers", "expected", "shown", "unanswered"),
    [
        ({}, {}, [(1, [None, None]), (2, [None])], 4),
        (
            {"data.code": _given(3, comment="编码混乱"), "data.dupes": _given(None, True)},
            {"sales_growth_pct": 20.0},
            [(1, ["3 Stage3 data.code level 3 编码混乱", "n/a"]), (2, [None])],
            1,
        ),
        ({"data.code": _given(None, comment="只有备注")}, {}, [(1, [None, None]), (2, [None])], 4),  # a comment alone
        ({"sales.leads": _given(7)}, {}, [(1, [None, None]), (2, [None])], 4),  # a level off the scale is no answer
    ],
)
def test_review_shows_every_answer_in_words(answers, expected, shown, unanswered) -> None:
    review = review_of(parse_questionnaire(SMALL), answers, expected, "en")

    def words(question) -> str | None:
        if question.not_applicable:
            return "n/a"
        if question.level is None:
            return None
        return " ".join(
            filter(None, [str(question.level), question.level_name, question.level_words, question.comment])
        )

    assert [(page.number, [words(question) for question in page.questions]) for page in review.pages] == shown
    assert review.unanswered == unanswered and review.expectations_page == 3
    assert [question.number for question in review.pages[0].questions] == [1, 2]
    assert review.pages[0].questions[0].comment == answers.get("data.code", _given(None)).comment
