"""A client's time zone: chosen on the client's form from real zone names, refused in the reader's language otherwise."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from accounts.models import Client
from core.extensions import db

REFUSALS = {
    "en": "Choose a time zone from the list.",
    "zh-CN": "请从列表中选择时区。",
    "zh-TW": "請從清單中選擇時區。",
}


def _zone_of(app, client_id: int) -> str | None:
    with app.app_context():
        return db.session.get(Client, client_id).time_zone


def test_a_consultant_adds_a_client_in_its_own_zone(app, client, login, make_user) -> None:
    login(make_user("consultant"))
    response = client.post("/clients/new", data={"name": "永豐國際物流股份有限公司", "time_zone": "Asia/Taipei"})
    assert response.status_code == 302
    with app.app_context():
        added = db.session.scalars(select(Client).where(Client.name == "永豐國際物流股份有限公司")).one()
        assert added.time_zone == "Asia/Taipei"


def test_the_form_offers_the_sites_default_and_names_its_zone(client, login, make_user, make_client) -> None:
    company = make_client()
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/clients/{company.id}/edit", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert '<option selected value="">網站預設（Asia/Shanghai · 中國（上海）時間）</option>' in page
    assert '<option value="Asia/Taipei">Asia/Taipei · 台灣時間</option>' in page
    assert '<option value="UTC">UTC</option>' in page


@pytest.mark.parametrize("language", sorted(REFUSALS))
@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Asia/taipei", "../../etc/passwd", "UTC+8"])
def test_an_unknown_zone_is_refused_in_the_readers_language_and_nothing_changes(
    app, client, login, make_user, make_client, language, zone
) -> None:
    company = make_client("华东精工机械有限公司")
    login(make_user("consultant", clients=(company,)))
    response = client.post(
        f"/clients/{company.id}/edit",
        data={"name": "华东精工（新名）", "time_zone": zone},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 422
    assert REFUSALS[language] in response.get_data(as_text=True)
    with app.app_context():
        unchanged = db.session.get(Client, company.id)
        assert (unchanged.name, unchanged.time_zone) == ("华东精工机械有限公司", None)


def test_a_new_client_with_an_unknown_zone_is_not_added(app, client, login, make_user) -> None:
    login(make_user("consultant"))
    response = client.post("/clients/new", data={"name": "火星公司", "time_zone": "Mars/Base"})
    assert REFUSALS["en"] in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Client.id).where(Client.name == "火星公司")) is None


def test_the_zone_is_changed_and_set_back_to_the_sites_default(app, client, login, make_user, make_client) -> None:
    company = make_client("永豐國際物流")
    login(make_user("consultant", clients=(company,)))
    changed = client.post(f"/clients/{company.id}/edit", data={"name": "永豐國際物流", "time_zone": "Asia/Taipei"})
    assert changed.status_code == 302
    assert _zone_of(app, company.id) == "Asia/Taipei"
    page = client.get(f"/clients/{company.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Time zone Asia/Taipei" in page
    client.post(f"/clients/{company.id}/edit", data={"name": "永豐國際物流", "time_zone": ""})
    assert _zone_of(app, company.id) is None
    page = client.get(f"/clients/{company.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Time zone Asia/Shanghai (site default)" in page


def test_only_the_clients_staff_may_change_its_zone(app, client, login, make_user, make_client) -> None:
    company, other = make_client(), make_client()
    login(make_user("sponsor", client=company))
    assert client.post(f"/clients/{company.id}/edit", data={"name": "x", "time_zone": "UTC"}).status_code == 403
    client.post("/logout")
    login(make_user("consultant", clients=(other,)))
    assert client.post(f"/clients/{company.id}/edit", data={"name": "x", "time_zone": "UTC"}).status_code == 404
    assert _zone_of(app, company.id) is None


def test_the_service_refuses_an_unknown_zone(app, make_client) -> None:
    from accounts import services
    from core.errors_domain import RuleError

    company = make_client()
    with app.test_request_context(headers={"Accept-Language": "zh-TW"}):
        record = db.session.get(Client, company.id)
        with pytest.raises(RuleError) as refused:
            services.update_client(record, record.name, None, None, "Asia/Atlantis")
        assert (refused.value.field, refused.value.message) == ("time_zone", REFUSALS["zh-TW"])
    assert _zone_of(app, company.id) is None
