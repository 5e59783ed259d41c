"""Reading a data folder (docs/kontrak-data.md bagian 1): which file holds which table, and its raw cells.

Nothing here judges values; it finds the sources, decodes them and returns each table's cells with
the Excel row number as index. Problems with whole files (two sources, a missing required table,
an empty file, duplicate headers, a CSV that cannot be parsed) come back as `Masalah` records.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from capaian.dataset import REQUIRED_TABLES, TABEL_IKI, TABEL_PUTUSAN, TABLES
from capaian.kode import normalise_code
from capaian.masalah import Masalah


@dataclass
class RawTable:
    """One table's raw cells.

    `frame` holds text (CSV: str or NA) or the stored cell values (XLSX: str, int, float,
    datetime, bool or NA); its index is the Excel row number and its columns the normalised
    header names. `format` is `csv_koma`, `csv_titik_koma`, `xlsx` or `parquet` (cells as text,
    numbers with a `.` decimal, as `read_parquet_cells` writes them).
    """

    tabel: str
    file: str
    path: Path
    sha256: str
    format: str
    frame: pd.DataFrame
    header_asli: dict[str, str]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def find_sources(folder: Path) -> tuple[dict[str, list[tuple[str, Path, str | None]]], list[Masalah]]:
    """Map each table to its sources: (label shown in messages, path, sheet name or None)."""
    sources: dict[str, list[tuple[str, Path, str | None]]] = {t: [] for t in TABLES}
    masalah: list[Masalah] = []
    unread: dict[str, list[Path]] = {}  # stem -> files named like a table in a format not read
    for path, stem, ext in _berkas(folder):
        if ext == ".xlsx" and stem == "data":
            try:
                sheets = _sheet_names(path)
            except Exception as exc:  # a damaged workbook is the user's problem, not a traceback
                masalah.append(Masalah(path.name, 1, "", "", f"berkas tidak dapat dibaca sebagai XLSX: {exc}", tabel=""))
                continue
            for sheet in sheets:
                name = sheet.strip().casefold()
                if name in sources:
                    sources[name].append((f"{path.name}[{sheet}]", path, sheet))
        elif ext in EKSTENSI_TABEL and stem in sources:
            sources[stem].append((path.name, path, None))
        elif ext in FORMAT_TIDAK_DIBACA and (stem in sources or stem == "data"):
            unread.setdefault(stem, []).append(path)
    # A folder with rating_putusan is a "data putusan" folder: it may lack the IKI tables
    # (docs/kontrak-data.md bagian 1, "Folder data putusan").
    putusan = bool(sources[TABEL_PUTUSAN])
    for tabel, found in sources.items():
        wajib = tabel in REQUIRED_TABLES and not (putusan and tabel in TABEL_IKI)
        if len(found) > 1:
            names = ", ".join(label for label, _, _ in found)
            for label, _, _ in found:
                masalah.append(
                    Masalah(label, 1, "", "", f"tabel '{tabel}' punya lebih dari satu sumber ({names}); sisakan satu", tabel=tabel)
                )
        elif not found and (unread.get(tabel) or (wajib and unread.get("data"))):
            # The user meant this file as the table; say why it was passed over (optional tables too:
            # silently reading them as empty would drop data the user gave).
            for path in unread.get(tabel) or unread["data"]:
                masalah.append(Masalah(path.name, 1, "", "", _pesan_tidak_dibaca(tabel, path), tabel=tabel))
        elif not found and wajib:
            masalah.append(
                Masalah(
                    f"{tabel}.csv",
                    1,
                    "",
                    "",
                    f"tabel wajib '{tabel}' tidak ditemukan: sediakan {tabel}.csv, {tabel}.xlsx, {tabel}.parquet atau sheet '{tabel}' di data.xlsx",
                    tabel=tabel,
                )
            )
    return sources, masalah


# A table's own file: NAMA.csv, NAMA.xlsx or NAMA.parquet (docs/kontrak-data.md bagian 1). Two of
# them for one table are refused with a message naming both (no precedence: which one is meant is
# the user's choice, never a silent pick).
EKSTENSI_TABEL = (".csv", ".xlsx", ".parquet")

# Formats a table is often saved in by mistake; a file named like a table in one of these is
# named in the message instead of reporting the table as simply missing (docs/kontrak-data.md bagian 1).
FORMAT_TIDAK_DIBACA = (".xls", ".xlsm", ".xlsb", ".ods", ".txt", ".tsv", ".numbers")


def _pesan_tidak_dibaca(tabel: str, path: Path) -> str:
    ext = path.suffix.casefold()
    if path.stem.strip().casefold() == "data":
        saran = "simpan ulang sebagai data.xlsx (Excel Workbook) dengan sheet bernama seperti tabelnya"
    else:
        saran = f"simpan ulang sebagai {tabel}.xlsx (Excel Workbook) atau {tabel}.csv (CSV UTF-8)"
    awal = f"tabel wajib '{tabel}' tidak ditemukan" if tabel in REQUIRED_TABLES else f"tabel '{tabel}' tidak dibaca"
    return f"{awal}: berkas {path.name} berformat {ext}, yang tidak dibaca capaian (hanya .csv, .xlsx dan .parquet); {saran}"


def sumber_tabel(folder: Path) -> list[Path]:
    """Files in `folder` that `find_sources` would read as a table source, by name (no file is opened)."""
    return [path for path, stem, ext in _berkas(folder) if (ext == ".xlsx" and stem == "data") or (ext in EKSTENSI_TABEL and stem in TABLES)]


def _berkas(folder: Path):
    """(path, name stem and extension compared case-insensitively) of each file that may be data."""
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.is_file() or path.name.startswith(("~$", ".")):
            continue  # Excel's lock files and hidden files are not data
        yield path, path.stem.strip().casefold(), path.suffix.casefold()


def buka_xlsx(path: Path):
    """The workbook as `openpyxl.load_workbook(path, read_only=True, data_only=True)` gives it,
    without that call's size scan of every sheet.

    Opening a read-only workbook, openpyxl reads each sheet's declared extent; a sheet that declares
    none (openpyxl's write-only mode and other exporters leave it out, as the e-Kinerja sample
    exports do) is parsed to its end for it, every sheet of the file at every opening. Nothing here
    uses that extent: `baris_xlsx` reads the cells the sheet stores. Close it with `.close()`."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Lembar(ReadOnlyWorksheet):
        def _get_size(self):  # extent unknown, as for a sheet that declares none
            pass

    class Pembaca(ExcelReader):
        def read_worksheets(self):  # ExcelReader.read_worksheets's read-only branch, with Lembar
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                ws = Lembar(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    pembaca = Pembaca(path, read_only=True, data_only=True)
    pembaca.read()
    return pembaca.wb


def _sheet_names(path: Path) -> list[str]:
    wb = buka_xlsx(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


# ---------------------------------------------------------------------------------------------
# CSV


class BukanUtf8(ValueError):
    """A CSV that cannot be read as text; `pesan` says why and what to do, `baris` names the line."""

    def __init__(self, pesan: str, baris: int = 1, isi: str = ""):
        super().__init__(pesan)
        self.pesan, self.baris, self.isi = pesan, baris, isi


SIMPAN_UTF8 = "buka di Excel lalu simpan ulang sebagai 'CSV UTF-8 (Comma delimited)'"

# Characters a UTF-8 decoder with surrogateescape gives only for valid multi-byte sequences.
_MULTIBYTE_SAH = re.compile("[^\x00-\x7f\udc80-\udcff]")


# Workbooks renamed to .csv: their bytes would otherwise be reported as a bad encoding.
_BUKAN_TEKS = ((b"PK\x03\x04", "buku kerja XLSX (arsip ZIP)"), (b"\xd0\xcf\x11\xe0", "buku kerja Excel lama (.xls)"))


def _utf16_atau_32(raw: bytes) -> str | None:
    """The name of a UTF-16/32 encoding the bytes are written in (by BOM or NUL pattern), else None."""
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if raw.startswith(bom):
            return name
    head = raw[:4096]
    if head.count(b"\x00") * 4 >= len(head) > 0:
        # Without a BOM: a text file in which every second (or 3 of 4) byte is NUL is UTF-16 (UTF-32).
        return "UTF-32" if head.count(b"\x00") * 4 >= len(head) * 3 else "UTF-16"
    return None


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV and its encoding (docs/kontrak-data.md bagian 1, "CSV").

    UTF-8 (BOM dropped) when the bytes are valid UTF-8. Bytes that are not, and hold neither a BOM
    nor any valid multi-byte UTF-8 sequence, are a whole file from Excel on Windows: cp1252. Raises
    BukanUtf8 for a workbook named .csv, for a UTF-16/32 file, for a UTF-8 file with a stray invalid byte (naming its line and
    position: decoding the whole file as cp1252 would turn its correct letters into mojibake) and
    for bytes that are neither UTF-8 nor cp1252.
    """
    for tanda, jenis in _BUKAN_TEKS:
        if raw.startswith(tanda):
            raise BukanUtf8(f"berkas ini bukan teks CSV melainkan {jenis} yang berakhiran .csv; simpan ulang sebagai .xlsx atau CSV UTF-8")
    wide = _utf16_atau_32(raw)
    if wide is not None:
        raise BukanUtf8(f"berkas ini berpengodean {wide}, bukan UTF-8; {SIMPAN_UTF8}")
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig"  # no slice: that would copy the whole file
    except UnicodeDecodeError as exc:  # exc.start counts from after the BOM
        if bom or _MULTIBYTE_SAH.search(raw[bom:].decode("utf-8", errors="surrogateescape")):
            posisi = bom + exc.start
            baris = raw.count(b"\n", 0, posisi) + 1
            kolom = posisi - (raw.rfind(b"\n", 0, posisi) + 1) + 1
            byte = f"0x{raw[posisi]:02X}"
            raise BukanUtf8(
                f"byte ke-{kolom} di baris ini ({byte}) bukan UTF-8 yang sah, padahal bagian lain berkas ini UTF-8; "
                f"perbaiki huruf itu atau {SIMPAN_UTF8}",
                baris,
                byte,
            ) from None
        try:
            return raw.decode("cp1252", errors="strict"), "cp1252"
        except UnicodeDecodeError:
            raise BukanUtf8("berkas bukan teks UTF-8 maupun cp1252; simpan ulang sebagai CSV UTF-8") from None


def detect_separator(text: str) -> str:
    """The separator of a CSV, from its header line: `;` (Indonesian Excel) or `,`."""
    header = text.split("\n", 1)[0]
    # Quoted header cells may hold either character; count only outside quotes.
    outside = re.sub(r'"[^"]*"', "", header)
    return ";" if outside.count(";") > outside.count(",") else ","


def _read_csv_arrow(raw: bytes, text: str, sep: str) -> pd.DataFrame | None:
    """Every cell as text through Arrow's CSV reader (several times faster than pandas' parser).

    Arrow skips empty lines, which would shift Excel row numbers, and refuses ragged rows; for any
    such file this returns None and the caller reads it with pandas, whose messages name the row.
    """
    import pyarrow.csv as pacsv

    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\n", b"\r")) or b"\n\n" in raw or b"\n\r\n" in raw or b"\r\r" in raw:
        return None
    header = next(csv.reader(io.StringIO(text), delimiter=sep))
    names = [f"k{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            # A line break inside a quoted cell needs the serial parse; most files have no quotes.
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=b'"' in raw),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    table = pa.table({n: _trim_arrow(table[n]) for n in names})
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow"), pa.large_string(): pd.StringDtype("pyarrow")}.get)
    frame.columns = header
    frame.attrs["dipangkas"] = True  # cells already trimmed, empty ones NA
    return frame


def _trim_arrow(arr):
    """Trim white space (Arrow's trim knows NBSP and the other Unicode spaces); empty -> null."""
    trimmed = pc.utf8_trim_whitespace(arr)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed)


def read_csv_cells(path: Path, label: str) -> tuple[pd.DataFrame | None, str, list[Masalah]]:
    """Cells of a CSV file as text (NA where empty), indexed by Excel row; plus the format name."""
    raw = path.read_bytes()
    try:
        text, encoding = decode_csv(raw)
    except BukanUtf8 as exc:
        return None, "", [Masalah(label, exc.baris, "", exc.isi, exc.pesan)]
    if not text.strip():
        return None, "", [Masalah(label, 1, "", "", "berkas kosong: baris 1 harus berisi nama kolom")]
    sep = detect_separator(text)
    fmt = "csv_titik_koma" if sep == ";" else "csv_koma"
    frame = _read_csv_arrow(raw, text, sep) if encoding == "utf-8-sig" else None
    if frame is not None:
        frame.index = pd.RangeIndex(2, 2 + len(frame), name="baris")
        return frame, fmt, []
    try:
        # The C parser decodes bytes faster than it reads a Python string.
        frame = pd.read_csv(
            io.BytesIO(raw),
            encoding=encoding,
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            index_col=False,
            quoting=csv.QUOTE_MINIMAL,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        m = re.search(r"line (\d+)", str(exc))
        baris = int(m.group(1)) if m else 1
        return None, fmt, [
            Masalah(label, baris, "", "", f"baris ini punya lebih banyak sel daripada nama kolom di baris 1 (pemisah '{sep}')")
        ]
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="baris")
    return frame, fmt, []


# ---------------------------------------------------------------------------------------------
# XLSX


# The largest sheet read (docs/kontrak-data.md bagian 1): rows holding data times the columns up to
# the last named one. A full-height sheet (1,048,575 data rows) of 19 columns fits; the frame of
# cell objects this allows stays a few hundred MB.
SEL_XLSX_MAKS = 20_000_000


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def baris_xlsx(ws):
    """(Excel row number, [(column number, stored value), ...]) for each row of the sheet's XML that
    holds a non-empty cell, in sheet order.

    Works from the cells the file stores, never from the extent it declares: one stray value in
    XFD1048576 costs one cell, not a grid of 17 billion (openpyxl's iter_rows pads every row to the
    declared width and yields every missing row). Uses openpyxl's sheet parser as its read-only
    worksheet does (openpyxl is pinned in requirements.lock; test_baca pins the behaviour).
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=ws.parent.data_only,
            epoch=ws.parent.epoch,
            date_formats=ws.parent._date_formats,
            timedelta_formats=ws.parent._timedelta_formats,
        )
        for idx, row in parser.parse():
            cells = [(c["column"], c["value"]) for c in row if not _kosong(c["value"])]
            if cells:
                yield idx, cells


def _terlalu_besar(label: str, sheet: str, baris: int, lebar: int) -> Masalah:
    from openpyxl.utils import get_column_letter

    return Masalah(
        label,
        1,
        "",
        "",
        f"sheet '{sheet}' terlalu besar untuk dibaca: {_ribuan(baris)} baris berisi data × {_ribuan(lebar)} kolom (A sampai "
        f"{get_column_letter(lebar)}) melebihi batas {_ribuan(SEL_XLSX_MAKS)} sel; hapus isi baris atau kolom yang tidak "
        "dipakai, atau pecah tabelnya",
    )


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def read_xlsx_cells(path: Path, label: str, sheet: str | None) -> tuple[pd.DataFrame | None, list[Masalah]]:
    """Stored cell values of one sheet (the first when `sheet` is None), indexed by Excel row.

    Only rows holding data are returned (blank rows keep their numbers by being absent); columns
    run from A to the last one named in row 1. A non-empty cell right of that is a problem naming
    its row, as a CSV row with more cells than names is. Time and memory follow the cells that hold
    data; a sheet over SEL_XLSX_MAKS is refused with a problem naming it.
    """
    from openpyxl.utils import get_column_letter

    try:
        wb = buka_xlsx(path)
    except Exception as exc:
        return None, [Masalah(label, 1, "", "", f"berkas tidak dapat dibaca sebagai XLSX: {exc}")]
    masalah: list[Masalah] = []
    nomor: list[int] = []  # Excel row number of each data row
    kolom: dict[int, tuple[list[int], list]] = {}  # column -> (positions in `nomor`, values)
    rows = None
    try:
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        rows = baris_xlsx(ws)
        first = next(rows, None)
        if first is None or first[0] != 1:
            return None, [Masalah(label, 1, "", "", "lembar kosong: baris 1 harus berisi nama kolom")]
        judul = dict(first[1])
        width = max(judul)
        for idx, cells in rows:
            pos = len(nomor)
            inside = False
            for col, value in cells:
                if col > width:
                    masalah.append(
                        Masalah(
                            label,
                            idx,
                            "",
                            str(value),
                            f"baris ini berisi sel di luar kolom yang bernama di baris 1 (sel {get_column_letter(col)}{idx})",
                        )
                    )
                    break  # one problem per row, as for a CSV row
                inside = True
                entry = kolom.setdefault(col, ([], []))
                entry[0].append(pos)
                entry[1].append(value)
            if inside:
                nomor.append(idx)
                if len(nomor) * width > SEL_XLSX_MAKS:
                    return None, [_terlalu_besar(label, ws.title, len(nomor), width)]
    finally:
        if rows is not None:
            rows.close()  # closes the sheet's XML stream before the archive
        wb.close()
    data = {}
    for col in range(1, width + 1):
        values = np.full(len(nomor), None, dtype=object)
        if col in kolom:
            values[kolom[col][0]] = np.array(kolom[col][1], dtype=object)  # object: no text/number coercion
        data[col] = values
    frame = pd.DataFrame(data, index=pd.Index(nomor, dtype="int64", name="baris"), dtype=object)
    frame.columns = ["" if judul.get(col) is None else str(judul[col]) for col in range(1, width + 1)]
    return frame, masalah


# ---------------------------------------------------------------------------------------------


def _trimmed(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells trimmed of white space (non-breaking spaces included); empty cells become NA.

    CSV text is trimmed here, once per distinct value; XLSX cells keep their stored type and only
    text cells are trimmed.
    """
    out = {}
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object:  # XLSX: stored values of any type; only text can be blank
            out[col] = s.map(lambda v: (v.strip() or None) if isinstance(v, str) else v, na_action="ignore")
        else:
            # Straight through Arrow: several times faster than pandas' string accessor.
            arr = pa.chunked_array(pa.array(s.astype("string").array))
            out[col] = pd.Series(pd.arrays.ArrowStringArray(_trim_arrow(arr)), index=s.index)
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)


