"""Sign-in, language, client companies, their units and users."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from accounts import services
from accounts.forms import (
    AssignConsultantForm,
    ChangePasswordForm,
    ClientForm,
    LanguageForm,
    LoginForm,
    SetPasswordForm,
    UnitForm,
    UserForm,
    role_choices,
)
from accounts.models import Client, Role, User
from accounts.tenancy import admin_required, get_or_404, get_user_or_404, scoped, staff_required
from core.errors_domain import RuleError
from core.extensions import db, limiter
from core.i18n import LOCALES
from core.web import form_rule_error, is_safe_next

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> ResponseReturnValue:
    """Sign a user in with e-mail and password, starting a new session."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong e-mail or password."))
        else:
            locale = session.get("locale")
            session.clear()  # a new session: nothing from before the login carries over
            login_user(user)
            if user.locale is None and locale in LOCALES:
                services.set_locale(user, locale)
            services.record_login(user)
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("dashboard.index"))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    """End the session everywhere: the old session cookie no longer signs anybody in."""
    services.end_all_sessions(current_user._get_current_object())
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
            services.set_locale(current_user._get_current_object(), form.locale.data)
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("dashboard.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> ResponseReturnValue:
    """Show one's profile and change one's password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not user.check_password(form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.change_password(user, form.password.data)
            login_user(user)  # keep this session, the others end with the token change
            flash(_("Your password was changed. Other sessions were signed out."), "success")
            return redirect(url_for("accounts.account"))
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
    if form.validate_on_submit():
        try:
            client = services.create_client(
                current_user._get_current_object(), form.name.data, form.name_en.data, form.industry.data, form.is_group.data
            )
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("Client %(name)s was added.", name=client.name), "success")
            return redirect(url_for("dashboard.client", client_id=client.id))
    return render_template("accounts/client_form.html", form=form)


@bp.post("/clients/<int:client_id>/units")
@staff_required
def add_unit(client_id: int) -> ResponseReturnValue:
    """Add a business unit to a client."""
    client = get_or_404(Client, client_id)
    form = UnitForm()
    if form.validate_on_submit():
        try:
            services.add_unit(client, form.name.data, form.region.data, form.headcount.data)
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("Unit %(name)s was added.", name=form.name.data.strip()), "success")
            return redirect(url_for("dashboard.client", client_id=client.id) + "#units")
    return render_template("accounts/unit_form.html", client=client, form=form), 422


@bp.post("/clients/<int:client_id>/consultants")
@admin_required
def assign_consultant(client_id: int) -> ResponseReturnValue:
    """Assign a consultant to a client."""
    client = get_or_404(Client, client_id)
    form = AssignConsultantForm()
    consultants = db.session.scalars(select(User).where(User.role == Role.CONSULTANT)).all()
    form.consultant.choices = [SelectChoice(user.id, user.name) for user in consultants]
    if form.validate_on_submit():
        consultant = db.session.get(User, form.consultant.data)
        services.assign_consultant(client, consultant)
        flash(_("%(name)s is now assigned to this client.", name=consultant.name), "success")
    else:
        flash(_("Choose a consultant."), "error")
    return redirect(url_for("dashboard.client", client_id=client.id))


@bp.route("/clients/<int:client_id>/users/new", methods=["GET", "POST"])
@staff_required
def new_user(client_id: int) -> ResponseReturnValue:
    """Create a sponsor or team member of a client, with a password or an invitation link."""
    client = get_or_404(Client, client_id)
    form = UserForm()
    form.role.choices = role_choices(for_admin=False)
    if form.validate_on_submit():
        try:
            user, token = services.create_user(
                form.email.data, form.name.data, Role(form.role.data), client.id, form.password.data or None
            )
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("%(name)s was added.", name=user.name), "success")
            if token:
                session["invite_link"] = url_for("accounts.accept_invitation", token=token, _external=True)
            return redirect(url_for("accounts.user", user_id=user.id))
    return render_template("accounts/user_form.html", client=client, form=form)


@bp.get("/users/<int:user_id>")
@login_required
def user(user_id: int) -> ResponseReturnValue:
    """Show a user's page; the invitation link is shown once, right after it was made."""
    person = get_user_or_404(user_id)
    return render_template("accounts/user.html", person=person, invite_link=session.pop("invite_link", None))


@bp.post("/users/<int:user_id>/invitation")
@staff_required
def reissue_invitation(user_id: int) -> ResponseReturnValue:
    """Make a new invitation link for a client user; the old one stops working."""
    person = get_user_or_404(user_id)
    if person.role not in (Role.SPONSOR, Role.MEMBER) and current_user.role is not Role.ADMIN:
        abort(403)
    token = services.reissue_invitation(person)
    session["invite_link"] = url_for("accounts.accept_invitation", token=token, _external=True)
    return redirect(url_for("accounts.user", user_id=person.id))


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    """Let an invited user choose a password and sign in."""
    person = services.find_invited_user(token)
    if person is None:
        return render_template("accounts/invite_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        services.accept_invitation(person, form.password.data)
        session.clear()
        login_user(person)
        flash(_("Welcome, %(name)s. Your password is set.", name=person.name), "success")
        return redirect(url_for("dashboard.index"))
    return render_template("accounts/invite.html", form=form, person=person)
