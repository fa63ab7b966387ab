"""`rasa run` with its API token read from a file, never written on a command line.

Rasa takes its token only as `--auth-token TOKEN`: on the command line, any local user sees it
in `ps`. This starts Rasa in this process with the same arguments, where `--auth-token-file
PATH` stands for `--auth-token`: the token is read here and handed to Rasa's own argument
parser through `sys.argv`, which the system's process list does not show.

    .venv/bin/python scripts/rasa_run.py --model models/bot.tar.gz … \
        --auth-token-file ../var/rasa_token
"""

from __future__ import annotations

import sys
from pathlib import Path


def arguments(args: list[str]) -> list[str]:
    """Rasa's arguments, `--auth-token-file PATH` replaced by the token it holds."""
    if "--auth-token" in args:
        raise SystemExit("--auth-token est refusé ici : donnez --auth-token-file FICHIER")
    if "--auth-token-file" not in args:
        return ["run", *args]
    i = args.index("--auth-token-file")
    if i + 1 >= len(args):
        raise SystemExit("--auth-token-file attend un fichier")
    try:
        token = Path(args[i + 1]).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SystemExit(f"impossible de lire le jeton {args[i + 1]} : {exc.strerror}") from exc
    if not token:
        raise SystemExit(f"{args[i + 1]} est vide : il faut un jeton")
    return ["run", *args[:i], *args[i + 2 :], "--auth-token", token]


def main() -> None:
    sys.argv = ["rasa", *arguments(sys.argv[1:])]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
