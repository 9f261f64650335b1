"""Forms of a recovery: check items, re-based expectations, scope decisions and findings.

The forms parse; whether a text is given is the services' rule, whose error lands beside its field.
"""

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
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision

NO_OWNER = 0
# The services refuse a missing value; the attribute only tells browsers and screen readers the field is needed.
MARKED_REQUIRED = {"required": True}


def _choices(members: Iterable[ItemStatus | ScopeDecision | FindingCategory]) -> list[SelectChoice]:
    return [SelectChoice(member.value, label(member)) for member in members]


def _text(value: str | None) -> str:
    return (value or "").strip()


class ItemProgressForm(FlaskForm):
    """A check item as its owner updates it: status and evidence."""

    status = SelectField(_l("Status"), validators=[required()], choices=lambda: _choices(ItemStatus))
    evidence = TextAreaField(_l("Evidence"), validators=[optional(), max_length(4000)])

    def item_values(self) -> dict[str, Any]:
        """Return the submitted values as the service takes them."""
        return {"status": ItemStatus(self.status.data), "evidence": _text(self.evidence.data)}


class ItemForm(ItemProgressForm):
    """A check item as a consultant plans it: owner and due date as well."""

    owner_id = SelectField(_l("Owner"), coerce=int, default=NO_OWNER)
    due_date = DateField(_l("Due date"), validators=[optional()])

    def fill_people(self, people: Iterable[User]) -> None:
        """Offer the people who may own the item."""
        self.owner_id.choices = [SelectChoice(NO_OWNER, "—")] + [SelectChoice(p.id, p.name) for p in people]

    def item_values(self) -> dict[str, Any]:
        """Return the submitted values, owner and due date included."""
        return {**super().item_values(), "owner_id": self.owner_id.data or None, "due_date": self.due_date.data}


class ExpectationForm(FlaskForm):
    """An original claim and the measurable small win that replaces it."""

    original_claim = StringField(_l("Original claim"), validators=[max_length(300)], render_kw=MARKED_REQUIRED)
    small_win = StringField(_l("Small win"), validators=[max_length(300)], render_kw=MARKED_REQUIRED)
    metric = StringField(_l("Metric"), validators=[max_length(200)], render_kw=MARKED_REQUIRED)
    baseline_value = StringField(_l("Baseline value"), validators=[max_length(100)], render_kw=MARKED_REQUIRED)
    target_value = StringField(_l("Target value"), validators=[max_length(100)], render_kw=MARKED_REQUIRED)
    target_date = DateField(_l("Target date"), validators=[optional()], render_kw=MARKED_REQUIRED)

    def expectation_values(self) -> dict[str, Any]:
        """Return the submitted values as the service takes them."""
        names = ("original_claim", "small_win", "metric", "baseline_value", "target_value")
        return {**{name: _text(getattr(self, name).data) for name in names}, "target_date": self.target_date.data}


class ScopeForm(FlaskForm):
    """A feature and what the recovery does with it."""

    feature = StringField(_l("Feature"), validators=[max_length(200)], render_kw=MARKED_REQUIRED)
    decision = SelectField(
        _l("Decision"),
        validators=[required()],
        default=ScopeDecision.KEPT.value,
        choices=lambda: _choices(ScopeDecision),
    )
    reason = TextAreaField(_l("Reason"), validators=[optional(), max_length(2000)])

    def scope_values(self) -> dict[str, Any]:
        """Return the submitted values as the service takes them."""
        return {
            "feature": _text(self.feature.data),
            "decision": ScopeDecision(self.decision.data),
            "reason": _text(self.reason.data),
        }


class FindingForm(FlaskForm):
    """What went wrong, of which kind, shown by what; never who."""

    what_went_wrong = TextAreaField(_l("What went wrong"), validators=[max_length(4000)], render_kw=MARKED_REQUIRED)
    category = SelectField(_l("Category"), validators=[required()], choices=lambda: _choices(FindingCategory))
    evidence = TextAreaField(_l("Evidence"), validators=[optional(), max_length(4000)])

    def finding_values(self) -> dict[str, Any]:
        """Return the submitted values as the service takes them."""
        return {
            "what_went_wrong": _text(self.what_went_wrong.data),
            "category": FindingCategory(self.category.data),
            "evidence": _text(self.evidence.data),
        }
