"""Project pages."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy import select

from accounts.tenancy import get_or_404
from core.extensions import db
from phases.models import Project, StatusUpdate

bp = Blueprint("phases", __name__)


@bp.get("/projects/<int:project_id>")
@login_required
def project(project_id: int) -> ResponseReturnValue:
    """Show a project: its phases and its status updates."""
    record = get_or_404(Project, project_id)
    updates = db.session.scalars(
        select(StatusUpdate).where(StatusUpdate.project_id == record.id).order_by(StatusUpdate.id.desc()).limit(10)
    ).all()
    return render_template("phases/project.html", project=record, updates=updates)
