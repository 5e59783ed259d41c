"""Methodology review: how scores are computed, and what would change under another methodology.

    pembanding = load_pembanding([Path("params/alternatif/rata_rata.yaml")], load_metodologi())
    hasil = nilai_semua(dataset, "2025-TW4", pembanding)       # {nama: HasilNilai}
    sebaran_predikat(hasil)                                      # predikat counts per methodology
    tabel_transisi(hasil["bawaan"].pegawai, hasil["rata_rata"].pegawai)   # sums to the pegawai
    sapuan_sensitivitas(dataset, "2025-TW4", load_metodologi())  # cap and thresholds varied
    contoh_rumus(dataset, hasil["bawaan"])                       # worked examples from the data
    load_asumsi()                                                # the assumptions-and-caveats log
    render_metodologi(Path("data/contoh"), "2025-TW4")             # what `capaian metodologi` runs

Written for a workshop of BKPP, Inspektorat, Bapperida and the Sekda reviewing the method before
scores are used for TPP or angka kredit. Every methodology is the default with a `--banding` file
merged over it (mappings key by key), exactly as `capaian nilai --metodologi FILE` would score.
The atasan's ratings (`umpan_balik`) stay final under every methodology: only the computed
(usulan) ratings change, so a pegawai whose both ratings were set by the atasan never moves.

Units: capaian and IKI thresholds are percent; shares are fractions; perilaku is a 1-5 score.
A pegawai without predikat is counted as "belum dinilai" in every table, so each table sums to
the number of pegawai who have an IKI in the period's year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from capaian import sumber
from capaian.format import KOSONG, angka, bulat, nama_bulan, nama_periode, persen, porsi, teks
from capaian.tampilan import (
    WARNA_BELUM_DINILAI,
    WARNA_PREDIKAT,
    beri_pola,
    Tampilan,
    figur,
    gambar_html,
    gaya_grafik,
    kelas_status,
    rincian_html,
    tabel_html,
    tidak_ada_data,
)
from capaian.terbit import BundelPickle, sekarang, sumber_data, versi_paket
from capaian.kode import LABEL, PREDIKAT
# Re-exported: the settings files' models and loaders live in capaian.pengaturan.
from capaian.pengaturan import KOLOM_ASUMSI, Asumsi, AsumsiError, berkas_alternatif_bawaan, berkas_asumsi_bawaan, load_asumsi  # noqa: F401


BELUM_DINILAI = "belum_dinilai"
KATEGORI = (*PREDIKAT, BELUM_DINILAI)
LABEL_KATEGORI = {**{k: LABEL[k] for k in PREDIKAT}, BELUM_DINILAI: "Belum dinilai"}
_PERINGKAT = {k: i for i, k in enumerate(PREDIKAT)}  # 0 = best

WARNA_KATEGORI = {**WARNA_PREDIKAT, BELUM_DINILAI: WARNA_BELUM_DINILAI}


# =============================================================================================
# Methodologies to compare


@dataclass(frozen=True)
class Pembanding:
    """One methodology of the comparison.

    `nama`: short name used as a column heading (`bawaan`, or the file's stem); `judul`: the first
    line of the file's leading comment (or the stem); `keterangan`: that whole comment (what it
    changes and why someone would propose it); `perubahan`: each key that differs from the default,
    in words (`capaian.batas_atas: 120 → tanpa batas`).
    """

    nama: str
    judul: str
    keterangan: str
    berkas: str
    metodologi: Any
    perubahan: tuple[str, ...] = ()


def komentar_awal(teks_yaml: str) -> str:
    """The leading comment block of a YAML text, without the `#` marks (paragraphs kept)."""
    baris = []
    for b in teks_yaml.splitlines():
        s = b.strip()
        if s.startswith("#"):
            baris.append(s[1:].strip())
        elif s == "" and baris:
            break
        elif s == "":
            continue
        else:
            break
    return "\n".join(baris).strip()


def _nilai_teks(v: Any) -> str:
    if v is None:
        return "tanpa batas"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, (int, float)):
        return angka(v, 2).rstrip("0").rstrip(",") if isinstance(v, float) and not float(v).is_integer() else bulat(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_nilai_teks(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_nilai_teks(x)}" for k, x in v.items()) + "}"
    return str(v)


def beda_metodologi(dasar: dict, lain: dict, awalan: str = "") -> list[str]:
    """Each leaf key whose value differs between two methodology mappings, in words."""
    hasil = []
    for k in dict.fromkeys([*dasar.keys(), *lain.keys()]):
        a, b = dasar.get(k), lain.get(k)
        jalur = f"{awalan}.{k}" if awalan else str(k)
        if isinstance(a, dict) and isinstance(b, dict):
            hasil += beda_metodologi(a, b, jalur)
        elif a != b:
            hasil.append(f"{jalur}: {_nilai_teks(a)} → {_nilai_teks(b)}")
    return hasil


def load_pembanding(berkas: Sequence[str | Path], dasar=None, berkas_dasar: str | Path | None = None) -> list[Pembanding]:
    """The default methodology (`dasar`, or loaded from `berkas_dasar`) first, then one Pembanding
    per file, each merged over the packaged default as `load_metodologi` does.

    Raises `capaian.galat.MetodologiError` naming the file and the key for an unreadable or
    invalid file. Two files with the same stem get `_2`, `_3` appended to their names.
    """
    from capaian.pengaturan import BERKAS_BAWAAN, load_metodologi

    if dasar is None:
        dasar = load_metodologi(berkas_dasar)
    nama_dasar = str(berkas_dasar) if berkas_dasar is not None else str(BERKAS_BAWAAN)
    hasil = [Pembanding("bawaan", "Metodologi bawaan", "Metodologi yang dipakai untuk nilai resmi periode ini.", nama_dasar, dasar)]
    dipakai = {"bawaan"}
    d = dasar.to_dict()
    for path in berkas:
        path = Path(path)
        m = load_metodologi(path)
        try:
            ket = komentar_awal(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            ket = ""
        nama = path.stem
        n = 2
        while nama in dipakai:
            nama = f"{path.stem}_{n}"
            n += 1
        dipakai.add(nama)
        judul = ket.splitlines()[0].rstrip(".") if ket else path.stem
        hasil.append(Pembanding(nama, judul, ket, str(path), m, tuple(beda_metodologi(d, m.to_dict()))))
    return hasil


def saring_instansi(hasil, instansi: Sequence[str] | None):
    """`hasil` (a HasilNilai) restricted to the pegawai, IKI and distribution rules of the
    instansi codes `instansi`; `hasil` itself where `instansi` is None.

    Each pegawai is scored on his own IKI only (and each instansi's distribution on its own
    pegawai), so scoring everything and keeping a part equals scoring the part alone.
    """
    if instansi is None:
        return hasil
    from dataclasses import replace

    kode = list(instansi)

    def pilih(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["kode_instansi"].isin(kode).fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)

    return replace(hasil, pegawai=pilih(hasil.pegawai), indikator=pilih(hasil.indikator), distribusi=pilih(hasil.distribusi))


def nilai_semua(dataset, periode, pembanding: Sequence[Pembanding], instansi: Sequence[str] | None = None) -> dict[str, Any]:
    """Score the period under every methodology: {nama: HasilNilai}, in the given order; with
    `instansi`, restricted to those instansi codes (`saring_instansi`).

    Raises `capaian.nilai.PeriodeTanpaIndikator` when the period's year has no IKI.
    """
    from capaian.nilai import score_period

    return {p.nama: saring_instansi(score_period(dataset, periode, p.metodologi), instansi) for p in pembanding}


# =============================================================================================
# Comparisons


def kategori_predikat(pegawai: pd.DataFrame) -> pd.Series:
    """Each pegawai's predikat code, `belum_dinilai` where it is empty (indexed by nip)."""
    k = pegawai["predikat"].astype("string").fillna(BELUM_DINILAI)
    return pd.Series(k.to_numpy(dtype=object), index=pegawai["nip"].to_numpy(dtype=object), name="predikat")


