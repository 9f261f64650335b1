"""Translated names of assessment, response and link states and of expectation verdicts."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from assess.enums import InvitationState
from assess.expectations import Verdict
from assess.links import LinkState
from assess.models import AssessmentStatus, ResponseStatus
from core.labels import register_labels

# One mapping per enum: LinkState.CLOSED equals AssessmentStatus.CLOSED, so one dict would keep only one of them.
LABELS = {
    AssessmentStatus: {
        AssessmentStatus.DRAFT: _l("Draft"),
        AssessmentStatus.OPEN: _l("Open"),
        AssessmentStatus.CLOSED: _l("Closed"),
    },
    ResponseStatus: {
        ResponseStatus.IN_PROGRESS: _l("In progress"),
        ResponseStatus.SUBMITTED: _l("Submitted"),
    },
    Verdict: {
        Verdict.REALISTIC: _l("Realistic"),
        Verdict.UNREALISTIC: _l("Unrealistically high"),
        Verdict.PESSIMISTIC: _l("Too pessimistic"),
    },
    LinkState: {
        LinkState.OPEN: lazy_pgettext("link", "Open"),
        LinkState.NOT_OPEN_YET: _l("Not open yet"),
        LinkState.CLOSED: lazy_pgettext("link", "Closed"),
        LinkState.REVOKED: _l("Withdrawn"),
        LinkState.SUBMITTED: lazy_pgettext("link", "Submitted"),
    },
    InvitationState: {
        InvitationState.NOT_STARTED: _l("Not started"),
        InvitationState.IN_PROGRESS: _l("In progress"),
        InvitationState.SUBMITTED: _l("Submitted"),
        InvitationState.WITHDRAWN: _l("Withdrawn"),
    },
}


def register() -> None:
    """Register the feature's enum labels; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
