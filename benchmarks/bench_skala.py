"""Partitioned data: the local single-process path against `--dask lokal` (docs/skala.md bagian 4).

    .venv/bin/python benchmarks/bench_skala.py --pegawai 20000
    .venv/bin/python benchmarks/bench_skala.py                      # 1,000,000 pegawai: a big machine

Writes a partitioned, national-shaped sample (`capaian contoh --partisi`), then:

- `nilai`: `capaian nilai` for one triwulan (validate + score) (a) in one process and (b) with
  `--dask lokal`, two workers and a memory limit per worker. Prints wall time and peak memory (RSS)
  of every process (sampled with psutil over the command's process tree: the command, the
  scheduler, each worker) and checks that both wrote the same nilai_pegawai.csv and
  nilai_indikator.csv.
- `langkah`: the steps of the partitioned validation in this process (index, joining the index,
  checking + scoring), per partition and per 1,000 pegawai, and the size of the global index that
  every worker receives: the figures of the projection in docs/skala.md bagian 5.
- `laporan`: the report fan-out, `--laporan` instansi (default 40, the first partitions by code)
  through (c) the local pool (`--workers 2`) and (d) `--dask lokal` with two workers; both with
  `--tanpa-halaman` (the notebooks only: the rapor pages are made in the command process on both
  paths). Prints both wall times and the overhead of (d) over (c), and checks that every report's
  manifest `angka` and the CSVs are the same.
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
from dask.utils import parse_bytes  # "20GiB" -> bytes, as --dask-memori is read

CAPAIAN = [sys.executable, "-m", "capaian.cli"]


class MelewatiBatas(Exception):
    """The command's process tree went over the memory cap and was stopped (it did not complete)."""

    def __init__(self, wall: float, rss: int, puncak: dict[str, int]):
        super().__init__(f"dihentikan pada {wall:.0f} s: memori pohon proses {rss / 2**30:.1f} GiB")
        self.wall, self.rss, self.puncak = wall, rss, puncak


def jalankan(perintah: list[str], batas: int | None = None) -> tuple[float, dict[str, int]]:
    """Wall time and the peak RSS of each process of the command's tree (name -> bytes).

    With `batas` (bytes), a tree whose total RSS goes over it is killed and `MelewatiBatas` raised:
    on a machine without swap, a run that does not fit must fail alone, not take the machine (and
    whatever else runs there) with it."""
    puncak: dict[int, tuple[str, int]] = {}
    terlewati: list[int] = []
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
            total = 0
            for p in semua:
                try:
                    rss = p.memory_info().rss
                    nama = "perintah" if p.pid == proc.pid else " ".join(p.cmdline()[1:4])[:60]
                except psutil.Error:
                    continue
                total += rss
                if rss > puncak.get(p.pid, ("", 0))[1]:
                    puncak[p.pid] = (nama, rss)
            if batas is not None and total > batas:
                terlewati.append(total)
                for p in reversed(semua):
                    try:
                        p.kill()
                    except psutil.Error:
                        pass
                break
            time.sleep(0.1)

    t = threading.Thread(target=sampel, daemon=True)
    t.start()
    _, err = proc.communicate()
    selesai.set()
    t.join()
    wall = time.perf_counter() - mulai
    if terlewati:
        raise MelewatiBatas(wall, terlewati[0], {f"{nama} [{pid}]": rss for pid, (nama, rss) in puncak.items()})
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(perintah)} gagal ({proc.returncode}):\n{err[-2000:]}")
    return wall, {f"{nama} [{pid}]": rss for pid, (nama, rss) in puncak.items()}


def _puncak(puncak: dict[str, int]) -> None:
    for proses, rss in sorted(puncak.items(), key=lambda x: -x[1]):
        if rss > 50 * 2**20:
            print(f"    puncak memori {rss / 2**30:6.2f} GiB  {proses}", flush=True)


