"""The tables of the data contract, declared once: their columns and their per-row rules.

`KOLOM` says which columns each table has, of which kind, whether a column may be left out of the
file, and its default. The pandera models below state the value rules of each table on the typed
frame (after `capaian.validasi` has read text into numbers, codes, NIPs and periods); rules that
span tables or rows (foreign keys, uniqueness, cycles, weights per pegawai-year) live in
`capaian.validasi`, since they need more than one row or one table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from capaian.dataset import ASPEK_PERILAKU


@dataclass(frozen=True)
class Kolom:
    """One column of a table.

    jenis: teks | kode | nip | angka | bulat | bulan | periode | tanggal.
    opsional: the column may be absent from the file and its cells may be empty.
    default: the code used where the column is absent or a cell is empty.
    """

    nama: str
    jenis: str
    opsional: bool = False
    default: str | None = None

    @property
    def wajib_ada(self) -> bool:
        return not self.opsional and self.default is None


def _k(nama, jenis, opsional=False, default=None):
    return Kolom(nama, jenis, opsional, default)


KOLOM: dict[str, tuple[Kolom, ...]] = {
    "instansi": (
        _k("kode_instansi", "teks"),
        _k("nama_instansi", "teks"),
        _k("jenis", "teks", opsional=True),
    ),
    "pegawai": (
        _k("nip", "nip"),
        _k("nama", "teks"),
        _k("kode_instansi", "teks"),
        _k("unit_kerja", "teks", opsional=True),
        _k("jabatan", "teks", opsional=True),
        _k("nip_atasan", "nip", opsional=True),
    ),
    "indikator": (
        _k("id_indikator", "teks"),
        _k("nip", "nip"),
        _k("tahun", "bulat"),
        _k("jenis_rhk", "kode", default="utama"),
        _k("rencana_hasil_kerja", "teks"),
        _k("indikator", "teks"),
        _k("aspek", "kode"),
        _k("satuan", "teks", opsional=True),
        _k("target", "angka"),
        _k("target_atas", "angka", opsional=True),
        _k("arah", "kode", default="naik"),
        _k("agregasi", "kode", default="jumlah"),
        _k("bobot", "angka", opsional=True),
        _k("metode", "kode", opsional=True),
        _k("id_indikator_atasan", "teks", opsional=True),
    ),
    "realisasi": (
        _k("id_indikator", "teks"),
        _k("bulan", "bulan"),
        _k("realisasi", "angka"),
        _k("bukti_dukung", "teks", opsional=True),
        _k("tanggal_lapor", "tanggal", opsional=True),
        _k("nip", "nip", opsional=True),
    ),
    "perilaku": (
        _k("nip", "nip"),
        _k("bulan", "bulan"),
        _k("nip_penilai", "nip", opsional=True),
        *(_k(a, "angka") for a in ASPEK_PERILAKU),
    ),
    "umpan_balik": (
        _k("nip", "nip"),
        _k("periode", "periode"),
        _k("nip_penilai", "nip", opsional=True),
        _k("rating_hasil_kerja", "kode", opsional=True),
        _k("rating_perilaku", "kode", opsional=True),
        _k("catatan", "teks", opsional=True),
    ),
    "target_periodik": (
        _k("id_indikator", "teks"),
        _k("periode", "periode"),
        _k("target", "angka"),
        _k("target_atas", "angka", opsional=True),
    ),
    "kinerja_organisasi": (
        _k("kode_instansi", "teks"),
        _k("periode", "periode"),
        _k("predikat_organisasi", "kode"),
    ),
}

# Keys whose duplicates are flagged (every occurrence after the first).
KUNCI: dict[str, tuple[str, ...]] = {
    "instansi": ("kode_instansi",),
    "pegawai": ("nip",),
    "indikator": ("id_indikator",),
    "realisasi": ("id_indikator", "bulan"),
    "perilaku": ("nip", "bulan", "nip_penilai"),
    "umpan_balik": ("nip", "periode"),
    "target_periodik": ("id_indikator", "periode"),
    "kinerja_organisasi": ("kode_instansi", "periode"),
}


def column_position(tabel: str, kolom: str) -> int:
    """Position of a column in its table's contract (for ordering problems); whole-file problems first."""
    if not kolom:
        return -1
    for i, k in enumerate(KOLOM.get(tabel, ())):
        if k.nama == kolom:
            return i
    return 1000


# ---------------------------------------------------------------------------------------------
# Value rules per table, on typed frames. Every column may hold NA here where reading failed
# (that problem is reported once, by the reader); `nullable=False` marks cells that must be filled.

KODE_INSTANSI_POLA = r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,31}$"
BULAN_POLA = r"^\d{4}-(0[1-9]|1[0-2])$"

Teks = Series[pd.StringDtype]
Angka = Series[float]