def sebaran_predikat(hasil: dict[str, Any]) -> pd.DataFrame:
    """Predikat counts under each methodology: one row per category (the five predikat, then
    `belum_dinilai`), one column of counts per methodology; `label` names the category. Each
    column sums to the number of pegawai."""
    data = {"kategori": list(KATEGORI), "label": [LABEL_KATEGORI[k] for k in KATEGORI]}
    for nama, h in hasil.items():
        n = kategori_predikat(h.pegawai).value_counts()
        data[nama] = [int(n.get(k, 0)) for k in KATEGORI]
    return pd.DataFrame(data)


def tabel_transisi(pegawai_a: pd.DataFrame, pegawai_b: pd.DataFrame) -> pd.DataFrame:
    """How many pegawai move from which predikat (rows: methodology A) to which (columns: B).

    Rows and columns are every category of `KATEGORI` (including `belum_dinilai`), in that order,
    zero where nobody is; pegawai are matched by NIP (a pegawai present in only one table counts
    as `belum_dinilai` in the other). The table sums to the number of pegawai in either table.
    """
    a = kategori_predikat(pegawai_a)
    b = kategori_predikat(pegawai_b)
    nip = a.index.union(b.index)
    a = a.reindex(nip, fill_value=BELUM_DINILAI)
    b = b.reindex(nip, fill_value=BELUM_DINILAI)
    tab = pd.crosstab(pd.Categorical(a, categories=KATEGORI), pd.Categorical(b, categories=KATEGORI), dropna=False)
    tab = tab.reindex(index=list(KATEGORI), columns=list(KATEGORI), fill_value=0).astype("int64")
    tab.index.name = "dari"
    tab.columns.name = "ke"
    return tab


def ringkas_transisi(tab: pd.DataFrame) -> dict[str, int]:
    """Counts of a transition table: `tetap`, `naik` (to a better predikat), `turun`, and
    `berubah_status` (to or from belum dinilai); `jumlah` = all."""
    v = tab.to_numpy()
    hasil = {"jumlah": int(v.sum()), "tetap": int(np.trace(v)), "naik": 0, "turun": 0, "berubah_status": 0}
    for i, dari in enumerate(tab.index):
        for j, ke in enumerate(tab.columns):
            if i == j or not v[i, j]:
                continue
            if BELUM_DINILAI in (dari, ke):
                hasil["berubah_status"] += int(v[i, j])
            elif _PERINGKAT[ke] < _PERINGKAT[dari]:
                hasil["naik"] += int(v[i, j])
            else:
                hasil["turun"] += int(v[i, j])
    return hasil


# Values the sensitivity sweep tries (the default's own value is added when missing).
SAPUAN = {
    "batas_atas": (100.0, 110.0, 120.0, 130.0, 150.0, 200.0, None),
    "ambang_di_atas": (100.0, 105.0, 110.0, 115.0, 120.0, 130.0),
    "ambang_sesuai": (70.0, 75.0, 80.0, 85.0, 90.0, 95.0, 100.0),
    "batas_atas_rata_rata": (100.0, 110.0, 120.0, 130.0, 150.0, 200.0, None),
}
JUDUL_PARAMETER = {
    "batas_atas": "Batas atas capaian",
    "ambang_di_atas": "Ambang Di Atas Ekspektasi",
    "ambang_sesuai": "Ambang Sesuai Ekspektasi",
    "batas_atas_rata_rata": "Batas atas, rating rata-rata",
}


def _ubah(parameter: str, nilai) -> dict:
    if parameter == "batas_atas":
        return {"capaian": {"batas_atas": nilai}}
    if parameter == "batas_atas_rata_rata":
        # The cap matters for the rating only where the rating averages capaian (with proporsi a
        # cap at or above the di_atas threshold never moves an IKI across a threshold).
        return {"capaian": {"batas_atas": nilai}, "rating_hasil_kerja": {"metode": "rata_rata"}}
    if parameter == "ambang_di_atas":
        return {"ambang": {"di_atas": nilai}}
    if parameter == "ambang_sesuai":
        return {"ambang": {"sesuai": nilai}}
    raise ValueError(f"parameter sapuan tidak dikenal: {parameter}")


def _nilai_bawaan(m, parameter: str):
    return {
        "batas_atas": m.capaian.batas_atas,
        "batas_atas_rata_rata": m.capaian.batas_atas,
        "ambang_di_atas": m.ambang.di_atas,
        "ambang_sesuai": m.ambang.sesuai,
    }[parameter]


def sapuan_sensitivitas(dataset, periode, dasar, nilai: dict[str, Sequence] | None = None,
                        instansi: Sequence[str] | None = None) -> pd.DataFrame:
    """The predikat distribution as one parameter of `dasar` varies and the others stay put.

    Parameters: `batas_atas` (the cap, percent; None = no cap), `ambang_di_atas`, `ambang_sesuai`
    (IKI thresholds, percent), and `batas_atas_rata_rata` (the cap with the `rata_rata` rating, where
    the cap can move a rating); values from `nilai` (default `SAPUAN`, plus the default's own value;
    `bawaan` marks it, for `batas_atas_rata_rata` the default's cap).
    A value that would make the methodology invalid (sesuai ≥ di_atas) is skipped. Long form:
    parameter, nilai (NaN for no cap), label, bawaan (bool), kategori, jumlah, porsi (fraction of
    all pegawai; NaN where there is no pegawai). `instansi`: count only the pegawai of those codes.
    """
    from capaian.galat import MetodologiError
    from capaian.nilai import score_period

    nilai = dict(SAPUAN if nilai is None else nilai)
    baris = []
    for parameter, daftar in nilai.items():
        bawaan = _nilai_bawaan(dasar, parameter)
        daftar = list(daftar)
        if bawaan not in daftar:
            daftar.append(bawaan)
        daftar = sorted(daftar, key=lambda v: (v is None, v if v is not None else 0))
        for v in daftar:
            try:
                m = dasar.dengan(_ubah(parameter, v))
            except MetodologiError:
                continue
            k = kategori_predikat(saring_instansi(score_period(dataset, periode, m), instansi).pegawai).value_counts()
            total = int(k.sum())
            label = "tanpa batas" if v is None else persen(v, 0)
            for kat in KATEGORI:
                baris.append(
                    {
                        "parameter": parameter,
                        "nilai": np.nan if v is None else float(v),
                        "label": label,
                        "bawaan": v == bawaan,
                        "kategori": kat,
                        "jumlah": int(k.get(kat, 0)),
                        "porsi": int(k.get(kat, 0)) / total if total else np.nan,
                    }
                )
    return pd.DataFrame(baris, columns=["parameter", "nilai", "label", "bawaan", "kategori", "jumlah", "porsi"])


def distribusi_per_instansi(hasil: dict[str, Any]) -> pd.DataFrame:
    """The distribution rules (kurva) of every instansi with an organisation predikat, under each
    methodology: one row per (instansi, rule); per methodology a `porsi_NAMA` (fraction) and a
    `status_NAMA` column. Empty where no instansi has an organisation predikat in the period."""
    bagian = []
    for nama, h in hasil.items():
        d = h.distribusi
        if d is None or d.empty:
            continue
        d = d[["kode_instansi", "nama_instansi", "predikat_organisasi", "nomor_aturan", "aturan", "porsi", "status"]].copy()
        d["metodologi"] = nama
        bagian.append(d)
    if not bagian:
        return pd.DataFrame(columns=["kode_instansi", "nama_instansi", "predikat_organisasi", "nomor_aturan", "aturan"])
    semua = pd.concat(bagian, ignore_index=True)
    kunci = ["kode_instansi", "nama_instansi", "predikat_organisasi", "nomor_aturan", "aturan"]
    lebar = semua.set_index(kunci + ["metodologi"])[["porsi", "status"]].unstack("metodologi")
    hasil_ = lebar.reset_index()
    hasil_.columns = [f"{a}_{b}" if b else a for a, b in hasil_.columns]
    urut = [f"{x}_{n}" for n in hasil for x in ("porsi", "status") if f"{x}_{n}" in hasil_.columns]
    return hasil_[kunci + urut].sort_values(["kode_instansi", "nomor_aturan"], kind="stable").reset_index(drop=True)


