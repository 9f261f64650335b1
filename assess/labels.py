"""Translated names of assessment and response states."""

from flask_babel import lazy_gettext as _l

from assess.enums import InvitationState
from assess.expectations import Verdict
from assess.links import LinkState
from assess.models import AssessmentStatus, ResponseStatus
from core.labels import register_labels

LABELS = {
    AssessmentStatus.DRAFT: _l("Draft"),
    AssessmentStatus.OPEN: _l("Open"),
    AssessmentStatus.CLOSED: _l("Closed"),
    ResponseStatus.IN_PROGRESS: _l("In progress"),
    ResponseStatus.SUBMITTED: _l("Submitted"),
    Verdict.REALISTIC: _l("Realistic"),
    Verdict.UNREALISTIC: _l("Unrealistically high"),
    Verdict.PESSIMISTIC: _l("Too pessimistic"),
    LinkState.OPEN: _l("Open"),
    LinkState.NOT_OPEN_YET: _l("Not open yet"),
    LinkState.CLOSED: _l("Closed"),
    LinkState.REVOKED: _l("Withdrawn"),
    LinkState.SUBMITTED: _l("Submitted"),
}

# A separate mapping: invitation states share values with response states, and equal StrEnum members are one key.
INVITATION_STATE_LABELS = {
    InvitationState.NOT_STARTED: _l("Not started"),
    InvitationState.IN_PROGRESS: _l("In progress"),
    InvitationState.SUBMITTED: _l("Submitted"),
    InvitationState.WITHDRAWN: _l("Withdrawn"),
}


def register() -> None:
    """Register the feature's enum labels; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
    register_labels(INVITATION_STATE_LABELS)
