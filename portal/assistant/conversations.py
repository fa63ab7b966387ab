"""One turn of the chat: the safety net first, then the hand-off, then Rasa (if it answers).

The portal owns the conversation. Every message is stored before anything else happens, so
nothing typed is lost when Rasa is down; after a hand-off, the person's messages go to the
agent and the bot stays silent until the demande is closed.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.assistant import reponses
from portal.assistant.portes import avec_portes, bouton
from portal.assistant.relay import AssistantIndisponible, Bouton, RasaClient
from portal.assistant.second_avis import Routeur
from portal.assistant.triage import NumeroAppel
from portal.catalogue import Catalogue
from portal.catalogue.schemas.urgence import Canal
from portal.models import Auteur, Conversation, Demande, MessageConversation
from portal.models.demande import TOPICS

DEMANDER_HUMAIN = "/demander_humain"
_PREFIXES = {Canal.sms: "sms:", Canal.appel: "tel:", None: "tel:"}


@dataclass
class Tour:
    messages: list[MessageConversation] = field(default_factory=list)
    relais: bool = False
    assistant_disponible: bool = True
    demande: Demande | None = None
    envoye: MessageConversation | None = None  # the person's own message, as stored


def new_jeton() -> str:
    return secrets.token_urlsafe(24)


def find_conversation(session: Session, jeton: str) -> Conversation | None:
    return session.scalar(select(Conversation).where(Conversation.jeton == jeton))


def get_or_create_conversation(session: Session, *, jeton: str, langue: str) -> Conversation:
    conversation = find_conversation(session, jeton)
    if conversation is None:
        conversation = Conversation(jeton=jeton, rasa_sender=new_jeton(), langue=langue)
        session.add(conversation)
        session.flush()
    return conversation


def _dire(tour: Tour, conversation: Conversation, de: Auteur, texte: str,
          boutons: list[Bouton] | None = None) -> None:
    message = MessageConversation(
        conversation=conversation,
        de=de,
        texte=texte,
        langue=conversation.langue,
        boutons=[{"titre": b.titre, "valeur": b.valeur} for b in boutons] if boutons else None,
    )
    conversation.messages.append(message)
    tour.messages.append(message)


def handle_message(
    session: Session,
    *,
    jeton: str,
    texte: str,
    langue: str,
    catalogue: Catalogue,
    rasa: RasaClient,
    routeur: Routeur,
    now: datetime,
) -> Tour:
    """One message of the person. `routeur` decides first whether it is an emergency (the
    same routing as POST /api/v1/triage): then the numbers come at once, before any question,
    and the message is not sent on to the bot."""
    conversation = get_or_create_conversation(session, jeton=jeton, langue=langue)
    conversation.langue = langue
    premier = not conversation.messages
    tour = Tour()
    with force_locale(langue):
        montre = texte_montre(conversation, texte)
    tour.envoye = MessageConversation(conversation=conversation, de=Auteur.usager,
                                      texte=montre, langue=langue)
    conversation.messages.append(tour.envoye)
    session.commit()  # stored before anything can fail

    triage = routeur.trier(texte, langue)
    demande = conversation.demande_ouverte
    with force_locale(langue):
        if triage.urgence:
            conversation.urgence = triage.urgence
            conversation.topic = "urgence"
            if demande is not None and demande.urgence is None:
                demande.urgence = triage.urgence  # the agent sees it at the top of the queue
            _dire_urgence(tour, conversation, triage.numeros, catalogue,
                          demande is None and not triage.incertaine, triage.incertaine)
        elif triage.topic not in {None, "autre", "humain"} and not conversation.urgence:
            conversation.topic = triage.topic
        if demande is not None:
            tour.demande = demande
        elif texte.strip() == DEMANDER_HUMAIN:
            _proposer_relais(tour, conversation)
        elif (directe := reponses.trouver(reponses.actuelles(), texte)) is not None and (
                not triage.urgence or triage.incertaine):
            _repondre_du_contenu(tour, conversation, directe, langue)
        elif not triage.urgence or triage.incertaine:
            if premier and langue != "fr":
                _dire(tour, conversation, Auteur.assistant,
                      _("Je comprends mieux le français. Vous pouvez écrire en français, "
                        "ou parler tout de suite avec une personne."),
                      [Bouton(_("Parler à une personne"), DEMANDER_HUMAIN)])
            _demander_a_rasa(tour, conversation, texte, langue, rasa)
            if triage.second_topic and triage.topic in TOPICS:
                _proposer_deux_sujets(tour, conversation, triage.topic, triage.second_topic)
    session.commit()
    return tour


def texte_montre(conversation: Conversation, texte: str) -> str:
    """What the person sees of her own message, in the transcripts (hers and the agent's): a
    button she pressed is shown by its title, never by its payload (« /demander_humain »)."""
    if not texte.startswith("/"):
        return texte
    for message in reversed(conversation.messages):
        for choix in message.boutons or []:
            if choix.get("valeur") == texte:
                return choix.get("titre") or texte
    if texte == DEMANDER_HUMAIN:
        return _("Parler à une personne")
    return texte


def _dire_urgence(tour: Tour, conversation: Conversation, numeros: Sequence[NumeroAppel],
                  catalogue: Catalogue, proposer_relais: bool, incertaine: bool) -> None:
    """The numbers first. Unsure (a past told calmly, a doubtful model): they are given
    without saying that the person is in danger, and the question is answered after."""
    canaux = {n.numero: n.canal for n in catalogue.numeros_urgence}
    _dire(tour, conversation, Auteur.assistant,
          _("Si quelqu'un est en danger maintenant, appelez :") if incertaine
          else _("Appelez tout de suite :"),
          [Bouton(f"{n.numero} — {n.libelle}", f"{_PREFIXES[canaux.get(n.numero)]}{n.numero}")
           for n in numeros])
    if proposer_relais:
        _dire(tour, conversation, Auteur.assistant,
              _("Voulez-vous aussi qu'une personne de l'accueil vous recontacte vite ?"),
              [Bouton(_("Oui, être recontacté"), DEMANDER_HUMAIN)])


def _proposer_deux_sujets(tour: Tour, conversation: Conversation, topic: str,
                          second: str) -> None:
    """A message about two things: both are offered, and a person."""
    boutons = [Bouton(str(TOPICS[t]), str(TOPICS[t])) for t in (topic, second) if t in TOPICS]
    _dire(tour, conversation, Auteur.assistant,
          _("Votre message parle de deux sujets. Par lequel voulez-vous commencer ?"),
          [*boutons, Bouton(_("Parler à une personne"), DEMANDER_HUMAIN)])


def _proposer_relais(tour: Tour, conversation: Conversation) -> None:
    conversation.relais_propose = True
    tour.relais = True
    _dire(tour, conversation, Auteur.systeme,
          _("Une personne de l'accueil peut vous répondre. Remplissez ce court formulaire."))


def _commune(conversation: Conversation) -> str | None:
    """The person's commune, when a demande of this chat gave it (for « Trouver un lieu »)."""
    return next((d.commune_code for d in reversed(conversation.demandes) if d.commune_code),
                None)


def _repondre_du_contenu(tour: Tour, conversation: Conversation,
                         directe: reponses.ReponseDirecte, langue: str) -> None:
    """A frequent question answered from content/reponses/, with its doors and a person."""
    boutons = [bouton(p, _commune(conversation)) for p in directe.portes]
    if directe.humain:
        boutons.append(Bouton(_("Parler à une personne"), DEMANDER_HUMAIN))
    _dire(tour, conversation, Auteur.assistant, directe.texte.en_langue(langue), boutons)


def _demander_a_rasa(tour: Tour, conversation: Conversation, texte: str, langue: str,
                     rasa: RasaClient) -> None:
    try:
        reponse = rasa.send(sender=conversation.rasa_sender, texte=texte, langue=langue)
    except AssistantIndisponible:
        tour.assistant_disponible = False
        _dire(tour, conversation, Auteur.systeme,
              _("L'assistant ne répond pas pour le moment. Votre message est gardé. "
                "Laissez votre demande : une personne vous répondra."))
        conversation.relais_propose = True
        tour.relais = True
        return
    for message, boutons in reponse.textes:
        _dire(tour, conversation, Auteur.assistant, message,
              avec_portes(message, boutons, _commune(conversation)))
    if reponse.relais is not None:
        urgence = reponse.relais.get("urgence")
        if urgence and not conversation.urgence:
            conversation.urgence = str(urgence)
        if reponse.relais.get("topic") and not conversation.topic:
            conversation.topic = str(reponse.relais["topic"])
        _proposer_relais(tour, conversation)


def new_messages(
    session: Session, *, jeton: str, apres: int, tous: bool = False
) -> list[MessageConversation]:
    """Messages the person has not seen yet: the agent's answers, the end of the demande
    (or, with `tous`, every message of the conversation after `apres`)."""
    conversation = find_conversation(session, jeton)
    if conversation is None:
        return []
    auteurs = list(Auteur) if tous else [Auteur.agent, Auteur.systeme]
    return list(
        session.scalars(
            select(MessageConversation)
            .where(
                MessageConversation.conversation_id == conversation.id,
                MessageConversation.id > apres,
                MessageConversation.de.in_(auteurs),
            )
            .order_by(MessageConversation.id)
        )
    )


def purge_conversations(session: Session, *, avant: datetime) -> int:
    """Deletes conversations (and their messages) untouched since `avant`, unless a demande
    still open needs them. Returns how many were deleted."""
    anciennes = session.scalars(select(Conversation).where(Conversation.updated_at < avant))
    supprimees = 0
    for conversation in anciennes:
        if conversation.demande_ouverte is None:
            session.delete(conversation)
            supprimees += 1
    session.commit()
    return supprimees
