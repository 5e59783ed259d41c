"""Numbers as the methodology reads them: half-up rounding to 2 decimals, and CSV formatting.

The rule (docs/metodologi.md bagian 0): a value is rounded half up to 2 decimals *on its decimal
value as printed*: 4.125 → 4.13, 105.555… → 105.56, 1.005 → 1.01, although the double nearest
to 1.005 is 1.00499999999999989… The reference is
`Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP)`; `bulatkan` gives the same result
without leaving numpy, so it runs on millions of rows.

Why the fast path is exact (for |x| < 1e11; larger values take the Decimal route): the cent
boundaries are the decimals b = (2c + 1) / 200. Python prints x as the shortest decimal D that
reads back as x, and below 2**42 two different 3-decimal numbers never read back as the same
double. So no boundary lies strictly between x and D, and D *is* a boundary exactly when x is the
double nearest to that boundary, i.e. `x == (2c + 1) / 200.0` (IEEE division is correctly
rounded). Rounding half up on D therefore means: the cents c with
`(2c - 1) / 200.0 <= x < (2c + 1) / 200.0`, comparing doubles.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np
import pandas as pd

# Beyond this magnitude the argument above no longer holds; such values go through Decimal.
_BATAS_CEPAT = 1e11


def _sen(x: np.ndarray) -> np.ndarray:
    """Cents (float, integral) of |x| rounded half up on its printed decimal; x finite, < 1e11."""
    a = np.abs(x)
    c = np.floor(a * 100.0 + 0.5)
    # a*100 may be off by one ulp; compare with the boundaries' own doubles to settle it.
    c = np.where(a < (2.0 * c - 1.0) / 200.0, c - 1.0, c)
    c = np.where(a >= (2.0 * c + 1.0) / 200.0, c + 1.0, c)
    return c


def bulatkan(values, desimal: int = 2):
    """Round half up to 2 decimals on the value as printed; NaN stays NaN.

    Accepts a scalar, a numpy array or a pandas Series (returned as the same kind, float64).
    Negative values round away from zero on a tie (-4.125 → -4.13), like ROUND_HALF_UP.
    """
    if desimal != 2:
        raise ValueError("hanya pembulatan 2 desimal yang didukung")
    if isinstance(values, pd.Series):
        return pd.Series(bulatkan(values.to_numpy(dtype="float64", na_value=np.nan)), index=values.index, name=values.name)
    if np.ndim(values) == 0:
        return float(bulatkan(np.array([values], dtype="float64"))[0])
    x = np.asarray(values, dtype="float64")
    hasil = np.full(x.shape, np.nan)
    cepat = np.abs(x) < _BATAS_CEPAT  # False for NaN and inf
    xc = x[cepat]
    hasil[cepat] = np.copysign(_sen(xc) / 100.0, xc)
    besar = np.isfinite(x) & ~cepat
    if besar.any():
        hasil[besar] = [float(bulatkan_decimal(v)) for v in x[besar]]
    tak_hingga = np.isinf(x)
    hasil[tak_hingga] = x[tak_hingga]
    # copysign keeps -0.0 for tiny negatives; a person reads 0.00, so does the CSV.
    hasil[hasil == 0] = 0.0
    return hasil


def _pecah(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp split: a = hi + lo exactly, each with at most 26 significant bits."""
    c = 134217729.0 * a  # 2**27 + 1
    hi = c - (c - a)
    return hi, a - hi


