"""Issued periods (`capaian terbitkan`), revisions beside them, `capaian banding` and
`--periode terakhir...` (docs/kontrak-data.md bagian 5)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import data_kecil
from conftest import CONTOH


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _dilaporkan(data: Path, keluaran: Path, periode: str, status: str = "berhasil", berkas_metodologi=None) -> Path:
    """The period folder as a successful `capaian laporan` leaves it, without starting kernels:
    the scores and a manifest whose every instansi report has `status`."""
    from capaian.kode import parse_periode
    from capaian.laporan import NOTEBOOK
    from capaian.nilai import score_period, write_scores
    from capaian.pengaturan import BERKAS_BAWAAN, load_metodologi
    from capaian.terbit import entri_laporan, masukan_laporan, sekarang, write_manifest
    from capaian.validasi import load_dataset

    ds = load_dataset(data)
    m = load_metodologi(berkas_metodologi)
    folder = keluaran / periode
    write_scores(score_period(ds, parse_periode(periode), m), folder)
    masukan = masukan_laporan(ds, m, NOTEBOOK)
    kode = [str(k) for k in ds.instansi["kode_instansi"]]
    entri = [entri_laporan(k, k, status, None if status == "berhasil" else "sel 3 gagal", 0.0, masukan, sekarang()) for k in kode]
    write_manifest(folder, periode, data, ds, m, berkas_metodologi or BERKAS_BAWAAN, NOTEBOOK, kode, 1, entri, sekarang())
    return folder


def test_terbitkan_dari_folder_kerja_lain_menemukan_metodologi_laporan(tmp_path, monkeypatch, jalankan_cli):
    """`laporan` run in the project folder reads `params/metodologi.yaml` by a relative path;
    `terbitkan` from a cron job's folder must find that same file, not refuse."""
    from capaian.pengaturan import BERKAS_BAWAAN

    proyek = tmp_path / "proyek"
    (proyek / "params").mkdir(parents=True)
    # this project's own file (a comment more: another SHA-256 than any other copy around)
    (proyek / "params" / "metodologi.yaml").write_bytes(Path(BERKAS_BAWAAN).read_bytes() + b"\n# Kabupaten uji\n")
    data = data_kecil.write_csv(proyek / "data", data_kecil.tabel())
    monkeypatch.chdir(proyek)
    _dilaporkan(Path("data"), Path("out"), "2025-TW1", berkas_metodologi=Path("params/metodologi.yaml"))
    lain = tmp_path / "cron"
    lain.mkdir()
    r = jalankan_cli("terbitkan", data, "--periode", "2025-TW1", "--keluaran", proyek / "out", "--oleh", "Kepala BKPSDM", cwd=lain)
    assert r.returncode == 0, r.stderr
    terbit = proyek / "out" / "2025-TW1" / "terbit"
    assert (terbit / "metodologi.yaml").read_bytes() == (proyek / "params" / "metodologi.yaml").read_bytes()


@pytest.fixture
def kecil(tmp_path) -> Path:
    return data_kecil.write_csv(tmp_path / "data", data_kecil.tabel())


def _terbitkan_kecil(tmp: Path) -> tuple[Path, Path]:
    """The small data set in `tmp/data`, its 2025-TW1 reported and issued in `tmp/out`: (data
    folder, period folder)."""
    from conftest import run_cli

    data = data_kecil.write_csv(tmp / "data", data_kecil.tabel())
    folder = _dilaporkan(data, tmp / "out", "2025-TW1")
    r = run_cli("terbitkan", data, "--periode", "2025-TW1", "--keluaran", tmp / "out", "--oleh", "Kepala BKPSDM")
    assert r.returncode == 0, r.stderr
    return data, folder


@pytest.fixture
def terbit_kecil(tmp_path) -> Path:
    """The small data set's 2025-TW1, reported and issued, for a test that changes it; its
    period folder (the data folder is `tmp_path / "data"`)."""
    return _terbitkan_kecil(tmp_path)[1]


