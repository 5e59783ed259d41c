"""Publishing a report: bundles, notebook runs, the period's manifest and index.

Every report command (`capaian laporan`, `kualitas`, `metodologi`) follows the same path, written
here once:

1. the batch computes each notebook's bundle (`BundelPickle`, a dataclass of plain data) and
   saves it in a temporary folder;
2. `Penerbit` runs the notebooks through the strict runner (`capaian.runner`: a fresh kernel per
   report, code hidden, any error output fails the report), starting its workers first so that
   they import their libraries while the batch still computes;
3. `DIR/P/manifest.json` records what was made from what (inputs' SHA-256, methodology, package
   versions; per report the fingerprint of its inputs, `masukan`) and `DIR/P/index.html` links
   every report of the period (`write_index`, rendered from `templates/index.html.j2` with every
   piece of data text escaped). A report whose inputs are no longer the current ones, or whose
   instansi is no longer in the data, stays listed with status `usang` (stale), never as current.

One period folder is written by one run at a time: every command that writes under `DIR/P/`
holds its lock (`kunci_periode`, `DIR/P/.kunci`), and a run's temporary data (bundles, runner
logs, the kernels' TMPDIR) lives in `DIR/P/.kerja/RUN/` (`area_kerja`), readable by the owner
only, removed when the run ends and, after a crash, at the start of the next run on that folder.

Report kernels import this module (through the bundle classes): the standard library only at the
top; the runner, Jinja2 and the data modules are imported where they are used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import pickle
import platform
import shutil
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, TypeVar

from capaian.format import KOSONG, nama_periode

T = TypeVar("T", bound="BundelPickle")

# What the package versions in a manifest and a report's closing section list.
PAKET = ("capaian", "pandas", "numpy", "pandera", "pydantic", "matplotlib", "seaborn", "papermill", "nbconvert", "nbformat", "nbclient", "ipykernel", "jupyter_client")

# The period's other reports, in the order index.html lists them: (file, title).
LAPORAN_LAIN = (("kualitas_indikator.html", "Kualitas indikator"), ("metodologi.html", "Tinjauan metodologi"))
# `capaian kualitas --instansi K` writes kualitas_indikator-K.html (never the kabupaten-wide one).
AWALAN_KUALITAS_INSTANSI = "kualitas_indikator-"


# =============================================================================================
# Bundles


class BundelPickle:
    """Base of a report's bundle: the plain data one notebook receives, written once by the batch
    and read once by the notebook's kernel. `simpan` writes the dataclass's fields as a pickle;
    `muat` reads them back. The file is the batch's own temporary file (in the run's work area,
    `area_kerja`), so unpickling it is trusted; it holds personal data, so only its owner may read
    it (mode 0600)."""

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        with open(path, "wb", opener=_pembuka_pribadi) as f:
            pickle.dump(self.__dict__, f, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    @classmethod
    def load(cls: type[T], path: str | Path) -> T:
        with open(path, "rb") as f:
            return cls(**pickle.load(f))

    @classmethod
    def load_untuk(cls: type[T], path: str | Path, periode: str, kode_instansi: str | None = None) -> T:
        """`muat`, then check the bundle is the one the notebook's parameters ask for: the same
        period (and instansi, where given); ValueError otherwise."""
        b = cls.load(path)
        if kode_instansi is not None and (getattr(b, "kode_instansi", None) != kode_instansi or b.periode != str(periode)):
            raise ValueError(f"bundel {path} bukan untuk {kode_instansi} periode {periode}")
        if b.periode != str(periode):
            raise ValueError(f"bundel {path} bukan untuk periode {periode}")
        return b


def _pembuka_pribadi(path, flags: int) -> int:
    """`open(..., opener=)`: a new file readable and writable by its owner only (0600)."""
    return os.open(path, flags, 0o600)


def sekarang() -> str:
    """Now in the data owner's zone (`capaian.format.zona_waktu`: WITA unless `CAPAIAN_ZONA_WAKTU`
    says otherwise) with its UTC offset, to the second (ISO 8601): a report's `dibuat`."""
    from capaian.format import zona_waktu

    return dt.datetime.now(zona_waktu()).replace(microsecond=0).isoformat()


@functools.lru_cache(maxsize=1)
def _versi_paket() -> tuple[tuple[str, str], ...]:
    from importlib.metadata import PackageNotFoundError, version

    hasil = [("python", platform.python_version())]
    for nama in PAKET:
        try:
            hasil.append((nama, version(nama)))
        except PackageNotFoundError:
            continue
    return tuple(hasil)


