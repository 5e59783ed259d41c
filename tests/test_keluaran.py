"""The period folder `DIR/P/` as one consistent record, and nothing personal left behind
(docs/kontrak-data.md bagian 5, "Satu proses per folder periode" and "Laporan usang").

- One run at a time: every command that writes under `DIR/P/` holds `DIR/P/.kunci`; a second
  run exits 1 naming the folder and the holder; a lock file left by a killed run holds nothing.
- Re-rendering a subset keeps the other instansi's entries; an entry made from other data, with
  another methodology or notebook, or for an instansi no longer in the data, is `usang` in
  `manifest.json` and `index.html`, never shown as current.
- A run's temporary data (bundles with pegawai data, runner logs, the kernels' TMPDIR) lives in
  `DIR/P/.kerja/RUN/` (0700, files 0600), never in the system's temporary folder; what a killed
  run left there is removed by the next run on that folder.

Each class is fed the bundled example and two variants of it: one realisasi value changed
("realisasi"), and an instansi code renamed, so that the old code is no longer in the data
("kode").
"""

from __future__ import annotations

import contextlib
import csv
import html as html_lib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from capaian import terbit
from capaian.galat import PeriodeSedangDiproses
from conftest import CONTOH, ROOT


PERIODE = "2025-TW1"
KODE_LAMA, KODE_BARU = "KEC-TAPALANG", "KEC-TPL"
VARIAN = ("contoh", "realisasi", "kode")


# ---------------------------------------------------------------------------------------------
# Data: the example and two variants


def _ubah_csv(path: Path, ubah) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        baca = csv.DictReader(f)
        kolom, baris = baca.fieldnames, list(baca)
    baris = [ubah(dict(b)) for b in baris]
    with open(path, "w", encoding="utf-8", newline="") as f:
        tulis = csv.DictWriter(f, fieldnames=kolom, lineterminator="\n")
        tulis.writeheader()
        tulis.writerows(baris)


def buat_data(tujuan: Path, varian: str) -> Path:
    """A copy of the example (`contoh`), with one realisasi value changed (`realisasi`), or with
    the instansi KEC-TAPALANG renamed KEC-TPL everywhere (`kode`)."""
    shutil.copytree(CONTOH, tujuan)
    if varian == "realisasi":
        sudah = []

        def ubah(b):
            if not sudah and b["realisasi"] not in ("", None):
                b["realisasi"] = str(float(b["realisasi"].replace(",", ".")) + 1)
                sudah.append(b)
            return b

        _ubah_csv(tujuan / "realisasi.csv", ubah)
        assert sudah
    elif varian == "kode":
        for berkas in tujuan.glob("*.csv"):
            with open(berkas, encoding="utf-8") as f:
                kolom = next(csv.reader(f))
            if "kode_instansi" in kolom:
                _ubah_csv(berkas, lambda b: {**b, "kode_instansi": KODE_BARU if b["kode_instansi"] == KODE_LAMA else b["kode_instansi"]})
    return tujuan


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> dict[str, Path]:
    akar = tmp_path_factory.mktemp("varian")
    return {v: buat_data(akar / v, v) for v in VARIAN}


@pytest.fixture(scope="module")
def dataset(data):
    from capaian.validasi import load_dataset

    return {v: load_dataset(p) for v, p in data.items()}


# ---------------------------------------------------------------------------------------------
# Class 6a: one run at a time on a period folder


_PEMEGANG = """
import sys, time
from capaian.terbit import kunci_periode
with kunci_periode(sys.argv[1]):
    print("siap", flush=True)
    time.sleep(600)
"""


