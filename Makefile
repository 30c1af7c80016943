# WIR-Portal. `make run` and `make test` work on a fresh machine (see README).
SHELL := /bin/bash
UV := ./scripts/uv
PY := $(UV) run --frozen python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run migrate demo worker scheduler test test-cache-verify test-fast test-browser lint fmt types contracts check-migrations bench bench-pg prod-sim totp messages clean

help: ## Diese Hilfe
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: ## Abhängigkeiten installieren (uv sync, gesperrt durch uv.lock)
	@$(UV) sync --frozen --quiet

migrate: setup ## Datenbank anlegen/aktualisieren
	@mkdir -p var
	@DJANGO_DEBUG=1 $(MANAGE) migrate --no-input -v0
	@DJANGO_DEBUG=1 $(MANAGE) createcachetable

demo: migrate ## Referenz- und Demodaten laden (mehrfach ausführbar)
	@DJANGO_DEBUG=1 $(MANAGE) demo_data

run: demo ## Installieren, migrieren, Demodaten laden, Portal auf http://127.0.0.1:8000 starten
	@echo ""
	@echo "WIR-Portal läuft auf http://$(HOST):$(PORT)  (Beenden mit Strg+C)"
	@echo "E-Mails erscheinen hier in der Konsole (Hintergrund-Worker läuft mit)."
	@DJANGO_DEBUG=1 $(MANAGE) worker --interval 1 & WORKER=$$!; \
	  DJANGO_DEBUG=1 $(MANAGE) scheduler --interval 60 & SCHEDULER=$$!; \
	  trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT) --noreload

worker: ## Nur den Hintergrund-Worker (E-Mails) starten
	@DJANGO_DEBUG=1 $(MANAGE) worker

scheduler: ## Nur die regelmäßigen Aufgaben (Löschfristen, Erinnerungen) starten
	@DJANGO_DEBUG=1 $(MANAGE) scheduler

prod-sim: setup ## Zwei App-Server, Worker und ein Scheduler auf PostgreSQL und Redis (DATABASE_URL, REDIS_URL)
	@./scripts/prod-sim.sh

totp: ## Aktuellen TOTP-Code eines Demo-Kontos zeigen: make totp EMAIL=ministerium@wir-demo.de
	@DJANGO_DEBUG=1 $(MANAGE) totp_code $(EMAIL)

lint: setup ## ruff (Lint und Format)
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .

fmt: setup ## Code formatieren
	@$(UV) run --frozen ruff check --fix .
	@$(UV) run --frozen ruff format .

types: setup ## Typprüfung (mypy mit django-stubs)
	@$(UV) run --frozen mypy wirportal config

contracts: setup ## Abhängigkeitsrichtung prüfen (import-linter)
	@$(UV) run --frozen lint-imports

check-migrations: setup ## Fehlende Migrationen?
	@DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run >/dev/null || \
	  (echo "Es fehlen Migrationen: make migrations ausführen"; exit 1)

# the access matrix and the page tests, which `make test-cache-verify` runs with the page cache on;
# `make test WITHOUT_CACHE_VERIFY_TESTS=1` leaves them out (CI runs them in that phase only)
CACHE_VERIFY_TESTS = tests/test_access_matrix.py tests/test_page_cache.py tests/test_page_cache_scopes.py tests/test_personal_page.py tests/test_api_cache.py tests/test_api_matrix.py tests/test_api_queries.py $(sort $(wildcard wirportal/*/tests/test_views*.py wirportal/*/tests/test_*pages*.py))

test: lint types contracts check-migrations ## Die ganze Testsuite (SQLite; PostgreSQL wenn DATABASE_URL gesetzt)
	@$(UV) run --frozen pytest -n 2 --dist loadgroup --durations=25 $(if $(WITHOUT_CACHE_VERIFY_TESTS),$(addprefix --ignore=,$(CACHE_VERIFY_TESTS)))

test-cache-verify: setup ## Zugriffsmatrix und Seitentests mit Seiten-Cache, jeder Treffer neu gerendert und verglichen
	@WIR_TEST_PAGE_CACHE=1 $(UV) run --frozen pytest -n 2 -m "not browser" $(CACHE_VERIFY_TESTS)

test-fast: setup ## Tests ohne Browser
	@$(UV) run --frozen pytest -n 2 -m "not browser"

# The tests near the database (services, money, races, demo data, reports, core) on SQLite, the
# embedded default of `make run`; the whole suite runs on PostgreSQL in CI (.ci/run).
SQLITE_TESTS = $$(ls -d wirportal/*/tests/test_services*.py wirportal/*/tests/test_demo*.py \
	wirportal/*/tests/test_race*.py wirportal/*/tests/test_heavy_work*.py \
	wirportal/*/tests/test_*retention*.py wirportal/notifications/tests/test_worker_lock.py \
	wirportal/programmes/tests wirportal/payments/tests wirportal/settlement/tests \
	wirportal/reports/tests wirportal/core/tests wirportal/audit/tests \
	tests/test_backup.py tests/test_platform.py tests/test_replica_router.py)

test-sqlite: setup ## Die datenbanknahen Tests (Dienste, Geld, Rennen, Demo, Auswertungen) auf SQLite
	@env -u DATABASE_URL -u REDIS_URL $(UV) run --frozen pytest -n 2 -m "not browser" --ignore-glob='*test_views*' $(SQLITE_TESTS)

test-browser: setup ## Nur die Browsertests (Chromium + axe)
	@$(UV) run --frozen pytest -m browser

bench: setup ## Leistungsmessung, schreibt bench/report.md (installiert wrk bei Bedarf)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	@$(PY) bench/run.py

bench-pg: setup ## Leistungsmessung in der Produktionskonfiguration: PostgreSQL und Redis auf 127.0.0.1, schreibt bench/report-postgres.md
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	@BENCH_DATABASE_URL="$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/wir_bench}" \
	 BENCH_REDIS_URL="$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/12}" \
	 $(PY) bench/run.py --output bench/report-postgres.md $(BENCH_ARGS)

messages: setup ## Übersetzungen (Englisch) aktualisieren und kompilieren
	@DJANGO_DEBUG=1 $(MANAGE) makemessages -l en --ignore=.venv --ignore=var --no-obsolete
	@DJANGO_DEBUG=1 $(MANAGE) compilemessages -l en --ignore=.venv

clean: ## Lokale Daten löschen (Datenbank, Uploads)
	rm -rf var