def versi_paket() -> dict[str, str]:
    """Python and the versions of the packages that make a report."""
    return dict(_versi_paket())


def sumber_data(dataset) -> list[dict]:
    """Per input table its file name and SHA-256, as a report's closing section lists them."""
    return [{"tabel": t, "file": s.nama, "sha256": s.sha256} for t, s in getattr(dataset, "sumber", {}).items()]


# =============================================================================================
# One run at a time per period folder, and the run's private work area

NAMA_KUNCI = ".kunci"  # DIR/P/.kunci: the period folder's lock
NAMA_KERJA = ".kerja"  # DIR/P/.kerja/RUN/: a run's temporary data


def _kunci_berkas(fd: int) -> bool:
    """Take an exclusive lock on the open file `fd` without waiting; False where another process
    holds it. The kernel releases it when the file is closed or its process dies (even `kill -9`)."""
    try:
        import fcntl
    except ImportError:  # Windows: a byte-range lock, released the same way
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def kunci_periode(folder: str | Path):
    """Hold the lock of the period folder `folder` (`DIR/P/`, created where missing) for the
    block: every command that writes under it takes this lock first, so that two runs never
    interleave their files, manifest and index (docs/kontrak-data.md bagian 5).

    Raises `capaian.galat.PeriodeSedangDiproses` (exit 1), naming the folder and the holder (its
    pid, host and start time, written in `.kunci`), where another run holds it. The lock is an
    `flock` on the open file, not the file's existence: a `.kunci` left by a killed run holds
    nothing and is simply taken again. The file is removed at the end while still locked; a run
    that locked a file of that name which is no longer the one in the folder tries again."""
    import socket

    from capaian.galat import PeriodeSedangDiproses

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAMA_KUNCI
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _kunci_berkas(fd):
            try:
                pemegang = os.pread(fd, 1000, 0).decode("utf-8", "replace").strip()
            except (OSError, AttributeError):
                pemegang = ""
            os.close(fd)
            raise PeriodeSedangDiproses(folder, pemegang)
        try:
            sama = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            sama = False
        if sama:
            break
        os.close(fd)  # the holder removed that file meanwhile: lock the one there now
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} di {socket.gethostname()} sejak {sekarang()}\n".encode("utf-8"))
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)  # releases the lock


def bersihkan_area_kerja(folder: str | Path) -> list[Path]:
    """Remove what runs that ended without cleaning up (a crash, `kill -9`) left in
    `folder/.kerja/`; the removed folders. Call it holding the period's lock (`kunci_periode`):
    then no live run owns anything there."""
    induk = Path(folder) / NAMA_KERJA
    if not induk.is_dir():
        return []
    sisa = sorted(induk.iterdir())
    for p in sisa:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                p.unlink()
    return sisa


@contextlib.contextmanager
def area_kerja(folder: str | Path):
    """The run's private work folder `folder/.kerja/RUN/` (mode 0700) for the block: bundles with
    the pegawai data, the runner's logs and the kernels' TMPDIR go there, not to the system's
    temporary folder, where a crashed run would leave them unseen. Leftovers of earlier runs are
    removed first, and the folder is removed at the end (`.kerja` too, once empty). Call it
    holding the period's lock (`kunci_periode`)."""
    import secrets

    induk = Path(folder) / NAMA_KERJA
    bersihkan_area_kerja(folder)
    induk.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(induk, 0o700)
    kerja = induk / f"{dt.datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(3)}"
    kerja.mkdir(mode=0o700)
    try:
        yield kerja
    finally:
        shutil.rmtree(kerja, ignore_errors=True)
        with contextlib.suppress(OSError):
            induk.rmdir()  # only when empty


# =============================================================================================
# Running notebooks


def pastikan_notebook(notebook: str | Path | None, bawaan: Path, jenis: str) -> Path:
    """The notebook to run: `notebook` where given, else `bawaan`; FileNotFoundError naming
    `jenis` (e.g. "laporan kualitas") where the file is not there."""
    path = Path(notebook) if notebook is not None else bawaan
    if not path.is_file():
        raise FileNotFoundError(f"notebook {jenis} tidak ditemukan: {path}")
    return path


