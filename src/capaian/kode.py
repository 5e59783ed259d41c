"""Codes, labels, period codes and NIP rules of the data contract (docs/kontrak-data.md bagian 2, 3 and 4).

Everything here is vectorised over pandas Series where it runs per row; the scalar helpers exist
for the command line and for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from capaian.galat import PeriodeError

# docs/kontrak-data.md bagian 4: codes with a label. Ratings and predikat are written as these labels in outputs.
LABEL = {
    "di_atas": "Di Atas Ekspektasi",
    "sesuai": "Sesuai Ekspektasi",
    "di_bawah": "Di Bawah Ekspektasi",
    "sangat_baik": "Sangat Baik",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang/Misconduct",
    "sangat_kurang": "Sangat Kurang",
    "istimewa": "Istimewa",
    "pemula": "Pemula",
    "terampil": "Terampil",
    "mahir": "Mahir",
    "penyelia": "Penyelia",
    "ahli_pertama": "Ahli Pertama",
    "ahli_muda": "Ahli Muda",
    "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
}

RATING = ("di_atas", "sesuai", "di_bawah")
# Jenjang jabatan fungsional (pegawai.jenjang), keterampilan then keahlian, lowest first.
JENJANG = ("pemula", "terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama")
PREDIKAT = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
PREDIKAT_ORGANISASI = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
# Status SKP satu tahun (status_skp.status, dari e-Kinerja "Laporan SKP"); hanya `persetujuan` berarti SKP disetujui.
STATUS_SKP = ("persetujuan", "pengajuan", "draft")

# Each code column accepts only its own codes (docs/kontrak-data.md bagian 4).
KODE_KOLOM = {
    "jenis_rhk": ("utama", "tambahan"),
    "aspek": ("kuantitas", "kualitas", "waktu", "biaya"),
    "arah": ("naik", "turun"),
    "agregasi": ("jumlah", "rata_rata", "terakhir"),
    "metode": ("data", "survei", "evaluasi"),
    "rating_hasil_kerja": RATING,
    "rating_perilaku": RATING,
    "predikat_organisasi": PREDIKAT_ORGANISASI,
    "jenjang": JENJANG,
    "predikat": PREDIKAT,
    "status": STATUS_SKP,
}

_SPASI = re.compile(r"\s+")


def normalise_code(text: str) -> str:
    """Normalise one code or header as docs/kontrak-data.md bagian 4 says.

    Trim, case-fold, collapse white space, read spaces and `-` as `_`, drop spaces around `/`.
    """
    t = _SPASI.sub(" ", str(text).replace("\u00a0", " ")).strip().casefold()
    t = re.sub(r" ?/ ?", "/", t)
    # A run of separators is one separator: "Rata - Rata" is rata_rata.
    return re.sub(r"[ _-]+", "_", t)


def _label_lookup(codes: tuple[str, ...]) -> dict[str, str]:
    lookup = {c: c for c in codes}
    for c in codes:
        if c in LABEL:
            lookup[normalise_code(LABEL[c])] = c
    return lookup


def normalise_codes(values: pd.Series, column: str) -> pd.Series:
    """Map a Series of raw code text to the column's codes; unknown values become NA.

    Empty cells stay NA too; callers tell the two apart by the raw value.
    """
    lookup = _label_lookup(KODE_KOLOM[column])
    return _teks_per_unik(values, lambda v: lookup.get(normalise_code(v)))


def _teks_per_unik(values: pd.Series, fn) -> pd.Series:
    """`fn` (text -> text or None) of each distinct non-empty value, spread back over `values` as a
    `string` Series (NA where empty or where `fn` gave None). The loop runs over distinct values,
    the spreading is one array take."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    hasil = np.array([fn(v) for v in uniques] + [None], dtype=object)  # code -1 (empty) takes the last
    return pd.Series(pd.array(hasil[codes], dtype="string"), index=values.index, name=values.name)


