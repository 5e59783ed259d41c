"""Each input format of docs/kontrak-data.md bagian 1 reads into the same data set."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

import data_kecil as dk
from capaian.validasi import load_dataset, validate_folder


def as_numbers(tables):
    """The tables as an Excel user would type them: numbers as numbers, NIPs as text."""
    out = {}
    numeric = {"tahun", "target", "target_atas", "bobot", "realisasi", "berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"}
    for name, rows in tables.items():
        out[name] = [{k: (float(v) if k in numeric and v != "" else (None if v == "" else v)) for k, v in r.items()} for r in rows]
    return out


def indonesian(tables):
    """The tables as Indonesian Excel writes them: decimal comma."""
    return {n: [{k: re.sub(r"^(\d+)\.(\d+)$", r"\1,\2", v) for k, v in r.items()} for r in rows] for n, rows in tables.items()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The small valid tables as plain CSV, loaded once for this module; only read (assert_same)."""
    return load_dataset(dk.write_csv(tmp_path_factory.mktemp("ref") / "ref", dk.tabel()))


def assert_same(a, b):
    for name in ("instansi", "pegawai", "indikator", "realisasi", "perilaku", "umpan_balik", "target_periodik", "kinerja_organisasi"):
        pd.testing.assert_frame_equal(a.table(name), b.table(name), check_dtype=True, obj=name)


def test_semicolon_csv_with_decimal_comma(tmp_path, reference):
    t = indonesian(dk.tabel())
    assert t["realisasi"][2]["realisasi"] == "12,5"
    ds = load_dataset(dk.write_csv(tmp_path / "data", t, sep=";"))
    assert_same(ds, reference)


def test_semicolon_csv_thousands_in_groups_of_three(tmp_path):
    t = indonesian(dk.tabel())
    t["indikator"][0]["target"] = "1.500.000"
    t["indikator"][2]["target"] = "1.234,5"
    t["indikator"][2]["target_atas"] = "2.000"
    ds = load_dataset(dk.write_csv(tmp_path / "data", t, sep=";"))
    assert list(ds.indikator["target"]) == [1_500_000.0, 10.0, 1234.5]
    assert ds.indikator.iloc[2]["target_atas"] == 2000.0


@pytest.mark.parametrize("value", ["1.50", "1.5000", "12.5", "1,500.5", "85,5%"])
def test_semicolon_csv_refuses_dots_that_are_not_thousands(tmp_path, value):
    t = indonesian(dk.tabel())
    t["realisasi"][3]["realisasi"] = value
    masalah = validate_folder(dk.write_csv(tmp_path / "data", t, sep=";"))[1]
    assert [(m.file, m.baris, m.kolom, m.nilai) for m in masalah] == [("realisasi.csv", 5, "realisasi", value)]


def test_utf8_bom_and_crlf(tmp_path, reference):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    for f in folder.glob("*.csv"):
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    assert_same(load_dataset(folder), reference)


def test_cp1252_file_is_read(tmp_path):
    t = dk.tabel()
    t["pegawai"][1]["nama"] = "Nurhayati Café"
    folder = dk.write_csv(tmp_path / "data", t)
    path = folder / "pegawai.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    assert load_dataset(folder).pegawai.iloc[1]["nama"] == "Nurhayati Café"


def test_file_names_case_insensitive(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "pegawai.csv").rename(folder / "Pegawai.CSV")
    ds = load_dataset(folder)
    assert ds.sumber["pegawai"].nama == "Pegawai.CSV"


def test_xlsx_per_table_equals_csv(tmp_path, reference):
    folder = dk.write_temuan_xlsx(tmp_path / "data", as_numbers(dk.tabel()), satu_workbook=False)
    assert_same(load_dataset(folder), reference)


def test_data_xlsx_with_a_sheet_per_table(tmp_path, reference):
    t = as_numbers(dk.tabel())
    t["Pegawai "] = t.pop("pegawai")  # sheet names match case-insensitively
    folder = dk.write_temuan_xlsx(tmp_path / "data", t)
    ds = load_dataset(folder)
    assert_same(ds, reference)
    assert ds.sumber["pegawai"].nama == "data.xlsx[Pegawai ]"


def test_data_xlsx_messages_name_the_sheet(tmp_path):
    t = as_numbers(dk.tabel())
    t["indikator"][1]["aspek"] = "jumlah"
    m, = validate_folder(dk.write_temuan_xlsx(tmp_path / "data", t))[1]
    assert str(m).startswith("data.xlsx[indikator]:3: aspek: 'jumlah'")


