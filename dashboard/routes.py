"""The dashboard and the client page: what each user sees of their clients, projects and assessments."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import func, select
from wtforms.fields.choices import SelectChoice

from accounts.forms import AssignConsultantForm, UnitForm
from accounts.models import BusinessUnit, Client, ConsultantAssignment, Role, User
from accounts.tenancy import get_or_404, scoped
from assess.queries import client_assessments
from core.extensions import db
from phases.overview.queries import project_summaries

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


@bp.get("/clients/<int:client_id>")
@login_required
def client(client_id: int) -> ResponseReturnValue:
    """Show a client: its units, people, consultants and projects."""
    client = get_or_404(Client, client_id)
    people = db.session.scalars(select(User).where(User.client_id == client.id).order_by(User.role, User.name)).all()
    consultants = db.session.scalars(
        select(User).join(ConsultantAssignment, ConsultantAssignment.user_id == User.id)
        .where(ConsultantAssignment.client_id == client.id).order_by(User.name)
    ).all()
    assign_form = _assign_form(consultants) if current_user.role is Role.ADMIN else None
    return render_template(
        "dashboard/client.html", client=client, people=people, consultants=consultants,
        projects=project_summaries(client.id), unit_form=UnitForm(), assign_form=assign_form,
        assessments=client_assessments(client.id) if current_user.role is not Role.MEMBER else [],
    )


def _assign_form(already: list[User]) -> AssignConsultantForm:
    form = AssignConsultantForm()
    taken = {user.id for user in already}
    candidates = db.session.scalars(select(User).where(User.role == Role.CONSULTANT).order_by(User.name)).all()
    form.consultant.choices = [SelectChoice(user.id, f"{user.name} <{user.email}>") for user in candidates if user.id not in taken]
    return form
