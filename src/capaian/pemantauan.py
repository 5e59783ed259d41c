"""Pemantauan rating putusan: what can honestly be said of ratings decided outside capaian
(table `rating_putusan`, e.g. imported from e-Kinerja) without IKI data (docs/metodologi.md,
"Pemantauan rating putusan").

Every function takes a validated `Dataset` and a period P and returns plain DataFrames (codes,
not labels), one row per instansi, month, pegawai or penilai as its docstring says; the report
notebook (`notebooks/pemantauan_instansi.ipynb`) and the kabupaten overview show them. Which
rows count for P:

- "the decided rating of P" (`putusan_periode`), one per pegawai: the row whose `periode` is P
  itself; for a triwulan or semester without such a row, the row of the latest month of P that
  has one. For a year only the year's `YYYY` row counts (a monthly rating is not the annual one).
- "the rows within P" (`baris_dalam_periode`): every row whose period lies inside P (for a year:
  its months, triwulan, semester and the year itself); the consistency check reads all of them.
- months: the months of P (for a year, January to December), for coverage and month-by-month.

Nothing here changes a rating; the results are for reading. Who rated whom is never returned:
penilai appear only as aggregates of at least `BATAS_PENILAI` pegawai (`pola_penilai`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import ValidationError, field_validator

from capaian import sumber
from capaian.galat import AturanKualitasError
from capaian.kode import PREDIKAT, RATING, Periode, parse_periode, sebagai_kode
from capaian.metodologi import BELUM_DINILAI
from capaian.pengaturan import Isi, KodePredikat, ModelKetat, baca_pemetaan, gabung, terjemah_galat

# A penilai who rated fewer pegawai than this (in one instansi, for P) is not shown on their own
# but pooled with the other small ones: a share of one or two pegawai reveals their predikat.
BATAS_PENILAI = 3
PENILAI_KECIL = "penilai lain (kurang dari 3 pegawai masing-masing)"
PENILAI_KOSONG = "penilai tidak tercatat"

SESUAI = "sesuai"
TIDAK_SESUAI = "tidak sesuai"
TIDAK_DAPAT_DIPERIKSA = "tidak dapat diperiksa"

MEMENUHI = "memenuhi"
TIDAK_MEMENUHI = "tidak memenuhi"
BELUM_DAPAT_DITENTUKAN = "belum dapat ditentukan"

SKP_DISETUJUI = "persetujuan"
SKP_TIDAK_TERCATAT = "tidak tercatat"

_PERINGKAT = {k: i for i, k in enumerate(PREDIKAT)}  # 0 = best


def _periode(periode) -> Periode:
    return periode if isinstance(periode, Periode) else parse_periode(str(periode))


def _bulan_periode(kode: str) -> tuple[int, tuple[int, ...]] | None:
    try:
        q = parse_periode(kode)
    except Exception:  # validated data holds canonical codes; anything else is simply outside
        return None
    return q.tahun, q.bulan


def _dengan_instansi(ds, frame: pd.DataFrame) -> pd.DataFrame:
    instansi = ds.pegawai.drop_duplicates("nip").set_index("nip")["kode_instansi"]
    return frame.assign(kode_instansi=frame["nip"].map(instansi).astype("string"))


def baris_dalam_periode(ds, periode) -> pd.DataFrame:
    """Every `rating_putusan` row whose period lies inside P, with the pegawai's `kode_instansi`
    and `jenis_periode` (bulan, triwulan, semester, tahunan); in the table's order."""
    p = _periode(periode)
    rp = ds.rating_putusan
    kode = rp["periode"].astype("string")
    info = {k: _bulan_periode(k) for k in kode.dropna().unique()}
    dalam = kode.map(lambda k: isinstance(k, str) and info.get(k) is not None and info[k][0] == p.tahun and set(info[k][1]) <= set(p.bulan))
    hasil = rp.loc[dalam.fillna(False).astype(bool)].copy()
    hasil["jenis_periode"] = hasil["periode"].map(lambda k: {1: "bulan", 3: "triwulan", 6: "semester", 12: "tahunan"}[len(info[k][1])]).astype("string")
    return _dengan_instansi(ds, hasil)


