"""bornes et tickets

Revision ID: b0e7e5a1c2d3
Revises: 3c9d1e7a5b20
Create Date: 2026-12-07 22:00:00.000000

Kiosks of a lieu (a random uid in the device's signed cookie, revocable) and the summaries a
printed ticket's QR code opens (only the hash of their opaque token, with an expiry).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = 'b0e7e5a1c2d3'
down_revision = '3c9d1e7a5b20'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'bornes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uid', sa.String(length=32), nullable=False),
        sa.Column('reference', sa.String(length=16), nullable=False),
        sa.Column('lieu_id', sa.String(length=64), nullable=False),
        sa.Column('nom', sa.String(length=100), nullable=False),
        sa.Column('creee_par_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoquee_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['creee_par_id'], ['agents.id'], name=op.f('fk_bornes_creee_par_id_agents'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bornes')),
        sa.UniqueConstraint('uid', name=op.f('uq_bornes_uid')),
        sa.UniqueConstraint('reference', name=op.f('uq_bornes_reference')),
    )
    op.create_table(
        'tickets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('jeton_hash', sa.String(length=64), nullable=False),
        sa.Column('genre', sa.String(length=20), nullable=False),
        sa.Column('contenu', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expire_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tickets')),
        sa.UniqueConstraint('jeton_hash', name=op.f('uq_tickets_jeton_hash')),
    )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tickets_expire_at'), ['expire_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tickets_expire_at'))
    op.drop_table('tickets')
    op.drop_table('bornes')