class Penerbit:
    """The notebook runs of one report command, as a context manager.

    On entering, the runner's worker processes start (they import papermill and nbconvert and
    boot their first kernel while the caller computes the bundles); on leaving, they stop.
    Bundles, the workers' logs and the kernels' temporary files go to `kerja`, the run's work
    folder (`area_kerja`: inside the period folder, never the system's temporary folder).
    `workers` defaults to the CPU count, never more than `jumlah_job`. `zigot` None keeps the
    runner's default.
    """

    def __init__(self, warmup: Sequence[str], jumlah_job: int = 1, workers: int | None = 1, start_timeout: float = 180.0,
                 zigot: bool | None = None, *, kerja: str | Path):
        from capaian.runner import PengaturanRunner

        atur = {"warmup": tuple(warmup), "start_timeout": start_timeout}
        if zigot is not None:
            atur["zigot"] = zigot
        self.pengaturan = PengaturanRunner(**atur)
        self.jumlah_job = jumlah_job
        self.workers = workers
        self.kerja = Path(kerja)
        self._pool = None

    def __enter__(self) -> Penerbit:
        from capaian.runner import NotebookPool

        self._pool = NotebookPool(workers=self.workers, pengaturan=self.pengaturan, jumlah_job=self.jumlah_job, kerja=self.kerja)
        return self

    def __exit__(self, *exc) -> None:
        self._pool.__exit__(*exc)

    def write_bundel(self, bundel: BundelPickle, nama: str) -> Path:
        """Save `bundel` as `nama.pkl` in this run's work folder (0600; gone when the run ends)."""
        return bundel.write(self.kerja / f"{nama}.pkl")

    def run(self, jobs, on_done=None) -> list:
        """Run the runner's `Job`s; their `HasilJob`s in the same order (a failing notebook does
        not raise: its result is `gagal` with the reason)."""
        return self._pool.run(list(jobs), on_done=on_done)

    def run_one(self, notebook: Path, parameters: dict, ipynb: Path, html: Path, judul: str):
        """Run one notebook into `ipynb` and `html` (page title `judul`); its `HasilJob`."""
        return self.run([build_job(notebook, parameters, ipynb, html, judul)])[0]


def build_job(notebook: Path, parameters: dict, ipynb: Path, html: Path | None, judul: str):
    """A runner `Job` with absolute paths (a kernel's working folder is its worker's)."""
    from capaian.runner import Job

    return Job(notebook=Path(notebook).resolve(), parameters=parameters, ipynb=Path(ipynb).resolve(),
               html=Path(html).resolve() if html is not None else None, judul=judul)


class KemajuanPolos:
    """Progress where stderr is not a terminal (cron, a log file): one plain line per finished
    report, `Laporan 3/9: Dinas Kesehatan berhasil (12,3 detik)`, never a redrawn bar."""

    def __init__(self, total: int, desc: str, file=None):
        self.total, self.desc, self.n = total, desc, 0
        self.file = file if file is not None else sys.stderr

    def update(self, n: int = 1, keterangan: str | None = None) -> None:
        self.n += n
        self.file.write(f"{self.desc} {self.n}/{self.total}" + (f": {keterangan}" if keterangan else " selesai") + "\n")
        self.file.flush()

    def close(self) -> None:
        pass


def progress(total: int, tampil: bool, desc: str = "Laporan", unit: str = "laporan", file=None):
    """Progress on stderr: a bar on a terminal, one plain line per report elsewhere
    (`KemajuanPolos`), nothing where `tampil` is False. Both take `update(1)`; a plain line may
    say which report with `update(1, keterangan)` (a bar ignores it)."""
    file = file if file is not None else sys.stderr
    if tampil and not (hasattr(file, "isatty") and file.isatty()):
        return KemajuanPolos(total, desc, file)
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit=unit, disable=not tampil, file=file, leave=True)
    asli = bar.update
    bar.update = lambda n=1, keterangan=None: asli(n)
    return bar


# =============================================================================================
# The period's manifest

USANG = "usang"  # a report kept on disk whose inputs are no longer the current ones


def sha256_berkas(path: str | Path) -> str:
    """The SHA-256 of a file (hex), read in chunks."""
    from capaian.baca import sha256_file

    return sha256_file(Path(path))


def _sha256_teks(teks: str) -> str:
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def sidik_data(dataset) -> str:
    """One SHA-256 for the whole data set: of every table's name and file SHA-256. Any change in
    any table changes it (a report's numbers depend on the whole data set: ranks, atasan)."""
    sumber = getattr(dataset, "sumber", {}) or {}
    return _sha256_teks(json.dumps({t: s.sha256 for t, s in sumber.items()}, sort_keys=True))


