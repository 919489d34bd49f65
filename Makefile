# s10fast: `make run` trains, `make test` runs every test. Both install into .venv first when needed.
# `make test-wheel` builds the wheel, installs it with the newest releases of its dependencies into .venv-wheel, and runs tests/ there.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
WHEEL_VENV ?= .venv-wheel
ARGS   ?=

.PHONY: install run test check notebooks wheel test-wheel clean

install: $(VENV)/.installed

$(VENV)/.installed: settings.ini setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

run: install
	$(BIN)/s10fast train $(ARGS)

# the notebooks are clean and the package is what they export
check: install
	$(BIN)/nbdev_clean
	$(BIN)/nbdev_export
	@git diff --quiet -- nbs s10fast || { git --no-pager diff --stat -- nbs s10fast; \
	  echo "nbs/ or s10fast/ changed under nbdev_clean/nbdev_export: run both and commit"; exit 1; }

# execute the notebooks in place (NBS=... for some of them), so that they are committed with their outputs
notebooks: install
	$(BIN)/python tools/run_nbs.py $(NBS)

# two notebooks at a time, each torch with one thread: two processes of two threads each on two cores took 11 minutes, not 2
test: check
	OMP_NUM_THREADS=1 $(BIN)/nbdev_test --n_workers 2
	$(BIN)/pytest -q tests

# the wheel alone: no notebooks, tests, benchmarks or development files
wheel: install
	rm -rf dist build
	$(BIN)/python -m pip wheel -q --no-deps -w dist .
	$(BIN)/python tools/check_wheel.py dist/s10fast-*.whl

# the wheel in a fresh virtualenv with the newest releases its requirements allow, and tests/ run against it, from outside
# the source tree so that `import s10fast` finds the installed package
test-wheel: wheel
	rm -rf $(WHEEL_VENV)
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install -q --upgrade pip
	$(WHEEL_VENV)/bin/python -m pip install -q dist/s10fast-*.whl pytest
	$(WHEEL_VENV)/bin/python -m pip list 2>/dev/null | grep -i -E '^(fastai|fastcore|fasttransform|plum-dispatch|albumentations|torch|accelerate) '
	d=$$(mktemp -d) || exit 1; cd $$d && $(CURDIR)/$(WHEEL_VENV)/bin/s10fast train --help >/dev/null && \
	  $(CURDIR)/$(WHEEL_VENV)/bin/python -c "import s10fast, sys; assert '$(CURDIR)/$(WHEEL_VENV)/' in s10fast.__file__, s10fast.__file__; from s10fast import get_learner" && \
	  $(CURDIR)/$(WHEEL_VENV)/bin/python -m pytest -q -p no:cacheprovider $(CURDIR)/tests; rc=$$?; rm -rf $$d; exit $$rc

clean:
	rm -rf $(VENV) $(WHEEL_VENV) dist build *.egg-info
