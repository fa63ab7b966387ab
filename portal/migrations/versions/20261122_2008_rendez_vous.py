"""rendez-vous : plages, absences, rendez-vous, notifications (outbox) et tentatives

Revision ID: c9d4e0745ec2
Revises: f15c871711cd
Create Date: 2026-11-22 20:08:56.876533
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'c9d4e0745ec2'
down_revision = 'f15c871711cd'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('absences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('lieu_id', sa.String(length=64), nullable=True),
    sa.Column('debut', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fin', sa.DateTime(timezone=True), nullable=False),
    sa.Column('raison', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('agent_id IS NOT NULL OR lieu_id IS NOT NULL', name=op.f('ck_absences_qui')),
    sa.CheckConstraint('debut < fin', name=op.f('ck_absences_periode')),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_absences_agent_id_agents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lieu_id'], ['lieux.id'], name=op.f('fk_absences_lieu_id_lieux')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absences'))
    )
    with op.batch_alter_table('absences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absences_fin'), ['fin'], unique=False)

    op.create_table('plages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lieu_id', sa.String(length=64), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('motifs', sa.JSON(), nullable=False),
    sa.Column('jours', sa.JSON(), nullable=False),
    sa.Column('heure_debut', sa.Time(), nullable=False),
    sa.Column('heure_fin', sa.Time(), nullable=False),
    sa.Column('date_debut', sa.Date(), nullable=False),
    sa.Column('date_fin', sa.Date(), nullable=True),
    sa.Column('toutes_les_semaines', sa.Integer(), nullable=False),
    sa.Column('actif', sa.Boolean(), nullable=False),
    sa.Column('verrou', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('heure_debut < heure_fin', name=op.f('ck_plages_heures')),
    sa.CheckConstraint('toutes_les_semaines >= 1', name=op.f('ck_plages_recurrence')),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_plages_agent_id_agents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lieu_id'], ['lieux.id'], name=op.f('fk_plages_lieu_id_lieux')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plages'))
    )
    with op.batch_alter_table('plages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plages_lieu_id'), ['lieu_id'], unique=False)

    op.create_table('rendez_vous',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('jeton_hash', sa.String(length=64), nullable=False),
    sa.Column('plage_id', sa.Integer(), nullable=False),
    sa.Column('lieu_id', sa.String(length=64), nullable=False),
    sa.Column('motif_id', sa.String(length=64), nullable=False),
    sa.Column('debut', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fin', sa.DateTime(timezone=True), nullable=False),
    sa.Column('creneau_tenu', sa.DateTime(timezone=True), nullable=True),
    sa.Column('statut', sa.String(length=20), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('prenom', sa.String(length=100), nullable=False),
    sa.Column('nom', sa.String(length=100), nullable=False),
    sa.Column('telephone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('commune', sa.String(length=5), nullable=True),
    sa.Column('langue', sa.String(length=5), nullable=False),
    sa.Column('cree_par', sa.String(length=20), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('echecs_verification', sa.Integer(), nullable=False),
    sa.Column('message_usager', sa.Text(), nullable=True),
    sa.Column('annule_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('debut < fin', name=op.f('ck_rendez_vous_periode')),
    sa.CheckConstraint('telephone IS NOT NULL OR email IS NOT NULL', name=op.f('ck_rendez_vous_contact')),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_rendez_vous_agent_id_agents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lieu_id'], ['lieux.id'], name=op.f('fk_rendez_vous_lieu_id_lieux')),
    sa.ForeignKeyConstraint(['plage_id'], ['plages.id'], name=op.f('fk_rendez_vous_plage_id_plages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rendez_vous')),
    sa.UniqueConstraint('jeton_hash', name=op.f('uq_rendez_vous_jeton_hash')),
    sa.UniqueConstraint('plage_id', 'creneau_tenu', name=op.f('uq_rendez_vous_plage_id')),
    sa.UniqueConstraint('reference', name=op.f('uq_rendez_vous_reference')),
    sa.UniqueConstraint('uid', name=op.f('uq_rendez_vous_uid'))
    )
    with op.batch_alter_table('rendez_vous', schema=None) as batch_op:
        batch_op.create_index('ix_rendez_vous_lieu_debut', ['lieu_id', 'debut'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rendez_vous_id', sa.Integer(), nullable=False),
    sa.Column('canal', sa.String(length=10), nullable=False),
    sa.Column('modele', sa.String(length=20), nullable=False),
    sa.Column('statut', sa.String(length=20), nullable=False),
    sa.Column('tentatives', sa.Integer(), nullable=False),
    sa.Column('prochaine_tentative', sa.DateTime(timezone=True), nullable=False),
    sa.Column('envoyee_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['rendez_vous_id'], ['rendez_vous.id'], name=op.f('fk_notifications_rendez_vous_id_rendez_vous'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_a_envoyer', ['statut', 'prochaine_tentative'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_rendez_vous_id'), ['rendez_vous_id'], unique=False)

    op.create_table('tentatives_envoi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notification_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('backend', sa.String(length=40), nullable=False),
    sa.Column('reussie', sa.Boolean(), nullable=False),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'], name=op.f('fk_tentatives_envoi_notification_id_notifications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tentatives_envoi'))
    )
    with op.batch_alter_table('tentatives_envoi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tentatives_envoi_notification_id'), ['notification_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tentatives_envoi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tentatives_envoi_notification_id'))

    op.drop_table('tentatives_envoi')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_rendez_vous_id'))
        batch_op.drop_index('ix_notifications_a_envoyer')

    op.drop_table('notifications')
    with op.batch_alter_table('rendez_vous', schema=None) as batch_op:
        batch_op.drop_index('ix_rendez_vous_lieu_debut')

    op.drop_table('rendez_vous')
    with op.batch_alter_table('plages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plages_lieu_id'))

    op.drop_table('plages')
    with op.batch_alter_table('absences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absences_fin'))

    op.drop_table('absences')
