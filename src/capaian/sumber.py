"""The files the package reads at run time: report notebooks, default settings, HTML templates.

They ship inside the package (`capaian/notebooks/`, `capaian/params/`, `capaian/templates/`) and
are found through `importlib.resources`, so an installed wheel finds them as the repository does.
The top-level `notebooks/` and `params/` of the repository are copies for people to read, open in
JupyterLab and edit into their own settings; the packaged files are the source (`make
salin-sumber` copies them out, and tests/test_paket.py fails when a copy differs).

Every function returns a real `Path`: pip installs a wheel unpacked, so each resource is a file
on disk that papermill, nbconvert and `open()` can use directly.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# Folders of the package that have a user-facing copy of the same name at the repository's top.
FOLDER_SALINAN = ("notebooks", "params")


def _jalur(*bagian: str) -> Path:
    sumber = files("capaian").joinpath(*bagian)
    if not isinstance(sumber, Path):
        # A zipped install (zipimport) would need as_file() around every use; pip never does that.
        raise RuntimeError(f"capaian harus dipasang sebagai berkas biasa, bukan dari arsip zip ({sumber})")
    return sumber


def notebook(nama: str) -> Path:
    """The packaged report notebook `nama`, e.g. `notebook("laporan_instansi.ipynb")`."""
    return _jalur("notebooks", nama)


def berkas_params(nama: str) -> Path:
    """The packaged settings file `nama` under `params/`, e.g. `"kualitas.yaml"` or
    `"alternatif/rata_rata.yaml"`."""
    return _jalur("params", *nama.split("/"))


def folder_params(nama: str = "") -> Path:
    """The packaged `params/` folder, or its subfolder `nama` (e.g. `"alternatif"`)."""
    return _jalur("params", *[b for b in nama.split("/") if b])


def folder_template() -> Path:
    """The nbconvert template folder (holds the `capaian` template: HTML, CSS, conf.json)."""
    return _jalur("templates")


def berkas_salinan() -> list[str]:
    """Every packaged file that has a user-facing copy at the repository's top, as a path relative
    to the package (`notebooks/laporan_instansi.ipynb`, `params/alternatif/rata_rata.yaml`), sorted."""
    akar = _jalur()
    return sorted(
        p.relative_to(akar).as_posix()
        for folder in FOLDER_SALINAN
        for p in (akar / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts
    )
