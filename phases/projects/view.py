"""The read model of the project page and the status report: frozen rows, no ORM objects, a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from charts.svg import fonts_for
from charts.timeline import GanttMilestone, GanttPhase, gantt_chart
from core.content import localized
from core.extensions import db
from core.i18n import day
from phases.projects.enums import GateState, MilestoneRag, PhaseStatus
from phases.projects.gates import (
    Criterion,
    GateStatus,
    PhaseMoves,
    all_passed,
    any_reviewed,
    gate_status,
    phase_moves,
)
from phases.projects.lifecycle import PhaseState, current_phase, is_running, is_started
from phases.projects.methodology import Methodology, methodology_template
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project, StatusUpdate
from phases.projects.rows import (
    CriterionRow,
    MilestoneRow,
    SignoffRow,
    StatusUpdateRow,
    criterion_rows,
    milestone_rows,
    signoff_row,
    signoff_rule,
    status_update_rows,
)
from phases.projects.schedule import WindowCheck, late_order, window_check, worst_rag


@dataclass(frozen=True)
class PhaseView:
    """A phase with its facts, template guidance, gate, milestones and the moves it offers next."""

    id: int
    key: str
    position: int
    status: PhaseStatus
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    investment: Decimal | None
    visible_result: str
    name: str
    goal: str
    entry_point: str
    deliverables: tuple[str, ...]
    window: tuple[int, int] | None
    window_warning: WindowCheck | None
    criteria: tuple[CriterionRow, ...]
    gate: GateStatus
    signoff: SignoffRow | None
    moves: PhaseMoves
    milestones: tuple[MilestoneRow, ...]

    @property
    def is_started(self) -> bool:
        """Return whether the phase has started."""
        return is_started(self.status)

    @property
    def is_running(self) -> bool:
        """Return whether the phase is being worked on."""
        return is_running(self.status)

    @property
    def awaits_signoff(self) -> bool:
        """Return whether the phase runs and needs its sponsor's sign-off: none yet, or a "go" reopened since."""
        return self.is_running and self.gate.state in (GateState.AWAITING, GateState.REOPENED)

    @property
    def open_criteria(self) -> int:
        """Return how many criteria are still unreviewed or in rework."""
        return len(self.gate.blockers)

    @property
    def uncovered_criteria(self) -> int:
        """Return how many open criteria no waiver of the sponsor covers: those the gate still waits for."""
        return len(self.gate.uncovered)

    @property
    def has_reviewed_criteria(self) -> bool:
        """Return whether a criterion of the gate has been reviewed."""
        return any_reviewed([criterion.state for criterion in self.criteria])

    @property
    def passed_cleanly(self) -> bool:
        """Return whether the sponsor signed "go" without a waiver over criteria that all passed."""
        return (
            self.gate.state is GateState.PASSED
            and self.signoff is not None
            and not self.signoff.waiver
            and all_passed([criterion.state for criterion in self.criteria])
        )


@dataclass(frozen=True)
class ProjectView:
    """Everything the project page and the status report show of a project."""

    project_id: int
    name: str
    client_id: int
    client_name: str
    client_is_group: bool
    methodology: Methodology
    start_date: date | None
    target_date: date | None
    plan_approved_at: datetime | None
    phases: tuple[PhaseView, ...]
    milestones: tuple[MilestoneRow, ...]
    schedule_rag: MilestoneRag | None
    rag_counts: Mapping[MilestoneRag, int]
    updates: tuple[StatusUpdateRow, ...]
    timeline_svg: Markup

    @property
    def current(self) -> PhaseView | None:
        """Return the phase being worked on."""
        found = current_phase([PhaseState(item.position, item.key, item.status) for item in self.phases])
        return next((item for item in self.phases if found and item.position == found.position), None)

    @property
    def latest_update(self) -> StatusUpdateRow | None:
        """Return the newest status update."""
        return self.updates[0] if self.updates else None

    @property
    def milestone_total(self) -> int:
        """Return how many milestones the plan has."""
        return len(self.milestones)

    @property
    def late_milestones(self) -> tuple[MilestoneRow, ...]:
        """Return the overdue, behind and at-risk milestones, worst first."""
        return tuple(self.milestones[index] for index in late_order([row.rag for row in self.milestones]))

    @property
    def awaiting_signoff(self) -> tuple[PhaseView, ...]:
        """Return the running phases whose gate the sponsor has not signed yet."""
        return tuple(item for item in self.phases if item.awaits_signoff)


@dataclass(frozen=True)
class _Records:
    """The rows the read model is built from, each kind loaded in one query."""

    milestones: Sequence[Milestone]
    criteria: Sequence[GateCriterion]
    signoffs: Sequence[GateSignoff]
    updates: Sequence[StatusUpdate]


