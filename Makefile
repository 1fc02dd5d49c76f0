# The two commands of the README: `make demo` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: demo test lint format-templates messages bench load screenshots lighthouse

# Reinstall whenever the dependencies change.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test,postgres,redis]"
	touch $@

# Served as visitors meet it (website.settings.demo, DEBUG off: the site's own error pages);
# DJANGO_DEBUG=1 make demo shows Django's debug pages. load_demo points the site at $(PORT).
# A task worker runs beside the server, as in production: renditions leave the request.
demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_demo_admin
	@echo "Serving the site at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	$(PY) manage.py db_worker --settings=website.settings.demo & worker=$$!; \
	trap 'kill $$worker' EXIT; \
	$(PY) manage.py runserver --settings=website.settings.demo 127.0.0.1:$(PORT)

# The quality tools of the test suite (axe-core, the Nu HTML checker), where npm is at hand;
# their tests skip, naming the reason, without them.
node_modules/.installed: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --ignore-scripts && touch $@; fi

# One test process per core, each with its own database and media folder; a test file stays
# in one process, where its module-wide fixtures are built once.
test: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/pytest --numprocesses auto --dist loadfile

# Stock Wagtail beside ours on generated camera photos (BENCHMARKS.md); BENCH_SIZE=small is quick.
BENCH_SIZE ?= full
bench: $(VENV)/.installed
	$(PY) bench/run.py --size $(BENCH_SIZE)

# Load on 127.0.0.1 (ROBUSTNESS.md, "Load"): gunicorn with production settings on SQLite, then
# on PostgreSQL with Redis; LOAD_SECONDS=10 is quick.
LOAD_SECONDS ?= 60
load: $(VENV)/.installed
	$(PY) load/run.py --seconds $(LOAD_SECONDS)

# The templates' format is djLint's ([tool.djlint] in pyproject.toml): `make format-templates`.
TEMPLATES := site/templates bench/templates
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --check $(TEMPLATES)

format-templates: $(VENV)/.installed
	$(VENV)/bin/djlint --reformat $(TEMPLATES)

# Refresh the translation catalogues after changing UI strings, then translate and compile.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l de -l en -l ar --ignore=.venv --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

# Full-page screenshots of the main pages at 1440 and 390 px into ./screenshots/ (not in git):
# of the demo, started on a free port, or of SCREENSHOTS_URL; SCHEME=dark for the dark scheme.
SCHEME ?= light
screenshots: $(VENV)/.installed
	$(PY) -m tools.screenshots --scheme $(SCHEME) $(if $(SCREENSHOTS_URL),--url $(SCREENSHOTS_URL))

# Lighthouse (npm) in Debian's Chromium on home, exhibition, photo and story pages, mobile and
# desktop, of the demo under gunicorn with production settings; fails when a goal is missed.
# Reports in ./lighthouse-reports/ (not in git).
lighthouse: $(VENV)/.installed node_modules/.installed
	$(PY) -m tools.lighthouse
