"""messages lus par l'accueil

Revision ID: 3c9d1e7a5b20
Revises: d17a1d5e0c01
Create Date: 2026-12-07 21:45:00.000000

The last message of a demande's conversation an agent has seen: the queue marks the
demandes where the person wrote after it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '3c9d1e7a5b20'
down_revision = 'd17a1d5e0c01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('demandes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lu_jusqu_a', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('demandes', schema=None) as batch_op:
        batch_op.drop_column('lu_jusqu_a')
