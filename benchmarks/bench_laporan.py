"""Benchmark: `capaian laporan` against the naive papermill-CLI + nbconvert-CLI pipeline.

    .venv/bin/python benchmarks/bench_laporan.py               # sample (8+ instansi) and 40 instansi
    .venv/bin/python benchmarks/bench_laporan.py --naive-maks 4  # fewer naive reports (faster)
    .venv/bin/python benchmarks/bench_laporan.py --tanpa-zigot   # the batch with and without the kernel zygote
    .venv/bin/python benchmarks/bench_laporan.py --tanpa-halaman # the batch without rapor and team pages

For each data set it times, in one run:
- `capaian laporan DATA --periode P` end to end (a fresh process: validation, scoring, worker
  start-up, every report, index and manifest), divided by the number of reports;
- the naive pipeline on the same notebook and the same per-instansi bundles: for each instansi,
  `papermill` CLI then `jupyter nbconvert --to html --no-input` CLI, serially. Preparing the
  bundles (validation and scoring once) is not counted for the naive pipeline, so the ratio is
  conservative. The naive cost per report does not depend on how many reports there are, so
  `--naive-maks N` times only the first N instansi.

By default the batch also writes every pegawai's rapor and every atasan's team page (as `capaian
laporan` does); the naive pipeline renders only the instansi report, so `--tanpa-halaman` is the
like-for-like comparison (and the one the figures set before the pages existed refer to).

Prints seconds per report for both, their ratio (goal: ≥ 3× on a 2-core machine) and the HTML
sizes (goal: each report under 1.5 MB).

`--tanpa-zigot` instead times the same batch (`render_laporan` in a fresh process, every instansi of
the sample) with the runner's kernel zygote and without it (`zigot=False`: each kernel a new Python),
alternating the two `--putaran` times each, and prints the medians of wall-clock and CPU seconds
(user + system of the whole process tree) and their ratios. On a shared machine the wall clock
swings with other people's load; the CPU time does not, so judge by both.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BATAS_HTML = 1_500_000
TARGET_RASIO = 3.0


def _data_sampel(folder: Path, pegawai: int) -> Path:
    from capaian.contoh import write_sample

    if folder.exists():  # `write_sample` refuses a folder that already holds tables
        shutil.rmtree(folder)
    write_sample(folder, pegawai=pegawai)
    return folder


def _data_dengan_instansi(folder: Path, minimal: int) -> tuple[Path, list[str]]:
    """The synthetic sample grown until it has at least `minimal` instansi; the first `minimal` codes."""
    pegawai = 300
    while True:
        _data_sampel(folder, pegawai)
        kode = pd.read_csv(folder / "instansi.csv", dtype=str)["kode_instansi"].tolist()
        if len(kode) >= minimal:
            return folder, kode[:minimal]
        pegawai *= 2


def _triwulan_terakhir(data: Path) -> str:
    bulan = pd.read_csv(data / "realisasi.csv", dtype=str)["bulan"].max()
    tahun, b = bulan.split("-")
    return f"{tahun}-TW{(int(b) - 1) // 3 + 1}"


def _perintah_capaian() -> list[str]:
    exe = BIN / "capaian"
    bantuan = subprocess.run([str(exe), "laporan", "--help"], capture_output=True, text=True) if exe.exists() else None
    if bantuan is not None and bantuan.returncode == 0:
        return [str(exe), "laporan"]
    # Until the CLI is wired: the same library call in a fresh process.
    kode = (
        "import sys, argparse\n"
        "from capaian.laporan import render_laporan\n"
        "p = argparse.ArgumentParser(); p.add_argument('data'); p.add_argument('--periode');"
        " p.add_argument('--keluaran'); p.add_argument('--instansi', action='append'); p.add_argument('--workers', type=int)\n"
        "a = p.parse_args()\n"
        "h = render_laporan(a.data, a.periode, keluaran=a.keluaran, instansi=a.instansi, workers=a.workers)\n"
        "print(h.ringkasan()); sys.exit(h.exit_status)\n"
    )
    return [sys.executable, "-c", kode]


def jalankan_capaian(data: Path, periode: str, instansi: list[str], keluaran: Path, workers: int | None,
                     tanpa_halaman: bool = False) -> tuple[float, list[int]]:
    cmd = _perintah_capaian() + [str(data), "--periode", periode, "--keluaran", str(keluaran)]
    if tanpa_halaman:
        cmd.append("--tanpa-halaman")
    for k in instansi:
        cmd += ["--instansi", k]
    if workers:
        cmd += ["--workers", str(workers)]
    mulai = time.perf_counter()
    proses = subprocess.run(cmd, capture_output=True, text=True)
    detik = time.perf_counter() - mulai
    if proses.returncode != 0:
        sys.exit(f"capaian laporan gagal ({proses.returncode}):\n{proses.stdout}\n{proses.stderr}")
    ukuran = [(keluaran / periode / k / "laporan.html").stat().st_size for k in instansi]
    return detik, ukuran


_KODE_ZIGOT = (
    "import sys\n"
    "from capaian.laporan import render_laporan\n"
    "data, periode, keluaran, zigot = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == '1'\n"
    "h = render_laporan(data, periode, keluaran=keluaran, progress=False, zigot=zigot)\n"
    "print(h.ringkasan()); sys.exit(h.exit_status)\n"
)


def jalankan_batch(data: Path, periode: str, keluaran: Path, zigot: bool) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one whole `render_laporan` batch in a fresh process, with or
    without the zygote. CPU counts every process of the batch (workers, zygotes, kernels: each
    is waited for by its parent)."""
    import resource

    awal = resource.getrusage(resource.RUSAGE_CHILDREN)
    mulai = time.perf_counter()
    proses = subprocess.run([sys.executable, "-c", _KODE_ZIGOT, str(data), periode, str(keluaran), "1" if zigot else "0"],
                            capture_output=True, text=True)
    detik = time.perf_counter() - mulai
    if proses.returncode != 0:
        sys.exit(f"render_laporan gagal ({proses.returncode}):\n{proses.stdout}\n{proses.stderr}")
    akhir = resource.getrusage(resource.RUSAGE_CHILDREN)
    return detik, (akhir.ru_utime - awal.ru_utime) + (akhir.ru_stime - awal.ru_stime)


