#!/usr/bin/env bash
# Rasa's action server, started by deploy/supervisord.conf from bot/. Its token for the
# portal's /api/v1 is read from var/service_token (0600, written by the portal at its first
# start) into the environment, never onto a command line that `ps` would show.
set -euo pipefail
var=${BONNE_PORTE_VAR:?BONNE_PORTE_VAR manque}
PORTAL_SERVICE_TOKEN=${PORTAL_SERVICE_TOKEN:-$(cat "$var/service_token")}
export PORTAL_SERVICE_TOKEN
exec .venv/bin/rasa run actions --actions actions --port "${ACTIONS_PORT:-5055}"
