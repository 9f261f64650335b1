"""Frozen rows of a project's read model (milestones, gate criteria, sign-offs, status updates) and their builders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from phases.projects.enums import CriterionStanding, CriterionState, GateDecision, MilestoneRag, Rag
from phases.projects.gates import Criterion, Signoff, criterion_standing
from phases.projects.methodology import criterion_text, milestone_name, recorded_criterion_text
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project, StatusUpdate
from phases.projects.schedule import MilestoneDates, milestone_rag


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone with its computed RAG."""

    id: int
    name: str
    phase_id: int
    phase_name: str
    owner_id: int | None
    owner_name: str
    planned: date | None
    baseline: date | None
    actual: date | None
    percent: int
    rag: MilestoneRag

    @property
    def slip_days(self) -> int:
        """Return how many days the planned date lies after the baseline."""
        return (self.planned - self.baseline).days if self.planned and self.baseline else 0


@dataclass(frozen=True)
class CriterionRow:
    """A gate criterion with its review and where it stands once the sponsor's latest sign-off is counted."""

    id: int
    text: str
    state: CriterionState
    reviewer: str
    note: str
    reviewed_at: datetime | None
    standing: CriterionStanding


@dataclass(frozen=True)
class SignoffRow:
    """The sponsor's latest decision on a phase's gate."""

    decision: GateDecision
    signed_by: str
    signed_at: datetime
    comment: str
    waiver: bool
    waived_criteria: tuple[str, ...]
    waiver_reason: str

    @property
    def is_go(self) -> bool:
        """Return whether the sponsor let the phase pass."""
        return self.decision is GateDecision.GO


@dataclass(frozen=True)
class StatusUpdateRow:
    """A published status update with its author's name."""

    id: int
    rag: Rag
    summary: str
    next_steps: str
    author_name: str
    created_at: datetime
    author_id: int | None = None


def signoff_row(
    signoff: GateSignoff, criterion_texts: Mapping[int, str], content: dict[str, Any], locale: str
) -> SignoffRow:
    """Build the row of a sponsor's sign-off, naming the waived criteria in the reader's language by criterion id.

    When a waived criterion is no longer among the gate's, the texts recorded at signing are shown (a template
    criterion's in the reader's language).
    """
    ids = signoff.waived_criterion_ids or []
    known = bool(ids) and all(criterion_id in criterion_texts for criterion_id in ids)
    return SignoffRow(
        signoff.decision,
        signoff.signed_by.name if signoff.signed_by else "",
        signoff.signed_at,
        signoff.comment,
        signoff.waiver,
        tuple(criterion_texts[criterion_id] for criterion_id in ids)
        if known
        else tuple(recorded_criterion_text(content, line, locale) for line in signoff.waived_criteria.splitlines()),
        signoff.waiver_reason,
    )


def signoff_rule(signoff: GateSignoff) -> Signoff:
    """Return a sign-off as the gate rules see it: its decision and the criteria its waiver covers."""
    return Signoff(signoff.decision, frozenset(signoff.waived_criterion_ids or ()))


def milestone_rows(
    project: Project,
    phases: Sequence[Phase],
    milestones: Sequence[Milestone],
    names: dict[int, str],
    today: date,
    locale: str,
) -> tuple[MilestoneRow, ...]:
    """Build the milestone rows with their RAG on a day, given each phase's name by phase id; names in the locale."""
    starts = {phase.id: phase.actual_start or phase.planned_start or project.start_date for phase in phases}
    return tuple(
        MilestoneRow(
            milestone.id,
            milestone_name(project.methodology, milestone.template_key, milestone.name, locale),
            milestone.phase_id,
            names[milestone.phase_id],
            milestone.owner_id,
            milestone.owner.name if milestone.owner else "",
            milestone.planned_date,
            milestone.baseline_date,
            milestone.actual_date,
            milestone.percent_done,
            milestone_rag(
                MilestoneDates(
                    starts[milestone.phase_id],
                    milestone.planned_date,
                    milestone.baseline_date,
                    milestone.actual_date,
                    milestone.percent_done,
                ),
                today,
            ),
        )
        for milestone in milestones
    )


def criterion_rows(
    criteria: Sequence[GateCriterion], signoff: Signoff | None, content: dict[str, Any], locale: str
) -> tuple[CriterionRow, ...]:
    """Build the rows of a phase's criteria, each text in a language from the phase's template content."""
    return tuple(
        CriterionRow(
            criterion.id,
            criterion_text(content, criterion.template_key, criterion.text, locale),
            criterion.state,
            criterion.reviewer.name if criterion.reviewer else "",
            criterion.note,
            criterion.reviewed_at,
            criterion_standing(Criterion(criterion.id, criterion.state), signoff),
        )
        for criterion in criteria
    )


def status_update_rows(updates: Sequence[StatusUpdate]) -> tuple[StatusUpdateRow, ...]:
    """Build the rows of status updates, in the order given."""
    return tuple(
        StatusUpdateRow(
            update.id,
            update.rag,
            update.summary,
            update.next_steps,
            update.author.name if update.author else "",
            update.created_at,
            update.author_id,
        )
        for update in updates
    )
