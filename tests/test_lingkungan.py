"""The project's environment files promise one environment: pyproject.toml names the direct
dependencies, requirements.lock pins them (and everything under them), environment.yml pins the
same versions for conda, and the Makefile installs exactly the lock.

These tests read the project's files, not the machine: what happens to be installed here says
nothing about what a new user gets from `make`."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement

from conftest import ROOT

CONDA_NAME = {"duckdb": "python-duckdb"}  # conda-forge spells a few packages differently


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    return [_norm(re.split(r"[<>=!~\[ ;]", d)[0]) for d in deps]


def lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, ver = line.partition("==")
            assert ver, f"requirements.lock: '{line}' tidak dikunci dengan =="
            pins[_norm(name)] = ver
    return pins


def test_every_direct_dependency_is_pinned_in_the_lock():
    pins = lock()
    missing = [d for d in direct_dependencies() if d not in pins]
    assert not missing, f"tidak ada di requirements.lock: {missing}"


def test_environment_yml_pins_the_same_versions_as_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, ver = dep.partition("==")
            conda[_norm(name)] = ver
    pins = lock()
    for dep in direct_dependencies():
        name = CONDA_NAME.get(dep, dep)
        assert name in conda, f"environment.yml tidak memuat {name}"
        assert conda[name] == pins[dep], f"{name}: environment.yml {conda[name]} ≠ requirements.lock {pins[dep]}"


def test_the_locked_versions_satisfy_pyproject():
    """A lock that pins a version pyproject rules out installs an environment nobody declared."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = lock()
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    for dep in deps:
        req = Requirement(dep)
        versi = pins[_norm(req.name)]
        assert req.specifier.contains(versi, prereleases=True), f"requirements.lock {req.name}=={versi} tidak memenuhi pyproject '{dep}'"


def test_environment_yml_python_satisfies_requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = [d for d in env["dependencies"] if isinstance(d, str) and re.fullmatch(r"python[=<>]=?.*", d)]
    assert len(python) == 1, f"environment.yml harus menyebut versi python tepat sekali: {python}"
    versi = re.split(r"[=<>]+", python[0], maxsplit=1)[1]
    assert Requirement(f"python{project['requires-python']}").specifier.contains(versi + ".0"), python[0]


def _resep_make(target: str) -> tuple[list[str], list[str]]:
    """Prerequisites and recipe lines of one Makefile rule (variables expanded once)."""
    teks = (ROOT / "Makefile").read_text()
    variabel = dict(re.findall(r"^([A-Z_]+)\s*[:?]?=\s*(.*?)\s*$", teks, flags=re.M))

    def kembangkan(baris: str) -> str:
        for _ in range(3):
            baris = re.sub(r"\$\(([A-Z_]+)\)", lambda m: variabel.get(m.group(1), m.group(0)), baris)
        return baris

    baris = teks.splitlines()
    for i, b in enumerate(baris):
        kepala = kembangkan(b).partition(":")
        if kepala[1] and kepala[0].strip() == target:
            resep = []
            for r in baris[i + 1 :]:
                if not r.startswith("\t"):
                    break
                resep.append(kembangkan(r.strip()))
            return kepala[2].split(), resep
    raise AssertionError(f"Makefile tidak punya aturan {target}")


def test_makefile_installs_exactly_the_lock():
    """`make` installs the pinned versions, then the project itself without letting pip resolve
    (and upgrade) anything; a change to the lock or pyproject reinstalls."""
    syarat, resep = _resep_make(".venv/.terpasang")
    assert {"pyproject.toml", "requirements.lock"} <= set(syarat), syarat
    pip = [r for r in resep if " pip install " in f" {r} "]
    assert pip and "-r requirements.lock" in pip[0], resep
    assert all("-r requirements.lock" in r or "--no-deps" in r for r in pip), f"pemasangan tanpa --no-deps: {pip}"
    assert any("--no-deps" in r and re.search(r"(-e )?\.(\s|$)", r) for r in pip[1:]), f"proyek tidak dipasang dengan --no-deps sesudah lock: {pip}"
    syarat_test, _ = _resep_make("test")
    assert ".venv/.terpasang" in syarat_test, "make test harus memakai lingkungan dari lock"
