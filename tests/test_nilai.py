"""Scoring, read as the examples of docs/metodologi.md (bagian 1–10 and its worked examples)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from bangun_data import NIP_1, NIP_2, NIP_3, bangun_dataset, bulanan, iki, nip, pegawai, perilaku, umpan_balik
from capaian.kode import parse_periode
from capaian.pengaturan import load_metodologi
from capaian.nilai import (
    KOLOM_DISTRIBUSI,
    KOLOM_INDIKATOR,
    KOLOM_PEGAWAI,
    PeriodeTanpaIndikator,
    capaian_bulanan,
    score_period,
    write_scores,
)

BAWAAN = load_metodologi()
ABAIKAN = BAWAAN.dengan(capaian={"tanpa_realisasi": "abaikan"})
RATA_RATA = BAWAAN.dengan(rating_hasil_kerja={"metode": "rata_rata"})


def baris_pegawai(hasil, nip_=NIP_1) -> pd.Series:
    return hasil.pegawai.set_index("nip").loc[nip_]


def baris_iki(hasil, id_indikator) -> pd.Series:
    return hasil.indikator.set_index("id_indikator").loc[id_indikator]


def kosong(nilai) -> bool:
    return nilai is None or (not isinstance(nilai, str) and pd.isna(nilai))


# ---------------------------------------------------------------------------------------------
# The worked example of docs/metodologi.md


@pytest.fixture
def contoh_kerja():
    """IKI A, B and C of one pegawai, and two perilaku rows by the atasan."""
    return bangun_dataset(
        indikator=[
            iki("A", NIP_1, 120, arah="naik", agregasi="jumlah"),
            iki("B", NIP_1, 10, arah="turun", agregasi="rata_rata", satuan="hari"),
            iki("C", NIP_1, 80, target_atas=90, arah="naik", agregasi="terakhir", satuan="%"),
        ],
        realisasi=bulanan("A", {"2025-01": 8, "2025-02": 12, "2025-03": 13})
        + bulanan("B", {"2025-01": 12, "2025-02": 9, "2025-03": 12})
        + bulanan("C", {"2025-01": 70, "2025-03": 95}),
        pegawai_=[pegawai(NIP_2, nama="Atasan"), pegawai(NIP_1, nip_atasan=NIP_2)],
        perilaku_=[
            perilaku(NIP_1, "2025-02", [4, 4, 4, 4, 5, 4, 4], nip_penilai=NIP_2),
            perilaku(NIP_1, "2025-03", [4, 4, 5, 4, 4, 4, 4], nip_penilai=NIP_2),
        ],
    )


def test_contoh_kerja_iki_a_naik_jumlah(contoh_kerja):
    # Annual target 120, realisasi Jan 8, Feb 12, Mar 13 → TW1 target 30, realisasi 33, C = 110.00 → di_atas.
    a = baris_iki(score_period(contoh_kerja, "2025-TW1"), "A")
    assert (a.target_periode, a.realisasi_periode, a.capaian, a.kategori) == (30, 33, 110.00, "di_atas")


def test_contoh_kerja_iki_b_turun_rata_rata(contoh_kerja):
    # Target 10 days, realisasi 12, 9, 12 → R = 11, C = (2 − 1.1) × 100 = 90.00 → sesuai.
    b = baris_iki(score_period(contoh_kerja, "2025-TW1"), "B")
    assert (b.target_periode, b.realisasi_periode, b.capaian, b.kategori) == (10, 11, 90.00, "sesuai")


def test_contoh_kerja_iki_c_rentang_terakhir(contoh_kerja):
    # Range 80–90, realisasi Jan 70, Mar 95 → R = 95, above the range: C = 95/90 × 100 = 105.56 → sesuai.
    c = baris_iki(score_period(contoh_kerja, "2025-TW1"), "C")
    assert (c.target_periode, c.target_atas_periode, c.realisasi_periode, c.bulan_lapor) == (80, 90, 95, 2)
    assert (c.capaian, c.kategori) == (105.56, "sesuai")


def test_contoh_kerja_pegawai(contoh_kerja):
    p = baris_pegawai(score_period(contoh_kerja, "2025-TW1"))
    # Equal weights: (110 + 90 + 105.56) / 3 = 101.85.
    assert p.capaian_hasil_kerja == 101.85
    # Proporsi: n = 3, a = 1, b = 0 → sesuai.
    assert p.rating_hasil_kerja_usulan == "sesuai" == p.rating_hasil_kerja
    # Perilaku: 58/14 = 4.14 → di_atas.
    assert p.nilai_perilaku == 4.14
    assert p.rating_perilaku_usulan == "di_atas" == p.rating_perilaku
    # Hasil sesuai × perilaku di_atas → Baik.
    assert p.predikat == "baik"
    assert (p.jumlah_indikator, p.indikator_tanpa_realisasi, p.angka_kredit_persen) == (3, 0, 100)
    assert p.nip_atasan == NIP_2


def test_contoh_kerja_baris_nilai_indikator_iki_c(contoh_kerja, tmp_path):
    # target_periode 80.00, target_atas_periode 90.00, realisasi_periode 95.00, bulan_lapor 2,
    # capaian 105.56, kategori Sesuai Ekspektasi.
    write_scores(score_period(contoh_kerja, "2025-TW1"), tmp_path)
    baris = (tmp_path / "nilai_indikator.csv").read_text(encoding="utf-8").splitlines()
    assert baris[3] == f"2025-TW1,C,{NIP_1},DINKES,utama,naik,terakhir,80.00,90.00,95.00,2,105.56,Sesuai Ekspektasi"


def test_contoh_kerja_baris_nilai_pegawai(contoh_kerja, tmp_path):
    write_scores(score_period(contoh_kerja, "2025-TW1"), tmp_path)
    baris = (tmp_path / "nilai_pegawai.csv").read_text(encoding="utf-8").splitlines()
    assert baris[0] == ",".join(KOLOM_PEGAWAI)
    assert baris[1] == (
        f"2025-TW1,{NIP_1},Pegawai 001,DINKES,,3,0,101.85,Sesuai Ekspektasi,Sesuai Ekspektasi,"
        "4.14,Di Atas Ekspektasi,Di Atas Ekspektasi,Baik"
    )
    assert len(baris) == 2  # the atasan has no IKI, so no row


def test_pembulatan_perilaku_4_125_menjadi_4_13():
    # Eight perilaku rows (two raters, four months) whose 56 scores add up to 231: 231/56 = 4.125 → 4.13 → di_atas.
    baris = []
    for i, bulan in enumerate(["2025-01", "2025-02", "2025-03", "2025-04"]):
        baris.append(perilaku(NIP_1, bulan, [5, 4, 4, 4, 4, 4, 4], nip_penilai=NIP_2))
        baris.append(perilaku(NIP_1, bulan, [4, 4, 4, 4, 4, 4, 4 + (i < 3)], nip_penilai=NIP_3))
    skor = sum(sum(b[a] for a in b if a not in ("nip", "bulan", "nip_penilai")) for b in baris)
    assert (len(baris), skor) == (8, 231)
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), perilaku_=baris)
    p = baris_pegawai(score_period(ds, "2025-S1"))
    assert (p.nilai_perilaku, p.rating_perilaku_usulan) == (4.13, "di_atas")


def test_pembulatan_capaian_sebelum_dirata_rata():
    # IKI D: target 1000, realisasi 1000.06 → C = 100.006 → 100.01; IKI E: 50 of 50 → 100.00.
    # Equal weights: (100.01 + 100.00) / 2 = 100.005 → 100.01 (the unrounded mean 100.003 would give 100.00).
    ds = bangun_dataset(
        [iki("D", NIP_1, 1000, agregasi="terakhir"), iki("E", NIP_1, 50, agregasi="terakhir")],
        bulanan("D", {"2025-01": 1000.06}) + bulanan("E", {"2025-01": 50}),
    )
    hasil = score_period(ds, "2025-01")
    assert baris_iki(hasil, "D").capaian == 100.01
    assert baris_iki(hasil, "E").capaian == 100.00
    assert baris_pegawai(hasil).capaian_hasil_kerja == 100.01


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 8: every cell of the predikat matrix (the atasan's ratings are final)

MATRIKS = [
    ("di_atas", "di_bawah", "kurang"),
    ("di_atas", "sesuai", "baik"),
    ("di_atas", "di_atas", "sangat_baik"),
    ("sesuai", "di_bawah", "kurang"),
    ("sesuai", "sesuai", "baik"),
    ("sesuai", "di_atas", "baik"),
    ("di_bawah", "di_bawah", "sangat_kurang"),
    ("di_bawah", "sesuai", "butuh_perbaikan"),
    ("di_bawah", "di_atas", "butuh_perbaikan"),
]


@pytest.mark.parametrize(("hasil_kerja", "perilaku_", "predikat"), MATRIKS)
def test_matriks_predikat(hasil_kerja, perilaku_, predikat):
    ds = bangun_dataset(
        [iki("A", NIP_1, 12)],
        bulanan("A", {"2025-01": 1}),
        umpan_balik_=[umpan_balik(NIP_1, "2025-TW1", hasil_kerja, perilaku_)],
    )
    p = baris_pegawai(score_period(ds, "2025-TW1"))
    assert (p.rating_hasil_kerja, p.rating_perilaku, p.predikat) == (hasil_kerja, perilaku_, predikat)


@pytest.mark.parametrize(
    ("skor", "rating", "predikat"),
    [(4.0, "di_atas", "baik"), (3.99, "sesuai", "baik"), (3.0, "sesuai", "baik"), (2.99, "di_bawah", "kurang")],
)
def test_ambang_perilaku_dari_nilai_hitungan(skor, rating, predikat):
    # Hasil kerja sesuai (C = 100) with perilaku at and around the thresholds 4.0 and 3.0.
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), perilaku_=[perilaku(NIP_1, "2025-01", skor)])
    p = baris_pegawai(score_period(ds, "2025-01"))
    assert (p.nilai_perilaku, p.rating_perilaku_usulan, p.predikat) == (skor, rating, predikat)


def test_predikat_memakai_matriks_dari_metodologi():
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), perilaku_=[perilaku(NIP_1, "2025-01", 4)])
    m = BAWAAN.dengan(predikat={"sesuai": {"di_atas": "sangat_baik"}}, angka_kredit={"sangat_baik": 120})
    p = baris_pegawai(score_period(ds, "2025-01", m))
    assert (p.predikat, p.angka_kredit_persen) == ("sangat_baik", 120)


@pytest.mark.parametrize(
    ("predikat", "persen"),
    [("sangat_baik", 150), ("baik", 100), ("butuh_perbaikan", 75), ("kurang", 50), ("sangat_kurang", 25)],
)
def test_angka_kredit_per_predikat(predikat, persen):
    hk, pk = next((h, q) for h, q, r in MATRIKS if r == predikat)
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), umpan_balik_=[umpan_balik(NIP_1, "2025-01", hk, pk)])
    assert baris_pegawai(score_period(ds, "2025-01")).angka_kredit_persen == persen


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 3: capaian of one IKI


def capaian_satu(target, realisasi, *, arah="naik", target_atas=None, metodologi=BAWAAN) -> float:
    """Capaian of one IKI with agregasi terakhir and one realisasi in January 2025."""
    ds = bangun_dataset(
        [iki("X", NIP_1, target, arah=arah, agregasi="terakhir", target_atas=target_atas)],
        bulanan("X", {"2025-01": realisasi}),
    )
    return baris_iki(score_period(ds, "2025-01", metodologi), "X").capaian


@pytest.mark.parametrize(
    ("arah", "target", "target_atas", "realisasi", "capaian"),
    [
        ("naik", 40, None, 30, 75.00),  # R / T × 100
        ("naik", 40, None, 46, 115.00),
        ("turun", 10, None, 12, 80.00),  # (2 − R / T) × 100
        ("turun", 10, None, 8, 120.00),  # 120 clipped to the cap
        ("turun", 10, None, 25, 0.00),  # (2 − 2.5) × 100 = −50 clipped to 0
        ("naik", 80, 90, 60, 75.00),  # below the range: T is the target
        ("naik", 80, 90, 80, 100.00),  # inside the range (both ends included)
        ("naik", 80, 90, 85, 100.00),
        ("naik", 80, 90, 90, 100.00),
        ("naik", 80, 90, 99, 110.00),  # above the range: U is the target
        ("turun", 5, 8, 4, 120.00),  # turun below the range: (2 − 4/5) × 100 = 120
        ("turun", 5, 8, 10, 75.00),  # turun above the range: (2 − 10/8) × 100 = 75
        ("turun", 0, None, 0, 100.00),  # zero target met
        ("turun", 0, None, 3, 0.00),  # zero target missed
        ("turun", 0, 2, 1, 100.00),  # the range test comes first
        ("turun", 0, 2, 3, 50.00),  # above [0, 2]: the target in use is 2
        ("naik", 10, None, 50, 120.00),  # 500 clipped to the cap
    ],
)
def test_capaian_per_cabang(arah, target, target_atas, realisasi, capaian):
    assert capaian_satu(target, realisasi, arah=arah, target_atas=target_atas) == capaian


def test_tanpa_batas_atas():
    tanpa_batas = BAWAAN.dengan(capaian={"batas_atas": None})
    assert capaian_satu(10, 50, metodologi=tanpa_batas) == 500.00
    assert capaian_satu(10, 25, arah="turun", metodologi=tanpa_batas) == 0.00


def test_batas_atas_lain():
    assert capaian_satu(10, 50, metodologi=BAWAAN.dengan(capaian={"batas_atas": 150})) == 150.00


def test_capaian_dihitung_dari_target_dan_realisasi_tanpa_pembulatan():
    # Target 3 × 1/12 is not rounded before dividing: 1 of 0.25 is 400 (capped at 120), 0.25 of 0.25 is 100.
    ds = bangun_dataset([iki("X", NIP_1, 3)], bulanan("X", {"2025-01": 0.25}))
    x = baris_iki(score_period(ds, "2025-01"), "X")
    assert (x.target_periode, x.capaian) == (0.25, 100.00)


def test_capaian_dibaca_seperti_hitungan_tangan():
    # 64.1 of 80 is 80.125 % by hand and in Excel → 80.13 (the double is 80.12499999999999).
    assert capaian_satu(80, 64.1) == 80.13
    # (0.11 + 0.12) / 2 = 0.115 → written 0.12 in nilai_indikator.
    ds = bangun_dataset([iki("R", NIP_1, 1, agregasi="rata_rata")], bulanan("R", {"2025-01": 0.11, "2025-02": 0.12}))
    hasil = score_period(ds, "2025-TW1")
    assert baris_iki(hasil, "R").capaian == 11.5


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 4: categories use the rounded capaian


@pytest.mark.parametrize(
    ("target", "realisasi", "capaian", "kategori"),
    [
        (30, 33, 110.00, "di_atas"),  # 3300/30 is exactly 110
        (3, 3.3, 110.00, "di_atas"),  # 110.00000000000001 before rounding
        (100000, 109995, 110.00, "di_atas"),  # 109.995 rounds up to 110.00
        (100000, 109994, 109.99, "sesuai"),
        (10, 9, 90.00, "sesuai"),
        (100000, 89995, 90.00, "sesuai"),  # 89.995 → 90.00
        (100000, 89994, 89.99, "di_bawah"),
    ],
)
def test_kategori_dari_capaian_yang_dibulatkan(target, realisasi, capaian, kategori):
    ds = bangun_dataset([iki("X", NIP_1, target, agregasi="terakhir")], bulanan("X", {"2025-01": realisasi}))
    x = baris_iki(score_period(ds, "2025-01"), "X")
    assert (x.capaian, x.kategori) == (capaian, kategori)


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 1 and 2: target and realisasi for a month, a triwulan, a semester and a year

# Realisasi of every month 2025-01 … 2025-12: 10, 20, …, 120; annual target 120 (jumlah: pro rata).
SETAHUN = {f"2025-{b:02d}": 10.0 * b for b in range(1, 13)}


@pytest.mark.parametrize(
    ("periode", "agregasi", "target", "realisasi", "bulan_lapor"),
    [
        ("2025-03", "jumlah", 10, 30, 1),
        ("2025-03", "rata_rata", 120, 30, 1),
        ("2025-03", "terakhir", 120, 30, 1),
        ("2025-TW2", "jumlah", 30, 40 + 50 + 60, 3),
        ("2025-TW2", "rata_rata", 120, 50, 3),
        ("2025-TW2", "terakhir", 120, 60, 3),
        ("2025-S2", "jumlah", 60, 70 + 80 + 90 + 100 + 110 + 120, 6),
        ("2025-S2", "rata_rata", 120, 95, 6),
        ("2025-S2", "terakhir", 120, 120, 6),
        ("2025", "jumlah", 120, 780, 12),
        ("2025", "rata_rata", 120, 65, 12),
        ("2025", "terakhir", 120, 120, 12),
    ],
)
def test_agregasi_per_jenis_periode(periode, agregasi, target, realisasi, bulan_lapor):
    ds = bangun_dataset([iki("X", NIP_1, 120, agregasi=agregasi)], bulanan("X", SETAHUN))
    x = baris_iki(score_period(ds, periode), "X")
    assert (x.target_periode, x.realisasi_periode, x.bulan_lapor) == (target, realisasi, bulan_lapor)


def test_terakhir_adalah_bulan_terakhir_yang_dilaporkan_dan_bulan_kosong_tidak_dihitung():
    ds = bangun_dataset(
        [iki("J", NIP_1, 120), iki("R", NIP_1, 10, agregasi="rata_rata"), iki("T", NIP_1, 10, agregasi="terakhir")],
        bulanan("J", {"2025-04": 5, "2025-06": 7})
        + bulanan("R", {"2025-04": 5, "2025-06": 8})
        + bulanan("T", {"2025-06": 4, "2025-04": 9}),  # row order does not matter
    )
    hasil = score_period(ds, "2025-TW2")
    assert baris_iki(hasil, "J").realisasi_periode == 12  # sum of the reported months only
    assert baris_iki(hasil, "R").realisasi_periode == 6.5  # mean over 2 reported months, not 3
    assert baris_iki(hasil, "T").realisasi_periode == 4  # June, the latest reported
    assert (hasil.indikator["bulan_lapor"] == 2).all()


def test_target_atas_pro_rata_untuk_jumlah():
    ds = bangun_dataset([iki("X", NIP_1, 120, target_atas=240)], bulanan("X", {"2025-01": 15}))
    x = baris_iki(score_period(ds, "2025-TW1"), "X")
    assert (x.target_periode, x.target_atas_periode) == (30, 60)


def test_target_periodik_menang():
    ds = bangun_dataset(
        [iki("X", NIP_1, 120, target_atas=240), iki("Y", NIP_1, 10, agregasi="rata_rata")],
        bulanan("X", {"2025-01": 40}) + bulanan("Y", {"2025-01": 10}),
        target_periodik=[
            {"id_indikator": "X", "periode": "2025-TW1", "target": 40},  # empty target_atas: no range in P
            {"id_indikator": "X", "periode": "2025-01", "target": 5},  # another period: not used for TW1
            {"id_indikator": "Y", "periode": "2025-TW1", "target": 8, "target_atas": 12},
        ],
    )
    hasil = score_period(ds, "2025-TW1")
    x, y = baris_iki(hasil, "X"), baris_iki(hasil, "Y")
    assert (x.target_periode, kosong(x.target_atas_periode), x.capaian, x.sumber_target) == (40, True, 100, "target_periodik")
    assert (y.target_periode, y.target_atas_periode, y.capaian) == (8, 12, 100)
    # Monthly rows do not add up to a triwulan; the month itself uses its own row.
    assert baris_iki(score_period(ds, "2025-01"), "X").target_periode == 5


def test_hanya_iki_tahun_periode_yang_ikut():
    ds = bangun_dataset(
        [iki("A24", NIP_1, 12, tahun=2024), iki("A25", NIP_1, 12), iki("B24", NIP_2, 12, tahun=2024)],
        bulanan("A24", {"2024-01": 5}) + bulanan("A25", {"2025-01": 1}),
    )
    hasil = score_period(ds, "2025-01")
    assert list(hasil.indikator["id_indikator"]) == ["A25"]
    assert list(hasil.pegawai["nip"]) == [NIP_1]  # NIP_2 has IKI in 2024 only
    assert baris_pegawai(hasil).jumlah_indikator == 1


def test_periode_tanpa_iki():
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}))
    with pytest.raises(PeriodeTanpaIndikator, match=r"^Tidak ada IKI untuk tahun 2030 \(periode 2030-TW1\)$"):
        score_period(ds, "2030-TW1")


def test_periode_sebagai_objek_atau_teks():
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}))
    hasil = score_period(ds, parse_periode("2025-tw1"))
    assert hasil.periode.kode == "2025-TW1"
    assert (hasil.pegawai["periode"] == "2025-TW1").all() and (hasil.indikator["periode"] == "2025-TW1").all()


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 5: weights


def dua_iki(bobot_a=None, bobot_b=None, nip_=NIP_1):
    """IKI A at 110 and IKI B at 90 for one pegawai in January."""
    return (
        [iki(f"A{nip_[-1]}", nip_, 10, agregasi="terakhir", bobot=bobot_a), iki(f"B{nip_[-1]}", nip_, 10, agregasi="terakhir", bobot=bobot_b)],
        bulanan(f"A{nip_[-1]}", {"2025-01": 11}) + bulanan(f"B{nip_[-1]}", {"2025-01": 9}),
    )


def test_bobot_sama_bila_semua_kosong():
    ds = bangun_dataset(*dua_iki())
    assert baris_pegawai(score_period(ds, "2025-01")).capaian_hasil_kerja == 100.00


def test_bobot_eksplisit():
    # (3 × 110 + 1 × 90) / 4 = 105; weights need not sum to 100.
    ds = bangun_dataset(*dua_iki(3, 1))
    hasil = score_period(ds, "2025-01")
    assert baris_pegawai(hasil).capaian_hasil_kerja == 105.00
    assert baris_iki(hasil, "A1").bobot_efektif == 0.75


def test_bobot_per_pegawai_tahun():
    # One pegawai-year with weights, another without: each is read on its own.
    i1, r1 = dua_iki(1, 3, NIP_1)
    i2, r2 = dua_iki(None, None, NIP_2)
    hasil = score_period(bangun_dataset(i1 + i2, r1 + r2), "2025-01")
    assert baris_pegawai(hasil, NIP_1).capaian_hasil_kerja == 95.00
    assert baris_pegawai(hasil, NIP_2).capaian_hasil_kerja == 100.00


def test_iki_tambahan_ikut_dalam_capaian_hasil_kerja():
    ds = bangun_dataset(
        [iki("U", NIP_1, 10, agregasi="terakhir"), iki("T", NIP_1, 10, agregasi="terakhir", jenis_rhk="tambahan")],
        bulanan("U", {"2025-01": 10}) + bulanan("T", {"2025-01": 12}),
    )
    p = baris_pegawai(score_period(ds, "2025-01"))
    assert p.capaian_hasil_kerja == 110.00
    assert p.rating_hasil_kerja_usulan == "sesuai"  # proporsi reads the utama IKI only


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 3 (no realisasi): nol against abaikan


@pytest.fixture
def satu_tanpa_realisasi():
    """IKI A at 110 and IKI X without any realisasi in January."""
    return bangun_dataset([iki("A", NIP_1, 10, agregasi="terakhir"), iki("X", NIP_1, 10)], bulanan("A", {"2025-01": 11}))


def test_nol_menghitung_capaian_nol_dan_di_bawah(satu_tanpa_realisasi):
    hasil = score_period(satu_tanpa_realisasi, "2025-01", BAWAAN)
    p = baris_pegawai(hasil)
    assert p.capaian_hasil_kerja == 55.00  # (110 + 0) / 2
    assert p.rating_hasil_kerja_usulan == "sesuai"  # n = 2, a = 1, b = 1: b is not more than half
    assert (p.jumlah_indikator, p.indikator_tanpa_realisasi) == (2, 1)


def test_abaikan_meninggalkan_iki_tanpa_realisasi(satu_tanpa_realisasi):
    hasil = score_period(satu_tanpa_realisasi, "2025-01", ABAIKAN)
    p = baris_pegawai(hasil)
    assert p.capaian_hasil_kerja == 110.00
    assert p.rating_hasil_kerja_usulan == "di_atas"  # n = 1, a = 1
    assert (p.jumlah_indikator, p.indikator_tanpa_realisasi) == (2, 1)
    assert math.isnan(baris_iki(hasil, "X").bobot_efektif)


@pytest.mark.parametrize("metodologi", [BAWAAN, ABAIKAN], ids=["nol", "abaikan"])
def test_baris_iki_tanpa_realisasi_selalu_kosong(satu_tanpa_realisasi, metodologi):
    x = baris_iki(score_period(satu_tanpa_realisasi, "2025-01", metodologi), "X")
    assert x.bulan_lapor == 0 and x.target_periode == 10 / 12
    assert kosong(x.realisasi_periode) and kosong(x.capaian) and kosong(x.kategori)


def test_abaikan_tanpa_apa_pun_untuk_dinilai():
    ds = bangun_dataset([iki("X", NIP_1, 10)], perilaku_=[perilaku(NIP_1, "2025-01", 4)])
    p = baris_pegawai(score_period(ds, "2025-01", ABAIKAN))
    assert kosong(p.capaian_hasil_kerja) and kosong(p.rating_hasil_kerja_usulan) and kosong(p.rating_hasil_kerja)
    assert kosong(p.predikat)  # not yet assessed
    assert p.rating_perilaku == "di_atas"
    p = baris_pegawai(score_period(ds, "2025-01", BAWAAN))
    assert (p.capaian_hasil_kerja, p.rating_hasil_kerja_usulan, p.predikat) == (0.0, "di_bawah", "butuh_perbaikan")


def test_abaikan_dengan_hanya_tambahan_berrealisasi():
    # The utama IKI are chosen before abaikan drops anything: with no utama IKI left, the rating is
    # empty although capaian hasil kerja (over utama and tambahan) exists.
    ds = bangun_dataset(
        [iki("U", NIP_1, 10), iki("T", NIP_1, 10, agregasi="terakhir", jenis_rhk="tambahan")],
        bulanan("T", {"2025-01": 10}),
    )
    p = baris_pegawai(score_period(ds, "2025-01", ABAIKAN))
    assert p.capaian_hasil_kerja == 100.00
    assert kosong(p.rating_hasil_kerja_usulan)


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 6: rating hasil kerja


def rating_dari_capaian(capaian: list[float], jenis=None, metodologi=BAWAAN) -> str | None:
    """Rating usulan of one pegawai whose IKI reach `capaian` (percent, target 100, January)."""
    jenis = jenis or ["utama"] * len(capaian)
    ds = bangun_dataset(
        [iki(f"I{i}", NIP_1, 100, agregasi="terakhir", jenis_rhk=j) for i, j in enumerate(jenis)],
        [r for i, c in enumerate(capaian) for r in bulanan(f"I{i}", {"2025-01": c})],
    )
    nilai = baris_pegawai(score_period(ds, "2025-01", metodologi)).rating_hasil_kerja_usulan
    return None if kosong(nilai) else nilai


@pytest.mark.parametrize(
    ("capaian", "rating"),
    [
        ([110, 110, 100], "di_atas"),  # a = 2 > 3/2 and b = 0
        ([110, 110, 80], "sesuai"),  # most above, but one below
        ([110, 100], "sesuai"),  # a = 1 is not more than 2/2
        ([110, 110], "di_atas"),
        ([80, 80, 100], "di_bawah"),  # b = 2 > 3/2
        ([80, 100], "sesuai"),  # b = 1 is not more than half
        ([80, 110, 110, 80, 80], "di_bawah"),
        ([100, 100, 100], "sesuai"),
    ],
)
def test_rating_proporsi(capaian, rating):
    assert rating_dari_capaian(capaian) == rating


def test_proporsi_hanya_membaca_iki_utama():
    assert rating_dari_capaian([110, 80, 80], ["utama", "tambahan", "tambahan"]) == "di_atas"


def test_proporsi_membaca_semua_iki_bila_tidak_ada_utama():
    assert rating_dari_capaian([80, 80, 110], ["tambahan"] * 3) == "di_bawah"


@pytest.mark.parametrize(
    ("capaian", "rating"),
    [([110, 110, 80], "sesuai"), ([120, 110, 100], "di_atas"), ([100, 80, 80], "di_bawah"), ([90, 90], "sesuai")],
)
def test_rating_rata_rata(capaian, rating):
    # (110 + 110 + 80) / 3 = 100 → sesuai; (120 + 110 + 100) / 3 = 110 → di_atas; 86.67 → di_bawah.
    assert rating_dari_capaian(capaian, metodologi=RATA_RATA) == rating


def test_rata_rata_memakai_ambang_metodologi():
    m = RATA_RATA.dengan(ambang={"di_atas": 105, "sesuai": 95})
    assert rating_dari_capaian([105, 105], metodologi=m) == "di_atas"
    assert rating_dari_capaian([94.99], metodologi=m) == "di_bawah"


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 7: perilaku


def test_pegawai_tanpa_perilaku():
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), perilaku_=[perilaku(NIP_1, "2025-04", 5)])
    p = baris_pegawai(score_period(ds, "2025-TW1"))  # the April row lies outside TW1
    assert kosong(p.nilai_perilaku) and kosong(p.rating_perilaku_usulan) and kosong(p.rating_perilaku)
    assert kosong(p.predikat) and kosong(p.angka_kredit_persen)
    assert p.jumlah_perilaku == 0


def test_perilaku_dari_banyak_penilai_tiap_baris_sama_berat():
    ds = bangun_dataset(
        [iki("A", NIP_1, 12)],
        bulanan("A", {"2025-01": 1}),
        perilaku_=[
            perilaku(NIP_1, "2025-01", 5, nip_penilai=NIP_2),
            perilaku(NIP_1, "2025-01", 3, nip_penilai=NIP_3),
            perilaku(NIP_1, "2025-02", 3),
            perilaku(NIP_2, "2025-01", 1),  # another pegawai's row
        ],
    )
    p = baris_pegawai(score_period(ds, "2025-TW1"))
    assert (p.nilai_perilaku, p.rating_perilaku_usulan, p.jumlah_perilaku) == (3.67, "sesuai", 3)


def test_perilaku_dengan_desimal():
    ds = bangun_dataset(
        [iki("A", NIP_1, 12)],
        bulanan("A", {"2025-01": 1}),
        perilaku_=[perilaku(NIP_1, "2025-01", [3.7, 4, 4, 4, 4, 4, 4]), perilaku(NIP_1, "2025-02", [4.55, 4, 4, 4, 4, 4, 4])],
    )
    # (3.7 + 4.55 + 12 × 4) / 14 = 56.25 / 14 = 4.017857… → 4.02
    assert baris_pegawai(score_period(ds, "2025-TW1")).nilai_perilaku == 4.02


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 8: the atasan's final ratings


@pytest.fixture
def dinilai_atasan():
    """Usulan: hasil kerja sesuai (C = 100), perilaku di_atas (4.5) → Baik."""
    return dict(
        indikator=[iki("A", NIP_1, 12)],
        realisasi=bulanan("A", {"2025-01": 1, "2025-02": 1, "2025-03": 1}),
        perilaku_=[perilaku(NIP_1, "2025-02", 4.5)],
    )


@pytest.mark.parametrize(
    ("rhk", "rp", "final_hk", "final_p", "predikat"),
    [
        (None, None, "sesuai", "di_atas", "baik"),
        ("di_atas", None, "di_atas", "di_atas", "sangat_baik"),  # hasil kerja only
        (None, "di_bawah", "sesuai", "di_bawah", "kurang"),  # perilaku only
        ("di_bawah", "sesuai", "di_bawah", "sesuai", "butuh_perbaikan"),  # both
    ],
)
def test_umpan_balik_menimpa_rating(dinilai_atasan, rhk, rp, final_hk, final_p, predikat):
    ds = bangun_dataset(**dinilai_atasan, umpan_balik_=[umpan_balik(NIP_1, "2025-TW1", rhk, rp, catatan="Tingkatkan")])
    p = baris_pegawai(score_period(ds, "2025-TW1"))
    assert (p.rating_hasil_kerja_usulan, p.rating_perilaku_usulan) == ("sesuai", "di_atas")
    assert (p.rating_hasil_kerja, p.rating_perilaku, p.predikat) == (final_hk, final_p, predikat)
    assert p.catatan == "Tingkatkan"


def test_umpan_balik_periode_lain_tidak_dipakai(dinilai_atasan):
    ds = bangun_dataset(
        **dinilai_atasan,
        umpan_balik_=[umpan_balik(NIP_1, "2025-01", "di_bawah", "di_bawah"), umpan_balik(NIP_1, "2025", "di_bawah", "di_bawah")],
    )
    p = baris_pegawai(score_period(ds, "2025-TW1"))
    assert (p.rating_hasil_kerja, p.rating_perilaku, p.predikat) == ("sesuai", "di_atas", "baik")


def test_umpan_balik_melengkapi_rating_perilaku_yang_tidak_ada():
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), umpan_balik_=[umpan_balik(NIP_1, "2025-01", rating_perilaku="sesuai")])
    p = baris_pegawai(score_period(ds, "2025-01"))
    assert kosong(p.rating_perilaku_usulan)
    assert (p.rating_perilaku, p.predikat) == ("sesuai", "baik")


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 9: distribution check

# Final ratings that give each predikat (the atasan decides).
RATING_UNTUK = {r: (h, q) for h, q, r in reversed(MATRIKS)}


def instansi_dengan(predikat_organisasi: str | None, sebaran: dict[str, int], tanpa_predikat: int = 0, kode="DINKES") -> dict:
    """Tables of one instansi whose pegawai have the given predikat counts, plus some without a predikat."""
    indikator, realisasi, ub, peg = [], [], [], []
    nomor = 0
    daftar = [p for p, k in sebaran.items() for _ in range(k)] + [None] * tanpa_predikat
    basis = {"DINKES": 0, "BAPPEDA": 500, "KOSONG": 900}[kode]
    for predikat in daftar:
        nomor += 1
        n = nip(basis + nomor)
        peg.append(pegawai(n, kode))
        indikator.append(iki(f"{kode}-{nomor:03d}", n, 12))
        realisasi += bulanan(f"{kode}-{nomor:03d}", {"2025-01": 3})
        if predikat:
            ub.append(umpan_balik(n, "2025-TW1", *RATING_UNTUK[predikat]))
    ko = [{"kode_instansi": kode, "periode": "2025-TW1", "predikat_organisasi": predikat_organisasi}] if predikat_organisasi else []
    return {"indikator": indikator, "realisasi": realisasi, "umpan_balik_": ub, "pegawai_": peg, "kinerja_organisasi": ko}


def distribusi(predikat_organisasi, sebaran, tanpa_predikat=0) -> pd.DataFrame:
    hasil = score_period(bangun_dataset(**instansi_dengan(predikat_organisasi, sebaran, tanpa_predikat)), "2025-TW1")
    return hasil.distribusi


def status(frame: pd.DataFrame) -> list[str]:
    return list(frame["status"])


@pytest.mark.parametrize(
    ("organisasi", "sebaran", "harapan"),
    [
        # istimewa: Sangat Baik ≤ 70%
        ("istimewa", {"sangat_baik": 7, "baik": 3}, ["terpenuhi"]),
        ("istimewa", {"sangat_baik": 8, "baik": 2}, ["tidak terpenuhi"]),
        # baik: Baik ≤ 70%; Butuh Perbaikan + Kurang > 0%
        ("baik", {"baik": 7, "sangat_baik": 2, "kurang": 1}, ["terpenuhi", "terpenuhi"]),
        ("baik", {"baik": 8, "butuh_perbaikan": 2}, ["tidak terpenuhi", "terpenuhi"]),
        ("baik", {"baik": 5, "sangat_baik": 5}, ["terpenuhi", "tidak terpenuhi"]),
        # butuh_perbaikan: Sangat Baik ≤ 10%; Butuh Perbaikan ≥ 60%
        ("butuh_perbaikan", {"sangat_baik": 1, "butuh_perbaikan": 6, "baik": 3}, ["terpenuhi", "terpenuhi"]),
        ("butuh_perbaikan", {"sangat_baik": 2, "butuh_perbaikan": 5, "baik": 3}, ["tidak terpenuhi", "tidak terpenuhi"]),
        # kurang: Sangat Baik ≤ 10%; Butuh Perbaikan ≥ 10%; Kurang ≥ 60%
        ("kurang", {"butuh_perbaikan": 1, "kurang": 6, "baik": 3}, ["terpenuhi", "terpenuhi", "terpenuhi"]),
        ("kurang", {"sangat_baik": 2, "kurang": 5, "baik": 3}, ["tidak terpenuhi", "tidak terpenuhi", "tidak terpenuhi"]),
        # sangat_kurang: Sangat Baik = 0%; Butuh Perbaikan + Kurang ≥ 10%; Sangat Kurang ≥ 60%
        ("sangat_kurang", {"kurang": 1, "sangat_kurang": 6, "baik": 3}, ["terpenuhi", "terpenuhi", "terpenuhi"]),
        ("sangat_kurang", {"sangat_baik": 1, "sangat_kurang": 5, "baik": 4}, ["tidak terpenuhi", "tidak terpenuhi", "tidak terpenuhi"]),
    ],
)
def test_aturan_kurva_terpenuhi_dan_tidak(organisasi, sebaran, harapan):
    assert status(distribusi(organisasi, sebaran)) == harapan


def test_isi_tabel_distribusi():
    d = distribusi("baik", {"baik": 7, "sangat_baik": 2, "kurang": 1}, tanpa_predikat=2)
    assert list(d.columns) == KOLOM_DISTRIBUSI
    pertama, kedua = d.iloc[0], d.iloc[1]
    assert (pertama.kode_instansi, pertama.nama_instansi, pertama.predikat_organisasi) == ("DINKES", "Instansi DINKES", "baik")
    assert (pertama.nomor_aturan, pertama.aturan, pertama.predikat, pertama.syarat, pertama.batas) == (1, "Baik ≤ 70%", ("baik",), "maks", 0.7)
    # Pegawai without a predikat are not counted: 7 of 10, not 7 of 12.
    assert (pertama.jumlah, pertama.pembagi, pertama.porsi) == (7, 10, 0.7)
    assert kedua.aturan == "Butuh Perbaikan + Kurang/Misconduct > 0%"
    assert (kedua.jumlah, kedua.porsi) == (1, 0.1)


def test_teks_aturan_sama_dengan_nol():
    d = distribusi("sangat_kurang", {"sangat_kurang": 1})
    assert list(d["aturan"]) == ["Sangat Baik = 0%", "Butuh Perbaikan + Kurang/Misconduct ≥ 10%", "Sangat Kurang ≥ 60%"]


def test_kurva_tidak_dapat_dinilai_tanpa_pegawai_berpredikat():
    d = distribusi("istimewa", {}, tanpa_predikat=3)
    assert status(d) == ["tidak dapat dinilai"]
    assert (d.iloc[0].jumlah, d.iloc[0].pembagi) == (0, 0) and math.isnan(d.iloc[0].porsi)


def test_kurva_instansi_tanpa_pegawai_sama_sekali():
    tabel = instansi_dengan(None, {"baik": 2})
    tabel["instansi"] = [{"kode_instansi": "DINKES", "nama_instansi": "Dinas Kesehatan"}, {"kode_instansi": "KOSONG", "nama_instansi": "Tanpa Pegawai"}]
    tabel["kinerja_organisasi"] = [{"kode_instansi": "KOSONG", "periode": "2025-TW1", "predikat_organisasi": "baik"}]
    d = score_period(bangun_dataset(**tabel), "2025-TW1").distribusi
    assert list(d["kode_instansi"]) == ["KOSONG", "KOSONG"]
    assert status(d) == ["tidak dapat dinilai"] * 2


def test_kurva_hanya_instansi_dengan_predikat_organisasi_periode_itu():
    a = instansi_dengan("istimewa", {"sangat_baik": 1})
    b = instansi_dengan(None, {"sangat_baik": 1}, kode="BAPPEDA")
    tabel = {k: a[k] + b[k] for k in a}
    tabel["kinerja_organisasi"] += [{"kode_instansi": "BAPPEDA", "periode": "2025-TW2", "predikat_organisasi": "kurang"}]
    d = score_period(bangun_dataset(**tabel), "2025-TW1").distribusi
    assert list(d["kode_instansi"]) == ["DINKES"]


def test_kurva_tidak_mengubah_predikat():
    tabel = instansi_dengan("istimewa", {"sangat_baik": 10})
    hasil = score_period(bangun_dataset(**tabel), "2025-TW1")
    assert status(hasil.distribusi) == ["tidak terpenuhi"]
    assert (hasil.pegawai["predikat"] == "sangat_baik").all()


def test_tanpa_kinerja_organisasi_tabel_distribusi_kosong_berkolom():
    d = distribusi(None, {"baik": 1})
    assert d.empty and list(d.columns) == KOLOM_DISTRIBUSI


def test_kurva_dari_metodologi():
    ds = bangun_dataset(**instansi_dengan("istimewa", {"sangat_baik": 8, "baik": 2}))
    m = BAWAAN.dengan(kurva={"istimewa": [{"predikat": ["sangat_baik"], "maks": 0.8}, {"predikat": ["baik"], "min": 0.25}]})
    d = score_period(ds, "2025-TW1", m).distribusi
    assert list(d["aturan"]) == ["Sangat Baik ≤ 80%", "Baik ≥ 25%"]
    assert status(d) == ["terpenuhi", "tidak terpenuhi"]


# ---------------------------------------------------------------------------------------------
# Library tables and the CSV files


def test_kolom_dataframe_mengikuti_kontrak(contoh_kerja):
    hasil = score_period(contoh_kerja, "2025-TW1")
    assert list(hasil.pegawai.columns[: len(KOLOM_PEGAWAI)]) == KOLOM_PEGAWAI
    assert list(hasil.indikator.columns[: len(KOLOM_INDIKATOR)]) == KOLOM_INDIKATOR
    assert {"jabatan", "nip_atasan", "angka_kredit_persen"} <= set(hasil.pegawai.columns)
    assert {"indikator", "satuan", "rencana_hasil_kerja"} <= set(hasil.indikator.columns)
    assert hasil.pegawai["jumlah_indikator"].dtype == "int64"
    assert hasil.indikator["bulan_lapor"].dtype == "int64"
    assert hasil.pegawai["predikat"].dtype == "string"


def test_urutan_baris_dan_kolom_berkas(tmp_path):
    a = instansi_dengan("baik", {"baik": 2, "kurang": 1})
    b = instansi_dengan(None, {"sangat_baik": 2}, kode="BAPPEDA")
    tabel = {k: b[k] + a[k] for k in a}  # BAPPEDA first in the data
    tabel["pegawai_"] = tabel["pegawai_"][::-1]
    tabel["indikator"] = tabel["indikator"][::-1]
    hasil = score_period(bangun_dataset(**tabel), "2025-TW1")
    jalur = write_scores(hasil, tmp_path / "2025-TW1")
    assert [p.name for p in jalur] == ["nilai_pegawai.csv", "nilai_indikator.csv"]
    peg = pd.read_csv(jalur[0], dtype=str, keep_default_na=False)
    ind = pd.read_csv(jalur[1], dtype=str, keep_default_na=False)
    assert list(peg.columns) == KOLOM_PEGAWAI and list(ind.columns) == KOLOM_INDIKATOR
    kunci = list(zip(peg["kode_instansi"], peg["nip"]))
    assert kunci == sorted(kunci) and peg["kode_instansi"].iloc[0] == "BAPPEDA"
    assert list(ind["id_indikator"]) == sorted(ind["id_indikator"])
    assert set(peg["predikat"]) == {"Sangat Baik", "Baik", "Kurang/Misconduct"}
    assert set(peg["rating_hasil_kerja"]) <= {"Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"}
    assert set(peg["nilai_perilaku"]) == {""}  # no perilaku row: empty field
    # The DataFrames are sorted the same way.
    assert list(hasil.pegawai["nip"]) == list(peg["nip"])
    assert sorted(p.name for p in (tmp_path / "2025-TW1").iterdir()) == ["nilai_indikator.csv", "nilai_pegawai.csv"]


def test_berkas_utf8_tanpa_bom_dan_baris_baru_lf(contoh_kerja, tmp_path):
    for jalur in write_scores(score_period(contoh_kerja, "2025-TW1"), tmp_path):
        data = jalur.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data and data.endswith(b"\n")


def test_nama_bukan_ascii_ditulis_utf8(tmp_path):
    ds = bangun_dataset([iki("A", NIP_1, 12)], bulanan("A", {"2025-01": 1}), pegawai_=[pegawai(NIP_1, nama="Hj. Sitti Ḥalimah, S.Sos.")])
    write_scores(score_period(ds, "2025-01"), tmp_path)
    teks = (tmp_path / "nilai_pegawai.csv").read_text(encoding="utf-8")
    assert '"Hj. Sitti Ḥalimah, S.Sos."' in teks


def test_menulis_ulang_menimpa_berkas(contoh_kerja, tmp_path):
    write_scores(score_period(contoh_kerja, "2025-TW1"), tmp_path)
    write_scores(score_period(contoh_kerja, "2025-01"), tmp_path)
    assert (tmp_path / "nilai_pegawai.csv").read_text(encoding="utf-8").splitlines()[1].startswith("2025-01,")


# ---------------------------------------------------------------------------------------------
# Monthly trend


def test_capaian_bulanan(contoh_kerja):
    tren = capaian_bulanan(contoh_kerja, "2025-TW1")
    assert list(tren.columns) == ["nip", "kode_instansi", "bulan", "capaian_hasil_kerja", "indikator_tanpa_realisasi"]
    assert list(tren["bulan"]) == ["2025-01", "2025-02", "2025-03"]
    # January: A 8 of 10 = 80; B (2 − 12/10) = 80; C 70 below 80–90 = 87.5 → (80 + 80 + 87.5) / 3 = 82.5.
    # February: A 120; B 110; C no realisasi → 0 (nol) → 76.67. March: each as in TW1 → 101.85.
    assert list(tren["capaian_hasil_kerja"]) == [82.5, 76.67, 101.85]
    assert list(tren["indikator_tanpa_realisasi"]) == [0, 1, 0]


def test_capaian_bulanan_sama_dengan_nilai_tiap_bulan(contoh_kerja):
    tren = capaian_bulanan(contoh_kerja, "2025-TW1", ABAIKAN).set_index("bulan")
    for bulan in ("2025-01", "2025-02", "2025-03"):
        satu = score_period(contoh_kerja, bulan, ABAIKAN)
        assert tren.loc[bulan, "capaian_hasil_kerja"] == satu.pegawai["capaian_hasil_kerja"].iloc[0]


def test_capaian_bulanan_memakai_target_periodik_bulan():
    ds = bangun_dataset(
        [iki("A", NIP_1, 120, target_atas=240)],
        bulanan("A", {"2025-01": 10, "2025-02": 10}),
        target_periodik=[{"id_indikator": "A", "periode": "2025-02", "target": 5}],
    )
    tren = capaian_bulanan(ds, "2025-02")
    # January: inside 10–20 → 100; February: its own target 5 without a range → 200 → 120.
    assert list(tren["capaian_hasil_kerja"]) == [100.0, 120.0]


def test_bangun_data_nip_sah():
    from capaian.kode import nip_problem

    nips = pd.Series([nip(i) for i in (1, 17, 480, 13440, 99999)] + [NIP_1, NIP_2, NIP_3], dtype="string")
    assert nips.is_unique and nip_problem(nips).isna().all()


def test_nilai_numerik_bertipe_float(contoh_kerja):
    hasil = score_period(contoh_kerja, "2025-TW1")
    for k in ("target_periode", "target_atas_periode", "realisasi_periode", "capaian"):
        assert hasil.indikator[k].dtype == np.float64
    for k in ("capaian_hasil_kerja", "nilai_perilaku", "angka_kredit_persen"):
        assert hasil.pegawai[k].dtype == np.float64


def test_teks_yang_terbaca_sebagai_rumus_dinetralkan_di_csv_nilai(tmp_path):
    """docs/kontrak-data.md bagian 5: a text cell starting with =, +, -, @ gets a leading
    apostrophe in nilai_pegawai.csv and nilai_indikator.csv; numbers (a negative realisasi) stay."""
    ds = bangun_dataset(
        indikator=[iki("-A", NIP_1, 10, arah="turun", agregasi="jumlah")],
        realisasi=bulanan("-A", {"2025-01": -2, "2025-02": 1, "2025-03": 1}),
        pegawai_=[pegawai(NIP_1, nama="=HYPERLINK(\"http://x\")", unit_kerja="@Bidang")],
    )
    write_scores(score_period(ds, "2025-TW1"), tmp_path)
    peg = pd.read_csv(tmp_path / "nilai_pegawai.csv", dtype=str, keep_default_na=False).iloc[0]
    assert peg["nama"] == "'=HYPERLINK(\"http://x\")" and peg["unit_kerja"] == "'@Bidang"
    ind = pd.read_csv(tmp_path / "nilai_indikator.csv", dtype=str, keep_default_na=False).iloc[0]
    assert ind["id_indikator"] == "'-A" and ind["realisasi_periode"] == "0.00"
