"""Indicator quality: are the IKI themselves any good, and do raters rate alike?

    bahan = prepare_bahan(dataset, "2025-TW4")           # the period's IKI, scores, monthly grid
    temuan = periksa_kualitas(dataset, "2025-TW4")       # one tidy DataFrame, one row per flag
    write_temuan_xlsx(temuan, Path("outputs/2025-TW4/kualitas_indikator.xlsx"))
    render_kualitas(Path("data/contoh"), "2025-TW4")     # what `capaian kualitas` runs

Every check (`DAFTAR_CEK`) is a vectorised function `cek_*(bahan, aturan) -> DataFrame` that
returns the rows it flags, each with a reason in Bahasa Indonesia (`alasan`) and the number the
rule compared (`nilai`, see each check). A flag asks a person to look; it never changes a score.
Thresholds live in `AturanKualitas` (defaults = `params/kualitas.yaml`).

Units: capaian and its thresholds are percent; `porsi_*` are fractions; perilaku scores are on the
1-5 scale. Missing values: an IKI without realisasi in the period has no capaian and takes no part
in the checks that need one; a realisasi row without `tanggal_lapor` cannot be late.

The second half of the module is what the notebook `notebooks/kualitas_indikator.ipynb` shows
(each function returns an HTML fragment with every piece of data text escaped), and
`render_kualitas`, which the command line calls.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from capaian import sumber
from capaian.format import KOSONG, angka, bulat, nama_bulan, nama_periode, persen, porsi, teks
from capaian.tampilan import Tampilan, batas_sumbu, figur, gambar_html, gaya_grafik, kartu_html, rincian_html, tabel_html, tidak_ada_data
from capaian.terbit import BundelPickle, pilih_instansi, sekarang, sumber_data, versi_paket
# The thresholds' model and loader live with the other settings files; re-exported for callers.
from capaian.pengaturan import AturanKualitas, AturanKualitasError, aturan_kualitas_bawaan, berkas_aturan_bawaan, load_aturan_kualitas  # noqa: F401

# =============================================================================================
# The material every check reads


@dataclass
class BahanKualitas:
    """The period's IKI with their scores and wording, the monthly realisasi and perilaku.

    - `iki`: one row per IKI of the period's year (sorted by id_indikator): the scored IKI table
      of `capaian.nilai` (target/realisasi/capaian of the period) plus `nama`, `unit_kerja`,
      `jabatan`, `nip_atasan`, `nama_instansi`, `capaian_tanpa_batas` (percent, rounded, no cap;
      NaN without realisasi) and `kunci_rumusan` (the wording reduced for comparison).
    - `realisasi`: the year's realisasi rows from January to the period's last month with `pos`
      (row of `iki`), `bulan_ke` (1-12), `dalam_periode`; sorted by pos, bulan_ke.
    - `perilaku`: the period's perilaku rows with `kode_instansi` of the rated pegawai.
    """

    periode: Any
    iki: pd.DataFrame
    realisasi: pd.DataFrame
    perilaku: pd.DataFrame
    pegawai: pd.DataFrame
    instansi: pd.DataFrame
    hasil: Any


_KATA_SAMBUNG = ("yang", "dan", "serta", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "oleh", "atau", "bagi", "para")
_RE_SAMBUNG = re.compile(r"(?<!\w)(?:" + "|".join(_KATA_SAMBUNG) + r")(?!\w)")


def kunci_rumusan(rumusan: pd.Series) -> pd.Series:
    """The wording reduced for comparing near-duplicates: case-folded, punctuation and the common
    conjunctions (yang, dan, di, ...) removed, white space collapsed. NA stays NA."""
    t = rumusan.astype("string").str.casefold()
    t = t.str.replace(r"[^\w%]+", " ", regex=True).str.replace("_", " ", regex=False)
    t = t.str.replace(_RE_SAMBUNG.pattern, " ", regex=True)
    return t.str.replace(r"\s+", " ", regex=True).str.strip()


def prepare_bahan(dataset, periode, metodologi=None, hasil=None) -> BahanKualitas:
    """Score the period (unless `hasil` is given) and lay out what the checks read.

    Raises `capaian.nilai.PeriodeTanpaIndikator` when the period's year has no IKI.
    """
    from capaian.angka import bulatkan
    from capaian.kode import Periode, parse_periode
    from capaian.pengaturan import load_metodologi
    from capaian.nilai import hitung_capaian, score_period

    p = periode if isinstance(periode, Periode) else parse_periode(str(periode))
    if hasil is None:
        hasil = score_period(dataset, p, metodologi if metodologi is not None else load_metodologi())
    iki = hasil.indikator.copy()
    peg = dataset.pegawai.set_index("nip")
    for k in ("nama", "unit_kerja", "jabatan", "nip_atasan"):
        iki[k] = iki["nip"].map(peg[k]).astype("string")
    nama_inst = dataset.instansi.set_index("kode_instansi")["nama_instansi"]
    iki["nama_instansi"] = iki["kode_instansi"].map(nama_inst).astype("string")
    turun = (iki["arah"] == "turun").fillna(False).to_numpy(dtype=bool)
    iki["capaian_tanpa_batas"] = bulatkan(
        hitung_capaian(
            iki["target_periode"].to_numpy(dtype="float64"),
            iki["target_atas_periode"].to_numpy(dtype="float64"),
            iki["realisasi_periode"].to_numpy(dtype="float64"),
            turun,
            None,
        )
    )
    iki["kunci_rumusan"] = kunci_rumusan(iki["indikator"])

    # The year's realisasi up to the period's end, on the IKI rows.
    real = dataset.realisasi
    bulan = real["bulan"].astype("string")
    tahun_ok = (bulan.str.slice(0, 4) == f"{p.tahun:04d}").fillna(False).to_numpy(dtype=bool)
    pos = pd.Index(iki["id_indikator"]).get_indexer(real["id_indikator"])
    bulan_ke = pd.to_numeric(bulan.str.slice(5, 7), errors="coerce").fillna(0).to_numpy(dtype="int64")
    pilih = tahun_ok & (pos >= 0) & (bulan_ke >= 1) & (bulan_ke <= max(p.bulan))
    r = pd.DataFrame(
        {
            "pos": pos[pilih],
            "bulan_ke": bulan_ke[pilih],
            "bulan": bulan.to_numpy(dtype=object, na_value=None)[pilih],
            "realisasi": real["realisasi"].to_numpy(dtype="float64", na_value=np.nan)[pilih],
            "bukti_dukung": real["bukti_dukung"].astype("string").array[pilih],
            "tanggal_lapor": real["tanggal_lapor"].to_numpy()[pilih],
        }
    )
    r["dalam_periode"] = r["bulan_ke"].isin(p.bulan)
    r = r.sort_values(["pos", "bulan_ke"], kind="stable").reset_index(drop=True)

    pr = dataset.perilaku
    dalam = pr["bulan"].isin(p.kode_bulan).fillna(False).to_numpy(dtype=bool)
    pr = pr.loc[dalam].reset_index(drop=True)
    pr = pr.assign(kode_instansi=pr["nip"].map(peg["kode_instansi"]).astype("string"))
    return BahanKualitas(p, iki, r, pr, dataset.pegawai, dataset.instansi, hasil)


# =============================================================================================
# Flags

KOLOM_TEMUAN = [
    "kode_instansi",
    "nama_instansi",
    "unit_kerja",
    "nip",
    "nama",
    "id_indikator",
    "indikator",
    "kelompok",
    "jenis_cek",
    "alasan",
    "nilai",
]

KELOMPOK = {
    "keterukuran": "Tidak terukur",
    "target": "Target tidak membedakan",
    "pelaporan": "Pelaporan",
    "nilai": "Nilai mencurigakan",
    "struktur": "Struktur dan cascading",
    "penilai": "Pola penilai perilaku",
}


def _kosong_temuan() -> pd.DataFrame:
    frame = pd.DataFrame({k: pd.Series(dtype="string") for k in KOLOM_TEMUAN})
    frame["nilai"] = frame["nilai"].astype("float64")
    return frame


def _temuan_iki(b: BahanKualitas, pos, jenis: str, alasan, nilai=np.nan) -> pd.DataFrame:
    """Flag rows for IKI at positions `pos` of `b.iki`."""
    pos = np.asarray(pos, dtype="int64")
    if len(pos) == 0:
        return _kosong_temuan()
    iki = b.iki.take(pos)
    frame = pd.DataFrame(
        {
            "kode_instansi": iki["kode_instansi"].array,
            "nama_instansi": iki["nama_instansi"].array,
            "unit_kerja": iki["unit_kerja"].array,
            "nip": iki["nip"].array,
            "nama": iki["nama"].array,
            "id_indikator": iki["id_indikator"].array,
            "indikator": iki["indikator"].array,
            "kelompok": CEK[jenis].kelompok,
            "jenis_cek": jenis,
            "alasan": np.asarray(alasan, dtype=object) if not isinstance(alasan, str) else alasan,
            "nilai": np.broadcast_to(np.asarray(nilai, dtype="float64"), (len(pos),)),
        }
    )
    return _tipe_temuan(frame)


def _temuan_pegawai(b: BahanKualitas, nip, kode_instansi, jenis: str, alasan, nilai=np.nan) -> pd.DataFrame:
    """Flag rows about a pegawai (or a rater) rather than one IKI."""
    nip = pd.array(np.asarray(nip, dtype=object), dtype="string")
    if len(nip) == 0:
        return _kosong_temuan()
    peg = b.pegawai.set_index("nip")
    inst = pd.array(np.asarray(kode_instansi, dtype=object), dtype="string")
    nama_inst = b.instansi.set_index("kode_instansi")["nama_instansi"]
    frame = pd.DataFrame(
        {
            "kode_instansi": inst,
            "nama_instansi": pd.Series(inst).map(nama_inst).array,
            "unit_kerja": pd.Series(nip).map(peg["unit_kerja"]).array,
            "nip": nip,
            "nama": pd.Series(nip).map(peg["nama"]).array,
            "id_indikator": pd.NA,
            "indikator": pd.NA,
            "kelompok": CEK[jenis].kelompok,
            "jenis_cek": jenis,
            "alasan": np.asarray(alasan, dtype=object) if not isinstance(alasan, str) else alasan,
            "nilai": np.broadcast_to(np.asarray(nilai, dtype="float64"), (len(nip),)),
        }
    )
    return _tipe_temuan(frame)


def _tipe_temuan(frame: pd.DataFrame) -> pd.DataFrame:
    for k in KOLOM_TEMUAN:
        if k != "nilai":
            frame[k] = frame[k].astype("string")
    frame["nilai"] = frame["nilai"].astype("float64")
    return frame[KOLOM_TEMUAN].reset_index(drop=True)


def _fmt(values, desimal: int = 1) -> pd.Series:
    """Indonesian number text for a column of values (used only on flagged rows)."""
    return pd.Series([angka(v, desimal) for v in np.asarray(values, dtype="float64")], dtype=object)


def _fmt_persen(values, desimal: int = 1) -> pd.Series:
    return pd.Series([persen(v, desimal) for v in np.asarray(values, dtype="float64")], dtype=object)


def _bulan_teks(kode: pd.Series) -> pd.Series:
    return kode.map(lambda k: nama_bulan(k) if isinstance(k, str) else KOSONG)


def _gabung_per_iki(pos: np.ndarray, bagian: pd.Series) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """Group month-level pieces of text by IKI: (positions, '; '-joined text, count)."""
    g = pd.DataFrame({"pos": pos, "t": bagian.to_numpy(dtype=object)}).groupby("pos", sort=True)["t"]
    teks_ = g.agg("; ".join)
    return teks_.index.to_numpy(dtype="int64"), teks_.reset_index(drop=True), g.size().to_numpy()


# ---------------------------------------------------------------------------------------------
# Measurability


def cek_tanpa_satuan(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI whose `satuan` is empty. nilai: empty."""
    pos = np.flatnonzero(b.iki["satuan"].isna().to_numpy())
    return _temuan_iki(
        b, pos, "tanpa_satuan", "Satuan kosong: tidak jelas apa yang dihitung (orang, dokumen, %, hari, ...)."
    )