def _sidik_data_tercatat(data: Mapping[str, Mapping[str, Any]]) -> str:
    """`sidik_data` of a data set as a manifest records it ({table: {"sha256": ...}})."""
    return _sha256_teks(json.dumps({t: d.get("sha256") for t, d in data.items()}, sort_keys=True))


def sidik_metodologi(metodologi) -> str:
    """The SHA-256 of a methodology's content (not of its file: comments do not count)."""
    isi = metodologi.model_dump(mode="json") if hasattr(metodologi, "model_dump") else {"versi": getattr(metodologi, "versi", None)}
    return _sha256_teks(json.dumps(isi, sort_keys=True, ensure_ascii=False))


def masukan_laporan(dataset, metodologi, notebook: str | Path) -> dict:
    """What an instansi report is made from, as its manifest entry records it under `masukan`
    (with its `kode_instansi`): the data set's, methodology's and notebook's fingerprints."""
    return {"data": sidik_data(dataset), "metodologi": sidik_metodologi(metodologi), "notebook": sha256_berkas(notebook)}


def entri_laporan(kode_instansi: str, nama_instansi: str, status: str, pesan: str | None, detik: float,
                  masukan: Mapping[str, str] | None = None, dibuat: str | None = None, halaman: dict | None = None,
                  angka: Mapping[str, Any] | None = None) -> dict:
    """One instansi's report as `manifest.json` records it (paths relative to the period folder);
    `masukan` (see `masukan_laporan`) and `dibuat` where given; `halaman`: its rapor and team
    pages (counts and SHA-256 per file), where they were made; `angka`: what the kabupaten
    overview (index.html) shows of it (`capaian.laporan.angka_indeks`)."""
    berhasil = status == "berhasil"
    return {
        "kode_instansi": kode_instansi,
        "nama_instansi": nama_instansi,
        "status": status,
        **({"error": pesan} if not berhasil else {}),
        "html": f"{kode_instansi}/laporan.html" if berhasil else None,
        "ipynb": f"{kode_instansi}/laporan.ipynb",
        "detik": detik,
        **({"dibuat": dibuat} if dibuat is not None else {}),
        **({"masukan": {**masukan, "kode_instansi": kode_instansi}} if masukan is not None else {}),
        **({"halaman": halaman} if halaman is not None else {}),
        **({"angka": dict(angka)} if angka is not None else {}),
    }


_NAMA_BAGIAN = {"data": "data", "metodologi": "metodologi", "notebook": "notebook laporan"}


def nilai_ulang(entri: Mapping[str, Any], kini: Mapping[str, str], kode_data: Iterable[str] | None = None) -> dict:
    """`entri` (a manifest entry made by an earlier run) judged against the current inputs.

    `kini`: the fingerprints known now (`data`, and for a `capaian laporan` run also
    `metodologi` and `notebook`); `kode_data`: the instansi codes in the data now (None: not
    checked). An entry for an instansi no longer in the data, without a record of its inputs, or
    whose inputs differ from `kini` gets status `usang`, the reason under `usang` and its earlier
    status under `status_semula`. A stale entry whose inputs all match again (checked by a
    `laporan` run, which knows them all) gets its earlier status back."""
    e = dict(entri)
    kode = e.get("kode_instansi")
    lama = e.get("masukan")
    alasan = None
    if kode is not None and kode_data is not None and kode not in set(kode_data):
        alasan = f"instansi {kode} tidak ada lagi di data"
    elif not isinstance(lama, Mapping):
        alasan = "masukannya tidak tercatat (dibuat oleh versi capaian yang lebih lama)"
    else:
        beda = [_NAMA_BAGIAN.get(k, k) for k in kini if lama.get(k) != kini[k]]
        if beda:
            alasan = f"dibuat dari {' dan '.join(beda)} yang berbeda dari yang sekarang"
    if alasan is not None:
        if e.get("status") != USANG:
            e["status_semula"] = e.get("status")
        e["status"] = USANG
        e["usang"] = alasan
    elif e.get("status") == USANG and isinstance(lama, Mapping) and set(lama) - {"kode_instansi"} <= set(kini):
        e["status"] = e.pop("status_semula", None) or "gagal"
        e.pop("usang", None)
    return e


def _ringkasan(laporan: Sequence[Mapping[str, Any]]) -> dict:
    return {s: sum(r.get("status") == s for r in laporan) for s in ("berhasil", "gagal", USANG)}