def tidy_header(frame: pd.DataFrame, label: str) -> tuple[pd.DataFrame, dict[str, str], list[Masalah]]:
    """Normalise header names; drop nameless, empty columns; report duplicates."""
    masalah: list[Masalah] = []
    names = []
    asli = {}
    keep = []
    for i, col in enumerate(frame.columns):
        raw = "" if col is None else str(col)
        name = normalise_code(raw)
        if not name or re.fullmatch(r"unnamed:_\d+(\.\d+)?", name):
            if frame.iloc[:, i].map(lambda v: v is None or pd.isna(v) or (isinstance(v, str) and not v.strip())).all():
                continue  # an empty column without a name is Excel leftovers, not data
            name = f"kolom_{i + 1}"
        if name in asli:
            masalah.append(
                Masalah(label, 1, name, raw, f"nama kolom '{raw}' sama dengan '{asli[name]}' setelah dinormalkan; sisakan satu")
            )
            continue
        asli[name] = raw
        names.append(name)
        keep.append(i)
    # Every column kept (the usual file): a shallow copy to rename, not a selection and a copy of
    # every cell (the frame is the reader's own; pandas copies on write anyway).
    frame = frame.copy(deep=False) if keep == list(range(frame.shape[1])) else frame.iloc[:, keep].copy()
    frame.columns = names
    return frame, asli, masalah


