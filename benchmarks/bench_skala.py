"""Partitioned data: the local single-process path against `--dask lokal` (docs/skala.md bagian 4).

    .venv/bin/python benchmarks/bench_skala.py --pegawai 20000
    .venv/bin/python benchmarks/bench_skala.py                      # 1,000,000 pegawai: a big machine

Writes a partitioned, national-shaped sample (`capaian contoh --partisi`), then runs `capaian nilai`
for one triwulan (validate + score) (a) in one process and (b) with `--dask lokal`, two workers and
a memory limit per worker. Prints wall time and peak memory (RSS) of every process (sampled with
psutil over the command's process tree: the command, the scheduler, each worker) and checks that
both paths wrote the same nilai_pegawai.csv and nilai_indikator.csv.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

CAPAIAN = [sys.executable, "-m", "capaian.cli"]


def jalankan(perintah: list[str]) -> tuple[float, dict[str, int]]:
    """Wall time and the peak RSS of each process of the command's tree (name -> bytes)."""
    puncak: dict[int, tuple[str, int]] = {}
    mulai = time.perf_counter()
    proc = subprocess.Popen(perintah, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    selesai = threading.Event()

    def sampel() -> None:
        akar = psutil.Process(proc.pid)
        while not selesai.is_set():
            try:
                semua = [akar] + akar.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            for p in semua:
                try:
                    rss = p.memory_info().rss
                    nama = "perintah" if p.pid == proc.pid else " ".join(p.cmdline()[1:4])[:60]
                except psutil.Error:
                    continue
                if rss > puncak.get(p.pid, ("", 0))[1]:
                    puncak[p.pid] = (nama, rss)
            time.sleep(0.1)

    t = threading.Thread(target=sampel, daemon=True)
    t.start()
    _, err = proc.communicate()
    selesai.set()
    t.join()
    wall = time.perf_counter() - mulai
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(perintah)} gagal ({proc.returncode}):\n{err[-2000:]}")
    return wall, {f"{nama} [{pid}]": rss for pid, (nama, rss) in puncak.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pegawai", type=int, default=1_000_000)
    ap.add_argument("--pemda", type=int, default=None)
    ap.add_argument("--periode", default="2025-TW1")
    ap.add_argument("--memori", default="6GiB", help="batas memori per pekerja Dask")
    ap.add_argument("--folder", type=Path, default=None, help="folder kerja (bawaan: folder sementara, dihapus)")
    args = ap.parse_args()
    kerja = args.folder or Path(tempfile.mkdtemp(prefix="bench-skala-"))
    try:
        data = kerja / "data"
        t0 = time.perf_counter()
        perintah = CAPAIAN + ["contoh", str(data), "--pegawai", str(args.pegawai), "--partisi"]
        if args.pemda:
            perintah += ["--pemda", str(args.pemda)]
        subprocess.run(perintah, check=True, stdout=subprocess.DEVNULL)
        partisi = sum(1 for p in data.iterdir() if p.is_dir())
        print(f"data: {args.pegawai:,} pegawai, {partisi} partisi, ditulis dalam {time.perf_counter() - t0:.1f} s")
        hasil = {}
        for nama, tambahan in (("a lokal", []), ("b dask lokal", ["--dask", "lokal", "--dask-pekerja", "2", "--dask-memori", args.memori])):
            keluar = kerja / nama.split()[0]
            wall, puncak = jalankan(CAPAIAN + ["nilai", str(data), "--periode", args.periode, "--keluaran", str(keluar)] + tambahan)
            hasil[nama] = wall
            print(f"({nama}) validasi + nilai {args.periode}: {wall:.1f} s")
            for proses, rss in sorted(puncak.items(), key=lambda x: -x[1]):
                if rss > 50 * 2**20:
                    print(f"    puncak memori {rss / 2**30:6.2f} GiB  {proses}")
        for f in ("nilai_pegawai.csv", "nilai_indikator.csv"):
            a = (kerja / "a" / args.periode / f).read_bytes()
            b = (kerja / "b" / args.periode / f).read_bytes()
            print(f"{f}: {'SAMA' if a == b else 'BERBEDA'} ({len(a):,} byte)")
            if a != b:
                raise SystemExit(1)
        print(f"rasio waktu (b)/(a): {hasil['b dask lokal'] / hasil['a lokal']:.2f}")
    finally:
        if args.folder is None:
            shutil.rmtree(kerja, ignore_errors=True)


if __name__ == "__main__":
    main()
