# The two commands of the contract: `make run` and `make test`.
PYTHON ?= python3.11
# Another folder for a throwaway environment: `make install VENV=/tmp/venv-x`.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --durations=15
# Extra options for `uv pip compile`, e.g. `make lock LOCK_ARGS='--upgrade-package certifi'`.
LOCK_ARGS ?=

.PHONY: install lock run worker test superuser lint bench messages clean backup restore drill

install: $(STAMP)

# The environment holds exactly the lock: every package pinned, its hashes checked by pip (from
# the index pip is configured with), then whatever the lock does not list removed (uv, offline).
# Dependencies only: the apps run from this folder, they are not installed as packages.
define install_lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/uv pip sync --quiet --offline --require-hashes --python $(BIN)/python $(LOCK)
endef

$(STAMP): $(LOCK) pyproject.toml
	@# A pin changed in pyproject.toml without `make lock` stops here rather than being ignored.
	$(PYTHON) scripts/check_lock.py pyproject.toml $(LOCK)
	$(install_lock)
	@touch $(STAMP)

# Writes requirements.lock from pyproject.toml (dependencies + the dev extra) with the hashes of
# every file of every version, keeping the locked versions that still fit. Needs the package
# index (PyPI; UV_INDEX_URL to use another). uv itself comes from the current lock.
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python $(BIN)/python \
		--custom-compile-command 'make lock' --quiet $(LOCK_ARGS) -o $(LOCK)

# The lock tool, from the lock itself (an environment older than the lock may not have it yet).
$(BIN)/uv:
	$(install_lock)

# The site's address follows HOST and PORT unless PUBLIC_URL is set (sitemap, canonical links).
run: export PUBLIC_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	@# With CDP_DEMO_PASSWORD set, also the demo accounts (see README, "Trying the member experience").
	$(BIN)/python manage.py load_demo --if-empty $(if $(CDP_DEMO_PASSWORD),--demo-users)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The task worker (search indexing, document text extraction) for the database queue.
# `make run` needs none: development runs tasks at once (TASKS_BACKEND=immediate). To try
# the queue locally: `TASKS_BACKEND=database make run` and `make worker` in another shell.
worker: install
	TASKS_BACKEND=$${TASKS_BACKEND:-database} $(BIN)/python manage.py db_worker --queue-name '*'

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

superuser: install
	$(BIN)/python manage.py createsuperuser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cdp_portal.settings.test

bench: install
	$(BIN)/python manage.py bench
	$(BIN)/python manage.py bench_pages

# Backups (operations/): one dated archive in BACKUP_DIR (default backups/); restore into an
# empty database and media folder only.
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(ARCHIVE)" || { echo "Usage : make restore ARCHIVE=backups/cdp-AAAAmmjj-HHMMSS.tar.gz"; exit 2; }
	$(BIN)/python manage.py restore "$(ARCHIVE)"

# Fault drill: own PostgreSQL, Redis and gunicorn on loopback, about 4 minutes (scripts/drill.py).
drill: install
	$(BIN)/python scripts/drill.py

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) static_collected .test-media