def _pegang_kunci(folder: Path) -> subprocess.Popen:
    """Another process holding the period folder's lock (as a running `capaian laporan` does)."""
    proses = subprocess.Popen([sys.executable, "-c", _PEMEGANG, str(folder)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proses.stdout.readline().strip() == "siap"
    return proses


def _matikan(proses: subprocess.Popen) -> None:
    proses.kill()
    proses.wait()


def test_kunci_periode_satu_proses_pada_satu_waktu(tmp_path):
    folder = tmp_path / "outputs" / PERIODE
    with terbit.kunci_periode(folder) as kunci:
        assert kunci == folder / ".kunci"
        assert re.fullmatch(rf"pid {os.getpid()} di \S+ sejak \S+\n", kunci.read_text(encoding="utf-8"))
        assert stat.S_IMODE(kunci.stat().st_mode) == 0o600
        # Even in the same process, a second holder is refused.
        with pytest.raises(PeriodeSedangDiproses) as e:
            with terbit.kunci_periode(folder):
                pass
        assert e.value.status == 1 and e.value.pemegang.startswith(f"pid {os.getpid()} di ")
        assert str(folder) in str(e.value) and "tunggu sampai proses itu selesai" in str(e.value)
    assert not (folder / ".kunci").exists()  # a clean end leaves nothing
    with terbit.kunci_periode(folder):  # and it can be taken again
        pass


@pytest.mark.lambat
@pytest.mark.parametrize("perintah", ["nilai", "laporan", "kualitas", "metodologi"])
def test_perintah_kedua_pada_folder_yang_sama_keluar_1(perintah, data, tmp_path, jalankan_cli):
    keluaran = tmp_path / "outputs"
    proses = _pegang_kunci(keluaran / PERIODE)
    try:
        r = jalankan_cli(perintah, data["contoh"], "--periode", PERIODE, "--keluaran", keluaran)
    finally:
        _matikan(proses)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith(f"capaian: folder keluaran '{keluaran / PERIODE}' sedang dipakai proses capaian lain (pid {proses.pid} di ")
    assert "Traceback" not in r.stderr and "galat internal" not in r.stderr
    # Nothing was written by the refused run.
    assert sorted(p.name for p in (keluaran / PERIODE).iterdir()) == [".kunci"]


@pytest.mark.lambat
@pytest.mark.parametrize("varian", VARIAN)
def test_kunci_tertinggal_dari_proses_yang_dibunuh_diambil_lagi(varian, data, tmp_path, jalankan_cli):
    keluaran = tmp_path / "outputs"
    proses = _pegang_kunci(keluaran / PERIODE)
    proses.send_signal(signal.SIGKILL)
    proses.wait()
    assert (keluaran / PERIODE / ".kunci").read_text(encoding="utf-8").startswith(f"pid {proses.pid} ")  # left behind
    r = jalankan_cli("nilai", data[varian], "--periode", PERIODE, "--keluaran", keluaran)
    assert r.returncode == 0, r.stderr
    assert (keluaran / PERIODE / "nilai_pegawai.csv").is_file()
    assert not (keluaran / PERIODE / ".kunci").exists()


# ---------------------------------------------------------------------------------------------
# Class 6b: the manifest and index keep every report, stale ones marked


@pytest.fixture(scope="module")
def metodologi():
    from capaian.pengaturan import load_metodologi

    return load_metodologi(None)


def _laporan_palsu(folder: Path, ds, m, kode_dipilih, notebook: Path | None = None) -> dict:
    """What `render_laporan` records for `kode_dipilih` (every report `berhasil`, its files
    written as a stand-in for the notebook run); the manifest read back."""
    from capaian.laporan import NOTEBOOK
    from capaian.pengaturan import BERKAS_BAWAAN

    nb = notebook or NOTEBOOK
    nama = dict(zip(ds.instansi["kode_instansi"].astype(str), ds.instansi["nama_instansi"].astype(str)))
    masukan = terbit.masukan_laporan(ds, m, nb)
    entri = []
    for kode in kode_dipilih:
        (folder / kode).mkdir(parents=True, exist_ok=True)
        (folder / kode / "laporan.html").write_text(f"<p>{kode}</p>", encoding="utf-8")
        entri.append(terbit.entri_laporan(kode, nama[kode], "berhasil", None, 1.0, masukan, terbit.sekarang()))
    with terbit.kunci_periode(folder):
        manifest, _ = terbit.catat_laporan(folder, PERIODE, "data", ds, m, BERKAS_BAWAAN, nb, list(kode_dipilih), 1, entri,
                                           terbit.sekarang())
    return json.loads(manifest.read_text(encoding="utf-8"))


def _status(isi: dict) -> dict[str, str]:
    return {e["kode_instansi"]: e["status"] for e in isi["laporan"]}


def _baris_index(folder: Path, kode: str) -> str:
    index = (folder / "index.html").read_text(encoding="utf-8")
    return next(b for b in re.findall(r"<tr[^>]*><td>.*?</tr>", index, re.S) if b.split("</td>")[0].endswith(f'<span class="kecil">{kode}</span>'))


@pytest.mark.parametrize("varian", ["contoh", "realisasi", "kode"])
def test_jalan_ulang_sebagian_menjaga_entri_lain_dan_menandai_yang_usang(varian, dataset, metodologi, tmp_path):
    folder = tmp_path / PERIODE
    ds0 = dataset["contoh"]
    semua = [str(k) for k in ds0.instansi["kode_instansi"]]
    _laporan_palsu(folder, ds0, metodologi, semua)
    # A second run renders one instansi only, with the variant's data.
    isi = _laporan_palsu(folder, dataset[varian], metodologi, ["DINKES"])
    status = _status(isi)
    assert set(status) >= set(semua) and status["DINKES"] == "berhasil"
    lain = [k for k in semua if k != "DINKES"]
    if varian == "contoh":  # same inputs: every other report is still current
        assert all(status[k] == "berhasil" for k in lain)
        assert isi["ringkasan"] == {"berhasil": len(semua), "gagal": 0, "usang": 0}
        assert 'class="status-usang"' not in (folder / "index.html").read_text(encoding="utf-8")
        return
    assert all(status[k] == "usang" for k in lain), status
    entri = {e["kode_instansi"]: e for e in isi["laporan"]}
    if varian == "realisasi":
        assert entri["SETDA"]["usang"] == "dibuat dari data yang berbeda dari yang sekarang"
        assert entri[KODE_LAMA]["usang"] == "dibuat dari data yang berbeda dari yang sekarang"
    else:
        assert entri[KODE_LAMA]["usang"] == f"instansi {KODE_LAMA} tidak ada lagi di data"
        assert [e["kode_instansi"] for e in isi["laporan"]][-1] == KODE_LAMA  # after the data's instansi
        assert KODE_BARU not in entri
        assert _baris_index(folder, KODE_BARU).endswith('<td><span class="tidak-dinilai">belum dibuat</span></td></tr>')
    assert entri["SETDA"]["status_semula"] == "berhasil" and entri["SETDA"]["masukan"]["kode_instansi"] == "SETDA"
    assert isi["ringkasan"] == {"berhasil": 1, "gagal": 0, "usang": len(lain)}
    # index.html: the stale row says so and why, links the old file as such, never as current.
    baris = _baris_index(folder, "SETDA")
    assert baris.startswith('<tr class="usang"><td>Sekretariat Daerah Kabupaten Mamuju <span class="kecil">SETDA</span></td>') and '<span class="status-usang">usang</span>' in baris
    assert '<a href="SETDA/laporan.html">laporan lama</a>' in baris and "status-berhasil" not in baris
    assert "dibuat dari data yang berbeda" in html_lib.unescape(baris) or "tidak ada lagi di data" in html_lib.unescape(baris)
    assert 'status-berhasil">berhasil</span>: <a href="DINKES/laporan.html">laporan</a>' in _baris_index(folder, "DINKES")
    # Back to the example's data: the reports made from it are current again, DINKES is stale.
    isi = _laporan_palsu(folder, ds0, metodologi, ["SETDA"])
    status = _status(isi)
    assert status["DINKES"] == "usang" and all(status[k] == "berhasil" for k in lain)
    assert [e["kode_instansi"] for e in isi["laporan"] if "usang" in e or "status_semula" in e] == ["DINKES"]


def test_metodologi_atau_notebook_lain_membuat_laporan_usang(dataset, metodologi, tmp_path):
    folder = tmp_path / PERIODE
    ds = dataset["contoh"]
    _laporan_palsu(folder, ds, metodologi, ["SETDA", "DINKES"])
    lain = metodologi.model_copy(update={"versi": "uji-lain"})
    isi = _laporan_palsu(folder, ds, lain, ["DINKES"])
    assert {e["kode_instansi"]: e.get("usang") for e in isi["laporan"]}["SETDA"] == "dibuat dari metodologi yang berbeda dari yang sekarang"
    nb = tmp_path / "laporan_lain.ipynb"
    nb.write_text("{}", encoding="utf-8")
    isi = _laporan_palsu(folder, ds, lain, ["SETDA"], notebook=nb)
    assert {e["kode_instansi"]: e.get("usang") for e in isi["laporan"]}["DINKES"] == "dibuat dari notebook laporan yang berbeda dari yang sekarang"


def test_manifest_lama_tanpa_masukan_dianggap_usang(dataset, metodologi, tmp_path):
    folder = tmp_path / PERIODE
    folder.mkdir()
    lama = {"periode": PERIODE, "laporan": [terbit.entri_laporan("SETDA", "Sekretariat Daerah", "berhasil", None, 1.0)]}
    (folder / "manifest.json").write_text(json.dumps(lama), encoding="utf-8")
    isi = _laporan_palsu(folder, dataset["contoh"], metodologi, ["DINKES"])
    setda = next(e for e in isi["laporan"] if e["kode_instansi"] == "SETDA")
    assert setda["status"] == "usang" and "tidak tercatat" in setda["usang"]


@pytest.mark.parametrize("varian", VARIAN)
def test_nilai_dengan_data_lain_menandai_laporan_usang(varian, data, dataset, metodologi, tmp_path, jalankan_cli):
    keluaran = tmp_path / "outputs"
    folder = keluaran / PERIODE
    _laporan_palsu(folder, dataset["contoh"], metodologi, ["SETDA", KODE_LAMA])
    r = jalankan_cli("nilai", data[varian], "--periode", PERIODE, "--keluaran", keluaran)
    assert r.returncode == 0, r.stderr
    isi = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if varian == "contoh":
        assert _status(isi) == {"SETDA": "berhasil", KODE_LAMA: "berhasil"}
    else:
        assert _status(isi) == {"SETDA": "usang", KODE_LAMA: "usang"}
        assert '<span class="status-usang">usang</span>' in _baris_index(folder, "SETDA")
    if varian == "kode":
        assert next(e for e in isi["laporan"] if e["kode_instansi"] == KODE_LAMA)["usang"] == f"instansi {KODE_LAMA} tidak ada lagi di data"


@pytest.mark.parametrize("varian", VARIAN)
def test_laporan_lain_dari_data_lain_usang(varian, dataset, metodologi, tmp_path):
    folder = tmp_path / PERIODE
    folder.mkdir()
    (folder / "kualitas_indikator.html").write_text("<html></html>", encoding="utf-8")
    terbit.catat_laporan_lain(folder, "kualitas_indikator.html", "Kualitas indikator", "berhasil", dataset=dataset["contoh"], metodologi=metodologi)
    (folder / "metodologi.html").write_text("<html></html>", encoding="utf-8")
    terbit.catat_laporan_lain(folder, "metodologi.html", "Tinjauan metodologi", "berhasil", dataset=dataset[varian], metodologi=metodologi)
    isi = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert isi["laporan_lain"]["metodologi.html"]["status"] == "berhasil"
    index = (folder / "index.html").read_text(encoding="utf-8")
    if varian == "contoh":
        assert isi["laporan_lain"]["kualitas_indikator.html"]["status"] == "berhasil"
        assert 'class="status-usang"' not in index
    else:
        assert isi["laporan_lain"]["kualitas_indikator.html"]["status"] == "usang"
        assert ('<li><a href="kualitas_indikator.html">Kualitas indikator</a> <span class="status-usang">usang</span>: '
                "dibuat dari data yang berbeda dari yang sekarang</li>") in index


# ---------------------------------------------------------------------------------------------
# Class 7: the run's temporary data, in the period folder's private work area


def test_area_kerja_pribadi_dan_dibersihkan(tmp_path):
    folder = tmp_path / PERIODE
    sisa = folder / ".kerja" / "20250101T000000-1-abcdef"
    sisa.mkdir(parents=True)
    (sisa / "SETDA.pkl").write_bytes(b"data pegawai")
    with terbit.kunci_periode(folder), terbit.area_kerja(folder) as kerja:
        assert not sisa.exists()  # a dead run's leftovers are removed first
        assert kerja.parent == folder / ".kerja"
        assert stat.S_IMODE(kerja.stat().st_mode) == 0o700 and stat.S_IMODE(kerja.parent.stat().st_mode) == 0o700

        @dataclass
        class B(terbit.BundelPickle):
            periode: str

        path = B("2025-TW1").write(kerja / "b.pkl")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (folder / ".kerja").exists()


def _program(*args) -> list[str]:
    exe = Path(sys.executable).with_name("capaian")
    return [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "capaian.cli"]), *map(str, args)]


