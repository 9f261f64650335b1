"""Consultants add client companies, their units and their people in the web UI."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from accounts.models import BusinessUnit, Client, ConsultantAssignment, User
from core.extensions import db


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_consultant_adds_a_client_and_is_assigned(app, client, login, make_user) -> None:
    consultant = make_user("consultant")
    login(consultant)
    response = client.post(
        "/clients/new",
        data={"name": "华南物流有限公司", "name_en": "South China Logistics", "industry": "物流", "is_group": "y"},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "华南物流有限公司" in page
    with app.app_context():
        created = db.session.scalars(select(Client).where(Client.name == "华南物流有限公司")).one()
        assert created.is_group
        assert (
            db.session.scalar(select(ConsultantAssignment.user_id).where(ConsultantAssignment.client_id == created.id))
            == consultant.id
        )


def test_bad_client_input_is_refused_and_saves_nothing(app, client, login, make_user, make_client) -> None:
    make_client("已存在有限公司")
    login(make_user("consultant"))
    before = _count(app, Client)
    empty = client.post("/clients/new", data={"name": ""}, headers={"Accept-Language": "en"})
    assert empty.status_code == 200 and "This field is required." in empty.get_data(as_text=True)
    duplicate = client.post("/clients/new", data={"name": "已存在有限公司"}, headers={"Accept-Language": "en"})
    assert "already exists" in duplicate.get_data(as_text=True)
    too_long = client.post("/clients/new", data={"name": "长" * 201})
    assert too_long.status_code == 200
    assert _count(app, Client) == before


def test_units_are_added_with_validation(app, client, login, make_user, make_client) -> None:
    group = make_client("鼎新集团", is_group=True)
    login(make_user("consultant", clients=(group,)))
    ok = client.post(f"/clients/{group.id}/units", data={"name": "上海分公司", "region": "华东", "headcount": "120"})
    assert ok.status_code == 302
    bad = client.post(
        f"/clients/{group.id}/units",
        data={"name": "", "region": "华东", "headcount": "-5"},
        headers={"Accept-Language": "en"},
    )
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "This field is required." in text and "Enter a number from 0 upwards." in text
    again = client.post(
        f"/clients/{group.id}/units", data={"name": "上海分公司", "region": "华东"}, headers={"Accept-Language": "en"}
    )
    assert "already has a unit" in again.get_data(as_text=True)
    assert _count(app, BusinessUnit) == 1


def test_invited_person_sets_a_password_and_signs_in(app, client, login, make_user, make_client) -> None:
    company = make_client("华北商贸有限公司")
    login(make_user("consultant", clients=(company,)))
    response = client.post(
        f"/clients/{company.id}/users/new", data={"name": "李娜", "email": "Li.Na@Example.com", "role": "sponsor"}
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    link = re.search(r'value="(http://[^"]+/invite/[^"]+)"', page).group(1)
    assert client.get(response.headers["Location"]).get_data(as_text=True).count("/invite/") == 0  # shown once
    client.post("/logout")

    invitee = app.test_client()
    path = link.split("localhost", 1)[1]
    mismatch = invitee.post(
        path, data={"password": "long-enough-1", "confirm": "different-1"}, headers={"Accept-Language": "en"}
    )
    assert "The two passwords differ." in mismatch.get_data(as_text=True)
    short = invitee.post(path, data={"password": "short", "confirm": "short"}, headers={"Accept-Language": "en"})
    assert "At least 8 characters." in short.get_data(as_text=True)
    accepted = invitee.post(path, data={"password": "long-enough-1", "confirm": "long-enough-1"})
    assert accepted.status_code == 302
    assert "李娜" in invitee.get("/").get_data(as_text=True)
    assert app.test_client().get(path).status_code == 404  # used up
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == "li.na@example.com")).one()
        assert user.client_id == company.id and user.invite_token_hash is None


def test_reissued_invitation_replaces_the_old_link(app, client, login, make_user, make_client) -> None:
    company = make_client()
    login(make_user("consultant", clients=(company,)))
    created = client.post(
        f"/clients/{company.id}/users/new", data={"name": "王芳", "email": "wf@example.com", "role": "member"}
    )
    first = re.search(r"/invite/([\w-]+)", client.get(created.headers["Location"]).get_data(as_text=True)).group(1)
    user_id = int(created.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/users/{user_id}/invitation")
    second = re.search(r"/invite/([\w-]+)", client.get(f"/users/{user_id}").get_data(as_text=True)).group(1)
    assert first != second
    assert app.test_client().get(f"/invite/{first}").status_code == 404
    assert app.test_client().get(f"/invite/{second}").status_code == 200


def test_person_form_errors_and_duplicates(app, client, login, make_user, make_client) -> None:
    company = make_client()
    existing = make_user("member", client=company)
    login(make_user("consultant", clients=(company,)))
    before = _count(app, User)
    bad = client.post(
        f"/clients/{company.id}/users/new",
        data={"name": "", "email": "not-an-email", "role": "member"},
        headers={"Accept-Language": "en"},
    )
    text = bad.get_data(as_text=True)
    assert "This field is required." in text and "Enter a valid e-mail address." in text
    dup = client.post(
        f"/clients/{company.id}/users/new",
        data={"name": "X", "email": existing.email.upper(), "role": "member"},
        headers={"Accept-Language": "en"},
    )
    assert "already exists" in dup.get_data(as_text=True)
    escalate = client.post(
        f"/clients/{company.id}/users/new", data={"name": "X", "email": "x@example.com", "role": "admin"}
    )
    assert escalate.status_code == 200  # not a valid choice for a consultant
    assert _count(app, User) == before


def test_admin_assigns_a_consultant(app, client, login, make_user, make_client) -> None:
    company = make_client()
    consultant = make_user("consultant")
    login(make_user("admin"))
    client.post(f"/clients/{company.id}/consultants", data={"consultant": consultant.id})
    client.post(f"/clients/{company.id}/consultants", data={"consultant": consultant.id})  # twice changes nothing
    assert _count(app, ConsultantAssignment) == 1
    client.post("/logout")
    login(consultant)
    assert client.get(f"/clients/{company.id}").status_code == 200