# =============================================================================================
# Worked examples from the data


@dataclass
class ContohRumus:
    """One formula branch shown on a real IKI or pegawai of the data.

    `langkah`: the computation in words with the numbers (text, not yet escaped); `hasil_hitung`:
    the value recomputed here step by step; `hasil_mesin`: the scoring engine's value (they must
    agree; a test checks it). Percent for capaian, 1-5 for perilaku, None for a rating.
    """

    kode: str
    judul: str
    rumus: str
    subjek: str
    langkah: list[str]
    hasil_hitung: Any
    hasil_mesin: Any


def _bulat2(x: float) -> float:
    from capaian.angka import bulatkan

    return float(bulatkan(float(x)))


def _teks_angka(x: float, desimal: int = 2) -> str:
    """A number as a person would write it in a worked example: no trailing zeros."""
    t = angka(x, desimal)
    if "," in t:
        t = t.rstrip("0").rstrip(",")
    return t


def _hitung_capaian(t: float, u: float | None, r: float, turun: bool, batas: float | None) -> tuple[float, list[str]]:
    """docs/metodologi.md bagian 3 of the methodology for one IKI, in scalar arithmetic, with the steps in words."""
    langkah = []
    if u is not None and not np.isnan(u):
        if t <= r <= u:
            langkah.append(f"Realisasi {_teks_angka(r)} ada di dalam rentang target {_teks_angka(t)}–{_teks_angka(u)}, jadi capaian 100%.")
            c = 100.0
            return _batasi(c, batas, langkah)
        pakai = u if r > u else t
        langkah.append(
            f"Realisasi {_teks_angka(r)} ada di {'atas' if r > u else 'bawah'} rentang {_teks_angka(t)}–{_teks_angka(u)}, "
            f"jadi yang dipakai sebagai target adalah {_teks_angka(pakai)}."
        )
    else:
        pakai = t
    if pakai == 0:
        c = 100.0 if r == 0 else 0.0
        langkah.append(f"Target 0 (makin rendah makin baik): capaian 100% bila realisasi 0, selain itu 0%. Realisasi {_teks_angka(r)} → {_teks_angka(c)}%.")
        return _batasi(c, batas, langkah)
    rasio = r * 100.0 / pakai
    if turun:
        c = 200.0 - rasio
        langkah.append(f"Capaian = (2 − {_teks_angka(r, 4)} ÷ {_teks_angka(pakai, 4)}) × 100 = {_teks_angka(c, 4)}%.")
    else:
        c = rasio
        langkah.append(f"Capaian = {_teks_angka(r, 4)} ÷ {_teks_angka(pakai, 4)} × 100 = {_teks_angka(c, 4)}%.")
    return _batasi(c, batas, langkah)


def _batasi(c: float, batas: float | None, langkah: list[str]) -> tuple[float, list[str]]:
    atas = np.inf if batas is None else batas
    d = min(max(c, 0.0), atas)
    if d != c:
        langkah.append(f"Dibatasi ke rentang 0–{_teks_angka(atas) if batas is not None else '∞'}%: {_teks_angka(d)}%.")
    d = _bulat2(d)
    langkah.append(f"Dibulatkan dua desimal: {persen(d, 2)}.")
    return d, langkah


def _kategori(c: float, m) -> str:
    return "di_atas" if c >= m.ambang.di_atas else "sesuai" if c >= m.ambang.sesuai else "di_bawah"


_CABANG = (
    ("naik_jumlah", "Makin tinggi makin baik, dijumlahkan per bulan",
     "Target periode = target tahunan × jumlah bulan periode ÷ 12 (bila tidak ada target periodik); realisasi = jumlah realisasi bulanan; capaian = realisasi ÷ target × 100."),
    ("naik_rata_rata", "Makin tinggi makin baik, dirata-ratakan",
     "Target periode = target tahunan; realisasi = rata-rata realisasi bulan yang dilaporkan; capaian = realisasi ÷ target × 100."),
    ("naik_terakhir", "Makin tinggi makin baik, nilai bulan terakhir",
     "Target periode = target tahunan; realisasi = nilai bulan terakhir yang dilaporkan dalam periode; capaian = realisasi ÷ target × 100."),
    ("turun", "Makin rendah makin baik",
     "Capaian = (2 − realisasi ÷ target) × 100 (rumus kondisi khusus PermenPANRB 8/2021): realisasi tepat di target memberi 100%, separuh target memberi 150%."),
    ("rentang_di_dalam", "Target berupa rentang, realisasi di dalamnya",
     "Bila realisasi ada di antara batas bawah dan batas atas target, capaian 100%."),
    ("rentang_di_luar", "Target berupa rentang, realisasi di luarnya",
     "Di atas rentang, batas atas dipakai sebagai target; di bawah rentang, batas bawah yang dipakai; lalu rumus biasa."),
    ("target_nol", "Target nol",
     "Hanya untuk IKI makin rendah makin baik: capaian 100% bila realisasi 0, selain itu 0%."),
    ("batas_atas", "Capaian di atas batas atas",
     "Capaian yang melebihi batas atas ({batas_atas}) dipotong pada batas itu, agar satu IKI yang melampaui jauh tidak menutupi IKI lain."),
    ("target_periodik", "Target periodik eksplisit",
     "Bila tabel target_periodik memuat baris untuk IKI dan periode ini, targetnya yang dipakai, bukan target tahunan yang dibagi."),
    ("tanpa_realisasi", "IKI tanpa realisasi",
     "IKI tanpa realisasi dalam periode tidak diberi capaian; dalam nilai pegawai dihitung 0% dan Di Bawah Ekspektasi (tanpa_realisasi: nol) atau tidak diikutkan (abaikan)."),
)


def _realisasi_periode(dataset, p) -> pd.DataFrame:
    r = dataset.realisasi
    r = r[r["bulan"].isin(p.kode_bulan).fillna(False).to_numpy(dtype=bool)]
    return r.sort_values(["id_indikator", "bulan"], kind="stable")