def test_sheet_and_file_for_one_table_is_an_error(tmp_path):
    folder = dk.write_temuan_xlsx(tmp_path / "data", as_numbers(dk.tabel()))
    dk.write_csv(folder, {"instansi": dk.tabel()["instansi"]})
    masalah = validate_folder(folder)[1]
    assert {m.file for m in masalah} == {"data.xlsx[instansi]", "instansi.csv"}


def test_xlsx_nip_stored_as_number_is_an_error(tmp_path):
    t = as_numbers(dk.tabel())
    t["pegawai"].append(dict(t["pegawai"][2], nip=199003032024211004))
    t["perilaku"][0]["nip_penilai"] = 1.98001012005011e17
    masalah = validate_folder(dk.write_temuan_xlsx(tmp_path / "data", t))[1]
    assert [(m.file, m.baris, m.kolom) for m in masalah] == [("data.xlsx[pegawai]", 5, "nip"), ("data.xlsx[perilaku]", 2, "nip_penilai")]
    assert all("tersimpan sebagai angka" in m.pesan for m in masalah)


def test_xlsx_dates_and_integral_numbers(tmp_path):
    t = as_numbers(dk.tabel())
    t["realisasi"][0]["bulan"] = dt.datetime(2025, 1, 1)
    t["realisasi"][0]["tanggal_lapor"] = dt.datetime(2025, 2, 3)
    t["instansi"][0]["jenis"] = 101.0  # an integral number in a text column is integer text
    ds = load_dataset(dk.write_temuan_xlsx(tmp_path / "data", t))
    assert ds.realisasi.iloc[0]["bulan"] == "2025-01"
    assert ds.realisasi.iloc[0]["tanggal_lapor"] == pd.Timestamp("2025-02-03")
    assert ds.instansi.iloc[0]["jenis"] == "101"


def test_xlsx_percent_cell_is_taken_as_stored(tmp_path):
    t = as_numbers(dk.tabel())
    t["realisasi"][3]["realisasi"] = 0.95  # shown as 95% in Excel, stored as 0.95
    ds = load_dataset(dk.write_temuan_xlsx(tmp_path / "data", t))
    assert ds.realisasi.iloc[3]["realisasi"] == 0.95


def test_xlsx_blank_rows_keep_row_numbers(tmp_path):
    from openpyxl import load_workbook

    folder = dk.write_temuan_xlsx(tmp_path / "data", as_numbers(dk.tabel()))
    wb = load_workbook(folder / "data.xlsx")
    ws = wb["indikator"]
    ws.insert_rows(3, amount=2)  # two blank rows after the first IKI
    ws.cell(row=6, column=11).value = "atas"  # arah of the last IKI, now on row 6
    wb.save(folder / "data.xlsx")
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris, m.kolom) == ("data.xlsx[indikator]", 6, "arah")


def test_xlsx_nip_typed_as_scientific_text_is_an_error(tmp_path):
    t = as_numbers(dk.tabel())
    t["umpan_balik"][0]["nip"] = "1,98502E+17"
    m, = validate_folder(dk.write_temuan_xlsx(tmp_path / "data", t))[1]
    assert (m.file, m.baris, m.kolom) == ("data.xlsx[umpan_balik]", 2, "nip") and "notasi ilmiah" in m.pesan


def test_csv_row_with_too_many_cells(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    with open(folder / "instansi.csv", "a", encoding="utf-8") as f:
        f.write("BPKAD,Badan Keuangan,badan,lebih\n")
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris) == ("instansi.csv", 4) and "lebih banyak sel" in m.pesan


def test_undecodable_file_is_named_not_a_traceback(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "instansi.csv").write_bytes(b"kode_instansi,nama_instansi\nDINKES,Dinas \x81\x8d\n")
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris) == ("instansi.csv", 1) and "UTF-8" in m.pesan


def test_quoted_cell_with_a_line_break_is_one_excel_row(tmp_path):
    t = dk.tabel()
    t["umpan_balik"][0]["catatan"] = "Baris satu\nbaris dua, dengan koma"
    t["umpan_balik"].append(dict(t["umpan_balik"][0], nip=dk.NIP_PPPK, periode="2025-TW1", rating_perilaku="luar biasa"))
    masalah = validate_folder(dk.write_csv(tmp_path / "data", t))[1]
    assert [(m.file, m.baris, m.kolom) for m in masalah] == [("umpan_balik.csv", 3, "rating_perilaku")]
    ds = load_dataset(dk.write_csv(tmp_path / "ok", dk.tabel()))
    assert ds.umpan_balik.iloc[0]["catatan"] == "Pertahankan"


def test_header_only_optional_table_is_empty(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "umpan_balik.csv").write_text("nip,periode,rating_hasil_kerja\n", encoding="utf-8")
    ds = load_dataset(folder)
    assert ds.umpan_balik.empty and "catatan" in ds.umpan_balik.columns


