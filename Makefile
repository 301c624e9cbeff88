# endingnote — a fresh Debian machine needs only `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the tests use: the PC/SC stack with the virtual reader, pyscard's build tools,
# headless Chromium for the site check, CJK fonts for screenshots and SVGs, openssl for interop checks.
DEB_PACKAGES := pcscd vsmartcard-vpcd libpcsclite-dev swig chromium fonts-noto-cjk openssl

.PHONY: all install system-deps demo test lint typecheck pytest standard-check site bench clean fuzz fuzz-brief

all: test

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "warning: missing Debian packages (run as root to install):$$missing"; fi; \
	fi

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml setup.py src/endingnote/validation/_native.c src/endingnote/validation/_bytescan.c src/endingnote/validation/_policy_tables.h | $(PY)
	$(MAKE) system-deps
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test,site,card,serve,dask]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz

typecheck: install
	$(BIN)/mypy --strict src

standard-check: install
	$(BIN)/endingnote standard build --check
	$(BIN)/endingnote standard check-compat

pytest: install
	$(BIN)/pytest -q -n 2

site: install
	$(BIN)/endingnote site build --strict

test: install lint typecheck standard-check pytest fuzz-brief

# Fuzzing (atheris): `make fuzz` explores each harness for FUZZ_SECONDS and keeps what it finds in
# fuzz/corpus and fuzz/artifacts; `make test` runs each for a few seconds with a fixed seed and
# replays every fixed crash (fuzz/crashes). See fuzz/README.md.
FUZZ_SECONDS ?= 300
fuzz: install
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(PY) fuzz/run.py

fuzz-brief: install
	$(PY) fuzz/run.py --brief

demo: install
	@$(PY) -m endingnote.demo

bench: install
	$(PY) bench/validate.py
	$(PY) bench/verify.py
	$(PY) bench/card.py
	$(PY) bench/convert.py
	$(PY) bench/migrate.py
	$(PY) bench/koseki.py
	$(PY) bench/heirs.py
	$(PY) bench/distributed.py
	$(PY) bench/importer.py
	$(PY) bench/site.py
	$(PY) bench/serve.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache site/_build
