"""client time zone: a client's dates and times can be shown in its own zone

Revision ID: c12a00000003
Revises: c12a00000002
Create Date: 2026-12-01 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c12a00000003'
down_revision = 'c12a00000002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade():
    # SQLite drops the column in place: rebuilding the table would cascade its deletion to every child row.
    with op.batch_alter_table('clients', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('time_zone')
