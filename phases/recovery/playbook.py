"""The recovery's content files: the eight-step checklist template and the health-check thresholds and texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.content import load_yaml, localized
from phases.recovery.health import HealthRules, Reason, parse_rules, reason_text

CONTENT_DIR = Path(__file__).parent / "content"
STEPS_FILE = CONTENT_DIR / "recovery_steps.yaml"
HEALTH_FILE = CONTENT_DIR / "health_check.yaml"


def recovery_steps() -> list[dict[str, Any]]:
    """Return the eight steps with their check items, in order."""
    return load_yaml(str(STEPS_FILE))["steps"]  # type: ignore[no-any-return]


def items_completed_by(event: str) -> list[tuple[str, str]]:
    """Return (step key, item key) of the check items an event of the recovery marks done, as the content says."""
    return [
        (step["key"], item["key"])
        for step in recovery_steps()
        for item in step["items"]
        if item.get("completed_by") == event
    ]


def step_titles(locale: str) -> dict[str, str]:
    """Return each step's title in the locale, by step key."""
    return {step["key"]: localized(step["title"], locale) for step in recovery_steps()}


def item_texts(locale: str) -> dict[tuple[str, str], str]:
    """Return each check item's text in the locale, by (step key, item key)."""
    return {
        (step["key"], item["key"]): localized(item["text"], locale)
        for step in recovery_steps()
        for item in step["items"]
    }


def health_rules() -> HealthRules:
    """Return the health-check thresholds from their content file."""
    return parse_rules(load_yaml(str(HEALTH_FILE)))


def health_reason(reason: Reason, locale: str) -> str:
    """Return one health-check reason as a sentence in the locale."""
    texts = {entry["key"]: entry["reason"] for entry in load_yaml(str(HEALTH_FILE))["signals"]}
    template = texts[reason.key]
    chosen = template.get(locale) or template["en"]
    return reason_text(chosen, reason, "、" if locale.startswith("zh") else ", ")
