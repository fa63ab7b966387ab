# Bonne Porte — the only ways in. CI calls `make test` and nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help install install-test run smoke test lint quality translations translations-compile \
        system-deps db-upgrade demo audio bench communes lock clean

# The portal's virtualenv; `make smoke` runs `make run` with VENV set to a runtime-only one.
VENV ?= .venv
BIN := $(VENV)/bin
# Locks (pip-tools, with hashes): what `make run` and `make test` install, nothing else.
# `make lock` writes them again from pyproject.toml.
RUNTIME_LOCK := requirements/runtime.txt
TEST_LOCK := requirements/test.txt
PORT ?= 5000
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
# The portal needs Python ≥ 3.11; the first one found wins.
ifndef PYTHON
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do \
            $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
            && { command -v $$p; break; }; done)
endif
BONNE_PORTE_VAR ?= $(CURDIR)/var
export BONNE_PORTE_VAR := $(abspath $(BONNE_PORTE_VAR))
FLASK := $(BIN)/flask --app portal

# The assistant (Rasa 3.6, Python 3.10, its own virtualenv bot/.venv).
include bot/bot.mk

help:
	@echo "make run    installe, prépare la base et lance le portail sur http://127.0.0.1:$(PORT)"
	@echo "make test   installe ce qu'il faut et lance toutes les vérifications"
	@echo "make bench  mesure les temps de réponse (JSON)"
	@echo "make smoke  lance le produit comme make run et l'essaie porte par porte"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 ou plus récent est nécessaire."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(RUNTIME_LOCK) | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r $(RUNTIME_LOCK)
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

$(VENV)/.installed-test: $(TEST_LOCK) $(VENV)/.installed
	$(BIN)/pip install -q --require-hashes -r $(TEST_LOCK)
	@touch $@

# After a change of dependencies in pyproject.toml (a test checks that the locks follow it).
lock:
	python3 -m venv var/lock-tools && var/lock-tools/bin/pip install -q pip-tools
	for extra in runtime test; do \
	  var/lock-tools/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe \
	    --no-header $$([ $$extra = test ] && echo --extra test) \
	    -o requirements/$$extra.txt pyproject.toml || exit 1; \
	done

install: $(VENV)/.installed translations-compile
install-test: $(VENV)/.installed-test translations-compile

translations-compile: $(VENV)/.installed
	@$(BIN)/pybabel compile -d translations --statistics 2>&1 | grep -v '^compiling'; \
	  test $${PIPESTATUS[0]} -eq 0

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-wrap --omit-header -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap
	@echo "Traduisez les entrées vides ou « fuzzy » dans translations/*/LC_MESSAGES/messages.po."

db-upgrade: install
	@mkdir -p $(BONNE_PORTE_VAR)
	$(FLASK) db upgrade

demo: db-upgrade
	$(FLASK) demo load

# The recordings of the letters and of the emergency page (fr, en, ar) into var/audio, made
# offline by espeak-ng (scripts/system_deps.sh). Only a changed text is recorded again. Without
# espeak-ng it says so and goes on: the pages then say that the recording is missing.
# `make run` does not install Debian packages (it runs without root); `make test` does.
audio: install
	@mkdir -p $(BONNE_PORTE_VAR)/audio
	@# make smoke runs with a var/ of its own: the recordings already in var/audio are reused
	@# (a name holds the hash of its text, so only a recording of the same text is).
	@if [ "$(BONNE_PORTE_VAR)" != "$(CURDIR)/var" ] && [ -d var/audio ]; then \
	  cp -n var/audio/* $(BONNE_PORTE_VAR)/audio/ 2>/dev/null || true; fi
	$(FLASK) courriers audio

# supervisord (deploy/supervisord.conf) starts the portal (gunicorn), the reminders, Rasa and
# its action server, and starts again any of them that dies. Ctrl-C stops them all.
run: demo audio bot-train
	@echo "Bonne Porte démarre sur http://127.0.0.1:$(PORT) (Ctrl-C pour arrêter)."
	@echo "L'assistant met environ une minute à démarrer ; le portail marche sans lui."
	PORT=$(PORT) RASA_PORT=$(RASA_PORT) ACTIONS_PORT=$(ACTIONS_PORT) \
	  RASA_URL=http://127.0.0.1:$(RASA_PORT) VENV_BIN=$(abspath $(BIN)) \
	  BONNE_PORTE_ROOT=$(CURDIR) $(BIN)/supervisord -c deploy/supervisord.conf

# The product as `make run` starts it, from a fresh virtualenv holding only the runtime lock.
SMOKE_VENV := $(CURDIR)/.venv-smoke
smoke: bot-train translations-compile
	rm -rf $(SMOKE_VENV)
	$(MAKE) --no-print-directory install VENV=$(SMOKE_VENV)
	$(SMOKE_VENV)/bin/python scripts/smoke.py --venv $(SMOKE_VENV)

system-deps:
	@scripts/system_deps.sh

lint: install-test
	$(BIN)/ruff check .

test: install-test system-deps lint
	$(FLASK) content check
	$(MAKE) --no-print-directory audio
	scripts/test.sh
	$(MAKE) bot-test
	$(MAKE) smoke

bench: install-test bot-train
	@for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

communes: install
	$(BIN)/python scripts/build_communes.py

clean:
	rm -rf $(VENV) $(SMOKE_VENV) var .pytest_cache .ruff_cache
