"""Forms for signing in, languages, clients, units, users and passwords."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel.dates import get_timezone_location
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, IntegerField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, NumberRange, ValidationError

from accounts.models import CLIENT_ROLES, Role, User
from core.clock import TIME_ZONE_CHOICES, is_time_zone
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


def _zone_or_empty(value: Any) -> str:
    return str(value) if value else ""


def time_zone_name(form: FlaskForm, field: Field) -> None:
    """Accept an empty choice (the site's default) or a time zone name the zone database knows."""
    if field.data and not is_time_zone(field.data):
        raise ValidationError(_("Choose a time zone from the list."))


def time_zone_choices(current: str | None = None) -> list[SelectChoice]:
    """Return the zones a client may use, led by the site's default (the empty value), which names its zone."""
    locale = get_locale()
    default = SelectChoice("", _("Site default (%(zone)s)", zone=_zone_label(current_app.config["TIMEZONE"], locale)))
    kept = [current] if current and current not in TIME_ZONE_CHOICES and is_time_zone(current) else []
    return [default, *(SelectChoice(zone, _zone_label(zone, locale)) for zone in (*TIME_ZONE_CHOICES, *kept))]


def _zone_label(zone: str, locale: Any) -> str:
    """Name a zone as the database does and as the reader's locale says it (Asia/Taipei · 台灣時間)."""
    return zone if zone == "UTC" else f"{zone} · {get_timezone_location(zone, locale=locale)}"


class ClientForm(FlaskForm):
    """A new client company."""

    name = StringField(_l("Company name"), validators=[required(), max_length(200)])
    name_en = StringField(_l("English name"), validators=[optional(), max_length(200)])
    industry = StringField(_l("Industry"), validators=[optional(), max_length(120)])
    is_group = BooleanField(_l("Group with several units (subsidiaries, regions, partners)"))
    time_zone = SelectField(_l("Time zone"), coerce=_zone_or_empty, validators=[time_zone_name], validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone.data = self.time_zone.data or ""  # no zone of its own: the site's default is selected
        self.time_zone.choices = time_zone_choices(self.time_zone.data)


class ClientEditForm(ClientForm):
    """A client company's names, industry and time zone (whether it is a group is set when it is added)."""

    is_group = None


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
