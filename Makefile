# Condition Site: `make run` to serve the demo site, `make test` to run the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCAL_URL := http://127.0.0.1:$(PORT)
# Base of the links in review mail; the worker and the server both get it.
SITE_URL ?= $(LOCAL_URL)
# Where development mail lands (Django's file backend; see settings.py).
MAIL_DIR := var/mail

.PHONY: run reset test install migrate demo lint format check lock bench bench-data bench-load serve screenshots clean

$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# make run: migrate, load the demo, then start the task worker (it sends review
# mail) and the development server in the background, both with the same
# SITE_URL and their output in var/log/. Once the server answers, print where
# it is and the demo logins last. Ctrl-C stops both.
run: install
	@mkdir -p var/log
	@$(BIN)/python manage.py migrate --noinput -v 0
	@$(BIN)/python manage.py load_demo > var/log/load_demo.log \
		|| { cat var/log/load_demo.log; exit 1; }
	@export SITE_URL="$(SITE_URL)" PYTHONUNBUFFERED=1; \
	$(BIN)/python manage.py db_worker > var/log/worker.log 2>&1 & worker=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) \
		> var/log/runserver.log 2>&1 & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null; wait; echo; echo "Stopped."' EXIT; \
	trap 'exit 130' INT TERM; \
	for _ in $$(seq 60); do \
		kill -0 $$server 2>/dev/null || break; \
		$(BIN)/python -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=1)' \
			"$(LOCAL_URL)/healthz" 2>/dev/null && ready=1 && break; \
		sleep 0.5; \
	done; \
	if [ -z "$${ready:-}" ]; then \
		echo "The server did not answer at $(LOCAL_URL)/; var/log/runserver.log ends:"; \
		tail -n 20 var/log/runserver.log; exit 1; \
	fi; \
	echo; \
	echo "Condition Site is running at $(LOCAL_URL)/ (admin at $(LOCAL_URL)/admin/)"; \
	echo "Review mail goes to $(MAIL_DIR)/, server and worker logs to var/log/."; \
	sed -n '/^Demo logins/,$$p' var/log/load_demo.log; \
	echo "Ctrl-C stops the server and the task worker."; \
	wait $$server

# make serve: the site as production runs it, for a trial on 127.0.0.1:$(PORT):
# debug off, granian with WEB_WORKERS workers, migrations, static files
# collected (whitenoise serves them, hashed names cached for ten years). What
# production requires gets a local value unless set: a fresh secret key,
# SITE_URL and a sender address. HTTPS redirection is off (no TLS proxy in
# front), so it serves public pages; signing in needs HTTPS (secure cookies).
WEB_WORKERS ?= 2
serve: install
	@export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 SITE_URL="$(SITE_URL)" \
		DJANGO_DEFAULT_FROM_EMAIL="$${DJANGO_DEFAULT_FROM_EMAIL:-Condition Site <serve@localhost>}" \
		DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	$(BIN)/python manage.py migrate --noinput -v 0 \
	&& $(BIN)/python manage.py collectstatic --noinput -v 0 \
	&& { $(BIN)/python manage.py keep_pages & } \
	&& echo "Serving $(LOCAL_URL)/ with $(WEB_WORKERS) granian workers (Ctrl-C stops)." \
	&& exec $(BIN)/python -m condition_site.server --port $(PORT) --workers $(WEB_WORKERS)

# Start the demo afresh: delete the SQLite database and the mail folder.
reset:
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "make reset only deletes the SQLite demo database; unset DATABASE_URL."; \
		exit 1; \
	fi
	rm -rf db.sqlite3 db.sqlite3-journal $(MAIL_DIR) var/media
	$(MAKE) --no-print-directory demo

# The five slowest tests, then the wall-clock time of the whole run.
test: install
	@start=$$(date +%s); status=0; \
	$(BIN)/python -m pytest --durations=5 $(PYTEST_ARGS) || status=$$?; \
	echo "make test: the suite took $$(( $$(date +%s) - start )) s"; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: lint test

# Re-pin every dependency after editing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml

bench: install
	$(BIN)/python bench/public_pages.py

# N approved conditions and overviews, with bulk inserts and in the search
# index (NO_SEARCH=1: not indexed, faster), into the database
# DATABASE_URL names (migrated first); prints how long it took.
N ?= 1000
bench-data: migrate
	@start=$$(date +%s); \
	$(BIN)/python manage.py bench_data --count $(N) $${NO_SEARCH:+--no-search-index} && \
	echo "make bench-data: $(N) articles in $$(( $$(date +%s) - start )) s"

# wrk against the public pages served as by make serve, page cache on and off,
# beside the Wagtail peer when PEER_URL is set (see bench/README.md).
bench-load: install
	$(BIN)/python bench/load.py

# PNGs of home, an article, search and a condition page at 1280 and 375 px.
screenshots: install
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