def _kali_tepat(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dekker's product: a × b = p + galat exactly (p the rounded product)."""
    p = a * b
    ah, al = _pecah(a)
    bh, bl = _pecah(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def bersihkan(values) -> np.ndarray:
    """Computed values read at 15 significant digits, as Excel and a calculator show them.

    Float arithmetic leaves noise in the 16th–17th digit: 64.1 × 100 / 80 is 80.125 to a person
    and in Excel, but 80.12499999999999 as a double, and (0.11 + 0.12) / 2 is 0.11499999999999999.
    Rounding those "as printed" by repr would give 80.12 and 0.11, which nobody checking by hand
    expects. The result is the double nearest to `format(x, ".15g")`, computed exactly (the
    scaling product is taken error-free, so a value is never nudged across a 15th-digit boundary).
    NaN and inf stay as they are.
    """
    x = np.asarray(values, dtype="float64")
    hasil = x.copy()
    a = np.abs(x)
    cepat = (a > 0) & (a < _BATAS_CEPAT)  # False for NaN, inf and 0
    if cepat.any():
        xc = x[cepat]
        skala = 10.0 ** (14 - np.floor(np.log10(np.abs(xc))))  # 10**4 … 10**337 is never reached: ≤ 10**22 below
        skala = np.minimum(skala, 1e22)
        p, galat = _kali_tepat(xc, skala)
        n = np.rint(p)
        d = (p - n) + galat  # exact x·skala − n, up to far below 1/2
        n = np.where(d > 0.5, n + 1, np.where(d < -0.5, n - 1, n))
        # A tie in the 15th digit on the exact binary value goes to even, as format() does.
        seri = np.abs(d) == 0.5
        n = np.where(seri, 2 * np.round((n + np.sign(d) * 0.5) / 2), n)
        hasil[cepat] = n / skala
    besar = np.isfinite(x) & (a >= _BATAS_CEPAT)
    if besar.any():
        hasil[besar] = [float(format(v, ".15g")) for v in x[besar]]
    return hasil


def bulatkan_hitungan(values):
    """Round a computed value (capaian, a mean, a pro-rata target): `bersihkan`, then `bulatkan`.

    Same kinds in and out as `bulatkan`. For values whose repr has at most 15 significant digits
    (every value typed by a person, 4.125, 1.005, 105.55555555555556 → 105.555555555556) this is
    exactly `bulatkan`.
    """
    if isinstance(values, pd.Series):
        return pd.Series(bulatkan_hitungan(values.to_numpy(dtype="float64", na_value=np.nan)), index=values.index, name=values.name)
    if np.ndim(values) == 0:
        return float(bulatkan_hitungan(np.array([values], dtype="float64"))[0])
    x = np.array(values, dtype="float64")
    # Only a value within float noise of a half cent can round differently once cleaned; cleaning
    # just those keeps this as fast as `bulatkan` on millions of rows.
    with np.errstate(invalid="ignore"):
        sen = np.abs(x) * 100.0
        dekat = np.abs(sen - np.floor(sen) - 0.5) < 1e-6
    dekat |= np.isfinite(x) & (np.abs(x) >= _BATAS_CEPAT)
    if dekat.any():
        x[dekat] = bersihkan(x[dekat])
    return bulatkan(x)


_KONTEKS = Context(prec=400)


def bulatkan_decimal(x: float) -> Decimal:
    """The reference rule on one value: Decimal(repr(x)) rounded half up to 0.01."""
    # Enough digits for any finite double, not the default 28 (which fails from 10^26 up).
    return Decimal(repr(float(x))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=_KONTEKS)


def rata_rata_sen(jumlah_sen: np.ndarray, pembagi: np.ndarray) -> np.ndarray:
    """Exact half-up rounding of the fraction jumlah_sen / pembagi, to whole cents, as value/100.

    Both arrays hold integers (as int64 or integral floats) with jumlah_sen ≥ 0 and
    pembagi > 0: a mean of values already in cents (or in a finer integer unit, with `pembagi`
    scaled accordingly). Working on integers keeps a true tie (100.005) a tie, where the float
    mean might print as 100.00499999999999. Where pembagi is 0 the result is NaN.
    """
    s = np.asarray(jumlah_sen, dtype="int64")
    n = np.asarray(pembagi, dtype="int64")
    ada = n > 0
    n1 = np.where(ada, n, 1)
    sen = (2 * s + n1) // (2 * n1)
    return np.where(ada, sen / 100.0, np.nan)


# ---------------------------------------------------------------------------------------------
# CSV output (docs/kontrak-data.md bagian 5)


def format_csv(frame: pd.DataFrame, bulat: list[str], bulat_penuh: list[str] | None = None) -> pd.DataFrame:
    """A copy of `frame` ready for `to_csv(float_format='%.2f')`.

    `bulat`: non-integer columns, rounded half up to 2 decimals by `bulatkan_hitungan` (written
    with 2 decimals);
    `bulat_penuh`: counts, written as integers. Missing values stay missing (written empty).
    """
    hasil = frame.copy()
    for kolom in bulat:
        hasil[kolom] = bulatkan_hitungan(pd.to_numeric(hasil[kolom]).astype("float64"))
    for kolom in bulat_penuh or []:
        hasil[kolom] = pd.to_numeric(hasil[kolom]).astype("Int64")
    return hasil


def write_csv(frame: pd.DataFrame, path, bulat: list[str], bulat_penuh: list[str] | None = None) -> None:
    """Write `frame` as contract CSV: UTF-8 without BOM, ',' and '.', '\\n', 2 decimals, NA empty.

    Text cells that a spreadsheet would read as a formula get a leading apostrophe
    (`capaian.format.aman_rumus`; numbers are never changed). Writes to a temporary file beside `path` and renames it, so a reader never sees half a file.
    """
    from capaian.runner import berkas_atomik

    from capaian.format import aman_rumus

    data = format_csv(frame, bulat, bulat_penuh)
    for kolom in data.columns:
        if data[kolom].dtype == object or isinstance(data[kolom].dtype, pd.StringDtype):
            data[kolom] = data[kolom].map(aman_rumus, na_action="ignore")
    with berkas_atomik(path) as sementara:
        data.to_csv(sementara, index=False, encoding="utf-8", lineterminator="\n", float_format="%.2f", na_rep="")
