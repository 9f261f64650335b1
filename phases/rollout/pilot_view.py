"""Read model of the pilot selection page: the candidates ranked on the weighted criteria, the proposal and coverage."""

from __future__ import annotations

from dataclasses import dataclass

from core.content import localized
from phases.rollout.matrix import CoverageFinding, coverage_check, propose_pilots
from phases.rollout.read_model import Rollout, UnitRow, ranked_candidates
from phases.rollout.settings import rollout_content


@dataclass(frozen=True)
class CriterionColumn:
    """A pilot criterion, named and explained in the reader's language, with its weight."""

    key: str
    name: str
    hint: str
    weight: int


@dataclass(frozen=True)
class CandidateRow:
    """A candidate unit with its weighted score and rank (unscored units have neither)."""

    unit: UnitRow
    rank: int | None
    score: float | None
    core: bool  # a core point of its region
    is_proposed: bool  # the tool proposes it as a pilot
    is_ticked: bool  # ticked in the confirmation: a pilot, or proposed while no pilot is confirmed


@dataclass(frozen=True)
class PilotView:
    """The ranking of candidate units, the proposal and the coverage check of the current or proposed pilots."""

    criteria: tuple[CriterionColumn, ...]
    core_score: float
    candidates: tuple[CandidateRow, ...]  # best first
    proposal: tuple[str, ...]  # names of the proposed pilots
    proposal_coverage: tuple[CoverageFinding, ...]
    chosen: tuple[str, ...]  # names of the confirmed pilots
    coverage: tuple[CoverageFinding, ...]
    max_pilots_per_region: int


def pilot_view(rollout: Rollout, locale: str) -> PilotView:
    """Rank the candidates on the weighted criteria, propose pilots and check the plane coverage."""
    content = rollout_content()
    ranked = ranked_candidates(rollout.units, rollout.programme.weights)
    proposal = propose_pilots(ranked, int(content["proposed_pilots"]))
    chosen = tuple(unit.id for unit in rollout.units if unit.is_pilot)
    limit = rollout.programme.max_pilots_per_region
    units = {unit.id: unit for unit in rollout.units}
    criteria = tuple(
        CriterionColumn(item["key"], localized(item["name"], locale), localized(item["hint"], locale), weight)
        for item, weight in zip(content["criteria"], rollout.programme.weights)
    )
    candidates = tuple(
        CandidateRow(
            units[item.unit_id],
            item.rank,
            item.score,
            item.core,
            item.unit_id in proposal,
            item.unit_id in chosen if chosen else item.unit_id in proposal,
        )
        for item in ranked
    )
    return PilotView(
        criteria=criteria,
        core_score=float(content["core_score"]),
        candidates=candidates,
        proposal=tuple(units[unit_id].name for unit_id in proposal),
        proposal_coverage=tuple(coverage_check(ranked, proposal, limit)),
        chosen=tuple(units[unit_id].name for unit_id in chosen),
        coverage=tuple(coverage_check(ranked, chosen, limit)) if chosen else (),
        max_pilots_per_region=limit,
    )
