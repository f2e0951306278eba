# GridStation developer commands. `make run` and `make test` set everything up on first use.
#
# The environment is a plain venv in .venv, installed from the hashed lock file and rebuilt only
# when requirements/lock.txt or pyproject.toml change (stamp: .venv/.installed).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Extra arguments: `make run ARGS="--data-dir /tmp/station"`, `make test PYTEST_ARGS="-k outbox -x"`.
ARGS ?=
PYTEST_ARGS ?=

TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
ZH_TS := resources/translations/gridstation_zh_CN.ts

# Packages that must never import Qt (kept in step with the import-linter contract in pyproject.toml).
QT_FREE_DIRS := $(patsubst %/__init__.py,%,$(wildcard $(addsuffix /__init__.py,\
	gridstation/db gridstation/sync gridstation/reports gridstation/server gridstation/domain)))

.PHONY: help setup system run test lint bench package translations update-translations lock clean

help:
	@echo "make run                  set up, then start the station app"
	@echo "make test                 set up, then run the whole test suite headless"
	@echo "make lint                 ruff, mypy (Qt-free packages), import-linter"
	@echo "make bench                run the benchmarks (one JSON object per line)"
	@echo "make package              build the Debian package dist/gridstation_<version>-1_<arch>.deb"
	@echo "make translations         build .qm files from resources/translations/*.ts"
	@echo "make update-translations  refresh $(ZH_TS) from the source"
	@echo "make lock                 regenerate requirements/*.txt from pyproject.toml"
	@echo "make clean                remove the venv, built translations and caches"

# ---------------------------------------------------------------------------------------------
# Environment

setup: $(STAMP) translations

system:
	bash scripts/setup-system.sh

$(STAMP): requirements/lock.txt pyproject.toml
	bash scripts/setup-system.sh
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: GridStation needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) -V 2>&1)." >&2; \
		echo "       Run make with PYTHON=/path/to/python3.11." >&2; exit 1; }
	@if [ ! -x $(BIN)/python ]; then \
		$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
			echo "error: could not create $(VENV): the venv module (or its ensurepip) is missing." >&2; \
			echo "       On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }; \
	fi
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps -e .
	touch $@

# ---------------------------------------------------------------------------------------------
# Everyday commands

run: setup
	$(BIN)/python main.py $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(if $(QT_FREE_DIRS),$(BIN)/mypy $(QT_FREE_DIRS),@echo "mypy: no Qt-free packages yet")
	$(BIN)/lint-imports --no-cache

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(ARGS)

# PyInstaller (packaging/gridstation.spec), then dpkg-deb; GRIDSTATION_DEB_REVISION=2 for a rebuild.
package: setup
	$(BIN)/python packaging/build_deb.py $(ARGS)

# ---------------------------------------------------------------------------------------------
# Translations: .ts files are committed, .qm files are built.

translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease $< -qm $@

update-translations: $(STAMP)
	mkdir -p $(dir $(ZH_TS))
	$(BIN)/pyside6-lupdate $$(find gridstation -name '*.py' | sort) \
		-source-language en -target-language zh_CN -locations none -ts $(ZH_TS)

# ---------------------------------------------------------------------------------------------
# Maintenance

lock:
	bash scripts/lock.sh

# Back to a fresh checkout. Never touches the station data or log directories.
clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis .import_linter_cache
	rm -f resources/translations/*.qm
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
