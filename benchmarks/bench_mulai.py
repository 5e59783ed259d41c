"""Start-up cost: `python -c "import capaian"` and `capaian --help`, each in a fresh process.

Prints the median wall time of `--ulang` runs (default 5) of each, measured around the whole
subprocess (interpreter start included), in seconds. Issue 8 asks for ≤ 0,3 s each on the project
machine; this script measures, it does not judge (tests never assert timings).

    .venv/bin/python benchmarks/bench_mulai.py [--ulang 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _capaian() -> list[str]:
    """The installed `capaian` script next to this interpreter, else `python -m capaian.cli`."""
    exe = Path(sys.executable).with_name("capaian")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("capaian")
    return [found] if found else [sys.executable, "-m", "capaian.cli"]


def waktu(cmd: list[str], ulang: int) -> list[float]:
    """Wall seconds of `ulang` runs of `cmd`; a failing run stops the benchmark."""
    hasil = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        hasil.append(time.perf_counter() - t0)
    return hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulang", type=int, default=5, help="runs per command (median printed)")
    a = ap.parse_args()
    perintah = {
        'python -c "import capaian"': [sys.executable, "-c", "import capaian"],
        "capaian --help": _capaian() + ["--help"],
    }
    waktu([sys.executable, "-c", "import capaian"], 1)  # warm the file cache once, not measured
    for nama, cmd in perintah.items():
        t = waktu(cmd, a.ulang)
        print(f"{nama:30s} median {statistics.median(t):.3f} s  (min {min(t):.3f}, max {max(t):.3f}, n={len(t)})")


if __name__ == "__main__":
    main()