_RE_SASARAN = re.compile(r"^\s*(?:me\w+nya|ter\w+nya|ber\w+nya|pe\w+an\s+\w+nya)\b", re.IGNORECASE)


def cek_rumusan_tanpa_ukuran(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI whose wording holds no measure word of `kata_ukur`, no digit and no `%`. nilai: empty."""
    kata = [re.escape(kunci_rumusan(pd.Series([k])).iloc[0]) for k in a.kata_ukur]
    kata = [k for k in kata if k]
    pola = r"(?<!\w)(?:" + "|".join(kata) + r")(?!\w)|\d|%"
    kunci = b.iki["kunci_rumusan"].fillna("")
    terukur = kunci.str.contains(pola, regex=True).fillna(False).to_numpy(dtype=bool)
    pos = np.flatnonzero(~terukur)
    if len(pos) == 0:
        return _kosong_temuan()
    iki = b.iki.take(pos)
    alasan = pd.Series(
        "Rumusan tidak memuat ukuran yang dapat dihitung (mis. jumlah, persentase, rata-rata, indeks, nilai)",
        index=range(len(pos)),
        dtype=object,
    )
    sasaran = iki["indikator"].astype("string").str.contains(_RE_SASARAN.pattern, regex=True, case=False).fillna(False).to_numpy(dtype=bool)
    alasan[sasaran] += "; bunyinya seperti sasaran (kondisi yang ingin dicapai), bukan indikator"
    sama_rhk = (kunci_rumusan(iki["rencana_hasil_kerja"]).to_numpy(dtype=object) == iki["kunci_rumusan"].to_numpy(dtype=object))
    alasan[sama_rhk] += "; sama dengan rencana hasil kerjanya"
    return _temuan_iki(b, pos, "rumusan_tanpa_ukuran", alasan + ".")


# ---------------------------------------------------------------------------------------------
# Targets that do not discriminate


def _kelompok_iki(b: BahanKualitas) -> np.ndarray:
    """Group number of each IKI: same reduced wording, satuan and arah."""
    satuan = b.iki["satuan"].astype("string").str.strip().str.casefold().fillna("")
    kunci = b.iki["kunci_rumusan"].fillna("") + "|" + satuan + "|" + b.iki["arah"].astype("string").fillna("")
    return pd.factorize(kunci)[0]


def _statistik_kelompok(b: BahanKualitas, a: AturanKualitas):
    """Per IKI: group number, whether it has a capaian, and its group's size (IKI with capaian)."""
    g = _kelompok_iki(b)
    c = b.iki["capaian_tanpa_batas"].to_numpy(dtype="float64")
    ada = ~np.isnan(c)
    n = np.bincount(g[ada], minlength=g.max() + 1 if len(g) else 0)
    return g, c, ada, n


def _cek_target_ekstrem(b: BahanKualitas, a: AturanKualitas, atas: bool) -> pd.DataFrame:
    g, c, ada, n = _statistik_kelompok(b, a)
    if not len(g):
        return _kosong_temuan()
    jauh = ada & ((c >= a.jauh_di_atas) if atas else (c < a.jauh_di_bawah))
    k = np.bincount(g[jauh], minlength=len(n))
    cukup = n >= a.min_pegawai_kelompok
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, k / np.maximum(n, 1), 0.0)
    kena = cukup & (share >= a.porsi_hampir_semua)
    pos = np.flatnonzero(ada & kena[g])
    if not len(pos):
        return _kosong_temuan()
    median = pd.Series(c[ada]).groupby(g[ada]).median()
    gp = g[pos]
    kalimat = (
        _fmt(k[gp], 0) + " dari " + _fmt(n[gp], 0) + " IKI dengan rumusan ini "
        + ("mencapai ≥ " + persen(a.jauh_di_atas, 0) if atas else "mencapai < " + persen(a.jauh_di_bawah, 0))
        + " target (median capaian tanpa batas " + _fmt_persen(median.reindex(gp).to_numpy()) + "): "
        + ("target terlalu mudah, sehingga tidak membedakan kinerja." if atas else "target tidak realistis, hampir tidak ada yang mencapainya.")
    )
    jenis = "target_terlalu_mudah" if atas else "target_tidak_realistis"
    return _temuan_iki(b, pos, jenis, kalimat, c[pos])


