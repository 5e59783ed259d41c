"""Rounding half up to 2 decimals on the value as printed, and the CSV number format."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from capaian.angka import bersihkan, bulatkan, bulatkan_decimal, bulatkan_hitungan, format_csv, rata_rata_sen, write_csv


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (4.125, 4.13),  # the perilaku example of docs/metodologi.md: 231/56
        (105.55555555555556, 105.56),  # IKI C: 95/90 × 100
        (1.005, 1.01),  # stored as 1.00499999999999989…, printed 1.005
        (100.005, 100.01),  # IKI D and E: (100.01 + 100.00) / 2
        (110.00000000000001, 110.0),  # lands where a person reading 110,00 expects
        (89.99999999999999, 90.0),
        (2.675, 2.68),
        (0.004, 0.0),
        (0.005, 0.01),
        (120.0, 120.0),
        (-4.125, -4.13),  # away from zero, like ROUND_HALF_UP
    ],
)
def test_pembulatan_setengah_ke_atas_pada_nilai_tercetak(nilai, hasil):
    assert bulatkan(nilai) == hasil


def test_nan_tetap_kosong_dan_series_tetap_series():
    s = pd.Series([4.125, np.nan, 1.005], index=[7, 8, 9], name="capaian")
    hasil = bulatkan(s)
    assert isinstance(hasil, pd.Series)
    assert list(hasil.index) == [7, 8, 9] and hasil.name == "capaian"
    assert hasil[7] == 4.13 and np.isnan(hasil[8]) and hasil[9] == 1.01


def test_nol_negatif_dicetak_nol():
    assert str(bulatkan(np.array([-0.001]))[0]) == "0.0"


def test_nilai_sangat_besar_memakai_decimal():
    assert bulatkan(123456789012.345) == 123456789012.35
    assert bulatkan(np.array([np.inf]))[0] == np.inf


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
@example(1.005)
@example(4.125)
@example(0.015)
@example(1e11 - 0.005)
def test_sama_dengan_decimal_repr(x):
    assert bulatkan(x) == float(bulatkan_decimal(x))


@given(st.integers(min_value=0, max_value=10**12))
def test_sama_dengan_decimal_pada_tiga_desimal(ribuan):
    # Values with 3 decimals are where ties live (…5 in the third decimal).
    x = ribuan / 1000
    assert bulatkan(x) == float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=50))
def test_sama_dengan_decimal_vektor(ribuan):
    x = np.array(ribuan) / 1000
    assert list(bulatkan(x)) == [float(bulatkan_decimal(v)) for v in x]


@pytest.mark.parametrize(
    ("hitungan", "hasil"),
    [
        (64.1 * 100 / 80, 80.13),  # 80.125 to a person and in Excel; 80.12499999999999 as a double
        ((0.11 + 0.12) / 2, 0.12),  # 0.115; 0.11499999999999999 as a double
        (3.3 * 100 / 3, 110.0),
        (4.125, 4.13),
        (1.005, 1.01),
        (105.55555555555556, 105.56),
    ],
)
def test_nilai_hitungan_dibaca_pada_15_digit(hitungan, hasil):
    assert bulatkan_hitungan(hitungan) == hasil


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14))
def test_bulatkan_hitungan_sama_dengan_decimal_15_digit(x):
    assert bulatkan_hitungan(x) == float(Decimal(format(x, ".15g")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))


@given(st.integers(min_value=0, max_value=10**12))
def test_bulatkan_hitungan_sama_dengan_bulatkan_untuk_nilai_ketikan(ribuan):
    # A value a person types (at most 15 significant digits) is rounded exactly as printed.
    x = ribuan / 1000
    assert bulatkan_hitungan(x) == bulatkan(x)


def test_bersihkan_membiarkan_nan_dan_nol():
    hasil = bersihkan(np.array([np.nan, 0.0, 1e16 + 2, -80.12499999999999]))
    assert np.isnan(hasil[0]) and hasil[1] == 0.0 and hasil[2] == 1e16 and hasil[3] == -80.125


def test_rata_rata_sen_tepat_pada_nilai_tengah():
    # (100.01 + 100.00) / 2 = 100.005 → 100.01, computed on whole cents.
    assert rata_rata_sen(np.array([20001]), np.array([2]))[0] == 100.01
    assert rata_rata_sen(np.array([20001]), np.array([3]))[0] == 66.67
    assert np.isnan(rata_rata_sen(np.array([0]), np.array([0]))[0])


def test_format_csv(tmp_path):
    frame = pd.DataFrame(
        {
            "teks": pd.array(["a", None], dtype="string"),
            "angka": [30.0, np.nan],
            "pecahan": [105.55555555555556, (0.11 + 0.12) / 2],
            "jumlah": [3, 0],
        }
    )
    path = tmp_path / "x.csv"
    write_csv(frame, path, ["angka", "pecahan"], ["jumlah"])
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.decode("utf-8") == "teks,angka,pecahan,jumlah\na,30.00,105.56,3\n,,0.12,0\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]  # no temporary file left behind
    assert format_csv(frame, ["pecahan"], ["jumlah"])["jumlah"].dtype == "Int64"
