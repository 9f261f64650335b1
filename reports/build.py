"""Build report HTML (context → template) and PDFs (cached by the HTML's fingerprint)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from assess.models import Assessment
from phases.projects.models import Project
from reports.assessment_report import assessment_context
from reports.pdf import ReportCache, cache_key, render_pdf
from reports.status_report import status_context


def status_html(project: Project, locale: str, prepared_by: str, today: date) -> str:
    """Return the project status report as HTML in the given language."""
    with force_locale(locale):
        return render_template("reports/status.html", report=status_context(project, prepared_by, locale, today))


def assessment_html(assessment: Assessment, locale: str, prepared_by: str) -> str:
    """Return the assessment report as HTML in the given language."""
    with force_locale(locale):
        return render_template("reports/assessment.html", report=assessment_context(assessment, prepared_by, locale))


def pdf_of(html: str) -> bytes:
    """Return the PDF of report HTML, from the cache when the same report was made before."""
    cache = ReportCache(Path(current_app.instance_path) / "report-cache")
    key = cache_key(html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html, timeout=current_app.config.get("REPORT_TIMEOUT", 30.0))
        cache.put(key, pdf)
    return pdf
