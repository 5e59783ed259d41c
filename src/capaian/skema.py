"""The tables of the data contract, each declared once as a pandera model (docs/kontrak-data.md bagian 1).

A model states, per column and in the contract's column order: its kind (`metadata["jenis"]`:
teks | kode | nip | angka | bulat | bulan | periode | tanggal), its rule in Bahasa Indonesia
(`description`, the text `data/README.md` shows), whether it may be absent from the file and left
empty (`required=False, nullable=True`), its default code (`default`, where the contract gives one:
the column may then be absent, and empty cells take the default), and its per-value check, which
carries the message a user reads (`error=`). `Config.metadata` holds the table's key (`kunci`,
whose duplicates are flagged) and any note for the documentation (`catatan`).

Everything else is derived from the models: `KOLOM` (the column view the reader in
`capaian.validasi` walks), `KUNCI`, `nama_kolom` (the sample generator's and the test builders'
headers), `pesan_cek` (the messages of the checks) and `dokumentasi_tabel` (the tables of
`data/README.md`; `python -m capaian.skema` rewrites them).

The models check values on the typed frame, after `capaian.validasi` has read text into numbers,
codes, NIPs and periods; rules that span rows or tables (foreign keys, uniqueness, cycles, weights
per pegawai-year) live in `capaian.validasi`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd


def _pandera_tanpa_dask() -> None:
    """pandera looks up its Dask types when it first validates, importing dask.dataframe (about a
    second) wherever dask is installed, as with the extra capaian[skala] (docs/skala.md). capaian
    validates pandas frames only: pandera is told dask is absent, so the local path never loads it."""
    import types

    if "pandera.typing.dask" not in sys.modules:
        kosong = types.ModuleType("pandera.typing.dask")
        kosong.DASK_INSTALLED = False
        sys.modules["pandera.typing.dask"] = kosong


_pandera_tanpa_dask()

import pandera.pandas as pa  # noqa: E402  after the hook above
from pandera.typing import Series  # noqa: E402

from capaian.dataset import REQUIRED_TABLES, TABEL_IKI, TABLES

JENIS = ("teks", "kode", "nip", "angka", "bulat", "bulan", "periode", "tanggal")

# How a kind is named in the documentation.
_JENIS_DOKUMEN = {
    "teks": "teks",
    "kode": "kode",
    "nip": "NIP",
    "angka": "angka",
    "bulat": "bilangan bulat",
    "bulan": "bulan",
    "periode": "kode periode",
    "tanggal": "tanggal",
}

# Every column may hold NA in the typed frame where reading failed (the reader reports that once);
# `nullable=False` marks cells that must be filled.
Teks = Series[pd.StringDtype]
Angka = Series[float]
Bulat = Series[pd.Int64Dtype]
Tanggal = Series[pa.DateTime]


def kolom(jenis: str, aturan: str, *, opsional: bool = False, bawaan: str | None = None, **cek: dict) -> Any:
    """One contract column as a pandera field.

    jenis: one of `JENIS`. aturan: the contract's rule for the column, in Bahasa Indonesia.
    opsional: the column may be absent from the file and its cells may be empty.
    bawaan: the code used where the column is absent or a cell is empty.
    cek: checks from `paling_kecil`, `paling_besar`, `lebih_dari`, `antara` or `pola`, each carrying its message.
    """
    if jenis not in JENIS:
        raise ValueError(f"jenis kolom tidak dikenal: {jenis}")
    return pa.Field(
        nullable=opsional,
        required=not opsional and bawaan is None,
        default=bawaan,
        description=aturan,
        metadata={"jenis": jenis},
        **cek,
    )


# Each check carries the message shown after the column name ("target harus ≥ 0").
def paling_kecil(batas) -> dict:
    return {"ge": {"min_value": batas, "error": f"harus ≥ {batas}"}}


def lebih_dari(batas) -> dict:
    return {"gt": {"min_value": batas, "error": f"harus lebih dari {batas}"}}


def paling_besar(batas, teks: str | None = None) -> dict:
    return {"le": {"max_value": batas, "error": f"harus ≤ {teks or batas}"}}


def antara(bawah, atas) -> dict:
    return {"in_range": {"min_value": bawah, "max_value": atas, "error": f"harus antara {bawah} dan {atas}"}}


def pola(regex: str, pesan: str) -> dict:
    return {"str_matches": {"pattern": regex, "error": pesan}}


# Bounds of every number a user types into `indikator`, `realisasi` and `target_periodik`
# (docs/kontrak-data.md bagian 1, "Batas angka"). Within them every step of the method (pro rata,
# sums of 12 months, R × 100 / T, weighted means, rounding to cents) stays finite and exact enough
# in float64, so no report ever meets inf or an overflow: capaian is at most about 1,2 × 10^24 %.
# target, target_atas and realisasi: ≤ ANGKA_MAKS; a target or target_atas that is not 0 is ≥
# ANGKA_MIN (0 stays allowed where the rules allow it); bobot in [ANGKA_MIN, BOBOT_MAKS].
ANGKA_MAKS = 1e15
ANGKA_MIN = 1e-6
BOBOT_MAKS = 1e6
TEKS_ANGKA_MAKS = "1.000.000.000.000.000 (10^15)"
TEKS_ANGKA_MIN = "0,000001 (10^-6)"
TEKS_BOBOT_MAKS = "1.000.000 (10^6)"


def _angka_dibatasi(bawah=0) -> dict:
    """`≥ bawah` and `≤ ANGKA_MAKS`, each with its own message (two checks, in this order)."""
    return {**paling_kecil(bawah), **paling_besar(ANGKA_MAKS, TEKS_ANGKA_MAKS)}


_BOBOT = {
    "in_range": {
        "min_value": ANGKA_MIN,
        "max_value": BOBOT_MAKS,
        "error": f"harus lebih dari 0: antara {TEKS_ANGKA_MIN} dan {TEKS_BOBOT_MAKS}",
    }
}

KODE_INSTANSI_POLA = r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,31}$"
BULAN_POLA = r"^\d{4}-(0[1-9]|1[0-2])$"

# What capaian writes or keeps directly in a period folder `outputs/P/` (docs/kontrak-data.md
# bagian 5). A kode_instansi names the folder `outputs/P/KODE/`, so it may equal none of these
# (ignoring case), start with a reserved prefix (work, lock and temporary entries), or end like a
# file: a folder named like a file confuses every reader. Pages per pegawai or team will live
# under `KODE/`, with names capaian derives, never taken from the data.
# `kualitas --instansi K` also writes kualitas_indikator-K.html/.ipynb/.xlsx there: names that end
# like a file, which no instansi code may (AKHIRAN_DICADANGKAN), so they need no entry here.
NAMA_KELUARAN_PERIODE = (
    "index.html",
    "manifest.json",
    "nilai_pegawai.csv",
    "nilai_indikator.csv",
    "kualitas_indikator.html",
    "kualitas_indikator.ipynb",
    "kualitas_indikator.xlsx",
    "metodologi.html",
    "metodologi.ipynb",
)
# Folders capaian keeps in a period folder (docs/kontrak-data.md bagian 5): the issued snapshot,
# the pseudonymised copy and the revisions `revisi-N` (every name starting `revisi-`).
FOLDER_KELUARAN_PERIODE = ("terbit", "samaran", "partisi")  # partisi: scores per partition (capaian.skala)
AWALAN_DICADANGKAN = ("_", ".", "revisi-")
AKHIRAN_DICADANGKAN = (".html", ".json", ".csv", ".xlsx", ".ipynb", ".lock", ".tmp", ".pkl")


def alasan_kode_dicadangkan(kode: str) -> str | None:
    """Why `kode` cannot name an instansi folder in `outputs/P/`, in Bahasa Indonesia; None when it can."""
    kecil = kode.casefold()
    if kecil in NAMA_KELUARAN_PERIODE:
        return f"sama dengan berkas keluaran '{kecil}' di folder periode (huruf besar/kecil tidak dibedakan)"
    if kecil in FOLDER_KELUARAN_PERIODE:
        return f"sama dengan folder '{kecil}' yang dipakai capaian di folder periode (huruf besar/kecil tidak dibedakan)"
    for awalan in AWALAN_DICADANGKAN:
        if kecil.startswith(awalan):
            return f"kode yang diawali '{awalan}' dicadangkan untuk folder kerja atau revisi capaian"
    for akhiran in AKHIRAN_DICADANGKAN:
        if kecil.endswith(akhiran):
            return f"kode tidak boleh berakhiran '{akhiran}' (nama folder tidak boleh menyerupai nama berkas)"
    return None

_BULAN = pola(BULAN_POLA, "harus berbentuk YYYY-MM dengan bulan 01–12, mis. 2025-03")


def _skor_perilaku(aspek: str) -> Any:
    return kolom("angka", f"1–5 (desimal boleh): aspek {aspek}", **antara(1, 5))


class _Tabel(pa.DataFrameModel):
    class Config:
        strict = False  # unknown extra columns are kept, not rejected


class InstansiSchema(_Tabel):
    """Satu baris = satu perangkat daerah (OPD)."""

    kode_instansi: Teks = kolom(
        "teks",
        "unik (juga tanpa membedakan huruf besar/kecil); 1–32 karakter `A-Z a-z 0-9 . _ -`; tidak diawali `.`, `_` atau `revisi-`; "
        "bukan nama berkas keluaran, bukan `terbit` atau `samaran`, dan tidak berakhiran `.html`, `.json`, `.csv`, `.xlsx`, `.ipynb`, `.lock`, `.tmp`, `.pkl` "
        "(menjadi nama folder)",
        **pola(KODE_INSTANSI_POLA, "harus 1–32 karakter A-Z a-z 0-9 . _ - dan tidak diawali '.' (kode ini menjadi nama folder)"),
    )
    nama_instansi: Teks = kolom("teks", "nama perangkat daerah")
    jenis: Teks = kolom("teks", "dinas, badan, sekretariat, inspektorat, kecamatan, ...", opsional=True)

    class Config:
        metadata = {"kunci": ("kode_instansi",)}


class PegawaiSchema(_Tabel):
    """Satu baris = satu ASN."""

    nip: Teks = kolom("nip", "unik; NIP yang sah (lihat NIP di bawah)")
    nama: Teks = kolom("teks", "nama pegawai")
    kode_instansi: Teks = kolom("teks", "ada di `instansi`")
    unit_kerja: Teks = kolom("teks", "unit kerja pegawai", opsional=True)
    jabatan: Teks = kolom("teks", "nama jabatan", opsional=True)
    nip_atasan: Teks = kolom("nip", "ada di `pegawai`; bukan dirinya sendiri; rantai atasan tidak boleh berputar", opsional=True)
    jenjang: Teks = kolom(
        "kode",
        "jenjang jabatan fungsional: `pemula`, `terampil`, `mahir`, `penyelia`, `ahli_pertama`, `ahli_muda`, "
        "`ahli_madya` atau `ahli_utama` (`Ahli Muda` juga dibaca); kosong bagi jabatan struktural/pelaksana; "
        "dipakai untuk angka kredit di rapor pegawai",
        opsional=True,
    )

    class Config:
        metadata = {"kunci": ("nip",)}


class IndikatorSchema(_Tabel):
    """Satu baris = satu Indikator Kinerja Individu (IKI) dari SKP satu pegawai untuk satu tahun."""

    id_indikator: Teks = kolom("teks", "unik")
    nip: Teks = kolom("nip", "ada di `pegawai`")
    tahun: Bulat = kolom("bulat", "2000–2100", **antara(2000, 2100))
    jenis_rhk: Teks = kolom("kode", "`utama` atau `tambahan`", bawaan="utama")
    rencana_hasil_kerja: Teks = kolom("teks", "rumusan rencana hasil kerja (RHK) yang diukur IKI ini")
    indikator: Teks = kolom("teks", "rumusan IKI")
    aspek: Teks = kolom("kode", "`kuantitas`, `kualitas`, `waktu` atau `biaya`")
    satuan: Teks = kolom("teks", "orang, dokumen, %, hari, rupiah, ...", opsional=True)
    target: Angka = kolom("angka", "0 atau 0,000001–10^15; 0 hanya bila `arah` = `turun`", **_angka_dibatasi())
    target_atas: Angka = kolom(
        "angka", "≥ `target`; ≤ 10^15; menjadikan target rentang [target, target_atas]", opsional=True, **_angka_dibatasi()
    )
    arah: Teks = kolom("kode", "`naik` (makin tinggi makin baik) atau `turun` (makin rendah makin baik)", bawaan="naik")
    agregasi: Teks = kolom("kode", "cara bulan digabung menjadi periode: `jumlah`, `rata_rata` atau `terakhir`", bawaan="jumlah")
    bobot: Angka = kolom(
        "angka",
        "0,000001–1.000.000 (> 0); bobot relatif, tidak perlu berjumlah 100; dalam satu pegawai-tahun diisi untuk semua IKI atau tidak sama sekali (bobot sama rata)",
        opsional=True,
        **_BOBOT,
    )
    metode: Teks = kolom("kode", "`data`, `survei` atau `evaluasi` (cara realisasi diukur)", opsional=True)
    id_indikator_atasan: Teks = kolom(
        "teks", "ada di `indikator`, milik atasan pegawai (`nip_atasan`) pada `tahun` yang sama (IKI atasan yang diintervensi)", opsional=True
    )

    class Config:
        metadata = {"kunci": ("id_indikator",)}


class RealisasiSchema(_Tabel):
    """Satu baris = satu laporan realisasi bulanan dari satu IKI."""

    id_indikator: Teks = kolom("teks", "ada di `indikator`")
    bulan: Teks = kolom("bulan", "`YYYY-MM`, di dalam `tahun` IKI", **_BULAN)
    realisasi: Angka = kolom("angka", "0–10^15", **_angka_dibatasi())
    bukti_dukung: Teks = kolom("teks", "tautan atau rujukan dokumen", opsional=True)
    tanggal_lapor: Tanggal = kolom("tanggal", "`YYYY-MM-DD`", opsional=True)
    nip: Teks = kolom("nip", "bila diisi, sama dengan `nip` pemilik IKI", opsional=True)

    class Config:
        metadata = {"kunci": ("id_indikator", "bulan")}


class PerilakuSchema(_Tabel):
    """Satu baris = nilai BerAKHLAK dari satu penilai untuk satu pegawai dalam satu bulan."""

    nip: Teks = kolom("nip", "ada di `pegawai`")
    bulan: Teks = kolom("bulan", "`YYYY-MM`", **_BULAN)
    nip_penilai: Teks = kolom("nip", "ada di `pegawai`", opsional=True)
    berorientasi_pelayanan: Angka = _skor_perilaku("Berorientasi Pelayanan")
    akuntabel: Angka = _skor_perilaku("Akuntabel")
    kompeten: Angka = _skor_perilaku("Kompeten")
    harmonis: Angka = _skor_perilaku("Harmonis")
    loyal: Angka = _skor_perilaku("Loyal")
    adaptif: Angka = _skor_perilaku("Adaptif")
    kolaboratif: Angka = _skor_perilaku("Kolaboratif")

    class Config:
        metadata = {"kunci": ("nip", "bulan", "nip_penilai"), "catatan": "`nip_penilai` kosong dihitung satu nilai."}


class UmpanBalikSchema(_Tabel):
    """Satu baris = rating akhir dan umpan balik atasan untuk satu pegawai pada satu periode."""

    nip: Teks = kolom("nip", "ada di `pegawai`")
    periode: Teks = kolom("periode", "kode periode (lihat Kode periode di bawah)")
    nip_penilai: Teks = kolom("nip", "ada di `pegawai`", opsional=True)
    rating_hasil_kerja: Teks = kolom(
        "kode", "`di_atas`/Di Atas Ekspektasi, `sesuai`/Sesuai Ekspektasi atau `di_bawah`/Di Bawah Ekspektasi", opsional=True
    )
    rating_perilaku: Teks = kolom(
        "kode", "`di_atas`/Di Atas Ekspektasi, `sesuai`/Sesuai Ekspektasi atau `di_bawah`/Di Bawah Ekspektasi", opsional=True
    )
    catatan: Teks = kolom("teks", "teks umpan balik", opsional=True)

    class Config:
        metadata = {"kunci": ("nip", "periode")}


class TargetPeriodikSchema(_Tabel):
    """Satu baris = target eksplisit satu IKI untuk satu periode (menggantikan target turunan)."""

    id_indikator: Teks = kolom("teks", "ada di `indikator`")
    periode: Teks = kolom("periode", "kode periode di dalam `tahun` IKI")
    target: Angka = kolom("angka", "0 atau 0,000001–10^15; 0 hanya untuk IKI dengan `arah` = `turun`", **_angka_dibatasi())
    target_atas: Angka = kolom(
        "angka", "≥ `target`; ≤ 10^15; rentang untuk periode ini, seperti di `indikator`", opsional=True, **_angka_dibatasi()
    )

    class Config:
        metadata = {
            "kunci": ("id_indikator", "periode"),
            "catatan": "Baris untuk periode P menggantikan `target` dan `target_atas` IKI pada P (`target_atas` kosong "
            "berarti tanpa rentang pada P); baris untuk periode lain tidak pernah dijumlahkan menjadi P.",
        }


class KinerjaOrganisasiSchema(_Tabel):
    """Satu baris = predikat kinerja satu instansi pada satu periode."""

    kode_instansi: Teks = kolom("teks", "ada di `instansi`")
    periode: Teks = kolom("periode", "kode periode")
    predikat_organisasi: Teks = kolom("kode", "`istimewa`, `baik`, `butuh_perbaikan`, `kurang` atau `sangat_kurang`")

    class Config:
        metadata = {"kunci": ("kode_instansi", "periode")}


_RATING_ATURAN = "`di_atas`/Di Atas Ekspektasi, `sesuai`/Sesuai Ekspektasi atau `di_bawah`/Di Bawah Ekspektasi"


class RatingPutusanSchema(_Tabel):
    """Satu baris = rating dan predikat yang sudah diputuskan di luar capaian (mis. di e-Kinerja) untuk satu pegawai pada satu periode."""

    nip: Teks = kolom("nip", "ada di `pegawai`")
    periode: Teks = kolom(
        "periode", "kode periode: bulan (`2025-03`) untuk rating bulanan e-Kinerja, tahun (`2025`) untuk rating tahunan; triwulan dan semester juga sah"
    )
    rating_hasil_kerja: Teks = kolom("kode", _RATING_ATURAN, opsional=True)
    rating_perilaku: Teks = kolom("kode", _RATING_ATURAN, opsional=True)
    predikat: Teks = kolom(
        "kode",
        "`sangat_baik`, `baik`, `butuh_perbaikan`, `kurang` atau `sangat_kurang` (label seperti `Sangat Baik` dan `Kurang/Misconduct` juga dibaca)",
    )
    nip_penilai: Teks = kolom("nip", "ada di `pegawai` (atasan/penilai yang memutuskan)", opsional=True)
    waktu_dinilai: Tanggal = kolom("tanggal", "`YYYY-MM-DD`", opsional=True)
    sumber: Teks = kolom("teks", "asal putusan, mis. `e-Kinerja Laporan Penilaian SKP: penilaian_2025-03.xlsx baris 12`", opsional=True)

    class Config:
        metadata = {
            "kunci": ("nip", "periode"),
            "catatan": "Pegawai yang belum dinilai pada suatu periode tidak punya baris; folder yang memuat tabel ini boleh "
            "tanpa `indikator` dan `realisasi` (\"data putusan\", lihat di atas).",
        }


class StatusSkpSchema(_Tabel):
    """Satu baris = status SKP satu pegawai untuk satu tahun (dari e-Kinerja "Laporan SKP")."""

    nip: Teks = kolom("nip", "ada di `pegawai`")
    tahun: Bulat = kolom("bulat", "2000–2100", **antara(2000, 2100))
    status: Teks = kolom("kode", "`persetujuan` (SKP disetujui), `pengajuan` atau `draft`")
    sumber: Teks = kolom("teks", "asal baris, mis. nama berkas dan barisnya", opsional=True)

    class Config:
        metadata = {"kunci": ("nip", "tahun")}


SKEMA: dict[str, type[pa.DataFrameModel]] = {
    "instansi": InstansiSchema,
    "pegawai": PegawaiSchema,
    "indikator": IndikatorSchema,
    "realisasi": RealisasiSchema,
    "perilaku": PerilakuSchema,
    "umpan_balik": UmpanBalikSchema,
    "target_periodik": TargetPeriodikSchema,
    "kinerja_organisasi": KinerjaOrganisasiSchema,
    "rating_putusan": RatingPutusanSchema,
    "status_skp": StatusSkpSchema,
}


# ---------------------------------------------------------------------------------------------
# Views derived from the models


@dataclass(frozen=True)
class Kolom:
    """One column of a table, as its model declares it.

    jenis: teks | kode | nip | angka | bulat | bulan | periode | tanggal.
    opsional: the column may be absent from the file and its cells may be empty.
    default: the code used where the column is absent or a cell is empty.
    aturan: the contract's rule, in Bahasa Indonesia.
    """

    nama: str
    jenis: str
    opsional: bool = False
    default: str | None = None
    aturan: str = ""

    @property
    def wajib_ada(self) -> bool:
        return not self.opsional and self.default is None


def _kolom_model(model: type[pa.DataFrameModel]) -> tuple[Kolom, ...]:
    return tuple(
        Kolom(nama, c.metadata["jenis"], c.nullable, c.default, c.description or "")
        for nama, c in model.to_schema().columns.items()
    )


# Columns of each table in contract order.
KOLOM: dict[str, tuple[Kolom, ...]] = {tabel: _kolom_model(model) for tabel, model in SKEMA.items()}

# Keys whose duplicates are flagged (every occurrence after the first).
KUNCI: dict[str, tuple[str, ...]] = {tabel: tuple(model.Config.metadata["kunci"]) for tabel, model in SKEMA.items()}

_POSISI = {tabel: {k.nama: i for i, k in enumerate(kolom)} for tabel, kolom in KOLOM.items()}


def nama_kolom(tabel: str) -> list[str]:
    """The table's column names in contract order (the header of a file holding every column)."""
    return [k.nama for k in KOLOM[tabel]]