@pytest.fixture(scope="module")
def terbitan_bersama(tmp_path_factory) -> tuple[Path, Path]:
    """(data folder, period folder) of the small data set's 2025-TW1, reported and issued once
    per module for the tests that only read it or must leave it as it is (they check that)."""
    return _terbitkan_kecil(tmp_path_factory.mktemp("terbitan"))


def _ubah_sel(path: Path, cocok, kolom: str, nilai: str) -> int:
    """Set `kolom` of the first row of the CSV `path` that `cocok(row)`; its row as Excel shows it."""
    with open(path, newline="", encoding="utf-8") as f:
        baris = list(csv.DictReader(f))
    for i, r in enumerate(baris):
        if cocok(r):
            r[kolom] = nilai
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=list(baris[0]), lineterminator="\n")
                w.writeheader()
                w.writerows(baris)
            return i + 2
    raise AssertionError(f"tidak ada baris yang cocok di {path}")


# ---------------------------------------------------------------------------------------------
# --periode terakhir...


@pytest.mark.parametrize(
    ("jenis", "tanggal", "tenggat", "harapan"),
    [
        ("terakhir-tw", "2026-01-12", 10, "2025-TW4"),
        ("terakhir-tw", "2026-01-05", 10, "2025-TW3"),
        ("terakhir-tw", "2026-01-10", 10, "2025-TW4"),
        ("terakhir-tw", "2026-01-12", 15, "2025-TW3"),
        ("terakhir", "2026-01-12", 10, "2025-12"),
        ("terakhir-bulan", "2025-03-09", 10, "2025-01"),
        ("terakhir-semester", "2025-07-10", 10, "2025-S1"),
        ("terakhir-semester", "2025-07-09", 10, "2024-S2"),
        ("terakhir-tahun", "2026-01-10", 10, "2025"),
        ("terakhir-tahun", "2026-01-09", 10, "2024"),
    ],
)
def test_periode_terakhir(jenis, tanggal, tenggat, harapan):
    from capaian.kode import periode_terakhir

    assert periode_terakhir(jenis, dt.date.fromisoformat(tanggal), tenggat).kode == harapan


def test_periode_terakhir_di_baris_perintah(tmp_path, kecil, jalankan_cli):
    r = jalankan_cli("nilai", kecil, "--periode", "terakhir-tw", "--tanggal", "2025-04-12", "--keluaran", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "2025-TW1" / "nilai_pegawai.csv").is_file()
    r = jalankan_cli("nilai", kecil, "--periode", "terakhir-tw", "--tanggal", "2025-13-01", "--keluaran", tmp_path / "out")
    assert r.returncode == 2 and "bukan tanggal" in r.stderr


# ---------------------------------------------------------------------------------------------
# terbitkan


def test_terbitkan_menyimpan_snapshot_dengan_sidik(terbitan_bersama):
    _, terbit_kecil = terbitan_bersama
    terbit = terbit_kecil / "terbit"
    isi = json.loads((terbit / "terbit.json").read_text(encoding="utf-8"))
    assert isi["oleh"] == "Kepala BKPSDM"
    assert isi["waktu"].endswith("+08:00")  # WITA
    assert {"tabel/pegawai.parquet", "metodologi.yaml", "manifest.json", "nilai_pegawai.csv"} <= set(isi["berkas"])
    for nama, sha in isi["berkas"].items():
        assert _sha(terbit / nama) == sha
    from capaian import __version__

    assert isi["versi_capaian"] == __version__
    assert json.loads((terbit / "manifest.json").read_text(encoding="utf-8"))["versi_capaian"] == __version__
    assert "Terbitan: oleh Kepala BKPSDM" in (terbit_kecil / "index.html").read_text(encoding="utf-8")


def test_snapshot_menilai_ulang_sama_persis(tmp_path, terbitan_bersama, jalankan_cli):
    _, terbit_kecil = terbitan_bersama
    r = jalankan_cli("nilai", terbit_kecil / "terbit", "--periode", "2025-TW1", "--keluaran", tmp_path / "ulang")
    assert r.returncode == 0, r.stderr
    for nama in ("nilai_pegawai.csv", "nilai_indikator.csv"):
        assert _sha(tmp_path / "ulang" / "2025-TW1" / nama) == _sha(terbit_kecil / nama)


