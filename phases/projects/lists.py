"""The project page's lists people work in: milestones and status updates, sorted and filtered from GET parameters.

Milestones are sorted and filtered from the rows the page's read model already holds (their status is computed, not
stored); status updates are filtered in SQL. Either way the page runs the same number of queries however many rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from accounts.models import User
from core.extensions import db
from core.labels import label
from core.listing import Direction, Listing, ListingSpec, Shown, parse_listing, sort_rows
from phases.projects.enums import MilestoneRag, Rag
from phases.projects.models import StatusUpdate
from phases.projects.rows import MilestoneRow, StatusUpdateRow
from phases.projects.schedule import RAG_ORDER
from phases.projects.view import ProjectView

NOBODY = "none"  # the owner filter's value for milestones nobody owns

MILESTONE_LISTING = ListingSpec(
    prefix="m_",
    sort_keys=("name", "phase", "owner", "baseline", "planned", "actual", "percent", "status"),
    default_sort="planned",
    filters=("phase", "owner", "state"),
    anchor="milestones",
)
UPDATE_LISTING = ListingSpec(
    prefix="u_",
    sort_keys=("date",),
    default_sort="date",
    default_direction=Direction.DESC,
    filters=("rag", "author"),
    anchor="updates",
    descending_first=frozenset({"date"}),
)
UPDATES_SHOWN = 20  # the newest matching updates the page shows


@dataclass(frozen=True)
class MilestoneList:
    """The milestones table of the project page: its rows, sort, filters, counts and filter choices."""

    rows: tuple[MilestoneRow, ...]
    listing: Listing
    shown: Shown
    phases: tuple[tuple[str, str], ...]  # (value, name) choices of the phase filter
    owners: tuple[tuple[str, str], ...]
    states: tuple[tuple[str, str], ...]


def milestone_list(view: ProjectView, args: Mapping[str, str]) -> MilestoneList:
    """Return the project's milestones as the page's GET parameters sort and filter them."""
    phases = tuple((str(phase.id), phase.name) for phase in view.phases)
    owners = tuple(sorted({(str(row.owner_id), row.owner_name) for row in view.milestones if row.owner_id}, key=_name))
    allowed = {
        "phase": [value for value, _name in phases],
        "owner": [*(value for value, _name in owners), NOBODY],
        "state": [rag.value for rag in MilestoneRag],
    }
    listing = parse_listing(MILESTONE_LISTING, args, allowed)
    rows = tuple(row for row in view.milestones if _matches(row, listing))
    positions = {phase.id: phase.position for phase in view.phases}
    keys = {
        "name": lambda row: row.name,
        "phase": lambda row: positions.get(row.phase_id),
        "owner": lambda row: row.owner_name or None,
        "baseline": lambda row: row.baseline,
        "planned": lambda row: row.planned,
        "actual": lambda row: row.actual,
        "percent": lambda row: row.percent,
        "status": lambda row: RAG_ORDER.index(row.rag),
    }
    states = tuple((rag.value, label(rag)) for rag in RAG_ORDER)
    return MilestoneList(
        sort_rows(rows, keys, listing), listing, Shown(len(rows), len(view.milestones)), phases, owners, states
    )


def _name(choice: tuple[str, str]) -> str:
    return choice[1]


def _matches(row: MilestoneRow, listing: Listing) -> bool:
    phase, owner, state = (listing.value(name) for name in ("phase", "owner", "state"))
    return (
        (not phase or str(row.phase_id) == phase)
        and (not owner or (row.owner_id is None if owner == NOBODY else str(row.owner_id) == owner))
        and (not state or row.rag.value == state)
    )


@dataclass(frozen=True)
class UpdateList:
    """The status updates of the project page: the newest that match the filters, counts and filter choices."""

    rows: tuple[StatusUpdateRow, ...]
    listing: Listing
    shown: Shown
    authors: tuple[tuple[str, str], ...]
    rags: tuple[tuple[str, str], ...]


def update_list(project_id: int, args: Mapping[str, str]) -> UpdateList:
    """Return a project's status updates as the page's GET parameters filter them: two queries."""
    groups = db.session.execute(
        select(StatusUpdate.author_id, User.name, func.count(StatusUpdate.id))
        .outerjoin(User, User.id == StatusUpdate.author_id)
        .where(StatusUpdate.project_id == project_id)
        .group_by(StatusUpdate.author_id, User.name)
    ).all()
    authors = tuple(sorted(((str(author), name) for author, name, _count in groups if author), key=_name))
    allowed = {"rag": [rag.value for rag in Rag], "author": [value for value, _name in authors]}
    listing = parse_listing(UPDATE_LISTING, args, allowed)
    statement = select(StatusUpdate, User.name).outerjoin(User, User.id == StatusUpdate.author_id)
    statement = statement.where(StatusUpdate.project_id == project_id)
    if listing.value("rag"):
        statement = statement.where(StatusUpdate.rag == Rag(listing.value("rag")))
    if listing.value("author"):
        statement = statement.where(StatusUpdate.author_id == int(listing.value("author")))
    newest_first = listing.direction is Direction.DESC
    order = (
        (StatusUpdate.created_at.desc(), StatusUpdate.id.desc())
        if newest_first
        else (StatusUpdate.created_at, StatusUpdate.id)
    )
    found = db.session.execute(statement.order_by(*order).limit(UPDATES_SHOWN)).all()
    rows = tuple(_update_row(update, name) for update, name in found)
    total = sum(count for _author, _name, count in groups)
    rags = tuple((rag.value, label(rag)) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN))
    return UpdateList(rows, listing, Shown(len(rows), total), authors, rags)


def _update_row(update: StatusUpdate, author_name: str | None) -> StatusUpdateRow:
    return StatusUpdateRow(
        update.id,
        update.rag,
        update.summary,
        update.next_steps,
        author_name or "",
        update.created_at,
        update.author_id,
    )