def column_position(tabel: str, kolom: str) -> int:
    """Position of a column in its table's contract (for ordering problems); whole-file problems first."""
    if not kolom:
        return -1
    return _POSISI.get(tabel, {}).get(kolom, 1000)


@cache
def pesan_cek(tabel: str) -> dict[tuple[str, int], str]:
    """The message of each value check of a table, by (column, the check's position in the column).

    The position is what pandera reports as `check_number` in `SchemaErrors.failure_cases`.
    """
    return {
        (nama, i): cek.error
        for nama, c in SKEMA[tabel].to_schema().columns.items()
        for i, cek in enumerate(c.checks)
        if cek.error
    }


# ---------------------------------------------------------------------------------------------
# Documentation: the column tables of data/README.md

MULAI = "<!-- tabel:mulai (dibuat oleh `python -m capaian.skema` dari src/capaian/skema.py; jangan disunting) -->"
SELESAI = "<!-- tabel:selesai -->"


def _sel(teks: str) -> str:
    return teks.replace("|", "\\|").replace("\n", " ")


def dokumentasi_tabel() -> str:
    """The per-table column tables in Markdown, as `data/README.md` shows them between its markers."""
    bagian = []
    for tabel in TABLES:
        model = SKEMA[tabel]
        wajib = "wajib" if tabel in REQUIRED_TABLES else "opsional"
        if tabel in TABEL_IKI:
            wajib = "wajib, kecuali di folder data putusan"
        baris = [
            f"### {tabel} ({wajib})",
            (model.__doc__ or "").strip(),
            "",
            "| kolom | jenis | isi | aturan |",
            "|---|---|---|---|",
        ]
        for k in KOLOM[tabel]:
            isi = f"bawaan `{k.default}`" if k.default is not None else ("opsional" if k.opsional else "wajib")
            baris.append(f"| {k.nama} | {_JENIS_DOKUMEN[k.jenis]} | {isi} | {_sel(k.aturan)} |")
        meta = model.Config.metadata
        kunci = ", ".join(meta["kunci"])
        penutup = f"({kunci}) unik." if len(meta["kunci"]) > 1 else f"`{kunci}` unik."
        if meta.get("catatan"):
            penutup += " " + meta["catatan"]
        baris += ["", penutup]
        bagian.append("\n".join(baris))
    return "\n\n".join(bagian) + "\n"


def sisipkan_dokumentasi(teks: str) -> str:
    """`teks` (a Markdown document) with the part between `MULAI` and `SELESAI` replaced by `dokumentasi_tabel()`.

    Raises ValueError when the markers are missing or out of order.
    """
    awal, akhir = teks.find(MULAI), teks.find(SELESAI)
    if awal < 0 or akhir < awal:
        raise ValueError(f"penanda {MULAI!r} … {SELESAI!r} tidak ditemukan")
    return teks[: awal + len(MULAI)] + "\n" + dokumentasi_tabel() + teks[akhir:]


def main(argv: list[str] | None = None) -> None:
    """`python -m capaian.skema [BERKAS]`: rewrite the generated tables of BERKAS (default data/README.md)."""
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0] if argv else "data/README.md")
    lama = path.read_text(encoding="utf-8")
    baru = sisipkan_dokumentasi(lama)
    if baru != lama:
        path.write_text(baru, encoding="utf-8")


if __name__ == "__main__":
    main()