# ---------------------------------------------------------------------------------------------
# Parquet


def _parquet_teks(arr: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """A Parquet column as text as a CSV cell would hold it; None for a type with no such text."""
    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return arr.cast(pa.string())
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return arr.cast(pa.string())  # 85.5 -> "85.5", 100.0 -> "100": the `.` decimal of csv_koma
    if pa.types.is_boolean(t):
        return pc.if_else(arr, "TRUE", "FALSE")
    if pa.types.is_date(t):
        return arr.cast(pa.date32()).cast(pa.string())
    if pa.types.is_timestamp(t):
        tengah_malam = pc.all(pc.equal(pc.cast(arr, pa.date32()).cast(t), arr)).as_py() in (True, None)
        return pc.strftime(arr, "%Y-%m-%d" if tengah_malam else "%Y-%m-%d %H:%M:%S")
    if pa.types.is_null(t):
        return pa.chunked_array([pa.nulls(len(arr), pa.string())])
    return None


def read_parquet_cells(path: Path, label: str) -> tuple[pd.DataFrame | None, list[Masalah]]:
    """Cells of a Parquet file as text (NA where empty), indexed as a CSV's rows are: data row k
    is row k + 1, as if a header row came first (docs/kontrak-data.md bagian 1, "Parquet")."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # a damaged or foreign file is the user's problem, not a traceback
        return None, [Masalah(label, 1, "", "", f"berkas tidak dapat dibaca sebagai Parquet: {exc}")]
    masalah: list[Masalah] = []
    kolom = {}
    for i, nama in enumerate(table.column_names):
        teks = _parquet_teks(table.column(i))
        if teks is None:
            masalah.append(Masalah(label, 1, str(nama), "", f"kolom '{nama}' bertipe {table.column(i).type} yang tidak dapat dibaca; simpan sebagai teks, angka atau tanggal"))
            continue
        kolom[f"k{i}"] = (str(nama), _trim_arrow(teks.combine_chunks() if teks.num_chunks != 1 else teks.chunk(0)))
    if masalah:
        return None, masalah
    tipe = {pa.string(): pd.StringDtype("pyarrow"), pa.large_string(): pd.StringDtype("pyarrow")}.get
    frame = pa.table({k: v for k, (_, v) in kolom.items()}).to_pandas(types_mapper=tipe) if kolom else pd.DataFrame(index=range(table.num_rows))
    frame.columns = [n for n, _ in kolom.values()]
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="baris")
    frame.attrs["dipangkas"] = True
    return frame, []


def read_table(tabel: str, label: str, path: Path, sheet: str | None, sha: str) -> tuple[RawTable | None, list[Masalah]]:
    if sheet is None and path.suffix.casefold() == ".parquet":
        frame, masalah = read_parquet_cells(path, label)
        fmt = "parquet"
    elif sheet is not None or path.suffix.casefold() == ".xlsx":
        frame, masalah = read_xlsx_cells(path, label, sheet)
        fmt = "xlsx"
    else:
        frame, fmt, masalah = read_csv_cells(path, label)
    if frame is None:
        return None, [_with_table(m, tabel) for m in masalah]
    frame, asli, header_masalah = tidy_header(frame, label)
    masalah += header_masalah
    if not frame.attrs.get("dipangkas"):
        frame = _trimmed(frame)
    # Blank rows keep their number (they count in Excel) but are not data.
    if len(frame.columns):
        isi = frame.notna().any(axis=1)
        frame = frame if isi.all() else frame[isi]
    else:
        frame = frame.iloc[0:0]
    return RawTable(tabel, label, path, sha, fmt, frame, asli), [_with_table(m, tabel) for m in masalah]


def _with_table(m: Masalah, tabel: str) -> Masalah:
    return Masalah(m.file, m.baris, m.kolom, m.nilai, m.pesan, tabel=tabel)


def pakai_pengalokasi_sistem() -> None:
    """Make the system allocator Arrow's default for this process, unless the user chose one
    with ARROW_DEFAULT_MEMORY_POOL. `capaian.cli.main` calls it when a command starts.

    Arrow's own default (mimalloc) cost a cold process about 0.7 s more to read and validate a
    million realisasi rows, with nothing gained once the data is in pandas
    (benchmarks/bench_validasi.py). It is process-wide, so importing the package must not do it.
    """
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())


def read_folder(folder: str | Path) -> tuple[dict[str, RawTable], list[Masalah]]:
    """Read every table's source in a data folder."""
    sources, masalah = find_sources(Path(folder))
    tables, table_masalah = read_sources(sources, TABLES)
    return tables, masalah + table_masalah


def read_sources(sources: dict[str, list], tabel=TABLES, awalan: str = "", hash_berkas: bool = True) -> tuple[dict[str, RawTable], list[Masalah]]:
    """Read the tables `tabel` that have exactly one source in `sources` (`find_sources`; a table
    with none or several is reported there). Labels get `awalan` (a partition's folder); each file
    is hashed once, also when several tables are sheets of one workbook (none when `hash_berkas`
    is false)."""
    tables: dict[str, RawTable] = {}
    masalah: list[Masalah] = []
    shas: dict[Path, str] = {}
    for t in tabel:
        found = sources[t]
        if len(found) != 1:
            continue
        label, path, sheet = found[0]
        if path not in shas:
            shas[path] = sha256_file(path) if hash_berkas else ""
        raw, table_masalah = read_table(t, awalan + label, path, sheet, shas[path])
        masalah += table_masalah
        if raw is not None:
            tables[t] = raw
    return tables, masalah
