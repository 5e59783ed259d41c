"""Validation problems as data: one record per problem, a list of them is a table.

A problem names the file (as the user knows it: `pegawai.csv`, `data.xlsx[pegawai]`), the row as
Excel shows it (header = row 1), the column, the offending value and a message in Bahasa Indonesia
that says what is expected.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from capaian.dataset import TABLES
from capaian.format import aman_rumus, tampak_kendali
from capaian.runner import berkas_atomik

# The problem list's columns as written (docs/kontrak-data.md bagian 5): Indonesian headers.
KOLOM_MASALAH = ("berkas", "baris", "kolom", "nilai", "pesan", "akibat_dari")


@dataclass(frozen=True)
class Masalah:
    """One problem in the input data."""

    file: str
    baris: int
    kolom: str
    nilai: str
    pesan: str
    tabel: str = ""  # for ordering (docs/kontrak-data.md bagian 1 table order); not written out
    akibat_dari: str = ""  # the problem this one follows from (`berkas:baris: kolom`), see tandai_akibat

    @property
    def letak(self) -> str:
        """Where the problem is, as `berkas:baris: kolom` (what `akibat_dari` of another names)."""
        return f"{self.file}:{self.baris}: {self.kolom}" if self.kolom else f"{self.file}:{self.baris}"

    def __str__(self) -> str:
        kolom = f" {self.kolom}:" if self.kolom else ""
        akibat = f" (akibat dari {self.akibat_dari})" if self.akibat_dari else ""
        return f"{self.file}:{self.baris}:{kolom} {self.pesan}{akibat}"


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


# A reference to a missing key: `'V' tidak ada di tabel T` (validasi's wording).
_RE_RUJUKAN = re.compile(r"^'(?P<nilai>.*)' tidak ada di tabel (?P<tabel>\w+)", re.DOTALL)
_KUNCI = {"pegawai": "nip", "indikator": "id_indikator", "instansi": "kode_instansi"}


def _mirip(a: str, b: str) -> bool:
    """Two keys one typo apart: at most 2 edits (insert, delete, replace), both at least 4 long."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    sebelum = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        kini = [i]
        for j, y in enumerate(b, 1):
            kini.append(min(sebelum[j] + 1, kini[j - 1] + 1, sebelum[j - 1] + (x != y)))
        sebelum = kini
    return sebelum[-1] <= 2


def tandai_akibat(masalah: list[Masalah]) -> list[Masalah]:
    """Mark follow-on problems with the problem they follow from (`akibat_dari`), order kept.

    A reference to a missing key (`'V' tidak ada di tabel T`) follows from
    - another problem of the same cell (the value is itself invalid), or else
    - a problem of T's key column (`nip`, `id_indikator`, `kode_instansi`) whose value is V or one
      typo away from it: the row V should match was itself rejected (an invalid NIP in pegawai.csv
      makes every IKI, perilaku and umpan balik of that pegawai a missing reference).
    Fixing the cause makes its follow-on problems go away (docs/kontrak-data.md bagian 5)."""
    per_sel: dict[tuple, Masalah] = {}
    akar: dict[str, list[Masalah]] = {}
    for m in masalah:
        if _RE_RUJUKAN.match(m.pesan):
            continue
        per_sel.setdefault((m.file, m.baris, m.kolom), m)
        if _KUNCI.get(m.tabel) == m.kolom:
            akar.setdefault(m.tabel, []).append(m)
    hasil = []
    for m in masalah:
        r = _RE_RUJUKAN.match(m.pesan)
        sebab = None
        if r:
            sebab = per_sel.get((m.file, m.baris, m.kolom))
            if sebab is None:
                calon = akar.get(r["tabel"], [])
                sama = [a for a in calon if a.nilai == m.nilai] or [a for a in calon if _mirip(a.nilai, m.nilai)]
                sebab = sama[0] if sama else None
        hasil.append(replace(m, akibat_dari=sebab.letak) if sebab is not None else m)
    return hasil


def masalah_frame(masalah: list[Masalah]) -> pd.DataFrame:
    rows = [(m.file, m.baris, m.kolom, m.nilai, m.pesan, m.akibat_dari) for m in masalah]
    return pd.DataFrame(rows, columns=list(KOLOM_MASALAH))


def _sel(value):
    """A cell of the problem list: text with every character no writer can store shown escaped
    (a problem may quote any value of the data, and the list must be written whatever it holds)."""
    return tampak_kendali(value) if isinstance(value, str) else value


def write_masalah(masalah: list[Masalah], path: str | Path) -> Path:
    """Write the problem list as CSV or XLSX (by extension) with columns `KOLOM_MASALAH` (berkas,
    baris, kolom, nilai, pesan, akibat_dari: the problem a follow-on problem follows from, else empty).

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
                w.writerow([aman_rumus(_sel(m.file)), m.baris, aman_rumus(_sel(m.kolom)), aman_rumus(_sel(m.nilai)), aman_rumus(_sel(m.pesan)),
                            aman_rumus(_sel(m.akibat_dari))])
            tmp.write_text(buf.getvalue(), encoding="utf-8")
        else:
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            ws.title = "masalah"
            ws.append(list(KOLOM_MASALAH))
            for r, m in enumerate(masalah, start=2):
                for c, value in enumerate((m.file, m.baris, m.kolom, m.nilai, m.pesan, m.akibat_dari), start=1):
                    cell = ws.cell(row=r, column=c)
                    cell.value = _sel(value)
                    if isinstance(value, str):
                        cell.data_type = "s"  # never "f": a value from the data must stay text
            for col, width in zip("ABCDEF", (28, 8, 22, 28, 90, 34)):
                ws.column_dimensions[col].width = width
            ws.freeze_panes = "A2"
            wb.save(tmp)
    return path
