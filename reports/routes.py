"""Report downloads: project status and assessment reports as PDF or HTML preview, in a chosen language."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import login_required

from assess.access import assessment_for_results
from core.clock import local_today
from core.i18n import LOCALES
from core.web import acting_user
from phases.projects.access import project_or_404
from reports.build import assessment_html, pdf_of, status_html

bp = Blueprint("reports", __name__)


def _language() -> str:
    chosen = request.args.get("lang") or str(get_locale())
    if chosen not in LOCALES:
        abort(404)
    return chosen


def _send(html: str, fmt: str, filename: str) -> ResponseReturnValue:
    if fmt == "html":
        return Response(html, mimetype="text/html")
    if fmt != "pdf":
        abort(404)
    return Response(
        pdf_of(html), mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}.pdf"'}
    )


@bp.get("/projects/<int:project_id>/report.<fmt>")
@login_required
def status_report(project_id: int, fmt: str) -> ResponseReturnValue:
    """Download the project status report (PDF) or preview it (HTML)."""
    project = project_or_404(project_id)
    locale = _language()
    html = status_html(project, locale, acting_user().name, local_today())
    return _send(html, fmt, f"status-report-{project.id}-{locale}")


@bp.get("/assessments/<int:assessment_id>/report.<fmt>")
@login_required
def assessment_report(assessment_id: int, fmt: str) -> ResponseReturnValue:
    """Download the assessment report (PDF) or preview it (HTML)."""
    assessment = assessment_for_results(assessment_id)
    locale = _language()
    html = assessment_html(assessment, locale, acting_user().name)
    return _send(html, fmt, f"assessment-report-{assessment.id}-{locale}")
