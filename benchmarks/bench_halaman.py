"""Benchmark: rapor pegawai and halaman tim (`capaian.rapor`) on the sample scaled up.

    .venv/bin/python benchmarks/bench_halaman.py                  # 6.000 pegawai, pages and both batches
    .venv/bin/python benchmarks/bench_halaman.py --tanpa-batch    # pages only (minutes faster)
    .venv/bin/python benchmarks/bench_halaman.py --pegawai 1000

Prints, in one run on the synthetic sample with `--pegawai` pegawai (default 6.000):
- the one-off cost of building the page index (`SumberHalaman`) after scoring;
- the median (and 90th percentile) milliseconds to render one rapor and one team page in memory,
  and pages per second for rendering plus atomic writing of every page of every instansi;
- the size of the rapor of pegawai with 8 IKI (goal: ≤ 60 KB) and of the largest team page;
- unless `--tanpa-batch`: the wall time of `capaian laporan` (a fresh process, every instansi)
  with pages and with `--tanpa-halaman`, and their ratio (goal: ≤ 1,5×).

Goals (issue 9, 2-core machine): ≤ 20 ms per page (median), ≤ 60 KB per rapor with 8 IKI.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
BATAS_MS = 20.0
BATAS_KB = 60.0
BATAS_RASIO = 1.5


def _persentil(nilai: list[float], p: float) -> float:
    s = sorted(nilai)
    return s[min(len(s) - 1, int(round(p * (len(s) - 1))))]


def _periode_akhir(data: Path) -> str:
    import pandas as pd

    bulan = pd.read_csv(data / "realisasi.csv", dtype=str)["bulan"].max()
    tahun, b = bulan.split("-")
    return f"{tahun}-TW{(int(b) - 1) // 3 + 1}"


def ukur_halaman(data: Path, periode: str, keluaran: Path) -> None:
    from capaian.nilai import score_period
    from capaian.rapor import SumberHalaman
    from capaian.validasi import load_dataset

    ds = load_dataset(data)
    t = time.perf_counter()
    hasil = score_period(ds, periode)
    t_nilai = time.perf_counter() - t
    t = time.perf_counter()
    sumber = SumberHalaman(ds, hasil)
    t_indeks = time.perf_counter() - t
    print(f"pegawai: {len(ds.pegawai):,}; instansi: {len(ds.instansi):,}; periode {periode}")
    print(f"menilai: {t_nilai:.2f} s; indeks halaman (sekali): {t_indeks:.2f} s")

    ms_rapor, ms_tim, ukuran_8, ukuran_tim = [], [], [], []
    for nip in ds.pegawai["nip"]:
        t = time.perf_counter()
        html = sumber.render_rapor(nip)
        ms_rapor.append((time.perf_counter() - t) * 1000)
        if len(sumber.iki_per_nip.get(nip, [])) == 8:
            ukuran_8.append(len(html.encode("utf-8")))
    for kode in sumber.per_instansi:
        for nip in sumber.atasan_dengan_tim(kode):
            t = time.perf_counter()
            html = sumber.render_tim(nip)
            ms_tim.append((time.perf_counter() - t) * 1000)
            ukuran_tim.append(len(html.encode("utf-8")))
    print(f"rapor: {len(ms_rapor):,} halaman, median {statistics.median(ms_rapor):.2f} ms, p90 {_persentil(ms_rapor, 0.9):.2f} ms (sasaran ≤ {BATAS_MS:.0f} ms)")
    print(f"tim:   {len(ms_tim):,} halaman, median {statistics.median(ms_tim):.2f} ms, p90 {_persentil(ms_tim, 0.9):.2f} ms, terlama {max(ms_tim):.1f} ms")
    if ukuran_8:
        print(f"ukuran rapor dengan 8 IKI: {len(ukuran_8):,} rapor, terbesar {max(ukuran_8) / 1024:.1f} KB (sasaran ≤ {BATAS_KB:.0f} KB)")
    else:
        print("ukuran rapor dengan 8 IKI: tidak ada pegawai dengan tepat 8 IKI di data ini")
    print(f"ukuran halaman tim terbesar: {max(ukuran_tim) / 1024:.1f} KB")

    # Rendering again from a fresh index, plus writing every file atomically: pages per second.
    sumber = SumberHalaman(ds, hasil)
    t = time.perf_counter()
    jumlah = 0
    for kode in sumber.per_instansi:
        h = sumber.write_instansi(keluaran, kode)
        jumlah += h.pegawai + h.tim
    detik = time.perf_counter() - t
    print(f"menulis semua halaman: {jumlah:,} halaman dalam {detik:.1f} s = {jumlah / detik:,.0f} halaman/detik")


def ukur_batch(data: Path, periode: str, keluaran: Path) -> None:
    def jalan(*tambahan: str) -> float:
        t = time.perf_counter()
        r = subprocess.run([str(BIN / "capaian"), "laporan", str(data), "--periode", periode, "--keluaran", str(keluaran), *tambahan],
                           capture_output=True, text=True)
        detik = time.perf_counter() - t
        if r.returncode != 0:
            print(r.stdout[-2000:], r.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"capaian laporan gagal (status {r.returncode})")
        return detik

    tanpa = jalan("--tanpa-halaman")
    dengan = jalan()
    print(f"capaian laporan tanpa halaman: {tanpa:.1f} s; dengan halaman: {dengan:.1f} s; "
          f"rasio {dengan / tanpa:.2f}× (sasaran ≤ {BATAS_RASIO}×)")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pegawai", type=int, default=6000)
    ap.add_argument("--tanpa-batch", action="store_true", help="lewati pengukuran capaian laporan dengan/tanpa halaman")
    args = ap.parse_args(argv)
    from capaian.contoh import write_sample

    with tempfile.TemporaryDirectory(prefix="bench-halaman-") as tmp:
        data = Path(tmp) / "data"
        write_sample(data, pegawai=args.pegawai)
        periode = _periode_akhir(data)
        ukur_halaman(data, periode, Path(tmp) / "halaman")
        if not args.tanpa_batch:
            ukur_batch(data, periode, Path(tmp) / "keluaran")


if __name__ == "__main__":
    main()
