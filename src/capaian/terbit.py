"""Publishing a report: bundles, notebook runs, the period's manifest and index.

Every report command (`capaian laporan`, `kualitas`, `metodologi`) follows the same path, written
here once:

1. the batch computes each notebook's bundle (`BundelPickle`, a dataclass of plain data) and
   saves it in a temporary folder;
2. `Penerbit` runs the notebooks through the strict runner (`capaian.runner`: a fresh kernel per
   report, code hidden, any error output fails the report), starting its workers first so that
   they import their libraries while the batch still computes;
3. `DIR/P/manifest.json` records what was made from what (inputs' SHA-256, methodology, package
   versions) and `DIR/P/index.html` links every report of the period (`write_index`, rendered
   from `templates/index.html.j2` with every piece of data text escaped).

Report kernels import this module (through the bundle classes): the standard library only at the
top; the runner, Jinja2 and the data modules are imported where they are used.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import pickle
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, TypeVar

from capaian.format import KOSONG, nama_periode

T = TypeVar("T", bound="BundelPickle")

# What the package versions in a manifest and a report's closing section list.
PAKET = ("capaian", "pandas", "numpy", "pandera", "pydantic", "matplotlib", "seaborn", "papermill", "nbconvert", "nbformat", "nbclient", "ipykernel", "jupyter_client")

# The period's other reports, in the order index.html lists them: (file, title).
LAPORAN_LAIN = (("kualitas_indikator.html", "Kualitas indikator"), ("metodologi.html", "Tinjauan metodologi"))


# =============================================================================================
# Bundles


class BundelPickle:
    """Base of a report's bundle: the plain data one notebook receives, written once by the batch
    and read once by the notebook's kernel. `simpan` writes the dataclass's fields as a pickle;
    `muat` reads them back. The file is the batch's own temporary file, so unpickling it is
    trusted."""

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        with open(path, "wb") as f:
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


def sekarang() -> str:
    """Now, local time with its UTC offset, to the second (ISO 8601): a report's `dibuat`."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


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
    boot their first kernel while the caller computes the bundles) and a temporary folder for
    the bundles is made; on leaving, both are cleaned up. `workers` defaults to the CPU count,
    never more than `jumlah_job`. `zigot` None keeps the runner's default.
    """

    def __init__(self, warmup: Sequence[str], jumlah_job: int = 1, workers: int | None = 1, start_timeout: float = 180.0,
                 zigot: bool | None = None, nama: str = "capaian"):
        from capaian.runner import PengaturanRunner

        atur = {"warmup": tuple(warmup), "start_timeout": start_timeout}
        if zigot is not None:
            atur["zigot"] = zigot
        self.pengaturan = PengaturanRunner(**atur)
        self.jumlah_job = jumlah_job
        self.workers = workers
        self.nama = nama
        self._pool = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> Penerbit:
        from capaian.runner import NotebookPool

        self._pool = NotebookPool(workers=self.workers, pengaturan=self.pengaturan, jumlah_job=self.jumlah_job)
        self._tmp = tempfile.TemporaryDirectory(prefix=f"{self.nama}-")
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._tmp is not None:
                self._tmp.cleanup()
        finally:
            self._pool.__exit__(*exc)

    def write_bundel(self, bundel: BundelPickle, nama: str) -> Path:
        """Save `bundel` as `nama.pkl` in this run's temporary folder (gone when the run ends)."""
        return bundel.write(Path(self._tmp.name) / f"{nama}.pkl")

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


def progress(total: int, tampil: bool, desc: str = "Laporan", unit: str = "laporan"):
    """A progress bar on stderr (silent where `tampil` is False)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=not tampil, file=sys.stderr, leave=True)


# =============================================================================================
# The period's manifest


def sha256_berkas(path: str | Path) -> str:
    """The SHA-256 of a file (hex), read in chunks."""
    from capaian.baca import sha256_file

    return sha256_file(Path(path))


def entri_laporan(kode_instansi: str, nama_instansi: str, status: str, pesan: str | None, detik: float) -> dict:
    """One instansi's report as `manifest.json` records it (paths relative to the period folder)."""
    berhasil = status == "berhasil"
    return {
        "kode_instansi": kode_instansi,
        "nama_instansi": nama_instansi,
        "status": status,
        **({"error": pesan} if not berhasil else {}),
        "html": f"{kode_instansi}/laporan.html" if berhasil else None,
        "ipynb": f"{kode_instansi}/laporan.ipynb",
        "detik": detik,
    }