# ---------------------------------------------------------------------------------------------
# Issue 11, class 4: reading an XLSX follows the cells that hold data, not the extent Excel declares


def stray_xlsx(tmp_path, sheet: str, cell: str, value="x"):
    """The small data set as data.xlsx with one more value typed into `cell` of `sheet`."""
    from openpyxl import load_workbook

    folder = dk.write_temuan_xlsx(tmp_path / "data", as_numbers(dk.tabel()))
    wb = load_workbook(folder / "data.xlsx")
    wb[sheet][cell] = value
    wb.save(folder / "data.xlsx")
    return folder


def test_xlsx_stray_value_in_the_last_cell_is_one_cell_not_a_grid(tmp_path):
    # Before: a 1,048,575 × 16,384 grid of cells (MemoryError: 128 GiB).
    masalah = validate_folder(stray_xlsx(tmp_path, "pegawai", "XFD1048576"))[1]
    assert [(m.file, m.baris, m.nilai) for m in masalah] == [("data.xlsx[pegawai]", 1048576, "x")]
    assert "di luar kolom yang bernama di baris 1 (sel XFD1048576)" in masalah[0].pesan


def test_xlsx_stray_value_far_down_keeps_its_row_number(tmp_path):
    masalah = validate_folder(stray_xlsx(tmp_path, "pegawai", "A20000"))[1]
    assert {(m.file, m.baris) for m in masalah} == {("data.xlsx[pegawai]", 20000)}
    assert [m.kolom for m in masalah][:1] == ["nip"]


def test_xlsx_stray_value_right_of_the_named_columns_is_named_like_a_csv_extra_cell(tmp_path):
    m, = validate_folder(stray_xlsx(tmp_path, "realisasi", "XFD3", 7))[1]
    assert (m.file, m.baris, m.nilai) == ("data.xlsx[realisasi]", 3, "7") and "(sel XFD3)" in m.pesan


def test_xlsx_blank_or_formatted_cell_in_the_last_cell_is_nothing(tmp_path, reference):
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    folder = stray_xlsx(tmp_path, "indikator", "XFD1048576", "   ")
    wb = load_workbook(folder / "data.xlsx")
    wb["pegawai"]["XFD1048576"].font = Font(bold=True)  # a styled cell with no value
    wb.save(folder / "data.xlsx")
    assert_same(load_dataset(folder), reference)


def test_xlsx_sheet_over_the_limit_is_refused_naming_file_and_sheet(tmp_path, monkeypatch):
    import capaian.baca as baca

    monkeypatch.setattr(baca, "SEL_XLSX_MAKS", 3 * 15)  # indikator, the largest: 3 data rows × 15 columns
    assert validate_folder(dk.write_temuan_xlsx(tmp_path / "pas", as_numbers(dk.tabel())))[1] == []
    masalah = validate_folder(stray_xlsx(tmp_path, "indikator", "A9"))[1]  # a fourth data row
    assert [(m.file, m.baris) for m in masalah] == [("data.xlsx[indikator]", 1)]
    assert "sheet 'indikator' terlalu besar untuk dibaca: 4 baris berisi data × 15 kolom (A sampai O)" in masalah[0].pesan
    assert "batas 45 sel" in masalah[0].pesan


# ---------------------------------------------------------------------------------------------
# Issue 11, class 8: an encoding or format the reader does not take is named, with what to do


@pytest.mark.parametrize("encoding, nama", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_or_32_csv_is_named_not_reported_as_extra_cells(tmp_path, encoding, nama):
    # utf-16: with BOM, as Excel's "Unicode Text" writes; utf-16-be: no BOM, found by its NUL bytes
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    path = folder / "pegawai.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris) == ("pegawai.csv", 1)
    assert f"berpengodean {nama}, bukan UTF-8" in m.pesan and "CSV UTF-8" in m.pesan and "sel" not in m.pesan


def test_utf8_file_with_one_cp1252_byte_is_refused_naming_line_and_byte(tmp_path):
    t = dk.tabel()
    t["pegawai"][0]["nama"] = "Çahya Ningsih"  # correct UTF-8, must not become mojibake
    t["pegawai"][2]["nama"] = "Nurhayati CafeX"
    folder = dk.write_csv(tmp_path / "data", t)
    path = folder / "pegawai.csv"
    raw = path.read_bytes().replace(b"CafeX", b"Caf\xe9")  # one name pasted from a cp1252 file
    path.write_bytes(raw)
    line = raw.split(b"\n")[3]
    assert b"Caf\xe9" in line  # the third pegawai: line 4 of the file
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris, m.nilai) == ("pegawai.csv", 4, "0xE9")
    posisi = line.index(b"\xe9") + 1
    assert f"byte ke-{posisi} di baris ini (0xE9) bukan UTF-8 yang sah" in m.pesan and "CSV UTF-8" in m.pesan