def _load(project_id: int) -> _Records:
    milestones = db.session.scalars(
        select(Milestone)
        .options(joinedload(Milestone.owner))
        .where(Milestone.project_id == project_id)
        .order_by(Milestone.planned_date.is_(None), Milestone.planned_date, Milestone.id)
    ).all()
    criteria = db.session.scalars(
        select(GateCriterion)
        .options(joinedload(GateCriterion.reviewer))
        .where(GateCriterion.project_id == project_id)
        .order_by(GateCriterion.id)
    ).all()
    signoffs = db.session.scalars(
        select(GateSignoff)
        .options(joinedload(GateSignoff.signed_by))
        .where(GateSignoff.project_id == project_id)
        .order_by(GateSignoff.id)
    ).all()
    updates = db.session.scalars(
        select(StatusUpdate)
        .options(joinedload(StatusUpdate.author))
        .where(StatusUpdate.project_id == project_id)
        .order_by(StatusUpdate.id.desc())
        .limit(10)
    ).all()
    return _Records(milestones, criteria, signoffs, updates)


def _phase_view(
    phase: Phase,
    previous: Phase | None,
    content: dict[str, Any],
    criteria: Sequence[GateCriterion],
    signoff: GateSignoff | None,
    milestones: tuple[MilestoneRow, ...],
    locale: str,
    today: date,
) -> PhaseView:
    months = content.get("window_months")
    window = (int(months[0]), int(months[1])) if months else None
    rule = signoff_rule(signoff) if signoff else None
    rows = criterion_rows(criteria, rule, content, locale)
    return PhaseView(
        id=phase.id,
        key=phase.key,
        position=phase.position,
        status=phase.status,
        planned_start=phase.planned_start,
        planned_end=phase.planned_end,
        actual_start=phase.actual_start,
        actual_end=phase.actual_end,
        investment=phase.investment,
        visible_result=phase.visible_result,
        name=localized(content.get("name"), locale) or phase.key,
        goal=localized(content.get("goal"), locale),
        entry_point=localized(content.get("entry_point"), locale),
        deliverables=tuple(localized(item, locale) for item in content.get("deliverables", [])),
        window=window,
        window_warning=window_check(phase.status, phase.actual_start, phase.actual_end, window, today),
        criteria=rows,
        gate=gate_status([Criterion(c.id, c.state) for c in criteria], rule),
        signoff=signoff_row(signoff, {row.id: row.text for row in rows}, content, locale) if signoff else None,
        moves=phase_moves(phase.status, previous.status if previous else None, window is not None),
        milestones=tuple(row for row in milestones if row.phase_id == phase.id),
    )


def project_view(project: Project, today: date) -> ProjectView:
    """Build the read model of a project's page and status report."""
    locale = str(get_locale())
    template = {phase["key"]: phase for phase in methodology_template(project.methodology)["phases"]}
    phases = list(project.phases)
    records = _load(project.id)
    names = {phase.id: localized(template.get(phase.key, {}).get("name"), locale) or phase.key for phase in phases}
    rows = milestone_rows(project, phases, records.milestones, names, today, locale)
    latest_signoff = {signoff.phase_id: signoff for signoff in records.signoffs}  # ordered by id: the last one wins
    views = tuple(
        _phase_view(
            phase,
            phases[index - 1] if index else None,
            template.get(phase.key, {}),
            [criterion for criterion in records.criteria if criterion.phase_id == phase.id],
            latest_signoff.get(phase.id),
            rows,
            locale,
            today,
        )
        for index, phase in enumerate(phases)
    )
    rags = [row.rag for row in rows]
    return ProjectView(
        project_id=project.id,
        name=project.name,
        client_id=project.client_id,
        client_name=project.client.display_name(locale),
        client_is_group=project.client.is_group,
        methodology=project.methodology,
        start_date=project.start_date,
        target_date=project.target_date,
        plan_approved_at=project.plan_approved_at,
        phases=views,
        milestones=rows,
        schedule_rag=worst_rag(rags),
        rag_counts=MappingProxyType(dict(Counter(rags))),
        updates=status_update_rows(records.updates),
        timeline_svg=_timeline(views, rows, today),
    )


def _timeline(views: Sequence[PhaseView], rows: Sequence[MilestoneRow], today: date) -> Markup:
    index = {view.id: number for number, view in enumerate(views)}
    with fonts_for(str(get_locale())):
        return gantt_chart(
            [
                GanttPhase(
                    view.name,
                    view.planned_start,
                    view.planned_end,
                    view.actual_start,
                    view.actual_end,
                    view.status.value,
                )
                for view in views
            ],
            [
                GanttMilestone(
                    row.name,
                    index[row.phase_id],
                    row.planned,
                    row.baseline,
                    row.actual,
                    row.rag.value,
                    slip_text(row.slip_days),
                )
                for row in rows
            ],
            today=today,
            title=_("Timeline"),
            legend=timeline_legend(),
            day_text=day,
        )


def slip_text(days: int) -> str:
    """Return how far a planned date lies from its baseline in the reader's words ("31 days late"; "" when on it)."""
    if days > 0:
        return ngettext("%(num)d day late", "%(num)d days late", days)
    if days < 0:
        return ngettext("%(num)d day early", "%(num)d days early", -days)
    return ""


def timeline_legend() -> dict[str, str]:
    """Return the timeline legend in the reader's language."""
    return {
        "planned": _("Planned"),
        "actual": _("Actual"),
        "baseline": _("Baseline"),
        "today": _("Today"),
        "done": _("Done"),
        "overdue": _("Overdue"),
        "behind": _("Behind schedule"),
        "at_risk": _("At risk"),
        "on_track": _("On track"),
    }
