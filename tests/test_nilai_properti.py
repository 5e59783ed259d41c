"""Properties the scoring must keep whatever the data (hypothesis)."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangun_data import bangun_dataset, iki, nip, pegawai, perilaku, umpan_balik
from capaian.angka import bulatkan_hitungan
from capaian.dataset import TABLES, Dataset
from capaian.pengaturan import load_metodologi
from capaian.nilai import KOLOM_INDIKATOR, KOLOM_PEGAWAI, hitung_capaian, score_period

BAWAAN = load_metodologi()
# `make test-cepat` sets CAPAIAN_UJI_CEPAT: fewer examples for a quick check; `make test` runs 60.
PENGATURAN = settings(max_examples=15 if os.environ.get("CAPAIAN_UJI_CEPAT") else 60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

angka = st.one_of(st.integers(0, 300).map(float), st.integers(0, 30000).map(lambda x: x / 100))
batas_atas = st.sampled_from([120.0, 150.0, None])


@st.composite
def iki_dan_realisasi(draw):
    """Target T, optional upper bound U, arah and the cap of one IKI."""
    arah = draw(st.sampled_from(["naik", "turun"]))
    t = draw(st.integers(0 if arah == "turun" else 1, 200).map(float))
    u = draw(st.one_of(st.none(), st.integers(0, 100).map(lambda d: t + d)))
    return arah, t, (np.nan if u is None else float(u)), draw(batas_atas)


def capaian_bulat(arah, t, u, cap, r):
    return bulatkan_hitungan(hitung_capaian([t], [u], [r], [arah == "turun"], cap))[0]


@given(iki_dan_realisasi(), angka, angka)
def test_capaian_naik_bertambah_dan_turun_berkurang_dengan_realisasi(spek, r1, r2):
    arah, t, u, cap = spek
    kecil, besar = sorted((r1, r2))
    c_kecil, c_besar = capaian_bulat(arah, t, u, cap, kecil), capaian_bulat(arah, t, u, cap, besar)
    if arah == "naik":
        assert c_kecil <= c_besar
    else:
        assert c_kecil >= c_besar


@given(iki_dan_realisasi(), angka)
def test_capaian_di_antara_nol_dan_batas_atas(spek, r):
    arah, t, u, cap = spek
    c = capaian_bulat(arah, t, u, cap, r)
    assert 0 <= c <= (np.inf if cap is None else cap)


def test_capaian_kosong_tanpa_realisasi():
    assert np.isnan(hitung_capaian([10.0], [np.nan], [np.nan], [False], 120.0)[0])


# ---------------------------------------------------------------------------------------------
# Whole data sets


@st.composite
def data_set(draw):
    """A small valid data set: 1–4 pegawai in 1–2 instansi, 1–4 IKI each, realisasi, perilaku,
    umpan_balik and kinerja_organisasi, scored for one period of 2025."""
    n_peg = draw(st.integers(1, 4))
    nips = [nip(i + 1) for i in range(n_peg)]
    kode = [draw(st.sampled_from(["DINKES", "BAPPEDA"])) for _ in nips]
    indikator, realisasi, perilaku_, ub = [], [], [], []
    for i, n in enumerate(nips):
        berbobot = draw(st.booleans())
        for j in range(draw(st.integers(1, 4))):
            arah = draw(st.sampled_from(["naik", "turun"]))
            target = float(draw(st.integers(0 if arah == "turun" else 1, 120)))
            rentang = draw(st.one_of(st.none(), st.integers(0, 30)))
            id_ = f"P{i}-{j}"
            indikator.append(
                iki(
                    id_,
                    n,
                    target,
                    arah=arah,
                    agregasi=draw(st.sampled_from(["jumlah", "rata_rata", "terakhir"])),
                    target_atas=None if rentang is None else target + rentang,
                    bobot=draw(st.sampled_from([1, 2, 3, 2.5, 10, 0.25])) if berbobot else None,
                    jenis_rhk=draw(st.sampled_from(["utama", "utama", "tambahan"])),
                )
            )
            for b in draw(st.sets(st.integers(1, 12), max_size=6)):
                realisasi.append({"id_indikator": id_, "bulan": f"2025-{b:02d}", "realisasi": draw(angka)})
        for b in draw(st.sets(st.integers(1, 12), max_size=3)):
            for penilai in draw(st.sets(st.sampled_from([None, nips[0]]), min_size=1)):
                skor = draw(st.lists(st.sampled_from([1, 2, 3, 3.5, 4, 4.5, 5]), min_size=7, max_size=7))
                perilaku_.append(perilaku(n, f"2025-{b:02d}", skor, nip_penilai=penilai))
        if draw(st.booleans()):
            rating = st.sampled_from([None, "di_atas", "sesuai", "di_bawah"])
            ub.append(umpan_balik(n, "2025-TW1", draw(rating), draw(rating)))
    organisasi = st.sampled_from(["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"])
    ko = [{"kode_instansi": k, "periode": "2025-TW1", "predikat_organisasi": draw(organisasi)} for k in sorted(set(kode))]
    ds = bangun_dataset(
        indikator,
        realisasi,
        pegawai_=[pegawai(n, k) for n, k in zip(nips, kode)],
        perilaku_=perilaku_,
        umpan_balik_=ub,
        kinerja_organisasi=ko,
    )
    periode = draw(st.sampled_from(["2025-01", "2025-TW1", "2025-S2", "2025"]))
    metodologi = BAWAAN.dengan(
        capaian={"tanpa_realisasi": draw(st.sampled_from(["nol", "abaikan"]))},
        rating_hasil_kerja={"metode": draw(st.sampled_from(["proporsi", "rata_rata"]))},
    )
    return ds, periode, metodologi


def kontrak(hasil):
    return hasil.pegawai[KOLOM_PEGAWAI], hasil.indikator[KOLOM_INDIKATOR]


@PENGATURAN
@given(data_set(), st.sampled_from([2, 3, 7, 0.5, 0.25, 10, 100, 0.01]))
def test_bobot_dikali_konstanta_tidak_mengubah_apa_pun(kasus, faktor):
    ds, periode, m = kasus
    ind = ds.indikator.copy()
    ind["bobot"] = ind["bobot"] * faktor
    lain = Dataset(**{t: (ind if t == "indikator" else ds.table(t)) for t in TABLES})
    a, b = score_period(ds, periode, m), score_period(lain, periode, m)
    for x, y in zip(kontrak(a), kontrak(b)):
        pd.testing.assert_frame_equal(x, y)
    pd.testing.assert_frame_equal(a.distribusi, b.distribusi)


@PENGATURAN
@given(data_set(), st.randoms(use_true_random=False))
def test_urutan_baris_masukan_tidak_mengubah_keluaran(kasus, acak):
    ds, periode, m = kasus
    diacak = {}
    for t in TABLES:
        frame = ds.table(t)
        urutan = list(range(len(frame)))
        acak.shuffle(urutan)
        diacak[t] = frame.iloc[urutan]
    lain = Dataset(**diacak)
    a, b = score_period(ds, periode, m), score_period(lain, periode, m)
    for x, y in zip(kontrak(a), kontrak(b)):
        pd.testing.assert_frame_equal(x, y)
    # Extra columns too; bobot_efektif is a float quotient of sums taken in another order.
    pd.testing.assert_frame_equal(a.pegawai, b.pegawai)
    pd.testing.assert_frame_equal(a.indikator, b.indikator, rtol=1e-12)
    pd.testing.assert_frame_equal(a.distribusi, b.distribusi)


@PENGATURAN
@given(data_set())
def test_keluaran_selalu_dalam_batas(kasus):
    ds, periode, m = kasus
    hasil = score_period(ds, periode, m)
    chk = hasil.pegawai["capaian_hasil_kerja"].dropna()
    assert chk.between(0, 120).all()
    assert hasil.pegawai["nilai_perilaku"].dropna().between(1, 5).all()
    assert hasil.indikator["capaian"].dropna().between(0, 120).all()
    assert (hasil.indikator["capaian"].isna() == (hasil.indikator["bulan_lapor"] == 0)).all()
    # The predikat is present exactly where both final ratings are.
    dinilai = hasil.pegawai["rating_hasil_kerja"].notna() & hasil.pegawai["rating_perilaku"].notna()
    assert (hasil.pegawai["predikat"].notna() == dinilai).all()
    assert (hasil.distribusi["porsi"].dropna().between(0, 1)).all()