def read_manifest(path: Path) -> dict:
    """The manifest at `path`, or {} where there is none (or it cannot be read)."""
    try:
        isi = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return isi if isinstance(isi, dict) else {}


def _tulis_json(path: Path, isi: dict) -> None:
    from capaian.runner import write_atomic

    write_atomic(path, json.dumps(isi, ensure_ascii=False, indent=2) + "\n")


def write_manifest(folder: Path, periode: str, data, ds, m, berkas_metodologi, nb_path: Path, kode_dipilih: Sequence[str],
                   workers: int | None, laporan: Sequence[dict], dibuat: str) -> Path:
    """Write `folder/manifest.json` for a `capaian laporan` run (docs/kontrak-data.md bagian 5):
    the command, every input's SHA-256, the methodology, the notebook, package versions, the
    score files' SHA-256 and each report (`laporan`: `entri_laporan` dicts of this run).

    Reports of instansi not chosen in this run stay recorded, judged against this run's inputs
    (`nilai_ulang`): current ones as they were, others as `usang`. The period's other reports
    already recorded stay recorded while their files exist, `usang` where made from other data.
    Call it holding the period's lock (`kunci_periode`)."""
    berkas_metodologi = Path(berkas_metodologi)
    path = folder / "manifest.json"
    lama = read_manifest(path)
    instansi = {}
    if ds is not None and getattr(ds, "instansi", None) is not None:
        instansi = dict(zip(ds.instansi["kode_instansi"].astype(str), ds.instansi["nama_instansi"].astype(str)))
    kode_data = list(instansi) if ds is not None else None
    kini = masukan_laporan(ds, m, nb_path)
    baru = {r["kode_instansi"]: r for r in laporan}
    semua = dict(baru)
    for e in lama.get("laporan", []):
        if isinstance(e, Mapping) and e.get("kode_instansi") not in semua:
            semua[e["kode_instansi"]] = nilai_ulang(e, kini, kode_data)
    # The data set's order, then instansi no longer in the data in their earlier order.
    urutan = [k for k in instansi if k in semua] + [k for k in semua if k not in instansi]
    semua_laporan = [semua[k] for k in urutan]
    from capaian import __version__

    isi = {
        "periode": periode,
        "versi_capaian": __version__,
        "dibuat": dibuat,
        "perintah": {
            "argv": list(sys.argv),
            "data": str(data),
            "periode": periode,
            "instansi": list(kode_dipilih),
            "metodologi": str(berkas_metodologi),
            "workers": workers or os.cpu_count(),
        },
        "data": {
            t: {"file": s.nama, "path": str(s.path), "sha256": s.sha256} for t, s in getattr(ds, "sumber", {}).items()
        },
        "metodologi": {
            # absolute: `terbitkan` finds it again from any working folder (a cron job's, say)
            "berkas": str(berkas_metodologi.absolute()),
            "sha256": sha256_berkas(berkas_metodologi) if berkas_metodologi.is_file() else None,
            "versi": m.versi,
            "isi": m.model_dump(mode="json") if hasattr(m, "model_dump") else None,
        },
        "notebook": {"path": str(nb_path), "sha256": sha256_berkas(nb_path)},
        "paket": versi_paket(),
        "platform": platform.platform(),
        "keluaran": {
            nama: sha256_berkas(folder / nama) for nama in ("nilai_pegawai.csv", "nilai_indikator.csv") if (folder / nama).is_file()
        },
        **({"instansi": instansi} if instansi else {}),
        "laporan": semua_laporan,
        "ringkasan": _ringkasan(semua_laporan),
    }
    lain = {
        berkas: nilai_ulang(e, {"data": kini["data"]})
        for berkas, e in lama.get("laporan_lain", {}).items()
        if (folder / (e.get("html") or e.get("ipynb") or berkas)).is_file()
    }
    if lain:
        isi["laporan_lain"] = lain
    _tulis_json(path, isi)
    return path


def catat_laporan(folder: Path, periode: str, data, ds, m, berkas_metodologi, nb_path: Path, kode_dipilih: Sequence[str],
                  workers: int | None, laporan: Sequence[dict], dibuat: str) -> tuple[Path, Path]:
    """The end of a `capaian laporan` run: `write_manifest`, then `index.html` listing every
    instansi of the data (and any stale report of one no longer in it) from the manifest just
    written; the paths of both. Call it holding the period's lock (`kunci_periode`)."""
    manifest = write_manifest(folder, periode, data, ds, m, berkas_metodologi, nb_path, kode_dipilih, workers, laporan, dibuat)
    isi = read_manifest(manifest)
    index = write_index(folder, periode, isi.get("instansi", {}), isi.get("laporan", []), isi.get("laporan_lain"))
    return manifest, index


