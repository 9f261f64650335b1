"""The status report's group rollout chapter, from the rollout matrix page's read model."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_babel import format_date

from phases.projects.models import Project
from phases.rollout.matrix_view import ProgressRow, matrix_view
from phases.rollout.read_model import load_rollout


def rollout_chapter(project: Project, locale: str, today: date) -> dict[str, Any] | None:
    """Return the group rollout of the project, if it has one: its matrix, progress and late units."""
    rollout = load_rollout(project, locale)
    if rollout is None:
        return None
    view = matrix_view(rollout, today, links=False)

    def rows(progress_rows: Sequence[ProgressRow]) -> list[dict[str, Any]]:
        return [{"name": row.name, "started": row.progress.started, "done": row.progress.done, "total": row.progress.total,
                 "percent": f"{row.progress.percent_done:.0f}"} for row in progress_rows]

    pilots = [unit.name for unit in view.rollout.units if unit.is_pilot]
    return {
        "units": len(view.rollout.units),
        "functions": len(view.rollout.functions),
        "regions": len(view.rollout.regions),
        "pilots": pilots,
        "templates": [{"name": function.name, "reference": function.template_reference,
                       "ready": format_date(function.template_ready_on, "medium")}
                      for function in view.rollout.functions if function.template_ready_on],
        "overall": f"{view.overall.percent_done:.0f}",
        "by_function": rows(view.by_function),
        "by_region": rows(view.by_region),
        "by_wave": rows(view.by_wave),
        "late": [{"unit": row.unit.name, "region": row.unit.region, "cells": row.late_cells, "days": row.worst_days,
                  "milestones": row.overdue_milestones} for row in view.late],
        "deviations_open": view.open_deviations,
        "deviations_approved": view.approved_deviations,
        "matrix": view.heatmap_svg,
    }
