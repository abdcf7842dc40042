# C2Future portal: `make run` to try it, `make test` to test it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/c2future)
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx

.PHONY: run test install install-dev assets demo lint format check-postgres chromium nginx java gettext messages translations worker bench loadtest backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python assets gettext
	$(BIN)/pip install --quiet -r requirements.txt
	@$(MAKE) --no-print-directory translations

install-dev: $(BIN)/python assets gettext
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@$(MAKE) --no-print-directory translations

# Translations (README: Languages). The catalogues in locale/ are compiled on every install;
# `make messages` collects new and changed strings into them after a code change.
LOCALES := it es bg el sr_Latn
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench
translations:
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var

messages: install-dev
	DEBUG=true $(BIN)/python manage.py makemessages $(addprefix -l ,$(LOCALES)) $(MESSAGES_IGNORE) --no-obsolete --add-location=file

# GNU gettext (msgfmt, xgettext) for the catalogues, from Debian's package when missing.
gettext:
	@if ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's gettext for the translation catalogues..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "msgfmt is missing: install Debian's 'gettext' package (the catalogues cannot compile)."; exit 1; \
	  fi; \
	fi

# Front-end libraries (Bootstrap, Leaflet, Chart.js) pinned by package-lock.json.
assets: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

run: export DEBUG ?= true
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The queue of a production-like setup: `TASKS_BACKEND=django_tasks_db.DatabaseBackend make
# run` in one terminal, `make worker` (same PORT) in another. Links in its emails use SITE_URL.
worker: export DEBUG ?= true
worker: export SITE_URL ?= http://127.0.0.1:$(PORT)
worker: export TASKS_BACKEND ?= django_tasks_db.DatabaseBackend
worker: install
	@echo "Worker for $(TASKS_BACKEND); links in emails point to $(SITE_URL)"
	$(BIN)/python manage.py db_worker

# Debian's chromium for the browser tests (installed when missing and we are root).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing at $(CHROMIUM): install Debian's 'chromium' package (browser tests fail without it)."; \
	  fi; \
	fi

# Debian's nginx for the reverse-proxy test (tests/resilience/test_nginx.py), like chromium.
# Debian's policy-rc.d in containers keeps the package from starting a system nginx.
nginx:
	@if [ ! -x "$(NGINX)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's nginx for the reverse-proxy test..."; \
	    apt-get update -qq && (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null \
	      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null); \
	  else \
	    echo "nginx is missing at $(NGINX): install Debian's 'nginx-light' package (the proxy test fails without it)."; \
	  fi; \
	fi

# A Java runtime for the HTML checker (npm vnu-jar) of the HTML-validity tests.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's default-jre-headless for the HTML checker..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "java is missing: install Debian's 'default-jre-headless' package (HTML-validity tests fail without it)."; \
	  fi; \
	fi

check-postgres: install-dev
	@$(BIN)/python scripts/check_postgres.py "$(TEST_DATABASE_URL)"

test: export DATABASE_URL := $(TEST_DATABASE_URL)
# Tests run with DEBUG off, like production; this key only signs test data.
test: export SECRET_KEY ?= test-only-key-not-a-secret
# Plain HTTP for the live test server; the deploy-settings test switches HTTPS on itself.
test: export SECURE_SSL ?= false
# Test processes (pytest-xdist); each file's tests run in one process, with its own database.
TEST_WORKERS ?= 2
test: install-dev chromium nginx java check-postgres
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=true $(BIN)/python manage.py check --fail-level WARNING
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses $(TEST_WORKERS) --dist loadfile

# Benchmark on loopback (README: Benchmark and scaling). `make bench BENCH_COMPANIES=1000`
# for the 1k table; each size has its own database (c2f_bench_100k, c2f_bench_1k).
BENCH_COMPANIES ?= 100000
bench: install-dev check-postgres
	BENCH_COMPANIES=$(BENCH_COMPANIES) $(BIN)/python -m bench.run

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load test (README: Security, privacy and operations): gunicorn on its own PostgreSQL
# database (c2f_loadtest), 50 users for 60 s plus 200 questionnaires, then a database check.
loadtest: install-dev check-postgres
	$(BIN)/python loadtest/run.py

# Backups: pg_dump of DATABASE_URL + media archive into var/backups/<timestamp>/.
# Restore: RESTORE_DATABASE_URL=postgres://... make restore [BACKUP=var/backups/<ts>] [FORCE=1]
backup:
	$(BIN)/python scripts/backup.py

restore:
	$(BIN)/python scripts/restore.py $(BACKUP)

clean:
	rm -rf $(VENV) node_modules var/static