def tandai_usang(folder: str | Path, dataset) -> Path | None:
    """After a command wrote under `folder` (the period folder) with `dataset` (`capaian nilai`:
    scores of that data now sit beside the reports): every recorded report made from other data,
    or for an instansi no longer in it, becomes `usang` in `manifest.json` and `index.html`.
    Nothing happens where there is no manifest yet (returns None). Call it holding the lock."""
    folder = Path(folder)
    path = folder / "manifest.json"
    isi = read_manifest(path)
    if not isi:
        return None
    _nilai_ulang_manifest(isi, dataset)
    _tulis_json(path, isi)
    perbarui_index(folder)
    return path


def _nilai_ulang_manifest(isi: dict, dataset, kecuali: str | None = None) -> None:
    """Judge every entry of the manifest `isi` against the data set's fingerprint (in place)."""
    kini = {"data": sidik_data(dataset)}
    kode_data = [str(k) for k in dataset.instansi["kode_instansi"]]
    isi["instansi"] = dict(zip(kode_data, dataset.instansi["nama_instansi"].astype(str)))
    isi["laporan"] = [nilai_ulang(e, kini, kode_data) for e in isi.get("laporan", [])]
    isi["ringkasan"] = _ringkasan(isi["laporan"])
    isi["laporan_lain"] = {b: (e if b == kecuali else nilai_ulang(e, kini)) for b, e in isi.get("laporan_lain", {}).items()}
    if not isi["laporan_lain"]:
        del isi["laporan_lain"]


def catat_laporan_lain(
    folder: str | Path,
    berkas: str,
    judul: str,
    status: str,
    pesan: str | None = None,
    dataset=None,
    metodologi=None,
) -> Path:
    """Record one of the period's other reports (`kualitas_indikator.html`, `metodologi.html`) in
    `folder/manifest.json` under `laporan_lain` (status `berhasil`, or `gagal` with the error; the
    inputs' SHA-256, methodology and package versions it was made with, and its `masukan`), then
    relink index.html. With `dataset`, every other recorded report made from other data (or for
    an instansi no longer in it) becomes `usang` (`tandai_usang`).

    A manifest that does not exist yet (the report ran before `capaian laporan`) is started.
    Call it holding the period's lock (`kunci_periode`).
    """
    folder = Path(folder)
    path = folder / "manifest.json"
    from capaian import __version__

    isi = read_manifest(path) or {"periode": folder.name, "laporan": []}
    isi["versi_capaian"] = __version__
    entri = {
        "versi_capaian": __version__,
        "judul": judul,
        "status": status,
        **({"error": pesan} if status != "berhasil" else {}),
        "html": berkas if status == "berhasil" else None,
        "ipynb": str(Path(berkas).with_suffix(".ipynb")),
        "dibuat": sekarang(),
        "paket": versi_paket(),
    }
    if dataset is not None:
        entri["data"] = {t: {"file": s.nama, "sha256": s.sha256} for t, s in getattr(dataset, "sumber", {}).items()}
    if metodologi is not None:
        entri["metodologi"] = {"versi": metodologi.versi, "isi": metodologi.model_dump(mode="json")}
    if dataset is not None:
        entri["masukan"] = {"data": sidik_data(dataset), **({"metodologi": sidik_metodologi(metodologi)} if metodologi is not None else {})}
    isi.setdefault("laporan_lain", {})[berkas] = entri
    if dataset is not None and getattr(dataset, "instansi", None) is not None:
        _nilai_ulang_manifest(isi, dataset, kecuali=berkas)
    _tulis_json(path, isi)
    perbarui_index(folder)
    return path


# =============================================================================================
# index.html


@functools.lru_cache(maxsize=1)
def _templat_index():
    import jinja2

    from capaian import sumber

    # Autoescape: instansi names and error messages come from the data and the notebooks.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(sumber.folder_template())),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("index.html.j2")


_SINGKAT_PREDIKAT = {"sangat_baik": "SB", "baik": "B", "butuh_perbaikan": "BP", "kurang": "K", "sangat_kurang": "SK"}


