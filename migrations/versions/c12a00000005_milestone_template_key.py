"""milestones keep the key of the methodology suggestion they came from

Revision ID: c12a00000005
Revises: 43c1997c4fbf
Create Date: 2026-12-01 21:10:00.000000

"""
from pathlib import Path

import sqlalchemy as sa
import yaml
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c12a00000005'
down_revision = '43c1997c4fbf'
branch_labels = None
depends_on = None

CONTENT_DIR = Path(__file__).resolve().parents[2] / "phases" / "projects" / "content"


def _suggestions() -> dict[tuple[str, str, str], str]:
    """Return {(methodology, phase key, name in any language): suggestion key} from the methodology files."""
    found = {}
    for path in CONTENT_DIR.glob("*.yaml"):
        template = yaml.safe_load(path.read_text(encoding="utf-8"))
        for phase in template.get("phases", []):
            for suggestion in phase.get("milestones", []):
                for name in suggestion["name"].values():
                    found[(path.stem, phase["key"], name.strip())] = suggestion["key"]
    return found


def upgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template_key', sa.String(length=80), nullable=True))

    # A milestone still named as a suggestion (in any language) came from the template.
    suggestions = _suggestions()
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT milestones.id, projects.methodology, phases.key, milestones.name FROM milestones "
            "JOIN phases ON phases.id = milestones.phase_id JOIN projects ON projects.id = milestones.project_id "
            "WHERE milestones.unit_id IS NULL"
        )
    ).all()
    for milestone_id, methodology, phase_key, name in rows:
        key = suggestions.get((methodology, phase_key, (name or "").strip()))
        if key:
            connection.execute(
                sa.text("UPDATE milestones SET template_key = :key WHERE id = :id"), {"key": key, "id": milestone_id}
            )


def downgrade():
    # SQLite drops the column in place: rebuilding the table would cascade its deletion to every child row.
    with op.batch_alter_table('milestones', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('template_key')
