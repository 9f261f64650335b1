"""invitation audit entries: what a deleted invitation held, so its deletion can be undone

Revision ID: c12a00000007
Revises: c12a00000006
Create Date: 2026-12-01 21:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c12a00000007'
down_revision = 'c12a00000006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invitation_audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_invitation_audit_entries_assessment_id_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_invitation_audit_entries_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_invitation_audit_entries_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_audit_entries'))
    )
    with op.batch_alter_table('invitation_audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_audit_entries_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitation_audit_entries_client_id'), ['client_id'], unique=False)


def downgrade():
    with op.batch_alter_table('invitation_audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_audit_entries_client_id'))
        batch_op.drop_index(batch_op.f('ix_invitation_audit_entries_assessment_id'))

    op.drop_table('invitation_audit_entries')
