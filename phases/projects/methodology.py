"""The methodology templates (five-step method, six-stage lifecycle) read from content files."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from core.content import load_yaml, localized

CONTENT_DIR = Path(__file__).parent / "content"


class Methodology(enum.StrEnum):
    """Which methodology template a project follows."""

    FIVE_STEP = "five_step"
    SIX_STAGE = "six_stage"


def methodology_template(methodology: Methodology) -> dict[str, Any]:
    """Return the content of a methodology template."""
    return load_yaml(str(CONTENT_DIR / f"{methodology.value}.yaml"))  # type: ignore[no-any-return]


def phase_content(methodology: Methodology, phase_key: str) -> dict[str, Any]:
    """Return the template's content of one phase of a methodology (empty for a phase it does not know)."""
    return next((phase for phase in methodology_template(methodology)["phases"] if phase["key"] == phase_key), {})


def criterion_text(content: dict[str, Any], template_key: str | None, own_text: str, locale: str) -> str:
    """Return a gate criterion's text: its template's in the locale, or the project's own for a criterion added later."""
    if template_key:
        for item in content.get("gate", []):
            if item["key"] == template_key:
                return localized(item["text"], locale)
    return own_text


def recorded_criterion_text(content: dict[str, Any], text: str, locale: str) -> str:
    """Return a criterion's text recorded in some language (a waiver's list) in the locale, when it is a template's."""
    for item in content.get("gate", []):
        if text.strip() in {variant.strip() for variant in item["text"].values()}:
            return localized(item["text"], locale)
    return text


def _suggestion(methodology: Methodology, template_key: str) -> dict[str, Any] | None:
    for phase in methodology_template(methodology)["phases"]:
        for item in phase.get("milestones", []):
            if item["key"] == template_key:
                return item  # type: ignore[no-any-return]
    return None


def milestone_name(methodology: Methodology, template_key: str | None, own_name: str, locale: str) -> str:
    """Return a milestone's name: its suggestion's in the locale, or the name written for it when it has none."""
    suggestion = _suggestion(methodology, template_key) if template_key else None
    return localized(suggestion["name"], locale) if suggestion else own_name


def is_suggested_name(methodology: Methodology, template_key: str | None, name: str) -> bool:
    """Return whether a name is the suggestion's own name in one of its languages (then it was not renamed)."""
    suggestion = _suggestion(methodology, template_key) if template_key else None
    return suggestion is not None and name.strip() in {text.strip() for text in suggestion["name"].values()}


def phase_name(methodology: Methodology, phase_key: str, locale: str) -> str:
    """Return the name of a phase of a methodology in the locale."""
    for phase in methodology_template(methodology)["phases"]:
        if phase["key"] == phase_key:
            return localized(phase["name"], locale)
    return phase_key


def methodology_name(methodology: Methodology, locale: str) -> str:
    """Return the name of a methodology in the locale."""
    return localized(methodology_template(methodology)["name"], locale)
