"""Showing numbers, dates, periods and text the Indonesian way, safely (HTML tables and cards:
`capaian.tampilan`).

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
import os
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

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


def kosong(isi: Any) -> bool:
    """True for None, NaN, NaT and pandas NA (the values shown as `–`)."""
    if isi is None:
        return True
    try:
        return bool(pd.isna(isi))
    except (TypeError, ValueError):  # lists and other containers are not "missing"
        return False


_KONTEKS = Context(prec=400)


def _desimal(isi: float, desimal: int) -> Decimal:
    """Round half up on the decimal value as printed (`repr`), as the methodology rounds."""
    kuantum = Decimal(1).scaleb(-desimal)
    # Enough digits for any finite double (up to 309 before the point), not the default 28.
    return Decimal(repr(float(isi))).quantize(kuantum, rounding=ROUND_HALF_UP, context=_KONTEKS)


def angka(isi: Any, desimal: int = 1) -> str:
    """A number the Indonesian way: `1234.56` → `1.234,6` (desimal=1), `85` → `85,0`.

    `desimal=0` gives whole numbers (`1.235`). Missing values give `–`; infinities `∞`/`-∞`.
    """
    if kosong(isi):
        return KOSONG
    x = float(isi)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    d = _desimal(x, desimal)
    if d == 0:
        d = abs(d)  # never show "-0,0"
    teks = f"{d:,.{desimal}f}"  # 1,234.5 in Python's notation
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def bulat(isi: Any) -> str:
    """A count with thousands grouped: `1234` → `1.234`; missing → `–`."""
    return angka(isi, 0)


def persen(isi: Any, desimal: int = 1) -> str:
    """A value already in percent: `85.5` → `85,5%`; missing → `–`."""
    if kosong(isi):
        return KOSONG
    return angka(isi, desimal) + "%"


def porsi(isi: Any, desimal: int = 1) -> str:
    """A fraction shown as percent: `0.855` → `85,5%`; missing → `–`."""
    if kosong(isi):
        return KOSONG
    return persen(float(isi) * 100, desimal)


# Where "now" is told: the data owner's zone, WITA for Kabupaten Mamuju unless
# CAPAIAN_ZONA_WAKTU names another IANA zone (docs/kontrak-data.md bagian 5, "Zona waktu").
ZONA_BAWAAN = "Asia/Makassar"
_NAMA_ZONA = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT", 0: "UTC"}


def zona_waktu():
    """The zone report times are given in (`CAPAIAN_ZONA_WAKTU`, default Asia/Makassar);
    `capaian.galat.ZonaWaktuTidakSah` where the name is not a known zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    nama = os.environ.get("CAPAIAN_ZONA_WAKTU", "").strip() or ZONA_BAWAAN
    try:
        return ZoneInfo(nama)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        from capaian.galat import ZonaWaktuTidakSah

        raise ZonaWaktuTidakSah(nama) from None


def tanggal(waktu: _dt.date | _dt.datetime | None, jam: bool = False) -> str:
    """`2025-03-07` → `7 Maret 2025`; with `jam=True` a datetime adds its time, `pukul 14.05 WITA`.

    An aware time is named by its zone as Indonesians do (WIB +07:00, WITA +08:00, WIT +09:00,
    UTC), any other offset as `UTC+05:30`; a naive time has no zone; missing → `–`.
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
            teks += " " + _NAMA_ZONA.get(menit, f"UTC{tanda}{abs(menit) // 60:02d}:{abs(menit) % 60:02d}")
    return teks


def angka_pas(isi: Any, desimal: int = 2) -> str:
    """A measured value: a whole number without decimals (`11`), else `desimal` decimals
    (`66,75`); missing → `–`."""
    if kosong(isi):
        return KOSONG
    x = float(isi)
    return angka(x, 0) if math.isfinite(x) and x == int(x) else angka(x, desimal)


def target_tampak(target: Any, target_atas: Any = None, pro_rata: bool = False) -> str:
    """A period target as a reader should read it: a range as a range (`76,61–88,30`), a whole
    value without decimals (`11`), a pro-rata target (an annual count target spread over the
    period's months) with two decimals and saying so (`66,75 (pro-rata)`); missing → `–`."""
    if kosong(target):
        return KOSONG
    f = (lambda v: angka(v, 2)) if pro_rata else angka_pas
    isi = f(target) if kosong(target_atas) else f"{f(target)}–{f(target_atas)}"
    return isi + " (pro-rata)" if pro_rata else isi


TANPA_REALISASI = f"{KOSONG} (tanpa realisasi)"


def capaian_pegawai(capaian: Any, jumlah_indikator: Any, indikator_tanpa_realisasi: Any, desimal: int = 1) -> str:
    """A pegawai's capaian hasil kerja as every table shows it: `– (tanpa realisasi)` where none of
    their IKI has a realisasi in the period (the methodology may count it as 0%, but there is no
    work to show), else the percent; missing → `–`."""
    if not kosong(jumlah_indikator) and jumlah_indikator and not kosong(indikator_tanpa_realisasi) \
            and indikator_tanpa_realisasi >= jumlah_indikator:
        return TANPA_REALISASI
    return persen(capaian, desimal)


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


# A spreadsheet reads a cell starting with one of these as a formula (tab and carriage return too:
# some programs strip them and read what follows). docs/kontrak-data.md bagian 5.
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def aman_rumus(isi: Any) -> Any:
    """Text that a spreadsheet cannot run as a formula: a text starting with `=`, `+`, `-`, `@`,
    tab or carriage return gets a leading apostrophe (`=1+1` → `'=1+1`). Anything else, numbers
    included, is returned unchanged. The one neutraliser of every CSV the program writes."""
    if isinstance(isi, str) and isi.startswith(AWAL_RUMUS):
        return "'" + isi
    return isi


def teks(isi: Any) -> str:
    """Any value from the data, HTML-escaped; missing → `–`."""
    if kosong(isi):
        return KOSONG
    return html.escape(tampak_kendali(str(isi)), quote=True)
