"""Site-wide behaviour: health probe, security headers, translated error pages, secret key."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_healthz_reports_the_database(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok"
    assert body["database"]["dialect"] in ("sqlite", "postgresql")


def test_healthz_reports_a_dead_database(make_app, tmp_path) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"]["status"] == "error"


@pytest.mark.parametrize("url", ["/login", "/healthz", "/no-such-page", "/static/css/app.css"])
def test_security_headers_on_every_response(client, url) -> None:
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script_in_pages(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert "<script>" not in page and "onclick=" not in page and "style=" not in page


def test_session_cookie_is_httponly_and_samesite(client, make_user, login) -> None:
    response = login(make_user("consultant"))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-CN", "页面不存在"), ("zh-TW", "頁面不存在"), ("en", "This page does not exist")],
)
def test_404_page_is_translated(client, language, expected) -> None:
    response = client.get("/no/such/page", headers={"Accept-Language": language})
    assert response.status_code == 404 and expected in response.get_data(as_text=True)


def test_500_page_is_translated_and_shows_no_traceback(make_app) -> None:
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom", headers={"Accept-Language": "zh-CN"})
    text = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in text and "secret internals" not in text
    assert 'lang="zh-Hans"' in text
    assert "Something went wrong" not in text


def test_403_page_is_translated(client, make_user, login) -> None:
    login(make_user("member"))
    response = client.get("/clients/new", headers={"Accept-Language": "zh-TW"})
    assert response.status_code == 403 and 'lang="zh-Hant"' in response.get_data(as_text=True)


def test_secret_key_is_generated_into_the_instance_folder(tmp_path, monkeypatch) -> None:
    from app import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))
    key = (Path(tmp_path) / "secret_key").read_text().strip()
    assert len(key) >= 64 and first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key
    assert "dev" not in key


def test_environment_and_instance_config_are_read(tmp_path, monkeypatch) -> None:
    from app import create_app

    (tmp_path / "config.py").write_text('SECRET_KEY = "from-instance-file"\nLOGIN_RATE_LIMIT = "5 per minute"\n')
    monkeypatch.setenv("LOGIN_RATE_LIMIT", "7 per minute")
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    app = create_app(None, instance_path=str(tmp_path))
    assert app.config["SECRET_KEY"] == "from-instance-file"
    assert app.config["LOGIN_RATE_LIMIT"] == "7 per minute"
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
