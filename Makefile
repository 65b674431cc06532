# Qingxin — every command people and CI use. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV       := .venv
RASA_VENV  := .venv-rasa
PY         := $(VENV)/bin/python
RASA       := $(RASA_VENV)/bin/rasa
RASA_ARGS  := --data nlu_data --domain domain.yml --config config.yml
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: help setup demo test chat model validate nlu-report bench browser-deps clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# --- environments: re-created only when their requirements change --------------------------------
$(VENV)/.installed: requirements.txt
	@py=$$(scripts/find-python311.sh) || exit 1; \
	  [ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(RASA_VENV)/.installed: requirements-rasa.txt constraints-rasa.txt
	@py=$$(scripts/find-python310.sh) || exit 1; \
	  [ -x $(RASA_VENV)/bin/python ] || $$py -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install -q --upgrade pip
	@echo "installing Rasa 3.6 (first time: ~3 minutes, ~2.4 GB)…"
	$(RASA_VENV)/bin/python -m pip install -q -r requirements-rasa.txt -c constraints-rasa.txt
	@touch $@

# the risk net's inner loop in C (escalation/risk/netc.c, loaded with ctypes by both environments);
# without a C compiler the net runs in Python: same results, slower, ~100 MB more per process
NATIVE := escalation/risk/_netc.so
$(NATIVE): escalation/risk/netc.c
	@if command -v $(CC) >/dev/null 2>&1; then \
	  $(CC) -O2 -Wall -Wextra -shared -fPIC -o $@.tmp $< && mv $@.tmp $@ && echo "built $@ (the risk net in C)"; \
	else echo "no C compiler ($(CC)): the risk net runs in Python (same results; slower, more memory)"; fi

# the net's weights packed for its C part (derived from the JSON, which stays the reviewed source): loading it
# skips parsing 12.7 MB of JSON at every start; a pack older than the JSON is ignored
PACK := escalation/risk/data/ngram_model.pack
$(PACK): escalation/risk/data/ngram_model.json escalation/risk/ngram.py | $(VENV)/.installed
	@$(PY) scripts/train_risk_net.py pack

setup: $(VENV)/.installed $(RASA_VENV)/.installed $(NATIVE) $(PACK) ## create both virtual environments, build the risk net's C part and pack its weights (first run only)

browser-deps: ## Debian's chromium for the browser tests (installed when missing)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { echo "chromium could not be installed: the browser tests cannot run" >&2; exit 1; }

model: setup ## train the Rasa model if config, domain or training data changed
	$(PY) -m bot.stack model

validate: setup ## rasa data validate
	PYTHONPATH=. $(RASA) data validate $(RASA_ARGS)

demo: setup ## start everything (trains the model first if its inputs changed) on 127.0.0.1 with an embedded SQLite store; Ctrl-C stops
	@$(PY) -m bot.stack demo

chat: ## terminal chat against the running stack (start `make demo` first)
	@$(PY) -m bot.cli

test: setup browser-deps model ## the whole suite (unit, store on SQLite + PostgreSQL, Rasa, integration, browser)
	$(PY) -m pytest $(PYTEST_ARGS)

nlu-report: model ## held-out NLU evaluation; report in reports/nlu/
	$(PY) scripts/nlu_report.py --out reports/nlu

bench: setup ## benchmarks; results in bench/results/*.json
	@mkdir -p bench/results
	$(PY) bench/risk_bench.py --out bench/results/risk.json
	$(PY) bench/escalation_bench.py --out bench/results/escalation.json
	@if command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -q; then \
	  psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS qingxin_bench" -c "CREATE DATABASE qingxin_bench" && \
	  $(PY) bench/escalation_bench.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/qingxin_bench \
	    --out bench/results/escalation-postgresql.json; \
	else echo "PostgreSQL not reachable at 127.0.0.1:5432: escalation bench ran on SQLite only"; fi

clean: ## remove models, databases, logs and caches (keeps the virtual environments)
	rm -rf models var reports .rasa .pytest_cache