def test_snapshot_yang_diubah_dilaporkan_tidak_dipakai(tmp_path, terbit_kecil, jalankan_cli):
    berkas = terbit_kecil / "terbit" / "tabel" / "realisasi.parquet"
    df = pd.read_parquet(berkas)
    df.loc[df.index[0], "realisasi"] = 999.0
    df.to_parquet(berkas)
    r = jalankan_cli("nilai", terbit_kecil / "terbit", "--periode", "2025-TW1", "--keluaran", tmp_path / "ulang")
    assert r.returncode == 1
    assert "tabel/realisasi.parquet" in r.stderr and "SHA-256" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "ulang" / "2025-TW1" / "nilai_pegawai.csv").exists()
    r = jalankan_cli("nilai", terbit_kecil.parent.parent / "data", "--periode", "2025-TW1", "--keluaran", terbit_kecil.parent, "--revisi", "uji")
    assert r.returncode == 1 and "tidak utuh" in r.stderr
    assert not list(terbit_kecil.glob("revisi-*"))


def test_terbitkan_menolak_periode_tanpa_laporan(tmp_path, kecil, jalankan_cli):
    r = jalankan_cli("terbitkan", kecil, "--periode", "2025-TW1", "--keluaran", tmp_path / "out", "--oleh", "A")
    assert r.returncode == 1 and "capaian laporan" in r.stderr
    jalankan_cli("nilai", kecil, "--periode", "2025-TW1", "--keluaran", tmp_path / "out")
    r = jalankan_cli("terbitkan", kecil, "--periode", "2025-TW1", "--keluaran", tmp_path / "out", "--oleh", "A")
    assert r.returncode == 1 and "manifest.json" in r.stderr
    assert not (tmp_path / "out" / "2025-TW1" / "terbit").exists()


def test_terbitkan_menolak_laporan_gagal_dengan_alasannya(tmp_path, kecil, jalankan_cli):
    _dilaporkan(kecil, tmp_path / "out", "2025-TW1", status="gagal")
    r = jalankan_cli("terbitkan", kecil, "--periode", "2025-TW1", "--keluaran", tmp_path / "out", "--oleh", "A")
    assert r.returncode == 1
    assert "DINKES (gagal: sel 3 gagal)" in r.stderr
    assert not (tmp_path / "out" / "2025-TW1" / "terbit").exists()


def test_terbitkan_menolak_data_lain_dari_laporan(tmp_path, kecil, jalankan_cli):
    _dilaporkan(kecil, tmp_path / "out", "2025-TW1")
    _ubah_sel(kecil / "realisasi.csv", lambda r: r["id_indikator"] == "IKI-1", "realisasi", "9")
    r = jalankan_cli("terbitkan", kecil, "--periode", "2025-TW1", "--keluaran", tmp_path / "out", "--oleh", "A")
    assert r.returncode == 1 and "realisasi" in r.stderr