def _contoh_iki(dataset, hasil, p, kode: str, judul: str, rumus: str, baris: pd.Series, real: pd.DataFrame) -> ContohRumus:
    m = hasil.metodologi
    nilai_bulan = real[real["id_indikator"] == baris["id_indikator"]]
    bulan_teks = ", ".join(f"{nama_bulan(b)} {_teks_angka(v)}" for b, v in zip(nilai_bulan["bulan"], nilai_bulan["realisasi"]))
    subjek = f"{baris['indikator']} ({baris['id_indikator']}; satuan {baris['satuan'] if isinstance(baris['satuan'], str) else '–'})"
    langkah = []
    agregasi = baris["agregasi"]
    t0, u0 = float(baris["target"]), baris["target_atas"]
    sumber = baris["sumber_target"]
    if sumber == "target_periodik":
        t, u = float(baris["target_periode"]), baris["target_atas_periode"]
        langkah.append(f"Tabel target_periodik memuat target {_teks_angka(t)} untuk periode {p.kode}; target tahunan {_teks_angka(t0)} tidak dipakai.")
    elif agregasi == "jumlah" and p.jumlah_bulan < 12:
        t = t0 * p.jumlah_bulan / 12
        u = u0 * p.jumlah_bulan / 12 if not pd.isna(u0) else np.nan
        langkah.append(f"Target tahunan {_teks_angka(t0)} × {p.jumlah_bulan} bulan ÷ 12 = target periode {_teks_angka(t)}.")
    else:
        t, u = t0, u0
        langkah.append(f"Target periode = target tahunan {_teks_angka(t)}" + (f" sampai {_teks_angka(u)}" if not pd.isna(u) else "") + ".")
    if nilai_bulan.empty:
        langkah.append(f"Tidak ada baris realisasi pada {nama_periode(p.kode)}: IKI ini tidak mendapat capaian.")
        langkah.append(
            "Dalam capaian hasil kerja pegawai: "
            + ("dihitung 0% dan Di Bawah Ekspektasi (tanpa_realisasi: nol)." if m.capaian.tanpa_realisasi == "nol" else "tidak diikutkan (tanpa_realisasi: abaikan).")
        )
        return ContohRumus(kode, judul, rumus, subjek, langkah, None, None if pd.isna(baris["capaian"]) else float(baris["capaian"]))
    v = nilai_bulan["realisasi"].to_numpy(dtype="float64")
    if agregasi == "jumlah":
        r = float(v.sum())
        langkah.append(f"Realisasi bulanan: {bulan_teks}; dijumlahkan = {_teks_angka(r)}.")
    elif agregasi == "rata_rata":
        r = float(v.sum()) / len(v)
        langkah.append(f"Realisasi bulanan: {bulan_teks}; rata-rata = {_teks_angka(r, 4)}.")
    else:
        r = float(v[-1])
        langkah.append(f"Realisasi bulanan: {bulan_teks}; nilai bulan terakhir = {_teks_angka(r)}.")
    c, lk = _hitung_capaian(t, None if pd.isna(u) else float(u), r, baris["arah"] == "turun", m.capaian.batas_atas)
    langkah += lk
    langkah.append(f"Kategori IKI: {LABEL[_kategori(c, m)]} (ambang {persen(m.ambang.sesuai, 0)} dan {persen(m.ambang.di_atas, 0)}).")
    return ContohRumus(kode, judul, rumus, subjek, langkah, c, float(baris["capaian"]))


def _pilih_cabang(ind: pd.DataFrame, m) -> dict[str, pd.Series]:
    """The first IKI (by id_indikator) of each formula branch present in the scored IKI table."""
    ada = ind["bulan_lapor"] > 0
    rentang = ind["target_atas_periode"].notna()
    naik = ind["arah"] == "naik"
    turun = ind["arah"] == "turun"
    t = ind["target_periode"]
    r = ind["realisasi_periode"]
    batas = m.capaian.batas_atas
    with np.errstate(invalid="ignore", divide="ignore"):
        mentah = np.where(turun, 200 - r * 100 / t, r * 100 / t)
    tidak_terpotong = ~(pd.Series(mentah, index=ind.index) > (batas if batas is not None else np.inf))
    biasa = ada & ~rentang & (t > 0) & tidak_terpotong & (ind["sumber_target"] != "target_periodik")
    syarat = {
        "naik_jumlah": biasa & naik & (ind["agregasi"] == "jumlah"),
        "naik_rata_rata": biasa & naik & (ind["agregasi"] == "rata_rata"),
        "naik_terakhir": biasa & naik & (ind["agregasi"] == "terakhir"),
        "turun": biasa & turun,
        "rentang_di_dalam": ada & rentang & (r >= t) & (r <= ind["target_atas_periode"]),
        "rentang_di_luar": ada & rentang & ((r < t) | (r > ind["target_atas_periode"])) & (t > 0),
        "target_nol": ada & ~rentang & (t == 0),
        "batas_atas": ada & ~rentang & (t > 0) & ~tidak_terpotong,
        "target_periodik": ada & (ind["sumber_target"] == "target_periodik"),
        "tanpa_realisasi": ~ada,
    }
    # Prefer an IKI whose capaian is not exactly 100: its arithmetic shows more.
    bukan_100 = (ind["capaian"] != 100).fillna(True).to_numpy(dtype=bool)
    hasil = {}
    for kode, mask in syarat.items():
        mask = mask.fillna(False).to_numpy(dtype=bool)
        if not mask.any():
            continue
        lebih_baik = mask & bukan_100 if kode not in ("rentang_di_dalam", "target_nol", "tanpa_realisasi") else mask
        pilih = lebih_baik if lebih_baik.any() else mask
        hasil[kode] = ind.iloc[int(np.flatnonzero(pilih)[0])]
    return hasil


def contoh_rumus(dataset, hasil, hanya_dinilai: bool = False) -> list[ContohRumus]:
    """Worked examples from the data under the methodology of `hasil` (a HasilNilai): one real IKI
    per formula branch present (`_CABANG` order, the first IKI by id_indikator), then one pegawai
    for capaian hasil kerja and the rating, one for perilaku, and the predikat. `hanya_dinilai`:
    the perilaku example is taken from the pegawai of `hasil` only (a review limited to some
    instansi)."""
    p = hasil.periode
    m = hasil.metodologi
    ind = hasil.indikator
    real = _realisasi_periode(dataset, p)
    pilihan = _pilih_cabang(ind, m)
    contoh = []
    for kode, judul, rumus in _CABANG:
        if kode in pilihan:
            rumus = rumus.replace("{batas_atas}", "tanpa batas" if m.capaian.batas_atas is None else persen(m.capaian.batas_atas, 0))
            contoh.append(_contoh_iki(dataset, hasil, p, kode, judul, rumus, pilihan[kode], real))
    contoh += _contoh_pegawai(dataset, hasil, hanya_dinilai)
    return contoh