def _env_tmp(tmp: Path) -> dict:
    """The environment of a run whose system temporary folder is `tmp` (empty, watched)."""
    tmp.mkdir()
    return {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}


@pytest.mark.lambat
@pytest.mark.parametrize("varian,perintah", [("contoh", "laporan"), ("realisasi", "kualitas"), ("kode", "laporan")])
def test_tidak_ada_yang_tertinggal_di_folder_sementara_sistem(varian, perintah, data, tmp_path):
    tmp = tmp_path / "tmp-sistem"
    env = _env_tmp(tmp)
    keluaran = tmp_path / "outputs"
    instansi = ["--instansi", "DINKES", "--instansi", KODE_BARU if varian == "kode" else KODE_LAMA]
    proc = subprocess.run(_program(perintah, data[varian], "--periode", PERIODE, "--keluaran", keluaran, *instansi),
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert sorted(tmp.rglob("*")) == []  # nothing of the run in the system's temporary folder
    folder = keluaran / PERIODE
    assert not (folder / ".kerja").exists() and not (folder / ".kunci").exists()
    assert not list(folder.rglob("*.pkl")) and not list(folder.rglob("*.tmp"))


@pytest.mark.lambat
def test_kill_9_di_tengah_batch_lalu_proses_berikutnya_membersihkan(data, tmp_path, jalankan_cli):
    tmp = tmp_path / "tmp-sistem"
    env = _env_tmp(tmp)
    keluaran = tmp_path / "outputs"
    folder = keluaran / PERIODE
    # Every instansi of the example (nine), one at a time: the batch is long enough to be killed in.
    proses = subprocess.Popen(_program("laporan", data["contoh"], "--periode", PERIODE, "--keluaran", keluaran, "--workers", "1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env, start_new_session=True)
    try:
        batas = time.monotonic() + 600
        while not (folder / "SETDA" / "laporan.html").exists():  # mid-batch: one report done, others to go
            assert proses.poll() is None, "proses selesai sebelum dibunuh"
            assert time.monotonic() < batas, "laporan pertama tidak kunjung jadi"
            time.sleep(0.1)
        # While it runs, a second run on the folder is refused, naming the first.
        with pytest.raises(PeriodeSedangDiproses, match=rf"\(pid {proses.pid} di "):
            with terbit.kunci_periode(folder):
                pass
        assert proses.poll() is None, "proses selesai sebelum dibunuh"
        os.kill(proses.pid, signal.SIGKILL)
        proses.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proses.pid, signal.SIGKILL)  # its workers and kernels too (our own process group)
        proses.wait()
    # What the killed run stranded is in the period folder's private work area, not in /tmp.
    sisa = list((folder / ".kerja").iterdir())
    assert len(sisa) == 1 and stat.S_IMODE(sisa[0].stat().st_mode) == 0o700
    bundel = sorted(p.name for p in sisa[0].glob("*.pkl"))
    assert len(bundel) == 9 and "SETDA.pkl" in bundel and f"{KODE_LAMA}.pkl" in bundel
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in sisa[0].glob("*.pkl"))
    assert [p for p in tmp.rglob("*")] == []
    assert (folder / ".kunci").exists()  # stale, and no obstacle
    # The next run on the folder takes the stale lock and removes the leftovers.
    r = jalankan_cli("laporan", data["contoh"], "--periode", PERIODE, "--keluaran", keluaran, "--instansi", "DINKES", "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert not (folder / ".kerja").exists() and not (folder / ".kunci").exists()
    assert not list(folder.rglob("*.pkl"))
