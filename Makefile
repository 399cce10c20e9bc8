# Two commands on a fresh machine: `make site` and `make test`. Everything else they need,
# they install: Python packages into .venv, Debian packages with apt-get when missing.
PY      := .venv/bin/python
STAMP   := .venv/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test serve boards bench lint check clean sysdeps-site sysdeps-test

site: $(STAMP) sysdeps-site
	$(PY) -m generator.cli build .

test: $(STAMP) sysdeps-test
	$(PY) -m ruff check generator tests
	$(PY) -m ruff format --check generator tests
	$(PY) -m pytest -q

serve: $(STAMP)
	$(PY) -m generator.cli serve .

check: $(STAMP)
	$(PY) -m generator.cli check .

boards: $(STAMP) sysdeps-site
	$(PY) -m generator.cli boards .

bench: $(STAMP)
	$(PY) -m generator.cli bench

lint: $(STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m ruff format --check generator tests

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Debian packages, installed only when missing (we run as root; `apt-get update` once first).
sysdeps-site:
	@bash tools/sysdeps.sh site

sysdeps-test:
	@bash tools/sysdeps.sh test

clean:
	rm -rf site .cache .pytest_cache test-artifacts