def putusan_periode(ds, periode) -> pd.DataFrame:
    """The decided rating of P per pegawai (see the module docstring): columns nip, kode_instansi,
    periode (the row's own period), rating_hasil_kerja, rating_perilaku, predikat, nip_penilai.
    Pegawai without one have no row."""
    p = _periode(periode)
    rows = baris_dalam_periode(ds, p)
    kolom = ["nip", "kode_instansi", "periode", "rating_hasil_kerja", "rating_perilaku", "predikat", "nip_penilai"]
    sendiri = rows[rows["periode"] == p.kode]
    if p.jenis in ("triwulan", "semester"):
        bulanan = rows[(rows["jenis_periode"] == "bulan") & ~rows["nip"].isin(sendiri["nip"])]
        terakhir = bulanan.sort_values("periode", kind="stable").drop_duplicates("nip", keep="last")
        sendiri = pd.concat([sendiri, terakhir])
    return sendiri[kolom].sort_values(["kode_instansi", "nip"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Distribution against the kurva


def sebaran_predikat(ds, periode) -> pd.DataFrame:
    """Per instansi (every instansi of the data, in its order): `pegawai`, `dinilai` (pegawai with
    a decided rating of P), one count column per predikat, and `belum_dinilai`."""
    put = putusan_periode(ds, periode)
    peg = ds.pegawai.groupby("kode_instansi", sort=False).size()
    hitung = pd.crosstab(put["kode_instansi"], put["predikat"]).reindex(columns=list(PREDIKAT), fill_value=0)
    kode = ds.instansi["kode_instansi"].astype(str).tolist()
    hasil = pd.DataFrame({"kode_instansi": kode})
    hasil["pegawai"] = [int(peg.get(k, 0)) for k in kode]
    for k in PREDIKAT:
        hasil[k] = [int(hitung[k].get(x, 0)) if x in hitung.index else 0 for x in kode]
    hasil["dinilai"] = hasil[list(PREDIKAT)].sum(axis=1).astype("int64")
    hasil[BELUM_DINILAI] = (hasil["pegawai"] - hasil["dinilai"]).clip(lower=0).astype("int64")
    return hasil[["kode_instansi", "pegawai", "dinilai", *PREDIKAT, BELUM_DINILAI]]


def cek_kurva(ds, periode, metodologi) -> pd.DataFrame:
    """The distribution rules of each instansi's organisation predikat of P (`kinerja_organisasi`)
    applied to the decided predikat of P: exactly `capaian.nilai.cek_distribusi` (docs/metodologi.md
    bagian 9), with the decided ratings in place of computed ones."""
    from capaian.nilai import cek_distribusi

    put = putusan_periode(ds, periode)
    return cek_distribusi(put[["nip", "kode_instansi", "predikat"]], ds, _periode(periode), metodologi)


# ---------------------------------------------------------------------------------------------
# Consistency with the predikat matrix


def konsistensi(ds, periode, metodologi) -> pd.DataFrame:
    """Each row within P checked against the predikat matrix (metodologi `predikat`): columns nip,
    kode_instansi, periode, rating_hasil_kerja, rating_perilaku, predikat, predikat_matriks and
    `status`: "sesuai", "tidak sesuai", or "tidak dapat diperiksa" where a rating is missing."""
    rows = baris_dalam_periode(ds, periode)
    matriks = {(h, q): metodologi.predikat.sel(h, q) for h in RATING for q in RATING}
    pasangan = zip(rows["rating_hasil_kerja"].astype(object), rows["rating_perilaku"].astype(object))
    harus = [matriks.get((h, q)) if isinstance(h, str) and isinstance(q, str) else None for h, q in pasangan]
    hasil = rows[["nip", "kode_instansi", "periode", "rating_hasil_kerja", "rating_perilaku", "predikat"]].copy()
    hasil["predikat_matriks"] = pd.array(harus, dtype="string")
    ada = hasil["predikat_matriks"].notna()
    sama = (hasil["predikat_matriks"] == hasil["predikat"]).fillna(False).astype(bool)
    hasil["status"] = pd.array(np.where(~ada.to_numpy(), TIDAK_DAPAT_DIPERIKSA, np.where(sama.to_numpy(), SESUAI, TIDAK_SESUAI)), dtype="string")
    return hasil.reset_index(drop=True)


def ringkas_konsistensi(kons: pd.DataFrame, kode: list[str]) -> pd.DataFrame:
    """Per instansi of `kode`: rows checked (`diperiksa`), `sesuai`, `tidak_sesuai` and `tidak_dapat_diperiksa`."""
    hitung = pd.crosstab(kons["kode_instansi"], kons["status"]).reindex(columns=[SESUAI, TIDAK_SESUAI, TIDAK_DAPAT_DIPERIKSA], fill_value=0)
    hitung = hitung.reindex(kode, fill_value=0)
    hasil = pd.DataFrame({
        "kode_instansi": kode,
        "sesuai": hitung[SESUAI].to_numpy(dtype="int64"),
        "tidak_sesuai": hitung[TIDAK_SESUAI].to_numpy(dtype="int64"),
        "tidak_dapat_diperiksa": hitung[TIDAK_DAPAT_DIPERIKSA].to_numpy(dtype="int64"),
    })
    hasil.insert(1, "diperiksa", hasil["sesuai"] + hasil["tidak_sesuai"])
    return hasil


# ---------------------------------------------------------------------------------------------
# Coverage and month by month


def predikat_bulanan(ds, periode) -> pd.DataFrame:
    """Month by month: one row per pegawai (every pegawai of the data), columns nip, kode_instansi,
    then one column per month of P (`YYYY-MM`) holding the month's decided predikat (NA: not rated)."""
    p = _periode(periode)
    rows = baris_dalam_periode(ds, p)
    rows = rows[rows["jenis_periode"] == "bulan"]
    lebar = rows.pivot(index="nip", columns="periode", values="predikat") if len(rows) else pd.DataFrame()
    peg = ds.pegawai[["nip", "kode_instansi"]].drop_duplicates("nip").reset_index(drop=True)
    for b in p.kode_bulan:
        kol = lebar[b] if b in lebar.columns else pd.Series(dtype="string")
        peg[b] = peg["nip"].map(kol).astype("string")
    return peg


def belum_dinilai(ds, periode) -> pd.DataFrame:
    """Coverage: every (pegawai, month of P) without a `rating_putusan` row for that month: nip,
    kode_instansi, bulan; by instansi, month, nip."""
    p = _periode(periode)
    lebar = predikat_bulanan(ds, p)
    panjang = lebar.melt(id_vars=["nip", "kode_instansi"], value_vars=list(p.kode_bulan), var_name="bulan", value_name="predikat")
    kosong = panjang[panjang["predikat"].isna()][["nip", "kode_instansi", "bulan"]]
    return kosong.sort_values(["kode_instansi", "bulan", "nip"], kind="stable").reset_index(drop=True)


def sebaran_bulanan(ds, periode) -> pd.DataFrame:
    """Per instansi and month of P: `pegawai`, a count per predikat and `belum_dinilai`
    (columns kode_instansi, bulan, pegawai, sangat_baik … sangat_kurang, belum_dinilai)."""
    p = _periode(periode)
    lebar = predikat_bulanan(ds, p)
    panjang = lebar.melt(id_vars=["nip", "kode_instansi"], value_vars=list(p.kode_bulan), var_name="bulan", value_name="predikat")
    panjang["predikat"] = panjang["predikat"].fillna(BELUM_DINILAI)
    kat = [*PREDIKAT, BELUM_DINILAI]
    hitung = panjang.groupby(["kode_instansi", "bulan", "predikat"]).size().unstack("predikat").reindex(columns=kat, fill_value=0).fillna(0)
    kode = ds.instansi["kode_instansi"].astype(str).tolist()
    indeks = pd.MultiIndex.from_product([kode, list(p.kode_bulan)], names=["kode_instansi", "bulan"])
    hitung = hitung.reindex(indeks, fill_value=0).astype("int64")
    hasil = hitung.reset_index()
    hasil.insert(2, "pegawai", hasil[kat].sum(axis=1).astype("int64"))
    return hasil


def cakupan(ds, periode) -> pd.DataFrame:
    """Coverage per instansi and month of P: kode_instansi, bulan, pegawai, dinilai, belum_dinilai."""
    sb = sebaran_bulanan(ds, periode)
    return pd.DataFrame({
        "kode_instansi": sb["kode_instansi"],
        "bulan": sb["bulan"],
        "pegawai": sb["pegawai"],
        "dinilai": sb[list(PREDIKAT)].sum(axis=1).astype("int64"),
        "belum_dinilai": sb[BELUM_DINILAI],
    })


def skp_belum_disetujui(ds, periode) -> pd.DataFrame:
    """Pegawai whose SKP for P's year is not approved: status `draft` or `pengajuan` in
    `status_skp`, or `tidak tercatat` (no row that year while the table has rows for it).
    Columns nip, kode_instansi, tahun, status. Empty when `status_skp` has no row for the year
    (`ada_status_skp` tells the two apart)."""
    p = _periode(periode)
    skp = ds.status_skp
    skp = skp[skp["tahun"].astype("int64") == p.tahun] if len(skp) else skp
    kolom = ["nip", "kode_instansi", "tahun", "status"]
    if skp.empty:
        return pd.DataFrame({k: pd.Series(dtype="string") for k in kolom}).astype({"tahun": "int64"})
    status = skp.drop_duplicates("nip").set_index("nip")["status"]
    peg = ds.pegawai[["nip", "kode_instansi"]].drop_duplicates("nip")
    st = peg["nip"].map(status).astype("string").fillna(SKP_TIDAK_TERCATAT)
    hasil = peg.assign(tahun=p.tahun, status=st)
    hasil = hasil[hasil["status"] != SKP_DISETUJUI][kolom]
    return hasil.sort_values(["kode_instansi", "status", "nip"], kind="stable").reset_index(drop=True)


def ada_status_skp(ds, periode) -> bool:
    """Whether `status_skp` has any row for P's year."""
    skp = ds.status_skp
    return bool(len(skp)) and bool((skp["tahun"].astype("int64") == _periode(periode).tahun).any())


# ---------------------------------------------------------------------------------------------
# Each penilai's pattern against the instansi's


def pola_penilai(ds, periode) -> pd.DataFrame:
    """Each penilai's distribution of the decided predikat of P against their instansi's (the
    pegawai's instansi), aggregates only: one row per (kode_instansi, penilai) with columns
    kode_instansi, nip_penilai (NA for a pooled row), kelompok (NA, or `PENILAI_KECIL` /
    `PENILAI_KOSONG` for pooled rows), dinilai, a count per predikat, porsi_sangat_baik,
    porsi_sangat_baik_instansi, selisih (penilai minus instansi, fraction) and `seragam` (every
    pegawai the penilai rated, at least `BATAS_PENILAI`, has the same predikat).

    A penilai with fewer than `BATAS_PENILAI` pegawai in the instansi is pooled into one row per
    instansi, and so are rows without `nip_penilai`: no row ever shows one pegawai's predikat
    next to a named penilai. Which pegawai a penilai rated is never returned."""
    put = putusan_periode(ds, periode)
    kolom = ["kode_instansi", "nip_penilai", "kelompok", "dinilai", *PREDIKAT, "porsi_sangat_baik", "porsi_sangat_baik_instansi", "selisih", "seragam"]
    if put.empty:
        return pd.DataFrame({k: pd.Series(dtype="object") for k in kolom})
    inst = put.groupby("kode_instansi").agg(n=("nip", "size"), sb=("predikat", lambda s: int((s == "sangat_baik").sum())))
    kunci = put["nip_penilai"].astype(object)
    ukuran = put.assign(_k=kunci.fillna("")).groupby(["kode_instansi", "_k"])["nip"].transform("size")
    kelompok = np.where(kunci.isna(), PENILAI_KOSONG, np.where(ukuran < BATAS_PENILAI, PENILAI_KECIL, None))
    put = put.assign(kelompok=pd.array(kelompok, dtype="object"))
    put["nip_penilai"] = put["nip_penilai"].where(put["kelompok"].isna())
    baris = []
    for (kode, nip_penilai, kel), g in put.groupby(["kode_instansi", put["nip_penilai"].fillna(""), put["kelompok"].fillna("")], sort=True):
        hitung = {k: int((g["predikat"] == k).sum()) for k in PREDIKAT}
        n = len(g)
        porsi = hitung["sangat_baik"] / n
        porsi_inst = inst.at[kode, "sb"] / inst.at[kode, "n"]
        baris.append({
            "kode_instansi": kode,
            "nip_penilai": nip_penilai or pd.NA,
            "kelompok": kel or pd.NA,
            "dinilai": n,
            **hitung,
            "porsi_sangat_baik": porsi,
            "porsi_sangat_baik_instansi": porsi_inst,
            "selisih": porsi - porsi_inst,
            "seragam": bool(not kel and n >= BATAS_PENILAI and max(hitung.values()) == n),
        })
    hasil = pd.DataFrame(baris, columns=kolom)
    # Named penilai first (largest difference first), pooled rows last, per instansi.
    hasil["_urut"] = hasil["kelompok"].notna().astype(int)
    hasil = hasil.sort_values(["kode_instansi", "_urut", "selisih", "dinilai"], ascending=[True, True, False, False], kind="stable")
    return hasil.drop(columns="_urut").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Eligibility flags: params/kelayakan.yaml

BERKAS_KELAYAKAN = "params/kelayakan.yaml"


class AturanKelayakanError(AturanKualitasError):
    """An unreadable or invalid eligibility-rule file (`params/kelayakan.yaml`)."""

    judul = "Aturan kelayakan tidak sah"


class AturanLayak(ModelKetat):
    """One eligibility rule: the annual decided predikat of `tahun_berturut` consecutive years
    ending in P's year is at least (`minimal`) or at most (`maksimal`) `predikat`."""

    judul: Isi
    syarat: Literal["minimal", "maksimal"]
    predikat: KodePredikat
    tahun_berturut: int
    dasar: Isi

    @field_validator("tahun_berturut")
    @classmethod
    def _tahun(cls, v: int) -> int:
        if not 1 <= v <= 10:
            raise ValueError("harus antara 1 dan 10")
        return v

    def terpenuhi(self, predikat: str) -> bool:
        """Whether one year's predikat meets the rule."""
        if self.syarat == "minimal":
            return _PERINGKAT[predikat] <= _PERINGKAT[self.predikat]
        return _PERINGKAT[predikat] >= _PERINGKAT[self.predikat]

    def teks(self) -> str:
        """The rule in words, e.g. "predikat tahunan Baik atau lebih baik, 2 tahun berturut-turut"."""
        from capaian.kode import LABEL

        arah = "atau lebih baik" if self.syarat == "minimal" else "atau lebih rendah"
        tahun = "1 tahun terakhir" if self.tahun_berturut == 1 else f"{self.tahun_berturut} tahun berturut-turut"
        return f"predikat tahunan {LABEL[self.predikat]} {arah}, {tahun}"


class AturanKelayakan(ModelKetat):
    versi: str
    aturan: dict[str, AturanLayak]

    @field_validator("aturan")
    @classmethod
    def _ada(cls, v: dict[str, AturanLayak]) -> dict[str, AturanLayak]:
        if not v:
            raise ValueError("paling sedikit satu aturan")
        return v


def berkas_kelayakan_bawaan() -> Path:
    """`params/kelayakan.yaml` of the working folder where it exists, else the packaged file."""
    p = Path(BERKAS_KELAYAKAN)
    return p if p.is_file() else sumber.berkas_params("kelayakan.yaml")


def load_aturan_kelayakan(path: str | Path | None = None) -> AturanKelayakan:
    """The eligibility rules of `path` (default `berkas_kelayakan_bawaan()`); its `aturan`
    replaces the packaged rules whole when given. Raises AturanKelayakanError naming the key."""
    path = Path(path) if path is not None else berkas_kelayakan_bawaan()
    data = baca_pemetaan(path, AturanKelayakanError)
    if "aturan" not in data:
        data = gabung(baca_pemetaan(sumber.berkas_params("kelayakan.yaml"), AturanKelayakanError, "bawaan"), data)
    try:
        return AturanKelayakan.model_validate(data)
    except ValidationError as e:
        raise AturanKelayakanError(terjemah_galat(e, AturanKelayakan), str(path)) from None


def kelayakan(ds, periode, aturan: AturanKelayakan | None = None) -> pd.DataFrame:
    """Each rule for every pegawai: columns nip, kode_instansi, aturan (its key), judul, status
    ("memenuhi", "tidak memenuhi", "belum dapat ditentukan") and `tahun`: the years read with
    their predikat, e.g. "2024: baik; 2025: sangat_baik" (a year without an annual row: "-").

    A year fails the rule as soon as one year's predikat is known not to meet it; it is
    "belum dapat ditentukan" when no known year fails and one has no annual row."""
    p = _periode(periode)
    aturan = aturan or load_aturan_kelayakan()
    rp = ds.rating_putusan
    tahunan = rp[rp["periode"].astype("string").str.fullmatch(r"\d{4}").fillna(False).astype(bool)]
    per_tahun = {(n, int(t)): k for n, t, k in zip(tahunan["nip"], tahunan["periode"], tahunan["predikat"])}
    peg = ds.pegawai[["nip", "kode_instansi"]].drop_duplicates("nip")
    baris = []
    for kunci, a in aturan.aturan.items():
        tahun = list(range(p.tahun - a.tahun_berturut + 1, p.tahun + 1))
        for nip, kode in zip(peg["nip"], peg["kode_instansi"]):
            nilai = [per_tahun.get((nip, t)) for t in tahun]
            diketahui = [v for v in nilai if isinstance(v, str)]
            if any(not a.terpenuhi(v) for v in diketahui):
                status = TIDAK_MEMENUHI
            elif len(diketahui) < len(nilai):
                status = BELUM_DAPAT_DITENTUKAN
            else:
                status = MEMENUHI
            teks = "; ".join(f"{t}: {v if isinstance(v, str) else '-'}" for t, v in zip(tahun, nilai))
            baris.append({"nip": nip, "kode_instansi": kode, "aturan": kunci, "judul": a.judul, "status": status, "tahun": teks})
    return pd.DataFrame(baris, columns=["nip", "kode_instansi", "aturan", "judul", "status", "tahun"])


# ---------------------------------------------------------------------------------------------
# Computed against decided


def banding_hitungan(ds, periode, metodologi, hasil_nilai: Any = None) -> pd.DataFrame:
    """Where the data has IKI as well: per pegawai with a computed or a decided predikat of P,
    nip, kode_instansi, predikat_hitungan (`capaian.nilai.score_period`), predikat_putusan and
    `sama` (both present and equal). Empty when the data has no IKI for P's year."""
    from capaian.galat import PeriodeTanpaIndikator
    from capaian.nilai import score_period

    kolom = ["nip", "kode_instansi", "predikat_hitungan", "predikat_putusan", "sama"]
    if hasil_nilai is None:
        try:
            hasil_nilai = score_period(ds, _periode(periode), metodologi)
        except PeriodeTanpaIndikator:
            return pd.DataFrame({k: pd.Series(dtype="object") for k in kolom})
    hitung = hasil_nilai.pegawai[["nip", "kode_instansi", "predikat"]].copy()
    hitung["predikat"] = sebagai_kode(hitung["predikat"], PREDIKAT)
    hitung = hitung.rename(columns={"predikat": "predikat_hitungan"})
    put = putusan_periode(ds, periode)[["nip", "kode_instansi", "predikat"]].rename(columns={"predikat": "predikat_putusan"})
    hasil = hitung.merge(put, on=["nip", "kode_instansi"], how="outer")
    hasil = hasil[hasil["predikat_hitungan"].notna() | hasil["predikat_putusan"].notna()]
    hasil["sama"] = (hasil["predikat_hitungan"].astype(object) == hasil["predikat_putusan"].astype(object)) & hasil["predikat_putusan"].notna()
    hasil["sama"] = hasil["sama"].astype(bool)
    return hasil[kolom].sort_values(["kode_instansi", "nip"], kind="stable").reset_index(drop=True)


def tabel_kesesuaian(banding: pd.DataFrame) -> pd.DataFrame:
    """Agreement table: computed predikat (rows) × decided predikat (columns), counts, with
    `belum_dinilai` where one side has none."""
    kat = [*PREDIKAT, BELUM_DINILAI]
    a = banding["predikat_hitungan"].astype(object).where(banding["predikat_hitungan"].notna(), BELUM_DINILAI)
    b = banding["predikat_putusan"].astype(object).where(banding["predikat_putusan"].notna(), BELUM_DINILAI)
    tab = pd.crosstab(pd.Categorical(a, kat), pd.Categorical(b, kat), dropna=False)
    tab.index.name, tab.columns.name = "hitungan", "putusan"
    return tab.reindex(index=kat, columns=kat, fill_value=0).astype("int64")