def _angka_baris(angka: Mapping[str, Any] | None) -> dict | None:
    """The overview's cells for one instansi's `angka` (or the kabupaten's sums), as text."""
    from capaian.format import bulat, persen, porsi
    from capaian.kode import LABEL, PREDIKAT
    from capaian.tampilan import WARNA_PREDIKAT

    if not angka:
        return None
    hitung = angka.get("predikat") or {}
    total = sum(int(hitung.get(k) or 0) for k in PREDIKAT)
    segmen = [
        {"kode": k, "singkat": _SINGKAT_PREDIKAT[k], "label": LABEL[k], "jumlah": int(hitung.get(k) or 0),
         "lebar": f"{100 * int(hitung.get(k) or 0) / total:.2f}" if total else "0", "warna": WARNA_PREDIKAT[k]}
        for k in PREDIKAT
    ]
    kurva = angka.get("kurva")
    if kurva:
        teks_kurva = f"{bulat(kurva['terpenuhi'])} dari {bulat(kurva['aturan'])} terpenuhi"
        kelas_kurva = "terpenuhi" if kurva["terpenuhi"] == kurva["aturan"] else "tidak-terpenuhi"
    else:
        teks_kurva, kelas_kurva = ("tidak diperiksa", "tidak-dinilai") if "kurva" in angka else (KOSONG, "")
    org = angka.get("predikat_organisasi")
    return {
        "pegawai": bulat(angka.get("pegawai")),
        "dinilai": bulat(angka.get("dinilai")),
        "rata_rata": persen(angka.get("rata_rata_capaian")),
        "kepatuhan": porsi(angka.get("kepatuhan")),
        "segmen": segmen,
        "ada_predikat": total > 0,
        "sebaran": ", ".join(f"{x['label']} {x['jumlah']}" for x in segmen),
        "predikat_organisasi": LABEL.get(org, org) if org else KOSONG,
        "kurva": teks_kurva,
        "kelas_kurva": kelas_kurva,
    }


def _jumlah_kabupaten(semua: Sequence[Mapping[str, Any]]) -> dict | None:
    """The kabupaten's totals over the instansi with current numbers: sums of counts, the average
    capaian over every pegawai with a capaian, compliance over every IKI, rules met over rules."""
    from capaian.kode import PREDIKAT

    if not semua:
        return None
    def jumlah(k):
        return sum(int(a.get(k) or 0) for a in semua)

    n_capaian = jumlah("pegawai_bercapaian")
    total_capaian = sum((a.get("rata_rata_capaian") or 0) * int(a.get("pegawai_bercapaian") or 0) for a in semua)
    kurva = [a["kurva"] for a in semua if a.get("kurva")]
    return {
        "pegawai": jumlah("pegawai"),
        "dinilai": jumlah("dinilai"),
        "rata_rata_capaian": total_capaian / n_capaian if n_capaian else None,
        "kepatuhan": jumlah("indikator_lengkap") / jumlah("indikator") if jumlah("indikator") else None,
        "predikat": {k: sum(int((a.get("predikat") or {}).get(k) or 0) for a in semua) for k in PREDIKAT},
        "predikat_organisasi": None,
        **({"kurva": {"terpenuhi": sum(k["terpenuhi"] for k in kurva), "aturan": sum(k["aturan"] for k in kurva)}} if kurva else {}),
    }


