"""The project page's read model: phases, milestones with computed RAG, gates, timeline; a fixed number of queries."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from charts.svg import fonts_for
from charts.timeline import GanttMilestone, GanttPhase, gantt_chart
from core.content import localized
from core.extensions import db
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.projects.enums import CriterionState, MilestoneRag
from phases.projects.gates import Criterion, GateStatus, Signoff, can_start, gate_status
from phases.projects.methodology import methodology_template
from phases.issues.models import Issue
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project, StatusUpdate
from phases.projects.schedule import MilestoneDates, WindowCheck, milestone_rag, window_check, worst_rag


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
    """A gate criterion with its review."""

    id: int
    text: str
    state: CriterionState
    reviewer: str
    note: str
    reviewed_at: Any


@dataclass
class PhaseView:
    """A phase with its template guidance, gate and milestones."""

    phase: Phase
    name: str
    goal: str
    entry_point: str
    deliverables: list[str]
    window: tuple[int, int] | None
    window_warning: WindowCheck | None
    criteria: list[CriterionRow]
    gate: GateStatus
    signoff: GateSignoff | None
    may_start: bool
    milestones: list[MilestoneRow] = field(default_factory=list)


@dataclass
class ProjectView:
    """Everything the project page shows."""

    project: Project
    phases: list[PhaseView]
    milestones: list[MilestoneRow]
    schedule_rag: MilestoneRag | None
    rag_counts: Counter
    updates: list[StatusUpdate]
    open_issues: dict[IssueSeverity, int]
    timeline_svg: Markup

    @property
    def current(self) -> PhaseView | None:
        """Return the phase being worked on."""
        from phases.projects.lifecycle import PhaseState, current_phase

        found = current_phase([PhaseState(view.phase.position, view.phase.key, view.phase.status) for view in self.phases])
        return next((view for view in self.phases if found and view.phase.position == found.position), None)


def criterion_text(criterion: GateCriterion, template_phase: dict[str, Any], locale: str) -> str:
    """Return a criterion's text: the template's, in the reader's language, or the project's own."""
    if criterion.template_key:
        for item in template_phase.get("gate", []):
            if item["key"] == criterion.template_key:
                return localized(item["text"], locale)
    return criterion.text


def project_view(project: Project, today: date) -> ProjectView:
    """Build the project page's read model."""
    locale = str(get_locale())
    template = {phase["key"]: phase for phase in methodology_template(project.methodology)["phases"]}
    phases = list(project.phases)
    milestones = db.session.scalars(
        select(Milestone).options(joinedload(Milestone.owner)).where(Milestone.project_id == project.id)
        .order_by(Milestone.planned_date.is_(None), Milestone.planned_date, Milestone.id)
    ).all()
    criteria = db.session.scalars(
        select(GateCriterion).options(joinedload(GateCriterion.reviewer)).where(GateCriterion.project_id == project.id)
        .order_by(GateCriterion.id)
    ).all()
    signoffs = db.session.scalars(
        select(GateSignoff).options(joinedload(GateSignoff.signed_by)).where(GateSignoff.project_id == project.id)
        .order_by(GateSignoff.id)
    ).all()
    updates = db.session.scalars(
        select(StatusUpdate).options(joinedload(StatusUpdate.author)).where(StatusUpdate.project_id == project.id)
        .order_by(StatusUpdate.id.desc()).limit(10)
    ).all()
    issue_counts = dict(db.session.execute(
        select(Issue.severity, func.count(Issue.id))
        .where(Issue.project_id == project.id, Issue.status != IssueStatus.CLOSED).group_by(Issue.severity)
    ).all())

    latest_signoff = {signoff.phase_id: signoff for signoff in signoffs}
    views: list[PhaseView] = []
    for index, phase in enumerate(phases):
        content = template.get(phase.key, {})
        own = [c for c in criteria if c.phase_id == phase.id]
        signoff = latest_signoff.get(phase.id)
        window = tuple(content["window_months"]) if content.get("window_months") else None
        views.append(PhaseView(
            phase=phase,
            name=localized(content.get("name"), locale) or phase.key,
            goal=localized(content.get("goal"), locale),
            entry_point=localized(content.get("entry_point"), locale),
            deliverables=[localized(item, locale) for item in content.get("deliverables", [])],
            window=window,  # type: ignore[arg-type]
            window_warning=window_check(phase.status, phase.actual_start, phase.actual_end, window, today),  # type: ignore[arg-type]
            criteria=[CriterionRow(c.id, criterion_text(c, content, locale), c.state,
                                   c.reviewer.name if c.reviewer else "", c.note, c.reviewed_at) for c in own],
            gate=gate_status([Criterion(c.id, c.state) for c in own],
                             Signoff(signoff.decision, signoff.waiver) if signoff else None),
            signoff=signoff,
            may_start=can_start(phases[index - 1].status if index else None),
        ))
    by_phase = {view.phase.id: view for view in views}
    rows = []
    for milestone in milestones:
        phase_view = by_phase[milestone.phase_id]
        start = phase_view.phase.actual_start or phase_view.phase.planned_start or project.start_date
        row = MilestoneRow(
            milestone.id, milestone.name, milestone.phase_id, phase_view.name, milestone.owner_id,
            milestone.owner.name if milestone.owner else "", milestone.planned_date, milestone.baseline_date,
            milestone.actual_date, milestone.percent_done,
            milestone_rag(MilestoneDates(start, milestone.planned_date, milestone.baseline_date, milestone.actual_date,
                                         milestone.percent_done), today),
        )
        rows.append(row)
        phase_view.milestones.append(row)
    rags = [row.rag for row in rows]
    return ProjectView(
        project=project, phases=views, milestones=rows, schedule_rag=worst_rag(rags), rag_counts=Counter(rags),
        updates=list(updates), open_issues={severity: issue_counts.get(severity, 0) for severity in IssueSeverity},
        timeline_svg=_timeline(views, rows, today),
    )


def _timeline(views: list[PhaseView], rows: list[MilestoneRow], today: date) -> Markup:
    index = {view.phase.id: number for number, view in enumerate(views)}
    with fonts_for(str(get_locale())):
        return gantt_chart(
            [GanttPhase(view.name, view.phase.planned_start, view.phase.planned_end, view.phase.actual_start,
                        view.phase.actual_end, view.phase.status.value) for view in views],
            [GanttMilestone(row.name, index[row.phase_id], row.planned, row.baseline, row.actual, row.rag.value)
             for row in rows],
            today=today, title=_("Timeline"), legend=timeline_legend(),
        )


def timeline_legend() -> dict[str, str]:
    """Return the timeline legend in the reader's language."""
    return {"planned": _("Planned"), "actual": _("Actual"), "baseline": _("Baseline"), "today": _("Today"),
            "done": _("Done"), "overdue": _("Overdue"), "behind": _("Behind schedule"), "at_risk": _("At risk"),
            "on_track": _("On track")}
