# Rasa assistant (bot/), included from the top Makefile: `include bot/bot.mk`.
# Rasa 3.6.21 needs Python 3.10 and its own virtualenv (it pins SQLAlchemy<2, tensorflow
# 2.12): bot/.venv, never the portal's .venv.
#
#   make bot-venv    create bot/.venv (again only when bot/requirements.txt changed)
#   make bot-train   train bot/models/bot.tar.gz (only when data/, config or domain changed)
#   make bot-test    validate data, held-out NLU test (the model alone, reported), test
#                    stories, the triage figures of what the product does (lexicon, model
#                    and rules, on the newest held-out part: mesures/evaluation.py, reported),
#                    the action server's tests, then the browser test with the real Rasa
#                    (tests/e2e/test_assistant_rasa.py, pytest marker `rasa`: the targets as
#                    strict expected failures while missed, today's figures as floors)
#   make bot-run     Rasa server + action server in the foreground (development)
#
# Both servers listen on 127.0.0.1 only (rasa: --interface; the action server: SANIC_HOST);
# the portal relays the chat server-side and asks /model/parse for its second opinion on
# emergencies, hence --enable-api with a token (never --cors). Rasa takes its token only on the
# command line, where `ps` shows it: scripts/rasa_run.py reads it from var/rasa_token (0600)
# instead. How `make run` starts both: deploy/supervisord.conf; in production: deploy/systemd/.

BOT_DIR := bot
BOT_VENV := $(BOT_DIR)/.venv
BOT_MODEL := $(BOT_DIR)/models/bot.tar.gz
BOT_VENV_STAMP := $(BOT_VENV)/.installed
# Everything `rasa train` reads; tests/ is deliberately not here (never trained on).
BOT_TRAIN_INPUTS := $(BOT_DIR)/config.yml $(BOT_DIR)/domain.yml \
	$(shell find $(BOT_DIR)/data -name '*.yml' 2>/dev/null) \
	$(shell find $(BOT_DIR)/components -name '*.py' 2>/dev/null)

# Rasa refuses to start when a ${VAR} of endpoints.yml is unset: give the defaults here.
BOT_ENV := RASA_TELEMETRY_ENABLED=false TQDM_DISABLE=1 PYTHONWARNINGS=ignore \
	ACTION_ENDPOINT_URL="$${ACTION_ENDPOINT_URL:-http://127.0.0.1:5055/webhook}" \
	RASA_TRACKER_URL="$${RASA_TRACKER_URL:-}"
BOT_RASA := env $(BOT_ENV) .venv/bin/rasa

.PHONY: bot-venv bot-train bot-test bot-run bot-clean

bot-venv: $(BOT_VENV_STAMP)

# `python3.10` may be a pyenv shim that only works when 3.10 is selected: also try the
# pyenv 3.10 install directly before giving up.
$(BOT_VENV_STAMP): $(BOT_DIR)/requirements.txt
	@py=""; for p in python3.10 $$(pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10; do \
	  if "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then py="$$p"; break; fi; \
	done; \
	if [ -z "$$py" ]; then \
	  echo "Erreur : python3.10 est introuvable. L'assistant (Rasa 3.6) a besoin de Python 3.10." >&2; \
	  echo "Installez-le (par exemple : pyenv install 3.10) puis relancez make." >&2; \
	  exit 1; \
	fi; \
	echo "Assistant : environnement Python 3.10 dans $(BOT_VENV) ($$py)"; \
	[ -x $(BOT_VENV)/bin/python ] || "$$py" -m venv $(BOT_VENV)
	$(BOT_VENV)/bin/python -m pip install --quiet --upgrade "pip==24.0"
	$(BOT_VENV)/bin/python -m pip install --quiet --require-hashes -r $(BOT_DIR)/requirements.txt
	touch $@

bot-train: $(BOT_MODEL)

# Rasa would also skip an unchanged model, but only after ~15 s of imports: the stamp
# (the model's own date) avoids even starting it.
$(BOT_MODEL): $(BOT_TRAIN_INPUTS) $(BOT_VENV_STAMP)
	cd $(BOT_DIR) && $(BOT_RASA) train --fixed-model-name bot --out models
	touch $@

bot-test: $(BOT_MODEL)
	cd $(BOT_DIR) && $(BOT_RASA) data validate --fail-on-warnings
	cd $(BOT_DIR) && $(BOT_RASA) test nlu --nlu tests/nlu_heldout.yml --model models/bot.tar.gz \
		--out results/heldout --successes
	cd $(BOT_DIR) && $(BOT_RASA) test core --stories tests/test_stories.yml \
		--model models/bot.tar.gz --out results/core --fail-on-prediction-errors
	cd $(BOT_DIR) && .venv/bin/python scripts/heldout_metrics.py \
		--results results/heldout --out reports/heldout_metrics.json --sans-objectifs
	.venv/bin/python -m mesures.evaluation --rasa-reel --heldout \
		--silencieux --rapport $(BOT_DIR)/reports/routage_metrics.json
	cd $(BOT_DIR) && .venv/bin/python -m unittest discover -s tests -p 'test_*.py'
	.venv/bin/python -m pytest -p no:cacheprovider -p no:randomly -m rasa \
		tests/e2e/test_assistant_rasa.py

# Development only; `make run` uses deploy/supervisord.conf. The token is the portal's (var/rasa_token,
# created here the same way if the portal has not run yet: 0600, random).
bot-run: $(BOT_MODEL)
	mkdir -p var
	[ -s var/rasa_token ] || (umask 077 && $(BOT_VENV)/bin/python -c \
	  'import secrets; print(secrets.token_urlsafe(48))' > var/rasa_token)
	cd $(BOT_DIR) && trap 'kill $$actions 2>/dev/null' EXIT INT TERM; \
	env $(BOT_ENV) SANIC_HOST=127.0.0.1 \
	  PORTAL_API_URL="$${PORTAL_API_URL:-http://127.0.0.1:5000}" \
	  .venv/bin/rasa run actions --actions actions --port 5055 & actions=$$!; \
	env $(BOT_ENV) .venv/bin/python scripts/rasa_run.py --model models/bot.tar.gz \
	  --endpoints endpoints.yml --credentials credentials.yml --interface 127.0.0.1 \
	  --port 5005 --enable-api --auth-token-file ../var/rasa_token

bot-clean:
	rm -rf $(BOT_DIR)/models $(BOT_DIR)/results $(BOT_DIR)/.rasa
