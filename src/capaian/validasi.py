"""Loading and validating a data folder into a `Dataset` (docs/kontrak-data.md bagian 1-4).

`load_dataset(folder)` reads every table, turns text into typed columns, applies each table's
pandera schema and every rule that spans rows or tables, and either returns the validated data set
or raises `DataError` listing every problem found in that one pass. Everything is vectorised: a
Python loop only ever runs over columns, tables or problems found, never over the rows of the data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from capaian.baca import RawTable, read_folder
from capaian.dataset import TABLES, Dataset, Sumber
from capaian.kode import (
    KODE_KOLOM,
    LABEL,
    canonical_periode,
    clean_nip,
    cocok_utuh,
    nip_problem,
    normalise_codes,
    parse_periode,
)
from capaian.format import POLA_KENDALI, RE_KENDALI, tampak_kendali
from capaian.galat import DataError, FolderDataTidakAda
from capaian.masalah import Masalah, sort_masalah, tandai_akibat
from capaian.skema import ANGKA_MIN, KOLOM, KUNCI, SKEMA, TEKS_ANGKA_MIN, alasan_kode_dicadangkan, pesan_cek

__all__ = ["load_dataset", "validate_folder", "DataError"]


class _Problems:
    """Collects problems of one table; messages are built only for the rows that fail."""

    def __init__(self, raw: RawTable):
        self.raw = raw
        self.items: list[Masalah] = []
        self.cells: set[tuple[int, str]] = set()
        self.kendali: set[tuple[int, str]] = set()  # cells holding a control character

    def final(self) -> list[Masalah]:
        """The problems found; a cell holding a control character gets that one problem only
        (whatever else a rule said of it would quote the invisible character again)."""
        if not self.kendali:
            return self.items
        return [m for m in self.items if (m.baris, m.kolom) not in self.kendali or _PESAN_KENDALI in m.pesan]

    def value(self, baris: int, kolom: str) -> str:
        frame = self.raw.frame
        if kolom not in frame.columns or baris not in frame.index:
            return ""
        v = frame.at[baris, kolom]
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        if isinstance(v, (dt.datetime, dt.date)):
            return v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v.isoformat()
        return str(v)

    def add(self, baris: int, kolom: str, pesan: str, isi: str | None = None) -> None:
        isi = self.value(baris, kolom) if isi is None else isi
        self.items.append(Masalah(self.raw.file, int(baris), kolom, isi, pesan, tabel=self.raw.tabel))
        self.cells.add((int(baris), kolom))

    def flag(self, mask: pd.Series, kolom: str, pesan) -> None:
        """Add a problem for each row where `mask` is True; `pesan` is text or a function of the raw value."""
        hit = mask.to_numpy(dtype=bool, na_value=False)
        if not hit.any():
            return
        for baris in mask.index[hit]:
            isi = self.value(baris, kolom)
            self.add(baris, kolom, pesan(isi) if callable(pesan) else pesan, isi)


def _quote(isi: str) -> str:
    return f"'{isi}'"


_PESAN_KENDALI = "mengandung karakter kendali tak terlihat"


def _flag_kendali(raw: RawTable, p: _Problems) -> None:
    """Flag every text cell, of every column (contract, key, unknown extra), that holds a control
    character (`capaian.format.POLA_KENDALI`; tab and line ends are allowed): XLSX cannot store
    it and a reader cannot see it (docs/kontrak-data.md bagian 1). The value is shown escaped.

    Columns are scanned together, end to end, up to `_SEL_PER_PINDAI` cells at a time: on small
    tables the fixed cost of each scan is most of the work, on large ones a column at a time
    keeps the extra memory to one column's text."""
    frame = raw.frame
    n = len(frame)
    if n == 0 or frame.shape[1] == 0 or _tanpa_kendali(frame):
        return
    per_pindai = max(1, _SEL_PER_PINDAI // n)
    for awal in range(0, frame.shape[1], per_pindai):
        bagian = frame.iloc[:, awal : awal + per_pindai]
        sel = np.concatenate([(s if s.dtype == object else s.astype("string")).to_numpy(dtype=object) for _, s in bagian.items()])
        teks = pd.Series(sel).map(lambda v: v if isinstance(v, str) else None).astype("string")
        hit = per_unique(teks, lambda u: u.str.contains(POLA_KENDALI, regex=True), fill=False).fillna(False).astype(bool)
        for posisi in np.flatnonzero(hit.to_numpy()):
            j, i = divmod(int(posisi), n)
            kolom, baris, asli = bagian.columns[j], int(frame.index[i]), bagian.iat[i, j]
            karakter = ", ".join(dict.fromkeys(tampak_kendali(c) for c in RE_KENDALI.findall(asli)))
            isi = tampak_kendali(asli)
            p.add(baris, kolom, f"{_quote(isi)} {_PESAN_KENDALI} ({karakter}); hapus karakter itu", isi)
            p.kendali.add((baris, kolom))


_SEL_PER_PINDAI = 100_000  # cells per control-character scan (see _flag_kendali)


def _tanpa_kendali(frame: pd.DataFrame) -> bool:
    """True where every column is Arrow text (a CSV's cells) and none holds a control character.

    One Arrow scan of all the columns, the same pattern as `_flag_kendali`'s (Arrow's RE2 reads it by code
    point, as Python's `re` does): the usual table is cleared without turning its cells into Python
    objects. XLSX cells (objects) and any hit go through the full scan."""
    import pyarrow.compute as pc

    if not all(isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow" for _, s in frame.items()):
        return False
    if not len(frame.columns):
        return True
    # Every column in one scan: the fixed cost of a scan is most of a small table's.
    return not pc.any(pc.match_substring_regex(_teks_bersambung([s for _, s in frame.items()]), POLA_KENDALI)).as_py()


def _teks_bersambung(kolom: list[pd.Series]):
    """Arrow text columns end to end as one chunked Arrow array (a chunk each, no copy of the
    text): column i holds positions i*n ... (i+1)*n - 1."""
    import pyarrow as pa

    return pa.chunked_array([pa.array(s.array).cast(pa.large_string()) for s in kolom], type=pa.large_string())


# ---------------------------------------------------------------------------------------------
# Reading cells into typed columns


def _is_number_cell(s: pd.Series) -> pd.Series:
    flags = [isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and not pd.isna(v) for v in s.to_numpy(dtype=object)]
    return pd.Series(flags, index=s.index, dtype=bool)


def _xlsx_text(v):
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        # An integral number in a text or code column becomes integer text (101.0 -> 101).
        return str(int(v)) if float(v).is_integer() else repr(float(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v).strip()


def per_unique(values: pd.Series, fn, fill=pd.NA) -> pd.Series:
    """Apply `fn` (Series -> Series of the same length) to the distinct non-empty values only.

    Data columns repeat a lot (months, codes, NIPs, IDs), so the work is done once per distinct
    value and broadcast back; empty cells get `fill`.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    result = fn(pd.Series(uniques, dtype=values.dtype if len(uniques) else "string"))
    taken = pd.api.extensions.take(result.array, codes, allow_fill=True, fill_value=fill)
    return pd.Series(taken, index=values.index)


def _text(raw: RawTable, kolom: str) -> pd.Series:
    s = raw.frame[kolom]
    if raw.format == "xlsx":
        return s.map(_xlsx_text, na_action="ignore").astype("string")
    if s.dtype == _TEKS:  # a CSV's cells already are (the reader has trimmed them): astype would only copy
        return s
    return s.astype("string")  # the reader has already trimmed CSV cells


_TEKS = pd.StringDtype()  # what astype("string") gives: Arrow text, empty cells <NA>


_RE_ILMIAH = r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+"


def _read_nip(raw: RawTable, kolom: str, p: _Problems, tertunda: list | None = None) -> pd.Series:
    """The column's cleaned NIPs; cells Excel has already damaged are flagged here and NA.

    Whether each NIP is valid (`nip_problem`) is judged by `_flag_nip_tak_sah`: right away, or,
    where `tertunda` is a list, later for every NIP column of the data set in one call (its
    fixed cost dominates on small data)."""
    text = _text(raw, kolom)
    bad = np.zeros(len(text), dtype=bool)
    if raw.format == "xlsx":
        numeric = _is_number_cell(raw.frame[kolom])
        p.flag(
            numeric,
            kolom,
            lambda v: f"NIP {_quote(v)} tersimpan sebagai angka di Excel, yang hanya menyimpan 15 digit: NIP ini sudah rusak. "
            "Format kolom sebagai Teks lalu ketik ulang NIP 18 digit",
        )
        bad |= numeric.to_numpy()
    # One pass over the distinct texts gives both the scientific-notation cells and the cleaned
    # NIPs; position -1 of each result (an empty cell's code) is the empty cell's value.
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=text.dtype if len(uniques) else "string")
    sci = np.append(cocok_utuh(u, _RE_ILMIAH), False)[codes] & ~bad
    p.flag(
        pd.Series(sci, index=text.index),
        kolom,
        lambda v: f"NIP {_quote(v)} tertulis dalam notasi ilmiah: Excel hanya menyimpan 15 digit, jadi NIP ini sudah rusak. "
        "Format kolom sebagai Teks lalu ketik ulang NIP 18 digit",
    )
    bad |= sci
    bersih = np.append(clean_nip(u).to_numpy(dtype=object, na_value=None), None)[codes]
    bersih[bad] = None
    nip = pd.Series(pd.array(bersih, dtype="string"), index=text.index)
    if tertunda is None:
        _flag_nip_tak_sah([(nip, kolom, p)])
    else:
        tertunda.append((nip, kolom, p))
    # An invalid NIP stays in the frame (the data set is refused anyway), so rows elsewhere that
    # refer to it are not also reported as pointing at a missing pegawai.
    return nip


def _flag_nip_tak_sah(kolom_nip: list[tuple[pd.Series, str, _Problems]]) -> None:
    """Flag every invalid NIP of the given (cleaned NIPs, column, collector) columns, judging all
    their distinct values in one `nip_problem` call."""
    if not kolom_nip:
        return
    semua = pd.concat([nip for nip, _, _ in kolom_nip], ignore_index=True)
    alasan = per_unique(semua, nip_problem).astype("string").to_numpy(dtype=object, na_value=None)
    awal = 0
    for nip, kolom, p in kolom_nip:
        bagian = alasan[awal : awal + len(nip)]
        awal += len(nip)
        for i in np.flatnonzero(pd.notna(bagian)):
            baris = nip.index[i]
            isi = p.value(baris, kolom)
            p.add(baris, kolom, f"{_quote(isi)} bukan NIP yang sah: {bagian[i]}", isi)


_POLA_ANGKA = {
    "csv_koma": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?",
    "csv_titik_koma": r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?",
    "xlsx": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "parquet": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?",
}
_CONTOH_ANGKA = {
    "csv_koma": "berkas ini memakai pemisah ',' sehingga tanda desimal adalah titik, tanpa pemisah ribuan (mis. 85.5 atau 1500000)",
    "csv_titik_koma": "berkas ini memakai pemisah ';' sehingga koma adalah tanda desimal dan titik hanya pemisah ribuan per tiga digit (mis. 85,5 atau 1.500.000)",
    "xlsx": "simpan sel ini sebagai angka (bukan teks) di Excel",
    "parquet": "simpan kolom ini sebagai angka di Parquet, atau sebagai teks dengan titik desimal tanpa pemisah ribuan (mis. 85.5)",
}


def _pesan_angka(fmt: str):
    def pesan(v: str) -> str:
        low = v.casefold()
        if "%" in v:
            return f"{_quote(v)} bukan angka: tanda % tidak diterima, tulis angkanya saja (mis. 85,5 untuk 85,5%)"
        if "rp" in low:
            return f"{_quote(v)} bukan angka: hapus 'Rp' dan tulis angkanya saja"
        return f"{_quote(v)} bukan angka yang sah; {_CONTOH_ANGKA[fmt]}"

    return pesan


def _read_angka(raw: RawTable, kolom: list[str], p: _Problems) -> dict[str, pd.Series]:
    """The numbers of the table's columns `kolom` (float64, NaN where empty or not a number; each
    cell that is not a number is flagged).

    The columns are read as one block, end to end: each distinct text is parsed once for all of
    them (the seven perilaku scores share a handful of values), and on small tables the fixed cost
    of each step is paid once per table instead of once per column."""
    frame = raw.frame
    n = len(frame)
    if all(frame[k].dtype == _TEKS for k in kolom):  # Arrow text (CSV, Parquet): the chunks end to end, no copy
        s = pd.Series(pd.arrays.ArrowStringArray(_teks_bersambung([frame[k] for k in kolom])))
    else:
        s = pd.concat([frame[k] for k in kolom], ignore_index=True)  # column i holds positions i*n ... (i+1)*n - 1
    out = np.full(len(s), np.nan, dtype="float64")
    if raw.format == "xlsx":
        numeric = _is_number_cell(s)
        out[numeric.to_numpy()] = s[numeric].astype("float64").to_numpy()
        text = s.where(~numeric).map(lambda v: v.strip() if isinstance(v, str) else _xlsx_text(v), na_action="ignore").astype("string")
    else:
        text = s.astype("string").str.strip()
    def parse(u: pd.Series) -> pd.Series:
        ok = pd.Series(cocok_utuh(u, _POLA_ANGKA[raw.format]), index=u.index)
        good = u.where(ok)
        if raw.format == "csv_titik_koma":
            good = good.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        return pd.to_numeric(good, errors="coerce").astype("float64")

    parsed = per_unique(text, parse, fill=np.nan).to_numpy(dtype="float64", na_value=np.nan)
    ok = ~np.isnan(parsed)
    out[ok] = parsed[ok]
    salah = text.notna().to_numpy() & ~ok
    pesan = _pesan_angka(raw.format)
    hasil = {}
    for i, k in enumerate(kolom):
        bagian = slice(i * n, (i + 1) * n)
        if salah[bagian].any():
            p.flag(pd.Series(salah[bagian], index=frame.index), k, pesan)
        hasil[k] = pd.Series(out[bagian], index=frame.index, dtype="float64")
    return hasil


def _read_bulat(angka: pd.Series, kolom: str, p: _Problems) -> pd.Series:
    """Whole numbers from the column's numbers (`_read_angka`); a fraction is flagged and NA."""
    pecahan = angka.notna() & (angka != np.floor(angka))
    p.flag(pecahan, kolom, lambda v: f"{_quote(v)} harus bilangan bulat")
    return angka.mask(pecahan).astype("Int64")


def _read_bulan(raw: RawTable, kolom: str, p: _Problems) -> pd.Series:
    s = raw.frame[kolom]
    if raw.format == "xlsx":
        # A date cell in `bulan` becomes YYYY-MM.
        return s.map(lambda v: v.strftime("%Y-%m") if isinstance(v, (dt.date, dt.datetime)) else _xlsx_text(v), na_action="ignore").astype("string")
    return _text(raw, kolom)


def _read_tanggal(raw: RawTable, kolom: str, p: _Problems) -> pd.Series:
    s = raw.frame[kolom]
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    if raw.format == "xlsx":
        is_date = s.map(lambda v: isinstance(v, (dt.date, dt.datetime)), na_action="ignore").fillna(False).astype(bool)
        if is_date.any():
            out[is_date] = pd.to_datetime(s[is_date].map(lambda v: dt.datetime(v.year, v.month, v.day)))
        text = s.where(~is_date).map(_xlsx_text, na_action="ignore").astype("string")
    else:
        text = _text(raw, kolom)
    def parse(u: pd.Series) -> pd.Series:
        pola = pd.Series(cocok_utuh(u, r"\d{4}-\d{2}-\d{2}"), index=u.index)
        return pd.to_datetime(u.where(pola), format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")

    parsed = per_unique(text, parse, fill=pd.NaT)
    ok = parsed.notna()
    out[ok] = parsed[ok]
    p.flag(text.notna() & ~ok, kolom, lambda v: f"{_quote(v)} bukan tanggal yang sah; tulis YYYY-MM-DD, mis. 2025-04-05")
    return out


def _allowed(kolom: str) -> str:
    codes = KODE_KOLOM[kolom]
    return ", ".join(f"{c} ({LABEL[c]})" if c in LABEL else c for c in codes)


def _read_kode(raw: RawTable, kolom: str, default: str | None, p: _Problems) -> pd.Series:
    text = _text(raw, kolom)
    kode = normalise_codes(text, kolom)
    unknown = text.notna() & kode.isna()
    p.flag(unknown, kolom, lambda v: f"{_quote(v)} bukan kode yang sah untuk {kolom}; pilihan: {_allowed(kolom)}")
    if default is not None:
        kode = kode.mask(text.isna(), default)
    return kode


def _read_periode(raw: RawTable, kolom: str, p: _Problems) -> pd.Series:
    text = _text(raw, kolom)
    kode = canonical_periode(text)
    bad = text.notna() & kode.isna()

    def pesan(v: str) -> str:
        try:
            parse_periode(v)
        except ValueError as exc:
            return str(exc)
        return ""

    p.flag(bad, kolom, pesan)
    return kode


def _typed_table(raw: RawTable, p: _Problems, nip_tertunda: list | None = None) -> tuple[pd.DataFrame, set[str]]:
    """The table's typed frame (contract columns first, extras as text) and its absent columns.

    With `nip_tertunda` (a list), its NIP columns are added there for the caller to judge with
    `_flag_nip_tak_sah` (see `_read_nip`)."""
    columns: dict[str, pd.Series] = {}
    absent: set[str] = set()
    index = raw.frame.index
    _flag_kendali(raw, p)
    kolom_angka = [k.nama for k in KOLOM[raw.tabel] if k.jenis in ("angka", "bulat") and k.nama in raw.frame.columns]
    angka = _read_angka(raw, kolom_angka, p) if kolom_angka else {}
    for k in KOLOM[raw.tabel]:
        if k.nama not in raw.frame.columns:
            if k.wajib_ada:
                p.add(1, k.nama, f"kolom wajib '{k.nama}' tidak ada di baris 1 (nama kolom)", "")
            absent.add(k.nama)
            if k.default is not None:
                columns[k.nama] = pd.Series(k.default, index=index, dtype="string")
            elif k.jenis == "angka":
                columns[k.nama] = pd.Series(np.nan, index=index, dtype="float64")
            elif k.jenis == "bulat":
                columns[k.nama] = pd.Series(pd.NA, index=index, dtype="Int64")
            elif k.jenis == "tanggal":
                columns[k.nama] = pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
            else:
                columns[k.nama] = pd.Series(pd.NA, index=index, dtype="string")
            continue
        reader = {
            "teks": lambda: _text(raw, k.nama),
            "nip": lambda: _read_nip(raw, k.nama, p, nip_tertunda),
            "angka": lambda: angka[k.nama],
            "bulat": lambda: _read_bulat(angka[k.nama], k.nama, p),
            "bulan": lambda: _read_bulan(raw, k.nama, p),
            "tanggal": lambda: _read_tanggal(raw, k.nama, p),
            "periode": lambda: _read_periode(raw, k.nama, p),
            "kode": lambda: _read_kode(raw, k.nama, k.default, p),
        }[k.jenis]
        columns[k.nama] = reader()
    for extra in raw.frame.columns:
        if extra not in columns:
            columns[extra] = _text(raw, extra)
    frame = pd.DataFrame(columns, index=index)
    return frame, absent


# ---------------------------------------------------------------------------------------------
# Per-table value rules (pandera)


def _pesan_check(tabel: str, kolom: str, check: str, nomor) -> str:
    """The message of a failed pandera check: the one its model attached to it (capaian.skema)."""
    if check == "not_nullable":
        return f"{kolom} wajib diisi"
    pesan = None if nomor is None or pd.isna(nomor) else pesan_cek(tabel).get((kolom, int(nomor)))
    if pesan is None:
        return f"{kolom} tidak memenuhi aturan {check}"
    return f"{kolom} {pesan}"


_SKEMA_TANPA_DTYPE: dict[str, pa.DataFrameSchema] = {}
_DTYPE_PANDERA: dict = {}  # pandas dtype -> pandera's DataType for it (Engine.dtype, ~25 us a call)


def _validate_schema(tabel: str, frame: pd.DataFrame) -> None:
    """`SKEMA[tabel].validate(frame, lazy=True)`, with the same failures, cheaper on small tables.

    pandera builds a failure table and its printed message for every passing `string` column's
    dtype check (a fixed cost per column, a quarter of a small table's validation). So the column
    dtypes are checked here first, by the same `check` pandera calls; where all pass, the schema
    runs without its dtypes, and where any fails, the whole schema runs as it is (and raises).
    """
    from pandera.engines.pandas_engine import Engine

    skema = SKEMA[tabel].to_schema()
    for nama, kolom in skema.columns.items():
        if kolom.dtype is None:
            continue
        if nama not in frame.columns:
            return skema.validate(frame, lazy=True)
        try:
            s = frame[nama]
            dtype = _DTYPE_PANDERA.get(s.dtype)
            if dtype is None:
                dtype = _DTYPE_PANDERA[s.dtype] = Engine.dtype(s.dtype)
            lulus = kolom.dtype.check(dtype, s)
        except Exception:  # whatever pandera makes of it, it says itself below
            lulus = False
        if not (lulus if isinstance(lulus, bool) else bool(np.all(lulus))):
            return skema.validate(frame, lazy=True)
    if _semua_lulus(skema, frame):
        return
    ringan = _SKEMA_TANPA_DTYPE.get(tabel)
    if ringan is None or ringan.columns.keys() != skema.columns.keys():
        ringan = _SKEMA_TANPA_DTYPE[tabel] = skema.update_columns({n: {"dtype": None} for n in skema.columns})
    ringan.validate(frame, lazy=True)


def _semua_lulus(skema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """True where validating `skema` (its dtypes already checked) would find nothing: every column
    present, without empty cells where it must be filled, and passing each of its checks, judged by
    calling pandera's own `Check` on the column (as pandera's column validation does, empty cells
    ignored alike). False where anything fails, a check raises, or the schema asks for more than
    these (uniqueness, coercion, parsers, frame-level checks): the caller then runs pandera.

    On a small table pandera's bookkeeping around its checks costs several times the checks."""
    if skema.checks or skema.parsers or skema.unique or skema.index is not None or skema.strict or skema.coerce:
        return False
    for nama, kolom in skema.columns.items():
        if kolom.unique or kolom.regex or kolom.coerce or kolom.parsers or nama not in frame.columns:
            return False
        s = frame[nama]
        if not kolom.nullable and s.isna().any():
            return False
        for cek in kolom.checks:
            try:
                lulus = cek(s).check_passed
            except Exception:  # pandera reports it, below
                return False
            if not (lulus if isinstance(lulus, bool) else bool(np.all(lulus))):
                return False
    return True


def _apply_schema(tabel: str, frame: pd.DataFrame, absent: set[str], p: _Problems) -> None:
    try:
        _validate_schema(tabel, frame)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        for row in fc.itertuples(index=False):
            kolom, check, idx = row.column, str(row.check), row.index
            if kolom in absent or idx is None or pd.isna(idx):
                if not (kolom in absent):
                    raise  # a dtype or frame-level failure is a bug here, not the user's data
                continue
            baris = int(idx)
            if (baris, kolom) in p.cells:
                continue  # the reader already said what is wrong with this cell
            isi = p.value(baris, kolom)
            pesan = _pesan_check(tabel, kolom, check, row.check_number)
            if isi and check != "not_nullable":
                pesan = f"{_quote(isi)}: {pesan}"
            p.add(baris, kolom, pesan, isi)


_BARIS_CEK_CEPAT = 10_000  # up to this many rows, `_ada_kunci_ganda` first (see there)


def _ada_kunci_ganda(frame: pd.DataFrame, keys: tuple[str, ...]) -> bool:
    """Whether any two rows of `frame` have the same key, an empty cell counting as the value
    '\\x00' as in `_flag_duplicates`. A set of the rows' keys: on a small table pandas' own
    `duplicated` costs ~1 ms, and most tables have no repeated key."""
    kolom = [frame[k].to_numpy(dtype=object, na_value="\x00") for k in keys]
    return len(set(zip(*kolom))) < len(frame)


def _flag_duplicates(frame: pd.DataFrame, keys: tuple[str, ...], p: _Problems, kolom: str | None = None) -> None:
    """Flag every occurrence of a key after the first (an empty part of the key counts as one value)."""
    if len(frame) < 2:
        return  # nothing to repeat
    if len(frame) <= _BARIS_CEK_CEPAT and not _ada_kunci_ganda(frame, keys):
        return  # no two rows share the key, counting every row (the usable ones are among them)
    sub = frame[list(keys)].astype("string").fillna("\x00")
    usable = frame[keys[0]].notna()
    for k in keys:
        if k not in ("nip_penilai",):
            usable &= frame[k].notna()
    dup = sub[usable].duplicated(keep="first")
    dup = dup.reindex(frame.index, fill_value=False)
    if not dup.any():
        return
    first = sub[usable].drop_duplicates(keep="first")
    first_row = pd.Series(first.index, index=pd.MultiIndex.from_frame(first)) if len(keys) > 1 else pd.Series(first.index, index=first[keys[0]])
    target = kolom or keys[0]
    for baris in frame.index[dup.to_numpy()]:
        key = tuple(sub.loc[baris, list(keys)]) if len(keys) > 1 else sub.at[baris, keys[0]]
        pertama = int(first_row.loc[key])
        if len(keys) == 1:
            pesan = f"{keys[0]} '{key}' sudah dipakai di baris {pertama}; harus unik"
        else:
            desc = ", ".join(f"{k} '{'' if v == chr(0) else v}'" for k, v in zip(keys, key))
            pesan = f"kombinasi {desc} sudah ada di baris {pertama}; harus unik"
        p.add(baris, target, pesan)


# ---------------------------------------------------------------------------------------------
# Rules that span tables


def _isin(values: pd.Series, allowed) -> pd.Series:
    """`values.isin(allowed)` through Arrow's hash set: pandas' own loops in Python over `allowed`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    allowed = pd.Series(allowed).dropna().astype("string")
    if len(allowed) == 0:
        return pd.Series(False, index=values.index)
    hit = pc.is_in(pa.array(values.astype("string").to_numpy(dtype=object), type=pa.string(), from_pandas=True), value_set=pa.array(allowed.to_numpy(dtype=object), type=pa.string()))
    return pd.Series(hit.to_numpy(zero_copy_only=False), index=values.index).fillna(False).astype(bool)


def _flag_missing_ref(frame: pd.DataFrame, kolom: str, valid: pd.Index, p: _Problems, what: str) -> None:
    vals = frame[kolom]
    bad = vals.notna() & ~_isin(vals, valid)
    p.flag(bad, kolom, lambda v: f"{_quote(v)} tidak ada di {what}")


def _cycle_members(nip: pd.Series, atasan: pd.Series) -> np.ndarray:
    """Positions of pegawai on a cycle of the atasan chain (pointer jumping, no loop per row)."""
    n = len(nip)
    pos = pd.Series(np.arange(n), index=pd.Index(nip.to_numpy()))
    pos = pos[~pos.index.duplicated()]
    parent = pos.reindex(atasan.to_numpy()).fillna(-1).to_numpy(dtype=np.int64, copy=True)
    parent[atasan.isna().to_numpy()] = -1
    # After n steps every walk has either ended (-1) or is inside its cycle.
    jump = parent.copy()
    steps = 1
    while steps < n:
        nxt = np.where(jump >= 0, jump[np.clip(jump, 0, None)], -1)
        jump = nxt
        steps *= 2
    on_cycle = np.zeros(n, dtype=bool)
    reached = jump[jump >= 0]
    on_cycle[reached] = True
    return np.flatnonzero(on_cycle)


def _flag_bukan_partisi(frame: pd.DataFrame, rujukan, p: _Problems) -> None:
    """In a partition (docs/skala.md) every row's kode_instansi is the partition's own."""
    beda = frame["kode_instansi"].notna() & (frame["kode_instansi"] != rujukan.kode_baris(frame.index))
    p.flag(beda, "kode_instansi", lambda v: f"{_quote(v)} bukan instansi partisi ini (folder kode_instansi={rujukan.kode}); pindahkan baris ini ke partisi instansinya")


def _rules_pegawai(peg: pd.DataFrame, instansi: pd.DataFrame | None, p: _Problems, rujukan=None) -> None:
    if rujukan is not None:
        _flag_bukan_partisi(peg, rujukan, p)
    elif instansi is not None:
        _flag_missing_ref(peg, "kode_instansi", pd.Index(instansi["kode_instansi"].dropna()), p, "tabel instansi")
    # In a partition an atasan may be in any instansi: the data set's NIPs (capaian.partisi).
    nips = pd.Index(peg["nip"].dropna()) if rujukan is None else rujukan.nip
    _flag_missing_ref(peg, "nip_atasan", nips, p, "tabel pegawai (nip)")
    self_ref = peg["nip_atasan"].notna() & (peg["nip_atasan"] == peg["nip"])
    p.flag(self_ref, "nip_atasan", "nip_atasan tidak boleh NIP pegawai itu sendiri")
    if rujukan is not None:
        return  # cycles run through partitions: checked once on the data set's index (capaian.partisi)
    usable = peg[peg["nip"].notna() & ~peg["nip"].duplicated(keep="first") & ~self_ref.fillna(False)]
    members = _cycle_members(usable["nip"], usable["nip_atasan"])
    if len(members):
        rows = usable.iloc[members]
        chain_of = dict(zip(rows["nip"], rows["nip_atasan"]))
        for baris, nip in zip(rows.index, rows["nip"]):
            chain, cur = [nip], chain_of[nip]
            while cur != nip and len(chain) < 50:
                chain.append(cur)
                cur = chain_of[cur]
            p.add(baris, "nip_atasan", "rantai atasan berputar (siklus): " + " → ".join(chain + [nip]))


def _flag_target_renik(frame: pd.DataFrame, p: _Problems) -> None:
    """A target or target_atas that is not 0 must be ≥ ANGKA_MIN (docs/kontrak-data.md bagian 1,
    "Batas angka"): R × 100 / T with a near-zero T overflows to inf or loses every digit."""
    for kolom in ("target", "target_atas"):
        renik = (frame[kolom] > 0) & (frame[kolom] < ANGKA_MIN)
        p.flag(
            renik,
            kolom,
            lambda v, kolom=kolom: f"{_quote(v)}: {kolom} harus 0 atau paling kecil {TEKS_ANGKA_MIN}; "
            "tulis target dalam satuan yang lebih kecil (mis. gram, bukan ton)",
        )


def _rules_indikator(ind: pd.DataFrame, peg: pd.DataFrame | None, p: _Problems, rujukan=None) -> None:
    if peg is not None:
        _flag_missing_ref(ind, "nip", pd.Index(peg["nip"].dropna()), p, "tabel pegawai")
    _flag_target_renik(ind, p)
    nol = (ind["target"] == 0) & (ind["arah"] != "turun") & ind["arah"].notna()
    p.flag(nol, "target", "target 0 hanya boleh untuk IKI dengan arah 'turun'")
    terbalik = ind["target_atas"].notna() & ind["target"].notna() & (ind["target_atas"] < ind["target"])
    p.flag(terbalik, "target_atas", lambda v: f"{_quote(v)}: target_atas harus ≥ target")
    # bobot: within one pegawai-year, every IKI gives it or none does.
    has = ind["bobot"].notna() | ind.index.isin([b for b, k in p.cells if k == "bobot"])
    # Per (nip, tahun) group: how many rows give a bobot, of how many (a groupby's "any" and
    # "all", counted with NumPy: two groupby transforms cost ~1 ms on a small table).
    kelompok = pd.factorize(ind["nip"].fillna(""))[0] * (len(ind) + 1) + pd.factorize(ind["tahun"].astype("string").fillna(""))[0]
    kelompok = pd.factorize(kelompok)[0]
    ada_bobot = np.bincount(kelompok, weights=has.to_numpy(dtype=bool), minlength=1)[kelompok]
    baris = np.bincount(kelompok, minlength=1)[kelompok]
    campur = pd.Series((ada_bobot > 0) & (ada_bobot < baris), index=ind.index) & ind["nip"].notna() & ind["tahun"].notna()
    p.flag(
        campur,
        "bobot",
        "bobot harus diisi untuk semua IKI pegawai ini pada tahun yang sama, atau dikosongkan semuanya (bobot sama rata)",
    )
    # id_indikator_atasan: exists, belongs to the pegawai's atasan, same tahun.
    ref = ind["id_indikator_atasan"]
    if rujukan is None:
        ids = ind[["id_indikator", "nip", "tahun"]].drop_duplicates("id_indikator").dropna(subset=["id_indikator"]).set_index("id_indikator")
    else:  # the atasan's IKI may be in another partition: the data set's index (capaian.partisi)
        ids = rujukan.iki
    ada = _isin(ref, ids.index)
    p.flag(ref.notna() & ~ada, "id_indikator_atasan", lambda v: f"{_quote(v)} tidak ada di tabel indikator")
    if peg is not None:
        atasan_of = peg[["nip", "nip_atasan"]].dropna(subset=["nip"]).drop_duplicates("nip").set_index("nip")["nip_atasan"]
        pemilik = ref.map(ids["nip"]).where(ada)
        tahun_ref = ref.map(ids["tahun"].astype("float64")).where(ada)
        atasan = ind["nip"].map(atasan_of)
        dikenal = _isin(ind["nip"], atasan_of.index)  # an unknown pegawai is reported once, above
        bukan_atasan = ada & dikenal & pemilik.notna() & (atasan.isna() | (pemilik != atasan).fillna(True))
        p.flag(
            bukan_atasan,
            "id_indikator_atasan",
            lambda v: f"IKI {_quote(v)} bukan milik atasan pegawai ini (nip_atasan di tabel pegawai)",
        )
        beda_tahun = ada & ~bukan_atasan & ind["tahun"].notna() & (tahun_ref != ind["tahun"].astype("float64"))
        p.flag(beda_tahun, "id_indikator_atasan", lambda v: f"IKI atasan {_quote(v)} berasal dari tahun lain; harus tahun yang sama")


def _rules_realisasi(rea: pd.DataFrame, ind: pd.DataFrame | None, p: _Problems) -> None:
    if ind is None:
        return
    ids = ind[["id_indikator", "nip", "tahun"]].dropna(subset=["id_indikator"]).drop_duplicates("id_indikator").set_index("id_indikator")
    pos = pd.Index(ids.index).get_indexer(rea["id_indikator"])
    ada = pd.Series(pos >= 0, index=rea.index)
    p.flag(rea["id_indikator"].notna() & ~ada, "id_indikator", lambda v: f"{_quote(v)} tidak ada di tabel indikator")
    if len(ids) == 0:
        return  # no IKI to compare months and owners with (an empty indikator table is reported there)
    tahun_ok = ids["tahun"].astype("float64").where(ids["tahun"].between(2000, 2100)).to_numpy()
    tahun = pd.Series(np.where(pos >= 0, tahun_ok[np.clip(pos, 0, None)], np.nan), index=rea.index)
    bulan_tahun = per_unique(
        rea["bulan"],
        lambda u: pd.to_numeric(u.str.slice(0, 4).where(pd.Series(cocok_utuh(u, r"\d{4}-(0[1-9]|1[0-2])"), index=u.index)), errors="coerce").astype("float64"),
        fill=np.nan,
    ).astype("float64")
    luar = ada & bulan_tahun.notna() & tahun.notna() & (bulan_tahun != tahun)
    for baris in rea.index[luar.to_numpy()]:
        p.add(baris, "bulan", f"{_quote(p.value(baris, 'bulan'))} di luar tahun IKI ini ({int(tahun[baris])})")
    if rea["nip"].notna().any():
        pemilik_all = ids["nip"].to_numpy(dtype=object)
        pemilik = pd.Series(np.where(pos >= 0, pemilik_all[np.clip(pos, 0, None)], None), index=rea.index, dtype="string")
        beda = ada & rea["nip"].notna() & pemilik.notna() & (rea["nip"] != pemilik)
        for baris in rea.index[beda.fillna(False).to_numpy()]:
            p.add(baris, "nip", f"{_quote(p.value(baris, 'nip'))} bukan pemilik IKI ini (NIP pemilik {pemilik[baris]})")


def _rules_ref_pegawai(frame: pd.DataFrame, peg: pd.DataFrame | None, p: _Problems, kolom=("nip", "nip_penilai"), rujukan=None) -> None:
    if peg is None:
        return
    nips = pd.Index(peg["nip"].dropna())
    for k in kolom:
        if rujukan is not None and k == "nip_penilai":  # a penilai may be in another instansi
            _flag_missing_ref(frame, k, rujukan.nip, p, "tabel pegawai")
        elif rujukan is not None:  # the pegawai's own rows live in the pegawai's partition
            _flag_missing_ref(frame, k, nips, p, f"tabel pegawai partisi kode_instansi={rujukan.kode}")
        else:
            _flag_missing_ref(frame, k, nips, p, "tabel pegawai")


def _rules_target_periodik(tp: pd.DataFrame, ind: pd.DataFrame | None, p: _Problems) -> None:
    _flag_target_renik(tp, p)
    if ind is None:
        return
    ids = ind[["id_indikator", "tahun", "arah"]].dropna(subset=["id_indikator"]).drop_duplicates("id_indikator").set_index("id_indikator")
    ada = _isin(tp["id_indikator"], ids.index)
    p.flag(tp["id_indikator"].notna() & ~ada, "id_indikator", lambda v: f"{_quote(v)} tidak ada di tabel indikator")
    tahun = tp["id_indikator"].map(ids["tahun"].astype("float64"))
    periode_tahun = pd.to_numeric(tp["periode"].str.slice(0, 4), errors="coerce")
    luar = ada & tp["periode"].notna() & tahun.notna() & (periode_tahun != tahun)
    for baris in tp.index[luar.fillna(False).to_numpy()]:
        p.add(baris, "periode", f"{_quote(p.value(baris, 'periode'))} di luar tahun IKI ini ({int(tahun[baris])})")
    arah = tp["id_indikator"].map(ids["arah"])
    nol = ada & (tp["target"] == 0) & (arah != "turun") & arah.notna()
    p.flag(nol, "target", "target 0 hanya boleh untuk IKI dengan arah 'turun'")
    terbalik = tp["target_atas"].notna() & tp["target"].notna() & (tp["target_atas"] < tp["target"])
    p.flag(terbalik, "target_atas", lambda v: f"{_quote(v)}: target_atas harus ≥ target")


def _rules_instansi(ins: pd.DataFrame, p: _Problems) -> None:
    # kode_instansi names a folder in outputs/P/: never one of the names capaian writes there.
    kode = ins["kode_instansi"]
    for baris, k in kode.dropna().items():  # one loop over instansi, a few dozen rows
        alasan = alasan_kode_dicadangkan(k) if (int(baris), "kode_instansi") not in p.cells else None
        if alasan:
            p.add(baris, "kode_instansi", f"{_quote(k)} tidak dapat dipakai sebagai kode instansi: {alasan}; kode ini menjadi nama folder di outputs/P/")
    # It must be unique ignoring case too.
    lower = kode.str.casefold()
    exact_dup = kode.duplicated(keep="first")
    case_dup = lower.notna() & lower.duplicated(keep="first") & ~exact_dup
    if case_dup.any():
        first = ins.loc[lower.notna() & ~lower.duplicated(keep="first")]
        first_of = dict(zip(first["kode_instansi"].str.casefold(), zip(first.index, first["kode_instansi"])))
        for baris in ins.index[case_dup.fillna(False).to_numpy()]:
            b0, k0 = first_of[lower[baris]]
            p.add(baris, "kode_instansi", f"kode_instansi '{kode[baris]}' sama dengan '{k0}' (baris {b0}) bila huruf besar/kecil diabaikan; kode ini menjadi nama folder, jadi harus unik tanpa membedakan huruf besar/kecil")


# ---------------------------------------------------------------------------------------------


def validate_folder(folder: str | Path) -> tuple[Dataset | None, list[Masalah]]:
    """Read and validate a data folder; the data set is None when any problem was found.

    A partitioned folder (`kode_instansi=KODE/` subfolders, docs/skala.md) is validated partition
    by partition against the data set's index (`capaian.partisi`)."""
    folder = Path(folder)
    from capaian.partisi import adalah_partisi

    if adalah_partisi(folder):
        from capaian.partisi import validasi_partisi

        return validasi_partisi(folder)
    raws, masalah = read_folder(folder)
    return validate_raws(raws, masalah)


def validate_raws(raws: dict[str, RawTable], masalah: list[Masalah], rujukan=None, instansi: pd.DataFrame | None = None) -> tuple[Dataset | None, list[Masalah]]:
    """Validate tables already read (`read_folder`), after the file problems `masalah`.

    `rujukan` (None for a flat folder) is one partition's view of the whole data set
    (`capaian.partisi.Rujukan`: `kode`, `nip`, `iki`); `instansi` is then the validated instansi
    table (the partition holds none)."""
    masalah = list(masalah)
    typed: dict[str, pd.DataFrame] = {}
    absent_of: dict[str, set[str]] = {}
    collectors: dict[str, _Problems] = {}
    nip_tertunda: list = []
    for tabel in TABLES:
        if tabel not in raws:
            continue
        raw = raws[tabel]
        p = _Problems(raw)
        collectors[tabel] = p
        typed[tabel], absent_of[tabel] = _typed_table(raw, p, nip_tertunda)
    # Before the schemas: a cell already reported as an invalid NIP gets no second message there.
    _flag_nip_tak_sah(nip_tertunda)
    for tabel, frame in typed.items():
        p, absent = collectors[tabel], absent_of[tabel]
        _apply_schema(tabel, frame, absent, p)
        if not (set(KUNCI[tabel]) & absent):
            _flag_duplicates(frame, KUNCI[tabel], p)
        if tabel in ("instansi", "pegawai", "indikator") and len(frame) == 0:
            p.add(1, "", "tabel ini tidak berisi satu baris data pun", "")

    if instansi is not None:
        typed["instansi"] = instansi
    g = typed.get
    if "instansi" in typed and instansi is None:
        _rules_instansi(typed["instansi"], collectors["instansi"])
    if "pegawai" in typed:
        _rules_pegawai(typed["pegawai"], g("instansi"), collectors["pegawai"], rujukan)
    if "indikator" in typed:
        _rules_indikator(typed["indikator"], g("pegawai"), collectors["indikator"], rujukan)
    if "realisasi" in typed:
        _rules_realisasi(typed["realisasi"], g("indikator"), collectors["realisasi"])
    for tabel in ("perilaku", "umpan_balik", "rating_putusan"):
        if tabel in typed:
            _rules_ref_pegawai(typed[tabel], g("pegawai"), collectors[tabel], rujukan=rujukan)
    if "status_skp" in typed:
        _rules_ref_pegawai(typed["status_skp"], g("pegawai"), collectors["status_skp"], kolom=("nip",), rujukan=rujukan)
    if "rating_putusan" in typed and "indikator" not in typed and len(typed["rating_putusan"]) == 0:
        # A "data putusan" folder holds nothing else to look at.
        collectors["rating_putusan"].add(
            1, "", "tabel ini tidak berisi satu baris data pun; folder tanpa indikator dan realisasi harus memuat rating putusan", ""
        )
    if "target_periodik" in typed:
        _rules_target_periodik(typed["target_periodik"], g("indikator"), collectors["target_periodik"])
    if "kinerja_organisasi" in typed and rujukan is not None:
        _flag_bukan_partisi(typed["kinerja_organisasi"], rujukan, collectors["kinerja_organisasi"])
    elif "kinerja_organisasi" in typed and "instansi" in typed:
        _flag_missing_ref(
            typed["kinerja_organisasi"], "kode_instansi", pd.Index(typed["instansi"]["kode_instansi"].dropna()),
            collectors["kinerja_organisasi"], "tabel instansi",
        )

    for p in collectors.values():
        masalah += p.final()
    if masalah:
        return None, tandai_akibat(sort_masalah(masalah))
    return _dataset(typed, raws), []


def _empty_table(tabel: str) -> pd.DataFrame:
    cols = {}
    for k in KOLOM[tabel]:
        dtype = {"angka": "float64", "bulat": "int64", "tanggal": "datetime64[us]"}.get(k.jenis, "string")
        cols[k.nama] = pd.Series([], dtype=dtype)
    return pd.DataFrame(cols, index=pd.Index([], dtype="int64", name="baris"))


def _dataset(typed: dict[str, pd.DataFrame], raws: dict[str, RawTable]) -> Dataset:
    frames = {}
    for tabel in TABLES:
        frame = typed.get(tabel)
        if frame is None:
            frame = _empty_table(tabel)
        elif "tahun" in frame.columns:
            frame = frame.assign(tahun=frame["tahun"].astype("int64"))
        frame.index.name = "baris"
        frames[tabel] = frame
    sumber = {t: Sumber(r.file, str(r.path), r.sha256) for t, r in raws.items()}
    return Dataset(**frames, sumber=sumber)


def load_dataset(folder: str | Path) -> Dataset:
    """Load and validate a data folder.

    Raises `FolderDataTidakAda` (exit 2) where `folder` does not exist or is not a folder, and
    `DataError` (exit 1) listing every problem when the data has any. A snapshot folder of an
    issued period (`DIR/P/terbit/`, `capaian.terbitan`) is read from its Parquet files after its
    hashes are checked (`SnapshotRusak`, exit 1, where they differ).
    """
    if not Path(folder).is_dir():
        raise FolderDataTidakAda(folder)
    from capaian.terbitan import adalah_snapshot, muat_snapshot

    if adalah_snapshot(folder):  # an issued period's snapshot (`DIR/P/terbit/`): validated when issued
        return muat_snapshot(folder)
    dataset, masalah = validate_folder(folder)
    if masalah:
        raise DataError(masalah)
    assert dataset is not None
    return dataset

