"""Load + full validation against pandas' bare read of the same files.

For the sample scaled to 6,000 pegawai and to about 1,000,000 realisasi rows, prints the median
wall time of `capaian.load_dataset` (read, type, pandera schemas, every cross-table rule) and of
`pandas.read_csv(dtype=str)` on the same files, their ratio, and the peak memory (max RSS) of each.
Each measurement runs in a fresh process so that peak memory belongs to it alone.

First it prints the fixed cost of one validation on tiny data (the test suite's small valid
folder, tests/data_kecil.py): the median wall and CPU time (user+sys) of
`validate_folder` over `--ulang-kecil` runs in one warm process. Most of the fast test suite's
time is this cost, paid a few hundred times.

    .venv/bin/python benchmarks/bench_validasi.py [--ulang 3] [--ulang-kecil 30] [--pegawai 6000 17000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
folder, mode = Path(sys.argv[1]), sys.argv[2]
import pandas as pd
import capaian.validasi as v
from capaian.baca import pakai_pengalokasi_sistem
pakai_pengalokasi_sistem()  # as every `capaian` command does when it starts
t0 = time.perf_counter()
if mode == "capaian":
    ds = v.load_dataset(folder)
    rows = sum(len(ds.table(t)) for t in ("instansi", "pegawai", "indikator", "realisasi", "perilaku", "umpan_balik", "target_periodik", "kinerja_organisasi"))
else:
    rows = 0
    for f in sorted(folder.glob("*.csv")):
        rows += len(pd.read_csv(f, dtype=str, keep_default_na=False))
dt = time.perf_counter() - t0
print(json.dumps({"detik": dt, "baris": rows, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(folder: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder), mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


KECIL = r"""
import json, statistics, sys, time
from pathlib import Path
import capaian.validasi as v
from capaian.baca import pakai_pengalokasi_sistem
pakai_pengalokasi_sistem()
folder, ulang = Path(sys.argv[1]), int(sys.argv[2])
v.validate_folder(folder)  # warm: imports, compiled patterns, pandera schemas
wall, cpu = [], []
for _ in range(ulang):
    t0, c0 = time.perf_counter(), time.process_time()
    v.validate_folder(folder)
    wall.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"wall": statistics.median(wall), "cpu": statistics.median(cpu)}))
"""


def fixed_cost(tmp: str, ulang: int) -> None:
    """The median wall and CPU time of one `validate_folder` on the test suite's small valid
    folder (tests/data_kecil.py: every table, 17 rows in all)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import data_kecil

    folder = data_kecil.write_csv(Path(tmp) / "kecil", data_kecil.tabel())
    rows = sum(sum(1 for _ in open(f, encoding="utf-8")) - 1 for f in folder.glob("*.csv"))
    out = subprocess.run([sys.executable, "-c", KECIL, str(folder), str(ulang)], capture_output=True, text=True, check=True)
    m = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"biaya tetap validasi data kecil (tests/data_kecil.py, {rows} baris): {m['wall'] * 1000:.0f} ms wall, "
        f"{m['cpu'] * 1000:.0f} ms CPU (user+sys), median dari {ulang} kali"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ulang", type=int, default=3, help="repetitions per measurement (median reported)")
    ap.add_argument("--pegawai", type=int, nargs="*", default=None, help="sizes; default 6000 and the size giving ~1M realisasi rows")
    ap.add_argument("--ulang-kecil", type=int, default=30, help="repetitions of the tiny-data validation (median reported)")
    args = ap.parse_args()

    from capaian.contoh import write_sample

    with tempfile.TemporaryDirectory() as tmp:
        fixed_cost(tmp, args.ulang_kecil)
        sizes = args.pegawai
        if not sizes:
            # Find the size that gives about a million realisasi rows from the 6,000 sample's ratio.
            probe = Path(tmp) / "p6000"
            write_sample(probe, pegawai=6000)
            per_pegawai = (sum(1 for _ in open(probe / "realisasi.csv", encoding="utf-8")) - 1) / 6000
            sizes = [6000, int(round(1_000_000 / per_pegawai, -2))]
        print(f"{'pegawai':>8} {'realisasi':>10} {'baris total':>11} | {'capaian s':>9} {'RSS MB':>7} | {'pandas s':>8} {'RSS MB':>7} | {'rasio':>5}")
        for n in sizes:
            folder = Path(tmp) / f"p{n}"
            if not folder.exists():
                t0 = time.perf_counter()
                write_sample(folder, pegawai=n)
                gen = time.perf_counter() - t0
            else:
                gen = float("nan")
            realisasi = sum(1 for _ in open(folder / "realisasi.csv", encoding="utf-8")) - 1
            cap = [measure(folder, "capaian") for _ in range(args.ulang)]
            pdr = [measure(folder, "pandas") for _ in range(args.ulang)]
            c = statistics.median(m["detik"] for m in cap)
            p = statistics.median(m["detik"] for m in pdr)
            print(
                f"{n:>8} {realisasi:>10} {cap[0]['baris']:>11} | {c:>9.2f} {max(m['rss_mb'] for m in cap):>7.0f} | "
                f"{p:>8.2f} {max(m['rss_mb'] for m in pdr):>7.0f} | {c / p:>5.2f}   (data dibuat dalam {gen:.1f} s)"
            )
    print("rasio = waktu muat + validasi penuh / waktu baca pandas saja (median dari", args.ulang, "kali; target ≤ 3)")


if __name__ == "__main__":
    main()
