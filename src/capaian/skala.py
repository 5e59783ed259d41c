"""The Dask path (docs/skala.md bagian 2): `--dask ALAMAT` or `--dask lokal` on a partitioned folder.

Each group of partitions (`capaian.partisi.kelompokkan`) is validated (and scored) by a task on a
worker, with the same functions as the local path (`capaian.partisi`): the index of the whole data
set is built first from every partition's pegawai and indikator, checked once, and sent to every
worker (`scatter`, broadcast). Scores are written per partition as Parquet
(`DIR/P/partisi/kode_instansi=KODE/`) by the worker that computed them, so data and outputs must be
on storage every worker reads and writes. `capaian laporan --dask` runs each instansi report as a
task (`PenerbitDask`, `tugas_laporan`).

dask and distributed are the optional extra `capaian[skala]`; only this module imports them.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from capaian.galat import GalatPerintah

# Above this many pegawai the joined nilai_pegawai.csv / nilai_indikator.csv are not written
# (the per-partition Parquet files are): one process would hold every score.
BATAS_CSV = 500_000
FOLDER_PARTISI = "partisi"  # DIR/P/partisi/: reserved, no instansi code may take it (capaian.skema)


def _impor_dask():
    try:
        import distributed
    except ImportError:
        raise GalatPerintah("--dask memerlukan paket dask dan distributed: pasang dengan 'pip install capaian[skala]' (docs/skala.md)") from None
    return distributed


def ukuran_lokal(workers: int | None = None, memori: str | None = None) -> tuple[int, str]:
    """Workers and memory per worker of `--dask lokal`: one worker per CPU, the machine's memory
    (less a quarter for the scheduler and the system) shared among them."""
    import psutil

    n = workers or max(1, os.cpu_count() or 1)
    if memori is None:
        memori = f"{int(psutil.virtual_memory().total * 0.75 / n / 2**20)}MiB"
    return n, memori


@contextlib.contextmanager
def klien(alamat: str, workers: int | None = None, memori: str | None = None):
    """A Dask client: `lokal` starts a LocalCluster (processes, one thread each, a memory limit per
    worker); anything else is a scheduler address (`tcp://host:8786`)."""
    distributed = _impor_dask()
    if alamat == "lokal":
        import dask

        n, mem = ukuran_lokal(workers, memori)
        # The scheduler always serves HTTP (health, metrics): a free port, never a fixed 8787 that
        # another cluster on the machine may hold.
        # A task whose worker dies is run once more, then fails (KilledWorker): a report fails
        # the strict way instead of killing worker after worker (docs/skala.md bagian 2).
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}), distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, memory_limit=mem, dashboard_address=":0") as cluster:
            with distributed.Client(cluster) as c:
                yield c
        return
    try:
        c = distributed.Client(alamat, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise GalatPerintah(f"tidak dapat terhubung ke penjadwal Dask '{alamat}': {exc}") from None
    with c:
        yield c


def peta_dask(c):
    """`peta` for `capaian.partisi`: one task per partition, the shared object sent once to every
    worker; a task whose worker dies is run again once on another (retries=1)."""

    def peta(fungsi, daftar, bersama):
        if bersama is not None:
            bersama = c.scatter(bersama, broadcast=True, hash=False)
            futures = [c.submit(fungsi, *a, bersama, retries=1, pure=False) for a in daftar]
        else:
            futures = [c.submit(fungsi, *a, retries=1, pure=False) for a in daftar]
        return c.gather(futures)

    # Partitions go to the workers in groups (`capaian.partisi.kelompokkan`): at least four per
    # worker, so that a slow group does not leave the others idle.
    peta.paralel = 4 * max(1, len(c.scheduler_info().get("workers", {})))
    return peta


def validasi_dask(folder: Path, alamat: str, workers: int | None = None, memori: str | None = None):
    """Every problem of a partitioned folder, found on the cluster (same list as the local path)."""
    from capaian.partisi import periksa_semua

    with klien(alamat, workers, memori) as c:
        _, _, masalah = periksa_semua(folder, peta_dask(c))
    return masalah


@dataclass
class TugasNilai:
    """Scoring of one validated partition on a worker: its tables written as Parquet to
    `folder/partisi/kode_instansi=KODE/` (nilai_pegawai, nilai_indikator, distribusi)."""

    periode: str
    metodologi: object
    folder: str

    def __call__(self, ds, kode: str) -> dict[str, int]:
        from capaian.partisi import AWALAN

        tabel = nilai_partisi(ds, self.periode, self.metodologi)
        tujuan = Path(self.folder) / FOLDER_PARTISI / f"{AWALAN}{kode}"
        tujuan.mkdir(parents=True, exist_ok=True)
        for nama, frame in tabel.items():
            sementara = tujuan / f".{nama}.parquet"
            frame.to_parquet(sementara, engine="pyarrow", index=False)
            os.replace(sementara, tujuan / f"{nama}.parquet")  # never a partial file under its name
        return {nama: len(frame) for nama, frame in tabel.items()}


def nilai_partisi(ds, periode: str, metodologi) -> dict[str, pd.DataFrame]:
    """One partition's scores: `score_period` where it has IKI in the year, else no pegawai and
    IKI rows and only its distribution rows (as the whole data set's scoring gives it)."""
    from capaian.galat import PeriodeTanpaIndikator
    from capaian.nilai import cek_distribusi, score_period

    try:
        h = score_period(ds, periode, metodologi)
        return {"nilai_pegawai": h.pegawai, "nilai_indikator": h.indikator, "distribusi": h.distribusi}
    except PeriodeTanpaIndikator:
        kosong = pd.DataFrame({"kode_instansi": pd.array([], dtype="string"), "predikat": pd.array([], dtype="string")})
        return {"distribusi": cek_distribusi(kosong, ds, periode, metodologi)}


def gabung_nilai(folder: Path, kode: list[str], periode, metodologi):
    """The partitions' Parquet scores joined into one `HasilNilai`, sorted as `score_period` sorts."""
    from capaian.galat import PeriodeTanpaIndikator
    from capaian.nilai import HasilNilai, _urutkan
    from capaian.partisi import AWALAN

    tabel: dict[str, list[pd.DataFrame]] = {"nilai_pegawai": [], "nilai_indikator": [], "distribusi": []}
    for k in kode:
        for nama in tabel:
            jalur = folder / FOLDER_PARTISI / f"{AWALAN}{k}" / f"{nama}.parquet"
            if jalur.exists():
                tabel[nama].append(pd.read_parquet(jalur))
    if not tabel["nilai_pegawai"]:
        raise PeriodeTanpaIndikator(periode)
    pegawai = _urutkan(pd.concat(tabel["nilai_pegawai"], ignore_index=True), ["kode_instansi", "nip"])
    indikator = _urutkan(pd.concat(tabel["nilai_indikator"], ignore_index=True), ["id_indikator"])
    distribusi = pd.concat(tabel["distribusi"], ignore_index=True).sort_values(["kode_instansi", "nomor_aturan"], kind="stable").reset_index(drop=True)
    # Parquet gives the rule's predikat back as a list: the tuple `cek_distribusi` builds.
    distribusi["predikat"] = pd.Series([tuple(x) for x in distribusi["predikat"]], index=distribusi.index, dtype=object)
    return HasilNilai(periode=periode, metodologi=metodologi, pegawai=pegawai, indikator=indikator, distribusi=distribusi)


def nilai_dask(folder: Path, periode, metodologi, keluaran: Path, alamat: str, workers: int | None = None, memori: str | None = None):
    """Validate and score every partition on the cluster. Raises DataError (nothing written) where
    the data has a problem. Returns (HasilNilai or None when above BATAS_CSV, paths written)."""
    from capaian.galat import DataError
    from capaian.partisi import periksa_semua

    tugas = TugasNilai(periode.kode, metodologi, str(keluaran))
    with klien(alamat, workers, memori) as c:
        _, hasil, masalah = periksa_semua(folder, peta_dask(c), nilai=tugas)
    if masalah:
        import shutil

        shutil.rmtree(keluaran / FOLDER_PARTISI, ignore_errors=True)
        raise DataError(masalah)
    kode = [h.kode for h in hasil]
    jumlah = sum((h.nilai or {}).get("nilai_pegawai", 0) for h in hasil)
    ditulis = [keluaran / FOLDER_PARTISI]
    if jumlah > BATAS_CSV:
        return None, ditulis
    from capaian.nilai import write_scores

    gabungan = gabung_nilai(keluaran, kode, periode, metodologi)
    return gabungan, write_scores(gabungan, keluaran) + ditulis


# ---------------------------------------------------------------------------------------------
# Reports on workers (`capaian laporan --dask`)


def muat_dask(c):
    """`muat` for `capaian.laporan.render_laporan`: a partitioned folder validated on the
    cluster (every partition group a task) and joined in this process, as `load_dataset` does
    on one machine (same data set, same problems: `DataError`)."""

    def muat(data):
        from capaian.galat import DataError
        from capaian.partisi import validasi_partisi

        ds, masalah = validasi_partisi(Path(data), peta_dask(c))
        if masalah:
            raise DataError(masalah)
        return ds

    return muat


# One NotebookPool per Dask worker process and report run (key: the run's work folder), kept
# between tasks so each report does not pay for starting the runner (papermill, nbconvert, the
# zygote); closed at the end of the run (`_tutup_pool`, through Client.run on every worker).
_POOL: dict[str, object] = {}


def _pool_pekerja(pengaturan, kerja: str):
    import socket

    from capaian.runner import NotebookPool

    pool = _POOL.get(kerja)
    if pool is None or not pool._hidup():
        sendiri = Path(kerja) / f"dask-{socket.gethostname()}-{os.getpid()}"
        sendiri.mkdir(mode=0o700, exist_ok=True)
        pool = _POOL[kerja] = NotebookPool(workers=1, pengaturan=pengaturan, kerja=sendiri)
    return pool


def _tutup_pool(kerja: str) -> None:
    pool = _POOL.pop(kerja, None)
    if pool is not None:
        pool.close()


def tugas_laporan(job, pengaturan, kerja: str) -> tuple[str, str | None, float]:
    """One report as a Dask task: the job run by this worker's strict runner (a fresh kernel for
    this report) into a folder of its own attempt, then moved under its names. A worker that
    dies mid-report leaves its attempt folder, never a file under the report's name; the executed
    notebook of a failed report is kept (`KODE/laporan.ipynb`, to see what went wrong)."""
    import shutil
    import uuid
    from dataclasses import replace

    percobaan = Path(job.ipynb).parent / f".percobaan-{uuid.uuid4().hex[:12]}"
    percobaan.mkdir(parents=True)
    sementara = replace(job, ipynb=percobaan / Path(job.ipynb).name, html=percobaan / Path(job.html).name if job.html else None)
    try:
        h = _pool_pekerja(pengaturan, kerja).run([sementara])[0]
        if Path(sementara.ipynb).exists():
            os.replace(sementara.ipynb, job.ipynb)
        if h.berhasil and job.html is not None:
            os.replace(sementara.html, job.html)
        return h.status, h.pesan, h.detik
    finally:
        shutil.rmtree(percobaan, ignore_errors=True)


class PenerbitDask:
    """`capaian.terbit.Penerbit` with every report a Dask task (`tugas_laporan`): same
    `write_bundel` and `run`. Bundles are written to the run's work folder, which must be on
    storage every worker reads (the output folder, docs/skala.md bagian 3).

    A task whose worker dies is run once more on another worker (the scheduler's
    `allowed-failures`, 1 for `--dask lokal`, and `retries=1`); when that fails too the instansi
    fails the strict way: status `gagal`, no `laporan.html`, the other reports go on."""

    def __init__(self, c, warmup, jumlah_job: int = 1, workers: int | None = 1, start_timeout: float = 180.0,
                 zigot: bool | None = None, *, kerja, fungsi=None):
        from capaian.runner import PengaturanRunner

        atur = {"warmup": tuple(warmup), "start_timeout": start_timeout}
        if zigot is not None:
            atur["zigot"] = zigot
        self.c = c
        self.pengaturan = PengaturanRunner(**atur)
        self.kerja = Path(kerja)
        self.fungsi = fungsi or tugas_laporan

    def __enter__(self) -> PenerbitDask:
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):
            self.c.run(_tutup_pool, str(self.kerja))

    def write_bundel(self, bundel, nama: str) -> Path:
        return bundel.write(self.kerja / f"{nama}.pkl")

    def run(self, jobs, on_done=None) -> list:
        import distributed

        from capaian.runner import GAGAL, HasilJob

        jobs = list(jobs)
        futures = {self.c.submit(self.fungsi, job, self.pengaturan, str(self.kerja), retries=1, pure=False): i for i, job in enumerate(jobs)}
        hasil: dict[int, object] = {}
        for f in distributed.as_completed(list(futures)):
            i = futures[f]
            job = jobs[i]
            try:
                status, pesan, detik = f.result()
                h = HasilJob(job, status, pesan, detik)
            except distributed.KilledWorker:
                h = HasilJob(job, GAGAL, "pekerja Dask mati saat membuat laporan ini, juga pada percobaan ulang")
            except Exception as exc:  # the task itself failed twice (retries=1): this report fails
                h = HasilJob(job, GAGAL, f"tugas Dask gagal: {type(exc).__name__}: {exc}")
            if not h.berhasil and job.html is not None:
                Path(job.html).unlink(missing_ok=True)  # never a report that failed
            hasil[i] = h
            if on_done:
                on_done(h)
        return [hasil[i] for i in range(len(jobs))]


def penerbit_dask(c):
    """The `penerbit` hook of `capaian.laporan.render_laporan` for client `c`."""

    def buat(warmup, jumlah_job=1, workers=1, start_timeout=180.0, zigot=None, *, kerja):
        return PenerbitDask(c, warmup, jumlah_job, workers, start_timeout, zigot, kerja=kerja)

    return buat
