"""PDF reports: the demo status report in Chinese against bare WeasyPrint on the same HTML, and a cache hit."""

from __future__ import annotations

import statistics
import time

from sqlalchemy import select

from bench.harness import Figure, median_ms, scratch_app
from core.clock import local_today
from core.extensions import db
from demo.seed import DEMO_PASSWORD, seed_demo
from phases.projects.models import Project
from reports.build import status_html
from reports.pdf import BASE_URL, render_in_process, render_pdf, safe_fetcher_class

ROUNDS = 5


def _seconds(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run() -> list[Figure]:
    """Measure the status report of the demo group project side by side with bare WeasyPrint."""
    app = scratch_app()
    with app.app_context():
        seed_demo()
        project = db.session.scalars(select(Project).where(Project.name == "集团 CRM 矩阵推广")).one()
        project_id = project.id
    with app.test_request_context():
        html = status_html(db.session.get(Project, project_id), "zh_Hans", "王立新", local_today())
    charts = html.count("<svg")
    render_pdf(html)  # start and warm the worker
    render_in_process(html)  # warm WeasyPrint in this process too
    ours, bare = [], []
    for _ in range(ROUNDS):  # alternate, so both see the same machine load
        ours.append(_seconds(lambda: render_pdf(html)))
        bare.append(_seconds(lambda: render_in_process(html)))
    from weasyprint import HTML

    pages = len(HTML(string=html, base_url=BASE_URL, url_fetcher=safe_fetcher_class()()).render().pages)

    browser = app.test_client()
    browser.post("/login", data={"email": "zhou.haiyan@dingsheng.example", "password": DEMO_PASSWORD})
    url = f"/projects/{project_id}/report.pdf?lang=zh_Hans"
    assert browser.get(url).status_code == 200  # fills the cache
    cached = median_ms(lambda: browser.get(url), repeat=20)
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    return [
        Figure(
            f"status report, zh_Hans, {charts} charts, ~{pages} pages: full pipeline (median)", ours_s, "s", target=1.0
        ),
        Figure("same HTML, bare WeasyPrint layout + write (median)", bare_s, "s"),
        Figure("pipeline / bare WeasyPrint", ours_s / bare_s, "×", target=1.3),
        Figure("status report served from the cache (median, through the page)", cached, "ms", target=50),
    ]