def _contoh_pegawai(dataset, hasil, hanya_dinilai: bool = False) -> list[ContohRumus]:
    from capaian.dataset import ASPEK_PERILAKU

    m = hasil.metodologi
    p = hasil.periode
    ind = hasil.indikator
    peg = hasil.pegawai
    contoh = []
    # Capaian hasil kerja and rating: a pegawai with 3+ IKI all reported, preferring given weights.
    n_iki = ind.groupby("nip").size()
    lengkap = ind.groupby("nip")["bulan_lapor"].min() > 0
    berbobot = ind.groupby("nip")["bobot"].count() == n_iki
    calon = n_iki[(n_iki >= 3) & lengkap.reindex(n_iki.index)].index
    if len(calon):
        pilih_bobot = [n for n in calon if berbobot.get(n, False)]
        nip = sorted(pilih_bobot or list(calon))[0]
        iki = ind[ind["nip"] == nip].sort_values("id_indikator")
        bobot = iki["bobot"].to_numpy(dtype="float64")
        if np.isnan(bobot).any():
            bobot = np.ones(len(iki))
        c = iki["capaian"].to_numpy(dtype="float64")
        nilai = _bulat2(float((bobot * c).sum() / bobot.sum()))
        baris_p = peg[peg["nip"] == nip].iloc[0]
        langkah = [
            "Capaian setiap IKI: " + "; ".join(f"{i} {persen(x, 2)} (bobot {_teks_angka(w)})" for i, x, w in zip(iki["id_indikator"], c, bobot)) + ".",
            f"Rata-rata tertimbang = ({' + '.join(f'{_teks_angka(w)} × {_teks_angka(x)}' for x, w in zip(c, bobot))}) ÷ {_teks_angka(bobot.sum())} = {persen(nilai, 2)}.",
        ]
        contoh.append(
            ContohRumus(
                "capaian_hasil_kerja", "Capaian hasil kerja pegawai",
                "Rata-rata capaian semua IKI pegawai (utama dan tambahan), dibobot menurut bobot IKI; sama rata bila bobot tidak diisi.",
                f"{baris_p['nama']} ({nip}), {len(iki)} IKI", langkah, nilai, float(baris_p["capaian_hasil_kerja"]),
            )
        )
        utama = iki[iki["jenis_rhk"] == "utama"]
        if utama.empty:
            utama = iki
        kat = [_kategori(x, m) for x in utama["capaian"]]
        n, a, b = len(kat), kat.count("di_atas"), kat.count("di_bawah")
        if m.rating_hasil_kerja.metode == "proporsi":
            rating = "di_atas" if (2 * a > n and b == 0) else "di_bawah" if 2 * b > n else "sesuai"
            langkah = [
                f"Dari {n} IKI utama: {a} Di Atas Ekspektasi, {b} Di Bawah Ekspektasi, {n - a - b} Sesuai Ekspektasi.",
                "Di Atas bila lebih dari separuh di atas dan tidak ada yang di bawah; Di Bawah bila lebih dari separuh di bawah; selain itu Sesuai.",
                f"Rating hasil kerja (usulan): {LABEL[rating]}.",
            ]
            rumus = "Metode proporsi: dari sebaran kategori IKI utama, mengikuti definisi rating dalam Lampiran PermenPANRB 6/2022."
        else:
            rating = _kategori(nilai, m)
            langkah = [f"Capaian hasil kerja {persen(nilai, 2)} dibandingkan dengan ambang {persen(m.ambang.sesuai, 0)} dan {persen(m.ambang.di_atas, 0)}: {LABEL[rating]}."]
            rumus = "Metode rata-rata: ambang kategori IKI diterapkan pada capaian hasil kerja pegawai."
        contoh.append(
            ContohRumus("rating_hasil_kerja", "Rating hasil kerja (usulan)", rumus, f"{baris_p['nama']} ({nip})", langkah, rating,
                        baris_p["rating_hasil_kerja_usulan"] if isinstance(baris_p["rating_hasil_kerja_usulan"], str) else None)
        )
    # Perilaku: the first pegawai (by nip) rated in the period by two or more rows.
    pr = dataset.perilaku
    pr = pr[pr["bulan"].isin(p.kode_bulan).fillna(False).to_numpy(dtype=bool)]
    if hanya_dinilai:
        pr = pr[pr["nip"].isin(peg["nip"]).fillna(False).to_numpy(dtype=bool)]
    hitung = pr.groupby("nip").size()
    calon_p = sorted(hitung[hitung >= 2].index)
    if calon_p:
        nip = calon_p[0]
        rows = pr[pr["nip"] == nip].sort_values(["bulan", "nip_penilai"], kind="stable")
        skor = rows[list(ASPEK_PERILAKU)].to_numpy(dtype="float64")
        total, banyak = float(np.nansum(skor)), int((~np.isnan(skor)).sum())
        nilai_p = _bulat2(total / banyak)
        rating_p = "di_atas" if nilai_p >= m.perilaku.ambang.di_atas else "sesuai" if nilai_p >= m.perilaku.ambang.sesuai else "di_bawah"
        baris_p = peg[peg["nip"] == nip]
        nama = baris_p["nama"].iloc[0] if len(baris_p) else nip
        langkah = [
            f"{len(rows)} baris penilaian pada periode ini ({', '.join(nama_bulan(b) for b in rows['bulan'])}), masing-masing tujuh aspek BerAKHLAK.",
            f"Jumlah {banyak} skor = {_teks_angka(total)}; rata-rata = {_teks_angka(total)} ÷ {banyak} = {angka(nilai_p, 2)}.",
            f"Dibandingkan dengan ambang {angka(m.perilaku.ambang.sesuai, 1)} dan {angka(m.perilaku.ambang.di_atas, 1)}: {LABEL[rating_p]}.",
        ]
        mesin = float(baris_p["nilai_perilaku"].iloc[0]) if len(baris_p) else None
        contoh.append(
            ContohRumus("perilaku", "Nilai dan rating perilaku kerja",
                        "Rata-rata biasa dari semua skor aspek di semua baris penilaian pada periode (setiap penilai dan bulan sama beratnya), skala 1–5.",
                        f"{nama} ({nip})", langkah, nilai_p, mesin)
        )
    # Predikat: the first pegawai with a predikat, preferring one whose atasan changed a rating.
    dinilai = peg[peg["predikat"].notna()]
    if len(dinilai):
        ubah = dinilai[(dinilai["rating_hasil_kerja"] != dinilai["rating_hasil_kerja_usulan"]).fillna(False)
                       | (dinilai["rating_perilaku"] != dinilai["rating_perilaku_usulan"]).fillna(False)]
        baris_p = (ubah if len(ubah) else dinilai).sort_values("nip").iloc[0]
        rh, rp = baris_p["rating_hasil_kerja"], baris_p["rating_perilaku"]
        pred = m.predikat.sel(rh, rp)
        langkah = []
        for nama_r, usul, akhir in (("hasil kerja", baris_p["rating_hasil_kerja_usulan"], rh), ("perilaku", baris_p["rating_perilaku_usulan"], rp)):
            if isinstance(usul, str) and usul != akhir:
                langkah.append(f"Rating {nama_r}: usulan {LABEL[usul]}, diputuskan atasan menjadi {LABEL[akhir]} (umpan balik).")
            else:
                langkah.append(f"Rating {nama_r} akhir: {LABEL[akhir]}.")
        langkah.append(f"Matriks predikat: hasil kerja {LABEL[rh]} × perilaku {LABEL[rp]} → {LABEL[pred]}.")
        contoh.append(
            ContohRumus("predikat", "Predikat kinerja",
                        "Predikat dibaca dari matriks rating hasil kerja × rating perilaku (PermenPANRB 6/2022). Rating akhir adalah keputusan atasan bila ada, selain itu usulan.",
                        f"{baris_p['nama']} ({baris_p['nip']})", langkah, pred, baris_p["predikat"])
        )
    return contoh


# =============================================================================================
# The assumptions-and-caveats log


# The log's model and loader live with the other settings files (capaian.pengaturan).


# =============================================================================================
# Notebook side


@dataclass
class BundelMetodologi(BundelPickle):
    """What the methodology notebook shows, computed once by the batch (or `prepare_bundel`)."""

    periode: str
    pembanding: list  # dicts: nama, judul, keterangan, berkas, perubahan, metodologi
    sebaran: pd.DataFrame
    transisi: dict  # nama -> DataFrame (from bawaan)
    sapuan: pd.DataFrame
    distribusi: pd.DataFrame
    contoh: list  # ContohRumus
    asumsi: pd.DataFrame
    jumlah: dict
    metodologi: dict
    sumber: list = field(default_factory=list)
    paket: dict = field(default_factory=dict)
    dibuat: str = ""


def build_bundel(dataset, periode, pembanding: Sequence[Pembanding], asumsi: pd.DataFrame, dibuat: str | None = None,
                instansi: Sequence[str] | None = None) -> BundelMetodologi:
    """Score under every methodology and gather everything the review shows; with `instansi`
    (codes), only the pegawai of those instansi are counted and shown."""
    from capaian.kode import parse_periode

    p = parse_periode(str(periode)) if not hasattr(periode, "kode") else periode
    hasil = nilai_semua(dataset, p, pembanding, instansi)
    dasar = hasil["bawaan"]
    transisi = {nama: tabel_transisi(dasar.pegawai, h.pegawai) for nama, h in hasil.items() if nama != "bawaan"}
    peg = dasar.pegawai
    diputus = int(
        ((peg["rating_hasil_kerja"] != peg["rating_hasil_kerja_usulan"]).fillna(False)
         | (peg["rating_perilaku"] != peg["rating_perilaku_usulan"]).fillna(False)).sum()
    )
    ub = dataset.umpan_balik
    ub = ub[(ub["periode"] == p.kode).fillna(False).to_numpy(dtype=bool)]
    if instansi is not None:
        ub = ub[ub["nip"].isin(peg["nip"]).fillna(False).to_numpy(dtype=bool)]
    nama_instansi = dict(zip(dataset.instansi["kode_instansi"], dataset.instansi["nama_instansi"]))
    return BundelMetodologi(
        periode=p.kode,
        pembanding=[
            {"nama": x.nama, "judul": x.judul, "keterangan": x.keterangan, "berkas": x.berkas, "perubahan": list(x.perubahan),
             "metodologi": x.metodologi.to_dict()}
            for x in pembanding
        ],
        sebaran=sebaran_predikat(hasil),
        transisi=transisi,
        sapuan=sapuan_sensitivitas(dataset, p, pembanding[0].metodologi, instansi=instansi),
        distribusi=distribusi_per_instansi(hasil),
        contoh=contoh_rumus(dataset, dasar, hanya_dinilai=instansi is not None),
        asumsi=asumsi,
        jumlah={
            "pegawai": len(peg),
            "instansi": len(instansi) if instansi is not None else int(peg["kode_instansi"].nunique()),
            "instansi_dipilih": [str(nama_instansi.get(k, k)) for k in instansi] if instansi is not None else None,
            "iki": len(dasar.indikator),
            "umpan_balik": len(ub),
            "rating_atasan_berbeda": diputus,
            "instansi_kurva": int(dasar.distribusi["kode_instansi"].nunique()) if len(dasar.distribusi) else 0,
        },
        metodologi=pembanding[0].metodologi.to_dict(),
        sumber=sumber_data(dataset),
        paket=versi_paket(),
        dibuat=dibuat or sekarang(),
    )