def label(code):
    """The output form of a code: its label where it has one, else the code; NA stays NA."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return pd.NA
    return LABEL.get(code, code)


def labels(values: pd.Series) -> pd.Series:
    return values.map(lambda c: LABEL.get(c, c) if isinstance(c, str) else pd.NA).astype("string")


# ---------------------------------------------------------------------------------------------
# docs/kontrak-data.md bagian 2: periods

def sebagai_kode(nilai: pd.Series, kode: Iterable[str]) -> pd.Series:
    """Ratings and predikat as codes, whether the scores gave codes or labels (the inverse of `labels`)."""
    balik = {LABEL[k]: k for k in kode if k in LABEL}
    return nilai.map(lambda v: balik.get(v, v) if isinstance(v, str) else pd.NA).astype("object")


_BENTUK_PERIODE = "YYYY-MM (bulan), YYYY-TW1 … YYYY-TW4 (triwulan), YYYY-S1/YYYY-S2 (semester), YYYY (tahunan)"
_RE_PERIODE = re.compile(r"^(\d{4})(?:-(?:(\d{2})|TW([1-4])|S([12])))?$")


@dataclass(frozen=True)
class Periode:
    """One period: its canonical code, its year and its months (1-12)."""

    kode: str
    tahun: int
    bulan: tuple[int, ...]

    @property
    def jumlah_bulan(self) -> int:
        return len(self.bulan)

    @property
    def kode_bulan(self) -> tuple[str, ...]:
        """The months as `YYYY-MM` codes."""
        return tuple(f"{self.tahun:04d}-{b:02d}" for b in self.bulan)

    @property
    def jenis(self) -> str:
        return {1: "bulan", 3: "triwulan", 6: "semester", 12: "tahunan"}[len(self.bulan)]

    def __str__(self) -> str:
        return self.kode


def parse_periode(text: str) -> Periode:
    """Parse a period code (case-insensitive) into its canonical form; PeriodeError if invalid."""
    raw = str(text).strip().upper()
    m = _RE_PERIODE.match(raw)
    if m:
        tahun = int(m.group(1))
        if m.group(2):
            b = int(m.group(2))
            if 1 <= b <= 12:
                return Periode(f"{tahun:04d}-{b:02d}", tahun, (b,))
        elif m.group(3):
            q = int(m.group(3))
            return Periode(f"{tahun:04d}-TW{q}", tahun, tuple(range(3 * q - 2, 3 * q + 1)))
        elif m.group(4):
            s = int(m.group(4))
            return Periode(f"{tahun:04d}-S{s}", tahun, tuple(range(6 * s - 5, 6 * s + 1)))
        else:
            return Periode(f"{tahun:04d}", tahun, tuple(range(1, 13)))
    raise PeriodeError(f"kode periode '{text}' tidak dikenal; bentuk yang sah: {_BENTUK_PERIODE}")


def periode_sebelumnya(p: Periode) -> Periode:
    """The previous period of the same kind: 2025-02 before 2025-03, 2024-12 before 2025-01,
    2025-TW3 before 2025-TW4, 2024-TW4 before 2025-TW1, 2025-S1 before 2025-S2, 2024 before 2025."""
    if p.jenis == "bulan":
        b = p.bulan[0]
        return parse_periode(f"{p.tahun:04d}-{b - 1:02d}" if b > 1 else f"{p.tahun - 1:04d}-12")
    if p.jenis == "triwulan":
        q = p.bulan[-1] // 3
        return parse_periode(f"{p.tahun:04d}-TW{q - 1}" if q > 1 else f"{p.tahun - 1:04d}-TW4")
    if p.jenis == "semester":
        return parse_periode(f"{p.tahun:04d}-S1" if p.bulan[-1] == 12 else f"{p.tahun - 1:04d}-S2")
    return parse_periode(f"{p.tahun - 1:04d}")


# `--periode terakhir...`: the last complete period of each kind (months per period).
PERIODE_TERAKHIR = {"terakhir": 1, "terakhir-bulan": 1, "terakhir-tw": 3, "terakhir-semester": 6, "terakhir-tahun": 12}
TENGGAT_LAPOR = 10  # default reporting deadline: day of the month after the period


def periode_terakhir(jenis: str, tanggal, tenggat: int = TENGGAT_LAPOR) -> Periode:
    """The last complete period of kind `jenis` (a key of PERIODE_TERAKHIR) on `tanggal` (a date).

    A month is complete once its reporting deadline has come: day `tenggat` of the following
    month. A triwulan, semester or year is complete once its last month is. E.g. with the default
    deadline 10, on 2026-01-12 `terakhir-tw` is 2025-TW4, on 2026-01-05 it is 2025-TW3."""
    kunci = str(jenis).strip().lower()
    if kunci not in PERIODE_TERAKHIR:
        raise PeriodeError(f"'{jenis}' tidak dikenal; bentuk yang sah: {', '.join(PERIODE_TERAKHIR)}")
    if not 1 <= int(tenggat) <= 28:
        raise PeriodeError(f"tenggat lapor harus tanggal 1 sampai 28, bukan {tenggat}")
    panjang = PERIODE_TERAKHIR[kunci]
    # months counted from year 0: index of the last month whose deadline has passed
    terakhir = tanggal.year * 12 + (tanggal.month - 1) - (1 if tanggal.day >= int(tenggat) else 2)
    terakhir -= (terakhir % 12 + 1) % panjang  # back to the last month that ends a period
    tahun, bulan = divmod(terakhir, 12)
    bulan += 1
    if panjang == 1:
        return parse_periode(f"{tahun:04d}-{bulan:02d}")
    if panjang == 3:
        return parse_periode(f"{tahun:04d}-TW{bulan // 3}")
    if panjang == 6:
        return parse_periode(f"{tahun:04d}-S{bulan // 6}")
    return parse_periode(f"{tahun:04d}")


def canonical_periode(values: pd.Series) -> pd.Series:
    """Canonical period codes for a Series of raw codes; NA where a code is not valid."""
    def kode(v: str) -> str | None:
        try:
            return parse_periode(v).kode
        except PeriodeError:
            return None

    return _teks_per_unik(values, kode)


_RE_BULAN = re.compile(r"^(\d{4})-(\d{2})$")


def valid_bulan(values: pd.Series) -> pd.Series:
    """True where a value is a `YYYY-MM` month code with month 01-12."""
    s = values.astype("string").str.strip()
    parts = s.str.extract(_RE_BULAN)
    month = pd.to_numeric(parts[1], errors="coerce")
    return (month >= 1) & (month <= 12)


# ---------------------------------------------------------------------------------------------
# docs/kontrak-data.md bagian 3: NIP

_RE_WHITE = re.compile(r"[\s\u00a0\u2007\u202f]+")


def clean_nip(values: pd.Series) -> pd.Series:
    """Remove every kind of white space inside NIPs (spaces, non-breaking spaces, tabs)."""
    return values.astype("string").str.replace(_RE_WHITE, "", regex=True)


def cocok_utuh(nilai: pd.Series, pola: str) -> np.ndarray:
    """`nilai.str.fullmatch(pola)` as a NumPy bool array, empty cells False.

    Where pandas itself would hand the match to Arrow (Arrow text, and `pola` means the same to
    RE2 as to Python's `re`: here only `\\d` and `\\.` as escapes, `(?:`, no anchors, and every value
    ASCII, since RE2's `\\d` is ASCII only), it is that one Arrow call (`^(pola)$`): pandas parses
    the pattern again on every call, ~10x the match itself on a column of a few values, and
    validation matches every number, date and NIP column. Anything else goes through pandas."""
    if len(nilai) == 0:
        return np.zeros(0, dtype=bool)
    if isinstance(nilai.dtype, pd.StringDtype) and nilai.dtype.storage == "pyarrow" and _POLA_RE2_SAMA.fullmatch(pola):
        import pyarrow as pa
        import pyarrow.compute as pc

        teks = pa.array(nilai.array)
        if pc.all(pc.string_is_ascii(teks)).as_py() is True:
            hasil = pc.match_substring_regex(teks, f"^({pola})$").fill_null(False)
            return np.asarray(hasil.to_numpy(zero_copy_only=False), dtype=bool)
    return nilai.str.fullmatch(pola).to_numpy(dtype=bool, na_value=False)


_POLA_RE2_SAMA = re.compile(r"(?:[^\\()$^]|\\[d.]|\((?!\?)|\(\?:|\))*")


_HARI_BULAN = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def nip_problem(nips: pd.Series) -> pd.Series:
    """For cleaned NIPs, the reason each one is invalid (Bahasa Indonesia), or NA where valid.

    PNS: birth date YYYYMMDD, TMT CPNS YYYYMM (month 01-12, not before the birth month), gender
    1/2, sequence 001-999. PPPK: birth date, appointment year YYYY, digit 13 is `2`, digit 14 any,
    gender 1/2, sequence 001-999.

    The 18 digits of every NIP are one NumPy matrix and each part a product of a slice of it: a
    few dozen array operations whatever the number of NIPs (a validation of small data calls this
    once and its fixed cost used to be most of the time).
    """
    s = nips.astype("string")
    is18 = cocok_utuh(s, r"\d{18}")
    alasan = np.full(len(s), None, dtype=object)
    alasan[~is18] = "NIP harus 18 digit angka"
    if is18.any():
        alasan[is18] = _alasan_nip_18(s.to_numpy(dtype=object, na_value=None)[is18])
    return pd.Series(pd.array(alasan, dtype="string"), index=s.index)


def _alasan_nip_18(nips: np.ndarray) -> np.ndarray:
    """`nip_problem` of NIPs that are 18 digits each: the reason, or None where valid."""
    ascii_ = np.fromiter((n.isascii() for n in nips), dtype=bool, count=len(nips))
    digit = np.empty((len(nips), 18), dtype=np.int64)
    # ASCII digits (the usual case): one byte each, read together.
    digit[ascii_] = np.frombuffer("".join(nips[ascii_]).encode("ascii"), dtype=np.uint8).reshape(-1, 18) - ord("0")
    kode_teks = digit.copy()  # digits 13 and 15 are codes ('2'; '1' or '2'): only ASCII ones count
    if not ascii_.all():  # other Unicode decimal digits: numbers as int() reads them
        lain = nips[~ascii_]
        digit[~ascii_] = np.array([[int(c) for c in n] for n in lain], dtype=np.int64).reshape(-1, 18)
        kode_teks[~ascii_] = np.where(np.array([[c.isascii() for c in n] for n in lain]).reshape(-1, 18), digit[~ascii_], -1)

    def num(a: int, b: int) -> np.ndarray:
        return digit[:, a:b] @ (10 ** np.arange(b - a - 1, -1, -1, dtype=np.int64))

    lahir_y, lahir_m, lahir_d = num(0, 4), num(4, 6), num(6, 8)
    tmt_y, tmt_m = num(8, 12), num(12, 14)
    digit13, gender, seq = kode_teks[:, 12], kode_teks[:, 14], num(15, 18)  # digit 13 and 15 are codes: '2', '1' or '2'
    kabisat = (lahir_y % 4 == 0) & ((lahir_y % 100 != 0) | (lahir_y % 400 == 0))
    hari = _HARI_BULAN[np.clip(lahir_m, 0, 12)] + ((lahir_m == 2) & kabisat)
    lahir_ok = (lahir_m >= 1) & (lahir_m <= 12) & (lahir_d >= 1) & (lahir_y >= 1900) & (lahir_y <= 2100) & (lahir_d <= hari)
    gender_ok = (gender == 1) | (gender == 2)
    tmt_y_ok = (tmt_y >= 1900) & (tmt_y <= 2100)
    pns_ok = (tmt_m >= 1) & (tmt_m <= 12) & (tmt_y * 100 + tmt_m >= lahir_y * 100 + lahir_m) & tmt_y_ok
    pppk_ok = (digit13 == 2) & tmt_y_ok & (tmt_y >= lahir_y)
    alasan = np.full(len(nips), None, dtype=object)
    # Later reasons replace earlier ones: the birth date is named first where it is wrong.
    alasan[gender_ok & (seq < 1)] = "nomor urut NIP (digit 16-18) harus 001-999"
    alasan[~gender_ok] = "digit jenis kelamin NIP (digit 15) harus 1 atau 2"
    alasan[~(pns_ok | pppk_ok)] = (
        "TMT pada NIP tidak sah: PNS perlu TMT CPNS YYYYMM (bulan 01-12, tidak sebelum bulan lahir); "
        "PPPK perlu tahun pengangkatan dan digit 13 = 2"
    )
    alasan[~lahir_ok] = "tanggal lahir pada NIP (digit 1-8, YYYYMMDD) tidak sah"
    return alasan


def nip_tertulis(nip: Any) -> str:
    """A NIP as official documents write it (docs/kontrak-data.md bagian 3).

    PNS: `19731002 200405 2 001` (tanggal lahir, TMT CPNS, jenis kelamin, nomor urut). PPPK (digit
    13 is `2`, which no PNS TMT month can be): `19900101 2023 21 1 001` (tanggal lahir, tahun
    pengangkatan, kode PPPK, jenis kelamin, nomor urut). Anything else is returned as given.
    """
    if not isinstance(nip, str) or len(nip) != 18 or not nip.isdigit():
        return "–" if nip is None or nip is pd.NA or (isinstance(nip, float) and np.isnan(nip)) else str(nip)
    if nip[12] == "2":
        return f"{nip[:8]} {nip[8:12]} {nip[12:14]} {nip[14]} {nip[15:]}"
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
