"""What the agents' pages fetch by themselves: the new messages of a demande, and what was
last seen of it (the queue's unread marker). No state in a worker's memory: everything is
read from the database with a cursor (`apres`), so any worker can answer."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal.models import Demande, MessageConversation


def messages_apres(session: Session, demande: Demande, apres: int) -> list[MessageConversation]:
    if demande.conversation_id is None:
        return []
    return list(session.scalars(
        select(MessageConversation)
        .where(MessageConversation.conversation_id == demande.conversation_id,
               MessageConversation.id > apres)
        .order_by(MessageConversation.id)
    ))


def marquer_lu(session: Session, demande: Demande) -> None:
    """Every message of the conversation so far has been shown to an agent. A plain UPDATE:
    it is not a change of the demande (its version, checked by the forms, stays)."""
    if demande.conversation_id is None:
        return
    dernier = session.scalar(select(func.max(MessageConversation.id)).where(
        MessageConversation.conversation_id == demande.conversation_id))
    session.execute(
        update(Demande).where(Demande.id == demande.id).values(lu_jusqu_a=dernier)
        .execution_options(synchronize_session=False)
    )
    session.commit()
