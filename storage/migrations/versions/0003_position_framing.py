"""article position framing: the report's own words that a stance changed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 14:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('articleposition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('framing', sqlmodel.sql.sqltypes.AutoString(length=20), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('framing_cue', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('articleposition', schema=None) as batch_op:
        batch_op.drop_column('framing_cue')
        batch_op.drop_column('framing')
