"""scripts/rasa_run.py: the token is read from its file and never expected on the command line."""

from __future__ import annotations

import importlib.util
import tempfile
import unittest
from pathlib import Path

_CHEMIN = Path(__file__).resolve().parents[1] / "scripts" / "rasa_run.py"
_SPEC = importlib.util.spec_from_file_location("rasa_run", _CHEMIN)
assert _SPEC is not None and _SPEC.loader is not None
rasa_run = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rasa_run)


class ArgumentsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dossier = tempfile.TemporaryDirectory()
        self.jeton = Path(self.dossier.name) / "rasa_token"
        self.jeton.write_text("secret-123\n", encoding="utf-8")

    def tearDown(self) -> None:
        self.dossier.cleanup()

    def test_the_file_gives_the_token_to_rasa(self) -> None:
        args = rasa_run.arguments(["--port", "5005", "--auth-token-file", str(self.jeton),
                                   "--enable-api"])
        self.assertEqual(args, ["run", "--port", "5005", "--enable-api",
                                "--auth-token", "secret-123"])

    def test_without_a_file_rasa_runs_without_a_token(self) -> None:
        self.assertEqual(rasa_run.arguments(["--port", "5005"]), ["run", "--port", "5005"])

    def test_a_token_on_the_command_line_is_refused(self) -> None:
        with self.assertRaises(SystemExit):
            rasa_run.arguments(["--auth-token", "visible"])

    def test_an_empty_or_missing_file_is_refused(self) -> None:
        self.jeton.write_text("\n", encoding="utf-8")
        with self.assertRaises(SystemExit):
            rasa_run.arguments(["--auth-token-file", str(self.jeton)])
        with self.assertRaises(SystemExit):
            rasa_run.arguments(["--auth-token-file"])
        with self.assertRaises(SystemExit):
            rasa_run.arguments(["--auth-token-file", str(self.jeton) + ".absent"])


if __name__ == "__main__":
    unittest.main()
