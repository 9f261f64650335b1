"""gate sign-offs: the waiver's reason and the criteria it covers

Revision ID: c12a00000002
Revises: c12a00000007
Create Date: 2026-12-01 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c12a00000002'
down_revision = 'c12a00000007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('gate_signoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waived_criterion_ids', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('waiver_reason', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('gate_signoffs', schema=None) as batch_op:
        batch_op.alter_column('waived_criterion_ids', server_default=None)
        batch_op.alter_column('waiver_reason', server_default=None)
    _cover_earlier_waivers()


def _cover_earlier_waivers():
    """Give each earlier waiver the criteria it let pass (those open today) and its comment as its reason."""
    connection = op.get_bind()
    signoffs = sa.table(
        'gate_signoffs',
        sa.column('id', sa.Integer),
        sa.column('phase_id', sa.Integer),
        sa.column('waiver', sa.Boolean),
        sa.column('comment', sa.Text),
        sa.column('waived_criterion_ids', sa.JSON),
        sa.column('waiver_reason', sa.Text),
    )
    criteria = sa.table(
        'gate_criteria', sa.column('id', sa.Integer), sa.column('phase_id', sa.Integer), sa.column('state', sa.String)
    )
    waivers = connection.execute(
        sa.select(signoffs.c.id, signoffs.c.phase_id, signoffs.c.comment).where(signoffs.c.waiver == sa.true())
    ).all()
    for signoff_id, phase_id, comment in waivers:
        open_ids = connection.execute(
            sa.select(criteria.c.id)
            .where(criteria.c.phase_id == phase_id, criteria.c.state.in_(('unreviewed', 'rework')))
            .order_by(criteria.c.id)
        ).scalars().all()
        connection.execute(
            signoffs.update()
            .where(signoffs.c.id == signoff_id)
            .values(waived_criterion_ids=list(open_ids), waiver_reason=comment or '')
        )


def downgrade():
    # SQLite drops the column in place: rebuilding the table would cascade its deletion to every child row.
    with op.batch_alter_table('gate_signoffs', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('waiver_reason')
        batch_op.drop_column('waived_criterion_ids')
