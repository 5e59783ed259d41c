"""The validated data set: one DataFrame per table of the data contract.

Shape promised to every consumer (scoring, reports, notebooks):
- one DataFrame per table, with every column of the contract present (optional ones filled with
  NA where the source lacks them) plus any unknown extra columns the source had;
- the index is the row number as Excel shows it (header = row 1), named `baris`;
- text, code, NIP, `bulan` and `periode` columns use pandas' `string` dtype, NA where empty;
- codes are normalised to the contract's codes (`sesuai`, not `Sesuai Ekspektasi`), with the
  defaults of the contract applied (`jenis_rhk` utama, `arah` naik, `agregasi` jumlah);
- NIPs are the 18-digit form; `periode` is canonical (`2025-TW1`); `bulan` is `YYYY-MM`;
- numbers are float64 (NaN where empty), `tahun` is int64, `tanggal_lapor` is datetime64;
- optional tables that the folder lacks are empty DataFrames with their columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Table order of docs/kontrak-data.md bagian 1; problems are listed in this order too.
TABLES = (
    "instansi",
    "pegawai",
    "indikator",
    "realisasi",
    "perilaku",
    "umpan_balik",
    "target_periodik",
    "kinerja_organisasi",
    "rating_putusan",
    "status_skp",
)
REQUIRED_TABLES = ("instansi", "pegawai", "indikator", "realisasi")
# A "data putusan" folder (docs/kontrak-data.md bagian 1): one that has `rating_putusan` may lack
# the IKI tables; it then holds the ratings decided outside capaian (e.g. e-Kinerja) only.
TABEL_IKI = ("indikator", "realisasi")
TABEL_PUTUSAN = "rating_putusan"

ASPEK_PERILAKU = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)


@dataclass(frozen=True)
class Sumber:
    """Where a table came from: the name shown in messages, the file path and its SHA-256."""

    nama: str
    path: str
    sha256: str


@dataclass
class Dataset:
    instansi: pd.DataFrame
    pegawai: pd.DataFrame
    indikator: pd.DataFrame
    realisasi: pd.DataFrame
    perilaku: pd.DataFrame
    umpan_balik: pd.DataFrame
    target_periodik: pd.DataFrame
    kinerja_organisasi: pd.DataFrame
    rating_putusan: pd.DataFrame
    status_skp: pd.DataFrame
    sumber: dict[str, Sumber] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    @property
    def ada_iki(self) -> bool:
        """True when the data set holds IKI (a scoring folder); False for a "data putusan" folder."""
        return len(self.indikator) > 0

    @property
    def ada_putusan(self) -> bool:
        """True when the data set holds ratings decided outside capaian (`rating_putusan` rows)."""
        return len(self.rating_putusan) > 0

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}
