"""Shared fixtures: the repository root, the bundled sample data set, and the CLI run in-process.

`ROOT` and `CONTOH` are also importable constants (`from conftest import ROOT`) for module-level
helpers that run outside a test function (e.g. a subprocess helper's working directory).
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# jsonschema (under nbformat, which several test modules import) imports rfc3987_syntax, which
# builds its parsers at import time: over a second in every pytest process. nbformat's schema
# checks none of the IRI formats it serves; the runner's workers go without it for the same
# reason (src/capaian/runner.py). Tests that start processes (kernels, the wheel) are unaffected.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type] - makes its import fail

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "data" / "contoh"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root (where pyproject.toml is)."""
    return ROOT


@pytest.fixture(scope="session")
def folder_contoh(tmp_path_factory) -> Path:
    """A copy of the bundled sample folder `data/contoh`, made once per session.

    A copy, so that a test that writes into its data folder by mistake cannot change the committed
    sample (test_contoh compares `data/contoh` itself, byte for byte, with the generator).
    """
    folder = tmp_path_factory.mktemp("contoh") / "data"
    shutil.copytree(CONTOH, folder)
    return folder


@pytest.fixture(scope="session")
def dataset_contoh(folder_contoh):
    """The bundled sample, loaded and validated once per session. Shared: do not modify it."""
    from capaian.validasi import load_dataset

    return load_dataset(folder_contoh)


@dataclass(frozen=True)
class HasilCli:
    """What one `capaian ...` run left: its exit status and everything it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, cwd: Path = ROOT) -> HasilCli:
    """`capaian ARGS...` in this process, from `cwd` (default: the repository root, so that
    `params/metodologi.yaml` is the default methodology as for a user in the repository)."""
    from capaian import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse exits (errors, --help, --versi) before main's try
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return HasilCli(int(status), out.getvalue(), err.getvalue())


@pytest.fixture
def jalankan_cli():
    """`jalankan_cli("nilai", folder, "--periode", "2025-TW1", cwd=...)` -> HasilCli
    (`.returncode`, `.stdout`, `.stderr`), run in-process through `capaian.cli.main`."""
    return run_cli


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist with `--dist loadgroup` (`make test`): tests that share an expensive
    module- or session-scoped fixture of their own module (a rendered period, a built wheel, a
    running Chromium) run in one worker, so that fixture is built once, not once per worker.

    Fixtures of this conftest (the sample folder, the loaded sample) are cheap and stay shared by
    every worker; a test that uses none of its module's wide fixtures is distributed one by one.
    """
    if not getattr(config.option, "loadgroup", False):  # set in xdist's workers under --dist loadgroup
        return
    for item in items:
        if item.get_closest_marker("xdist_group") is not None:  # its module chose its group
            continue
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        modul = item.nodeid.split("::", 1)[0]
        lebar = sorted(
            nama
            for nama, defs in info.name2fixturedefs.items()
            if defs and defs[-1].scope in ("module", "session") and defs[-1].baseid == modul
        )
        if lebar:
            item.add_marker(pytest.mark.xdist_group(modul))


def pytest_runtest_setup(item):
    """Under `--dist loadgroup`, a grouped test's node ID must carry the `@group` suffix that
    pytest-xdist adds in each worker; without it the groups above are silently ignored and every
    worker builds every module fixture again. pytest 9.2 with pytest-xdist 3.8 is such a pair
    (pytest-dev/pytest-xdist#1386), so pyproject.toml keeps pytest below 9.2: this fails every
    grouped test, saying why, when a lock update brings such a pair back."""
    if (
        getattr(item.config.option, "loadgroup", False)  # set in xdist's workers only
        and "@" not in item.nodeid
        and item.get_closest_marker("xdist_group") is not None
    ):
        pytest.fail(
            "pytest-xdist --dist loadgroup tidak mengelompokkan uji dengan versi pytest ini "
            "(akhiran @grup tidak ada pada ID uji); lihat catatan pytest di pyproject.toml",
            pytrace=False,
        )


# benchmarks/bench_uji.py --banding sets it to compare with Python's own garbage-collector settings.
GC_DIATUR = os.environ.get("CAPAIAN_UJI_GC_BAWAAN") != "1"


def pytest_configure(config):
    """The collector runs less often: the tests make many short-lived pandas objects, and with
    Python's default threshold (700) a full worker spent about a tenth of its time in collections
    that found little (benchmarks/bench_uji.py --banding compares both; CAPAIAN_UJI_GC_BAWAAN=1
    keeps Python's defaults). Reference counting still frees almost everything at once."""
    if GC_DIATUR:
        gc.set_threshold(100_000, 50, 1_000)


def pytest_collection_finish(session):
    """What collection built (modules, fixtures' definitions, parametrised cases) lives as long as
    the process: moved out of the collector's sight, so later collections do not walk it again."""
    if GC_DIATUR:
        gc.collect()
        gc.freeze()
