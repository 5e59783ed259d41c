"""Showing numbers, dates, periods and tables the Indonesian way, safely.

Reports are read by people, so numbers use `.` for thousands and `,` for decimals (`1.234,5`,
`85,5%`), rounded half up on the decimal value as printed (the methodology's rounding rule), and
every piece of text that comes from the data is HTML-escaped before it reaches a report.
A missing value (None, NaN, NA) is shown as `–` everywhere.

Only the standard library and pandas are imported here: this module runs inside every report
kernel, where start-up time is paid once per report.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

KOSONG = "–"  # how a missing value is shown

# Control characters a reader cannot see and XLSX cannot store: C0 except tab, line feed and
# carriage return; DEL; C1. Data holding one is refused (docs/kontrak-data.md bagian 1); the
# pattern is written so that Python's `re` and Arrow's RE2 read it alike.
POLA_KENDALI = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
RE_KENDALI = re.compile(POLA_KENDALI)
# What no writer can store, shown escaped wherever text of any origin is written: the control
# characters above, lone surrogates and the non-characters U+FFFE, U+FFFF.
_RE_TAK_TERTULIS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(m: re.Match) -> str:
    kode = ord(m.group())
    return f"\\x{kode:02x}" if kode < 0x100 else f"\\u{kode:04x}"


def tampak_kendali(teks: str) -> str:
    r"""`teks` with every character no writer can store shown as a visible escape: the text
    `Sekretariat` + U+000B + `Daerah` becomes `Sekretariat\x0bDaerah` (the four characters
    `\x0b` in the middle). Tab, line feed and carriage return are kept."""
    return _RE_TAK_TERTULIS.sub(_escape, teks)

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def kosong(nilai: Any) -> bool:
    """True for None, NaN, NaT and pandas NA (the values shown as `–`)."""
    if nilai is None:
        return True
    try:
        return bool(pd.isna(nilai))
    except (TypeError, ValueError):  # lists and other containers are not "missing"
        return False


def _desimal(nilai: float, desimal: int) -> Decimal:
    """Round half up on the decimal value as printed (`repr`), as the methodology rounds."""
    kuantum = Decimal(1).scaleb(-desimal)
    return Decimal(repr(float(nilai))).quantize(kuantum, rounding=ROUND_HALF_UP)


def angka(nilai: Any, desimal: int = 1) -> str:
    """A number the Indonesian way: `1234.56` → `1.234,6` (desimal=1), `85` → `85,0`.

    `desimal=0` gives whole numbers (`1.235`). Missing values give `–`; infinities `∞`/`-∞`.
    """
    if kosong(nilai):
        return KOSONG
    x = float(nilai)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    d = _desimal(x, desimal)
    if d == 0:
        d = abs(d)  # never show "-0,0"
    teks = f"{d:,.{desimal}f}"  # 1,234.5 in Python's notation
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def bulat(nilai: Any) -> str:
    """A count with thousands grouped: `1234` → `1.234`; missing → `–`."""
    return angka(nilai, 0)


def persen(nilai: Any, desimal: int = 1) -> str:
    """A value already in percent: `85.5` → `85,5%`; missing → `–`."""
    if kosong(nilai):
        return KOSONG
    return angka(nilai, desimal) + "%"


def porsi(nilai: Any, desimal: int = 1) -> str:
    """A fraction shown as percent: `0.855` → `85,5%`; missing → `–`."""
    if kosong(nilai):
        return KOSONG
    return persen(float(nilai) * 100, desimal)


def tanggal(waktu: _dt.date | _dt.datetime | None, jam: bool = False) -> str:
    """`2025-03-07` → `7 Maret 2025`; with `jam=True` a datetime adds `pukul 14.05 WIB`-style time.

    The time is shown with its UTC offset as `UTC+07:00` unless it is naive; missing → `–`.
    """
    if kosong(waktu):
        return KOSONG
    teks = f"{waktu.day} {NAMA_BULAN[waktu.month - 1]} {waktu.year}"
    if jam and isinstance(waktu, _dt.datetime):
        teks += f" pukul {waktu.hour:02d}.{waktu.minute:02d}"
        offset = waktu.utcoffset()
        if offset is not None:
            menit = int(offset.total_seconds() // 60)
            tanda = "+" if menit >= 0 else "-"
            teks += f" UTC{tanda}{abs(menit) // 60:02d}:{abs(menit) % 60:02d}"
    return teks


def nama_bulan(kode_bulan: str, singkat: bool = False) -> str:
    """`2025-03` → `Maret 2025` (or `Mar` with `singkat=True`)."""
    tahun, bulan = str(kode_bulan).split("-")
    nama = NAMA_BULAN[int(bulan) - 1]
    return nama[:3] if singkat else f"{nama} {int(tahun)}"


def nama_periode(kode: str) -> str:
    """A period code in words: `2025-TW1` → `Triwulan I 2025`, `2025-S2` → `Semester II 2025`,
    `2025-03` → `Maret 2025`, `2025` → `Tahun 2025`. Unknown forms are returned unchanged."""
    kode = str(kode)
    tahun, _, sisa = kode.partition("-")
    if not sisa:
        return f"Tahun {tahun}"
    if sisa.startswith("TW"):
        return f"Triwulan {_ROMAWI.get(int(sisa[2:]), sisa[2:])} {tahun}"
    if sisa.startswith("S"):
        return f"Semester {_ROMAWI.get(int(sisa[1:]), sisa[1:])} {tahun}"
    if sisa.isdigit():
        return nama_bulan(kode)
    return kode


def teks(nilai: Any) -> str:
    """Any value from the data, HTML-escaped; missing → `–`."""
    if kosong(nilai):
        return KOSONG
    return html.escape(tampak_kendali(str(nilai)), quote=True)


# ---------------------------------------------------------------------------------------------
# Tables

Pemformat = Callable[[Any], str]


def tabel_html(
    data: pd.DataFrame,
    kolom: Mapping[str, str] | Sequence[str] | None = None,
    format: Mapping[str, Pemformat] | None = None,
    sorot: Sequence[bool] | pd.Series | None = None,
    kelas_sel: Mapping[str, Sequence[str | None]] | None = None,
    kanan: Sequence[str] = (),
    kelompok: Sequence[str] | pd.Series | None = None,
    keterangan: str | None = None,
    kelas: str = "tabel",
    kosong_teks: str = "Tidak ada data.",
) -> str:
    """An HTML table of `data` in which every cell is escaped text.

    - `kolom`: which columns to show, as a list or as {column: heading}; default all, headed by
      their names. Headings are escaped too.
    - `format`: {column: function} turning a value into display text (e.g. `persen`); the text
      it returns is escaped like any other. Columns without one go through `teks`.
    - `sorot`: one flag per row; flagged rows get the CSS class `sorot` (highlighted).
    - `kelas_sel`: {column: one CSS class (or None) per row} for single cells, e.g. `sorot` or a
      status colour.
    - `kanan`: columns aligned right (numbers).
    - `kelompok`: one group label per row (rows already sorted by it); a heading row is inserted
      wherever the label changes.
    - `keterangan`: a caption above the table (escaped).
    An empty frame gives a short paragraph saying so (`kosong_teks`) instead of an empty table.
    """
    if kolom is None:
        kolom = {c: str(c) for c in data.columns}
    elif not isinstance(kolom, Mapping):
        kolom = {c: str(c) for c in kolom}
    format = dict(format or {})
    if data.empty:
        return f'<p class="catatan">{html.escape(kosong_teks)}</p>'
    n = len(data)

    def per_baris(nilai, nama):
        if nilai is None:
            return None
        daftar = list(nilai)
        if len(daftar) != n:
            raise ValueError(f"panjang `{nama}` harus sama dengan jumlah baris")
        return daftar

    flags = per_baris(sorot, "sorot") or [False] * n
    grup = per_baris(kelompok, "kelompok")
    sel_kelas = {c: per_baris(v, "kelas_sel") for c, v in (kelas_sel or {}).items()}
    kanan = set(kanan)
    rata = {c: "angka" if c in kanan else "" for c in kolom}

    def atribut(*kelas_kelas) -> str:
        nama = " ".join(k for k in kelas_kelas if k)
        return f' class="{html.escape(nama)}"' if nama else ""

    baris = [f"<table{atribut(kelas)}>"]
    if keterangan:
        baris.append(f"<caption>{html.escape(keterangan)}</caption>")
    kepala = "".join(f"<th{atribut(rata[c])}>{html.escape(judul)}</th>" for c, judul in kolom.items())
    baris.append(f"<thead><tr>{kepala}</tr></thead><tbody>")
    nilai_kolom = {c: data[c].tolist() for c in kolom}
    grup_sebelumnya = object()
    for i in range(n):
        if grup is not None and grup[i] != grup_sebelumnya:
            grup_sebelumnya = grup[i]
            baris.append(f'<tr class="kelompok"><th colspan="{len(kolom)}">{teks(grup[i])}</th></tr>')
        sel = []
        for c in kolom:
            v = nilai_kolom[c][i]
            f = format.get(c)
            isi = teks(v) if f is None else html.escape(f(v), quote=True)
            tambahan = sel_kelas[c][i] if c in sel_kelas else None
            sel.append(f"<td{atribut(rata[c], tambahan)}>{isi}</td>")
        baris.append(f"<tr{atribut('sorot' if flags[i] else '')}>{''.join(sel)}</tr>")
    baris.append("</tbody></table>")
    return "\n".join(baris)


def kartu_html(kartu) -> str:
    """Headline cards: (value, label, explanation) triples as one escaped HTML block."""
    isi = ['<div class="kartu-kartu">']
    for nilai, label, ket in kartu:
        isi.append(
            f'<div class="kartu"><div class="nilai">{teks(nilai)}</div><div class="label">{teks(label)}</div>'
            f'<div class="keterangan">{teks(ket)}</div></div>'
        )
    isi.append("</div>")
    return "".join(isi)