def test_utf8_file_with_a_bom_and_one_cp1252_byte_is_refused(tmp_path):
    # No other non-ASCII letter: the BOM alone says the file is meant as UTF-8.
    t = dk.tabel()
    folder = dk.write_csv(tmp_path / "data", t)
    path = folder / "instansi.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"Dinas", b"D\xeenas"))
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris, m.nilai) == ("instansi.csv", 2, "0xEE") and "bukan UTF-8 yang sah" in m.pesan


def test_whole_cp1252_file_with_several_accents_is_still_read(tmp_path):
    t = dk.tabel()
    t["pegawai"][0]["nama"] = "Çahya Ningsih"
    t["pegawai"][1]["nama"] = "Nurhayati Café"
    folder = dk.write_csv(tmp_path / "data", t)
    path = folder / "pegawai.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    assert list(load_dataset(folder).pegawai["nama"])[:2] == ["Çahya Ningsih", "Nurhayati Café"]


def test_workbook_named_csv_is_named_not_reported_as_a_bad_encoding(tmp_path):
    folder = dk.write_temuan_xlsx(tmp_path / "data", as_numbers({"pegawai": dk.tabel()["pegawai"]}), satu_workbook=False)
    dk.write_csv(folder, {k: v for k, v in dk.tabel().items() if k != "pegawai"})
    (folder / "pegawai.xlsx").rename(folder / "pegawai.csv")
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris) == ("pegawai.csv", 1) and "bukan teks CSV melainkan buku kerja XLSX" in m.pesan


@pytest.mark.parametrize("berkas", ["pegawai.xls", "Pegawai.XLSM", "pegawai.ods"])
def test_required_table_only_in_an_unread_format_names_the_file(tmp_path, berkas):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "pegawai.csv").rename(folder / berkas)
    m, = validate_folder(folder)[1]
    assert (m.file, m.baris) == (berkas, 1)
    assert m.pesan.startswith(f"tabel wajib 'pegawai' tidak ditemukan: berkas {berkas} berformat {berkas[berkas.index('.'):].lower()},")
    assert "simpan ulang sebagai pegawai.xlsx (Excel Workbook) atau pegawai.csv (CSV UTF-8)" in m.pesan


def test_optional_table_in_an_unread_format_is_not_silently_empty(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "perilaku.csv").rename(folder / "perilaku.txt")
    m, = validate_folder(folder)[1]
    assert (m.file, m.pesan[:40]) == ("perilaku.txt", "tabel 'perilaku' tidak dibaca: berkas pe")


def test_data_workbook_in_an_unread_format_is_named_for_each_missing_required_table(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "data.xls").write_bytes(b"\xd0\xcf\x11\xe0")  # the start of an old Excel file
    masalah = validate_folder(folder)[1]
    assert [(m.file, m.tabel) for m in masalah] == [("data.xls", t) for t in ("instansi", "pegawai", "indikator", "realisasi")]
    assert all("simpan ulang sebagai data.xlsx" in m.pesan for m in masalah)


def test_xlsx_dibuka_tanpa_memindai_ukuran_lembar_dan_terbaca_sama(tmp_path, monkeypatch):
    """`buka_xlsx` gives the sheets `load_workbook(read_only=True)` gives, and the same cells, but
    never parses a sheet just for the extent it does not declare (openpyxl's write-only files)."""
    import zipfile

    from openpyxl import Workbook, load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    from capaian.baca import baris_xlsx, buka_xlsx

    wb = Workbook(write_only=True)
    for nama in ("pegawai", "indikator", "tersembunyi"):
        ws = wb.create_sheet(nama)
        ws.append(["nip", "nama", "angka"])
        for i in range(3):
            ws.append([f"19860101201001100{i}", f"Nama {i}", 1.5 * i])
        if nama == "tersembunyi":
            ws.sheet_state = "hidden"
    path = tmp_path / "data.xlsx"
    wb.save(path)
    assert b"<dimension" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")

    acuan = load_workbook(path, read_only=True, data_only=True)
    pindai = []
    asli = WorkSheetParser.parse_dimensions
    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", lambda self: pindai.append(1) or asli(self))
    baru = buka_xlsx(path)
    try:
        assert pindai == []
        assert baru.sheetnames == acuan.sheetnames
        assert [ws.sheet_state for ws in baru.worksheets] == [ws.sheet_state for ws in acuan.worksheets]
        for a, b in zip(acuan.worksheets, baru.worksheets):
            assert list(baris_xlsx(b)) == list(baris_xlsx(a))
    finally:
        baru.close()
        acuan.close()