def prepare_bundel(data: str | None, periode: str, banding: Sequence[str] | None = None, metodologi: str | None = None,
                    bundel: str | None = None, instansi: Sequence[str] | None = None) -> BundelMetodologi:
    """The review's data: the batch's bundle where given, else compute it here from `data`
    (comparing with `banding`, default the shipped alternatives; only the instansi codes
    `instansi` where given)."""
    if bundel:
        return BundelMetodologi.load_untuk(bundel, periode)
    from capaian.terbit import pilih_instansi
    from capaian.validasi import load_dataset

    pembanding = load_pembanding(list(banding) if banding else berkas_alternatif_bawaan(), berkas_dasar=metodologi)
    ds = load_dataset(data)
    kode = pilih_instansi(ds, instansi) if instansi else None
    return build_bundel(ds, periode, pembanding, load_asumsi(), instansi=kode)


def judul(bt: BundelMetodologi):
    from capaian.format import tanggal

    dibuat = tanggal(dt.datetime.fromisoformat(bt.dibuat), jam=True) if bt.dibuat else KOSONG
    n_alt = len(bt.pembanding) - 1
    dipilih = bt.jumlah.get("instansi_dipilih")
    cakupan = f" ({', '.join(dipilih)})" if dipilih else ""
    alasan = alasan_tanpa_data(bt)
    return Tampilan(
        "<h1>Tinjauan Metodologi Penilaian Kinerja</h1>\n"
        f'<p class="subjudul">Periode {teks(nama_periode(bt.periode))} ({teks(bt.periode)}) · '
        f"{teks(bulat(bt.jumlah['pegawai']))} pegawai di {teks(bulat(bt.jumlah['instansi']))} instansi{teks(cakupan)} · "
        f"metodologi bawaan versi {teks(bt.metodologi.get('versi'))} dibandingkan dengan {teks(bulat(n_alt))} alternatif"
        f"<br>Dibuat {teks(dibuat)}</p>"
        + (tidak_ada_data(alasan) if alasan else ""),
        "judul",
    )


def alasan_tanpa_data(bt: BundelMetodologi) -> str | None:
    """Why there is nothing to compare (no pegawai with IKI in the chosen instansi); None otherwise."""
    if bt.jumlah["pegawai"]:
        return None
    return (f"Tidak ada pegawai dengan IKI tahun {bt.periode[:4]} di instansi yang dipilih, jadi tidak ada predikat untuk "
            "dibandingkan antarmetodologi; rumus di bawah tetap dijelaskan.")


def rumus(bt: BundelMetodologi):
    """Every formula in plain language, each with a worked example from this data."""
    isi = []
    for c in bt.contoh:
        isi.append(f"<h3>{teks(c.judul)}</h3>")
        isi.append(f"<p>{teks(c.rumus)}</p>")
        isi.append(f'<p class="catatan">Contoh dari data: {teks(c.subjek)}</p>')
        isi.append("<ol>" + "".join(f"<li>{teks(x)}</li>" for x in c.langkah) + "</ol>")
    if not bt.contoh:
        isi.append('<p class="catatan">Data periode ini tidak memuat contoh untuk ditampilkan.</p>')
    return Tampilan("\n".join(isi), "rumus")


def daftar_pembanding(bt: BundelMetodologi):
    """The methodologies compared: what each changes and why someone would propose it."""
    data = pd.DataFrame(
        [
            {
                "nama": x["nama"],
                "judul": x["judul"],
                "perubahan": "; ".join(x["perubahan"]) if x["perubahan"] else ("–" if x["nama"] == "bawaan" else "sama dengan bawaan"),
                "alasan": " ".join(x["keterangan"].splitlines()[1:]).strip() or x["keterangan"],
                "berkas": Path(x["berkas"]).name,
            }
            for x in bt.pembanding
        ]
    )
    return Tampilan(
        tabel_html(
            data,
            {"nama": "Nama", "judul": "Metodologi", "perubahan": "Yang diubah dari bawaan", "alasan": "Mengapa diusulkan", "berkas": "Berkas"},
            keterangan="Metodologi yang dibandingkan",
        ),
        "pembanding",
    )


def _nama_kolom(bt: BundelMetodologi) -> dict[str, str]:
    return {x["nama"]: x["nama"] for x in bt.pembanding}


def sebaran(bt: BundelMetodologi):
    """Predikat counts (and shares) under each methodology, as a table and a grouped bar chart."""

    sns = gaya_grafik()
    data = bt.sebaran
    nama = [x["nama"] for x in bt.pembanding]
    total = {n: int(data[n].sum()) for n in nama}
    tabel = data.copy()
    kolom = {"label": "Predikat"}
    fmt = {}
    for n in nama:
        tabel[n] = [f"{bulat(v)} ({porsi(v / total[n] if total[n] else float('nan'), 0)})" for v in data[n]]
        kolom[n] = n
    if not any(total.values()):
        return Tampilan(tidak_ada_data("Tidak ada pegawai yang dinilai, jadi grafik sebaran predikat tidak dibuat."), "sebaran predikat")
    jumlah = {"label": "Jumlah", **{n: bulat(total[n]) for n in nama}}
    tabel = pd.concat([tabel[list(kolom)], pd.DataFrame([jumlah])], ignore_index=True)
    html_tabel = tabel_html(tabel, kolom, kanan=tuple(nama), keterangan="Jumlah pegawai per predikat (porsi)", sorot=[False] * (len(tabel) - 1) + [True])

    panjang = data.melt(id_vars=["kategori", "label"], value_vars=nama, var_name="metodologi", value_name="jumlah")
    fig = figur(7.6, 3.6)
    ax = fig.subplots()
    sns.barplot(data=panjang, x="label", y="jumlah", hue="metodologi", ax=ax, palette="colorblind", errorbar=None)
    ax.set_xlabel("")
    ax.set_ylabel("Jumlah pegawai")
    ax.set_title("Sebaran predikat menurut metodologi")
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(title="", fontsize=8, frameon=False, loc="upper right")
    beri_pola(ax)  # each methodology its own hatch, in the legend too: readable printed in greyscale
    gambar = gambar_html(fig, "Grafik batang sebaran predikat per metodologi")
    return Tampilan(gambar + html_tabel, "sebaran predikat")


