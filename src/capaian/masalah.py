"""Validation problems as data: one record per problem, a list of them is a table.

A problem names the file (as the user knows it: `pegawai.csv`, `data.xlsx[pegawai]`), the row as
Excel shows it (header = row 1), the column, the offending value and a message in Bahasa Indonesia
that says what is expected.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from capaian.dataset import TABLES
from capaian.format import aman_rumus, tampak_kendali
from capaian.runner import berkas_atomik

KOLOM_MASALAH = ("file", "baris", "kolom", "nilai", "pesan")


@dataclass(frozen=True)
class Masalah:
    """One problem in the input data."""

    file: str
    baris: int
    kolom: str
    nilai: str
    pesan: str
    tabel: str = ""  # for ordering (docs/kontrak-data.md bagian 1 table order); not written out

    def __str__(self) -> str:
        kolom = f" {self.kolom}:" if self.kolom else ""
        return f"{self.file}:{self.baris}:{kolom} {self.pesan}"


def sort_masalah(masalah: list[Masalah], column_order: dict[str, dict[str, int]] | None = None) -> list[Masalah]:
    """Order problems as the contract says: table order, then row, then column.

    Columns are ordered by their position in the table's contract (unknown columns last, by name);
    exact duplicates are dropped.
    """
    from capaian.skema import column_position

    order = {t: i for i, t in enumerate(TABLES)}
    unik = list(dict.fromkeys(masalah))
    return sorted(
        unik,
        key=lambda m: (order.get(m.tabel, len(order)), m.file, m.baris, column_position(m.tabel, m.kolom), m.kolom, m.pesan),
    )


def masalah_frame(masalah: list[Masalah]) -> pd.DataFrame:
    rows = [{k: v for k, v in asdict(m).items() if k in KOLOM_MASALAH} for m in masalah]
    return pd.DataFrame(rows, columns=list(KOLOM_MASALAH))


def _sel(value):
    """A cell of the problem list: text with every character no writer can store shown escaped
    (a problem may quote any value of the data, and the list must be written whatever it holds)."""
    return tampak_kendali(value) if isinstance(value, str) else value


def write_masalah(masalah: list[Masalah], path: str | Path) -> Path:
    """Write the problem list as CSV or XLSX (by extension) with columns file, baris, kolom, nilai, pesan.

    No cell may hold a live formula taken from the data: in CSV a leading `=`, `+`, `-`, `@` is
    prefixed with `'`; in XLSX every text cell is stored as text, never as a formula. Control
    characters in any cell are written as visible escapes (`\\x0b`), so any value can be written.
    Raises ValueError for any other extension.
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".csv", ".xlsx"):
        raise ValueError(f"ekstensi berkas keluaran harus .csv atau .xlsx, bukan '{path.suffix}'")
    with berkas_atomik(path) as tmp:
        if ext == ".csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(KOLOM_MASALAH)
            for m in masalah:
                w.writerow([aman_rumus(_sel(m.file)), m.baris, aman_rumus(_sel(m.kolom)), aman_rumus(_sel(m.nilai)), aman_rumus(_sel(m.pesan))])
            tmp.write_text(buf.getvalue(), encoding="utf-8")
        else:
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            ws.title = "masalah"
            ws.append(list(KOLOM_MASALAH))
            for r, m in enumerate(masalah, start=2):
                for c, value in enumerate((m.file, m.baris, m.kolom, m.nilai, m.pesan), start=1):
                    cell = ws.cell(row=r, column=c)
                    cell.value = _sel(value)
                    if isinstance(value, str):
                        cell.data_type = "s"  # never "f": a value from the data must stay text
            for col, width in zip("ABCDE", (28, 8, 22, 28, 90)):
                ws.column_dimensions[col].width = width
            ws.freeze_panes = "A2"
            wb.save(tmp)
    return path
