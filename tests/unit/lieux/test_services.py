from __future__ import annotations

from datetime import datetime

from portal.catalogue import Catalogue
from portal.catalogue.schemas.lieu import TypeLieu
from portal.lieux.services import distance_km, find_lieux

LUNDI = datetime(2026, 11, 23, 10, 0)


def test_distance_between_evreux_and_vernon_is_about_24_km() -> None:
    assert 23 < distance_km(49.0241, 1.1508, 49.0929, 1.4633) < 25


def test_every_commune_gets_a_place_of_its_own_territory_first(catalogue: Catalogue) -> None:
    for commune in catalogue.communes.values():
        resultat = find_lieux(commune, catalogue=catalogue, maintenant=LUNDI)
        assert resultat.secteur, commune.nom
        assert all(item.dans_le_secteur for item in resultat.secteur)
        assert any(
            item.lieu.type == TypeLieu.maison_des_solidarites for item in resultat.secteur
        )
        assert resultat.france_services
        assert all(item.lieu.type == TypeLieu.france_services for item in resultat.france_services)


def test_places_are_sorted_nearest_first(catalogue: Catalogue) -> None:
    resultat = find_lieux(catalogue.communes["27681"], catalogue=catalogue, maintenant=LUNDI)
    for groupe in (resultat.secteur, resultat.france_services):
        distances = [item.distance_km for item in groupe]
        assert None not in distances
        assert distances == sorted(distances)


def test_the_territory_is_the_communes_one(catalogue: Catalogue) -> None:
    evreux = catalogue.communes["27229"]
    resultat = find_lieux(evreux, catalogue=catalogue, maintenant=LUNDI)
    assert resultat.territoire.id == catalogue.territoire_of("27229").id
