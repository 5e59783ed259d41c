"""Indonesian number, date and period formatting (capaian.format), and escaped HTML tables and
cards (capaian.tampilan)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from capaian.format import (
    KOSONG,
    angka,
    bulat,
    nama_bulan,
    nama_periode,
    persen,
    porsi,
    tampak_kendali,
    tanggal,
    teks,
)
from capaian.tampilan import kartu_html, tabel_html


@pytest.mark.parametrize(
    ("nilai", "desimal", "hasil"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567.891, 2, "1.234.567,89"),
        (85.5, 1, "85,5"),
        (0, 1, "0,0"),
        (-1234.5, 1, "-1.234,5"),
        (1234.5, 0, "1.235"),  # half up, not banker's rounding
        (2.5, 0, "3"),
        (1.005, 2, "1,01"),  # rounded on the decimal value as printed, as the methodology rounds
        (4.125, 2, "4,13"),
        (105.555, 2, "105,56"),
        (-0.04, 1, "0,0"),  # never "-0,0"
        (np.float64(99.95), 1, "100,0"),
        (7, 1, "7,0"),
    ],
)
def test_angka_indonesia(nilai, desimal, hasil):
    assert angka(nilai, desimal) == hasil


@pytest.mark.parametrize("kosong", [None, float("nan"), np.nan, pd.NA, pd.NaT])
def test_nilai_kosong_jadi_tanda_pisah(kosong):
    assert angka(kosong) == KOSONG
    assert persen(kosong) == KOSONG
    assert porsi(kosong) == KOSONG
    assert bulat(kosong) == KOSONG
    assert teks(kosong) == KOSONG
    assert tanggal(kosong) == KOSONG


def test_tak_hingga():
    assert angka(math.inf) == "∞"
    assert angka(-math.inf) == "-∞"


def test_persen_porsi_bulat():
    assert persen(85.5) == "85,5%"
    assert persen(110) == "110,0%"
    assert persen(85.55, 0) == "86%"
    assert porsi(0.855) == "85,5%"
    assert porsi(1) == "100,0%"
    assert porsi(0.7, 0) == "70%"
    assert bulat(1234) == "1.234"
    assert bulat(1234567) == "1.234.567"


def test_tanggal_dan_jam():
    assert tanggal(dt.date(2025, 3, 7)) == "7 Maret 2025"
    waktu = dt.datetime(2025, 12, 1, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert tanggal(waktu, jam=True) == "1 Desember 2025 pukul 14.05 WITA"
    for jam_, nama in ((7, "WIB"), (9, "WIT"), (0, "UTC"), (5.5, "UTC+05:30")):
        w = dt.datetime(2025, 12, 1, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=jam_)))
        assert tanggal(w, jam=True) == f"1 Desember 2025 pukul 14.05 {nama}"
    assert tanggal(dt.datetime(2025, 1, 2, 9, 0), jam=True) == "2 Januari 2025 pukul 09.00"


@pytest.mark.parametrize(
    ("kode", "hasil"),
    [
        ("2025-TW1", "Triwulan I 2025"),
        ("2025-TW4", "Triwulan IV 2025"),
        ("2025-S2", "Semester II 2025"),
        ("2025-03", "Maret 2025"),
        ("2025", "Tahun 2025"),
    ],
)
def test_nama_periode(kode, hasil):
    assert nama_periode(kode) == hasil


def test_nama_bulan():
    assert nama_bulan("2025-08") == "Agustus 2025"
    assert nama_bulan("2025-08", singkat=True) == "Agu"


def test_teks_dari_data_di_escape():
    assert teks("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert teks('A "B" & C\'s') == "A &quot;B&quot; &amp; C&#x27;s"


def test_karakter_kendali_tampil_terlihat_di_html_dan_notebook():
    # Validated data holds none (issue 11, kelas 1); text of any other origin is still safe.
    assert teks("Sekretariat\x0bDaerah <b>") == "Sekretariat\\x0bDaerah &lt;b&gt;"
    df = pd.DataFrame({"nama": ["a\x00b", "c\x1bd"]})
    html = tabel_html(df)
    assert "a\\x00b" in html and "c\\x1bd" in html and "\x00" not in html and "\x1b" not in html
    assert tampak_kendali("tab\tdan\nbaris\r") == "tab\tdan\nbaris\r"  # kept
    assert tampak_kendali("\x9b\ud800\uffff") == "\\x9b\\ud800\\uffff"
    # A notebook is JSON: a control character in an output survives as an escape, never raw.
    import json

    teks_json = json.dumps({"text": "Sekretariat\x0bDaerah"})
    assert "\x0b" not in teks_json and json.loads(teks_json)["text"] == "Sekretariat\x0bDaerah"


def test_tabel_html_escape_setiap_sel_dan_judul():
    df = pd.DataFrame({"nama": ["<script>alert(1)</script>", None], "capaian": [85.5, 110.0]})
    html = tabel_html(df, {"nama": "Nama <pegawai>", "capaian": "Capaian"}, format={"capaian": persen}, kanan=["capaian"])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Nama &lt;pegawai&gt;" in html
    assert '<td class="angka">85,5%</td>' in html
    assert f"<td>{KOSONG}</td>" in html


def test_tabel_html_pemformat_juga_di_escape():
    df = pd.DataFrame({"x": [1]})
    html = tabel_html(df, format={"x": lambda _v: "<b>tebal</b>"})
    assert "&lt;b&gt;tebal&lt;/b&gt;" in html
    assert "<b>" not in html


def test_tabel_html_sorot_kelas_sel_dan_kelompok():
    df = pd.DataFrame({"nama": ["Ani", "Budi", "Citra"], "rating": ["a", "b", "c"]})
    html = tabel_html(
        df,
        sorot=[False, True, False],
        kelas_sel={"rating": [None, None, "sorot"]},
        kelompok=["Tim <X>", "Tim <X>", "Tim Y"],
    )
    assert html.count('<tr class="kelompok">') == 2
    assert "Tim &lt;X&gt;" in html
    assert '<tr class="sorot"><td>Budi</td>' in html
    assert '<td class="sorot">c</td>' in html


def test_tabel_html_kosong_dan_panjang_salah():
    assert "Tidak ada data." in tabel_html(pd.DataFrame({"a": []}))
    with pytest.raises(ValueError):
        tabel_html(pd.DataFrame({"a": [1, 2]}), sorot=[True])


def test_kartu_html_escapes_every_part():
    html = kartu_html([("97,5%", "rata-rata <b>capaian</b>", "dari 52 & lainnya")])
    assert html.startswith('<div class="kartu-kartu">') and html.endswith("</div>")
    assert "&lt;b&gt;capaian&lt;/b&gt;" in html and "52 &amp; lainnya" in html and "<b>" not in html


def test_tabel_html_membawa_tautan_unduh_csv_yang_aman_untuk_excel():
    """Issue 10 butir 6: every table carries its cells as shown in a data: URI, UTF-8 with BOM, and
    no cell can run as a formula in a spreadsheet (the same neutraliser as the problem list)."""
    import base64
    import re

    from capaian.format import aman_rumus

    df = pd.DataFrame({"nama": ["=1+1", "+62 811", "-", "@SUM(A1)", "\tx", "Budi, S.Kom"], "capaian": [85.5, -3.0, None, 1, 2, 3]})
    html = tabel_html(df, {"nama": "Nama", "capaian": "Capaian"}, format={"capaian": persen}, kelompok=["Tim A"] * 6, unduh="nilai pegawai")
    m = re.search(r'<a class="unduh-csv" download="nilai pegawai\.csv" href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)">Unduh CSV</a>', html)
    assert m, html[-300:]
    data = base64.b64decode(m.group(1))
    assert data.startswith(b"\xef\xbb\xbf")
    baris = data.decode("utf-8-sig").split("\r\n")
    assert baris[0] == "Kelompok,Nama,Capaian"
    assert baris[1] == "Tim A,'=1+1,\"85,5%\""
    assert baris[2] == 'Tim A,\'+62 811,"\'-3,0%"'  # shown text: a negative number too
    assert baris[3] == f"Tim A,'-,{KOSONG}"
    assert baris[4].startswith("Tim A,'@SUM(A1)") and baris[5].startswith("Tim A,'\tx")
    assert baris[6] == 'Tim A,"Budi, S.Kom","3,0%"'
    assert "Unduh CSV" not in tabel_html(df, unduh=None)
    assert [aman_rumus(x) for x in ("=a", "a=", 5, None, "\rb")] == ["'=a", "a=", 5, None, "'\rb"]


def test_waktu_dibuat_dalam_zona_pemilik_data(monkeypatch):
    """Issue 10 butir 7: `dibuat` is WITA by default, CAPAIAN_ZONA_WAKTU changes it, never UTC+00:00."""
    from capaian.galat import ZonaWaktuTidakSah
    from capaian.terbit import sekarang

    monkeypatch.delenv("CAPAIAN_ZONA_WAKTU", raising=False)
    kini = sekarang()
    assert kini.endswith("+08:00") and tanggal(dt.datetime.fromisoformat(kini), jam=True).endswith(" WITA")
    monkeypatch.setenv("CAPAIAN_ZONA_WAKTU", "Asia/Jakarta")
    assert sekarang().endswith("+07:00")
    monkeypatch.setenv("CAPAIAN_ZONA_WAKTU", "UTC")
    assert "UTC+00:00" not in tanggal(dt.datetime.fromisoformat(sekarang()), jam=True)
    monkeypatch.setenv("CAPAIAN_ZONA_WAKTU", "Mars/Olympus")
    with pytest.raises(ZonaWaktuTidakSah) as e:
        sekarang()
    assert e.value.status == 2 and "Mars/Olympus" in str(e.value)


def test_target_dan_angka_seperti_dibaca_orang():
    """Issue 10 butir 7: a range as a range, whole values without decimals, pro-rata with two
    decimals and saying so, a pegawai without any realisasi as "– (tanpa realisasi)"."""
    from capaian.format import TANPA_REALISASI, angka_pas, capaian_pegawai, target_tampak

    assert target_tampak(76.61, 88.3) == "76,61–88,30"
    assert target_tampak(0.0, 5.0) == "0–5"
    assert target_tampak(11.0) == "11" and target_tampak(66.75) == "66,75"
    assert target_tampak(13.0, None, pro_rata=True) == "13,00 (pro-rata)"
    assert target_tampak(None) == KOSONG
    assert angka_pas(11.0) == "11" and angka_pas(46.5) == "46,50" and angka_pas(1234.0) == "1.234"
    assert capaian_pegawai(0.0, 3, 3) == TANPA_REALISASI == "– (tanpa realisasi)"
    assert capaian_pegawai(0.0, 3, 2) == "0,0%" and capaian_pegawai(None, 0, 0) == KOSONG
