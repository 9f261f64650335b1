"""Forms for signing in, languages, clients, units, users and passwords."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, NumberRange

from accounts.models import CLIENT_ROLES, Role, User
from core.forms import MIN_PASSWORD_LENGTH, email_address, max_length, optional, required
from core.i18n import LOCALE_NAMES, LOCALES
from core.labels import label

# The length rule is the service's; the browser only gets it as a hint.
_PASSWORD_HINT = {"minlength": MIN_PASSWORD_LENGTH}


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), validators=[required(), email_address(), max_length(254)])
    password = PasswordField(_l("Password"), validators=[required(), max_length(200)])


class LanguageForm(FlaskForm):
    """The language switcher."""

    locale = SelectField(
        _l("Language"), choices=[SelectChoice(code, LOCALE_NAMES[code]) for code in LOCALES], validators=[required()]
    )


class ClientForm(FlaskForm):
    """A new client company."""

    name = StringField(_l("Company name"), validators=[required(), max_length(200)])
    name_en = StringField(_l("English name"), validators=[optional(), max_length(200)])
    industry = StringField(_l("Industry"), validators=[optional(), max_length(120)])
    is_group = BooleanField(_l("Group with several units (subsidiaries, regions, partners)"))


class UnitForm(FlaskForm):
    """A business unit of a group client."""

    name = StringField(_l("Unit name"), validators=[required(), max_length(200)])
    region = StringField(_l("Region"), validators=[required(), max_length(80)])
    headcount = IntegerField(
        _l("Headcount"),
        validators=[optional(), NumberRange(min=0, max=10_000_000, message=_l("Enter a number from 0 upwards."))],
    )


def role_choices(for_admin: bool) -> list[SelectChoice]:
    """Return the roles a consultant (or an admin) may give to a new user."""
    roles = [*CLIENT_ROLES, *([Role.CONSULTANT] if for_admin else [])]
    return [SelectChoice(role.value, label(role)) for role in roles]


class UserForm(FlaskForm):
    """A new user of a client; without a password, an invitation link is made instead."""

    name = StringField(_l("Full name"), validators=[required(), max_length(120)])
    email = EmailField(_l("E-mail"), validators=[required(), email_address(), max_length(254)])
    role = SelectField(_l("Role"), validators=[required()])
    password = PasswordField(
        _l("Initial password (leave empty to create an invitation link)"),
        validators=[optional(), max_length(200)],
        render_kw=_PASSWORD_HINT,
    )


class AssignConsultantForm(FlaskForm):
    """Pick a consultant to assign to a client."""

    consultant = SelectField(_l("Consultant"), coerce=int, validators=[required()])


def assign_consultant_form(candidates: Sequence[User]) -> AssignConsultantForm:
    """Return the form to assign one of these consultants to a client."""
    form = AssignConsultantForm()
    form.consultant.choices = [SelectChoice(user.id, f"{user.name} <{user.email}>") for user in candidates]
    return form


class SetPasswordForm(FlaskForm):
    """Choose a password (invitation)."""

    password = PasswordField(_l("New password"), validators=[required(), max_length(200)], render_kw=_PASSWORD_HINT)
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class ChangePasswordForm(SetPasswordForm):
    """Change one's password, proving the current one."""

    current = PasswordField(_l("Current password"), validators=[required()])
