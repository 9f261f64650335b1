"""One e-mail is invited once per assessment: lists, the single form, the service, the index and the migration."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app import create_app
from assess import services
from assess.invitees import AlreadyInvited, Invitee, RowError, already_invited, parse_invitees
from assess.models import Assessment, Invitation
from core.db import write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from tests.conftest import BASE_CONFIG


def _invitations(app) -> list[tuple[str | None, str | None]]:
    with app.app_context():
        return [
            tuple(row) for row in db.session.execute(select(Invitation.name, Invitation.email).order_by(Invitation.id))
        ]


@pytest.mark.parametrize(
    ("listing", "invited", "codes"),
    [
        ("张敏,a@x.com,销售部\n李娜,b@x.com,客服\n", {}, []),
        ("张敏,a@x.com,销售部\n李娜, A@X.com ,客服\n", {}, [(2, "duplicate_email", "A@X.com", "1")]),
        ("张敏,a@x.com,销售部\n李娜,b@x.com,客服\n", {"b@x.com": "李娜"}, [(2, "already_invited", "b@x.com", "李娜")]),
        ("张敏,A@x.com,销售部\n", {"a@x.com": "张敏"}, [(1, "already_invited", "A@x.com", "张敏")]),
        # the second line repeats an invited address: it is reported as already invited, not as a repeat
        (
            "张敏,a@x.com,销售部\n张敏,a@x.com,销售部\n",
            {"a@x.com": "张"},
            [(1, "already_invited", "a@x.com", "张")] * 1 + [(2, "already_invited", "a@x.com", "张")],
        ),
        ("王强,,市场部\n赵磊,,市场部\n", {"": "nobody"}, []),  # lines without an e-mail are never repeats
    ],
)
def test_repeated_and_invited_emails_are_named_by_line(listing, invited, codes) -> None:
    _invitees, errors = parse_invitees(listing, invited)
    assert errors == [RowError(*code) for code in codes]


@pytest.mark.parametrize(
    ("emails", "invited", "repeated"),
    [
        (["a@x.com", "b@x.com"], {}, []),
        (["a@x.com", " A@x.COM "], {}, [(" A@x.COM ", "n0")]),
        (["a@x.com", None, None], {"b@x.com": "B"}, []),
        (["B@x.com"], {"b@x.com": "B"}, [("B@x.com", "B")]),
    ],
)
def test_already_invited_compares_trimmed_and_in_any_case(emails, invited, repeated) -> None:
    invitees = [Invitee(f"n{number}", email, "销售部", "") for number, email in enumerate(emails)]
    assert [(item.invitee.email, item.invited_as) for item in already_invited(invitees, invited)] == repeated
    assert all(isinstance(item, AlreadyInvited) for item in already_invited(invitees, invited))


def test_the_service_refuses_an_email_already_invited_and_saves_nothing(app, make_client, make_assessment) -> None:
    assessment = make_assessment(make_client())
    with app.test_request_context(headers={"Accept-Language": "en"}):
        record = db.session.get(Assessment, assessment.id)
        services.invite(record, [Invitee("张敏", "zhang.min@example.com", "销售部", "")])
        with pytest.raises(RuleError) as single:
            services.invite(record, [Invitee("张敏敏", "  Zhang.Min@EXAMPLE.com ", "销售部", "")])
        assert single.value.field == "email"
        assert "zhang.min@example.com is already invited to this assessment (张敏)" in single.value.message
        with pytest.raises(RuleError) as listed:
            services.invite(
                record,
                [
                    Invitee("李娜", "li.na@example.com", "客服", "", 1),
                    Invitee("张", "zhang.min@example.com", "x", "", 2),
                ],
            )
        assert listed.value.field == "rows" and "zhang.min@example.com" in listed.value.message
    assert _invitations(app) == [("张敏", "zhang.min@example.com")]


def test_the_database_keeps_one_invitation_per_email(app, make_client, make_assessment) -> None:
    assessment = make_assessment(make_client())
    with app.app_context():
        record = db.session.get(Assessment, assessment.id)
        services.invite(record, [Invitee("张敏", "a@example.com", "销售部", ""), Invitee("李娜", None, "销售部", "")])
        services.invite(record, [Invitee("王强", None, "销售部", "")])  # links without an e-mail are not limited
        with pytest.raises(IntegrityError), write_transaction():
            db.session.add(
                Invitation(
                    assessment_id=record.id,
                    client_id=record.client_id,
                    token_hash="0" * 64,
                    email="a@example.com",
                    department="x",
                )
            )
            db.session.flush()
    assert len(_invitations(app)) == 3


def test_the_single_form_shows_the_refusal_beside_the_email_in_chinese(
    app, client, login, make_client, make_user, make_assessment
) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    person = {"name": "张敏", "email": "zhang.min@example.com", "department": "销售部", "role": "", "locale": ""}
    assert client.post(f"/assessments/{assessment.id}/invite", data=person).status_code == 200
    again = client.post(
        f"/assessments/{assessment.id}/invite",
        data={**person, "email": " ZHANG.MIN@example.com"},
        headers={"Accept-Language": "zh-CN"},
    )
    page = html.unescape(again.get_data(as_text=True))
    assert again.status_code == 422
    field = page.split('id="email"', 1)[1].split("</div>", 1)[0]
    assert "zhang.min@example.com 已邀请过此评估（张敏）" in field
    assert len(_invitations(app)) == 1


def test_a_list_names_repeats_and_invited_emails_and_creates_nothing(
    app, client, login, make_client, make_user, make_assessment
) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    client.post(f"/assessments/{assessment.id}/invite/bulk", data={"rows": "张敏,zhang.min@example.com,销售部\n"})
    listing = "李娜,li.na@example.com,客服中心\n王强,Li.Na@example.com ,市场部\n张敏,Zhang.Min@example.com,销售部\n"
    page = client.post(
        f"/assessments/{assessment.id}/invite/bulk", data={"rows": listing}, headers={"Accept-Language": "en"}
    )
    text_ = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 422 and "Nothing was created" in text_
    assert "Line 2: Li.Na@example.com appears twice in the list (first on line 1)." in text_
    assert "Line 3: Zhang.Min@example.com is already invited (张敏)." in text_
    assert [email for _name, email in _invitations(app)] == ["zhang.min@example.com"]


MIGRATIONS = str(Path(__file__).parent.parent.parent / "migrations")
LEGACY_SETUP = [
    "INSERT INTO clients (id, name, name_en, industry, is_group, created_at) VALUES (1, 'c', NULL, '', 0, '2026-01-01')",
    "INSERT INTO questionnaires (id, key, version, content, checksum, created_at) VALUES (1, 'q', 1, '{}', '', '2026-01-01')",
    (
        "INSERT INTO assessments (id, client_id, questionnaire_id, title, status, anonymous, closes_on, created_at) "
        "VALUES (1, 1, 1, 't', 'open', 0, '2027-01-01', '2026-01-01')"
    ),
]
INVITATION = (
    "INSERT INTO invitations (id, assessment_id, client_id, token_hash, name, email, department, role, created_at) "
    "VALUES (:id, 1, 1, :hash, :name, :email, 'd', '', '2026-01-01')"
)
RESPONSE = (
    "INSERT INTO responses (assessment_id, client_id, invitation_id, department, role, status, page, started_at, "
    "updated_at) VALUES (1, 1, :id, 'd', '', 'submitted', 1, '2026-01-01', '2026-01-01')"
)


def _legacy_database(tmp_path: Path, rows: list[tuple[int, str | None, bool]]):
    """Return an app on a fresh SQLite file at the revision before the one-invitation rule, holding the rows."""
    url = f"sqlite:///{tmp_path / 'legacy.sqlite3'}"
    legacy = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url}, instance_path=str(tmp_path))
    with legacy.app_context():
        upgrade(directory=MIGRATIONS, revision="43c1997c4fbf")
        for statement in LEGACY_SETUP:
            db.session.execute(text(statement))
        for number, email, answered in rows:
            db.session.execute(
                text(INVITATION), {"id": number, "hash": f"{number:064d}", "name": f"n{number}", "email": email}
            )
            if answered:
                db.session.execute(text(RESPONSE), {"id": number})
        db.session.commit()
    return legacy


def test_the_migration_merges_repeated_invitations_without_losing_answers(tmp_path) -> None:
    rows = [  # id, e-mail, a response started?
        (1, "a@x.com", False),
        (2, " A@X.com", False),  # a: nobody answered → the latest link stays, the older is withdrawn
        (3, "b@x.com", True),
        (4, "B@x.com", False),  # b: the answered link stays, the unused one is withdrawn
        (5, "c@x.com", True),
        (6, "c@x.com ", True),  # c: both answered → both stay, the e-mail stays on the first
        (7, None, False),
        (8, None, False),
    ]
    legacy = _legacy_database(tmp_path, rows)
    with legacy.app_context():
        upgrade(directory=MIGRATIONS, revision="c12a00000006")
        after = db.session.execute(text("SELECT id, email, revoked_at IS NOT NULL FROM invitations ORDER BY id")).all()
        assert [tuple(row) for row in after] == [
            (1, None, 1),
            (2, "a@x.com", 0),
            (3, "b@x.com", 0),
            (4, None, 1),
            (5, "c@x.com", 0),
            (6, None, 0),
            (7, None, 0),
            (8, None, 0),
        ]
        assert db.session.scalar(text("SELECT count(*) FROM responses")) == 3
        db.engine.dispose()


def test_invitation_counts_stay_right_after_a_refusal(app, client, login, make_client, make_user, make_assessment):
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    person = {"name": "张敏", "email": "a@example.com", "department": "销售部", "role": "", "locale": ""}
    for _attempt in range(3):
        client.post(f"/assessments/{assessment.id}/invite", data=person)
    page = client.get(f"/assessments/{assessment.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    rate_row = re.search(r"<td>销售部</td><td class=\"num\">(\d+)</td>", page)
    assert rate_row and rate_row.group(1) == "1"
    with app.app_context():
        assert db.session.scalar(select(func.count(Invitation.id))) == 1