def transisi(bt: BundelMetodologi):
    """One transition table per alternative: from the default's predikat (rows) to the
    alternative's (columns), with totals; the diagonal (no change) highlighted."""
    isi = []
    for x in bt.pembanding[1:]:
        tab = bt.transisi[x["nama"]]
        r = ringkas_transisi(tab)
        data = tab.copy()
        data["jumlah"] = data.sum(axis=1)
        data = data.reset_index()
        data["dari"] = data["dari"].map(LABEL_KATEGORI)
        total = {"dari": "Jumlah", **{k: int(tab[k].sum()) for k in tab.columns}, "jumlah": int(tab.to_numpy().sum())}
        data = pd.concat([data, pd.DataFrame([total])], ignore_index=True)
        kolom = {"dari": f"bawaan ↓ / {x['nama']} →", **{k: LABEL_KATEGORI[k] for k in KATEGORI}, "jumlah": "Jumlah"}
        kelas = {k: ["sorot" if i < len(KATEGORI) and KATEGORI[i] == k else None for i in range(len(data))] for k in KATEGORI}
        isi.append(f"<h3>Bawaan → {teks(x['nama'])}: {teks(x['judul'])}</h3>")
        isi.append(
            f'<p class="catatan">{teks(bulat(r["tetap"]))} dari {teks(bulat(r["jumlah"]))} pegawai tetap; '
            f"{teks(bulat(r['naik']))} naik predikat, {teks(bulat(r['turun']))} turun, {teks(bulat(r['berubah_status']))} "
            "berpindah dari atau ke belum dinilai.</p>"
        )
        isi.append(
            tabel_html(
                data, kolom, format={k: bulat for k in (*KATEGORI, "jumlah")}, kanan=(*KATEGORI, "jumlah"), kelas_sel=kelas,
                sorot=[False] * len(KATEGORI) + [True],
            )
        )
    if len(bt.pembanding) < 2:
        isi.append('<p class="catatan">Tidak ada metodologi alternatif yang dibandingkan (--banding).</p>')
    return Tampilan("\n".join(isi), "transisi")


def sensitivitas(bt: BundelMetodologi):
    """The sweep: one panel per parameter, the share of each predikat as the parameter moves."""

    sns = gaya_grafik()
    data = bt.sapuan
    if data.empty or data["porsi"].isna().all():
        return Tampilan(tidak_ada_data("Sapuan sensitivitas tidak menghasilkan data: tidak ada pegawai yang dinilai."), "sensitivitas")
    parameter = list(dict.fromkeys(data["parameter"]))
    kolom_panel = 2 if len(parameter) > 3 else len(parameter)
    baris_panel = int(np.ceil(len(parameter) / kolom_panel))
    fig = figur(9.5, 3.0 * baris_panel + 0.4)
    axes = np.atleast_1d(fig.subplots(baris_panel, kolom_panel, sharey=True)).ravel()
    for ax in axes[len(parameter):]:
        ax.set_visible(False)
    axes = axes[: len(parameter)]
    for ax, prm in zip(axes, parameter):
        d = data[data["parameter"] == prm].copy()
        label = list(dict.fromkeys(d["label"]))
        d["x"] = d["label"].map({k: i for i, k in enumerate(label)})
        d["kategori_label"] = d["kategori"].map(LABEL_KATEGORI)
        sns.lineplot(
            data=d, x="x", y="porsi", hue="kategori_label", palette={LABEL_KATEGORI[k]: WARNA_KATEGORI[k] for k in KATEGORI},
            hue_order=[LABEL_KATEGORI[k] for k in KATEGORI], style="kategori_label", style_order=[LABEL_KATEGORI[k] for k in KATEGORI],
            markers=True, dashes=True, errorbar=None, ax=ax, legend=ax is axes[-1],
        )
        bawaan = d[d["bawaan"]]["x"]
        if len(bawaan):
            ax.axvline(bawaan.iloc[0], color="#444444", linestyle=":", linewidth=1)
        ax.set_xticks(range(len(label)), label, rotation=45, fontsize=8)
        ax.set_xlabel("")
        ax.set_title(JUDUL_PARAMETER.get(prm, prm), fontsize=10)
        ax.set_ylabel("Porsi pegawai")
        ax.yaxis.set_major_formatter(__import__("matplotlib.ticker", fromlist=["FuncFormatter"]).FuncFormatter(lambda v, _p: porsi(v, 0)))
    axes[-1].legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False, fontsize=8)
    gambar = gambar_html(fig, "Grafik sensitivitas sebaran predikat terhadap batas atas dan ambang")
    # A compact table: for each parameter value, the counts per predikat.
    urutan = data.groupby(["parameter", "label"], sort=False).ngroup()
    lebar = (
        data.assign(_u=urutan).set_index(["_u", "parameter", "label", "bawaan", "kategori"])["jumlah"]
        .unstack("kategori").reindex(columns=list(KATEGORI)).sort_index(level="_u").reset_index()
    )
    lebar["parameter"] = lebar["parameter"].map(JUDUL_PARAMETER)
    lebar["label"] = np.where(lebar["bawaan"], lebar["label"] + " (bawaan)", lebar["label"])
    kolom = {"label": "Nilai", **{k: LABEL_KATEGORI[k] for k in KATEGORI}}
    tabel = tabel_html(
        lebar, kolom, format={k: bulat for k in KATEGORI}, kanan=KATEGORI, kelompok=lebar["parameter"].tolist(),
        sorot=lebar["bawaan"].tolist(), keterangan="Jumlah pegawai per predikat untuk setiap nilai parameter",
    )
    ket = (
        '<p class="catatan">Setiap panel mengubah satu parameter dan membiarkan yang lain seperti bawaan (garis titik-titik). '
        "Ambang Di Atas Ekspektasi di atas batas atas capaian membuat tidak ada IKI yang dapat berkategori Di Atas Ekspektasi. "
        "Dengan metode proporsi, predikat hanya bergantung pada kategori setiap IKI, sehingga batas atas yang tidak lebih rendah dari "
        "ambang Di Atas Ekspektasi tidak mengubah predikat siapa pun; panel terakhir memperlihatkan batas atas yang sama bila rating "
        "hasil kerja memakai rata-rata capaian.</p>"
    )
    return Tampilan(gambar + ket + tabel, "sensitivitas")


def distribusi(bt: BundelMetodologi):
    """The distribution rules per instansi under each methodology: the share and whether it is met."""
    d = bt.distribusi
    if d.empty:
        return Tampilan(
            '<p class="catatan">Tidak ada instansi dengan predikat kinerja organisasi pada periode ini (tabel kinerja_organisasi), '
            "sehingga aturan kurva distribusi tidak diperiksa.</p>",
            "distribusi",
        )
    nama = [x["nama"] for x in bt.pembanding]
    data = d.copy()
    kolom = {"aturan": "Aturan"}
    kelas = {}
    for n in nama:
        if f"porsi_{n}" not in data.columns:
            continue
        # Share and status may wrap onto two lines, at " · " only (no-break spaces inside the
        # status), so that five methodologies fit beside each other at 1280 px.
        data[n] = [
            f"{porsi(p_, 1)} · {s.replace(' ', chr(0xA0))}" if isinstance(s, str) else KOSONG
            for p_, s in zip(data[f"porsi_{n}"], data[f"status_{n}"])
        ]
        kolom[n] = n
        kelas[n] = [f"{kelas_status(s)} bungkus" for s in data[f"status_{n}"]]
    kelompok = [f"{a} (predikat organisasi {LABEL.get(b, b)})" for a, b in zip(data["nama_instansi"], data["predikat_organisasi"])]
    terpenuhi = {n: int((d[f"status_{n}"] == "terpenuhi").sum()) for n in nama if f"status_{n}" in d.columns}
    ringkas = "; ".join(f"{n}: {bulat(v)} dari {bulat(len(d))} aturan terpenuhi" for n, v in terpenuhi.items())
    return Tampilan(
        f'<p class="catatan">{teks(ringkas)}. Porsi dihitung atas pegawai instansi yang memiliki predikat. Angka aturan berasal dari '
        "salinan sekunder SE MenPANRB 3/2023 (lihat log asumsi) dan hanya sebagai informasi.</p>"
        + tabel_html(data, kolom, kelas_sel=kelas, kelompok=kelompok),
        "distribusi",
    )


