"""The three dependency lists (pyproject, requirements.lock, environment.yml) agree."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
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


def test_the_installed_environment_is_the_locked_one():
    pins = lock()
    for dep in direct_dependencies():
        assert version(dep) == pins[dep], f"{dep} terpasang {version(dep)}, dikunci {pins[dep]}"
