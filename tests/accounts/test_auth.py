"""Signing in and out: sessions, CSRF, rate limits, invitations and passwords."""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD, csrf_token_from


def test_sign_in_and_out(client, make_user, login) -> None:
    user = make_user("consultant", name="王立新")
    response = login(user)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "王立新" in client.get("/").get_data(as_text=True)
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_in_the_users_language(client, make_user) -> None:
    user = make_user("member")
    response = client.post(
        "/login", data={"email": user.email, "password": "wrong-password"}, headers={"Accept-Language": "zh-CN"}
    )
    assert response.status_code == 200
    assert 'lang="zh-Hans"' in response.get_data(as_text=True)
    assert "Wrong e-mail or password" not in response.get_data(as_text=True)
    assert 'class="errors"' in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_empty_form_shows_field_errors(client) -> None:
    page = client.post("/login", data={"email": "", "password": ""}, headers={"Accept-Language": "zh-TW"}).get_data(
        as_text=True
    )
    assert page.count('class="errors"') == 2
    assert "必填" in page


def test_unknown_email_and_inactive_user_are_refused(app, client, make_user) -> None:
    from accounts.models import User
    from core.db import write_transaction
    from core.extensions import db

    assert client.post("/login", data={"email": "nobody@example.com", "password": TEST_PASSWORD}).status_code == 200
    user = make_user("member")
    with app.app_context(), write_transaction():
        db.session.get(User, user.id).is_active_user = False
    assert client.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 200
    assert client.get("/").status_code == 302


def test_login_starts_a_new_session(client, make_user, login) -> None:
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    login(make_user("member"))
    with client.session_transaction() as session:
        assert "planted" not in session


def test_old_session_cookie_is_refused_after_logout(app, client, make_user, login) -> None:
    login(make_user("consultant"))
    stolen_cookie = client.get_cookie("session").value
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", stolen_cookie)
    response = replay.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_next_parameter_stays_on_site(client, make_user) -> None:
    user = make_user("consultant")
    response = client.post("/login?next=//evil.example/x", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login?next=/clients", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/clients"


def test_csrf_is_enforced(make_app, make_user) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    user = make_user("consultant", app=app)
    browser = app.test_client()
    refused = browser.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 400
    assert "expired" in refused.get_data(as_text=True)
    token = csrf_token_from(browser.get("/login").get_data(as_text=True))
    accepted = browser.post("/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert accepted.status_code == 302
    assert browser.post("/logout").status_code == 400  # a signed-in form without its token is refused too


def test_login_is_rate_limited(make_app, make_user) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    browser = app.test_client()
    user = make_user("member", app=app)
    codes = [
        browser.post("/login", data={"email": user.email, "password": "wrong-password"}).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    assert "Too many attempts" in browser.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD}
    ).get_data(as_text=True)


def test_password_change_requires_current_password_and_ends_other_sessions(app, client, make_user, login) -> None:
    user = make_user("member")
    login(user)
    other = app.test_client()
    login(user, browser=other)
    page = client.post(
        "/account", data={"current": "nope-nope", "password": "new-password-1", "confirm": "new-password-1"}
    )
    assert page.status_code == 200 and "wrong" in page.get_data(as_text=True)
    short = client.post("/account", data={"current": TEST_PASSWORD, "password": "short", "confirm": "short"})
    assert "At least 8 characters" in short.get_data(as_text=True)
    done = client.post(
        "/account", data={"current": TEST_PASSWORD, "password": "new-password-1", "confirm": "new-password-1"}
    )
    assert done.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