def test_terbitkan_yang_terputus_tidak_setengah_terbit(tmp_path, kecil, monkeypatch):
    from capaian import terbitan

    folder = _dilaporkan(kecil, tmp_path / "out", "2025-TW1")

    def putus(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(terbitan.os, "rename", putus)
    with pytest.raises(KeyboardInterrupt):
        terbitan.terbitkan(kecil, "2025-TW1", tmp_path / "out", "A")
    assert terbitan.baca_terbitan(folder) is None
    assert not list(folder.glob(".terbit-*")) and not (folder / "terbit").exists()


# ---------------------------------------------------------------------------------------------
# Revisions


@pytest.mark.parametrize("perintah", ["nilai", "kualitas", "metodologi", "laporan"])
def test_periode_terbit_menolak_tanpa_revisi(terbitan_bersama, jalankan_cli, perintah):
    kecil, terbit_kecil = terbitan_bersama
    sebelum = {p: _sha(p) for p in terbit_kecil.rglob("*") if p.is_file()}
    r = jalankan_cli(perintah, kecil, "--periode", "2025-TW1", "--keluaran", terbit_kecil.parent)
    assert r.returncode == 1
    assert "sudah diterbitkan oleh Kepala BKPSDM" in r.stderr and "--revisi" in r.stderr
    assert {p: _sha(p) for p in terbit_kecil.rglob("*") if p.is_file()} == sebelum


def test_revisi_hanya_untuk_periode_terbit(tmp_path, kecil, jalankan_cli):
    r = jalankan_cli("nilai", kecil, "--periode", "2025-TW1", "--keluaran", tmp_path / "out", "--revisi", "coba")
    assert r.returncode == 2 and "belum diterbitkan" in r.stderr


def test_revisi_perlu_alasan_dan_tidak_bersama_samarkan(terbitan_bersama, jalankan_cli):
    kecil, terbit_kecil = terbitan_bersama
    r = jalankan_cli("nilai", kecil, "--periode", "2025-TW1", "--keluaran", terbit_kecil.parent, "--revisi", "  ")
    assert r.returncode == 2 and "alasan" in r.stderr
    r = jalankan_cli("metodologi", kecil, "--periode", "2025-TW1", "--keluaran", terbit_kecil.parent, "--revisi", "x", "--samarkan")
    assert r.returncode == 2 and "--samarkan" in r.stderr
    assert not list(terbit_kecil.glob("revisi-*"))


def test_revisi_ditulis_di_samping_terbitan(terbit_kecil, jalankan_cli):
    kecil = terbit_kecil.parent.parent / "data"
    sebelum = {p: _sha(p) for p in terbit_kecil.rglob("*") if p.is_file() and p.name != "index.html"}
    baris = _ubah_sel(kecil / "realisasi.csv", lambda r: r["id_indikator"] == "IKI-1" and r["bulan"] == "2025-02", "realisasi", "2")
    r = jalankan_cli("nilai", kecil, "--periode", "2025-TW1", "--keluaran", terbit_kecil.parent, "--revisi", "Koreksi realisasi Februari")
    assert r.returncode == 0, r.stderr
    rev = terbit_kecil / "revisi-1"
    assert {"nilai_pegawai.csv", "perubahan.html", "perubahan.xlsx", "revisi.json"} <= {p.name for p in rev.iterdir()}
    assert {p: _sha(p) for p in sebelum} == sebelum  # the issued outputs are untouched
    html = (rev / "perubahan.html").read_text(encoding="utf-8")
    assert "Koreksi realisasi Februari" in html
    assert f"<td>diubah</td><td>{baris}</td>" in html and "IKI-1" in html
    assert data_kecil.NIP_KEPALA in html  # the pegawai whose capaian moved
    xlsx = pd.read_excel(rev / "perubahan.xlsx", sheet_name=None)
    assert list(xlsx["data"]["baris"]) == [baris]
    r = jalankan_cli("nilai", kecil, "--periode", "2025-TW1", "--keluaran", terbit_kecil.parent, "--revisi", "Kedua")
    assert r.returncode == 0, r.stderr
    index = (terbit_kecil / "index.html").read_text(encoding="utf-8")
    assert '<a href="revisi-1/perubahan.html">Revisi ke-1</a>' in index and "Revisi ke-2" in index
    assert index.index("berlaku") > index.index("Revisi ke-2")


# ---------------------------------------------------------------------------------------------
# banding


def test_banding_tabel_menurut_kunci():
    from capaian.terbitan import banding_tabel

    lama = pd.DataFrame({"id_indikator": ["A", "A", "B"], "bulan": ["2025-01", "2025-02", "2025-01"], "realisasi": [1.0, 2.0, 3.0]},
                        index=pd.Index([2, 3, 4], name="baris"))
    baru = pd.DataFrame({"id_indikator": ["A", "B", "C"], "bulan": ["2025-01", "2025-01", "2025-01"], "realisasi": [1.0, 4.0, float("nan")]},
                        index=pd.Index([2, 3, 4], name="baris"))
    b = banding_tabel("realisasi", lama, baru)
    assert b["tambah"][["baris", "id_indikator"]].values.tolist() == [[4, "C"]]
    assert b["hapus"][["baris", "id_indikator", "bulan"]].values.tolist() == [[3, "A", "2025-02"]]
    assert b["ubah"][["baris", "kolom", "dari", "ke"]].values.tolist() == [[3, "realisasi", "3", "4"]]


def test_banding_di_baris_perintah(tmp_path, kecil, jalankan_cli):
    lama = tmp_path / "lama"
    shutil.copytree(kecil, lama)
    baris = _ubah_sel(kecil / "umpan_balik.csv", lambda r: True, "catatan", "Perlu bukti dukung")
    r = jalankan_cli("banding", lama, kecil, "--keluaran", tmp_path / "beda.xlsx")
    assert r.returncode == 0, r.stderr
    assert f"baris {baris}" in r.stdout and "catatan" in r.stdout and "Perlu bukti dukung" in r.stdout
    assert (tmp_path / "beda.xlsx").is_file()
    r = jalankan_cli("banding", lama, kecil, "--keluaran", tmp_path / "beda.txt")
    assert r.returncode == 2


# ---------------------------------------------------------------------------------------------
# The bundled sample: issue 2025-TW4, change three rows, revise (issue 12, "Done when")


@pytest.mark.lambat
def test_contoh_revisi_menyebut_tepat_baris_yang_diubah(tmp_path, jalankan_cli):
    data = tmp_path / "data"
    shutil.copytree(CONTOH, data)
    folder = _dilaporkan(data, tmp_path / "out", "2025-TW4")
    r = jalankan_cli("terbitkan", data, "--periode", "2025-TW4", "--keluaran", tmp_path / "out", "--oleh", "Kepala BKPSDM")
    assert r.returncode == 0, r.stderr
    r = jalankan_cli("nilai", folder / "terbit", "--periode", "2025-TW4", "--keluaran", tmp_path / "ulang")
    assert r.returncode == 0, r.stderr
    for nama in ("nilai_pegawai.csv", "nilai_indikator.csv"):
        assert _sha(tmp_path / "ulang" / "2025-TW4" / nama) == _sha(folder / nama)

    b_real = _ubah_sel(data / "realisasi.csv", lambda r: r["id_indikator"] == "BAPPERIDA-0001" and r["bulan"] == "2025-11", "realisasi", "10")
    b_bobot = _ubah_sel(data / "indikator.csv", lambda r: r["id_indikator"].startswith("DINKES") and r["bobot"] != "", "bobot", "1")
    b_ub = _ubah_sel(data / "umpan_balik.csv", lambda r: r["periode"] == "2025-TW4", "rating_hasil_kerja", "Di Bawah Ekspektasi")
    r = jalankan_cli("nilai", data, "--periode", "2025-TW4", "--keluaran", tmp_path / "out", "--revisi", "Koreksi tiga baris")
    assert r.returncode == 0, r.stderr
    xlsx = pd.read_excel(folder / "revisi-1" / "perubahan.xlsx", sheet_name=None, dtype=str)
    data_diubah = xlsx["data"]
    assert sorted(zip(data_diubah["tabel"], data_diubah["baris"].astype(int))) == sorted(
        [("realisasi", b_real), ("indikator", b_bobot), ("umpan_balik", b_ub)])
    lama = pd.read_csv(folder / "nilai_pegawai.csv", dtype=str).set_index("nip")
    baru = pd.read_csv(folder / "revisi-1" / "nilai_pegawai.csv", dtype=str).set_index("nip")
    kolom = ["capaian_hasil_kerja", "rating_hasil_kerja", "nilai_perilaku", "rating_perilaku", "predikat"]
    bergerak = sorted(n for n in lama.index if not lama.loc[n, kolom].fillna("").equals(baru.loc[n, kolom].fillna("")))
    assert bergerak and sorted(xlsx["pegawai"]["nip"]) == bergerak
    html = (folder / "revisi-1" / "perubahan.html").read_text(encoding="utf-8")
    for nip in bergerak:
        assert nip in html
    assert "Metodologi sama dengan terbitan" in html


@pytest.mark.lambat
def test_laporan_dari_snapshot_sama_dengan_terbitan(tmp_path, jalankan_cli):
    """The whole path with kernels: laporan, terbitkan, laporan again from the snapshot alone."""
    data = tmp_path / "data"
    shutil.copytree(CONTOH, data)
    pilihan = ["--periode", "2025-TW4", "--instansi", "BAPPERIDA", "--tanpa-halaman", "--workers", "1"]
    r = jalankan_cli("laporan", data, *pilihan, "--keluaran", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    # --tanpa-halaman leaves out the rapor pages, not the "perlu perhatian" list of the report
    laporan = (tmp_path / "out" / "2025-TW4" / "BAPPERIDA" / "laporan.html").read_text(encoding="utf-8")
    assert "Pegawai diurutkan menurut skor perhatian" in laporan and "tidak dihitung untuk laporan ini" not in laporan
    assert 'href="pegawai/' not in laporan and not (tmp_path / "out" / "2025-TW4" / "BAPPERIDA" / "pegawai").exists()
    r = jalankan_cli("terbitkan", data, "--periode", "2025-TW4", "--keluaran", tmp_path / "out", "--oleh", "A")
    assert r.returncode == 0, r.stderr
    terbit = tmp_path / "out" / "2025-TW4" / "terbit"
    r = jalankan_cli("laporan", terbit, *pilihan, "--keluaran", tmp_path / "ulang")
    assert r.returncode == 0, r.stderr
    for nama in ("nilai_pegawai.csv", "nilai_indikator.csv"):
        assert _sha(tmp_path / "ulang" / "2025-TW4" / nama) == _sha(terbit / nama)
    # a laporan revision with unchanged data: beside the issued reports, which stay as they were
    laporan_terbit = tmp_path / "out" / "2025-TW4" / "BAPPERIDA" / "laporan.html"
    sebelum = _sha(laporan_terbit)
    r = jalankan_cli("laporan", data, *pilihan, "--keluaran", tmp_path / "out", "--revisi", "Uji ulang")
    assert r.returncode == 0, r.stderr
    rev = tmp_path / "out" / "2025-TW4" / "revisi-1"
    assert "revisi-1/index.html" in r.stdout and ".revisi-" not in r.stdout
    assert (rev / "BAPPERIDA" / "laporan.html").is_file() and _sha(laporan_terbit) == sebelum
    html = (rev / "perubahan.html").read_text(encoding="utf-8")
    assert "Tidak ada baris data yang ditambah" in html and "Tidak ada pegawai yang rating" in html


# ---------------------------------------------------------------------------------------------
# --samarkan


def test_samaran_stabil_dan_tanpa_data_pribadi(dataset_contoh):
    from capaian.samaran import samarkan

    s = samarkan(dataset_contoh)
    peta = dict(zip(dataset_contoh.pegawai["nip"], s.pegawai["nip"]))
    assert len(set(peta.values())) == len(peta)  # one pseudonym per pegawai
    assert not set(peta) & set(peta.values())
    # the same pegawai keeps the same pseudonym in every table
    atasan = dataset_contoh.pegawai["nip_atasan"].map(peta)
    assert s.pegawai["nip_atasan"].fillna("").tolist() == atasan.fillna("").tolist()
    assert s.realisasi["nip"].dropna().isin(set(peta.values())).all()
    assert s.umpan_balik["catatan"].isna().all()
    assert s.instansi.equals(dataset_contoh.instansi)
    assert s.pegawai["unit_kerja"].equals(dataset_contoh.pegawai["unit_kerja"])


@pytest.mark.lambat
def test_salinan_samaran_tanpa_nip_nama_dan_catatan_asli(tmp_path, jalankan_cli):
    """`laporan --samarkan` (instansi report, rapor and team pages) and `metodologi --samarkan`:
    no file of the copy holds a real NIP (either form), name or catatan."""
    import html as modul_html

    from capaian.kode import nip_tertulis

    pilihan = ["--periode", "2025-TW4", "--keluaran", tmp_path / "out", "--samarkan"]
    r = jalankan_cli("laporan", CONTOH, *pilihan, "--instansi", "BAPPERIDA", "--workers", "1")
    assert r.returncode == 0, r.stderr
    r = jalankan_cli("metodologi", CONTOH, *pilihan, "--instansi", "BAPPERIDA")
    assert r.returncode == 0, r.stderr
    samaran = tmp_path / "out" / "2025-TW4" / "samaran"
    assert {"index.html", "metodologi.html", "nilai_pegawai.csv"} <= {p.name for p in samaran.iterdir()}
    assert list((samaran / "BAPPERIDA" / "pegawai").glob("*.html"))
    assert sorted(p.name for p in (tmp_path / "out" / "2025-TW4").iterdir()) == ["samaran"]  # nothing else written

    peg = pd.read_csv(CONTOH / "pegawai.csv", dtype=str)
    ub = pd.read_csv(CONTOH / "umpan_balik.csv", dtype=str)
    rahasia = set(peg["nip"]) | {nip_tertulis(n) for n in peg["nip"]} | set(peg["nama"]) | set(ub["catatan"].dropna())
    berkas = [p for p in samaran.rglob("*") if p.is_file()]
    assert len(berkas) > 10
    for p in berkas:
        teks = p.read_text(encoding="utf-8", errors="ignore")
        teks = teks + modul_html.unescape(teks)
        bocor = [x for x in rahasia if x in teks]
        assert not bocor, f"{p}: {bocor[:3]}"
    assert "Pegawai 0001" in (samaran / "nilai_pegawai.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("kode", ["terbit", "SAMARAN", "revisi-1", "Revisi-12"])
def test_kode_instansi_tidak_boleh_nama_folder_terbitan(kode):
    from capaian.skema import alasan_kode_dicadangkan

    assert alasan_kode_dicadangkan(kode)


def test_versi_tercatat_di_changelog():
    from capaian import __version__
    from conftest import ROOT

    teks = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in teks
    assert teks.index(f"## {__version__}") < teks.index("## 0.1.0")  # newest first


def test_perubahan_html_menulis_nilai_dengan_koma_desimal(tmp_path):
    """perubahan.html is read beside the reports: scores with a decimal comma as they show them;
    perubahan.xlsx keeps the values as nilai_pegawai.csv has them."""
    from capaian.terbitan import write_perubahan

    pegawai = [{"nip": "198001012005011001", "nama": "Uji", "iki": [],
                "berubah": {"capaian_hasil_kerja": ("98.5", "103.45"), "nilai_perilaku": ("", "4"), "predikat": ("Baik", "Sangat Baik")}}]
    write_perubahan(tmp_path, "Revisi uji", {}, pegawai=pegawai)
    html = (tmp_path / "perubahan.html").read_text(encoding="utf-8")
    assert "capaian hasil kerja (%): 98,50 → 103,45" in html
    assert "nilai perilaku: (kosong) → 4<" in html and "predikat: Baik → Sangat Baik" in html
    assert "103.45" not in html
    xlsx = pd.read_excel(tmp_path / "perubahan.xlsx", sheet_name="pegawai", dtype=str)
    assert xlsx.loc[0, "capaian_hasil_kerja_ke"] == "103.45"


def test_perubahan_html_menautkan_xlsx_di_sampingnya_saja(tmp_path):
    """The page links the workbook written beside it; a page written alone (`capaian banding
    --keluaran X.html`) links nothing that is not there."""
    from capaian.terbitan import write_perubahan

    write_perubahan(tmp_path, "Revisi uji", {}, pegawai=[])
    assert '<a href="perubahan.xlsx">perubahan.xlsx</a>' in (tmp_path / "perubahan.html").read_text(encoding="utf-8")
    sendiri = tmp_path / "lain" / "banding.html"
    write_perubahan(None, "Banding uji", {}, html=sendiri)
    assert ".xlsx" not in sendiri.read_text(encoding="utf-8")
