"""Choosing the language: browser preferences, the switcher, the user's remembered choice."""

from __future__ import annotations

import pytest

from core.i18n import locale_for_tag, negotiate_locale


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-CN", "zh_Hans"),
        ("zh", "zh_Hans"),
        ("zh-SG", "zh_Hans"),
        ("zh-Hans-CN", "zh_Hans"),
        ("zh-TW", "zh_Hant"),
        ("zh-HK", "zh_Hant"),
        ("zh-MO", "zh_Hant"),
        ("zh-Hant", "zh_Hant"),
        ("zh_Hant_HK", "zh_Hant"),
        ("en-GB", "en"),
        ("EN", "en"),
        ("fr-FR", None),
        ("*", None),
    ],
)
def test_locale_for_tag(tag: str, expected: str | None) -> None:
    assert locale_for_tag(tag) == expected


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        ([], "en"),
        ([("fr", 1.0), ("de", 0.8)], "en"),
        ([("fr", 1.0), ("zh-TW", 0.5)], "zh_Hant"),
        ([("en", 0.3), ("zh-CN", 0.9)], "zh_Hans"),
        ([("zh-HK", 1.0), ("zh-CN", 0.9), ("en", 0.8)], "zh_Hant"),
        ([("zh-CN", 0.0), ("en", 0.5)], "en"),
    ],
)
def test_negotiate_locale(accepted: list[tuple[str, float]], expected: str) -> None:
    assert negotiate_locale(accepted) == expected


def test_browser_language_decides_for_visitors(client) -> None:
    simplified = client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    traditional = client.get("/login", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    english = client.get("/login", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert 'lang="zh-Hans"' in simplified and "登录" in simplified
    assert 'lang="zh-Hant"' in traditional and "登入" in traditional
    assert 'lang="en"' in english and "Sign in" in english


def test_switcher_is_remembered_for_the_user_across_sessions(app, client, make_user, login) -> None:
    user = make_user("consultant")
    login(user)
    client.post("/language", data={"locale": "zh_Hant", "next": "/"})
    assert "儀表板" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    client.post("/logout")
    other_browser = app.test_client()
    login(user, browser=other_browser)
    page = other_browser.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="zh-Hant"' in page


def test_switcher_for_visitors_lasts_the_session(client) -> None:
    client.post("/language", data={"locale": "zh_Hans", "next": "/login"})
    assert 'lang="zh-Hans"' in client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_switcher_rejects_unknown_language(client) -> None:
    client.post("/language", data={"locale": "xx"})
    assert 'lang="en"' in client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_switcher_never_redirects_off_site(client) -> None:
    response = client.post("/language", data={"locale": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
