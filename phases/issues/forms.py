"""Forms of the issue log: report an issue, edit and close it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from accounts.models import User
from core.forms import max_length, optional, required
from core.labels import label
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.projects.methodology import phase_name
from phases.projects.models import Phase, Project

NO_CHOICE = 0  # the "—" option of the optional phase and owner selects


def _enum_choices(members: Iterable[IssueSeverity | IssueStatus]) -> list[SelectChoice]:
    return [SelectChoice(member.value, label(member)) for member in members]


class IssueForm(FlaskForm):
    """A new issue, as anybody on the project reports it."""

    title = StringField(_l("Title"), validators=[required(), max_length(200)])
    description = TextAreaField(_l("Description"), validators=[optional(), max_length(4000)])
    severity = SelectField(
        _l("Severity"),
        validators=[required()],
        default=IssueSeverity.MEDIUM.value,
        choices=lambda: _enum_choices(IssueSeverity),
    )
    phase_id = SelectField(_l("Phase"), coerce=int, default=NO_CHOICE)
    owner_id = SelectField(_l("Owner"), coerce=int, default=NO_CHOICE)
    due_date = DateField(_l("Due date"), validators=[optional()])

    def fill_choices(self, project: Project, phases: Iterable[Phase], people: Iterable[User], locale: str) -> None:
        """Offer the project's phases by name and the people who may own the issue."""
        self.phase_id.choices = [SelectChoice(NO_CHOICE, "—")] + [
            SelectChoice(phase.id, phase_name(project.methodology, phase.key, locale)) for phase in phases
        ]
        self.owner_id.choices = [SelectChoice(NO_CHOICE, "—")] + [
            SelectChoice(person.id, person.name) for person in people
        ]

    def issue_values(self) -> dict[str, Any]:
        """Return the submitted values as the issue service takes them."""
        return {
            "title": self.title.data.strip(),
            "description": (self.description.data or "").strip(),
            "severity": IssueSeverity(self.severity.data),
            "phase_id": self.phase_id.data or None,
            "owner_id": self.owner_id.data or None,
            "due_date": self.due_date.data,
        }


class IssueUpdateForm(IssueForm):
    """An issue as its reporter, owner or a consultant edits it; closing asks for root cause and prevention."""

    status = SelectField(_l("Status"), validators=[required()], choices=lambda: _enum_choices(IssueStatus))
    root_cause = TextAreaField(_l("Root cause"), validators=[optional(), max_length(4000)])
    prevention = TextAreaField(_l("Preventive measure"), validators=[optional(), max_length(4000)])

    def issue_values(self) -> dict[str, Any]:
        """Return the submitted values, status, root cause and prevention included."""
        return {
            **super().issue_values(),
            "status": IssueStatus(self.status.data),
            "root_cause": (self.root_cause.data or "").strip(),
            "prevention": (self.prevention.data or "").strip(),
        }
