"""What the rollout rules' refusals say, in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _

from phases.rollout.matrix import MoveRefusal, PilotRefusal


def move_refusal_message(refusal: MoveRefusal, function_name: str = "") -> str:
    """Return why a cell may not move, in the reader's language."""
    messages = {
        MoveRefusal.NOT_ALLOWED: _("This cell cannot move from its current stage to that one."),
        MoveRefusal.NOT_A_PILOT: _("Only a confirmed pilot unit can pilot a function. Confirm the pilots first."),
        MoveRefusal.NO_TEMPLATE: _(
            "“%(function)s” has no template yet: its pilot must produce one before it rolls out to other units.",
            function=function_name,
        ),
        MoveRefusal.NEEDS_EVALUATION: _(
            "A unit moves to “optimising” by recording its evaluation after the run period."
        ),
        MoveRefusal.RUN_PERIOD: _("The run period has not ended yet; evaluate the unit after it."),
    }
    return messages[refusal]


def pilot_refusal_message(refusal: PilotRefusal) -> str:
    """Return why a choice of pilots may not be confirmed, in the reader's language."""
    messages = {
        PilotRefusal.NONE_CHOSEN: _("Choose at least one pilot unit."),
        PilotRefusal.NOT_SCORED: _("Score every criterion of a unit before choosing it as a pilot."),
        PilotRefusal.COVERAGE_UNEXPLAINED: _("The coverage check has warnings: say why this choice stands."),
        PilotRefusal.STILL_PILOTING: _("A unit that is already piloting a function stays a pilot."),
    }
    return messages[refusal]
