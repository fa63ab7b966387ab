"""Mes droits: the simulator door (OpenFisca-France for national aids, content for local ones)."""
