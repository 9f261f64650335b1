"""The status report's group rollout chapter: the matrix page's own read model, drawn without links."""

from __future__ import annotations

from datetime import date

from phases.projects.models import Project
from phases.rollout.matrix_view import MatrixView, matrix_view
from phases.rollout.read_model import load_rollout


def rollout_chapter(project: Project, locale: str, today: date) -> MatrixView | None:
    """Return the group rollout of the project, if it has one: its matrix, progress and late units."""
    rollout = load_rollout(project, locale)
    return matrix_view(rollout, today, links=False) if rollout else None
