"""ateliers collectifs : places des séances et place tenue par un rendez-vous

Revision ID: 3c8e1f6a2b70
Revises: b0e7e5a1c2d3
Create Date: 2026-12-07 09:00:00.000000

A session of a collective motif is a one-day plage with a number of seats; each booked seat is
a rendez-vous holding a seat number, unique per session (NULL once cancelled). A session is
named in the agents' URLs by a random reference.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '3c8e1f6a2b70'
down_revision = 'b0e7e5a1c2d3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('places', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reference', sa.String(length=16), nullable=True))
        batch_op.create_unique_constraint('uq_plages_reference', ['reference'])
    with op.batch_alter_table('rendez_vous', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place', sa.Integer(), nullable=True))
        batch_op.create_index('ix_rendez_vous_plage_place', ['plage_id', 'place'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('rendez_vous', schema=None) as batch_op:
        batch_op.drop_index('ix_rendez_vous_plage_place')
        batch_op.drop_column('place')
    with op.batch_alter_table('plages', schema=None) as batch_op:
        batch_op.drop_constraint('uq_plages_reference', type_='unique')
        batch_op.drop_column('reference')
        batch_op.drop_column('places')
