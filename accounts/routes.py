"""Sign-in, language, client companies, their units and users."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from accounts import services
from accounts.forms import (
    ChangePasswordForm,
    ClientEditForm,
    ClientForm,
    LanguageForm,
    LoginForm,
    SetPasswordForm,
    UnitForm,
    UserForm,
    assign_consultant_form,
    role_choices,
)
from accounts.models import Client, Role, User
from accounts.queries import consultants
from accounts.tenancy import admin_required, get_or_404, get_user_or_404, scoped, staff_required
from core.extensions import db, limiter
from core.web import acting_user, back_to, created, guard, is_safe_next, saved

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _start_session(user: User) -> None:
    """Sign a user in on a new session: nothing from before the login carries over but the chosen language."""
    chosen_locale = session.get("locale")
    session.clear()
    login_user(user)
    services.record_login(user, chosen_locale)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> ResponseReturnValue:
    """Sign a user in with e-mail and password, starting a new session."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _start_session(user)
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("dashboard.index"))
        form.password.errors.append(_("Wrong e-mail or password."))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    """End the session everywhere: the old session cookie no longer signs anybody in."""
    services.end_all_sessions(acting_user())
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.post("/language")
def set_language() -> ResponseReturnValue:
    """Switch the language, remembered for the user (or the visitor's session)."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            services.set_locale(acting_user(), form.locale.data)
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("dashboard.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> ResponseReturnValue:
    """Show one's profile and change one's password."""
    form = ChangePasswordForm()
    user = acting_user()
    if saved(
        form,
        lambda: services.change_own_password(user, form.current.data, form.password.data),
        _("Your password was changed. Other sessions were signed out."),
    ):
        login_user(user)  # keep this session, the others end with the token change
        return back_to("accounts.account")
    return render_template("accounts/account.html", form=form)


@bp.get("/clients")
@login_required
def clients() -> ResponseReturnValue:
    """List the client companies the user may see."""
    statement = scoped(select(Client).order_by(Client.name), Client).options(selectinload(Client.units))
    return render_template("accounts/clients.html", clients=db.session.scalars(statement).all())


@bp.route("/clients/new", methods=["GET", "POST"])
@staff_required
def new_client() -> ResponseReturnValue:
    """Add a client company."""
    form = ClientForm()
    client = created(
        form,
        lambda: services.create_client(
            acting_user(),
            form.name.data,
            form.name_en.data,
            form.industry.data,
            form.is_group.data,
            form.time_zone.data,
        ),
    )
    if client is None:
        return render_template("accounts/client_form.html", form=form)
    flash(_("Client %(name)s was added.", name=client.name), "success")
    return back_to("dashboard.client", client_id=client.id)


@bp.route("/clients/<int:client_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_client(client_id: int) -> ResponseReturnValue:
    """Change a client's names, industry and time zone."""
    client = get_or_404(Client, client_id)
    form = ClientEditForm(obj=client)
    if form.is_submitted() and saved(
        form,
        lambda: services.update_client(
            client, form.name.data, form.name_en.data, form.industry.data, form.time_zone.data
        ),
        _("Client %(name)s was saved.", name=form.name.data),
    ):
        return back_to("dashboard.client", client_id=client.id)
    return render_template("accounts/client_form.html", form=form, client=client), 422 if form.is_submitted() else 200


@bp.post("/clients/<int:client_id>/units")
@staff_required
def add_unit(client_id: int) -> ResponseReturnValue:
    """Add a business unit to a client."""
    client = get_or_404(Client, client_id)
    form = UnitForm()
    unit = created(form, lambda: services.add_unit(client, form.name.data, form.region.data, form.headcount.data))
    if unit is None:
        return render_template("accounts/unit_form.html", client=client, form=form), 422
    flash(_("Unit %(name)s was added.", name=unit.name), "success")
    return back_to("dashboard.client", "units", client_id=client.id)


@bp.post("/clients/<int:client_id>/consultants")
@admin_required
def assign_consultant(client_id: int) -> ResponseReturnValue:
    """Assign a consultant to a client."""
    client = get_or_404(Client, client_id)
    form = assign_consultant_form(consultants())
    if form.validate_on_submit():
        consultant = db.session.get(User, form.consultant.data)
        saved(
            None,
            lambda: services.assign_consultant(client, consultant),
            _("%(name)s is now assigned to this client.", name=consultant.name),
        )
    else:
        flash(_("Choose a consultant."), "error")
    return back_to("dashboard.client", "people", client_id=client.id)


def _show_invitation_link_once(token: str) -> None:
    session["invite_link"] = url_for("accounts.accept_invitation", token=token, _external=True)


@bp.route("/clients/<int:client_id>/users/new", methods=["GET", "POST"])
@staff_required
def new_user(client_id: int) -> ResponseReturnValue:
    """Create a sponsor or team member of a client, with a password or an invitation link."""
    client = get_or_404(Client, client_id)
    form = UserForm()
    form.role.choices = role_choices(for_admin=False)
    made = created(
        form,
        lambda: services.create_user(
            form.email.data, form.name.data, Role(form.role.data), client.id, form.password.data or None
        ),
    )
    if made is None:
        return render_template("accounts/user_form.html", client=client, form=form)
    user, token = made
    flash(_("%(name)s was added.", name=user.name), "success")
    if token:
        _show_invitation_link_once(token)
    return back_to("accounts.user", user_id=user.id)


@bp.get("/users/<int:user_id>")
@login_required
def user(user_id: int) -> ResponseReturnValue:
    """Show a user's page; the invitation link is shown once, right after it was made."""
    person = get_user_or_404(user_id)
    return render_template("accounts/user.html", person=person, invite_link=session.pop("invite_link", None))


@bp.post("/users/<int:user_id>/invitation")
@staff_required
def reissue_invitation(user_id: int) -> ResponseReturnValue:
    """Make a new invitation link for a client user (only admins may for staff); the old one stops working."""
    person = get_user_or_404(user_id)
    guard(person.role.is_client_role or current_user.is_admin)
    _show_invitation_link_once(services.reissue_invitation(person))
    return back_to("accounts.user", "invitation", user_id=person.id)


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    """Let an invited user choose a password and sign in."""
    person = services.find_invited_user(token)
    if person is None:
        return render_template("accounts/invite_invalid.html"), 404
    form = SetPasswordForm()
    if created(form, lambda: services.accept_invitation(person, form.password.data)) is None:
        return render_template("accounts/invite.html", form=form, person=person)
    session.clear()
    login_user(person)
    flash(_("Welcome, %(name)s. Your password is set.", name=person.name), "success")
    return redirect(url_for("dashboard.index"))