class InstansiSchema(pa.DataFrameModel):
    """Satu baris = satu perangkat daerah (OPD)."""

    kode_instansi: Teks = pa.Field(str_matches=KODE_INSTANSI_POLA)
    nama_instansi: Teks
    jenis: Teks = pa.Field(nullable=True)

    class Config:
        strict = False  # unknown extra columns are kept, not rejected


class PegawaiSchema(pa.DataFrameModel):
    """Satu baris = satu ASN."""

    nip: Teks
    nama: Teks
    kode_instansi: Teks
    unit_kerja: Teks = pa.Field(nullable=True)
    jabatan: Teks = pa.Field(nullable=True)
    nip_atasan: Teks = pa.Field(nullable=True)

    class Config:
        strict = False


class IndikatorSchema(pa.DataFrameModel):
    """Satu baris = satu Indikator Kinerja Individu (IKI) dari SKP satu pegawai untuk satu tahun."""

    id_indikator: Teks
    nip: Teks
    tahun: Series[pd.Int64Dtype] = pa.Field(in_range={"min_value": 2000, "max_value": 2100})
    jenis_rhk: Teks
    rencana_hasil_kerja: Teks
    indikator: Teks
    aspek: Teks
    satuan: Teks = pa.Field(nullable=True)
    target: Angka = pa.Field(ge=0)
    target_atas: Angka = pa.Field(nullable=True, ge=0)
    arah: Teks
    agregasi: Teks
    bobot: Angka = pa.Field(nullable=True, gt=0)
    metode: Teks = pa.Field(nullable=True)
    id_indikator_atasan: Teks = pa.Field(nullable=True)

    class Config:
        strict = False


class RealisasiSchema(pa.DataFrameModel):
    """Satu baris = satu laporan realisasi bulanan dari satu IKI."""

    id_indikator: Teks
    bulan: Teks = pa.Field(str_matches=BULAN_POLA)
    realisasi: Angka = pa.Field(ge=0)
    bukti_dukung: Teks = pa.Field(nullable=True)
    tanggal_lapor: Series[pa.DateTime] = pa.Field(nullable=True)
    nip: Teks = pa.Field(nullable=True)

    class Config:
        strict = False


def _skor_perilaku():
    return pa.Field(in_range={"min_value": 1, "max_value": 5})


class PerilakuSchema(pa.DataFrameModel):
    """Satu baris = nilai BerAKHLAK dari satu penilai untuk satu pegawai dalam satu bulan."""

    nip: Teks
    bulan: Teks = pa.Field(str_matches=BULAN_POLA)
    nip_penilai: Teks = pa.Field(nullable=True)
    berorientasi_pelayanan: Angka = _skor_perilaku()
    akuntabel: Angka = _skor_perilaku()
    kompeten: Angka = _skor_perilaku()
    harmonis: Angka = _skor_perilaku()
    loyal: Angka = _skor_perilaku()
    adaptif: Angka = _skor_perilaku()
    kolaboratif: Angka = _skor_perilaku()

    class Config:
        strict = False


class UmpanBalikSchema(pa.DataFrameModel):
    """Satu baris = rating akhir dan umpan balik atasan untuk satu pegawai pada satu periode."""

    nip: Teks
    periode: Teks
    nip_penilai: Teks = pa.Field(nullable=True)
    rating_hasil_kerja: Teks = pa.Field(nullable=True)
    rating_perilaku: Teks = pa.Field(nullable=True)
    catatan: Teks = pa.Field(nullable=True)

    class Config:
        strict = False


class TargetPeriodikSchema(pa.DataFrameModel):
    """Satu baris = target eksplisit satu IKI untuk satu periode (menggantikan target turunan)."""

    id_indikator: Teks
    periode: Teks
    target: Angka = pa.Field(ge=0)
    target_atas: Angka = pa.Field(nullable=True, ge=0)

    class Config:
        strict = False


class KinerjaOrganisasiSchema(pa.DataFrameModel):
    """Satu baris = predikat kinerja satu instansi pada satu periode."""

    kode_instansi: Teks
    periode: Teks
    predikat_organisasi: Teks

    class Config:
        strict = False


SKEMA: dict[str, type[pa.DataFrameModel]] = {
    "instansi": InstansiSchema,
    "pegawai": PegawaiSchema,
    "indikator": IndikatorSchema,
    "realisasi": RealisasiSchema,
    "perilaku": PerilakuSchema,
    "umpan_balik": UmpanBalikSchema,
    "target_periodik": TargetPeriodikSchema,
    "kinerja_organisasi": KinerjaOrganisasiSchema,
}

# Messages for what pandera's built-in checks report, by check name prefix.
PESAN_POLA = {
    "kode_instansi": "kode_instansi harus 1–32 karakter A-Z a-z 0-9 . _ - dan tidak diawali '.' (kode ini menjadi nama folder)",
    "bulan": "bulan harus berbentuk YYYY-MM dengan bulan 01–12, mis. 2025-03",
}
