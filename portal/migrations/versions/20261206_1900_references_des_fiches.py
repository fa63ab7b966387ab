"""références des fiches de liaison

Revision ID: 7b3e5c1d9a42
Revises: 420a53f4bdb7
Create Date: 2026-12-06 19:00:00.000000

A fiche de liaison is named in its URL by a random reference, never by its sequential id.
The fiches already written get one here.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op


revision = '7b3e5c1d9a42'
down_revision = '420a53f4bdb7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orientations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=16), nullable=True))
    connexion = op.get_bind()
    orientations = sa.table('orientations', sa.column('id'), sa.column('reference'))
    for (orientation_id,) in connexion.execute(sa.select(orientations.c.id)).all():
        connexion.execute(
            orientations.update()
            .where(orientations.c.id == orientation_id)
            .values(reference=secrets.token_urlsafe(12))
        )
    with op.batch_alter_table('orientations', schema=None) as batch_op:
        batch_op.alter_column('reference', existing_type=sa.String(length=16), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_orientations_reference'), ['reference'])


def downgrade() -> None:
    with op.batch_alter_table('orientations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_orientations_reference'), type_='unique')
        batch_op.drop_column('reference')
