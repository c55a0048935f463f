# The two commands of the contract: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --durations=15

.PHONY: install run worker test superuser lint bench messages clean backup restore drill

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# Dependencies only (the apps run from this folder, they are not installed as packages).
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
		print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements.txt
	@touch $(STAMP)

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
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cdp_portal.settings.test

bench: install
	$(BIN)/python manage.py bench

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
