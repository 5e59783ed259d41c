"""How long the test suite takes: `make test-cepat` (default) or `make test` (`--penuh`).

Runs the make target `--ulang` times (default 3) and prints, for each run and as medians, the wall
time and the CPU time (user + system of every process the run started), and the number of tests
that passed. Issue 8 asks for `make test-cepat` ≤ 30 s on the project machine (2 cores); this
script measures, it does not judge (tests never assert timings). Measure on an idle machine: other
load shows up in the wall time first.

`--banding` also runs each repetition with Python's default garbage-collector settings in the
test processes (CAPAIAN_UJI_GC_BAWAAN=1, see tests/conftest.py), alternating with the normal run,
and prints the ratio of the medians.

    .venv/bin/python benchmarks/bench_uji.py [--ulang 3] [--penuh] [--banding]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sekali(target: str, env_tambahan: dict[str, str]) -> tuple[float, float, int]:
    """One `make TARGET`: (wall s, CPU s of its processes, tests passed). A failing run stops."""
    sebelum = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    hasil = subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=ROOT,
        env={**os.environ, **env_tambahan},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    sesudah = resource.getrusage(resource.RUSAGE_CHILDREN)
    if hasil.returncode != 0:
        sys.exit(f"make {target} gagal (status {hasil.returncode}):\n{hasil.stdout[-3000:]}{hasil.stderr[-3000:]}")
    cpu = (sesudah.ru_utime - sebelum.ru_utime) + (sesudah.ru_stime - sebelum.ru_stime)
    lulus = re.search(r"(\d+) passed", hasil.stdout)
    return wall, cpu, int(lulus.group(1)) if lulus else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulang", type=int, default=3, help="runs of each variant (medians printed)")
    ap.add_argument("--penuh", action="store_true", help="make test (everything) instead of make test-cepat")
    ap.add_argument("--banding", action="store_true", help="also with Python's default GC settings, alternating")
    a = ap.parse_args()
    target = "test" if a.penuh else "test-cepat"
    varian = {"seperti Makefile": {}}
    if a.banding:
        varian["GC bawaan Python"] = {"CAPAIAN_UJI_GC_BAWAAN": "1"}
    sekali(target, {})  # the first run fills .venv/pycache and the file cache: not measured
    ukur: dict[str, list[tuple[float, float, int]]] = {nama: [] for nama in varian}
    for i in range(a.ulang):
        for nama, env in varian.items():
            wall, cpu, lulus = sekali(target, env)
            ukur[nama].append((wall, cpu, lulus))
            print(f"make {target} [{nama}] run {i + 1}: {wall:.1f} s wall, {cpu:.1f} s CPU, {lulus} passed", flush=True)
    median = {}
    for nama, runs in ukur.items():
        median[nama] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        print(f"make {target} [{nama}]: median {median[nama][0]:.1f} s wall, {median[nama][1]:.1f} s CPU (n={len(runs)})")
    if a.banding:
        (w1, c1), (w0, c0) = median["seperti Makefile"], median["GC bawaan Python"]
        print(f"GC bawaan / seperti Makefile: wall {w0 / w1:.2f}x, CPU {c0 / c1:.2f}x")


if __name__ == "__main__":
    main()
