"""Valid data at numeric extremes never fails a notebook (issue 11, class 5).

Four examples from the issue, each with two variants of our own:

1. an instansi with no pegawai, or with pegawai but no IKI for the year: `kualitas --instansi K`
   ended in "ValueError: Encountered all NA values" (variants: the three reports, an instansi whose
   IKI have no realisasi);
2. target 1e-300 with realisasi 1e308 under the no-cap method: infinite capaian, "Axis limits cannot
   be NaN or Inf" (variants: target_periodik 1e-7, target_atas 1e16 and 1e400);
3. three monthly realisasi of 1e308 under `rata_rata` wrote `inf` into nilai_indikator.csv
   (variants: a negative bound, the guard in the scoring engine on unvalidated data);
4. `bobot = 1e-320` left capaian_hasil_kerja empty while a rating was given (variants: bobot 0
   and 1e7, the guard on unvalidated data).

The bounds are documented in docs/kontrak-data.md bagian 1, "Batas angka"; what happens at them in
docs/metodologi.md, bagian "Angka ekstrem".
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import data_kecil as dk
from bangun_data import NIP_1, bangun_dataset, bulanan, iki
from conftest import ROOT
from data_ekstrem import PERIODE, folder_ekstrem
from capaian import kualitas as kq
from capaian import laporan as lp
from capaian import metodologi as tj
from capaian.nilai import AngkaTakHingga, capaian_bulanan, score_period, write_scores
from capaian.pengaturan import load_metodologi
from capaian.tampilan import batas_sumbu, tidak_ada_data
from capaian.validasi import validate_folder

TANPA_BATAS = ROOT / "src" / "capaian" / "params" / "alternatif" / "tanpa_batas.yaml"
ALTERNATIF = sorted((ROOT / "src" / "capaian" / "params" / "alternatif").glob("*.yaml"))
TIDAK_ADA_DATA = '<div class="tidak-ada-data">'


@pytest.fixture(scope="module")
def data_ekstrem(tmp_path_factory) -> Path:
    return folder_ekstrem(tmp_path_factory.mktemp("ekstrem") / "data")


def masalah(tmp_path, ubah) -> list[str]:
    t = dk.tabel()
    ubah(t)
    _, daftar = validate_folder(dk.write_csv(tmp_path / "data", t))
    return [str(m) for m in daftar]


# ---------------------------------------------------------------------------------------------
# Validation: numbers outside the documented bounds are data problems, with file:row: column


MAKS = "harus ≤ 1.000.000.000.000.000 (10^15)"
RENIK = "harus 0 atau paling kecil 0,000001 (10^-6); tulis target dalam satuan yang lebih kecil (mis. gram, bukan ton)"
BOBOT = "bobot harus lebih dari 0: antara 0,000001 (10^-6) dan 1.000.000 (10^6)"


@pytest.mark.parametrize(
    "ubah, harapan",
    [
        # Example 2 of the issue and its variants.
        (lambda t: t["indikator"][0].update(target="1e-300"), f"indikator.csv:2: target: '1e-300': target {RENIK}"),
        (lambda t: t["target_periodik"][0].update(target="0.0000001"), f"target_periodik.csv:2: target: '0.0000001': target {RENIK}"),
        (lambda t: t["indikator"][2].update(target_atas="1e16"), f"indikator.csv:4: target_atas: '1e16': target_atas {MAKS}"),
        (lambda t: t["indikator"][2].update(target="1e400"), f"indikator.csv:4: target: '1e400': target {MAKS}"),
        # Example 3 and its variants.
        (lambda t: t["realisasi"][2].update(realisasi="1e308"), f"realisasi.csv:4: realisasi: '1e308': realisasi {MAKS}"),
        (lambda t: t["realisasi"][2].update(realisasi="1000000000000000.5"), f"realisasi.csv:4: realisasi: '1000000000000000.5': realisasi {MAKS}"),
        (lambda t: t["indikator"][0].update(target="-1e308"), "indikator.csv:2: target: '-1e308': target harus ≥ 0"),
        # Example 4 and its variants.
        (lambda t: t["indikator"][0].update(bobot="1e-320"), f"indikator.csv:2: bobot: '1e-320': {BOBOT}"),
        (lambda t: t["indikator"][0].update(bobot="0"), f"indikator.csv:2: bobot: '0': {BOBOT}"),
        (lambda t: t["indikator"][0].update(bobot="1e7"), f"indikator.csv:2: bobot: '1e7': {BOBOT}"),
    ],
)
def test_angka_di_luar_batas_ditolak_dengan_pesan(tmp_path, ubah, harapan):
    daftar = masalah(tmp_path, ubah)
    assert harapan in daftar, daftar


def test_tiga_realisasi_1e308_rata_rata_ditolak_per_baris(tmp_path):
    def ubah(t):
        t["indikator"][1].update(agregasi="rata_rata")
        t["realisasi"] += [dk._baris("realisasi", {"id_indikator": "IKI-2", "bulan": b, "realisasi": "1e308"}) for b in ("2025-02", "2025-03")]
        t["realisasi"][2].update(realisasi="1e308")

    daftar = masalah(tmp_path, ubah)
    assert [m for m in daftar if m.startswith("realisasi.csv")] == [
        f"realisasi.csv:{baris}: realisasi: '1e308': realisasi {MAKS}" for baris in (4, 6, 7)
    ]


def test_bobot_1e320_untuk_semua_iki_ditolak(tmp_path):
    def ubah(t):
        for r in t["indikator"]:
            r["bobot"] = "1e-320"

    assert masalah(tmp_path, ubah) == [f"indikator.csv:{b}: bobot: '1e-320': {BOBOT}" for b in (2, 3, 4)]


@pytest.mark.parametrize(
    "ubah",
    [
        lambda t: t["indikator"][0].update(target="0.000001", bobot="", target_atas="1000000000000000"),
        lambda t: t["realisasi"][0].update(realisasi="1000000000000000"),
        lambda t: t["indikator"][1].update(target="0"),  # arah turun: 0 is allowed, as before
        lambda t: [r.update(bobot=b) for r, b in zip(t["indikator"], ("0.000001", "1000000", "1"))],
    ],
)
def test_angka_tepat_di_batas_diterima(tmp_path, ubah):
    assert masalah(tmp_path, ubah) == []


def test_data_ekstrem_sah(data_ekstrem):
    ds, daftar = validate_folder(data_ekstrem)
    assert daftar == [] and ds is not None


# ---------------------------------------------------------------------------------------------
# Scoring at the bounds: every figure finite, under every shipped methodology


@pytest.mark.parametrize("berkas", [None, *ALTERNATIF], ids=lambda b: "bawaan" if b is None else b.stem)
def test_penilaian_di_batas_selalu_terhingga(data_ekstrem, tmp_path, berkas):
    ds, _ = validate_folder(data_ekstrem)
    m = load_metodologi(berkas)
    hasil = score_period(ds, PERIODE, m)
    for frame in (hasil.pegawai, hasil.indikator):
        angka = frame.select_dtypes("number").to_numpy(dtype="float64")
        assert not np.isinf(angka).any()
    eks = hasil.pegawai[hasil.pegawai["kode_instansi"] == "EKSTREM"]
    # Every pegawai with a realisasi has a capaian hasil kerja whenever he has a rating.
    assert eks["capaian_hasil_kerja"].notna().all()
    c = hasil.indikator.set_index("id_indikator")["capaian"]
    if m.capaian.batas_atas is None:
        assert c["EKS-1"] == pytest.approx(1.2e24)  # 3 × 10^15 × 100 / (10^-6 × 3/12)
    else:
        assert c["EKS-1"] == m.capaian.batas_atas
    assert c["EKS-3"] == 100  # target 0, realisasi 0, lower is better
    bulanan = capaian_bulanan(ds, PERIODE, m)
    assert not np.isinf(bulanan["capaian_hasil_kerja"].to_numpy(dtype="float64")).any()
    for jalur in write_scores(hasil, tmp_path):
        sel = [x.strip().lower() for baris in jalur.read_text(encoding="utf-8").splitlines() for x in baris.split(",")]
        assert not {"inf", "-inf", "nan"} & set(sel), jalur.name


# ---------------------------------------------------------------------------------------------
# The guard: data that slipped past validation never writes inf or an empty capaian


def test_penjaga_rata_rata_1e308_tanpa_validasi():
    ds = bangun_dataset(
        indikator=[iki("A", NIP_1, 1, agregasi="rata_rata")],
        realisasi=bulanan("A", {"2025-01": 1e308, "2025-02": 1e308, "2025-03": 1e308}),
    )
    with pytest.raises(AngkaTakHingga, match="realisasi_periode"):
        score_period(ds, PERIODE)


def test_penjaga_capaian_tak_hingga_tanpa_batas():
    ds = bangun_dataset(indikator=[iki("A", NIP_1, 1e-300)], realisasi=bulanan("A", {"2025-01": 1e308}))
    with pytest.raises(AngkaTakHingga, match="capaian"):
        score_period(ds, PERIODE, load_metodologi(TANPA_BATAS))
    with pytest.raises(AngkaTakHingga, match="capaian"):
        capaian_bulanan(ds, PERIODE, load_metodologi(TANPA_BATAS))


def test_penjaga_bobot_renik_tanpa_validasi():
    ds = bangun_dataset(
        indikator=[iki("A", NIP_1, 10, bobot=1e-320), iki("B", NIP_1, 10, bobot=1e-320)],
        realisasi=bulanan("A", {"2025-01": 5}),
    )
    with pytest.raises(AngkaTakHingga, match="capaian_hasil_kerja kosong"):
        score_period(ds, PERIODE)


def test_penjaga_bukan_galat_pengguna():
    from capaian.galat import GalatPengguna

    assert not issubclass(AngkaTakHingga, GalatPengguna)  # a bug: reported as "galat internal"


# ---------------------------------------------------------------------------------------------
# Display helpers


@pytest.mark.parametrize(
    "nilai, minimum, harapan_atas",
    [
        ([50.0, np.nan], 100, 115.0),
        ([np.inf, np.nan, -np.inf], 100, 115.0),
        ([], 0, 1.0),
        ([1.2e24], 100, 1.38e24),
        ([1e308], 0, 1e300),
        ([None, pd.NA], 0, 1.0),
    ],
)
def test_batas_sumbu_selalu_terhingga(nilai, minimum, harapan_atas):
    bawah, atas = batas_sumbu(nilai, minimum=minimum)
    assert bawah == 0 and math.isfinite(atas) and atas > bawah
    assert atas == pytest.approx(harapan_atas)


def test_tidak_ada_data_meloloskan_teks():
    html = tidak_ada_data("<b>kosong</b>")
    assert html.startswith(TIDAK_ADA_DATA) and "Tidak ada data." in html and "&lt;b&gt;" in html


# ---------------------------------------------------------------------------------------------
# Every section of the three reports, in this process, for the empty and extreme instansi

KASUS = ["KOSONG", "LAMA", "EKSTREM"]


def _semua_bagian(modul, bundel, bagian) -> str:
    return "\n".join(f(bundel)._repr_html_() if not isinstance(f, tuple) else f[0](bundel, f[1])._repr_html_() for f in bagian)


@pytest.mark.parametrize("kode", KASUS)
def test_bagian_laporan_instansi(data_ekstrem, kode):
    b = lp.prepare_bundel(str(data_ekstrem), PERIODE, kode, str(TANPA_BATAS))
    bagian = [lp.judul, lp.ringkasan, lp.distribusi, lp.per_unit, lp.per_atasan, lp.tren_bulanan, lp.tabel_pegawai,
              lp.iki_perhatian, lp.umpan_balik, lp.penutup]
    html = _semua_bagian(lp, b, bagian)
    if kode == "EKSTREM":
        assert "data:image/png;base64," in html
        assert lp.ringkasan(b)._repr_html_().count(TIDAK_ADA_DATA) == 0
    else:
        assert TIDAK_ADA_DATA in lp.ringkasan(b)._repr_html_()
        alasan = "tidak memiliki pegawai" if kode == "KOSONG" else "IKI untuk tahun 2025"
        assert alasan in lp.ringkasan(b)._repr_html_()
        assert TIDAK_ADA_DATA in lp.tren_bulanan(b)._repr_html_()


@pytest.mark.parametrize("kode", KASUS)
def test_bagian_kualitas_instansi(data_ekstrem, kode):
    bk = kq.prepare_bundel(str(data_ekstrem), PERIODE, [kode], str(TANPA_BATAS))
    bagian = [kq.judul, kq.ringkasan, kq.per_instansi, kq.catatan_kepatuhan, kq.grafik_kepatuhan, kq.grafik_sebaran,
              *[(kq.rincian, k) for k in ("keterukuran", "target", "pelaporan", "nilai", "struktur", "penilai")], kq.penutup]
    html = _semua_bagian(kq, bk, bagian)
    if kode == "EKSTREM":
        assert html.count("data:image/png;base64,") == 2
    else:
        assert TIDAK_ADA_DATA in kq.ringkasan(bk)._repr_html_()
        assert TIDAK_ADA_DATA in kq.grafik_kepatuhan(bk)._repr_html_()  # the "Encountered all NA values"
        assert TIDAK_ADA_DATA in kq.grafik_sebaran(bk)._repr_html_()


def test_kualitas_instansi_tanpa_realisasi(data_ekstrem, tmp_path):
    """Variant: IKI of the year, none with a realisasi (every month NA in the heatmap)."""
    t = dk.tabel()
    t["realisasi"] = [r for r in t["realisasi"] if r["id_indikator"] != "IKI-3"]
    folder = dk.write_csv(tmp_path / "data", t)
    bk = kq.prepare_bundel(str(folder), "2025-TW1", ["KEC_KALUKKU"])
    assert "data:image/png;base64," in kq.grafik_kepatuhan(bk)._repr_html_()
    assert TIDAK_ADA_DATA in kq.grafik_sebaran(bk)._repr_html_()


@pytest.mark.lambat
@pytest.mark.parametrize("kode", KASUS)
def test_bagian_metodologi_instansi(data_ekstrem, kode):
    bt = tj.prepare_bundel(str(data_ekstrem), PERIODE, None, None, None, [kode])
    bagian = [tj.judul, tj.rumus, tj.daftar_pembanding, tj.sebaran, tj.transisi, tj.sensitivitas, tj.distribusi, tj.asumsi, tj.penutup]
    html = _semua_bagian(tj, bt, bagian)
    assert bt.jumlah["instansi"] == 1
    if kode == "EKSTREM":
        assert bt.jumlah["pegawai"] == 2 and html.count("data:image/png;base64,") == 2
        # The worked examples recompute the engine's value, even at 10^24 %.
        for c in bt.contoh:
            if isinstance(c.hasil_mesin, float):
                assert c.hasil_hitung == pytest.approx(c.hasil_mesin), c.kode
    else:
        assert bt.jumlah["pegawai"] == 0
        for f in (tj.judul, tj.sebaran, tj.sensitivitas):
            assert TIDAK_ADA_DATA in f(bt)._repr_html_(), f.__name__


@pytest.mark.lambat
def test_metodologi_instansi_membatasi_pegawai(data_ekstrem):
    semua = tj.prepare_bundel(str(data_ekstrem), PERIODE)
    dinkes = tj.prepare_bundel(str(data_ekstrem), PERIODE, None, None, None, ["DINKES"])
    assert semua.jumlah["pegawai"] == 5 and dinkes.jumlah["pegawai"] == 2
    assert int(dinkes.sebaran["bawaan"].sum()) == 2
    assert set(dinkes.distribusi["kode_instansi"]) == {"DINKES"}


def test_metodologi_instansi_tidak_dikenal_keluar_2(data_ekstrem, tmp_path, jalankan_cli):
    hasil = jalankan_cli("metodologi", data_ekstrem, "--periode", PERIODE, "--keluaran", tmp_path, "--instansi", "TIDAK_ADA")
    assert hasil.returncode == 2 and "TIDAK_ADA" in hasil.stderr
    assert not (tmp_path / PERIODE).exists()


# ---------------------------------------------------------------------------------------------
# The three commands, with kernels: status 0 and the section visible


@pytest.mark.lambat
@pytest.mark.parametrize("perintah", ["laporan", "kualitas", "metodologi"])
def test_perintah_merender_instansi_kosong_dan_ekstrem(data_ekstrem, tmp_path, jalankan_cli, perintah):
    for kode in KASUS:
        keluaran = tmp_path / kode
        hasil = jalankan_cli(perintah, data_ekstrem, "--periode", PERIODE, "--keluaran", keluaran,
                             "--metodologi", TANPA_BATAS, "--instansi", kode)
        assert hasil.returncode == 0, (kode, hasil.stderr)
        # `kualitas --instansi K` writes its own file beside the kabupaten-wide one.
        nama = {"laporan": f"{kode}/laporan.html", "kualitas": f"kualitas_indikator-{kode}.html", "metodologi": "metodologi.html"}[perintah]
        html = (keluaran / PERIODE / nama).read_text(encoding="utf-8")
        assert "Traceback" not in html and "Error" not in html
        if kode != "EKSTREM":
            assert TIDAK_ADA_DATA in html and "Tidak ada data." in html, (perintah, kode)
        else:
            assert "data:image/png;base64," in html