def bagian_nilai(args, data: Path, kerja: Path) -> None:
    hasil = {}
    # Dask first: where the single process does not fit, its figure is the one that matters.
    for nama, tambahan in (("b dask lokal", ["--dask", "lokal", "--dask-pekerja", "2", "--dask-memori", args.memori]), ("a lokal", [])):
        keluar = kerja / nama.split()[0]
        try:
            wall, puncak = jalankan(CAPAIAN + ["nilai", str(data), "--periode", args.periode, "--keluaran", str(keluar)] + tambahan,
                                    batas=parse_bytes(args.batas))
        except MelewatiBatas as e:
            print(f"({nama}) validasi + nilai {args.periode}: TIDAK SELESAI, {e} (batas --batas {args.batas})", flush=True)
            _puncak(e.puncak)
            continue
        hasil[nama] = wall
        print(f"({nama}) validasi + nilai {args.periode}: {wall:.1f} s", flush=True)
        _puncak(puncak)
    if len(hasil) < 2:
        return
    for f in ("nilai_pegawai.csv", "nilai_indikator.csv"):
        a = (kerja / "a" / args.periode / f).read_bytes()
        b = (kerja / "b" / args.periode / f).read_bytes()
        print(f"{f}: {'SAMA' if a == b else 'BERBEDA'} ({len(a):,} byte)")
        if a != b:
            raise SystemExit(1)
    print(f"rasio waktu (b)/(a): {hasil['b dask lokal'] / hasil['a lokal']:.2f}")


def bagian_langkah(args, data: Path) -> None:
    """The partitioned path's steps, timed in this process (one process, no Dask)."""
    import pickle

    from capaian.kode import parse_periode
    from capaian.partisi import RujukanGlobal, baca_instansi, bangun_rujukan, daftar_partisi, iki_per_kelompok, indeks_kelompok, kelompokkan, periksa_kelompok
    from capaian.pengaturan import load_metodologi
    from capaian.skala import nilai_partisi

    partisi = daftar_partisi(data)
    instansi, _ = baca_instansi(data)
    kelompok = kelompokkan(partisi)
    t0 = time.perf_counter()
    bagian = [b for a in kelompok for b in indeks_kelompok(a)]
    t1 = time.perf_counter()
    rujukan, masalah = bangun_rujukan(bagian)
    iki = iki_per_kelompok(rujukan.iki, bagian, [len(a) for a in kelompok])
    t2 = time.perf_counter()
    p, m = parse_periode(args.periode), load_metodologi()
    pegawai = 0
    t_nilai = 0.0
    for a, potongan in zip(kelompok, iki):
        for h in periksa_kelompok(a, instansi, RujukanGlobal(rujukan.nip, potongan), kumpulkan=True):
            pegawai += len(h.dataset.pegawai)
            s = time.perf_counter()
            nilai_partisi(h.dataset, p.kode, m)
            t_nilai += time.perf_counter() - s
    t3 = time.perf_counter()
    n, ribu = len(partisi), pegawai / 1000
    bersama = len(pickle.dumps((instansi, rujukan.nip), protocol=5))
    semua_iki = len(pickle.dumps(rujukan.iki, protocol=5))
    per_tugas = [len(pickle.dumps(x, protocol=5)) for x in iki]
    print(f"langkah (satu proses, {n} partisi dalam {len(kelompok)} kelompok, {pegawai:,} pegawai):")
    print(f"    indeks            {t1 - t0:7.1f} s  = {(t1 - t0) / n * 1000:5.0f} ms/partisi, {(t1 - t0) / ribu:5.2f} s/1.000 pegawai")
    print(f"    gabung indeks     {t2 - t1:7.1f} s  (satu proses, dengan potongan IKI per kelompok; {len(masalah)} masalah)")
    print(f"    periksa + nilai   {t3 - t2:7.1f} s  = {(t3 - t2) / n * 1000:5.0f} ms/partisi, {(t3 - t2) / ribu:5.2f} s/1.000 pegawai (nilai {t_nilai:.1f} s)")
    print(f"    dikirim sekali ke setiap pekerja (instansi, NIP): {bersama / 2**20:.1f} MiB ({bersama / max(pegawai, 1):.0f} byte/pegawai)")
    print(f"    potongan IKI per tugas: rata-rata {sum(per_tugas) / len(per_tugas) / 2**20:.2f} MiB, terbesar {max(per_tugas) / 2**20:.2f} MiB "
          f"(seluruh indeks IKI {semua_iki / 2**20:.1f} MiB, {semua_iki / max(pegawai, 1):.0f} byte/pegawai)")


