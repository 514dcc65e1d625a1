# ncbnet: the two commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: demo test test-sqlite test-postgres lint bench serve clean browser messages

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24"
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	NCBNET_DEMO=1 $(VENV)/bin/ncbnet migrate --noinput
	NCBNET_DEMO=1 $(VENV)/bin/ncbnet demo
	@echo "Serving on http://127.0.0.1:8000: officers' portal at /portal/, public site at / (Ctrl-C to stop)"
	NCBNET_DEMO=1 $(VENV)/bin/ncbnet serve --bind 127.0.0.1:8000 --access-log

# The whole suite, once on embedded SQLite and once on PostgreSQL (DATABASE_URL, or the local server).
test: $(STAMP) browser lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(STAMP)
	env -u DATABASE_URL NCBNET_DATA_DIR=$(CURDIR)/var/test-sqlite $(PY) -m pytest

test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} NCBNET_DATA_DIR=$(CURDIR)/var/test-postgres NCBNET_REQUIRE_POSTGRES=1 $(PY) -m pytest

# The end-to-end tests drive Debian's Chromium; the translation tests need xgettext (gettext). Installed once.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || \
	  $(SUDO) apt-get install -y -q chromium gettext || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium gettext; }

# After changing a text of the portal: refresh the catalogues, translate the new entries, then compile.
messages: $(STAMP)
	cd ncbnet/portal && $(CURDIR)/$(VENV)/bin/django-admin makemessages -l ar -l fr -l es --no-location --no-obsolete
	cd ncbnet/portal && for l in ar fr es; do msgfmt --check -o locale/$$l/LC_MESSAGES/django.mo locale/$$l/LC_MESSAGES/django.po; done

lint: $(STAMP)
	$(VENV)/bin/ruff check ncbnet tests bench
	$(VENV)/bin/mypy ncbnet

bench: $(STAMP)
	$(PY) bench/messaging.py

clean:
	rm -rf $(VENV) var