def write_index(folder: str | Path, periode: str, nama_instansi: Mapping[str, str], laporan: Iterable[Mapping[str, Any]],
                laporan_lain: Mapping[str, Mapping[str, Any]] | None = None) -> Path:
    """Write `folder/index.html`, the kabupaten overview (docs/kontrak-data.md bagian 5): every
    instansi of `nama_instansi` (code → name, in order) with its report's status and links and,
    for a current report, its numbers (`angka` of its manifest entry: pegawai, dinilai, average
    capaian, reporting compliance, predikat distribution as a small bar with its counts, the
    organisation's predikat and its distribution rules met), then the kabupaten's totals; then
    the instansi of `laporan` that are not in `nama_instansi` (their reports are `usang`), plus
    the period's other reports where their files exist (`laporan_lain`: their manifest entries,
    to mark a stale one). A stale report is never shown as current: its row says `usang` and why,
    and links the old file as "laporan lama". Notebooks are linked only as "notebook (untuk
    analis)"."""
    from capaian import sumber
    from capaian.kode import LABEL
    from capaian.runner import write_atomic
    from capaian.tampilan import WARNA_PREDIKAT

    folder = Path(folder)
    hasil = {r["kode_instansi"]: r for r in laporan}
    nama = dict(nama_instansi)
    for kode, r in hasil.items():
        nama.setdefault(kode, str(r.get("nama_instansi") or kode))
    baris = []
    angka_kini = []
    for kode, nm in nama.items():
        r = hasil.get(kode)
        status = None if r is None else r.get("status")
        if status not in (None, "berhasil", USANG):
            status = "gagal"
        pesan = None if r is None else (r.get("usang") if status == USANG else r.get("error"))
        angka = r.get("angka") if status == "berhasil" and isinstance(r.get("angka"), Mapping) else None
        if angka:
            angka_kini.append(angka)
        baris.append({
            "kode": kode,
            "nama": nm,
            "status": status,
            "html_lama": status == USANG and (folder / kode / "laporan.html").is_file(),
            "ipynb": (folder / kode / "laporan.ipynb").is_file(),
            "pesan": KOSONG if pesan is None else str(pesan),
            "angka": _angka_baris(angka),
        })
    lain = []
    daftar_lain = list(LAPORAN_LAIN) + [
        (b, f"Kualitas indikator {Path(b).stem.split('-', 1)[1]}")
        for b in sorted(laporan_lain or {})
        if b not in dict(LAPORAN_LAIN) and b.startswith(AWALAN_KUALITAS_INSTANSI)
    ]
    for berkas, judul in daftar_lain:
        if (folder / berkas).is_file():
            e = (laporan_lain or {}).get(berkas) or {}
            lain.append({"berkas": berkas, "judul": judul, "usang": e.get("usang") if e.get("status") == USANG else None})
    css = (sumber.folder_template() / "capaian" / "capaian.css").read_text(encoding="utf-8")
    isi = _templat_index().render(
        periode=periode, nama_periode=nama_periode(periode), baris=baris, lain=lain, css=css, kosong=KOSONG,
        terbitan=_terbitan(folder),
        jumlah=_angka_baris(_jumlah_kabupaten(angka_kini)), instansi_berangka=len(angka_kini),
        ada_csv=(folder / "nilai_pegawai.csv").is_file(), ada_csv_indikator=(folder / "nilai_indikator.csv").is_file(),
        singkat=[(v, LABEL[k], WARNA_PREDIKAT[k]) for k, v in _SINGKAT_PREDIKAT.items()],
    )
    path = folder / "index.html"
    write_atomic(path, isi)
    return path


def _terbitan(folder: Path) -> dict | None:
    """What index.html says of an issued period: who issued it and when, and every revision
    (`capaian.terbitan`), the last one current; None where the period is not issued."""
    from capaian.terbitan import baca_terbitan, daftar_revisi

    try:
        terbitan = baca_terbitan(folder)
    except Exception:  # noqa: BLE001 - an unreadable record: the index says so, never fails
        return {"oleh": KOSONG, "waktu": KOSONG, "revisi": [], "rusak": True}
    if terbitan is None:
        return None
    revisi = [{**r, "tautan": f"{r['folder']}/index.html" if (folder / r["folder"] / "index.html").is_file() else f"{r['folder']}/perubahan.html"}
              for r in daftar_revisi(folder)]
    return {"oleh": terbitan.get("oleh", KOSONG), "waktu": terbitan.get("waktu", KOSONG), "revisi": revisi, "rusak": False}


def perbarui_index(folder: str | Path) -> Path | None:
    """Rebuild `folder/index.html` from its `manifest.json`, so that a report made after
    `capaian laporan` (indicator quality, methodology review) is linked too.

    Does nothing (returns None) where the folder has no manifest yet; `capaian laporan` and
    `catat_laporan_lain` write one.
    """
    folder = Path(folder)
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return None
    isi = json.loads(manifest.read_text(encoding="utf-8"))
    laporan = isi.get("laporan", [])
    nama = dict(isi.get("instansi") or {})
    return write_index(folder, isi["periode"], nama, laporan, isi.get("laporan_lain"))


# =============================================================================================
# Choosing instansi


def pilih_instansi(dataset, instansi: Sequence[str] | None) -> list[str]:
    """The chosen instansi codes in the data set's order (all where `instansi` is empty); raises
    `InstansiTidakDikenal` listing the valid codes for an unknown one."""
    from capaian.galat import InstansiTidakDikenal

    semua = [str(k) for k in dataset.instansi["kode_instansi"]]
    if not instansi:
        return semua
    diminta = list(dict.fromkeys(str(k).strip() for k in instansi))
    asing = [k for k in diminta if k not in semua]
    if asing:
        raise InstansiTidakDikenal(asing, semua)
    return [k for k in semua if k in diminta]