def read_manifest(path: Path) -> dict:
    """The manifest at `path`, or {} where there is none (or it cannot be read)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _tulis_json(path: Path, isi: dict) -> None:
    from capaian.runner import write_atomic

    write_atomic(path, json.dumps(isi, ensure_ascii=False, indent=2) + "\n")


def write_manifest(folder: Path, periode: str, data, ds, m, berkas_metodologi, nb_path: Path, kode_dipilih: Sequence[str],
                   workers: int | None, laporan: Sequence[dict], dibuat: str) -> Path:
    """Write `folder/manifest.json` for a `capaian laporan` run (docs/kontrak-data.md bagian 5):
    the command, every input's SHA-256, the methodology, the notebook, package versions, the
    score files' SHA-256 and each report (`laporan`: `entri_laporan` dicts). The period's other
    reports already recorded stay recorded while their files exist."""
    berkas_metodologi = Path(berkas_metodologi)
    isi = {
        "periode": periode,
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
            "berkas": str(berkas_metodologi),
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
        "laporan": list(laporan),
        "ringkasan": {
            "berhasil": sum(r["status"] == "berhasil" for r in laporan),
            "gagal": sum(r["status"] != "berhasil" for r in laporan),
        },
    }
    path = folder / "manifest.json"
    lama = read_manifest(path).get("laporan_lain", {})
    lain = {berkas: e for berkas, e in lama.items() if (folder / (e.get("html") or e.get("ipynb") or berkas)).is_file()}
    if lain:
        isi["laporan_lain"] = lain
    _tulis_json(path, isi)
    return path


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
    inputs' SHA-256, methodology and package versions it was made with), then relink index.html.

    A manifest that does not exist yet (the report ran before `capaian laporan`) is started.
    """
    folder = Path(folder)
    path = folder / "manifest.json"
    isi = read_manifest(path) or {"periode": folder.name, "laporan": []}
    entri = {
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
    isi.setdefault("laporan_lain", {})[berkas] = entri
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


def write_index(folder: str | Path, periode: str, nama_instansi: Mapping[str, str], laporan: Iterable[Mapping[str, Any]]) -> Path:
    """Write `folder/index.html`: every instansi of `nama_instansi` (code → name, in order) with
    its report's status and links (`laporan`: manifest entries; an instansi without one was not
    chosen in this run), plus the period's other reports where their files exist."""
    from capaian import sumber
    from capaian.runner import write_atomic

    folder = Path(folder)
    hasil = {r["kode_instansi"]: r for r in laporan}
    baris = []
    for kode, nama in nama_instansi.items():
        r = hasil.get(kode)
        pesan = r.get("error") if r is not None else None
        baris.append({
            "kode": kode,
            "nama": nama,
            "status": None if r is None else ("berhasil" if r["status"] == "berhasil" else "gagal"),
            "pesan": KOSONG if pesan is None else str(pesan),
        })
    lain = [(berkas, judul) for berkas, judul in LAPORAN_LAIN if (folder / berkas).is_file()]
    css = (sumber.folder_template() / "capaian" / "capaian.css").read_text(encoding="utf-8")
    isi = _templat_index().render(
        periode=periode, nama_periode=nama_periode(periode), baris=baris, lain=lain, css=css, kosong=KOSONG
    )
    path = folder / "index.html"
    write_atomic(path, isi)
    return path


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
    return write_index(folder, isi["periode"], {r["kode_instansi"]: r["nama_instansi"] for r in laporan}, laporan)


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