def banding_zigot(data: Path, putaran: int, kerja: Path) -> int:
    periode = _triwulan_terakhir(data)
    laporan = len(pd.read_csv(data / "instansi.csv", dtype=str))
    waktu: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for i in range(putaran):
        # Alternate which goes first, so neither always runs on a warmer (or busier) machine.
        for zigot in ((True, False) if i % 2 == 0 else (False, True)):
            detik, detik_cpu = jalankan_batch(data, periode, kerja / f"zigot-{int(zigot)}-{i}", zigot)
            waktu[zigot].append(detik)
            cpu[zigot].append(detik_cpu)
            print(f"putaran {i + 1}: {'dengan zigot' if zigot else 'tanpa zigot '} {detik:6.1f} s, CPU {detik_cpu:6.1f} s", flush=True)
    med = {z: statistics.median(w) for z, w in waktu.items()}
    med_cpu = {z: statistics.median(w) for z, w in cpu.items()}
    print()
    print(f"{laporan} laporan, {putaran} putaran masing-masing (median):")
    for z, nama in ((True, "dengan zigot"), (False, "tanpa zigot ")):
        print(f"  {nama}  {med[z]:6.1f} s ({med[z] / laporan:.2f} s/laporan)   CPU {med_cpu[z]:6.1f} s")
    print(f"  tanpa/dengan  {med[False] / med[True]:.2f}× waktu, {med_cpu[False] / med_cpu[True]:.2f}× CPU")
    return 0


