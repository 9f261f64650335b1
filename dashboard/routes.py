"""The dashboard and the client page: what each user sees of their clients, projects and assessments."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import login_required

from accounts.forms import UnitForm, assign_consultant_form
from accounts.models import Client
from accounts.queries import consultants
from accounts.tenancy import get_or_404
from core.web import acting_user
from dashboard.view import client_view, dashboard_view

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index() -> ResponseReturnValue:
    """Show the user's clients, each with its projects' current phase and status."""
    return render_template("dashboard/index.html", view=dashboard_view())


@bp.get("/clients/<int:client_id>")
@login_required
def client(client_id: int) -> ResponseReturnValue:
    """Show a client: its units, people, consultants and projects."""
    reader = acting_user()
    view = client_view(get_or_404(Client, client_id), reader)
    assign_form = None
    if reader.is_admin:
        assigned = {person.id for person in view.consultants}
        assign_form = assign_consultant_form([user for user in consultants() if user.id not in assigned])
    return render_template("dashboard/client.html", client=view, unit_form=UnitForm(), assign_form=assign_form)