def cek_target_terlalu_mudah(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Groups of IKI (same wording, satuan, arah; at least `min_pegawai_kelompok` with capaian) in
    which at least `porsi_hampir_semua` reach `jauh_di_atas` percent or more (capaian without cap).
    Every member with capaian is flagged. nilai: its capaian without cap (percent)."""
    return _cek_target_ekstrem(b, a, atas=True)


def cek_target_tidak_realistis(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """As `cek_target_terlalu_mudah`, for capaian below `jauh_di_bawah` percent."""
    return _cek_target_ekstrem(b, a, atas=False)


def cek_capaian_seragam(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Groups of IKI (at least `min_pegawai_kelompok` with capaian) whose capaian without cap is
    exactly the same for everyone (zero variance). nilai: that capaian (percent)."""
    g, c, ada, n = _statistik_kelompok(b, a)
    if not len(g):
        return _kosong_temuan()
    s = pd.Series(c[ada]).groupby(g[ada])
    rentang = (s.max() - s.min()).reindex(range(len(n))).to_numpy()
    kena = (n >= a.min_pegawai_kelompok) & (rentang == 0)
    pos = np.flatnonzero(ada & kena[g])
    if not len(pos):
        return _kosong_temuan()
    alasan = (
        "Semua " + _fmt(n[g[pos]], 0) + " IKI dengan rumusan ini mendapat capaian yang sama persis ("
        + _fmt_persen(c[pos]) + "): IKI tidak membedakan kinerja antarpegawai."
    )
    return _temuan_iki(b, pos, "capaian_seragam", alasan, c[pos])


# ---------------------------------------------------------------------------------------------
# Reporting


def cek_bulan_kosong(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI with no realisasi row for some month of the period. nilai: months missing."""
    m = b.periode.jumlah_bulan
    lapor = b.iki["bulan_lapor"].to_numpy(dtype="int64")
    pos = np.flatnonzero(lapor < m)
    if not len(pos):
        return _kosong_temuan()
    r = b.realisasi[b.realisasi["dalam_periode"]]
    ada = np.zeros((len(b.iki), 12), dtype=bool)
    ada[r["pos"].to_numpy(), r["bulan_ke"].to_numpy() - 1] = True
    kode = np.array(b.periode.kode_bulan, dtype=object)
    idx = np.array(b.periode.bulan) - 1
    hilang = ~ada[np.ix_(pos, idx)]
    teks_bulan = [", ".join(nama_bulan(k) for k in kode[baris]) for baris in hilang]
    kurang = m - lapor[pos]
    alasan = np.where(
        lapor[pos] == 0,
        "Tidak ada realisasi sama sekali pada periode ini (" + pd.Series(teks_bulan, dtype=object) + ").",
        "Realisasi tidak dilaporkan untuk " + _fmt(kurang, 0) + " dari " + str(m) + " bulan: " + pd.Series(teks_bulan, dtype=object) + ".",
    )
    terakhir = (b.iki["agregasi"].iloc[pos] == "terakhir").to_numpy()
    alasan = np.where(terakhir & (lapor[pos] > 0), alasan + " (IKI 'terakhir': nilainya memakai bulan terakhir yang dilaporkan.)", alasan)
    return _temuan_iki(b, pos, "bulan_kosong", alasan, kurang)


def batas_lapor(bulan: pd.Series, hari: int) -> pd.Series:
    """The reporting deadline of each month code `YYYY-MM`: day `hari` of the following month."""
    b = bulan.astype("string")
    y = pd.to_numeric(b.str.slice(0, 4)).astype("int64")
    m = pd.to_numeric(b.str.slice(5, 7)).astype("int64")
    return pd.to_datetime(pd.DataFrame({"year": y + (m == 12), "month": m % 12 + 1, "day": hari}))


def cek_lapor_terlambat(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI with a realisasi of the period reported (`tanggal_lapor`) after day `hari_batas_lapor`
    of the following month. nilai: the number of late months."""
    r = b.realisasi[b.realisasi["dalam_periode"] & b.realisasi["tanggal_lapor"].notna()].reset_index(drop=True)
    if r.empty:
        return _kosong_temuan()
    batas = batas_lapor(r["bulan"], a.hari_batas_lapor)
    tanggal = pd.to_datetime(r["tanggal_lapor"])
    telat = (tanggal.dt.normalize() - batas).dt.days
    r = r[telat.to_numpy() > 0].assign(telat=telat[telat > 0].to_numpy(), tanggal=tanggal[telat > 0].to_numpy())
    if r.empty:
        return _kosong_temuan()
    from capaian.format import tanggal as fmt_tanggal

    bagian = (
        _bulan_teks(r["bulan"]).reset_index(drop=True)
        + " (dilaporkan "
        + pd.Series([fmt_tanggal(t) for t in pd.to_datetime(r["tanggal"])], dtype=object)
        + ", terlambat "
        + _fmt(r["telat"], 0)
        + " hari)"
    )
    pos, gabung, n = _gabung_per_iki(r["pos"].to_numpy(), bagian)
    alasan = (
        _fmt(n, 0) + " laporan realisasi melewati batas tanggal " + str(a.hari_batas_lapor) + " bulan berikutnya: " + gabung + "."
    )
    return _temuan_iki(b, pos, "lapor_terlambat", alasan, n)


def cek_tanpa_bukti(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI with a realisasi of the period whose `bukti_dukung` is empty or only a placeholder
    (`bukti_tidak_sah`, e.g. "Terlampir"). nilai: the number of such months."""
    r = b.realisasi[b.realisasi["dalam_periode"]].reset_index(drop=True)
    if r.empty:
        return _kosong_temuan()
    bukti = r["bukti_dukung"].astype("string")
    kosong = bukti.isna().to_numpy()
    pengisi = bukti.str.strip().str.casefold().isin(list(a.bukti_tidak_sah)).fillna(False).to_numpy(dtype=bool) & ~kosong
    pilih = kosong | pengisi
    if not pilih.any():
        return _kosong_temuan()
    rr = r[pilih].reset_index(drop=True)
    bagian = _bulan_teks(rr["bulan"]).reset_index(drop=True)
    ket = pd.Series(np.where(kosong[pilih], "", " (hanya '" + bukti[pilih].fillna("").to_numpy(dtype=object) + "')"), dtype=object)
    pos, gabung, n = _gabung_per_iki(rr["pos"].to_numpy(), bagian + ket)
    alasan = "Realisasi tanpa bukti dukung untuk " + _fmt(n, 0) + " bulan: " + gabung + "."
    return _temuan_iki(b, pos, "tanpa_bukti", alasan, n)


# ---------------------------------------------------------------------------------------------
# Suspicious values


def _skala_robust(nilai: pd.Series, kelompok, a: AturanKualitas) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the group's median and robust scale max(1.4826 × MAD, skala_relatif_min × |median|)."""
    g = nilai.groupby(kelompok)
    med = g.transform("median").to_numpy(dtype="float64")
    mad = (nilai - med).abs().groupby(kelompok).transform("median").to_numpy(dtype="float64")
    skala = np.maximum(1.4826 * mad, a.skala_relatif_min * np.abs(med))
    return med, skala


def cek_lonjakan(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Month-to-month jumps: a month of the period whose realisasi differs from the IKI's previous
    reported month by more than `pengali_mad` × the robust scale of the IKI's own monthly values
    since January (median and MAD, see `_skala_robust`). Only IKI with `min_bulan_lonjakan`
    reported months; an IKI whose scale is 0 (mostly zeros) is left out.
    nilai: the largest jump in units of that scale."""
    r = b.realisasi
    if r.empty:
        return _kosong_temuan()
    v = r["realisasi"]
    pos = r["pos"].to_numpy()
    med, skala = _skala_robust(v, pos, a)
    n = r.groupby("pos")["realisasi"].transform("size").to_numpy()
    sebelum = v.groupby(pos).shift(1).to_numpy(dtype="float64")
    bulan_sebelum = r["bulan"].groupby(pos).shift(1)
    d = v.to_numpy(dtype="float64") - sebelum
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.abs(d) / skala
    pilih = r["dalam_periode"].to_numpy() & ~np.isnan(sebelum) & (n >= a.min_bulan_lonjakan) & (skala > 0) & (z > a.pengali_mad)
    if not pilih.any():
        return _kosong_temuan()
    rr = r[pilih].reset_index(drop=True)
    bagian = (
        _bulan_teks(rr["bulan"]).reset_index(drop=True) + " " + _fmt(rr["realisasi"], 2)
        + " setelah " + _fmt(sebelum[pilih], 2) + " pada " + _bulan_teks(bulan_sebelum[pilih]).reset_index(drop=True)
    )
    p, gabung, _ = _gabung_per_iki(rr["pos"].to_numpy(), bagian)
    zmax = pd.Series(z[pilih]).groupby(rr["pos"].to_numpy()).max().reindex(p).to_numpy()
    medp = pd.Series(med[pilih]).groupby(rr["pos"].to_numpy()).first().reindex(p).to_numpy()
    alasan = (
        "Lonjakan dari bulan sebelumnya: " + gabung + " (median bulanan IKI ini " + _fmt(medp, 2)
        + "; lonjakan " + _fmt(zmax, 1) + " kali skala wajar). Periksa salah ketik atau angka kumulatif."
    )
    return _temuan_iki(b, p, "lonjakan", alasan, zmax)


def cek_pencilan(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """An IKI whose capaian (without cap) lies more than `pengali_mad` robust scales from the median
    of the IKI sharing its wording, satuan and arah (at least `min_pegawai_kelompok` with capaian).
    nilai: the distance in robust scales."""
    g, c, ada, n = _statistik_kelompok(b, a)
    if not len(g):
        return _kosong_temuan()
    pakai = ada & (n[g] >= a.min_pegawai_kelompok)
    if not pakai.any():
        return _kosong_temuan()
    idx = np.flatnonzero(pakai)
    med, skala = _skala_robust(pd.Series(c[idx]), g[idx], a)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.abs(c[idx] - med) / skala
    kena = (skala > 0) & (z > a.pengali_mad)
    pos = idx[kena]
    if not len(pos):
        return _kosong_temuan()
    alasan = (
        "Capaian " + _fmt_persen(c[pos]) + " jauh dari median " + _fmt_persen(med[kena]) + " pada "
        + _fmt(n[g[pos]], 0) + " IKI dengan rumusan yang sama (" + _fmt(z[kena], 1)
        + " kali skala wajar): periksa target dan realisasinya."
    )
    return _temuan_iki(b, pos, "pencilan", alasan, z[kena])


def cek_terakhir_mundur(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI with `agregasi: terakhir` whose value in a month of the period is worse than the previous
    reported month (lower for `naik`, higher for `turun`) by more than `toleransi_mundur` of it.
    nilai: the change of the latest such month (realisasi units)."""
    r = b.realisasi
    if r.empty:
        return _kosong_temuan()
    pos = r["pos"].to_numpy()
    terakhir = (b.iki["agregasi"] == "terakhir").fillna(False).to_numpy(dtype=bool)[pos]
    turun = (b.iki["arah"] == "turun").fillna(False).to_numpy(dtype=bool)[pos]
    v = r["realisasi"].to_numpy(dtype="float64")
    sebelum = r["realisasi"].groupby(pos).shift(1).to_numpy(dtype="float64")
    bulan_sebelum = r["bulan"].groupby(pos).shift(1)
    mundur = np.where(turun, v - sebelum, sebelum - v)
    pilih = terakhir & r["dalam_periode"].to_numpy() & ~np.isnan(sebelum) & (mundur > a.toleransi_mundur * np.abs(sebelum)) & (mundur > 0)
    if not pilih.any():
        return _kosong_temuan()
    rr = r[pilih].reset_index(drop=True)
    bagian = (
        _bulan_teks(rr["bulan"]).reset_index(drop=True) + " " + _fmt(rr["realisasi"], 2)
        + " setelah " + _fmt(sebelum[pilih], 2) + " pada " + _bulan_teks(bulan_sebelum[pilih]).reset_index(drop=True)
    )
    p, gabung, _ = _gabung_per_iki(rr["pos"].to_numpy(), bagian)
    ubah = pd.Series((v - sebelum)[pilih]).groupby(rr["pos"].to_numpy()).last().reindex(p).to_numpy()
    arah = np.where((b.iki["arah"].iloc[p] == "turun").to_numpy(), "naik padahal makin rendah makin baik", "turun")
    alasan = (
        "Nilai IKI 'terakhir' " + pd.Series(arah, dtype=object) + ": " + gabung
        + ". Nilai periode hanya memakai bulan terakhir; periksa apakah angka kumulatif diisi sebagai angka bulanan."
    )
    return _temuan_iki(b, p, "terakhir_mundur", alasan, ubah)


# ---------------------------------------------------------------------------------------------
# Structure


def _utama(b: BahanKualitas) -> np.ndarray:
    return (b.iki["jenis_rhk"] == "utama").fillna(False).to_numpy(dtype=bool)


def cek_tanpa_iki_atasan(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI utama of a pegawai who has an atasan, with `id_indikator_atasan` empty (broken
    cascading). nilai: empty."""
    punya_atasan = b.iki["nip_atasan"].notna().to_numpy()
    putus = b.iki["id_indikator_atasan"].isna().to_numpy()
    pos = np.flatnonzero(_utama(b) & punya_atasan & putus)
    if not len(pos):
        return _kosong_temuan()
    atasan_ber_iki = b.iki["nip_atasan"].iloc[pos].isin(set(b.iki["nip"])).to_numpy()
    alasan = np.where(
        atasan_ber_iki,
        "IKI utama tidak terhubung ke IKI atasan (id_indikator_atasan kosong): cascading kinerja putus.",
        "IKI utama tidak terhubung ke IKI atasan, dan atasan belum memiliki IKI tahun " + str(b.periode.tahun) + ": cascading kinerja putus.",
    )
    return _temuan_iki(b, pos, "tanpa_iki_atasan", alasan)


def cek_iki_atasan_tanpa_dukungan(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI utama of a pegawai whose bawahan have IKI this year, that no IKI of any bawahan names as
    its `id_indikator_atasan`. nilai: the number of bawahan with IKI."""
    nip_ber_iki = pd.Index(pd.unique(b.iki["nip"]))
    peg = b.pegawai[b.pegawai["nip"].isin(nip_ber_iki) & b.pegawai["nip_atasan"].notna()]
    bawahan = peg.groupby("nip_atasan").size()
    n_bawahan = b.iki["nip"].map(bawahan).fillna(0).to_numpy(dtype="int64")
    didukung = b.iki["id_indikator"].isin(set(b.iki["id_indikator_atasan"].dropna())).to_numpy()
    pos = np.flatnonzero(_utama(b) & (n_bawahan > 0) & ~didukung)
    if not len(pos):
        return _kosong_temuan()
    alasan = (
        "Tidak satu pun IKI dari " + _fmt(n_bawahan[pos], 0)
        + " bawahan yang ber-IKI mendukung IKI ini: hasil kerja pimpinan ini tidak diturunkan ke tim."
    )
    return _temuan_iki(b, pos, "iki_atasan_tanpa_dukungan", alasan, n_bawahan[pos])


def cek_rumusan_disalin(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """IKI utama whose reduced wording (`kunci_rumusan`) is shared by at least `min_salinan`
    pegawai holding at least `min_jabatan_salinan` different jabatan (unit kerja where jabatan is
    empty). The same wording for one jabatan across instansi is a standard IKI, not a copy; the same
    wording across many different jabatan cannot describe any one of them. IKI tambahan (shared
    tasks such as a committee) are left out. nilai: the number of pegawai sharing it."""
    utama = _utama(b) & b.iki["kunci_rumusan"].notna().to_numpy()
    if not utama.any():
        return _kosong_temuan()
    iki = b.iki[utama]
    jabatan = iki["jabatan"].str.strip().str.casefold().fillna("unit:" + iki["unit_kerja"].fillna(""))
    g = iki.assign(_jabatan=jabatan).groupby("kunci_rumusan")
    n_peg = iki["kunci_rumusan"].map(g["nip"].nunique()).to_numpy(dtype="int64")
    n_jab = iki["kunci_rumusan"].map(g["_jabatan"].nunique()).to_numpy(dtype="int64")
    kena = (n_peg >= a.min_salinan) & (n_jab >= a.min_jabatan_salinan)
    pos = np.flatnonzero(utama)[kena]
    if not len(pos):
        return _kosong_temuan()
    alasan = (
        "Rumusan yang (hampir) sama dipakai oleh " + _fmt(n_peg[kena], 0) + " pegawai dengan " + _fmt(n_jab[kena], 0)
        + " jabatan berbeda: IKI individu sebaiknya mencerminkan hasil kerja jabatan masing-masing."
    )
    return _temuan_iki(b, pos, "rumusan_disalin", alasan, n_peg[kena])


def cek_bobot_tidak_100(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Pegawai whose IKI all give `bobot` and whose weights do not add up to 100 (within
    `toleransi_bobot`). Weights stay relative in the score; this asks whether an IKI is missing.
    One row per pegawai (no id_indikator). nilai: the sum of the weights."""
    bobot = b.iki["bobot"]
    g = bobot.groupby(b.iki["nip"])
    lengkap = g.count() == g.size()
    jumlah = g.sum()
    kena = lengkap & ((jumlah - 100).abs() > a.toleransi_bobot)
    nip = kena[kena].index.to_numpy(dtype=object)
    if not len(nip):
        return _kosong_temuan()
    inst = b.iki.drop_duplicates("nip").set_index("nip")["kode_instansi"].reindex(nip).to_numpy(dtype=object)
    s = jumlah.reindex(nip).to_numpy()
    alasan = (
        "Jumlah bobot IKI " + _fmt(s, 2) + ", bukan 100: bobot tetap dipakai secara relatif, "
        "tetapi periksa apakah ada IKI yang terlewat atau bobot yang salah ketik."
    )
    return _temuan_pegawai(b, nip, inst, "bobot_tidak_100", alasan, s)


# ---------------------------------------------------------------------------------------------
# Raters of perilaku


def _penilai(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Per (penilai, instansi of the rated pegawai): rows, mean/min/max score, and the mean of the
    other rows of that instansi in the period (leave-one-out)."""
    from capaian.dataset import ASPEK_PERILAKU

    pr = b.perilaku
    if pr.empty:
        return pd.DataFrame()
    skor = pr[list(ASPEK_PERILAKU)].to_numpy(dtype="float64", na_value=np.nan)
    data = pd.DataFrame(
        {
            "penilai": pr["nip_penilai"].astype("string").to_numpy(dtype=object, na_value=None),
            "kode_instansi": pr["kode_instansi"].to_numpy(dtype=object, na_value=None),
            "nip": pr["nip"].to_numpy(dtype=object, na_value=None),
            "jumlah": np.nansum(skor, axis=1),
            "banyak": (~np.isnan(skor)).sum(axis=1),
            "min": np.nanmin(skor, axis=1),
            "max": np.nanmax(skor, axis=1),
        }
    )
    inst = data.groupby("kode_instansi").agg(jumlah_i=("jumlah", "sum"), banyak_i=("banyak", "sum"), baris_i=("jumlah", "size"))
    dikenal = data[data["penilai"].notna()]
    g = dikenal.groupby(["penilai", "kode_instansi"]).agg(
        jumlah=("jumlah", "sum"), banyak=("banyak", "sum"), baris=("jumlah", "size"),
        min=("min", "min"), max=("max", "max"), pegawai=("nip", "nunique"),
    ).reset_index()
    g = g.join(inst, on="kode_instansi")
    g["rata"] = g["jumlah"] / g["banyak"]
    lain = g["banyak_i"] - g["banyak"]
    g["baris_lain"] = g["baris_i"] - g["baris"]
    with np.errstate(invalid="ignore", divide="ignore"):
        g["rata_lain"] = np.where(lain > 0, (g["jumlah_i"] - g["jumlah"]) / lain.where(lain > 0, 1), np.nan)
    return g


def cek_penilai_seragam(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Raters who gave at least `min_baris_penilai` rows in the period, all of whose scores (every
    aspect, pegawai and month) are the same. nilai: that score."""
    g = _penilai(b, a)
    if g.empty:
        return _kosong_temuan()
    g = g[(g["baris"] >= a.min_baris_penilai) & (g["min"] == g["max"])]
    alasan = (
        "Semua " + _fmt(g["banyak"], 0) + " skor yang diberikan kepada " + _fmt(g["pegawai"], 0)
        + " pegawai sama (" + _fmt(g["min"], 1) + "): penilaian tidak membedakan aspek, pegawai maupun bulan."
    )
    return _temuan_pegawai(b, g["penilai"], g["kode_instansi"], "penilai_seragam", alasan, g["min"])


def _cek_penilai_selisih(b: BahanKualitas, a: AturanKualitas, longgar: bool) -> pd.DataFrame:
    g = _penilai(b, a)
    if g.empty:
        return _kosong_temuan()
    selisih = (g["rata"] - g["rata_lain"]) * (1 if longgar else -1)
    g = g.assign(selisih=selisih)
    g = g[(g["baris"] >= a.min_baris_penilai) & (g["baris_lain"] >= a.min_baris_penilai) & (g["selisih"] >= a.selisih_penilai - 1e-9)]
    kata = "lebih tinggi" if longgar else "lebih rendah"
    tambahan = "" if longgar else " Bisa jadi timnya memang lemah; bandingkan dengan capaian hasil kerja."
    alasan = (
        "Rata-rata skor yang diberikan " + _fmt(g["rata"], 2) + " (" + _fmt(g["baris"], 0) + " penilaian), "
        + _fmt(g["selisih"], 2) + " poin " + kata + " dari rata-rata penilai lain di instansi ini ("
        + _fmt(g["rata_lain"], 2) + ")." + tambahan
    )
    jenis = "penilai_longgar" if longgar else "penilai_ketat"
    return _temuan_pegawai(b, g["penilai"], g["kode_instansi"], jenis, alasan, g["selisih"])


def cek_penilai_longgar(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """Raters (at least `min_baris_penilai` rows) whose mean score is `selisih_penilai` points or
    more above the mean of the other rows of the same instansi in the period (leave-one-out).
    nilai: the difference in points."""
    return _cek_penilai_selisih(b, a, longgar=True)


def cek_penilai_ketat(b: BahanKualitas, a: AturanKualitas) -> pd.DataFrame:
    """As `cek_penilai_longgar`, for a mean that many points below. nilai: the difference."""
    return _cek_penilai_selisih(b, a, longgar=False)


# ---------------------------------------------------------------------------------------------
# The list of checks


@dataclass(frozen=True)
class Cek:
    """One check: its code, group, title, function and its rule in words (given the thresholds)."""

    kode: str
    kelompok: str
    judul: str
    fungsi: Callable[[BahanKualitas, AturanKualitas], pd.DataFrame]
    aturan: Callable[[AturanKualitas], str]
    per_rumusan: bool = False  # the report groups its flags by wording


DAFTAR_CEK: tuple[Cek, ...] = (
    Cek("tanpa_satuan", "keterukuran", "Tanpa satuan", cek_tanpa_satuan,
        lambda a: "Kolom satuan IKI kosong.", per_rumusan=True),
    Cek("rumusan_tanpa_ukuran", "keterukuran", "Rumusan tanpa ukuran", cek_rumusan_tanpa_ukuran,
        lambda a: "Rumusan indikator tidak memuat kata ukuran (jumlah, persentase, rata-rata, indeks, nilai, ...), angka, atau tanda %.",
        per_rumusan=True),
    Cek("target_terlalu_mudah", "target", "Target terlalu mudah", cek_target_terlalu_mudah,
        lambda a: f"Di antara IKI berumusan, bersatuan dan berarah sama (paling sedikit {a.min_pegawai_kelompok} yang berealisasi), "
        f"paling sedikit {porsi(a.porsi_hampir_semua, 0)} mencapai ≥ {persen(a.jauh_di_atas, 0)} target (capaian tanpa batas atas).",
        per_rumusan=True),
    Cek("target_tidak_realistis", "target", "Target tidak realistis", cek_target_tidak_realistis,
        lambda a: f"Seperti di atas, tetapi paling sedikit {porsi(a.porsi_hampir_semua, 0)} mencapai < {persen(a.jauh_di_bawah, 0)} target.",
        per_rumusan=True),
    Cek("capaian_seragam", "target", "Capaian seragam", cek_capaian_seragam,
        lambda a: f"Semua IKI berumusan sama (paling sedikit {a.min_pegawai_kelompok} yang berealisasi) mendapat capaian yang persis sama (ragam nol).",
        per_rumusan=True),
    Cek("bulan_kosong", "pelaporan", "Bulan tanpa realisasi", cek_bulan_kosong,
        lambda a: "Ada bulan dalam periode tanpa baris realisasi."),
    Cek("lapor_terlambat", "pelaporan", "Laporan terlambat", cek_lapor_terlambat,
        lambda a: f"tanggal_lapor realisasi bulan B jatuh setelah tanggal {a.hari_batas_lapor} bulan B+1."),
    Cek("tanpa_bukti", "pelaporan", "Tanpa bukti dukung", cek_tanpa_bukti,
        lambda a: "Realisasi dalam periode dengan bukti_dukung kosong atau hanya berisi "
        + ", ".join(f"'{x}'" for x in a.bukti_tidak_sah) + "."),
    Cek("lonjakan", "nilai", "Lonjakan bulanan", cek_lonjakan,
        lambda a: f"Perubahan dari bulan lapor sebelumnya lebih dari {angka(a.pengali_mad, 1)} × skala wajar IKI itu sejak Januari "
        f"(skala = maks(1,4826 × MAD, {porsi(a.skala_relatif_min, 0)} × |median|); paling sedikit {a.min_bulan_lonjakan} bulan berealisasi)."),
    Cek("pencilan", "nilai", "Capaian pencilan", cek_pencilan,
        lambda a: f"Capaian (tanpa batas atas) lebih dari {angka(a.pengali_mad, 1)} × skala wajar dari median IKI berumusan sama "
        "(median dan MAD antarpegawai)."),
    Cek("terakhir_mundur", "nilai", "IKI 'terakhir' mundur", cek_terakhir_mundur,
        lambda a: "IKI beragregasi 'terakhir' yang nilainya memburuk dibanding bulan lapor sebelumnya"
        + (f" lebih dari {porsi(a.toleransi_mundur, 0)}" if a.toleransi_mundur else "") + " (turun untuk arah naik, naik untuk arah turun)."),
    Cek("tanpa_iki_atasan", "struktur", "Tidak terhubung ke IKI atasan", cek_tanpa_iki_atasan,
        lambda a: "IKI utama pegawai yang memiliki atasan, dengan id_indikator_atasan kosong."),
    Cek("iki_atasan_tanpa_dukungan", "struktur", "IKI atasan tanpa dukungan", cek_iki_atasan_tanpa_dukungan,
        lambda a: "IKI utama pegawai yang bawahannya ber-IKI, tetapi tidak dirujuk oleh IKI bawahan mana pun."),
    Cek("rumusan_disalin", "struktur", "Rumusan disalin", cek_rumusan_disalin,
        lambda a: f"Rumusan IKI utama yang (hampir) sama dipakai oleh ≥ {a.min_salinan} pegawai dengan ≥ {a.min_jabatan_salinan} jabatan berbeda.",
        per_rumusan=True),
    Cek("bobot_tidak_100", "struktur", "Bobot tidak berjumlah 100", cek_bobot_tidak_100,
        lambda a: f"Jumlah bobot IKI satu pegawai menyimpang dari 100 lebih dari {angka(a.toleransi_bobot, 2)}."),
    Cek("penilai_seragam", "penilai", "Penilai memberi skor seragam", cek_penilai_seragam,
        lambda a: f"Penilai dengan ≥ {a.min_baris_penilai} penilaian dalam periode yang semua skornya sama."),
    Cek("penilai_longgar", "penilai", "Penilai longgar", cek_penilai_longgar,
        lambda a: f"Rata-rata skor penilai ≥ {angka(a.selisih_penilai, 1)} poin di atas rata-rata penilai lain di instansi yang sama."),
    Cek("penilai_ketat", "penilai", "Penilai ketat", cek_penilai_ketat,
        lambda a: f"Rata-rata skor penilai ≥ {angka(a.selisih_penilai, 1)} poin di bawah rata-rata penilai lain di instansi yang sama."),
)
CEK = {c.kode: c for c in DAFTAR_CEK}
_URUTAN_CEK = {c.kode: i for i, c in enumerate(DAFTAR_CEK)}


def periksa_bahan(b: BahanKualitas, aturan: AturanKualitas | None = None, instansi: Sequence[str] | None = None,
                  cek: Sequence[str] | None = None) -> pd.DataFrame:
    """Run the checks (`cek`: codes, default all) on prepared material; one row per flag.

    Group checks (shared wording, a rater against the instansi's average) look at every instansi;
    `instansi` then keeps only the flags of those codes. Sorted by kode_instansi, nip,
    id_indikator and the order of `DAFTAR_CEK`. Columns `KOLOM_TEMUAN`.
    """
    a = aturan or aturan_kualitas_bawaan()
    kode = list(cek) if cek is not None else [c.kode for c in DAFTAR_CEK]
    tidak_dikenal = [k for k in kode if k not in CEK]
    if tidak_dikenal:
        raise ValueError(f"jenis cek tidak dikenal: {', '.join(tidak_dikenal)}; yang sah: {', '.join(CEK)}")
    bagian = [CEK[k].fungsi(b, a) for k in kode]
    bagian = [x for x in bagian if len(x)]
    if not bagian:
        return _kosong_temuan()
    hasil = pd.concat(bagian, ignore_index=True)
    if instansi is not None:
        hasil = hasil[hasil["kode_instansi"].isin(list(instansi)).fillna(False).to_numpy(dtype=bool)]
    urut = hasil["jenis_cek"].map(_URUTAN_CEK).astype("int64")
    hasil = hasil.assign(_u=urut.to_numpy()).sort_values(
        ["kode_instansi", "nip", "id_indikator", "_u"], kind="stable", na_position="first"
    )
    return _tipe_temuan(hasil.drop(columns="_u"))


def periksa_kualitas(dataset, periode, metodologi=None, aturan: AturanKualitas | None = None,
                     instansi: Sequence[str] | None = None, cek: Sequence[str] | None = None) -> pd.DataFrame:
    """Every quality flag of the period: `prepare_bahan` then `periksa_bahan` (see both)."""
    return periksa_bahan(prepare_bahan(dataset, periode, metodologi), aturan, instansi, cek)


# =============================================================================================
# Summaries (for the report and the spreadsheet)


def ringkasan_cek(temuan: pd.DataFrame, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """One row per check, in `DAFTAR_CEK` order: group, title, the rule in words, and how many flags,
    distinct IKI, pegawai and instansi it raised."""
    a = aturan or aturan_kualitas_bawaan()
    g = temuan.groupby("jenis_cek")
    baris = []
    for c in DAFTAR_CEK:
        ada = c.kode in g.groups
        t = g.get_group(c.kode) if ada else temuan.iloc[:0]
        baris.append(
            {
                "kelompok": KELOMPOK[c.kelompok],
                "jenis_cek": c.kode,
                "judul": c.judul,
                "aturan": c.aturan(a),
                "temuan": len(t),
                "iki": int(t["id_indikator"].nunique()),
                "pegawai": int(t["nip"].nunique()),
                "instansi": int(t["kode_instansi"].nunique()),
            }
        )
    return pd.DataFrame(baris)


TINGKAT_KEPARAHAN = {3: "tinggi", 2: "sedang", 1: "rendah"}


def keparahan(jenis_cek, aturan: AturanKualitas | Mapping | None = None) -> np.ndarray:
    """The severity (3 tinggi, 2 sedang, 1 rendah; params/kualitas.yaml, `keparahan`) of each check code."""
    a = aturan or aturan_kualitas_bawaan()
    tingkat = a["keparahan"] if isinstance(a, Mapping) else a.keparahan.model_dump()
    return np.array([int(tingkat.get(k, 1)) for k in jenis_cek], dtype="int64")


def urut_keparahan(temuan: pd.DataFrame, aturan: AturanKualitas | Mapping | None = None) -> pd.DataFrame:
    """The flags, most severe first (then instansi, pegawai, IKI and check order), with a column
    `keparahan` (1-3)."""
    hasil = temuan.assign(keparahan=keparahan(temuan["jenis_cek"], aturan))
    urut = hasil["jenis_cek"].map(_URUTAN_CEK).astype("int64")
    hasil = hasil.assign(_u=urut.to_numpy(), _k=-hasil["keparahan"])
    hasil = hasil.sort_values(["_k", "kode_instansi", "nip", "id_indikator", "_u"], kind="stable", na_position="first")
    return hasil.drop(columns=["_u", "_k"]).reset_index(drop=True)


def temuan_terpenting(temuan: pd.DataFrame, aturan: AturanKualitas | Mapping | None = None, banyak: int | None = None) -> pd.DataFrame:
    """The findings that matter most per instansi: flags of one check in one instansi are one
    finding (for checks about the wording, one per wording), with how many IKI or pegawai it
    concerns; ranked by severity, then count; the first `banyak` (default `temuan_teratas`) per
    instansi. Columns kode_instansi, nama_instansi, keparahan, jenis_cek, temuan (words), jumlah,
    satuan (`IKI` or `pegawai`), contoh (one reason)."""
    a = aturan or aturan_kualitas_bawaan()
    n = banyak or (a["temuan_teratas"] if isinstance(a, Mapping) else a.temuan_teratas)
    kolom = ["kode_instansi", "nama_instansi", "keparahan", "jenis_cek", "temuan", "jumlah", "satuan", "contoh"]
    if temuan.empty:
        return pd.DataFrame(columns=kolom)
    t = temuan.assign(
        _rumusan=[i if CEK[j].per_rumusan and isinstance(i, str) else "" for j, i in zip(temuan["jenis_cek"], temuan["indikator"])]
    )
    baris = []
    for (kode, jenis, rumusan), g in t.groupby(["kode_instansi", "jenis_cek", "_rumusan"], sort=False, dropna=False):
        ber_iki = g["id_indikator"].notna().any()
        jumlah = int(g["id_indikator"].nunique()) if ber_iki else int(g["nip"].nunique())
        judul_temuan = CEK[jenis].judul + (f": «{_pendek(rumusan, 70)}»" if rumusan else "")
        baris.append({"kode_instansi": kode, "nama_instansi": g["nama_instansi"].iloc[0], "jenis_cek": jenis, "temuan": judul_temuan,
                      "jumlah": jumlah, "satuan": "IKI" if ber_iki else ("penilai" if CEK[jenis].kelompok == "penilai" else "pegawai"),
                      "contoh": g["alasan"].iloc[0]})
    data = pd.DataFrame(baris)
    data["keparahan"] = keparahan(data["jenis_cek"], a)
    data["_u"] = data["jenis_cek"].map(_URUTAN_CEK)
    data = data.sort_values(["kode_instansi", "keparahan", "jumlah", "_u", "temuan"], ascending=[True, False, False, True, True], kind="stable")
    return data.groupby("kode_instansi", sort=False).head(n)[kolom].reset_index(drop=True)


def ringkasan_instansi(temuan: pd.DataFrame, b: BahanKualitas, instansi: Sequence[str] | None = None) -> pd.DataFrame:
    """Per instansi: pegawai and IKI of the year, IKI with at least one flag (count and fraction),
    and the number of flags per group of checks (one column per `KELOMPOK` code)."""
    kode = list(instansi) if instansi is not None else list(b.instansi["kode_instansi"])
    iki = b.iki[b.iki["kode_instansi"].isin(kode)]
    dasar = pd.DataFrame({"kode_instansi": kode})
    dasar["nama_instansi"] = dasar["kode_instansi"].map(b.instansi.set_index("kode_instansi")["nama_instansi"])
    dasar["pegawai"] = dasar["kode_instansi"].map(iki.groupby("kode_instansi")["nip"].nunique()).fillna(0).astype("int64")
    dasar["iki"] = dasar["kode_instansi"].map(iki.groupby("kode_instansi").size()).fillna(0).astype("int64")
    ber_iki = temuan[temuan["id_indikator"].notna()]
    dasar["iki_ditandai"] = dasar["kode_instansi"].map(ber_iki.groupby("kode_instansi")["id_indikator"].nunique()).fillna(0).astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        dasar["porsi_ditandai"] = np.where(dasar["iki"] > 0, dasar["iki_ditandai"] / dasar["iki"].clip(lower=1), np.nan)
    hitung = temuan.groupby(["kode_instansi", "kelompok"]).size().unstack(fill_value=0)
    for k in KELOMPOK:
        dasar[k] = dasar["kode_instansi"].map(hitung[k] if k in hitung.columns else pd.Series(dtype="int64")).fillna(0).astype("int64")
    return dasar


def kepatuhan_bulanan(b: BahanKualitas, instansi: Sequence[str] | None = None) -> pd.DataFrame:
    """Reporting compliance per instansi and month, January to the period's end: the fraction of
    the instansi's IKI of the year with a realisasi row for that month. Long form: kode_instansi,
    nama_instansi, bulan ('YYYY-MM'), kepatuhan (fraction), iki."""
    kode = list(instansi) if instansi is not None else list(b.instansi["kode_instansi"])
    nb = max(b.periode.bulan)
    ada = np.zeros((len(b.iki), nb), dtype=bool)
    r = b.realisasi
    ada[r["pos"].to_numpy(), r["bulan_ke"].to_numpy() - 1] = True
    inst = b.iki["kode_instansi"].to_numpy(dtype=object, na_value=None)
    bulan = [f"{b.periode.tahun:04d}-{m:02d}" for m in range(1, nb + 1)]
    frame = pd.DataFrame(ada, columns=bulan)
    frame["kode_instansi"] = inst
    g = frame.groupby("kode_instansi")
    rata = g[bulan].mean().reindex(kode)
    n = g.size().reindex(kode).fillna(0).astype("int64")
    panjang = rata.reset_index().melt(id_vars="kode_instansi", var_name="bulan", value_name="kepatuhan")
    panjang["iki"] = panjang["kode_instansi"].map(n).astype("int64")
    panjang["nama_instansi"] = panjang["kode_instansi"].map(b.instansi.set_index("kode_instansi")["nama_instansi"])
    return panjang[["kode_instansi", "nama_instansi", "bulan", "kepatuhan", "iki"]]


def capaian_per_rumusan(b: BahanKualitas, instansi: Sequence[str] | None = None, banyak: int = 15) -> pd.DataFrame:
    """The capaian (percent, without cap, and as scored) of every IKI of the `banyak` wordings held
    by the most IKI with a capaian in the period. Columns: indikator, kunci_rumusan, capaian,
    capaian_tanpa_batas, n (IKI of that wording with capaian)."""
    kode = list(instansi) if instansi is not None else list(b.instansi["kode_instansi"])
    iki = b.iki[b.iki["kode_instansi"].isin(kode) & b.iki["capaian"].notna()]
    if iki.empty:
        return pd.DataFrame(columns=["indikator", "kunci_rumusan", "capaian", "capaian_tanpa_batas", "n"])
    n = iki.groupby("kunci_rumusan").size().sort_values(ascending=False, kind="stable")
    pilih = n.index[: banyak]
    data = iki[iki["kunci_rumusan"].isin(pilih)]
    contoh = data.groupby("kunci_rumusan")["indikator"].first()
    hasil = pd.DataFrame(
        {
            "kunci_rumusan": data["kunci_rumusan"].to_numpy(dtype=object),
            "capaian": data["capaian"].to_numpy(dtype="float64"),
            "capaian_tanpa_batas": data["capaian_tanpa_batas"].to_numpy(dtype="float64"),
        }
    )
    hasil["indikator"] = hasil["kunci_rumusan"].map(contoh).to_numpy(dtype=object)
    hasil["n"] = hasil["kunci_rumusan"].map(n).to_numpy(dtype="int64")
    urut = {k: i for i, k in enumerate(pilih)}
    hasil = hasil.assign(_u=hasil["kunci_rumusan"].map(urut)).sort_values(["_u", "capaian_tanpa_batas"], kind="stable")
    return hasil.drop(columns="_u").reset_index(drop=True)[["indikator", "kunci_rumusan", "capaian", "capaian_tanpa_batas", "n"]]


# =============================================================================================
# The spreadsheet of flagged IKI

_JUDUL_KOLOM_XLSX = KOLOM_TEMUAN[:8] + ["jenis_cek", "judul_cek", "alasan", "nilai", "keparahan"]


def _sel(ws, nilai: Any, tebal: bool = False):
    """One cell value for a write-only sheet: text stays text (a value from the data that starts
    with `=` would otherwise become a live formula), numbers stay numbers, missing is empty."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if nilai is None or (not isinstance(nilai, str) and pd.isna(nilai)):
        return None
    if isinstance(nilai, (np.integer,)):
        nilai = int(nilai)
    elif isinstance(nilai, (np.floating,)):
        nilai = float(nilai)
    if tebal or (isinstance(nilai, str) and nilai.startswith("=")):
        cell = WriteOnlyCell(ws, value=nilai)
        if isinstance(nilai, str):
            cell.data_type = "s"  # never "f"
        if tebal:
            cell.font = Font(bold=True)
        return cell
    return nilai


def _lembar(wb, judul: str, kepala: Sequence[str], baris, lebar: Sequence[float]):
    """A write-only sheet: bold header, column widths, frozen header row, a filter over the data."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(judul)
    for j, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"
    ws.append([_sel(ws, k, tebal=True) for k in kepala])
    n = 0
    for r in baris:
        ws.append([_sel(ws, v) for v in r])
        n += 1
    if n:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(kepala))}{n + 1}"
    return ws


def write_temuan_xlsx(temuan: pd.DataFrame, path: str | Path, aturan: AturanKualitas | None = None,
               ringkasan: pd.DataFrame | None = None) -> Path:
    """Write the flags as an XLSX workbook for the instansi to follow up, through a temporary file.

    Sheets: `IKI bermasalah` (one row per flag, the complete list, most severe first: instansi,
    unit, NIP as text, name, IKI, group, check, reason, value rounded to 2 decimals, severity), `Ringkasan` (flags per instansi and group) when
    `ringkasan` (see `ringkasan_instansi`) is given, and `Aturan` (every check's rule in words).
    Every text cell is stored as text: a wording such as `=HYPERLINK(...)` is never a live formula.
    """
    from openpyxl import Workbook

    from capaian.angka import bulatkan
    from capaian.runner import berkas_atomik

    a = aturan or aturan_kualitas_bawaan()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)

    temuan = urut_keparahan(temuan, a)
    kolom = {k: temuan[k].to_numpy(dtype=object, na_value=None) for k in KOLOM_TEMUAN if k != "nilai"}
    kolom["keparahan"] = np.array([TINGKAT_KEPARAHAN[int(k)] for k in temuan["keparahan"]], dtype=object)
    kolom["kelompok"] = np.array([KELOMPOK.get(k, k) for k in kolom["kelompok"]], dtype=object)
    kolom["judul_cek"] = np.array([CEK[k].judul if k in CEK else k for k in kolom["jenis_cek"]], dtype=object)
    kolom["nilai"] = bulatkan(temuan["nilai"].to_numpy(dtype="float64"))
    lebar = {"kode_instansi": 14, "nama_instansi": 30, "unit_kerja": 28, "nip": 20, "nama": 28, "id_indikator": 16,
             "indikator": 50, "kelompok": 22, "jenis_cek": 24, "judul_cek": 28, "alasan": 90, "nilai": 10, "keparahan": 12}
    _lembar(wb, "IKI bermasalah", _JUDUL_KOLOM_XLSX, zip(*(kolom[k] for k in _JUDUL_KOLOM_XLSX)), [lebar[k] for k in _JUDUL_KOLOM_XLSX])

    if ringkasan is not None:
        kolom_r = ["kode_instansi", "nama_instansi", "pegawai", "iki", "iki_ditandai", "porsi_ditandai", *KELOMPOK]
        data = ringkasan[kolom_r].copy()
        data["porsi_ditandai"] = data["porsi_ditandai"].round(4)
        _lembar(wb, "Ringkasan", kolom_r[:6] + [KELOMPOK[k] for k in KELOMPOK], data.itertuples(index=False, name=None),
                [16, 30] + [16] * (len(kolom_r) - 2))

    _lembar(wb, "Aturan", ["jenis_cek", "judul_cek", "kelompok", "keparahan", "aturan"],
            ((c.kode, c.judul, KELOMPOK[c.kelompok], TINGKAT_KEPARAHAN[int(keparahan([c.kode], a)[0])], c.aturan(a)) for c in DAFTAR_CEK),
            [26, 32, 26, 12, 110])

    with berkas_atomik(path) as tmp:
        wb.save(tmp)
    return path


# =============================================================================================
# Notebook side: the bundle and what each section of the report shows


@dataclass
class BundelKualitas(BundelPickle):
    """What the quality notebook shows, computed once by the batch (or by `prepare_bundel`).

    `temuan` holds the flags of the chosen instansi (`instansi`: list of (kode, nama)); the other
    frames are `ringkasan_cek`, `ringkasan_instansi`, `kepatuhan_bulanan` and
    `capaian_per_rumusan`; `jumlah` counts the IKI, pegawai and instansi examined;
    `terpenting`: `temuan_terpenting` (the findings the report opens with).
    """

    periode: str
    instansi: list
    temuan: pd.DataFrame
    ringkasan_cek: pd.DataFrame
    ringkasan_instansi: pd.DataFrame
    kepatuhan: pd.DataFrame
    sebaran: pd.DataFrame
    jumlah: dict
    aturan: dict
    aturan_berkas: str
    metodologi: dict
    metodologi_berkas: str
    xlsx: str = "kualitas_indikator.xlsx"
    sumber: list = field(default_factory=list)
    paket: dict = field(default_factory=dict)
    dibuat: str = ""
    terpenting: pd.DataFrame | None = None


def build_bundel(dataset, b: BahanKualitas, temuan: pd.DataFrame, aturan: AturanKualitas, kode: Sequence[str],
                metodologi, metodologi_berkas: str, aturan_berkas: str, dibuat: str | None = None) -> BundelKualitas:
    """Everything the report shows for the chosen instansi `kode` (flags already filtered)."""
    nama = dict(zip(b.instansi["kode_instansi"], b.instansi["nama_instansi"]))
    iki = b.iki[b.iki["kode_instansi"].isin(list(kode))]
    return BundelKualitas(
        periode=b.periode.kode,
        instansi=[(k, nama[k]) for k in kode],
        temuan=temuan,
        ringkasan_cek=ringkasan_cek(temuan, aturan),
        ringkasan_instansi=ringkasan_instansi(temuan, b, kode),
        kepatuhan=kepatuhan_bulanan(b, kode),
        sebaran=capaian_per_rumusan(b, kode),
        jumlah={
            "iki": len(iki),
            "pegawai": int(iki["nip"].nunique()),
            "pegawai_instansi": int(b.pegawai["kode_instansi"].isin(list(kode)).fillna(False).sum()),
            "instansi": len(kode),
            "semua_instansi": len(kode) == len(b.instansi),
            "iki_ditandai": int(temuan["id_indikator"].nunique()),
            "iki_berealisasi": int(iki["capaian"].notna().sum()),
            "batas_atas": b.hasil.metodologi.capaian.batas_atas,
            "ambang": (b.hasil.metodologi.ambang.di_atas, b.hasil.metodologi.ambang.sesuai),
        },
        aturan=aturan.model_dump(mode="json"),
        aturan_berkas=aturan_berkas,
        metodologi=metodologi.model_dump(mode="json") if hasattr(metodologi, "model_dump") else dict(metodologi),
        metodologi_berkas=metodologi_berkas,
        sumber=sumber_data(dataset),
        paket=versi_paket(),
        dibuat=dibuat or sekarang(),
        terpenting=temuan_terpenting(temuan, aturan),
    )


def prepare_bundel(data: str | None, periode: str, instansi: Sequence[str] | None = None, metodologi: str | None = None,
                    bundel: str | None = None, aturan: str | None = None) -> BundelKualitas:
    """The report's data: the batch's bundle where one is given, else (a notebook opened by hand)
    validate, score and check `data` here."""
    if bundel:
        return BundelKualitas.load_untuk(bundel, periode)
    from capaian.pengaturan import BERKAS_BAWAAN, load_metodologi
    from capaian.validasi import load_dataset

    m = load_metodologi(metodologi)
    a = load_aturan_kualitas(aturan)
    ds = load_dataset(data)
    kode = pilih_instansi(ds, instansi)
    b = prepare_bahan(ds, periode, m)
    temuan = periksa_bahan(b, a, kode)
    return build_bundel(ds, b, temuan, a, kode, m, str(metodologi or BERKAS_BAWAAN), str(aturan or berkas_aturan_bawaan() or "bawaan"))


def _pendek(t: Any, n: int = 70) -> str:
    t = "" if t is None or (not isinstance(t, str) and pd.isna(t)) else str(t)
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"


def judul(bk: BundelKualitas):
    """The report's heading."""
    from capaian.format import tanggal

    cakupan = "seluruh instansi" if bk.jumlah.get("semua_instansi") else ", ".join(n for _, n in bk.instansi)
    dibuat = tanggal(dt.datetime.fromisoformat(bk.dibuat), jam=True) if bk.dibuat else KOSONG
    return Tampilan(
        f"<h1>Kualitas Indikator Kinerja Individu</h1>\n"
        f'<p class="subjudul">Periode {teks(nama_periode(bk.periode))} ({teks(bk.periode)}) · '
        f"{teks(bulat(bk.jumlah['instansi']))} instansi ({teks(cakupan)})<br>Dibuat {teks(dibuat)}</p>",
        "judul",
    )


def alasan_tanpa_data(bk: BundelKualitas) -> str | None:
    """Why the chosen instansi have no IKI to check in the period's year; None when they have."""
    if bk.jumlah["iki"]:
        return None
    tahun = bk.periode[:4]
    if not bk.jumlah.get("pegawai_instansi"):
        return "Instansi yang dipilih tidak memiliki pegawai di tabel pegawai, jadi tidak ada IKI untuk diperiksa."
    return f"Pegawai instansi yang dipilih tidak memiliki IKI untuk tahun {tahun}, jadi tidak ada IKI untuk diperiksa."


def ringkasan(bk: BundelKualitas):
    """An explicit "Tidak ada data" section where the chosen instansi have no IKI, then the
    headline cards and the table of checks: what each rule is and how many IKI it flagged."""
    j = bk.jumlah
    t = bk.temuan
    kartu = [
        (bulat(j["iki"]), "IKI diperiksa", f"milik {bulat(j['pegawai'])} pegawai"),
        (bulat(j["iki_ditandai"]), "IKI ditandai", f"{porsi(j['iki_ditandai'] / j['iki'] if j['iki'] else float('nan'))} dari IKI yang diperiksa"),
        (bulat(len(t)), "temuan", f"oleh {bulat(int((bk.ringkasan_cek['temuan'] > 0).sum()))} dari {bulat(len(bk.ringkasan_cek))} pemeriksaan"),
        (bulat(t.loc[t["kelompok"] == "penilai", "nip"].nunique()), "penilai perilaku ditandai", "pola skor seragam, longgar atau ketat"),
    ]
    alasan = alasan_tanpa_data(bk)
    isi = ([tidak_ada_data(alasan)] if alasan else []) + [kartu_html(kartu)]
    isi.append(
        f'<p class="catatan">Setiap temuan adalah permintaan untuk meninjau, bukan putusan: tidak ada pemeriksaan yang mengubah '
        f"nilai atau predikat. Daftar lengkap per IKI, untuk ditindaklanjuti setiap OPD, ada di berkas "
        f'<a href="{teks(bk.xlsx)}">{teks(bk.xlsx)}</a>.</p>'
    )
    rc = bk.ringkasan_cek
    isi.append(
        tabel_html(
            rc,
            {"judul": "Pemeriksaan", "aturan": "Aturan", "temuan": "Temuan", "iki": "IKI", "pegawai": "Pegawai", "instansi": "Instansi"},
            format={"temuan": bulat, "iki": bulat, "pegawai": bulat, "instansi": bulat},
            kanan=("temuan", "iki", "pegawai", "instansi"),
            kelompok=rc["kelompok"].tolist(),
            sorot=(rc["temuan"] > 0).tolist(),
            keterangan="Pemeriksaan dan jumlah temuannya (baris yang disorot menemukan sesuatu)",
        )
    )
    return Tampilan("\n".join(isi), "ringkasan")


def terpenting(bk: BundelKualitas):
    """The few findings per instansi that matter most (grouped, ranked by severity, with counts)."""
    data = bk.terpenting
    if data is None:
        return Tampilan('<p class="catatan">Temuan terpenting tidak dihitung untuk laporan ini.</p>', "temuan terpenting")
    n = bk.aturan.get("temuan_teratas")
    ket = (
        f'<p class="catatan">Paling banyak {teks(bulat(n))} temuan per instansi, diurutkan menurut keparahan (tinggi, sedang, '
        "rendah; ditetapkan di params/kualitas.yaml) lalu banyaknya. Temuan yang sama dalam satu instansi (satu pemeriksaan, "
        "atau satu rumusan IKI untuk pemeriksaan rumusan dan target) ditulis sekali dengan jumlahnya. Daftar lengkap, diurutkan "
        f'menurut keparahan, ada di <a href="{teks(bk.xlsx)}">{teks(bk.xlsx)}</a>.</p>'
    )
    data = data.assign(jumlah_teks=[f"{bulat(j)} {s}" for j, s in zip(data["jumlah"], data["satuan"])])
    tabel = tabel_html(
        data,
        {"keparahan": "Keparahan", "temuan": "Temuan", "jumlah_teks": "Jumlah", "contoh": "Contoh alasan"},
        format={"keparahan": lambda k: TINGKAT_KEPARAHAN.get(int(k), str(k))},
        kanan=("jumlah_teks",),
        kelompok=data["nama_instansi"].tolist(),
        kelas_sel={"keparahan": [f"keparahan-{TINGKAT_KEPARAHAN.get(int(k), '')}" for k in data["keparahan"]]},
        kosong_teks="Tidak ada temuan.",
        unduh="temuan_terpenting",
    )
    return Tampilan(ket + tabel, "temuan terpenting")


_BATAS_PETA = 30
_BATAS_INSTANSI = 50


def per_instansi(bk: BundelKualitas):
    """Per instansi: IKI, IKI flagged (share), flags per group (the `_BATAS_INSTANSI` with the
    largest share flagged where there are more; the spreadsheet holds all)."""
    data = bk.ringkasan_instansi
    catatan = ""
    if len(data) > _BATAS_INSTANSI:
        catatan = (
            f'<p class="catatan">Ditampilkan {teks(bulat(_BATAS_INSTANSI))} dari {teks(bulat(len(data)))} instansi dengan porsi IKI '
            f'ditandai terbesar; semua instansi ada di lembar Ringkasan berkas <a href="{teks(bk.xlsx)}">{teks(bk.xlsx)}</a>.</p>'
        )
        data = data.sort_values(["porsi_ditandai", "kode_instansi"], ascending=[False, True], kind="stable").head(_BATAS_INSTANSI)
    kolom = {"nama_instansi": "Instansi", "pegawai": "Pegawai", "iki": "IKI", "iki_ditandai": "IKI ditandai", "porsi_ditandai": "Porsi"}
    kolom.update({k: v for k, v in KELOMPOK.items()})
    return Tampilan(
        tabel_html(
            data,
            kolom,
            format={"pegawai": bulat, "iki": bulat, "iki_ditandai": bulat, "porsi_ditandai": porsi, **{k: bulat for k in KELOMPOK}},
            kanan=("pegawai", "iki", "iki_ditandai", "porsi_ditandai", *KELOMPOK),
            keterangan="Temuan per instansi (kolom kelompok: jumlah temuan)",
        )
        + catatan,
        "per instansi",
    )


def kalimat_tanpa_realisasi(metodologi: dict) -> str:
    """What the methodology used (`metodologi`, as `Metodologi.to_dict()`) does with an IKI
    without realisasi, in one sentence (text, not yet escaped)."""
    if metodologi["capaian"]["tanpa_realisasi"] == "nol":
        return ("Menurut metodologi yang dipakai, IKI tanpa realisasi dalam periode dihitung sebagai capaian 0% dan Di Bawah "
                "Ekspektasi, jadi bulan yang tidak dilaporkan langsung menurunkan nilai.")
    return ("Metodologi yang dipakai tidak mengikutkan IKI tanpa realisasi dalam periode, jadi IKI itu tidak ikut dinilai "
            "sama sekali.")


def catatan_kepatuhan(bk: BundelKualitas):
    """Why reporting compliance matters under the methodology used (the paragraph above the heatmap)."""
    return Tampilan(f"<p>{teks(kalimat_tanpa_realisasi(bk.metodologi))} Peta panas ini menunjukkan di instansi dan bulan mana "
                     "laporan paling sering hilang.</p>", "catatan_kepatuhan")


def grafik_kepatuhan(bk: BundelKualitas):
    """Heatmap: share of IKI with a realisasi, per instansi (rows) and month (columns)."""
    sns = gaya_grafik()
    data = bk.kepatuhan
    if data.empty or data["kepatuhan"].isna().all():
        return Tampilan(tidak_ada_data("Tidak ada IKI untuk dihitung kepatuhannya."), "kepatuhan")
    tabel = data.pivot(index="kode_instansi", columns="bulan", values="kepatuhan").reindex([k for k, _ in bk.instansi])
    semua = len(tabel)
    if semua > _BATAS_PETA:
        # Many instansi: show those that report least, lowest first.
        tabel = tabel.loc[tabel.mean(axis=1).sort_values(kind="stable").index[:_BATAS_PETA]]
    label_baris = [_pendek(dict(bk.instansi).get(k, k), 40) for k in tabel.index]
    label_kolom = [nama_bulan(k, singkat=True) for k in tabel.columns]
    anotasi = np.vectorize(lambda v: KOSONG if pd.isna(v) else persen(v * 100, 0))(tabel.to_numpy(dtype="float64"))
    # At least 2.4 inches tall: with one instansi the title, colour bar and its label still fit.
    fig = figur(max(6.0, 1.6 + 0.62 * len(label_kolom)), max(2.4, 0.9 + 0.38 * len(label_baris)))
    ax = fig.subplots()
    sns.heatmap(
        tabel.to_numpy(dtype="float64"), ax=ax, vmin=0.5, vmax=1, cmap="RdYlGn", annot=anotasi, fmt="",
        annot_kws={"fontsize": 8}, cbar_kws={"label": "IKI berealisasi", "format": "{x:.0%}"},
        xticklabels=label_kolom, yticklabels=label_baris, linewidths=0.5, linecolor="white",
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Kepatuhan pelaporan realisasi per bulan")
    gambar = gambar_html(fig, "Peta panas kepatuhan pelaporan per instansi dan bulan")
    rata = data.groupby("bulan")["kepatuhan"].mean()
    terendah = rata.idxmin() if len(rata) else None
    ket = (
        f'<p class="catatan">Porsi IKI setiap instansi yang memiliki baris realisasi untuk bulan itu, Januari sampai akhir '
        f"periode. Bulan dengan kepatuhan rata-rata terendah: {teks(nama_bulan(terendah)) if terendah else KOSONG} "
        f"({teks(porsi(rata.min(), 0)) if terendah else KOSONG}). Skala warna dimulai dari 50%: sel yang lebih rendah "
        "berwarna merah penuh."
        + (f" Ditampilkan {teks(bulat(_BATAS_PETA))} dari {teks(bulat(semua))} instansi dengan kepatuhan rata-rata terendah." if semua > _BATAS_PETA else "")
        + "</p>"
    )
    return Tampilan(gambar + ket, "kepatuhan")


def grafik_sebaran(bk: BundelKualitas):
    """Box plot of capaian (without cap) per IKI wording, for the most shared wordings."""
    sns = gaya_grafik()
    data = bk.sebaran
    if data.empty or data["capaian_tanpa_batas"].isna().all():
        return Tampilan(tidak_ada_data("Belum ada capaian untuk ditampilkan."), "sebaran capaian")
    batas_tampil = 300.0
    label = {k: f"{_pendek(t, 55)} (n={bulat(n)})" for k, t, n in zip(data["kunci_rumusan"], data["indikator"], data["n"])}
    plot = pd.DataFrame({"rumusan": data["kunci_rumusan"].map(label), "capaian": data["capaian_tanpa_batas"].clip(upper=batas_tampil)})
    urutan = list(dict.fromkeys(plot["rumusan"]))
    fig = figur(7.6, max(2.4, 1.0 + 0.34 * len(urutan)))
    ax = fig.subplots()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # seaborn's own use of a matplotlib argument
        sns.boxplot(data=plot, y="rumusan", x="capaian", order=urutan, color="#8fb3cf", fliersize=2.5, linewidth=0.9, ax=ax)
    ambang = bk.jumlah.get("ambang") or (110, 90)
    for nilai, gaya in ((ambang[1], "--"), (ambang[0], ":")):
        ax.axvline(nilai, color="#444444", linestyle=gaya, linewidth=1)
    if bk.jumlah.get("batas_atas") is not None:
        ax.axvline(bk.jumlah["batas_atas"], color="#b3261e", linestyle="-", linewidth=1)
    ax.set_xlim(*batas_sumbu(plot["capaian"], minimum=max(ambang), ruang=1.05))
    ax.set_xlabel("Capaian tanpa batas atas (%)")
    ax.set_ylabel("")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title("Sebaran capaian per rumusan IKI")
    gambar = gambar_html(fig, "Diagram kotak sebaran capaian per rumusan IKI")
    batas = bk.jumlah.get("batas_atas")
    ket = (
        f'<p class="catatan">{teks(bulat(len(urutan)))} rumusan IKI yang paling banyak dipakai (n = jumlah IKI berealisasi). '
        f"Garis putus-putus: ambang Sesuai Ekspektasi ({teks(persen(ambang[1], 0))}); titik-titik: ambang Di Atas Ekspektasi "
        f"({teks(persen(ambang[0], 0))})"
        + (f"; merah: batas atas capaian dalam penilaian ({teks(persen(batas, 0))})" if batas is not None else "")
        + f". Capaian di atas {teks(persen(batas_tampil, 0))} digambar pada {teks(persen(batas_tampil, 0))}. Kotak yang "
        "menyempit menjadi satu garis berarti semua pegawai mendapat capaian sama: IKI itu tidak membedakan kinerja.</p>"
    )
    return Tampilan(gambar + ket, "sebaran capaian")


_BATAS_BARIS = 25


def rincian(bk: BundelKualitas, kelompok: str):
    """The flags of one group of checks: per check either grouped by wording (checks about the
    wording or the target) or the first flagged rows, with a pointer to the spreadsheet."""
    isi = []
    for c in DAFTAR_CEK:
        if c.kelompok != kelompok:
            continue
        t = bk.temuan[bk.temuan["jenis_cek"] == c.kode]
        aturan = bk.ringkasan_cek.set_index("jenis_cek").at[c.kode, "aturan"]
        isi.append(f"<h3>{teks(c.judul)} ({teks(bulat(len(t)))})</h3>")
        isi.append(f'<p class="catatan">Aturan: {teks(aturan)}</p>')
        if t.empty:
            isi.append('<p class="catatan">Tidak ada temuan.</p>')
            continue
        if c.per_rumusan:
            g = t.groupby("indikator", sort=False, dropna=False)
            data = pd.DataFrame(
                {
                    "indikator": list(g.groups.keys()),
                    "iki": g.size().to_numpy(),
                    "instansi": g["kode_instansi"].nunique().to_numpy(),
                    "alasan": g["alasan"].first().to_numpy(),
                }
            ).sort_values("iki", ascending=False, kind="stable")
            lebih = len(data) - _BATAS_BARIS
            isi.append(
                tabel_html(
                    data.head(_BATAS_BARIS),
                    {"indikator": "Rumusan IKI", "iki": "IKI", "instansi": "Instansi", "alasan": "Alasan (contoh)"},
                    format={"iki": bulat, "instansi": bulat},
                    kanan=("iki", "instansi"),
                )
            )
        else:
            data = sama_digabung(t)
            lebih = len(data) - _BATAS_BARIS
            siapa = "Penilai" if kelompok == "penilai" else "Pegawai"
            isi.append(
                tabel_html(
                    data.head(_BATAS_BARIS),
                    {"nama_instansi": "Instansi", "alasan": "Alasan", "jumlah": "Jumlah", "contoh": f"{siapa} (contoh)"},
                    format={"jumlah": bulat},
                    kanan=("jumlah",),
                    unduh=c.kode,
                )
            )
        if lebih > 0:
            isi.append(
                f'<p class="catatan">… dan {teks(bulat(lebih))} temuan lain yang lebih kecil; daftar lengkap per IKI ada di '
                f'<a href="{teks(bk.xlsx)}">{teks(bk.xlsx)}</a>.</p>'
            )
    return Tampilan("\n".join(isi), f"rincian {kelompok}")


def sama_digabung(t: pd.DataFrame) -> pd.DataFrame:
    """Flags of one check with the same instansi and the same reason as one row: the reason, how
    many flags share it (`jumlah`), up to three names as examples; the largest groups first, then
    the largest value."""
    g = t.groupby(["kode_instansi", "alasan"], sort=False, dropna=False)
    data = pd.DataFrame(
        {
            "nama_instansi": g["nama_instansi"].first().to_numpy(),
            "alasan": [k[1] for k in g.groups.keys()],
            "jumlah": g.size().to_numpy(),
            "nilai": g["nilai"].max().to_numpy(),
            "contoh": [
                "; ".join(list(dict.fromkeys(str(n) for n in x.dropna()))[:3]) + (" …" if x.dropna().nunique() > 3 else "")
                for x in g["nama"].agg(list).map(pd.Series)
            ],
        }
    )
    return data.sort_values(["jumlah", "nilai"], ascending=[False, False], kind="stable", na_position="last").reset_index(drop=True)


def catatan_penutup_teks(bk: BundelKualitas) -> list[str]:
    """The closing note in sentences (text, not yet escaped): what this data's report flags and why,
    group by group, naming the most frequent wording or reason."""
    t = bk.temuan
    rc = bk.ringkasan_cek.set_index("jenis_cek")
    j = bk.jumlah
    kal = [
        f"Dari {bulat(j['iki'])} IKI milik {bulat(j['pegawai'])} pegawai, {bulat(j['iki_ditandai'])} "
        f"({porsi(j['iki_ditandai'] / j['iki'] if j['iki'] else float('nan'), 0)}) mendapat paling sedikit satu temuan."
    ]

    def rumusan_teratas(kode: str, n: int = 3) -> str:
        x = t[t["jenis_cek"] == kode]["indikator"].value_counts().head(n)
        return "; ".join(f"“{_pendek(k, 60)}” ({bulat(v)} IKI)" for k, v in x.items())

    def jumlah(kode: str) -> int:
        return int(rc.at[kode, "temuan"]) if kode in rc.index else 0

    if jumlah("tanpa_satuan") or jumlah("rumusan_tanpa_ukuran"):
        kal.append(
            f"Tidak terukur: {bulat(jumlah('tanpa_satuan'))} IKI tanpa satuan dan {bulat(jumlah('rumusan_tanpa_ukuran'))} IKI yang "
            f"rumusannya tidak memuat ukuran, terutama {rumusan_teratas('rumusan_tanpa_ukuran') or rumusan_teratas('tanpa_satuan')}. "
            "IKI seperti ini berbunyi sebagai sasaran, sehingga realisasinya hanya dapat diisi sebagai klaim (biasanya 100)."
        )
    target = [k for k in ("target_terlalu_mudah", "target_tidak_realistis", "capaian_seragam") if jumlah(k)]
    if target:
        bagian = []
        if jumlah("target_terlalu_mudah"):
            bagian.append(f"{bulat(jumlah('target_terlalu_mudah'))} IKI bertarget terlalu mudah ({rumusan_teratas('target_terlalu_mudah', 2)})")
        if jumlah("target_tidak_realistis"):
            bagian.append(f"{bulat(jumlah('target_tidak_realistis'))} IKI bertarget tidak realistis ({rumusan_teratas('target_tidak_realistis', 2)})")
        if jumlah("capaian_seragam"):
            bagian.append(f"{bulat(jumlah('capaian_seragam'))} IKI yang capaiannya sama untuk semua pegawai ({rumusan_teratas('capaian_seragam', 2)})")
        kal.append("Target tidak membedakan: " + "; ".join(bagian) + ". IKI ini tidak memisahkan pegawai yang berkinerja baik dari yang kurang.")
    lap = {k: jumlah(k) for k in ("bulan_kosong", "lapor_terlambat", "tanpa_bukti")}
    if any(lap.values()):
        kal.append(
            f"Pelaporan: {bulat(lap['bulan_kosong'])} IKI dengan bulan tanpa realisasi, {bulat(lap['lapor_terlambat'])} IKI dengan laporan "
            f"melewati batas tanggal {bk.aturan.get('hari_batas_lapor')} bulan berikutnya, dan {bulat(lap['tanpa_bukti'])} IKI dengan "
            "realisasi tanpa bukti dukung. "
            + kalimat_tanpa_realisasi(bk.metodologi)
        )
    nil = {k: jumlah(k) for k in ("lonjakan", "pencilan", "terakhir_mundur")}
    if any(nil.values()):
        kal.append(
            f"Nilai mencurigakan: {bulat(nil['lonjakan'])} IKI dengan lonjakan bulanan, {bulat(nil['pencilan'])} IKI dengan capaian "
            f"pencilan dibanding rekan berumusan sama, dan {bulat(nil['terakhir_mundur'])} IKI 'terakhir' yang mundur. Sebagian bisa "
            "wajar (musim akhir tahun anggaran, hasil survei yang memang turun); sisanya biasanya salah ketik atau angka kumulatif."
        )
    st = {k: jumlah(k) for k in ("tanpa_iki_atasan", "iki_atasan_tanpa_dukungan", "rumusan_disalin", "bobot_tidak_100")}
    if any(st.values()):
        kal.append(
            f"Struktur: {bulat(st['tanpa_iki_atasan'])} IKI utama tidak terhubung ke IKI atasan, {bulat(st['iki_atasan_tanpa_dukungan'])} "
            f"IKI pimpinan tidak didukung bawahan, {bulat(st['rumusan_disalin'])} IKI memakai rumusan yang disalin lintas jabatan "
            f"({rumusan_teratas('rumusan_disalin', 3)}), dan {bulat(st['bobot_tidak_100'])} pegawai dengan bobot yang tidak berjumlah 100."
        )
    pn = {k: jumlah(k) for k in ("penilai_seragam", "penilai_longgar", "penilai_ketat")}
    ambang_p = bk.metodologi.get("perilaku", {}).get("ambang", {})
    if any(pn.values()):
        kal.append(
            f"Penilai perilaku: {bulat(pn['penilai_seragam'])} penilai memberi skor seragam, {bulat(pn['penilai_longgar'])} jauh lebih "
            f"longgar dan {bulat(pn['penilai_ketat'])} jauh lebih ketat dari penilai lain di instansinya. Karena rating perilaku memakai "
            f"ambang tetap ({angka(ambang_p.get('di_atas'), 1)} dan {angka(ambang_p.get('sesuai'), 1)}), gaya penilai ikut menentukan predikat."
        )
    if len(kal) == 1:
        kal.append("Tidak ada pemeriksaan yang menemukan masalah pada data ini.")
    return kal


def penutup(bk: BundelKualitas):
    """Closing note (what this data's report flags and why) and where the numbers came from."""
    from capaian.format import tanggal

    isi = ["<ul>"] + [f"<li>{teks(k)}</li>" for k in catatan_penutup_teks(bk)] + ["</ul>"]
    isi.append("<h3>Asal data dan pengaturan</h3>")
    isi.append(
        tabel_html(
            pd.DataFrame(bk.sumber, columns=["tabel", "file", "sha256"]),
            {"tabel": "Tabel", "file": "Berkas", "sha256": "SHA-256"},
            kosong_teks="Asal berkas data tidak tercatat.",
        )
    )
    dibuat = tanggal(dt.datetime.fromisoformat(bk.dibuat), jam=True) if bk.dibuat else KOSONG
    isi.append(rincian_html([
        ("Ambang pemeriksaan", Path(bk.aturan_berkas).name if bk.aturan_berkas else "bawaan"),
        ("Metodologi penilaian", f"{Path(bk.metodologi_berkas).name} (versi {bk.metodologi.get('versi')})"),
        ("Dibuat", dibuat),
        ("Perangkat lunak", ", ".join(f"{k} {v}" for k, v in bk.paket.items())),
    ]))
    return Tampilan("\n".join(isi), "penutup")


# =============================================================================================
# The command: `capaian kualitas DATA --periode P`

NOTEBOOK = sumber.notebook("kualitas_indikator.ipynb")
WARMUP = ("import pandas", "import matplotlib", "import seaborn", "import capaian.kualitas")


@dataclass(frozen=True)
class HasilKualitas:
    """What `render_kualitas` made: `status` `berhasil` or `gagal` (with `pesan`), the files, and
    how many IKI were flagged (`iki_ditandai` of `iki`, `temuan` flags in all)."""

    periode: str
    status: str
    pesan: str | None
    html: Path
    ipynb: Path
    xlsx: Path
    iki_ditandai: int
    iki: int
    temuan: int

    @property
    def exit_status(self) -> int:
        """0 when the report was made, 1 when its notebook failed (docs/kontrak-data.md bagian 5)."""
        return 0 if self.status == "berhasil" else 1

    def ringkasan(self) -> str:
        """A closing summary for the terminal, in Bahasa Indonesia."""
        baris = [f"ditulis: {self.xlsx}"]
        if self.status != "berhasil":
            baris.append(f"capaian: laporan kualitas indikator gagal: {self.pesan}")
            baris.append(f"         notebook untuk diperiksa: {self.ipynb}")
            return "\n".join(baris)
        baris.append(f"ditulis: {self.html}")
        baris.append(f"{bulat(self.iki_ditandai)} dari {bulat(self.iki)} IKI ditandai ({bulat(self.temuan)} temuan).")
        return "\n".join(baris)


def nama_berkas_kualitas(kode: Sequence[str] | None) -> str:
    """The stem of a quality report's files in `DIR/P/` (docs/kontrak-data.md bagian 5):
    `kualitas_indikator` for every instansi (`kode` None or empty), `kualitas_indikator-K1-K2` for
    a choice of instansi, so that `capaian kualitas --instansi K` never overwrites the
    kabupaten-wide report."""
    from capaian.terbit import AWALAN_KUALITAS_INSTANSI

    return AWALAN_KUALITAS_INSTANSI + "-".join(kode) if kode else "kualitas_indikator"


def render_kualitas(data, periode_kode: str, keluaran: Path = Path("outputs"), instansi: Sequence[str] | None = None,
                    metodologi: Path | None = None, *, aturan: Path | None = None, notebook: Path | None = None,
                    start_timeout: float = 180.0, zigot: bool | None = None) -> HasilKualitas:
    """`capaian kualitas`: render `keluaran/P/kualitas_indikator.html` (and `.ipynb`) and write the
    flagged IKI to `keluaran/P/kualitas_indikator.xlsx` (docs/kontrak-data.md bagian 5); with
    `instansi` (fewer than all), the same files named `kualitas_indikator-K.html` and so on
    (`nama_berkas_kualitas`), so the kabupaten-wide report stays as it is.

    Raises before a kernel starts (all `capaian.galat.GalatPengguna`): a bad period, methodology
    or threshold file (naming the key), a missing data folder, invalid data (nothing is written
    under DIR/P/), an unknown `instansi`, a period whose year has no IKI; then
    `PeriodeSedangDiproses` where another run holds the period folder's lock. A failing notebook
    does not raise: see `HasilKualitas.exit_status` and `.ringkasan()`.
    """
    from concurrent.futures import ThreadPoolExecutor

    from capaian.kode import parse_periode
    from capaian.pengaturan import BERKAS_BAWAAN, load_metodologi
    from capaian.nilai import pastikan_ada_iki, score_period
    from capaian.terbit import Penerbit, area_kerja, catat_laporan_lain, kunci_periode, pastikan_notebook
    from capaian.validasi import load_dataset

    # Every check that can refuse the command runs before a kernel starts.
    p = parse_periode(str(periode_kode))
    m = load_metodologi(metodologi)
    a = load_aturan_kualitas(aturan)
    ds = load_dataset(data)
    kode = pilih_instansi(ds, instansi)
    pastikan_ada_iki(ds, p)
    nb_path = pastikan_notebook(notebook, NOTEBOOK, "laporan kualitas")

    folder = Path(keluaran) / p.kode
    # A choice of fewer than all instansi gets files of its own beside the kabupaten-wide report.
    nama = nama_berkas_kualitas(kode if instansi and len(kode) < len(ds.instansi) else None)
    with kunci_periode(folder), area_kerja(folder) as kerja:
        with Penerbit(WARMUP, start_timeout=start_timeout, zigot=zigot, kerja=kerja) as penerbit:
            # The worker boots its kernel while the checks run here.
            b = prepare_bahan(ds, p, m, hasil=score_period(ds, p, m))
            temuan = periksa_bahan(b, a, kode)
            berkas_aturan = str(aturan or berkas_aturan_bawaan() or "bawaan")
            bk = build_bundel(ds, b, temuan, a, kode, m, str(metodologi or BERKAS_BAWAAN), berkas_aturan)
            bk.xlsx = f"{nama}.xlsx"
            # The spreadsheet is written in a thread while the kernel renders the report (the main
            # thread only waits on the worker meanwhile); a large one takes tens of seconds.
            penulis = ThreadPoolExecutor(max_workers=1)
            tugas_xlsx = penulis.submit(write_temuan_xlsx, temuan, folder / bk.xlsx, a, bk.ringkasan_instansi)
            parameter = {
                "data": str(Path(data).resolve()),
                "periode": p.kode,
                "instansi": list(kode) if instansi else None,
                "metodologi": str(Path(metodologi).resolve()) if metodologi is not None else None,
                "bundel": str(penerbit.write_bundel(bk, "kualitas")),
            }
            h = penerbit.run_one(nb_path, parameter, folder / f"{nama}.ipynb", folder / f"{nama}.html",
                                       f"Kualitas Indikator · {nama_periode(p.kode)}")
            xlsx = tugas_xlsx.result()
            penulis.shutdown()
        catat_laporan_lain(folder, f"{nama}.html", "Kualitas indikator", h.status, h.pesan, ds, m)
    return HasilKualitas(
        periode=p.kode, status=h.status, pesan=h.pesan, html=folder / f"{nama}.html",
        ipynb=folder / f"{nama}.ipynb", xlsx=xlsx, iki_ditandai=bk.jumlah["iki_ditandai"],
        iki=bk.jumlah["iki"], temuan=len(temuan),
    )
