"""What every feature says when it refuses to undo a deletion, in the reader's language (rules in core.undo)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.errors_domain import RuleError
from core.undo import UNDO_WINDOW, Deletion, UndoRefusal, undo_refusal

UNDO_REFUSALS = {
    UndoRefusal.TOO_LATE: _l("It is too late to undo this: a deletion can be undone for %(minutes)d minutes."),
    UndoRefusal.CLASH: _l("This cannot be undone: a newer record has been given the same number."),
}


def ensure_undoable(deletion: Deletion, number_taken: bool) -> None:
    """Raise the rule error that says why a deletion can no longer be undone, if it cannot."""
    refusal = undo_refusal(deletion.at, utcnow(), number_taken)
    if refusal is not None:
        raise RuleError(str(UNDO_REFUSALS[refusal]) % {"minutes": UNDO_WINDOW.seconds // 60})
