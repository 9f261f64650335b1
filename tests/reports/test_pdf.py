"""PDF reports: read back with pdftotext, locked down (nothing fetched from outside), cached, time-limited."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from core.extensions import db

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: `make test` installs it")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """Return the text of a PDF as pdftotext reads it."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    """Return the page count of a PDF."""
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def listener() -> Iterator[dict]:
    """A local HTTP server that counts every request it gets (none may come from a report)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "hits": hits}
    server.shutdown()


def test_fetcher_serves_data_and_static_and_refuses_the_rest(listener) -> None:
    from reports.pdf import render_in_process

    html = (
        '<html><head><link rel="stylesheet" href="/static/css/report.css">'
        f'<link rel="stylesheet" href="{listener["url"]}/evil.css"></head><body><h1>安全 測試</h1>'
        '<img src="file:///etc/passwd"><img src="/static/../app.py">'
        f'<img src="{listener["url"]}/pixel.png">'
        '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI1IiBoZWlnaHQ9IjUiLz4=">'
        "</body></html>"
    )
    pdf, refused = render_in_process(html)
    assert pdf.startswith(b"%PDF")
    assert listener["hits"] == []
    assert any(url.startswith("file:///etc/passwd") for url in refused)
    assert any(url.startswith(listener["url"]) for url in refused)
    assert any("app.py" in url for url in refused)
    assert not any("report.css" in url for url in refused)  # the site's own stylesheet is served


def test_render_time_limit() -> None:
    from reports.pdf import ReportTimeout, render_pdf

    huge = (
        "<html><body><table>" + "".join(f"<tr><td>{n} 数据</td></tr>" for n in range(40000)) + "</table></body></html>"
    )
    with pytest.raises(ReportTimeout):
        render_pdf(huge, timeout=0.5)
    assert render_pdf("<p>ok</p>").startswith(b"%PDF")  # a fresh worker takes over


@pytest.fixture
def reported(app, make_client, make_user, make_project, make_assessment, make_links):
    """A project with milestones, an issue, a status update and an answered assessment."""
    from accounts.models import User
    from phases.issues import services as issue_services
    from phases.issues.enums import IssueSeverity
    from phases.projects import services
    from phases.projects.enums import Rag
    from phases.projects.methodology import milestone_name as milestone_name_in
    from phases.projects.models import Milestone, Project

    company = make_client("华东精工机械有限公司", name_en="East China Precision")
    sponsor = make_user("sponsor", client=company, name="刘建国")
    project = make_project(company, name="CRM 一期：销售与客户数据")
    assessment = make_assessment(company)
    browser = app.test_client()
    for link, level in zip(make_links(assessment, ("张敏", "销售部"), ("王强", "客服中心")), ("2", "4")):
        browser.post(
            f"{link}/answer",
            json={"kind": "answer", "key": "sales.leads", "choice": level, "revision": 0, "comment": "线索没有人跟进"},
        )
        browser.post(f"{link}/submit")
    with app.app_context():
        record = db.session.get(Project, project.id)
        author = db.session.get(User, sponsor.id)
        services.add_status_update(record, author, Rag.AMBER, "客户资料导入发现重复记录", "清洗重复客户")
        issue_services.report_issue(
            record, author, "客户编码重复", "", IssueSeverity.HIGH, None, None, date.today() + timedelta(days=5)
        )
        milestone = db.session.scalars(select(Milestone).where(Milestone.project_id == project.id)).first()
        # a suggested milestone reads in the report's language, whatever language it was created in
        milestone_name = milestone_name_in(record.methodology, milestone.template_key, milestone.name, "zh_Hans")
    return {
        "company": company,
        "sponsor": sponsor,
        "project": project,
        "assessment": assessment,
        "milestone": milestone_name,
    }


def test_status_report_pdf_reads_back(client, login, reported, tmp_path) -> None:
    login(reported["sponsor"])
    response = client.get(f"/projects/{reported['project'].id}/report.pdf?lang=zh_Hans")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    for expected in (
        "华东精工机械有限公司",
        "CRM 一期：销售与客户数据",
        "客户资料导入发现重复记录",
        "客户编码重复",
        "刘建国",
    ):
        assert expected in text, expected
    if reported["milestone"]:
        assert reported["milestone"][:6] in text
    assert "里程碑" in text and "\ufffd" not in text
    assert 3 <= pdf_pages(response.data, tmp_path) <= 30


def test_assessment_report_in_three_languages(client, login, reported, tmp_path) -> None:
    login(reported["sponsor"])
    texts = {}
    for lang in ("zh_Hans", "zh_Hant", "en"):
        response = client.get(f"/assessments/{reported['assessment'].id}/report.pdf?lang={lang}")
        assert response.status_code == 200
        texts[lang] = pdf_text(response.data, tmp_path)
    assert "3.00" in texts["en"]  # sales.leads: (2 + 4) / 2
    assert "East China Precision" in texts["en"] and "华东精工机械有限公司" in texts["zh_Hans"]
    assert "线索没有人跟进" in texts["zh_Hant"]
    assert "成熟度" in texts["zh_Hans"] and "成熟度" in texts["zh_Hant"]
    preview = client.get(f"/assessments/{reported['assessment'].id}/report.html?lang=en")
    assert preview.status_code == 200 and "<svg" in preview.get_data(as_text=True)


