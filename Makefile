# Sliven Civic: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# The public origin every absolute URL is built from (SITE_URL, docs/deploying.md).
SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# The suite runs in parallel, one pytest-xdist worker per core (each with its own test
# database); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

.PHONY: run install messages migrate demo test test-fast lint audit lock wheel bench browser screenshots backup restore check-deploy clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[site,test]"
	@touch $@

install: $(VENV)/.installed
	@scripts/install-bulgarian-search

# Interface translations: .mo files are built from each app's locale/*.po (and the site's
# locale/, and civic_core/locale_js: the admin's JavaScript in Bulgarian), never committed.
CATALOGS = $(wildcard civic_core/locale/*/LC_MESSAGES/*.po civic_core/locale_js/*/LC_MESSAGES/*.po pages/locale/*/LC_MESSAGES/*.po forms_ext/locale/*/LC_MESSAGES/*.po locale/*/LC_MESSAGES/*.po)
messages: install
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q gettext >/dev/null; }
	@for po in $(CATALOGS); do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate messages
	$(PY) manage.py seed_demo
	$(PY) manage.py ensure_admin
	SITE_URL=$(SITE_URL) $(PY) manage.py civic_site_url

# The task worker (emails of the citizens' forms) runs beside the server and stops with it.
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	@export SITE_URL=$(SITE_URL); $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install messages browser lint audit
	scripts/with-postgres $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Everything but the browser and system tests (they start browsers, servers and virtualenvs).
test-fast: install messages lint
	scripts/with-postgres $(PY) -m pytest -n $(TEST_WORKERS) -m "not e2e and not system" $(PYTEST_ARGS)

# The deployment lock file, from pyproject.toml (the suite and the site's extras), with hashes;
# and pip-audit against it.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra site --extra s3 --strip-extras --no-emit-index-url \
	  --no-emit-find-links --generate-hashes --output-file requirements.lock pyproject.toml

audit: install
	scripts/audit

# The distribution (dist/wagtail_civic-*.whl), with the compiled catalogs in it.
wheel: install messages
	rm -rf build dist
	$(PY) -m build --wheel --no-isolation --outdir dist . >/dev/null
	@ls dist/*.whl

# Formatting, lint and the suite's import rules (pyproject.toml: [tool.ruff], [tool.importlinter]).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=site:. $(VENV)/bin/lint-imports

# Browser tests drive Debian's chromium (never a downloaded browser). Installed when we
# can (root with apt-get); otherwise pytest skips them and says so loudly.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; }; } || \
	  echo "!!!!! chromium is not installed and could not be: BROWSER TESTS WILL BE SKIPPED !!!!!"

# docs/screenshots/*.png, shown in the README.
screenshots: install messages browser
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots scripts/with-postgres $(PY) -m pytest tests/e2e/test_screenshots.py -q

# pg_dump of DATABASE_URL and a tar of MEDIA_ROOT into backups/<timestamp>/.
backup:
	scripts/backup

restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	scripts/restore "$(BACKUP)"

check-deploy: install
	DJANGO_SETTINGS_MODULE=sliven_site.settings.production SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))")} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-example.org} SITE_URL=$(if $(filter environment,$(origin SITE_URL)),$(SITE_URL),https://example.org) \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var db.sqlite3 .admin-password .pytest_cache

# Load test on PostgreSQL + Redis with wrk; QUICK=1 for a small run. Results: bench/results.json.
bench: install messages
	scripts/with-postgres $(PY) bench/run.py $(if $(QUICK),--quick,)

# The public pages' stylesheet, pages/static/pages/css/theme.css, from Bootstrap's Sass
# sources (package.json; `npm ci` first when node_modules is missing). The result is
# committed: `make run` needs no node.
.PHONY: theme
theme:
	scripts/build-theme
