# capaian: two commands for a new user (see README.md).
#   make report   set up .venv on first run, then render the bundled sample period for every instansi
#   make test     the same environment, then the test suite (on every core with pytest-xdist)
#   make test-cepat  the suite without the slow tests (kernels, new processes, the wheel), on every
#                    core and with fewer property-test examples: a quick check while working
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.terpasang
DATA   ?= data/contoh
PERIODE ?= 2025-TW4
KELUARAN ?= outputs

.PHONY: report test test-cepat peramban lab nilai contoh dokumen-data benchmark backtest-perbarui salin-sumber clean

# The exact versions we tested live in requirements.lock; the project itself installs on top
# without touching them, so a report rendered next year uses the same libraries.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Every instansi's report, then the indicator-quality report and the methodology review of the
# same period (each relinks outputs/PERIODE/index.html).
report: $(STAMP)
	$(BIN)/capaian laporan $(DATA) --periode $(PERIODE) --keluaran $(KELUARAN)
	$(BIN)/capaian kualitas $(DATA) --periode $(PERIODE) --keluaran $(KELUARAN)
	$(BIN)/capaian metodologi $(DATA) --periode $(PERIODE) --keluaran $(KELUARAN)

nilai: $(STAMP)
	$(BIN)/capaian nilai $(DATA) --periode $(PERIODE) --keluaran $(KELUARAN)

# How the tests start, in each of pytest's processes (the controller and every xdist worker):
# - The plugins we use are named, not discovered. Discovery loads the pytest plugins of anyio,
#   typeguard and platformdirs (none used here) and makes pytest rewrite the asserts of every module
#   of their packages, and of hypothesis, as they are imported.
# - Compiled modules (and pytest's rewritten tests) are cached under .venv/pycache, even where the
#   shell sets PYTHONDONTWRITEBYTECODE: without a cache every process compiles the tests and the
#   package again, about 1.5 s each. The cache stays inside .venv, never next to the sources.
PYTEST := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX="$(CURDIR)/$(VENV)/pycache" \
	$(BIN)/python -m pytest --disable-plugin-autoload -p _hypothesis_pytestplugin
PLUGIN_XDIST := -p xdist.plugin -p xdist.looponfail

# On every core where pytest-xdist is installed (it is in the lock; each test is independent of
# the others' order and process), else in one process. --dist loadgroup: tests that share a costly
# fixture of their module run on one worker, so it is built once (tests/conftest.py).
test: $(STAMP) peramban
	$(PYTEST) $$($(BIN)/python -c "import xdist" 2>/dev/null && echo "$(PLUGIN_XDIST) -n auto --dist loadgroup")

# The browser test (tests/test_peramban.py) drives Debian's `chromium` package. Where it is missing,
# install it with apt-get when that is possible (root, or sudo without a password); never a
# browser from anywhere else. Where it cannot be installed the test skips and says why.
CHROMIUM ?= /usr/bin/chromium
peramban:
	@if [ ! -x "$(CHROMIUM)" ] && command -v apt-get >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
	  if [ "$$SUDO" != none ]; then \
	    echo "memasang chromium (paket Debian) untuk uji peramban"; \
	    ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium) \
	      || echo "chromium tidak dapat dipasang: uji peramban akan dilewati"; \
	  else echo "chromium tidak ada dan apt-get tidak dapat dipakai: uji peramban akan dilewati"; fi; \
	fi

# --dist loadgroup: the tests sharing a module or session fixture of their own module run on one
# worker, so it is built once (tests/conftest.py), largest group first; every other test is spread
# over the workers as with -n auto alone.
test-cepat: $(STAMP)
	CAPAIAN_UJI_CEPAT=1 $(PYTEST) $(PLUGIN_XDIST) -m "not lambat" -n auto --dist loadgroup

# Extra arguments for Jupyter Lab: make lab ARGS="--port 8899 --no-browser"
ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(ARGS)

# Regenerate the bundled sample (tests check it equals the generator's output). The folder holds
# only generated files; `capaian contoh` refuses a folder that already holds tables, so clear it.
contoh: $(STAMP)
	rm -rf data/contoh
	$(BIN)/capaian contoh data/contoh

# Rewrite the generated column tables of data/README.md from the table models (a test checks them).
dokumen-data: $(STAMP)
	$(BIN)/python -c "from capaian.skema import main; main(['data/README.md'])"

# Rewrite the back-test's expected scores (tests/backtest/) from data/contoh. Only when a change is
# meant to move scores: review `git diff tests/backtest` and commit it with the change.
backtest-perbarui: $(STAMP)
	$(BIN)/python tests/test_backtest.py --perbarui

# The notebooks and settings the program runs ship inside the package (src/capaian/notebooks,
# src/capaian/params): those are the source. The top-level notebooks/ and params/ are copies for
# reading and for `make lab`; after changing a packaged file, copy it out with this target
# (tests/test_paket.py fails while a copy differs). Edited a top-level copy instead? Move the
# change into src/capaian/ first: this target overwrites the copies.
salin-sumber:
	cd src/capaian && find notebooks params -type f -not -path '*/.ipynb_checkpoints/*' -not -path '*/__pycache__/*' \
		| while read -r f; do mkdir -p "../../$$(dirname "$$f")" && cp "$$f" "../../$$f" && echo "disalin: $$f"; done

benchmark: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(KELUARAN)/*/ .pytest_cache .hypothesis