def test_hostile_user_text_is_printed_not_fetched(app, client, login, reported, listener, tmp_path) -> None:
    from accounts.models import Client, User
    from assess.models import Answer, Assessment, Invitation, Response
    from core.db import write_transaction
    from phases.issues.models import Issue
    from phases.projects.models import GateCriterion, Milestone, Phase, Project, StatusUpdate

    hostile = (
        f'<img src="file:///etc/passwd"><link rel="stylesheet" href="{listener["url"]}/x.css"> {listener["url"]}/y.png'
    )
    with app.app_context(), write_transaction():
        # Every user-typed field that reaches a report.
        db.session.get(Project, reported["project"].id).name = "项目" + hostile
        db.session.get(Client, reported["company"].id).name_en = hostile
        db.session.get(User, reported["sponsor"].id).name = hostile  # "prepared by"
        db.session.get(Assessment, reported["assessment"].id).title = hostile
        rows = [
            (StatusUpdate, ("summary", "next_steps")),
            (Issue, ("title",)),
            (Milestone, ("name",)),
            (Phase, ("visible_result",)),
            (GateCriterion, ("text", "note")),
            (Answer, ("comment",)),
            (Response, ("department", "role")),
            (Invitation, ("name", "department")),
        ]
        for model, fields in rows:
            for record in db.session.scalars(select(model)):
                for field in fields:
                    setattr(record, field, hostile)
    login(reported["sponsor"])
    for url in (
        f"/projects/{reported['project'].id}/report.pdf?lang=en",
        f"/assessments/{reported['assessment'].id}/report.pdf?lang=en",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "file:///etc/passwd" in pdf_text(response.data, tmp_path)  # shown as text
    assert listener["hits"] == []


def test_unchanged_report_comes_from_the_cache(app, client, login, reported) -> None:
    login(reported["sponsor"])
    url = f"/projects/{reported['project'].id}/report.pdf?lang=zh_Hans"
    first = client.get(url).data
    cache = Path(app.instance_path) / "report-cache"
    assert len(list(cache.glob("*.pdf"))) == 1
    assert client.get(url).data == first
    assert len(list(cache.glob("*.pdf"))) == 1
    client.post(
        f"/projects/{reported['project'].id}/updates", data={"rag": "red", "summary": "新的状态", "next_steps": ""}
    )
    assert client.get(url).data != first  # new data, new report
    assert len(list(cache.glob("*.pdf"))) == 2


def test_reports_respect_tenants_and_roles(app, client, login, reported, make_client, make_user) -> None:
    other = make_client("乙公司")
    login(make_user("sponsor", client=other))
    assert client.get(f"/projects/{reported['project'].id}/report.pdf").status_code == 404
    assert client.get(f"/assessments/{reported['assessment'].id}/report.pdf").status_code == 404
    client.post("/logout")
    login(make_user("member", client=reported["company"]))
    assert client.get(f"/assessments/{reported['assessment'].id}/report.html").status_code == 403
    assert client.get(f"/projects/{reported['project'].id}/report.html?lang=xx").status_code == 404


def test_report_cli(app, runner, reported, tmp_path) -> None:
    output = tmp_path / "status.pdf"
    result = runner.invoke(
        args=["report", "status", str(reported["project"].id), "-o", str(output), "--lang", "zh_Hant"]
    )
    assert result.exit_code == 0, result.output
    assert "華東精工" in pdf_text(output.read_bytes(), tmp_path) or "华东精工" in pdf_text(
        output.read_bytes(), tmp_path
    )
    result = runner.invoke(
        args=["report", "assessment", str(reported["assessment"].id), "-o", str(tmp_path / "a.pdf"), "--lang", "en"]
    )
    assert result.exit_code == 0 and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert runner.invoke(args=["report", "status", "999999", "-o", str(output)]).exit_code != 0


def test_fonts_are_subset_with_harfbuzz(tmp_path) -> None:
    """HarfBuzz-subset (libharfbuzz-subset0) is several times faster than the fontTools fallback."""
    from weasyprint.text.ffi import harfbuzz_subset

    from reports.pdf import render_in_process

    assert harfbuzz_subset is not None
    pdf, _refused = render_in_process("<p style=\"font-family: 'Noto Sans CJK SC'\">页脚与正文：简体中文</p>")
    assert "Noto-Sans-CJK-SC" in _fonts(pdf, tmp_path)


def _fonts(pdf: bytes, tmp_path: Path) -> str:
    """Return pdffonts' table: the embedded fonts, each an embedded subset ("ABCDEF+Name", sub = yes)."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    table = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = table.splitlines()[2:]
    assert rows and all("+" in row.split()[0] for row in rows)
    return table


def test_reports_name_the_cjk_font_of_their_language(client, login, reported, tmp_path) -> None:
    """No fallback font: Simplified reports embed the SC face, Traditional ones the TC face (footer included)."""
    login(reported["sponsor"])
    hans = _fonts(client.get(f"/projects/{reported['project'].id}/report.pdf?lang=zh_Hans").data, tmp_path)
    hant = _fonts(client.get(f"/projects/{reported['project'].id}/report.pdf?lang=zh_Hant").data, tmp_path)
    assert "CJK-SC" in hans and "CJK-JP" not in hans and "CJK-KR" not in hans
    assert "CJK-TC" in hant and "CJK-JP" not in hant
