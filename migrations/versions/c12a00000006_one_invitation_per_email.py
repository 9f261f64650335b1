"""one invitation per e-mail and assessment

Existing e-mails are stored trimmed and in lower case. Where one e-mail was invited to one assessment more than
once, nothing is deleted and no answer is lost: the links already in use (a response was started) stay as they
are, and when none is, the latest link (the one most likely sent last) stays. The other, unused links are
withdrawn, so the response rate counts the person once and an old link explains that it was withdrawn. The e-mail
stays on the earliest link still working; the other rows keep their name, department and answers.

Revision ID: c12a00000006
Revises: c12a00000005
Create Date: 2026-12-01 21:10:00.000000

"""

from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c12a00000006"
down_revision = "c12a00000005"
branch_labels = None
depends_on = None

invitations = sa.table(
    "invitations",
    sa.column("id", sa.Integer),
    sa.column("assessment_id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("revoked_at", sa.DateTime),
)
responses = sa.table("responses", sa.column("id", sa.Integer), sa.column("invitation_id", sa.Integer))


def _merge_repeated_invitations(connection: sa.engine.Connection) -> None:
    rows = connection.execute(
        sa.select(invitations.c.id, invitations.c.assessment_id, invitations.c.email, responses.c.id)
        .select_from(invitations.outerjoin(responses, responses.c.invitation_id == invitations.c.id))
        .where(invitations.c.email.is_not(None))
        .order_by(invitations.c.id)
    ).all()
    groups: dict[tuple[int, str], list[tuple[int, bool]]] = defaultdict(list)
    for invitation_id, assessment_id, email, response_id in rows:
        key = (email or "").strip().lower()
        if key != email:
            connection.execute(invitations.update().where(invitations.c.id == invitation_id).values(email=key or None))
        if key:
            groups[(assessment_id, key)].append((invitation_id, response_id is not None))
    now = datetime.now(UTC).replace(tzinfo=None)
    for members in groups.values():
        if len(members) < 2:
            continue
        started = [invitation_id for invitation_id, has_response in members if has_response]
        working = started or [members[-1][0]]
        withdrawn = [invitation_id for invitation_id, _has_response in members if invitation_id not in working]
        connection.execute(
            invitations.update()
            .where(invitations.c.id.in_(withdrawn))
            .values(email=None, revoked_at=sa.func.coalesce(invitations.c.revoked_at, now))
        )
        connection.execute(invitations.update().where(invitations.c.id.in_(working[1:])).values(email=None))


def upgrade():
    _merge_repeated_invitations(op.get_bind())
    # An index, not batch_alter_table: rebuilding the table on SQLite would drop it and cascade to the responses.
    op.create_index("uq_invitations_assessment_id_email", "invitations", ["assessment_id", "email"], unique=True)


def downgrade():
    op.drop_index("uq_invitations_assessment_id_email", table_name="invitations")
