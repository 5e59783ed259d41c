"""The scoring engine: one period of a validated data set, scored as docs/metodologi.md bagian 1–10.

    hasil = score_period(dataset, "2025-TW1")           # the packaged default methodology
    hasil.pegawai, hasil.indikator, hasil.distribusi     # DataFrames (codes, not labels)
    write_scores(hasil, Path("outputs") / hasil.periode.kode)

Everything is vectorised over all pegawai and IKI at once: text keys are turned into integer
positions once (Arrow's hash lookup, `pc.index_in`), monthly realisasi are laid on an IKI × month
grid, ratings and predikat are small integer codes until the tables are built, and every
per-pegawai figure is a `np.bincount` over those positions. No Python loop runs per pegawai or
per IKI (the distribution check loops over its handful of rules).

Rounding (docs/metodologi.md bagian 0): every capaian and every mean is rounded half up to 2 decimals
before any threshold comparison; computed values are read at 15 significant digits first
(`capaian.angka.bulatkan_hitungan`), and means of rounded values are computed on whole cents.

Units: capaian, target and thresholds of an IKI are percent; `nilai_perilaku` is a 1–5 score;
distribution shares and bounds are fractions (0.70 = 70%); `angka_kredit_persen` is percent.
Missing values are NaN in numeric columns and <NA> in text columns; a figure that cannot be
computed is missing, never silently 0 (the one documented exception is `tanpa_realisasi: nol`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from capaian.angka import bulatkan_hitungan, rata_rata_sen, write_csv
from capaian.dataset import ASPEK_PERILAKU, Dataset
from capaian.galat import PeriodeTanpaIndikator
from capaian.kode import LABEL, PREDIKAT, PREDIKAT_ORGANISASI, RATING, Periode, parse_periode
from capaian.pengaturan import Metodologi, load_metodologi

# docs/kontrak-data.md bagian 5, in contract order.
KOLOM_PEGAWAI = [
    "periode",
    "nip",
    "nama",
    "kode_instansi",
    "unit_kerja",
    "jumlah_indikator",
    "indikator_tanpa_realisasi",
    "capaian_hasil_kerja",
    "rating_hasil_kerja_usulan",
    "rating_hasil_kerja",
    "nilai_perilaku",
    "rating_perilaku_usulan",
    "rating_perilaku",
    "predikat",
]
KOLOM_INDIKATOR = [
    "periode",
    "id_indikator",
    "nip",
    "kode_instansi",
    "jenis_rhk",
    "arah",
    "agregasi",
    "target_periode",
    "target_atas_periode",
    "realisasi_periode",
    "bulan_lapor",
    "capaian",
    "kategori",
]
# Extra columns kept in the DataFrames for reports (not written to the contract CSV files).
EKSTRA_PEGAWAI = ["jabatan", "nip_atasan", "jumlah_perilaku", "catatan", "angka_kredit_persen"]
EKSTRA_INDIKATOR = [
    "tahun",
    "rencana_hasil_kerja",
    "indikator",
    "aspek",
    "satuan",
    "metode",
    "target",
    "target_atas",
    "sumber_target",
    "bobot",
    "bobot_efektif",
    "id_indikator_atasan",
]
KOLOM_DISTRIBUSI = [
    "kode_instansi",
    "nama_instansi",
    "predikat_organisasi",
    "nomor_aturan",
    "aturan",
    "predikat",
    "syarat",
    "batas",
    "jumlah",
    "pembagi",
    "porsi",
    "status",
]
# Columns written as labels, and how numbers are written (docs/kontrak-data.md bagian 5).
_LABEL_PEGAWAI = ["rating_hasil_kerja_usulan", "rating_hasil_kerja", "rating_perilaku_usulan", "rating_perilaku", "predikat"]
_LABEL_INDIKATOR = ["kategori"]

STATUS_TERPENUHI = "terpenuhi"
STATUS_TIDAK_TERPENUHI = "tidak terpenuhi"
STATUS_TIDAK_DAPAT_DINILAI = "tidak dapat dinilai"

_SKALA_PERILAKU = 1_000_000  # perilaku scores are summed as integer millionths (exact means)
_DI_ATAS, _SESUAI, _DI_BAWAH = (RATING.index(r) for r in ("di_atas", "sesuai", "di_bawah"))


@dataclass
class HasilNilai:
    """The scores of one period (`periode`) under `metodologi`.

    `pegawai`: one row per pegawai with at least one IKI in the period's year, sorted by
    kode_instansi then nip. Columns KOLOM_PEGAWAI (docs/kontrak-data.md bagian 5; ratings and predikat as
    codes such as `sesuai`, `baik`; `capaian_hasil_kerja` percent and `nilai_perilaku` 1–5, both
    rounded to 2 decimals, NaN where there is nothing to score) followed by EKSTRA_PEGAWAI:
    `jabatan`, `nip_atasan` (from pegawai), `jumlah_perilaku` (perilaku rows in P), `catatan`
    (the atasan's umpan_balik for P), `angka_kredit_persen` (percent of the koefisien; NaN
    without a predikat).

    `indikator`: one row per IKI of the year, sorted by id_indikator. Columns KOLOM_INDIKATOR
    (`capaian` percent rounded to 2 decimals, `kategori` a rating code, both empty where
    `bulan_lapor` is 0; `target_periode`, `target_atas_periode`, `realisasi_periode` unrounded,
    `write_scores` rounds them) followed by EKSTRA_INDIKATOR: `tahun`, `rencana_hasil_kerja`,
    `indikator`, `aspek`, `satuan`, `metode`, `target` and `target_atas` (annual, as given),
    `sumber_target` (`target_periodik`, `pro_rata` or `tahunan`), `bobot` (as given),
    `bobot_efektif` (fraction of the pegawai's total weight; NaN where `abaikan` leaves the IKI
    out), `id_indikator_atasan`.

    `distribusi`: KOLOM_DISTRIBUSI, one row per instansi with an organisation predikat in P ×
    rule of that predikat (see `cek_distribusi`).
    """

    periode: Periode
    metodologi: Metodologi
    pegawai: pd.DataFrame
    indikator: pd.DataFrame
    distribusi: pd.DataFrame


class AngkaTakHingga(ArithmeticError):
    """A computed figure is inf, or NaN where its inputs were present: a bug, never the user's data.

    The validation bounds (docs/kontrak-data.md bagian 1, "Batas angka") keep every figure of the
    method finite; should they change or a step overflow anyway, scoring stops here, naming the
    column, rather than write `inf` into a CSV file or a chart axis.
    """


def pastikan_hingga(frame: pd.DataFrame, kolom, nama_tabel: str) -> None:
    """Raise AngkaTakHingga when a numeric column of `frame` holds inf or -inf.

    NaN (a figure that cannot be computed, shown empty) is allowed; an overflow is not.
    """
    for k in kolom:
        nilai = np.asarray(frame[k], dtype="float64")
        tak_hingga = np.isinf(nilai)
        if tak_hingga.any():
            baris = int(np.flatnonzero(tak_hingga)[0])
            raise AngkaTakHingga(
                f"{nama_tabel}: kolom {k} berisi {nilai[baris]} pada baris ke-{baris + 1} hasil perhitungan "
                f"({int(tak_hingga.sum())} nilai tak hingga); perhitungan meluap, hasil tidak ditulis"
            )


def _pastikan_ada(hilang: np.ndarray, nama_tabel: str, kolom: str) -> None:
    """Raise AngkaTakHingga where `hilang` marks a figure that is NaN although its inputs are present."""
    if np.any(hilang):
        raise AngkaTakHingga(
            f"{nama_tabel}: kolom {kolom} kosong pada {int(np.sum(hilang))} baris padahal datanya ada "
            "(perhitungan meluap atau bobot terlalu kecil); hasil tidak ditulis"
        )


# Numeric columns checked by `pastikan_hingga` before any table leaves this module.
_ANGKA_PEGAWAI = ["capaian_hasil_kerja", "nilai_perilaku", "angka_kredit_persen"]
_ANGKA_INDIKATOR = ["target_periode", "target_atas_periode", "realisasi_periode", "capaian", "bobot_efektif"]


# ---------------------------------------------------------------------------------------------
# Building blocks (each a pure, vectorised function of arrays)


def hitung_capaian(target, target_atas, realisasi, turun, batas_atas: float | None):
    """Capaian of IKI in percent, unrounded (docs/metodologi.md bagian 3), element-wise.

    `target_atas` NaN = no range; `turun` True where lower is better. A range [T, U] gives 100
    inside it, and uses U above it and T below it as the target. Where the target in use is 0,
    capaian is 100 when realisasi is 0, else 0. Clipped to [0, batas_atas] (no upper clip when
    batas_atas is None). NaN where realisasi is NaN.
    """
    t = np.asarray(target, dtype="float64")
    u = np.asarray(target_atas, dtype="float64")
    r = np.asarray(realisasi, dtype="float64")
    turun = np.asarray(turun, dtype=bool)
    rentang = ~np.isnan(u)
    di_dalam = rentang & (r >= t) & (r <= u)
    dipakai = np.where(rentang & (r > u), u, t)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # an overflow is caught by pastikan_hingga
        # R × 100 / T (not R / T × 100): exact for whole numbers, so 33 of 30 is 110, not 110.00000000000001.
        rasio = r * 100.0 / dipakai
        c = np.where(turun, 200.0 - rasio, rasio)
    c = np.where(dipakai == 0, np.where(r == 0, 100.0, 0.0), c)
    c = np.where(di_dalam, 100.0, c)
    c = np.clip(c, 0.0, np.inf if batas_atas is None else batas_atas)
    return np.where(np.isnan(r), np.nan, c)


def kategori(nilai, di_atas: float, sesuai: float) -> np.ndarray:
    """Rating per value by thresholds, as positions in RATING (0 di_atas, 1 sesuai, 2 di_bawah; -1 where NaN).

    `nilai` must already be rounded to 2 decimals (every threshold comparison uses the rounded value).
    """
    v = np.asarray(nilai, dtype="float64")
    hasil = np.where(v >= di_atas, _DI_ATAS, np.where(v >= sesuai, _SESUAI, _DI_BAWAH)).astype("int8")
    hasil[np.isnan(v)] = -1
    return hasil


def rata_rata_tertimbang(kelompok, jumlah_kelompok: int, nilai, bobot, masuk) -> np.ndarray:
    """Weighted mean per group of values already rounded to 2 decimals, rounded half up to 2 decimals.

    `kelompok`: int positions 0..jumlah_kelompok-1; `masuk`: which rows take part. NaN where a group
    has no row taking part. With weights in hundredths (bobot 12.5, 20, 1) the mean is computed on
    integers, so a true tie like (100.01 + 100.00) / 2 = 100.005 rounds to 100.01; other weights
    fall back to float arithmetic.
    """
    kelompok = np.asarray(kelompok)[masuk]
    nilai = np.asarray(nilai, dtype="float64")[masuk]
    bobot = np.asarray(bobot, dtype="float64")[masuk]
    sen = np.rint(nilai * 100.0)
    bobot_sen = np.rint(bobot * 100.0)
    bulat = np.abs(bobot * 100.0 - bobot_sen) <= 1e-9 * np.maximum(1.0, bobot_sen)
    tidak_bulat = np.bincount(kelompok, weights=~bulat, minlength=jumlah_kelompok) > 0
    s_int = np.bincount(kelompok, weights=bobot_sen * sen, minlength=jumlah_kelompok)
    w_int = np.bincount(kelompok, weights=bobot_sen, minlength=jumlah_kelompok)
    s = np.bincount(kelompok, weights=bobot * nilai, minlength=jumlah_kelompok)
    w = np.bincount(kelompok, weights=bobot, minlength=jumlah_kelompok)
    # Integer sums stay exact in float64 below 2**53; beyond that (no cap, huge capaian) use floats.
    tepat = ~tidak_bulat & (np.abs(2 * s_int + w_int) < 2.0**53)
    with np.errstate(divide="ignore", invalid="ignore"):
        kasar = bulatkan_hitungan(s / w)
    halus = rata_rata_sen(np.where(tepat, s_int, 0), np.where(tepat, w_int, 0))
    return np.where(w > 0, np.where(tepat, halus, kasar), np.nan)


# Text columns are matched through Arrow: the data set's `string` dtype is pyarrow-backed, so
# hashing and comparing 6 million ids stays in C++ and never builds Python string objects.


def _arrow(values) -> pa.Array:
    """A text column as one Arrow array (zero-copy for pyarrow-backed strings)."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    if isinstance(values, pa.Array):
        return values
    if not isinstance(values, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        values = np.asarray(values, dtype=object)
    arr = pa.array(values, from_pandas=True)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _posisi(kunci, cari) -> np.ndarray:
    """Position (int64) of each value of `cari` among the unique `kunci`; -1 where absent or NA."""
    idx = pc.index_in(_arrow(cari), value_set=_arrow(kunci))
    return pc.fill_null(idx, -1).to_numpy(zero_copy_only=False).astype("int64")


def _sama(values, kode: str) -> np.ndarray:
    """values == kode as a bool array; NA is False."""
    return pc.fill_null(pc.equal(_arrow(values), kode), False).to_numpy(zero_copy_only=False)


def _teks_dari_kode(kode: np.ndarray, daftar: tuple[str, ...]) -> pd.api.extensions.ExtensionArray:
    """`string` array of daftar[kode], NA where kode is -1."""
    kode = np.asarray(kode, dtype="int64")
    idx = pa.array(np.where(kode < 0, 0, kode), mask=kode < 0)
    return pd.array(pa.array(list(daftar), type=pa.string()).take(idx), dtype="string")


def _ambil(values, pos: np.ndarray):
    """values[pos] with NA where pos is -1 (a key not found); text comes back as `string`."""
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return pd.api.extensions.take(values, pos, allow_fill=True, fill_value=np.nan)
    return pd.array(pd.api.extensions.take(values, pos, allow_fill=True), dtype="string")


def _grid_bulanan(kunci_iki, kode_bulan: tuple[str, ...], id_indikator, bulan, nilai) -> np.ndarray:
    """IKI × month grid (float64, NaN where no row) of `nilai` for rows whose `bulan` is in kode_bulan."""
    grid = np.full((len(kunci_iki), len(kode_bulan)), np.nan)
    b = _posisi(list(kode_bulan), bulan)
    pilih = b >= 0
    ids = _arrow(id_indikator)
    v = np.asarray(nilai, dtype="float64")
    if not pilih.all():
        ids, b, v = ids.filter(pa.array(pilih)), b[pilih], v[pilih]
    i = _posisi(kunci_iki, ids)
    ada = i >= 0
    if ada.all():
        grid[i, b] = v
    else:
        grid[i[ada], b[ada]] = v[ada]
    return grid


def _agregasi(grid: np.ndarray, jumlah: np.ndarray, rata_rata: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Realisasi per IKI for the period (docs/metodologi.md bagian 2) and the number of months reported.

    `jumlah` / `rata_rata` mark the IKI aggregated by sum / mean; the others take the latest month.
    """
    ada = ~np.isnan(grid)
    bulan_lapor = ada.sum(axis=1)
    with np.errstate(over="ignore"):  # an overflow is caught by pastikan_hingga
        total = np.where(ada, grid, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        rata = total / bulan_lapor
    # Latest reported month: the last True along each row.
    terakhir_idx = grid.shape[1] - 1 - np.argmax(ada[:, ::-1], axis=1)
    terakhir = grid[np.arange(grid.shape[0]), terakhir_idx]
    r = np.where(jumlah, total, np.where(rata_rata, rata, terakhir))
    return np.where(bulan_lapor > 0, r, np.nan), bulan_lapor


def _rating_proporsi(kp, n_peg, kategori_skor, utama, masuk) -> np.ndarray:
    """docs/metodologi.md bagian 6, proporsi: over utama IKI (all IKI where the pegawai has none), after `masuk`."""
    punya_utama = np.bincount(kp, weights=utama, minlength=n_peg) > 0
    dinilai = (utama | ~punya_utama[kp]) & masuk
    n = np.bincount(kp, weights=dinilai, minlength=n_peg)
    a = np.bincount(kp, weights=dinilai & (kategori_skor == _DI_ATAS), minlength=n_peg)
    b = np.bincount(kp, weights=dinilai & (kategori_skor == _DI_BAWAH), minlength=n_peg)
    hasil = np.where((2 * a > n) & (b == 0), _DI_ATAS, np.where(2 * b > n, _DI_BAWAH, _SESUAI)).astype("int8")
    hasil[n == 0] = -1
    return hasil


# ---------------------------------------------------------------------------------------------
# The IKI of a period


def pastikan_ada_iki(dataset: Dataset, p: Periode) -> np.ndarray:
    """Which IKI belong to the period's year; PeriodeTanpaIndikator where none does."""
    pilih = (dataset.indikator["tahun"] == p.tahun).fillna(False).to_numpy(dtype=bool)
    if not pilih.any():
        raise PeriodeTanpaIndikator(p)
    return pilih


def _indikator_tahun(dataset: Dataset, p: Periode) -> pd.DataFrame:
    ind = dataset.indikator
    pilih = pastikan_ada_iki(dataset, p)
    return (ind if pilih.all() else ind.loc[pilih]).reset_index(drop=True)


def _target_periode(dataset: Dataset, iki: pd.DataFrame, kode_periode: str, jumlah_bulan: int):
    """docs/metodologi.md bagian 1: target and target_atas of each IKI for one period, and where they came from."""
    tp = dataset.target_periodik
    tp = tp.loc[_sama(tp["periode"], kode_periode)] if len(tp) else tp
    pos = _posisi(tp["id_indikator"], iki["id_indikator"]) if len(tp) else np.full(len(iki), -1)
    dari_tp = pos >= 0
    jumlah = _sama(iki["agregasi"], "jumlah")
    t0 = iki["target"].to_numpy(dtype="float64", na_value=np.nan)
    u0 = iki["target_atas"].to_numpy(dtype="float64", na_value=np.nan)
    # target × m / 12 (not × (m/12)): 120 × 3 / 12 is exactly 30.
    t = np.where(jumlah, t0 * jumlah_bulan / 12, t0)
    u = np.where(jumlah, u0 * jumlah_bulan / 12, u0)
    if dari_tp.any():
        t = np.where(dari_tp, _ambil(tp["target"].to_numpy(dtype="float64", na_value=np.nan), pos), t)
        u = np.where(dari_tp, _ambil(tp["target_atas"].to_numpy(dtype="float64", na_value=np.nan), pos), u)
    sumber = np.where(dari_tp, 0, np.where(jumlah & (jumlah_bulan < 12), 1, 2))
    return t, u, _teks_dari_kode(sumber, ("target_periodik", "pro_rata", "tahunan"))


def _bobot(kp: np.ndarray, n_peg: int, bobot: np.ndarray) -> np.ndarray:
    """Weights in use: `bobot` where every IKI of the pegawai-year gives one, else 1 for all."""
    kosong = np.bincount(kp, weights=np.isnan(bobot), minlength=n_peg) > 0
    return np.where(kosong[kp], 1.0, bobot)


# ---------------------------------------------------------------------------------------------
# score_period


def score_period(dataset: Dataset, periode: str | Periode, metodologi: Metodologi | None = None) -> HasilNilai:
    """Score period `periode` (a code like "2025-TW1" or a Periode) of a validated data set.

    Uses `metodologi` (default: the packaged one). Raises PeriodeTanpaIndikator when the period's
    year has no IKI. See HasilNilai for the returned tables.
    """
    p = periode if isinstance(periode, Periode) else parse_periode(periode)
    m = metodologi if metodologi is not None else load_metodologi()
    iki = _indikator_tahun(dataset, p)
    n = len(iki)
    kunci_iki = _arrow(iki["id_indikator"])

    # docs/metodologi.md bagian 1-2: target and realisasi of each IKI for P.
    target, target_atas, sumber_target = _target_periode(dataset, iki, p.kode, p.jumlah_bulan)
    real = dataset.realisasi
    grid = _grid_bulanan(kunci_iki, p.kode_bulan, real["id_indikator"], real["bulan"], real["realisasi"].to_numpy(dtype="float64", na_value=np.nan))
    realisasi, bulan_lapor = _agregasi(grid, _sama(iki["agregasi"], "jumlah"), _sama(iki["agregasi"], "rata_rata"))
    del grid

    # docs/metodologi.md bagian 3-4: capaian (rounded) and category of each IKI.
    turun = _sama(iki["arah"], "turun")
    capaian = bulatkan_hitungan(hitung_capaian(target, target_atas, realisasi, turun, m.capaian.batas_atas))
    kat = kategori(capaian, m.ambang.di_atas, m.ambang.sesuai)

    # The pegawai: positions 0..n_peg-1 in order of first appearance.
    kp, nips = pd.factorize(iki["nip"])
    n_peg = len(nips)
    peg = dataset.pegawai
    pos_peg = _posisi(peg["nip"], nips)

    # docs/metodologi.md bagian 5: capaian hasil kerja, with IKI lacking realisasi as 0 (nol) or left out (abaikan).
    ada_realisasi = bulan_lapor > 0
    masuk = np.ones(n, dtype=bool) if m.capaian.tanpa_realisasi == "nol" else ada_realisasi
    capaian_skor = np.where(ada_realisasi, capaian, 0.0)
    kategori_skor = np.where(ada_realisasi, kat, _DI_BAWAH)
    bobot_iki = iki["bobot"].to_numpy(dtype="float64", na_value=np.nan)
    bobot = _bobot(kp, n_peg, bobot_iki)
    chk = rata_rata_tertimbang(kp, n_peg, capaian_skor, bobot, masuk)
    berat_pegawai = np.bincount(kp[masuk], weights=bobot[masuk], minlength=n_peg)
    with np.errstate(divide="ignore", invalid="ignore"):
        bobot_efektif = np.where(masuk, bobot / berat_pegawai[kp], np.nan)

    # A figure whose inputs are all present is never missing: NaN here is an overflow or underflow
    # (0/0 of weights that vanished), not "nothing to score".
    _pastikan_ada(ada_realisasi & np.isnan(capaian), "nilai indikator", "capaian")
    _pastikan_ada((np.bincount(kp, weights=masuk, minlength=n_peg) > 0) & np.isnan(chk), "nilai pegawai", "capaian_hasil_kerja")

    # docs/metodologi.md bagian 6: rating hasil kerja (usulan).
    if m.rating_hasil_kerja.metode == "proporsi":
        rhk_usulan = _rating_proporsi(kp, n_peg, kategori_skor, _sama(iki["jenis_rhk"], "utama"), masuk)
    else:
        rhk_usulan = kategori(chk, m.ambang.di_atas, m.ambang.sesuai)

    # docs/metodologi.md bagian 7: perilaku, the plain mean of every aspect score of every row in P.
    nilai_perilaku, jumlah_perilaku = _perilaku(dataset, p, nips)
    rp_usulan = kategori(nilai_perilaku, m.perilaku.ambang.di_atas, m.perilaku.ambang.sesuai)

    # docs/metodologi.md bagian 8: the atasan's final ratings, then the predikat matrix.
    rhk_final, rp_final, catatan = _umpan_balik(dataset, p, nips, rhk_usulan, rp_usulan)
    predikat = _predikat(m, rhk_final, rp_final)
    persen = np.array([getattr(m.angka_kredit, k) for k in PREDIKAT] + [np.nan])
    angka_kredit = persen[np.where(predikat < 0, len(PREDIKAT), predikat)]

    # The pegawai table.
    pegawai = pd.DataFrame(
        {
            "periode": _teks_dari_kode(np.zeros(n_peg, dtype="int64"), (p.kode,)),
            "nip": pd.array(nips, dtype="string"),
            "nama": _ambil(peg["nama"], pos_peg),
            "kode_instansi": _ambil(peg["kode_instansi"], pos_peg),
            "unit_kerja": _ambil(peg["unit_kerja"], pos_peg),
            "jumlah_indikator": np.bincount(kp, minlength=n_peg).astype("int64"),
            "indikator_tanpa_realisasi": np.bincount(kp, weights=~ada_realisasi, minlength=n_peg).astype("int64"),
            "capaian_hasil_kerja": chk,
            "rating_hasil_kerja_usulan": _teks_dari_kode(rhk_usulan, RATING),
            "rating_hasil_kerja": _teks_dari_kode(rhk_final, RATING),
            "nilai_perilaku": nilai_perilaku,
            "rating_perilaku_usulan": _teks_dari_kode(rp_usulan, RATING),
            "rating_perilaku": _teks_dari_kode(rp_final, RATING),
            "predikat": _teks_dari_kode(predikat, PREDIKAT),
            "jabatan": _ambil(peg["jabatan"], pos_peg),
            "nip_atasan": _ambil(peg["nip_atasan"], pos_peg),
            "jumlah_perilaku": jumlah_perilaku,
            "catatan": catatan,
            "angka_kredit_persen": angka_kredit,
        }
    )
    pegawai = _urutkan(pegawai, ["kode_instansi", "nip"])

    # The IKI table.
    kode_instansi_iki = _ambil(_ambil(peg["kode_instansi"], pos_peg), kp)

    def teks(kolom: str):
        return pd.array(iki[kolom], dtype="string")

    indikator = pd.DataFrame(
        {
            "periode": _teks_dari_kode(np.zeros(n, dtype="int64"), (p.kode,)),
            "id_indikator": teks("id_indikator"),
            "nip": teks("nip"),
            "kode_instansi": kode_instansi_iki,
            "jenis_rhk": teks("jenis_rhk"),
            "arah": teks("arah"),
            "agregasi": teks("agregasi"),
            "target_periode": target,
            "target_atas_periode": target_atas,
            "realisasi_periode": realisasi,
            "bulan_lapor": bulan_lapor.astype("int64"),
            "capaian": capaian,
            "kategori": _teks_dari_kode(kat, RATING),
            "tahun": iki["tahun"].to_numpy(dtype="int64"),
            "rencana_hasil_kerja": teks("rencana_hasil_kerja"),
            "indikator": teks("indikator"),
            "aspek": teks("aspek"),
            "satuan": teks("satuan"),
            "metode": teks("metode"),
            "target": iki["target"].to_numpy(dtype="float64", na_value=np.nan),
            "target_atas": iki["target_atas"].to_numpy(dtype="float64", na_value=np.nan),
            "sumber_target": sumber_target,
            "bobot": bobot_iki,
            "bobot_efektif": bobot_efektif,
            "id_indikator_atasan": teks("id_indikator_atasan"),
        }
    )
    indikator = _urutkan(indikator, ["id_indikator"])

    pastikan_hingga(pegawai, _ANGKA_PEGAWAI, "nilai pegawai")
    pastikan_hingga(indikator, _ANGKA_INDIKATOR, "nilai indikator")
    distribusi = cek_distribusi(pegawai, dataset, p, m)
    return HasilNilai(periode=p, metodologi=m, pegawai=pegawai, indikator=indikator, distribusi=distribusi)


def _urutkan(frame: pd.DataFrame, kolom: list[str]) -> pd.DataFrame:
    """Sort by text columns (UTF-8 order, which is code-point order) and renumber from 0.

    Skips the row shuffle when the frame is already in order (the usual case for exports).
    """
    kunci = pa.table({k: _arrow(frame[k]) for k in kolom})
    urutan = pc.sort_indices(kunci, sort_keys=[(k, "ascending") for k in kolom]).to_numpy()
    if (urutan == np.arange(len(frame))).all():
        return frame.reset_index(drop=True)
    return frame.take(urutan).reset_index(drop=True)


def _perilaku(dataset: Dataset, p: Periode, nips) -> tuple[np.ndarray, np.ndarray]:
    """nilai_perilaku (rounded, NaN where no row in P) and the number of perilaku rows, per pegawai."""
    n_peg = len(nips)
    pr = dataset.perilaku
    if pr.empty:
        return np.full(n_peg, np.nan), np.zeros(n_peg, dtype="int64")
    dalam = _posisi(list(p.kode_bulan), pr["bulan"]) >= 0
    pos = _posisi(nips, _arrow(pr["nip"]).filter(pa.array(dalam)))
    skor = pr[list(ASPEK_PERILAKU)].to_numpy(dtype="float64", na_value=np.nan)[dalam]
    pakai = pos >= 0
    pos, skor = pos[pakai], skor[pakai]
    ada = ~np.isnan(skor)
    # Integer millionths: 231/56 = 4.125 stays an exact tie and rounds to 4.13.
    jumlah = np.where(ada, np.rint(skor * _SKALA_PERILAKU), 0.0).sum(axis=1)
    s = np.bincount(pos, weights=jumlah, minlength=n_peg)
    k = np.bincount(pos, weights=ada.sum(axis=1), minlength=n_peg)
    baris = np.bincount(pos, minlength=n_peg).astype("int64")
    nilai = rata_rata_sen(s, k * (_SKALA_PERILAKU // 100))
    return nilai, baris


def _kode_rating(values) -> np.ndarray:
    """Positions in RATING of rating codes; -1 where NA."""
    return _posisi(list(RATING), values)


def _umpan_balik(dataset: Dataset, p: Periode, nips, rhk_usulan, rp_usulan):
    """Final ratings (docs/metodologi.md bagian 8): the atasan's from umpan_balik for (nip, P) where given, else the usulan."""
    ub = dataset.umpan_balik
    n_peg = len(nips)
    if len(ub):
        ub = ub.loc[_sama(ub["periode"], p.kode)]
    if ub.empty:
        return rhk_usulan.copy(), rp_usulan.copy(), pd.array([None] * n_peg, dtype="string")
    pos = _posisi(ub["nip"], nips)
    ada = pos >= 0
    rhk_ub = np.where(ada, _kode_rating(ub["rating_hasil_kerja"])[np.where(ada, pos, 0)], -1)
    rp_ub = np.where(ada, _kode_rating(ub["rating_perilaku"])[np.where(ada, pos, 0)], -1)
    catatan = _ambil(ub["catatan"], pos)
    rhk = np.where(rhk_ub >= 0, rhk_ub, rhk_usulan).astype("int8")
    rp = np.where(rp_ub >= 0, rp_ub, rp_usulan).astype("int8")
    return rhk, rp, catatan


def _predikat(m: Metodologi, hasil_kerja: np.ndarray, perilaku: np.ndarray) -> np.ndarray:
    """Predikat (positions in PREDIKAT) from the matrix; -1 where either final rating is missing."""
    tabel = np.array([PREDIKAT.index(m.predikat.sel(h, q)) for h in RATING for q in RATING] + [-1], dtype="int64")
    h = np.asarray(hasil_kerja, dtype="int64")
    q = np.asarray(perilaku, dtype="int64")
    return tabel[np.where((h < 0) | (q < 0), len(tabel) - 1, h * 3 + q)]


# ---------------------------------------------------------------------------------------------
# docs/metodologi.md bagian 9: distribution check


def _persen(pecahan: float) -> str:
    return f"{pecahan * 100:.10g}".replace(".", ",") + "%"


def teks_aturan(predikat: tuple[str, ...], syarat: str, batas: float) -> str:
    """Readable rule, e.g. "Sangat Baik ≤ 70%", "Butuh Perbaikan + Kurang/Misconduct > 0%"."""
    tanda = {"maks": "≤", "min": "≥", "lebih_dari": ">"}[syarat]
    if syarat == "maks" and batas == 0:
        tanda = "="  # a share can't be below 0: "at most 0%" reads as "none"
    return f"{' + '.join(LABEL[k] for k in predikat)} {tanda} {_persen(batas)}"


def cek_distribusi(pegawai: pd.DataFrame, dataset: Dataset, periode: str | Periode, metodologi: Metodologi) -> pd.DataFrame:
    """Distribution check (docs/metodologi.md bagian 9): each rule of each instansi with an organisation predikat in P.

    `pegawai` is a scored pegawai table (codes). Shares are fractions, unrounded: `jumlah` pegawai
    whose predikat is in the rule over `pembagi` pegawai of the instansi that have a predikat.
    `status` is "terpenuhi", "tidak terpenuhi", or "tidak dapat dinilai" where pembagi is 0.
    The check informs only; it changes no predikat.
    """
    p = periode if isinstance(periode, Periode) else parse_periode(periode)
    ko = dataset.kinerja_organisasi
    ko = ko.loc[_sama(ko["periode"], p.kode)] if len(ko) else ko
    if ko.empty:
        return _distribusi_kosong()
    # Pegawai per (instansi, predikat), counted with one bincount.
    inst, kode_unik = pd.factorize(pegawai["kode_instansi"])
    pk = _posisi(list(PREDIKAT), pegawai["predikat"])
    ok = (inst >= 0) & (pk >= 0)
    sel = np.bincount(inst[ok] * len(PREDIKAT) + pk[ok], minlength=len(kode_unik) * len(PREDIKAT))
    hitung = pd.DataFrame(sel.reshape(-1, len(PREDIKAT)), index=pd.Index(np.asarray(kode_unik, dtype=object)), columns=list(PREDIKAT))
    nama = dataset.instansi.set_index("kode_instansi")["nama_instansi"] if len(dataset.instansi) else pd.Series(dtype="string")
    bagian = []
    for org in PREDIKAT_ORGANISASI:
        kode = ko.loc[_sama(ko["predikat_organisasi"], org), "kode_instansi"].astype(object)
        if kode.empty:
            continue
        h = hitung.reindex(kode.to_numpy(), fill_value=0)
        pembagi = h.sum(axis=1).to_numpy(dtype="int64")
        for nomor, aturan in enumerate(metodologi.kurva.aturan(org), start=1):
            jumlah = h[list(aturan.predikat)].sum(axis=1).to_numpy(dtype="int64")
            with np.errstate(divide="ignore", invalid="ignore"):
                porsi = np.where(pembagi > 0, jumlah / np.maximum(pembagi, 1), np.nan)
            batas = aturan.batas
            ok = {"maks": porsi <= batas, "min": porsi >= batas, "lebih_dari": porsi > batas}[aturan.syarat]
            status = np.where(pembagi == 0, STATUS_TIDAK_DAPAT_DINILAI, np.where(ok, STATUS_TERPENUHI, STATUS_TIDAK_TERPENUHI))
            bagian.append(
                pd.DataFrame(
                    {
                        "kode_instansi": kode.to_numpy(),
                        "nama_instansi": nama.reindex(kode.to_numpy()).to_numpy(dtype=object),
                        "predikat_organisasi": org,
                        "nomor_aturan": nomor,
                        "aturan": teks_aturan(aturan.predikat, aturan.syarat, batas),
                        "predikat": [aturan.predikat] * len(kode),
                        "syarat": aturan.syarat,
                        "batas": batas,
                        "jumlah": jumlah,
                        "pembagi": pembagi,
                        "porsi": porsi,
                        "status": status,
                    }
                )
            )
    if not bagian:
        return _distribusi_kosong()
    hasil = pd.concat(bagian, ignore_index=True).sort_values(["kode_instansi", "nomor_aturan"], kind="stable")
    return _tipe_distribusi(hasil.reset_index(drop=True))


def _tipe_distribusi(frame: pd.DataFrame) -> pd.DataFrame:
    for k in ("kode_instansi", "nama_instansi", "predikat_organisasi", "aturan", "syarat", "status"):
        frame[k] = frame[k].astype("string")
    frame["predikat"] = frame["predikat"].astype(object)
    for k in ("nomor_aturan", "jumlah", "pembagi"):
        frame[k] = frame[k].astype("int64")
    for k in ("batas", "porsi"):
        frame[k] = frame[k].astype("float64")
    return frame[KOLOM_DISTRIBUSI]


def _distribusi_kosong() -> pd.DataFrame:
    return _tipe_distribusi(pd.DataFrame({k: [] for k in KOLOM_DISTRIBUSI}))


# ---------------------------------------------------------------------------------------------
# Monthly trend


def capaian_bulanan(dataset: Dataset, periode: str | Periode, metodologi: Metodologi | None = None) -> pd.DataFrame:
    """Capaian hasil kerja per pegawai per month, January to the period's last month.

    Each month is scored as its own one-month period (docs/metodologi.md bagian 1–5: a target_periodik row for
    that month wins, `jumlah` targets are pro rata / 12). Columns: `nip`, `kode_instansi`,
    `bulan` ('YYYY-MM'), `capaian_hasil_kerja` (percent, rounded; NaN where `abaikan` leaves
    nothing), `indikator_tanpa_realisasi`. Sorted by kode_instansi, nip, bulan.
    """
    p = periode if isinstance(periode, Periode) else parse_periode(periode)
    m = metodologi if metodologi is not None else load_metodologi()
    iki = _indikator_tahun(dataset, p)
    n = len(iki)
    kunci_iki = _arrow(iki["id_indikator"])
    bulan = tuple(f"{p.tahun:04d}-{b:02d}" for b in range(1, max(p.bulan) + 1))
    nb = len(bulan)

    jumlah = _sama(iki["agregasi"], "jumlah")
    t0 = iki["target"].to_numpy(dtype="float64", na_value=np.nan)
    u0 = iki["target_atas"].to_numpy(dtype="float64", na_value=np.nan)
    t = np.repeat(np.where(jumlah, t0 / 12, t0)[:, None], nb, axis=1)
    u = np.repeat(np.where(jumlah, u0 / 12, u0)[:, None], nb, axis=1)
    tp = dataset.target_periodik
    if len(tp):
        t_tp = _grid_bulanan(kunci_iki, bulan, tp["id_indikator"], tp["periode"], tp["target"].to_numpy(dtype="float64", na_value=np.nan))
        # A monthly row exists where its target is present (target is required in target_periodik);
        # its target_atas then replaces the range, empty meaning no range.
        ada_tp = ~np.isnan(t_tp)
        u_tp = _grid_bulanan(kunci_iki, bulan, tp["id_indikator"], tp["periode"], tp["target_atas"].to_numpy(dtype="float64", na_value=np.nan))
        t = np.where(ada_tp, t_tp, t)
        u = np.where(ada_tp, u_tp, u)
    real = dataset.realisasi
    r = _grid_bulanan(kunci_iki, bulan, real["id_indikator"], real["bulan"], real["realisasi"].to_numpy(dtype="float64", na_value=np.nan))
    turun = np.repeat(_sama(iki["arah"], "turun")[:, None], nb, axis=1)
    c = bulatkan_hitungan(hitung_capaian(t.ravel(), u.ravel(), r.ravel(), turun.ravel(), m.capaian.batas_atas))

    kp, nips = pd.factorize(iki["nip"])
    n_peg = len(nips)
    bobot = np.repeat(_bobot(kp, n_peg, iki["bobot"].to_numpy(dtype="float64", na_value=np.nan))[:, None], nb, axis=1).ravel()
    ada = ~np.isnan(c)
    masuk = np.ones(n * nb, dtype=bool) if m.capaian.tanpa_realisasi == "nol" else ada
    kelompok = (kp[:, None] * nb + np.arange(nb)[None, :]).ravel()
    chk = rata_rata_tertimbang(kelompok, n_peg * nb, np.where(ada, c, 0.0), bobot, masuk)
    tanpa = np.bincount(kelompok, weights=~ada, minlength=n_peg * nb).astype("int64")

    peg = dataset.pegawai
    ulang = np.repeat(np.arange(n_peg), nb)
    kode_instansi = _ambil(peg["kode_instansi"], _posisi(peg["nip"], nips))
    hasil = pd.DataFrame(
        {
            "nip": pd.array(_arrow(nips).take(pa.array(ulang)), dtype="string"),
            "kode_instansi": _ambil(kode_instansi, ulang),
            "bulan": _teks_dari_kode(np.tile(np.arange(nb), n_peg), bulan),
            "capaian_hasil_kerja": chk,
            "indikator_tanpa_realisasi": tanpa,
        }
    )
    pastikan_hingga(hasil, ["capaian_hasil_kerja"], "capaian bulanan")
    return _urutkan(hasil, ["kode_instansi", "nip", "bulan"])


# ---------------------------------------------------------------------------------------------
# Writing the contract files


def tabel_keluaran(hasil: HasilNilai) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two contract tables as written: contract columns and order, ratings/predikat as labels."""
    pegawai = hasil.pegawai[KOLOM_PEGAWAI].copy()
    for k in _LABEL_PEGAWAI:
        pegawai[k] = pegawai[k].map(LABEL).astype("string")
    indikator = hasil.indikator[KOLOM_INDIKATOR].copy()
    for k in _LABEL_INDIKATOR:
        indikator[k] = indikator[k].map(LABEL).astype("string")
    return pegawai, indikator


def write_scores(hasil: HasilNilai, directory: str | Path) -> list[Path]:
    """Write nilai_pegawai.csv and nilai_indikator.csv into `directory` (the caller passes DIR/P).

    docs/kontrak-data.md bagian 5: exactly its columns in its order, ratings/predikat/kategori as labels,
    non-integers rounded half up to 2 decimals, counts as integers, missing as empty fields,
    UTF-8 without BOM, '\\n' line ends. Each file goes through a temporary file and a rename.
    Returns the two paths.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pegawai, indikator = tabel_keluaran(hasil)
    pastikan_hingga(pegawai, ["capaian_hasil_kerja", "nilai_perilaku"], "nilai_pegawai.csv")
    pastikan_hingga(indikator, ["target_periode", "target_atas_periode", "realisasi_periode", "capaian"], "nilai_indikator.csv")
    jalur_pegawai = directory / "nilai_pegawai.csv"
    jalur_indikator = directory / "nilai_indikator.csv"
    write_csv(pegawai, jalur_pegawai, ["capaian_hasil_kerja", "nilai_perilaku"], ["jumlah_indikator", "indikator_tanpa_realisasi"])
    write_csv(
        indikator,
        jalur_indikator,
        ["target_periode", "target_atas_periode", "realisasi_periode", "capaian"],
        ["bulan_lapor"],
    )
    return [jalur_pegawai, jalur_indikator]


def alasan_tanpa_predikat(jumlah_indikator, rating_hasil_kerja, rating_perilaku) -> str:
    """Why a pegawai has no predikat in the period, in words (the instansi report and the rapor
    both say it this way): no IKI for the year, or which rating is missing."""
    if pd.isna(jumlah_indikator) or not jumlah_indikator:
        return "belum ada IKI untuk tahun ini"
    alasan = []
    if not (isinstance(rating_hasil_kerja, str) and rating_hasil_kerja):
        alasan.append("rating hasil kerja belum ada")
    if not (isinstance(rating_perilaku, str) and rating_perilaku):
        alasan.append("belum ada penilaian perilaku pada periode ini")
    return "; ".join(alasan) or "predikat belum dapat ditentukan"
