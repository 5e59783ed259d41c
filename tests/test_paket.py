"""The package carries everything it reads, and an installed wheel works outside the repository.

The notebooks, default settings and templates ship inside `capaian/` (found by `capaian.sumber`);
the top-level `notebooks/` and `params/` are copies of them that must never drift. The slow test
builds a wheel, installs it into a fresh venv outside the repository and runs the commands from
another folder, as a user of `pip install capaian-*.whl` would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

import capaian
from capaian import sumber

ROOT = Path(__file__).resolve().parents[1]
PAKET = Path(capaian.__file__).resolve().parent
PERIODE = "2025-TW1"
INSTANSI = "DINKES"


def _berkas_di(akar: Path, folder: str) -> set[str]:
    return {
        p.relative_to(akar).as_posix()
        for p in (akar / folder).rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts
    }


# ---------------------------------------------------------------------------------------------
# One truth: each top-level copy equals its packaged twin


def test_setiap_salinan_sama_dengan_berkas_paket():
    paket = set(sumber.berkas_salinan())
    atas = set().union(*(_berkas_di(ROOT, f) for f in sumber.FOLDER_SALINAN))
    beda = sorted(r for r in paket & atas if (ROOT / r).read_bytes() != (PAKET / r).read_bytes())
    saran = "berkas di src/capaian/ adalah sumbernya; ubah di sana lalu jalankan `make salin-sumber`"
    assert not sorted(paket - atas), f"tidak ada salinannya di tingkat teratas: {sorted(paket - atas)}; {saran}"
    assert not sorted(atas - paket), f"tidak ada kembarannya di paket: {sorted(atas - paket)}; {saran}"
    assert not beda, f"salinan berbeda dari berkas paket: {beda}; {saran}"


def test_semua_yang_dibaca_paket_ada_di_dalam_paket():
    berkas = [
        sumber.notebook("laporan_instansi.ipynb"),
        sumber.notebook("kualitas_indikator.ipynb"),
        sumber.notebook("metodologi.ipynb"),
        sumber.berkas_params("metodologi.yaml"),
        sumber.berkas_params("kualitas.yaml"),
        sumber.berkas_params("asumsi.yaml"),
        sumber.folder_template() / "capaian" / "index.html.j2",
        sumber.folder_template() / "capaian" / "capaian.css",
    ]
    for p in berkas:
        assert p.is_file() and p.resolve().is_relative_to(PAKET), p
    assert {p.stem for p in sumber.folder_params("alternatif").glob("*.yaml")} >= {"rata_rata", "tanpa_batas"}


def test_tidak_ada_modul_yang_mencari_berkas_lewat_folder_repositori():
    # The defect this guards against: `Path(__file__).parents[2] / "notebooks"` works in a checkout
    # and breaks in an installed wheel. Package files are found through capaian.sumber.
    for modul in sorted(PAKET.glob("*.py")):
        teks = modul.read_text(encoding="utf-8")
        assert ".parents[" not in teks and ".parent.parent" not in teks, modul.name


def test_pyproject_mengemas_setiap_berkas_sumber():
    import tomllib

    # The patterns are globs relative to the package, as setuptools reads them (`*` stays in
    # one folder, `**` crosses folders): Path.glob has the same rules.
    pola = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["capaian"]
    tercakup = {p.relative_to(PAKET).as_posix() for g in pola for p in PAKET.glob(g) if p.is_file()}
    template = {p.relative_to(PAKET).as_posix() for p in sumber.folder_template().rglob("*") if p.is_file()}
    tanpa_pola = sorted((set(sumber.berkas_salinan()) | template) - tercakup)
    assert not tanpa_pola, f"tidak tercakup package-data di pyproject.toml: {tanpa_pola}"


# ---------------------------------------------------------------------------------------------
# A wheel in a fresh venv, outside the repository


def _jalankan(perintah: list, cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(x) for x in perintah], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, perintah))} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def venv_wheel(tmp_path_factory):
    """A fresh venv holding only the wheel built from this checkout; the locked dependencies are
    made visible by a .pth file pointing at this interpreter's site-packages and a link to its
    share/jupyter (offline and quick).
    That directory is added as a plain path, so the editable install's own .pth in it is not run
    and cannot put the repository's src/ back on the path."""
    akar = tmp_path_factory.mktemp("paket")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    mulai = time.perf_counter()
    # Build from a copy, so the build leaves no build/ or egg-info in the checkout.
    salinan = akar / "sumber"
    salinan.mkdir()
    for nama in ("pyproject.toml", "README.md"):
        (salinan / nama).write_bytes((ROOT / nama).read_bytes())
    _salin_folder(ROOT / "src", salinan / "src")
    dist = akar / "dist"
    _jalankan([sys.executable, "-m", "pip", "wheel", salinan, "-w", dist, "--no-deps", "--no-build-isolation", "--no-index", "-q"], akar, env)
    (wheel,) = dist.glob("capaian-*.whl")
    venv = akar / "venv"
    # Without its own pip (ensurepip alone takes longer than the rest of the set-up): this pip
    # installs into it, entry-point script and all, as the venv's own pip would.
    _jalankan([sys.executable, "-m", "venv", "--without-pip", venv], akar, env)
    py = venv / "bin" / "python"
    _jalankan([sys.executable, "-m", "pip", "--python", py, "install", "--no-deps", "--no-index", "-q", wheel], akar, env)
    situs = Path(_jalankan([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], akar, env).stdout.strip())
    dep = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (situs / "_dependensi_terkunci.pth").write_text("\n".join(dep) + "\n", encoding="utf-8")
    # Their data files too: nbconvert finds its base templates under <venv>/share/jupyter.
    (venv / "share").mkdir(exist_ok=True)
    (venv / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter", target_is_directory=True)
    kerja = akar / "kerja"  # not the repository: no params/ or notebooks/ here
    kerja.mkdir()
    return {"wheel": wheel, "venv": venv, "py": py, "bin": venv / "bin", "situs": situs, "kerja": kerja, "env": env,
            "detik_siap": time.perf_counter() - mulai}


def _salin_folder(dari: Path, ke: Path) -> None:
    for p in dari.rglob("*"):
        if "__pycache__" in p.parts or any(b.endswith(".egg-info") for b in p.parts) or ".ipynb_checkpoints" in p.parts:
            continue
        tujuan = ke / p.relative_to(dari)
        if p.is_dir():
            tujuan.mkdir(parents=True, exist_ok=True)
        else:
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            tujuan.write_bytes(p.read_bytes())


@pytest.mark.lambat
def test_wheel_memuat_notebook_pengaturan_dan_template(venv_wheel):
    with zipfile.ZipFile(venv_wheel["wheel"]) as z:
        isi = set(z.namelist())
    harus = {f"capaian/{r}" for r in sumber.berkas_salinan()}
    harus |= {f"capaian/{p.relative_to(PAKET).as_posix()}" for p in (PAKET / "templates").rglob("*") if p.is_file()}
    harus |= {f"capaian/{p.name}" for p in PAKET.glob("*.py")}
    assert not sorted(harus - isi), f"tidak ada di wheel: {sorted(harus - isi)}"


@pytest.mark.lambat
def test_wheel_di_venv_baru_membuat_laporan_dari_folder_lain(venv_wheel):
    v = venv_wheel
    kerja, env, bin_ = v["kerja"], v["env"], v["bin"]

    # The venv imports the wheel's capaian, and so does the kernel papermill starts for a report
    # (the same runner, zygote and kernel spec the commands use).
    berkas = _jalankan([v["py"], "-c", "import capaian; print(capaian.__file__)"], kerja, env).stdout.strip()
    assert Path(berkas).resolve().is_relative_to(v["situs"].resolve()), berkas
    nb = kerja / "asal.ipynb"
    nb.write_text(
        '{"cells": [{"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [], '
        '"source": ["import capaian; print(capaian.__file__)"]}], "metadata": {"kernelspec": {"name": "python3", '
        '"display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}',
        encoding="utf-8",
    )
    skrip = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from capaian.runner import Job, run_notebooks\n"
        "(h,) = run_notebooks([Job(Path('asal.ipynb'), {}, Path('asal_out.ipynb').resolve())], workers=1)\n"
        "assert h.berhasil, h.pesan\n"
        "print(json.load(open('asal_out.ipynb'))['cells'][0]['outputs'][0]['text'])\n"
    )
    di_kernel = _jalankan([v["py"], "-c", skrip], kerja, env).stdout
    assert str(v["situs"].resolve()) in di_kernel and str(ROOT) not in di_kernel, di_kernel

    _jalankan([bin_ / "capaian", "contoh", "d"], kerja, env)
    _jalankan([bin_ / "capaian", "laporan", "d", "--periode", PERIODE, "--instansi", INSTANSI, "--keluaran", "out", "--workers", "1"], kerja, env)
    assert (kerja / "out" / PERIODE / INSTANSI / "laporan.html").is_file()
    _jalankan([bin_ / "capaian", "kualitas", "d", "--periode", PERIODE, "--instansi", INSTANSI, "--keluaran", "out"], kerja, env)
    assert (kerja / "out" / PERIODE / f"kualitas_indikator-{INSTANSI}.html").is_file()  # --instansi: its own file
    _jalankan([bin_ / "capaian", "metodologi", "d", "--periode", PERIODE, "--keluaran", "out"], kerja, env)
    html = (kerja / "out" / PERIODE / "metodologi.html").read_text(encoding="utf-8")
    # No params/ in this folder: the shipped alternatives came from inside the installed package.
    assert "tanpa_batas" in html and "rata_rata" in html
    assert not (kerja / "params").exists() and not (kerja / "notebooks").exists()
