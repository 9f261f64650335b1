"""Forms and input parsing for assessments, invitations and answers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from assess.invitees import Invitee
from assess.links import MAX_LINKS_AT_ONCE
from assess.models import Assessment
from assess.models import Questionnaire as StoredQuestionnaire
from assess.questionnaire import Dimension, Expectation
from assess.targets import DEFAULT_TARGET, MAX_TARGET, MIN_TARGET
from core.clock import local_today
from core.content import localized
from core.errors_domain import RuleError
from core.forms import email_address, max_length, optional, required
from core.i18n import LOCALE_NAMES, LOCALES


def parse_level_choice(choice: object) -> tuple[int | None, bool]:
    """Read an answer choice: '1'…'5' is a level, 'na' is not applicable, empty clears the answer."""
    if choice in (None, ""):
        return None, False
    if choice == "na":
        return None, True
    if str(choice) in {"1", "2", "3", "4", "5"}:
        return int(str(choice)), False
    raise RuleError(_("Choose one of the five levels, or 'not applicable'."))


def parse_expectation_value(raw: str, expectation: Expectation) -> tuple[float | None, str | None]:
    """Read an expected value: empty clears it; otherwise a number inside the question's range."""
    text = raw.strip().replace("％", "").replace("%", "").replace(",", ".")
    if not text:
        return None, None
    try:
        value = float(text)
    except ValueError:
        return None, _("Enter a number.")
    if math.isnan(value) or not expectation.minimum <= value <= expectation.maximum:
        return None, _(
            "Enter a number from %(low)s to %(high)s.", low=f"{expectation.minimum:g}", high=f"{expectation.maximum:g}"
        )
    return value, None


def _target_field(label: str) -> DecimalField:
    # The range is the service's rule; the browser only gets it as a hint.
    return DecimalField(
        label,
        default=DEFAULT_TARGET,
        places=1,
        validators=[required()],
        render_kw={"min": MIN_TARGET, "max": MAX_TARGET},
    )


class AssessmentForm(FlaskForm):
    """A new assessment; the target fields are added per dimension by assessment_form()."""

    title = StringField(_l("Title"), validators=[required(), max_length(200)])
    questionnaire_id = SelectField(_l("Questionnaire"), coerce=int, validators=[required()])
    project_id = SelectField(_l("Project (optional)"), coerce=int, default=0)
    closes_on = DateField(_l("Close date"), validators=[required()], default=lambda: local_today() + timedelta(days=21))
    anonymous = BooleanField(_l("Anonymous: links carry only a department and role, never a name"))


class SettingsForm(FlaskForm):
    """Title, close date and targets of an existing assessment."""

    title = StringField(_l("Title"), validators=[required(), max_length(200)])
    closes_on = DateField(_l("Close date"), validators=[required()])
    project_id = SelectField(_l("Project (optional)"), coerce=int, default=0)


def with_targets(form_class: type[FlaskForm], dimensions: Sequence[Dimension]) -> type[FlaskForm]:
    """Return a subclass of the form with one target field (1–5) per dimension."""
    locale = str(get_locale())
    fields = {f"target_{dimension.key}": _target_field(localized(dimension.name, locale)) for dimension in dimensions}
    return type(form_class.__name__, (form_class,), fields)


def targets_from(form: FlaskForm, dimensions: Sequence[Dimension]) -> dict[str, float]:
    """Return the target levels entered in a form with target fields."""
    return {dimension.key: float(getattr(form, f"target_{dimension.key}").data) for dimension in dimensions}


def assessment_form(
    questionnaires: Sequence[StoredQuestionnaire],
    chosen: StoredQuestionnaire,
    dimensions: Sequence[Dimension],
    projects: Sequence[tuple[int, str]],
) -> AssessmentForm:
    """Return the new-assessment form for the chosen questionnaire, with the client's projects to link it to."""
    form = with_targets(AssessmentForm, dimensions)(questionnaire_id=chosen.id)
    form.questionnaire_id.choices = [
        SelectChoice(stored.id, f"{stored.key} v{stored.version}") for stored in questionnaires
    ]
    form.project_id.choices = [SelectChoice(0, "—")] + [SelectChoice(key, name) for key, name in projects]
    return form


def settings_form(
    dimensions: Sequence[Dimension], current: Assessment | None, projects: Sequence[tuple[int, str]]
) -> SettingsForm:
    """Return the settings form: filled from the assessment when one is given, else from the posted data."""
    form_class = with_targets(SettingsForm, dimensions)
    if current is None:
        form = form_class()
    else:
        data = {f"target_{target.dimension_key}": target.target for target in current.targets}
        form = form_class(obj=current, data={**data, "project_id": current.project_id or 0})
    form.project_id.choices = [SelectChoice(0, "—")] + [SelectChoice(key, name) for key, name in projects]
    return form


def _language_choices() -> list[SelectChoice]:
    return [SelectChoice("", str(_l("Respondent's browser language")))] + [
        SelectChoice(code, LOCALE_NAMES[code]) for code in LOCALES
    ]


class InviteForm(FlaskForm):
    """One named respondent."""

    name = StringField(_l("Name"), validators=[required(), max_length(120)])
    email = EmailField(
        _l("E-mail (optional)"),
        validators=[optional(), email_address(), max_length(254)],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],  # a pasted address keeps spaces
    )
    department = StringField(_l("Department"), validators=[required(), max_length(120)])
    role = StringField(_l("Role or position (optional)"), validators=[optional(), max_length(120)])
    locale = SelectField(_l("Questionnaire language"), choices=_language_choices, default="")

    def invitee(self) -> Invitee:
        """Return the respondent entered (the service trims and normalises the values)."""
        return Invitee(self.name.data, self.email.data, self.department.data, self.role.data)


class BulkInviteForm(FlaskForm):
    """A pasted list or a CSV file of respondents."""

    rows = TextAreaField(
        _l("One respondent per line: name, e-mail (optional), department, role (optional)"),
        validators=[optional(), max_length(200_000)],
    )
    upload = FileField(
        _l("…or a CSV file"), validators=[FileAllowed(["csv", "txt"], _l("Upload a .csv or .txt file."))]
    )
    locale = SelectField(_l("Questionnaire language"), choices=_language_choices, default="")

    def listed_text(self) -> str:
        """Return the list as text: the uploaded file's if one was chosen, else the pasted lines."""
        if self.upload.data:
            return self.upload.data.read().decode("utf-8-sig", errors="replace")
        return self.rows.data or ""


class AnonymousLinksForm(FlaskForm):
    """N anonymous links for a department."""

    department = StringField(_l("Department"), validators=[required(), max_length(120)])
    role = StringField(_l("Role or position (optional)"), validators=[optional(), max_length(120)])
    count = IntegerField(
        _l("Number of links"), default=10, validators=[required()], render_kw={"min": 1, "max": MAX_LINKS_AT_ONCE}
    )  # the range is the service's rule
    locale = SelectField(_l("Questionnaire language"), choices=_language_choices, default="")
