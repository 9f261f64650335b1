"""The assessment report's context, from the results page's read model: plain values, nothing lazy."""
from __future__ import annotations

from typing import Any

from flask_babel import format_date

from assess.models import Assessment, AssessmentStatus
from assess.results import load_results
from assess.views import results_view
from core.clock import local_today
from core.labels import label


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def assessment_context(assessment: Assessment, prepared_by: str, locale: str) -> dict[str, Any]:
    """Return everything the assessment report shows, as plain values."""
    view = results_view(assessment, load_results(assessment))
    return {
        "kind": "assessment",
        "locale": locale,
        "title": assessment.title,
        "client": assessment.client.display_name(locale),
        "prepared_by": prepared_by,
        "date": format_date(assessment.closes_on if assessment.status is AssessmentStatus.CLOSED else local_today(), "long"),
        "status": label(assessment.status, locale),
        "anonymous": assessment.anonymous,
        "overall": _num(view.overall),
        "stage": view.stage_name,
        "respondents": view.respondents,
        "invited": view.invited,
        "submitted": view.submitted,
        "dimensions": [
            {"name": row.name, "score": _num(row.score), "stage": row.stage_name, "target": _num(row.target, 1),
             "gap": _num(row.gap), "priority": _num(row.priority, 1), "stdev": _num(row.stdev),
             "range": "" if row.minimum is None else f"{row.minimum:.1f}–{row.maximum:.1f}",
             "disagrees": row.disagrees, "split_questions": list(row.disagreeing_questions)}
            for row in view.dimensions
        ],
        "ranked": [{"name": row.name, "gap": _num(row.gap), "priority": _num(row.priority, 1)} for row in view.ranked],
        "recommendations": [
            {"dimension": item.dimension, "question": item.question, "score": _num(item.score),
             "from_level": item.current_level_name, "to_level": item.next_level_name, "next_step": item.next_descriptor}
            for item in view.recommendations
        ],
        "expectations": [
            {"text": row.text, "count": row.count, "median": _num(row.median, 1), "unit": row.unit,
             "verdict": label(row.verdict, locale) if row.verdict else "", "warning": row.warning,
             "flagged": bool(row.warning), "unrealistic": row.unrealistic, "pessimistic": row.pessimistic}
            for row in view.expectations
        ],
        "rates": [{"department": rate.department, "invited": rate.invited, "submitted": rate.submitted,
                   "rate": f"{rate.rate:.0%}"} for rate in view.rates],
        "departments": list(view.departments),
        "hidden_groups": view.hidden_groups,
        "comments": [
            {"dimension": dimension, "question": question,
             "items": [{"text": c.text, "department": c.department, "respondent": c.respondent or ""} for c in comments]}
            for dimension, question, comments in view.comments
        ],
        "charts": {"radar": view.radar_svg, "heatmap": view.heatmap_svg, "gaps": view.gaps_svg},
    }
