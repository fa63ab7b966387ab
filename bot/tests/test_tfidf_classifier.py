"""components/tfidf_classifier.py: trained, stored, loaded back and read as Rasa reads it; a
stored file holding an unexpected type is refused."""

from __future__ import annotations

import sys
import tempfile
import unittest
from pathlib import Path

import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from components.tfidf_classifier import TfidfIntentClassifier, charger  # noqa: E402

EXEMPLES = {
    "rsa": ["ma déclaration trimestrielle du rsa", "le rsa n'est pas arrivé ce mois",
            "combien fait le revenu de solidarité", "mon rsa est suspendu"],
    "logement": ["mon loyer est trop cher", "une demande de logement social",
                 "le propriétaire ne répare pas", "aide pour payer le loyer"],
    "urgence_suicide": ["je veux en finir ce soir", "je ne veux plus vivre",
                        "j'ai envie de mourir", "je vais me tuer"],
}


class Inconnu:
    """A type skops does not know: a stored file holding it must not be loaded."""

    def __init__(self) -> None:
        self.valeur = 1


class TfidfClassifierTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dossier = tempfile.TemporaryDirectory()
        racine = Path(self.dossier.name)
        (racine / "stockage").mkdir()
        self.stockage = LocalModelStorage(racine / "stockage")
        self.ressource = Resource("classifieur")
        self.contexte = ExecutionContext(GraphSchema({}), node_name="classifieur")

    def tearDown(self) -> None:
        self.dossier.cleanup()

    def _entraine(self) -> TfidfIntentClassifier:
        composant = TfidfIntentClassifier.create(
            {}, self.stockage, self.ressource, self.contexte)
        donnees = TrainingData([Message(data={"text": t, "intent": i})
                                for i, textes in EXEMPLES.items() for t in textes])
        composant.train(donnees)
        return composant

    def test_trained_then_loaded_it_ranks_every_intent_best_first(self) -> None:
        self._entraine()
        charge = TfidfIntentClassifier.load(
            {}, self.stockage, self.ressource, self.contexte)
        message = Message(data={"text": "mon rsa n'est pas versé"})
        charge.process([message])
        classement = message.get("intent_ranking")
        self.assertEqual(message.get("intent")["name"], "rsa")
        self.assertEqual([c["name"] for c in classement][0], "rsa")
        self.assertEqual(len(classement), 3)
        confiances = [c["confidence"] for c in classement]
        self.assertEqual(confiances, sorted(confiances, reverse=True))
        self.assertAlmostEqual(sum(confiances), 1.0, places=6)

    def test_accents_and_case_do_not_change_the_answer(self) -> None:
        composant = self._entraine()
        avec, sans = (Message(data={"text": "JE VEUX EN FINIR CE SOIR"}),
                      Message(data={"text": "je veux en finir ce soir"}))
        composant.process([avec, sans])
        self.assertEqual(avec.get("intent_ranking"), sans.get("intent_ranking"))
        self.assertEqual(avec.get("intent")["name"], "urgence_suicide")

    def test_a_stored_file_with_an_unexpected_type_is_refused(self) -> None:
        composant = self._entraine()
        chemin = Path(self.dossier.name) / "piege.skops"
        sio.dump({"pipeline": composant.pipeline, "piege": Inconnu()}, chemin)
        with self.assertRaises(TypeError):
            charger(chemin)


if __name__ == "__main__":
    unittest.main()