def bagian_laporan(args, data: Path, kerja: Path) -> None:
    import json

    from capaian.partisi import daftar_partisi

    kode = [k for k, _ in daftar_partisi(data)][: args.laporan]
    pilih = [x for k in kode for x in ("--instansi", k)]
    hasil = {}
    for nama, tambahan in (("c pool lokal", ["--workers", "2"]), ("d dask lokal", ["--dask", "lokal", "--dask-pekerja", "2", "--dask-memori", args.memori])):
        keluar = kerja / nama.split()[0]
        perintah = CAPAIAN + ["laporan", str(data), "--periode", args.periode, "--keluaran", str(keluar), "--tanpa-halaman"] + pilih + tambahan
        wall, puncak = jalankan(perintah)
        hasil[nama] = wall
        print(f"({nama}) {len(kode)} laporan instansi (--tanpa-halaman), termasuk validasi dan nilai: {wall:.1f} s")
        _puncak(puncak)
    angka = {}
    for x in ("c", "d"):
        folder = kerja / x / args.periode
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        angka[x] = ({e["kode_instansi"]: (e["status"], e["angka"]) for e in manifest["laporan"]},
                    [(folder / f).read_bytes() for f in ("nilai_pegawai.csv", "nilai_indikator.csv")])
    print(f"angka manifest dan CSV: {'SAMA' if angka['c'] == angka['d'] else 'BERBEDA'}")
    c, d = hasil["c pool lokal"], hasil["d dask lokal"]
    print(f"overhead (d) atas (c): {(d - c) / c * 100:+.1f}% (sasaran <= 15%)")
    if angka["c"] != angka["d"]:
        raise SystemExit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pegawai", type=int, default=1_000_000)
    ap.add_argument("--pemda", type=int, default=None)
    ap.add_argument("--periode", default="2025-TW1")
    ap.add_argument("--memori", default="6GiB", help="batas memori per pekerja Dask")
    ap.add_argument("--batas", default="20GiB", help="memori seluruh pohon proses satu perintah nilai; di atasnya perintah dihentikan dan dicatat tidak selesai")
    ap.add_argument("--laporan", type=int, default=40, help="jumlah laporan instansi bagian laporan")
    ap.add_argument("--bagian", nargs="+", choices=("nilai", "langkah", "laporan"), default=["nilai", "langkah", "laporan"])
    ap.add_argument("--folder", type=Path, default=None, help="folder kerja (bawaan: folder sementara, dihapus); data yang sudah ada di FOLDER/data dipakai lagi")
    args = ap.parse_args()
    kerja = args.folder or Path(tempfile.mkdtemp(prefix="bench-skala-"))
    try:
        data = kerja / "data"
        if not data.exists():
            t0 = time.perf_counter()
            perintah = CAPAIAN + ["contoh", str(data), "--pegawai", str(args.pegawai), "--partisi"]
            if args.pemda:
                perintah += ["--pemda", str(args.pemda)]
            subprocess.run(perintah, check=True, stdout=subprocess.DEVNULL)
            print(f"data ditulis dalam {time.perf_counter() - t0:.1f} s", flush=True)
        partisi = sum(1 for p in data.iterdir() if p.is_dir())
        ukuran = sum(f.stat().st_size for f in data.rglob("*") if f.is_file())
        print(f"data: {args.pegawai:,} pegawai, {partisi} partisi, {ukuran / 2**20:.0f} MiB CSV", flush=True)
        for b in args.bagian:
            keluar = kerja / f"keluaran-{b}"
            shutil.rmtree(keluar, ignore_errors=True)
            keluar.mkdir(parents=True)
            {"nilai": bagian_nilai, "langkah": lambda a, d, k: bagian_langkah(a, d), "laporan": bagian_laporan}[b](args, data, keluar)
    finally:
        if args.folder is None:
            shutil.rmtree(kerja, ignore_errors=True)


if __name__ == "__main__":
    main()
