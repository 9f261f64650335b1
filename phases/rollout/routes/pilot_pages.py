"""The pilot selection page: scoring the candidates, confirming the pilots, and the rules they are chosen by."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from accounts.tenancy import staff_required
from core.errors_domain import RuleError
from core.web import acting_user, back_to, saved
from phases.projects.access import project_or_404
from phases.rollout import services
from phases.rollout.forms import ConfirmPilotsForm, RulesForm
from phases.rollout.matrix import CRITERIA
from phases.rollout.pilot_view import pilot_view
from phases.rollout.read_model import unit_rows
from phases.rollout.routes.common import rollout_or_404, rollout_project_or_404, saved_inline


@login_required
def rollout_pilots(project_id: int) -> ResponseReturnValue:
    """Show the pilot candidates scored on the four criteria, ranked, with the proposal and the coverage check."""
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    return render_template(
        "phases/rollout_pilots.html",
        project=project,
        rollout=rollout,
        pilots=pilot_view(rollout, str(get_locale())),
        rules_form=RulesForm(data=rollout.programme.rule_values()),
        confirm_form=ConfirmPilotsForm(formdata=None),
    )


@staff_required
def score_pilots(project_id: int) -> ResponseReturnValue:
    """Save the candidates' criterion scores (all or nothing)."""
    project = rollout_project_or_404(project_id)
    unit_ids = [unit.id for unit in unit_rows(project)]
    saved(
        None,
        lambda: services.score_candidates(project, acting_user(), _scores_from(request.form, unit_ids)),
        _("The scores were saved and the units ranked."),
    )
    return back_to("rollout.rollout_pilots", "candidates", project_id=project.id)


def _scores_from(form: Mapping[str, str], unit_ids: Sequence[int]) -> dict[int, tuple[int | None, ...]]:
    """Read the score grid (score-UNIT-CRITERION) as numbers; an empty box means not scored."""
    scores = {}
    for unit_id in unit_ids:
        values = []
        for criterion in CRITERIA:
            raw = (form.get(f"score-{unit_id}-{criterion}") or "").strip()
            if raw and not raw.isdigit():
                raise RuleError(_("Scores run from 1 (weak) to 5 (strong)."))
            values.append(int(raw) if raw else None)
        scores[unit_id] = tuple(values)
    return scores


@staff_required
def confirm_pilots(project_id: int) -> ResponseReturnValue:
    """Confirm the pilot units; the choice and their scores are recorded."""
    project = rollout_project_or_404(project_id)
    form = ConfirmPilotsForm()
    chosen = [int(value) for value in request.form.getlist("pilot") if value.isdigit()]
    saved_inline(
        form,
        lambda: services.confirm_pilots(project, acting_user(), chosen, form.note.data or ""),
        _("The pilots are confirmed; the choice and the scores are recorded."),
    )
    return back_to("rollout.rollout_pilots", "confirm", project_id=project.id)


@staff_required
def rollout_rules(project_id: int) -> ResponseReturnValue:
    """Change the criteria weights, the pilots allowed per region and the run period."""
    project = rollout_project_or_404(project_id)
    form = RulesForm()
    saved_inline(
        form, lambda: services.update_rules(project, acting_user(), form.rule_values()), _("The rules were saved.")
    )
    return back_to("rollout.rollout_pilots", "rules", project_id=project.id)
