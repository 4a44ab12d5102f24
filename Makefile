PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench docs fuzz clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	time -p $(BIN)/budget-audit check samples/ --format text || test $$? -eq 1

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/run.py

fuzz: install    # 3,000 seeded hostile inputs in one batch: the contract holds (tests/fuzz.py; COUNT=, SEED=)
	$(BIN)/python -m tests.fuzz --count $${COUNT:-3000} --seed $${SEED:-1}

docs: install    # from the rules' docstrings: docs/rules/ (one page per rule) and data/rules.json (rules, explain)
	$(BIN)/python -m budget_audit.docs docs/rules
	$(BIN)/python -m budget_audit.rule_catalogue

clean:
	rm -rf $(VENV) build *.egg-info
