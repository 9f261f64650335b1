"""The dashboard view."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy import func, select

from accounts.models import BusinessUnit, Client
from accounts.tenancy import scoped
from core.extensions import db
from phases.queries import project_summaries

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index() -> ResponseReturnValue:
    """Show the user's clients, each with its projects' current phase and status."""
    unit_counts = (
        select(BusinessUnit.client_id, func.count(BusinessUnit.id).label("units"))
        .group_by(BusinessUnit.client_id)
        .subquery()
    )
    statement = scoped(
        select(Client, func.coalesce(unit_counts.c.units, 0))
        .outerjoin(unit_counts, unit_counts.c.client_id == Client.id)
        .order_by(Client.name),
        Client,
    )
    clients = db.session.execute(statement).all()
    projects_by_client: dict[int, list] = {}
    for summary in project_summaries():
        projects_by_client.setdefault(summary.client_id, []).append(summary)
    return render_template("dashboard/index.html", clients=clients, projects_by_client=projects_by_client)
