# Stemme — the staff's interface. Every target bootstraps .venv when it is missing
# (and re-installs when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STEMME := $(BIN)/stemme

.DEFAULT_GOAL := help
.PHONY: help venv status publish html serve images watch post post-live handbook check bench test lint format clean

help: ## Vis målene
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## Lag/oppdater .venv

status: $(STAMP) ## Kampanjen på én skjerm: manglende innlegg, bygg, publisering, varsling
	$(STEMME) status

publish: $(STAMP) ## Sjekk og bygg nettstedet til output/, og publiser det når [deploy] er satt
	$(STEMME) build --publish
	$(STEMME) deploy --if-configured

html: $(STAMP) ## Bygg forhåndsvisningen (med utkast) til build/preview/
	$(STEMME) build

serve: $(STAMP) ## Forhåndsvis på http://localhost:8000 (build/preview/) med automatisk ombygging
	$(STEMME) serve

images: $(STAMP) ## Lag alle faktakort
	$(STEMME) images

watch: $(STAMP) ## Se etter nye høringer
	$(STEMME) watch

post: $(STAMP) ## Prøvekjøring: vis hva som ville blitt postet nå (sender ingenting)
	$(STEMME) post due

post-live: $(STAMP) ## Post det som er forfalt på ordentlig (det cron-jobben gjør)
	$(STEMME) post due --live

handbook: $(STAMP) ## Bygg den interne håndboken til build/handbook/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -f handbook/mkdocs.yml

check: $(STAMP) ## Sjekk det publiserte nettstedet i en ekte nettleser
	$(STEMME) build --publish
	STEMME_AUDIT_SITE=output $(BIN)/python -m pytest tests/browser -q

bench: $(STAMP) ## Mål ytelse (kort, brev, varsling og hele nettstedet; ca. 10 min)
	$(BIN)/python -m bench

lint: $(STAMP) ## ruff (lint + format)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix generator tests bench
	$(BIN)/ruff format generator tests bench

test: $(STAMP) lint ## Kjør hele testsuiten (inkludert nettlesersjekkene)
	$(BIN)/python -m pytest

clean: ## Fjern genererte filer (ikke .venv eller state/)
	rm -rf output build .cache .pytest_cache