def asumsi(bt: BundelMetodologi):
    """The assumptions-and-caveats log as a table."""
    a = bt.asumsi
    ringkas = a["keyakinan"].value_counts()
    ket = ", ".join(f"{bulat(ringkas.get(k, 0))} {k}" for k in ("tinggi", "sedang", "rendah"))
    kelas = {"keyakinan": [{"tinggi": "terpenuhi", "rendah": "tidak-terpenuhi"}.get(k, "tidak-dinilai") for k in a["keyakinan"]]}
    return Tampilan(
        f'<p class="catatan">{teks(bulat(len(a)))} asumsi; keyakinan: {teks(ket)}. Kolom "Kunci" menunjuk tempatnya di berkas '
        'metodologi (dapat diubah tanpa mengubah program); "Banding" menunjuk alternatif di atas yang memperlihatkan dampaknya.</p>'
        + tabel_html(
            a,
            {"kode": "Kode", "topik": "Topik", "asumsi": "Asumsi", "sumber": "Sumber", "keyakinan": "Keyakinan", "dampak": "Yang berubah bila keliru",
             "kunci": "Kunci", "banding": "Banding"},
            kelas_sel=kelas,
        ),
        "asumsi",
    )


def penutup(bt: BundelMetodologi):
    """What the comparison says in sentences, then where the numbers came from."""
    from capaian.format import tanggal

    kal = []
    j = bt.jumlah
    kal.append(
        f"Pada periode ini {bulat(j['pegawai'])} pegawai memiliki IKI; atasan memberi umpan balik untuk {bulat(j['umpan_balik'])} pegawai "
        f"dan mengubah rating usulan {bulat(j['rating_atasan_berbeda'])} pegawai. Rating akhir atasan tidak berubah oleh metodologi, "
        "jadi pegawai tersebut cenderung tetap pada predikatnya di semua alternatif."
    )
    proporsi = bt.metodologi.get("rating_hasil_kerja", {}).get("metode") == "proporsi"
    di_atas = bt.metodologi.get("ambang", {}).get("di_atas")
    for x in bt.pembanding[1:]:
        r = ringkas_transisi(bt.transisi[x["nama"]])
        if r["jumlah"] == r["tetap"]:
            kalimat = f"{x['judul']} ({x['nama']}) tidak memindahkan predikat siapa pun pada periode ini."
            m = x["metodologi"]
            hanya_batas = all(p_.startswith("capaian.batas_atas") for p_ in x["perubahan"]) and x["perubahan"]
            batas = m.get("capaian", {}).get("batas_atas")
            if proporsi and hanya_batas and (batas is None or (di_atas is not None and batas >= di_atas)):
                kalimat += (
                    " Dengan metode proporsi, batas atas yang tidak lebih rendah dari ambang Di Atas Ekspektasi hanya mengubah angka "
                    "capaian hasil kerja, bukan kategori IKI, rating, atau predikat."
                )
            kal.append(kalimat)
            continue
        kal.append(
            f"{x['judul']} ({x['nama']}): {bulat(r['jumlah'] - r['tetap'])} dari {bulat(r['jumlah'])} pegawai berpindah predikat "
            f"({bulat(r['naik'])} naik, {bulat(r['turun'])} turun, {bulat(r['berubah_status'])} dari/ke belum dinilai)."
        )
    isi = ["<ul>"] + [f"<li>{teks(k)}</li>" for k in kal] + ["</ul>"]
    isi.append("<h3>Asal data</h3>")
    isi.append(tabel_html(pd.DataFrame(bt.sumber, columns=["tabel", "file", "sha256"]), {"tabel": "Tabel", "file": "Berkas", "sha256": "SHA-256"},
                          kosong_teks="Asal berkas data tidak tercatat."))
    dibuat = tanggal(dt.datetime.fromisoformat(bt.dibuat), jam=True) if bt.dibuat else KOSONG
    isi.append(rincian_html([*((x["nama"], x["berkas"]) for x in bt.pembanding), ("Dibuat", dibuat),
                             ("Perangkat lunak", ", ".join(f"{k} {v}" for k, v in bt.paket.items()))]))
    return Tampilan("\n".join(isi), "penutup")


# =============================================================================================
# The command: `capaian metodologi DATA --periode P [--banding FILE ...]`

NOTEBOOK = sumber.notebook("metodologi.ipynb")
WARMUP = ("import pandas", "import matplotlib", "import seaborn", "import capaian.metodologi")


@dataclass(frozen=True)
class HasilMetodologi:
    """What `render_metodologi` made: `status` `berhasil` or `gagal` (with `pesan`), the files, and
    the names of the methodologies compared (the default first)."""

    periode: str
    status: str
    pesan: str | None
    html: Path
    ipynb: Path
    dibandingkan: tuple[str, ...]

    @property
    def exit_status(self) -> int:
        """0 when the review was made, 1 when its notebook failed (docs/kontrak-data.md bagian 5)."""
        return 0 if self.status == "berhasil" else 1

    def ringkasan(self) -> str:
        """A closing summary for the terminal, in Bahasa Indonesia."""
        if self.status != "berhasil":
            return (f"capaian: tinjauan metodologi gagal: {self.pesan}\n"
                    f"         notebook untuk diperiksa: {self.ipynb}")
        return f"ditulis: {self.html}\nDibandingkan: " + ", ".join(self.dibandingkan) + "."


def render_metodologi(data, periode_kode: str, keluaran: Path = Path("outputs"), banding: Sequence[Path] = (),
                    metodologi: Path | None = None, instansi: Sequence[str] | None = None, *, notebook: Path | None = None, start_timeout: float = 180.0,
                    zigot: bool | None = None) -> HasilMetodologi:
    """`capaian metodologi`: render `keluaran/P/metodologi.html` (and `.ipynb`).

    Compares the default (`metodologi`, else the packaged one) with each `banding` file; with none
    given, with the shipped alternatives of `params/alternatif/`; `instansi` (codes) limits the
    review to the pegawai of those instansi (all where None). Raises before a kernel starts
    (all `capaian.galat.GalatPengguna`): a bad period, an unreadable or invalid methodology,
    `--banding` file or assumptions log (naming the key), a missing data folder, invalid data
    (nothing is written under DIR/P/), a period whose year has no IKI; then
    `PeriodeSedangDiproses` where another run holds the period folder's lock. A failing notebook
    does not raise: see `HasilMetodologi.exit_status` and `.ringkasan()`.
    """
    from capaian.kode import parse_periode
    from capaian.nilai import pastikan_ada_iki
    from capaian.terbit import Penerbit, area_kerja, catat_laporan_lain, kunci_periode, pastikan_notebook, pilih_instansi
    from capaian.validasi import load_dataset

    # Every check that can refuse the command runs before a kernel starts.
    p = parse_periode(str(periode_kode))
    berkas = list(banding) if banding else berkas_alternatif_bawaan()
    pembanding = load_pembanding(berkas, berkas_dasar=metodologi)
    log = load_asumsi()
    ds = load_dataset(data)
    kode = pilih_instansi(ds, instansi) if instansi else None
    pastikan_ada_iki(ds, p)
    nb_path = pastikan_notebook(notebook, NOTEBOOK, "tinjauan metodologi")
    folder = Path(keluaran) / p.kode
    with kunci_periode(folder), area_kerja(folder) as kerja:
        with Penerbit(WARMUP, start_timeout=start_timeout, zigot=zigot, kerja=kerja) as penerbit:
            bt = build_bundel(ds, p, pembanding, log, instansi=kode)
            parameter = {
                "data": str(Path(data).resolve()),
                "periode": p.kode,
                "banding": [str(Path(b).resolve()) for b in berkas],
                "metodologi": str(Path(metodologi).resolve()) if metodologi is not None else None,
                "instansi": list(kode) if kode else None,
                "bundel": str(penerbit.write_bundel(bt, "metodologi")),
            }
            h = penerbit.run_one(nb_path, parameter, folder / "metodologi.ipynb", folder / "metodologi.html",
                                       f"Tinjauan Metodologi · {nama_periode(p.kode)}")
        catat_laporan_lain(folder, "metodologi.html", "Tinjauan metodologi", h.status, h.pesan, ds, pembanding[0].metodologi)
    return HasilMetodologi(p.kode, h.status, h.pesan, folder / "metodologi.html", folder / "metodologi.ipynb",
                         tuple(x.nama for x in pembanding))
