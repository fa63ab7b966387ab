"""The scan of what browser tests show (tests/e2e/releve.py) finds what issue 15 names."""

from __future__ import annotations

import json

from tests.e2e.releve import fautes, texte_de_page, textes_de_la_demande, textes_du_chat


def test_it_finds_codes_payloads_and_raw_numbers() -> None:
    page = ("<p>Qui peut vous aider : - premier_rendez_vous_ts - -</p>"
            "<p>Vous : /demander_humain</p><p>Appelez le +33232000101</p>"
            "<script>var a_b = 1;</script><input value='x_y'>")
    trouvees = fautes(texte_de_page(page))
    assert {t.split(" : ")[0] for t in trouvees} == {
        "code interne", "commande du robot", "numéro non formaté"}, trouvees
    assert not any("a_b" in t or "x_y" in t for t in trouvees)  # script, attribute: unseen
    chat = json.dumps({"messages": [{"texte": "ok", "boutons": [
        {"titre": "/restart", "valeur": "/restart"}]}]})
    assert fautes(textes_du_chat(chat)) == ["commande du robot : '/restart'"]


def test_plain_text_passes() -> None:
    page = ("<p>Appelez le +33 2 32 00 01 01, 24h/24, et/ou le 115.</p>"
            "<p>caf.fr — « Caf - Mon Compte »</p>")
    assert fautes(texte_de_page(page)) == []


def test_the_agents_transcript_is_read_not_the_journal() -> None:
    page = ('<ol class="transcription"><li><strong>Usager :</strong> /demander_humain</li></ol>'
            "<table><tr><td>statut : prise_en_charge</td></tr></table>")
    trouvees = fautes(textes_de_la_demande(page, json_=False))
    assert "commande du robot : '/demander_humain'" in trouvees
    assert not any("prise_en_charge" in t for t in trouvees)  # the journal: codes for agents
    nouveaux = json.dumps({"messages": [{"html": "<li>Usager : rappelez au +33612345678</li>"}]})
    assert len(fautes(textes_de_la_demande(nouveaux, json_=True))) == 1
