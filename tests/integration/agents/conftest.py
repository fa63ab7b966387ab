"""The rendez-vous fixtures (demo plages) are used here too."""

from tests.integration.rendez_vous.conftest import plages  # noqa: F401
