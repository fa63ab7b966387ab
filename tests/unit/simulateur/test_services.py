"""The JSON of a result is its dataclasses, field for field and in order."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from portal.simulateur.services import AideResultat, Demarche, Resultat


@pytest.mark.parametrize(
    "demarche",
    [
        Demarche(texte="Prendre rendez-vous", motif="rsa", url=None),
        Demarche(texte="Faire la demande en ligne", motif=None, url="https://www.caf.fr"),
    ],
)
def test_as_json_is_asdict(demarche: Demarche) -> None:
    resultat = Resultat(
        mois="2026-11",
        aides=[
            AideResultat(
                id="rsa",
                nom="RSA",
                statut="eligible",
                montant_mensuel=534.5,
                explication="Vous pouvez sans doute l'avoir.",
                demarche=demarche,
                documents=["Pièce d'identité", "Avis d'imposition"],
            ),
            AideResultat(
                id="pch",
                nom="PCH",
                statut="a_verifier",
                montant_mensuel=None,
                explication="À vérifier.",
                demarche=demarche,
                documents=[],
            ),
        ],
    )
    obtenu = resultat.as_json()
    assert obtenu == asdict(resultat)
    assert json.dumps(obtenu) == json.dumps(asdict(resultat))  # same keys, same order
    obtenu["aides"][0]["documents"].append("autre")  # a copy: the result is unchanged
    assert resultat.aides[0].documents == ["Pièce d'identité", "Avis d'imposition"]
