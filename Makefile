# fazhi: `make run` sets everything up and serves the demo district; `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export FAZHI_DEV ?= 1

.PHONY: run serve test install migrate demo lint bench lock clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions with their hashes come from requirements.lock (make lock rewrites it from pyproject.toml).
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var
	$(BIN)/fazhi migrate --noinput

demo: migrate
	$(BIN)/fazhi demo

# The worker runs the background jobs (imports, report rendering, daily scheduled work) beside the web server and
# stops with it.
run: demo
	@echo "fazhi 正在 http://127.0.0.1:$(PORT)/ 提供服务，后台任务进程同时运行（Ctrl-C 停止）"
	@$(BIN)/fazhi worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/fazhi runserver 127.0.0.1:$(PORT) --noreload

# gunicorn instead of the development server (production runs `fazhi serve` behind nginx: docs/deployment.md).
serve: demo
	@$(BIN)/fazhi worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/fazhi serve --bind 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

bench: migrate
	$(BIN)/fazhi bench --json var/bench.json

lock: $(BIN)/python
	$(BIN)/pip install --quiet 'uv>=0.13,<0.14'
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) var/*.sqlite3*
