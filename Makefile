# Two commands on a fresh machine (Python 3.11 + the package registries):
#   make demo   – create .venv, install, build exports/ from seeds/
#   make test   – same environment, run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test browser bench eval-dev clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[model,test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/timeline-kg build seeds --out exports
	@echo "Open $(abspath exports/timeline.html) in a browser."

browser:
	tools/ensure-chromium

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/run.py

eval-dev: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/eval_dev.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