def jalankan_naif(data: Path, periode: str, instansi: list[str], kerja: Path) -> tuple[float, list[int]]:
    """papermill CLI then nbconvert CLI per instansi, serially, on the batch's own bundles."""
    from capaian import laporan as lp
    from capaian.pengaturan import load_metodologi
    from capaian.nilai import capaian_bulanan, score_period
    from capaian.validasi import load_dataset

    m = load_metodologi()
    ds = load_dataset(data)
    hasil = score_period(ds, periode, m)
    bulanan = capaian_bulanan(ds, periode, m)
    bundel = {}
    for k in instansi:
        bundel[k] = lp.build_bundel(ds, hasil, bulanan, periode, k, m, None).write(kerja / f"{k}.pkl")

    total = 0.0
    ukuran = []
    for k in instansi:
        keluar = kerja / k
        keluar.mkdir()
        ipynb = keluar / "laporan.ipynb"
        mulai = time.perf_counter()
        subprocess.run(
            [str(BIN / "papermill"), str(lp.NOTEBOOK), str(ipynb), "-p", "data", str(data), "-p", "periode", periode,
             "-p", "kode_instansi", k, "-p", "bundel", str(bundel[k]), "--log-level", "ERROR", "--no-progress-bar"],
            check=True, capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(ipynb), "--output", "laporan"],
            check=True, capture_output=True,
        )
        total += time.perf_counter() - mulai
        ukuran.append((keluar / "laporan.html").stat().st_size)
    return total, ukuran


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def ukur(nama: str, data: Path, instansi: list[str], naive_maks: int, workers: int | None, kerja: Path,
         tanpa_halaman: bool = False) -> dict:
    periode = _triwulan_terakhir(data)
    detik, ukuran = jalankan_capaian(data, periode, instansi, kerja / f"{nama}-capaian", workers, tanpa_halaman)
    naif_instansi = instansi[:naive_maks] if naive_maks else instansi
    (kerja / f"{nama}-naif").mkdir()
    detik_naif, ukuran_naif = jalankan_naif(data, periode, naif_instansi, kerja / f"{nama}-naif")
    per = detik / len(instansi)
    per_naif = detik_naif / len(naif_instansi)
    return {
        "data": nama,
        "periode": periode,
        "laporan": len(instansi),
        "capaian_detik": detik,
        "capaian_per_laporan": per,
        "naif_laporan": len(naif_instansi),
        "naif_per_laporan": per_naif,
        "rasio": per_naif / per,
        "html_maks": max(ukuran),
        "html_rata": statistics.mean(ukuran),
        "html_naif_rata": statistics.mean(ukuran_naif),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--besar", type=int, default=40, help="instansi in the large set (default 40)")
    ap.add_argument("--naive-maks", type=int, default=8, help="naive reports timed per data set (0 = all; default 8)")
    ap.add_argument("--workers", type=int, default=None, help="workers for capaian laporan (default: CPU count)")
    ap.add_argument("--simpan", type=Path, default=None, help="keep the outputs in this folder")
    ap.add_argument("--tanpa-zigot", action="store_true", help="compare the batch with and without the kernel zygote")
    ap.add_argument("--putaran", type=int, default=3, help="rounds of each for --tanpa-zigot (default 3)")
    ap.add_argument("--tanpa-halaman", action="store_true",
                    help="the batch without the rapor and team pages (like for like with the naive pipeline, which renders "
                         "only the instansi report, and with the figures set before the pages existed)")
    args = ap.parse_args(argv)

    kerja = Path(tempfile.mkdtemp(prefix="bench-laporan-"))
    try:
        if args.tanpa_zigot:
            print(f"mesin: {os.cpu_count()} CPU", flush=True)
            return banding_zigot(_data_sampel(kerja / "data-sampel", 300), args.putaran, kerja)
        sampel = _data_sampel(kerja / "data-sampel", 300)
        kode_sampel = pd.read_csv(sampel / "instansi.csv", dtype=str)["kode_instansi"].tolist()
        besar, kode_besar = _data_dengan_instansi(kerja / "data-besar", args.besar)
        print(f"mesin: {os.cpu_count()} CPU; workers: {args.workers or os.cpu_count()}; "
              f"{'tanpa rapor dan halaman tim' if args.tanpa_halaman else 'dengan rapor dan halaman tim setiap pegawai dan atasan'}",
              flush=True)
        hasil = []
        for nama, data, kode in (("sampel", sampel, kode_sampel), (f"{args.besar}-instansi", besar, kode_besar)):
            print(f"mengukur {nama} ({len(kode)} laporan) ...", flush=True)
            hasil.append(ukur(nama, data, kode, args.naive_maks, args.workers, kerja, args.tanpa_halaman))
        print()
        print(f"{'data':<14}{'periode':<10}{'laporan':>8}{'capaian s/lap':>15}{'naif s/lap':>12}{'rasio':>8}"
              f"{'HTML maks':>12}{'HTML rata':>12}{'naif HTML':>12}")
        for h in hasil:
            print(
                f"{h['data']:<14}{h['periode']:<10}{h['laporan']:>8}{h['capaian_per_laporan']:>15.2f}"
                f"{h['naif_per_laporan']:>12.2f}{h['rasio']:>7.1f}×{_kb(h['html_maks']):>12}{_kb(h['html_rata']):>12}"
                f"{_kb(h['html_naif_rata']):>12}"
            )
        print()
        for h in hasil:
            print(
                f"{h['data']}: capaian laporan {h['capaian_detik']:.1f} s for {h['laporan']} reports; naive timed on "
                f"{h['naif_laporan']} reports; ratio {h['rasio']:.1f}× (goal ≥ {TARGET_RASIO:.0f}×): "
                f"{'OK' if h['rasio'] >= TARGET_RASIO else 'BELOW GOAL'}; largest HTML {_kb(h['html_maks'])} "
                f"(goal < {_kb(BATAS_HTML)}): {'OK' if h['html_maks'] < BATAS_HTML else 'TOO LARGE'}"
            )
        ok = all(h["rasio"] >= TARGET_RASIO and h["html_maks"] < BATAS_HTML for h in hasil)
        if args.simpan:
            shutil.copytree(kerja, args.simpan, dirs_exist_ok=True)
        return 0 if ok else 1
    finally:
        shutil.rmtree(kerja, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
