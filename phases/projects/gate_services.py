"""Every write to a phase's gate: project-specific criteria, their review, the sponsor's sign-off; each commits once."""

from __future__ import annotations

from flask_babel import gettext as _

from accounts.models import User
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from phases import audit
from phases.projects.enums import CriterionState, GateDecision
from phases.projects.gates import is_open, may_sign, needs_note
from phases.projects.methodology import criterion_text, phase_content
from phases.projects.models import GateCriterion, GateSignoff, Phase, Project
from phases.projects.services import content_locale, phase_gate


def criterion_label(criterion: GateCriterion, locale: str) -> str:
    """Return a criterion's text in a language, as the audit trail and a sponsor's waiver record it."""
    phase = db.session.get(Phase, criterion.phase_id)
    project = db.session.get(Project, criterion.project_id)
    return criterion_text(phase_content(project.methodology, phase.key), criterion.template_key, criterion.text, locale)


def add_criterion(phase: Phase, actor: User, text: str) -> GateCriterion:
    """Add a project-specific criterion to a phase's gate."""
    if not text.strip():
        raise RuleError(_("Write the criterion first."), field="text")
    with write_transaction():
        criterion = GateCriterion(
            project_id=phase.project_id, client_id=phase.client_id, phase_id=phase.id, text=text.strip()
        )
        audit.add_created(criterion, actor, "criterion", criterion.text)
    return criterion


def review_criterion(criterion: GateCriterion, actor: User, state: CriterionState, note: str, label: str) -> None:
    """Record a criterion's review: pass, rework or waived, with reviewer, note and date."""
    if state is CriterionState.UNREVIEWED:
        raise RuleError(_("Choose pass, rework or waived."), field="state")
    if needs_note(state) and not note.strip():
        raise RuleError(_("Say what must be reworked, or why the criterion is waived."), field="note")
    with write_transaction():
        changes = audit.apply_changes(
            criterion, {"state": state, "note": note.strip(), "reviewer_id": actor.id, "reviewed_at": utcnow()}
        )
        audit.record(
            criterion.project_id,
            criterion.client_id,
            actor,
            "criterion",
            criterion.id,
            label,
            "reviewed",
            {key: changes[key] for key in ("state", "note")},
        )


def sign_gate(
    phase: Phase, sponsor: User, decision: GateDecision, comment: str, waiver: bool, waiver_reason: str = ""
) -> GateSignoff:
    """Record the sponsor's go / no-go; "go" over open criteria needs the sponsor's explicit waiver and its reason."""
    if not sponsor.is_sponsor or sponsor.client_id != phase.client_id:
        raise RuleError(_("Only the client's sponsor can sign a gate off."))
    if not may_sign(phase.status):
        raise RuleError(_("Only the gate of a running phase can be signed."))
    criteria = phase_gate(phase)[0]
    open_criteria = [criterion for criterion in criteria if is_open(criterion.state)]
    _check_signoff(decision, comment, waiver, waiver_reason, bool(open_criteria))
    waived = open_criteria if decision is GateDecision.GO and waiver else []
    with write_transaction():
        signoff = GateSignoff(
            project_id=phase.project_id,
            client_id=phase.client_id,
            phase_id=phase.id,
            decision=decision,
            comment=comment.strip(),
            waiver=bool(waived),
            waived_criteria="\n".join(criterion_label(criterion, content_locale()) for criterion in waived),
            waived_criterion_ids=[criterion.id for criterion in waived],
            waiver_reason=waiver_reason.strip() if waived else "",
            signed_by_id=sponsor.id,
        )
        db.session.add(signoff)
        db.session.flush()
        audit.record(
            phase.project_id,
            phase.client_id,
            sponsor,
            "signoff",
            signoff.id,
            phase.key,
            "waiver" if signoff.waiver else "signed",
            {
                "decision": (None, decision),
                "comment": ("", signoff.comment),
                "waived_criteria": ("", signoff.waived_criteria),
                "waiver_reason": ("", signoff.waiver_reason),
            },
        )
    return signoff


def _check_signoff(decision: GateDecision, comment: str, waiver: bool, reason: str, has_open: bool) -> None:
    """Refuse a sign-off that says too little: "go" over open criteria without a reasoned waiver, a bare no-go."""
    if decision is GateDecision.NO_GO:
        if waiver:
            raise RuleError(_("A waiver goes with “go” only: untick it to sign “no-go”."), field="waiver")
        if not comment.strip():
            raise RuleError(_("Say what must happen before the gate can pass."), field="comment")
        return
    if has_open and not waiver:
        raise RuleError(
            _("Some criteria are unreviewed or in rework. Sign “go” only with an explicit waiver of them."),
            field="waiver",
        )
    if has_open and not reason.strip():
        raise RuleError(_("Write why you waive the open criteria."), field="waiver_reason")
