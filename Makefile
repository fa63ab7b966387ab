# Bonne Porte — the only ways in. CI calls `make test` and nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help install install-test run test lint quality translations translations-compile \
        system-deps db-upgrade demo bench communes clean

VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# The portal needs Python ≥ 3.11; the first one found wins.
ifndef PYTHON
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do \
            $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
            && { command -v $$p; break; }; done)
endif
export BONNE_PORTE_VAR ?= $(CURDIR)/var
FLASK := $(BIN)/flask --app portal

# The assistant (Rasa 3.6, Python 3.10, its own virtualenv bot/.venv).
include bot/bot.mk

help:
	@echo "make run    installe, prépare la base et lance le portail sur http://127.0.0.1:$(PORT)"
	@echo "make test   installe ce qu'il faut et lance toutes les vérifications"
	@echo "make bench  mesure les temps de réponse (JSON)"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 ou plus récent est nécessaire."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

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

run: demo bot-train
	@echo "Bonne Porte démarre sur http://127.0.0.1:$(PORT) (Ctrl-C pour arrêter)."
	@echo "L'assistant met environ une minute à démarrer ; le portail marche sans lui."
	PORTAL_PORT=$(PORT) $(BIN)/honcho start -f Procfile -p $(PORT)

system-deps:
	@scripts/system_deps.sh

lint: install-test
	$(BIN)/ruff check .

test: install-test system-deps lint
	$(FLASK) content check
	scripts/test.sh
	$(MAKE) bot-test

bench: install-test bot-train
	@for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

communes: install
	$(BIN)/python scripts/build_communes.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
