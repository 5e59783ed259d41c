"""Every rule of the data contract, fed bad input: the problem names file, row, column and value."""

from __future__ import annotations

import pytest

import data_kecil as dk
from capaian.validasi import load_dataset, validate_folder
from capaian.galat import DataError


def problems_of(tmp_path, tables, sep=","):
    folder = dk.write_csv(tmp_path / "data", tables, sep=sep)
    dataset, masalah = validate_folder(folder)
    return masalah


def only(masalah):
    assert len(masalah) == 1, "\n".join(map(str, masalah))
    return masalah[0]


def test_the_small_data_set_is_valid(tmp_path):
    ds = load_dataset(dk.write_csv(tmp_path / "data", dk.tabel()))
    assert list(ds.pegawai["nip"]) == [dk.NIP_KEPALA, dk.NIP_STAF, dk.NIP_PPPK]
    assert list(ds.pegawai.index) == [2, 3, 4]
    assert ds.realisasi.loc[4, "realisasi"] == 12.5
    assert ds.umpan_balik.loc[2, "rating_hasil_kerja"] == "sesuai"  # label read as its code
    assert ds.kinerja_organisasi.loc[2, "predikat_organisasi"] == "baik"
    assert ds.indikator["tahun"].dtype == "int64"
    assert ds.sumber["pegawai"].nama == "pegawai.csv" and len(ds.sumber["pegawai"].sha256) == 64


# (change to the valid tables, file, row, column, words the message must contain)
CASES = {
    "kode_instansi pola": (lambda t: t["instansi"].append(dict(t["instansi"][0], kode_instansi=".BKPP")), "instansi.csv", 4, "kode_instansi", "tidak diawali '.'"),
    "kode_instansi spasi": (lambda t: t["instansi"].append(dict(t["instansi"][0], kode_instansi="DIN KES")), "instansi.csv", 4, "kode_instansi", "1–32 karakter"),
    "kode_instansi terlalu panjang": (lambda t: t["instansi"].append(dict(t["instansi"][0], kode_instansi="K" * 33)), "instansi.csv", 4, "kode_instansi", "1–32"),
    "nama_instansi kosong": (lambda t: t["instansi"][1].update(nama_instansi="  \u00a0 "), "instansi.csv", 3, "nama_instansi", "wajib diisi"),
    "nip 17 digit": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="19900303202421100")), "pegawai.csv", 5, "nip", "18 digit"),
    "nip tanggal lahir": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="199002302024211003")), "pegawai.csv", 5, "nip", "tanggal lahir"),
    "nip tmt sebelum lahir": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="199003031989011003")), "pegawai.csv", 5, "nip", "TMT"),
    "nip tmt bulan 13": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="199003032015131003")), "pegawai.csv", 5, "nip", "TMT"),
    "nip jenis kelamin": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="199003032024213003")), "pegawai.csv", 5, "nip", "jenis kelamin"),
    "nip urutan 000": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="199003032024211000")), "pegawai.csv", 5, "nip", "001-999"),
    "nip notasi ilmiah": (lambda t: t["pegawai"].append(dict(t["pegawai"][2], nip="1.99003E+17")), "pegawai.csv", 5, "nip", "notasi ilmiah"),
    "pegawai kode_instansi asing": (lambda t: t["pegawai"][2].update(kode_instansi="KEC_X"), "pegawai.csv", 4, "kode_instansi", "tidak ada di tabel instansi"),
    "nip_atasan asing": (lambda t: t["pegawai"][2].update(nip_atasan="198001012005011009"), "pegawai.csv", 4, "nip_atasan", "tidak ada di tabel pegawai"),
    "nip_atasan diri sendiri": (lambda t: t["pegawai"][2].update(nip_atasan=dk.NIP_PPPK), "pegawai.csv", 4, "nip_atasan", "itu sendiri"),
    "nama kosong": (lambda t: t["pegawai"][0].update(nama=""), "pegawai.csv", 2, "nama", "wajib diisi"),
    "tahun di luar rentang": (lambda t: t["indikator"][2].update(tahun="1999"), "indikator.csv", 4, "tahun", "antara 2000 dan 2100"),
    "tahun pecahan": (lambda t: t["indikator"][2].update(tahun="2025.5"), "indikator.csv", 4, "tahun", "bilangan bulat"),
    "jenis_rhk asing": (lambda t: t["indikator"][2].update(jenis_rhk="pokok"), "indikator.csv", 4, "jenis_rhk", "utama, tambahan"),
    "aspek asing": (lambda t: t["indikator"][0].update(aspek="jumlah"), "indikator.csv", 2, "aspek", "kuantitas"),
    "aspek kosong": (lambda t: t["indikator"][0].update(aspek=""), "indikator.csv", 2, "aspek", "wajib diisi"),
    "arah asing": (lambda t: t["indikator"][2].update(arah="atas"), "indikator.csv", 4, "arah", "naik, turun"),
    "agregasi asing": (lambda t: t["indikator"][2].update(agregasi="rata2"), "indikator.csv", 4, "agregasi", "rata_rata"),
    "metode asing": (lambda t: t["indikator"][2].update(metode="wawancara"), "indikator.csv", 4, "metode", "survei"),
    "indikator kosong": (lambda t: t["indikator"][2].update(indikator=""), "indikator.csv", 4, "indikator", "wajib diisi"),
    "target negatif": (lambda t: t["indikator"][2].update(target="-1"), "indikator.csv", 4, "target", "≥ 0"),
    "target persen": (lambda t: t["indikator"][2].update(target="80%"), "indikator.csv", 4, "target", "tanda %"),
    "target rupiah": (lambda t: t["indikator"][2].update(target="Rp 1000"), "indikator.csv", 4, "target", "'Rp'"),
    "target NA": (lambda t: t["indikator"][2].update(target="NA"), "indikator.csv", 4, "target", "bukan angka"),
    "target nol untuk naik": (lambda t: t["indikator"][0].update(target="0"), "indikator.csv", 2, "target", "arah 'turun'"),
    "target_atas di bawah target": (lambda t: t["indikator"][2].update(target_atas="70"), "indikator.csv", 4, "target_atas", "≥ target"),
    "bobot nol": (lambda t: t["indikator"][2].update(bobot="0"), "indikator.csv", 4, "bobot", "lebih dari 0"),
    "id_indikator_atasan asing": (lambda t: t["indikator"][1].update(id_indikator_atasan="IKI-9"), "indikator.csv", 3, "id_indikator_atasan", "tidak ada di tabel indikator"),
    "id_indikator_atasan bukan milik atasan": (lambda t: t["indikator"][1].update(id_indikator_atasan="IKI-3"), "indikator.csv", 3, "id_indikator_atasan", "bukan milik atasan"),
    "indikator nip asing": (lambda t: t["indikator"][2].update(nip="198001012005011009"), "indikator.csv", 4, "nip", "tidak ada di tabel pegawai"),
    "realisasi id asing": (lambda t: t["realisasi"][3].update(id_indikator="IKI-9"), "realisasi.csv", 5, "id_indikator", "tidak ada di tabel indikator"),
    "realisasi bulan bentuk": (lambda t: t["realisasi"][3].update(bulan="2025-3"), "realisasi.csv", 5, "bulan", "YYYY-MM"),
    "realisasi bulan 13": (lambda t: t["realisasi"][3].update(bulan="2025-13"), "realisasi.csv", 5, "bulan", "01–12"),
    "realisasi bulan di luar tahun": (lambda t: t["realisasi"][3].update(bulan="2024-12"), "realisasi.csv", 5, "bulan", "di luar tahun"),
    "realisasi negatif": (lambda t: t["realisasi"][3].update(realisasi="-5"), "realisasi.csv", 5, "realisasi", "≥ 0"),
    "realisasi koma desimal di berkas koma": (lambda t: t["realisasi"][3].update(realisasi="95,5"), "realisasi.csv", 5, "realisasi", "tanda desimal adalah titik"),
    "realisasi tanggal": (lambda t: t["realisasi"][3].update(tanggal_lapor="05/04/2025"), "realisasi.csv", 5, "tanggal_lapor", "YYYY-MM-DD"),
    "realisasi tanggal mustahil": (lambda t: t["realisasi"][3].update(tanggal_lapor="2025-02-30"), "realisasi.csv", 5, "tanggal_lapor", "YYYY-MM-DD"),
    "realisasi nip bukan pemilik": (lambda t: t["realisasi"][3].update(nip=dk.NIP_STAF), "realisasi.csv", 5, "nip", "bukan pemilik"),
    "realisasi duplikat": (lambda t: t["realisasi"].append(dict(t["realisasi"][0])), "realisasi.csv", 6, "id_indikator", "sudah ada di baris 2"),
    "perilaku skor 6": (lambda t: t["perilaku"][0].update(loyal="6"), "perilaku.csv", 2, "loyal", "antara 1 dan 5"),
    "perilaku skor 0,5": (lambda t: t["perilaku"][0].update(adaptif="0.5"), "perilaku.csv", 2, "adaptif", "antara 1 dan 5"),
    "perilaku penilai asing": (lambda t: t["perilaku"][0].update(nip_penilai="198001012005011009"), "perilaku.csv", 2, "nip_penilai", "tidak ada di tabel pegawai"),
    "perilaku duplikat tanpa penilai": (lambda t: t["perilaku"].append(dict(t["perilaku"][1])), "perilaku.csv", 4, "nip", "sudah ada di baris 3"),
    "umpan_balik periode salah": (lambda t: t["umpan_balik"][0].update(periode="2025-Q1"), "umpan_balik.csv", 2, "periode", "YYYY-TW1"),
    "umpan_balik rating berupa predikat": (lambda t: t["umpan_balik"][0].update(rating_hasil_kerja="Baik"), "umpan_balik.csv", 2, "rating_hasil_kerja", "bukan kode yang sah"),
    "umpan_balik duplikat": (lambda t: t["umpan_balik"].append(dict(t["umpan_balik"][0], periode="2025-tw1")), "umpan_balik.csv", 3, "nip", "sudah ada di baris 2"),
    "target_periodik di luar tahun": (lambda t: t["target_periodik"][0].update(periode="2024-TW1"), "target_periodik.csv", 2, "periode", "di luar tahun"),
    "target_periodik nol untuk naik": (lambda t: t["target_periodik"][0].update(target="0"), "target_periodik.csv", 2, "target", "arah 'turun'"),
    "target_periodik target_atas": (lambda t: t["target_periodik"][0].update(target_atas="20"), "target_periodik.csv", 2, "target_atas", "≥ target"),
    "target_periodik id asing": (lambda t: t["target_periodik"][0].update(id_indikator="IKI-9"), "target_periodik.csv", 2, "id_indikator", "tidak ada"),
    "kinerja_organisasi predikat asing": (lambda t: t["kinerja_organisasi"][0].update(predikat_organisasi="Sesuai Ekspektasi"), "kinerja_organisasi.csv", 2, "predikat_organisasi", "istimewa"),
    "kinerja_organisasi instansi asing": (lambda t: t["kinerja_organisasi"][0].update(kode_instansi="X"), "kinerja_organisasi.csv", 2, "kode_instansi", "tidak ada di tabel instansi"),
    "kinerja_organisasi duplikat": (lambda t: t["kinerja_organisasi"].append(dict(t["kinerja_organisasi"][0])), "kinerja_organisasi.csv", 3, "kode_instansi", "sudah ada di baris 2"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_rule(tmp_path, case):
    change, file, row, column, words = CASES[case]
    t = dk.tabel()
    change(t)
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == (file, row, column), str(m)
    assert words in m.pesan, str(m)


def test_value_is_named_in_the_record(tmp_path):
    t = dk.tabel()
    t["indikator"][2]["target"] = "80%"
    m = only(problems_of(tmp_path, t))
    assert m.nilai == "80%"
    assert str(m).startswith("indikator.csv:4: target: '80%'")


def test_duplicate_key_flags_every_occurrence_after_the_first(tmp_path):
    t = dk.tabel()
    t["instansi"] += [dict(t["instansi"][0]), dict(t["instansi"][0])]
    masalah = problems_of(tmp_path, t)
    assert [(m.file, m.baris, m.kolom) for m in masalah] == [("instansi.csv", 4, "kode_instansi"), ("instansi.csv", 5, "kode_instansi")]
    assert all("baris 2" in m.pesan for m in masalah)


def test_kode_instansi_unique_ignoring_case(tmp_path):
    t = dk.tabel()
    t["instansi"].append({"kode_instansi": "dinkes", "nama_instansi": "Dinkes lagi", "jenis": ""})
    m = only(problems_of(tmp_path, t))
    assert (m.baris, m.kolom) == (4, "kode_instansi") and "huruf besar/kecil" in m.pesan


def test_atasan_cycle_flags_every_row_involved(tmp_path):
    t = dk.tabel()
    t["pegawai"][0]["nip_atasan"] = dk.NIP_PPPK
    t["pegawai"][2]["nip_atasan"] = dk.NIP_KEPALA
    masalah = problems_of(tmp_path, t)
    assert [(m.baris, m.kolom) for m in masalah] == [(2, "nip_atasan"), (4, "nip_atasan")]
    assert all("siklus" in m.pesan for m in masalah)


def test_mixed_weights_flag_every_row_of_the_pegawai_year(tmp_path):
    t = dk.tabel()
    extra = dict(t["indikator"][0], id_indikator="IKI-1b", bobot="")
    t["indikator"][0]["bobot"] = "60"
    t["indikator"].append(extra)
    masalah = problems_of(tmp_path, t)
    assert [(m.baris, m.kolom) for m in masalah] == [(2, "bobot"), (5, "bobot")]
    assert all("semua IKI" in m.pesan for m in masalah)


def test_weights_given_for_every_iki_are_fine(tmp_path):
    t = dk.tabel()
    t["indikator"].append(dict(t["indikator"][0], id_indikator="IKI-1b", bobot="40"))
    t["indikator"][0]["bobot"] = "60"
    assert problems_of(tmp_path, t) == []


def test_id_indikator_atasan_of_another_year(tmp_path):
    t = dk.tabel()
    t["indikator"].append(dict(t["indikator"][0], id_indikator="IKI-1-2024", tahun="2024"))
    t["indikator"][1]["id_indikator_atasan"] = "IKI-1-2024"
    m = only(problems_of(tmp_path, t))
    assert (m.baris, m.kolom) == (3, "id_indikator_atasan") and "tahun lain" in m.pesan


def test_id_indikator_duplicate(tmp_path):
    t = dk.tabel()
    t["indikator"].append(dict(t["indikator"][2]))
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == ("indikator.csv", 5, "id_indikator")


def test_nip_duplicate(tmp_path):
    t = dk.tabel()
    t["pegawai"].append(dict(t["pegawai"][2], nip=" 19900303 202421 1 003 "))
    m = only(problems_of(tmp_path, t))
    assert (m.baris, m.kolom) == (5, "nip") and "sudah dipakai di baris 4" in m.pesan


def test_missing_required_column_cites_row_1(tmp_path):
    t = dk.tabel()
    for r in t["indikator"]:
        del r["aspek"]
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == ("indikator.csv", 1, "aspek") and "tidak ada" in m.pesan


def test_missing_required_table_cites_row_1(tmp_path):
    t = dk.tabel()
    t["realisasi"] = None
    t["rating_putusan"] = None  # with rating_putusan it would be a "data putusan" folder
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris) == ("realisasi.csv", 1) and "tabel wajib 'realisasi'" in m.pesan


def test_optional_tables_may_be_absent(tmp_path):
    t = dk.tabel()
    for name in ("perilaku", "umpan_balik", "target_periodik", "kinerja_organisasi"):
        t[name] = None
    ds = load_dataset(dk.write_csv(tmp_path / "data", t))
    assert ds.perilaku.empty and "kolaboratif" in ds.perilaku.columns
    assert ds.umpan_balik.empty and "rating_perilaku" in ds.umpan_balik.columns


def test_empty_file_cites_row_1(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "umpan_balik.csv").write_text("", encoding="utf-8")
    m = only(validate_folder(folder)[1])
    assert (m.file, m.baris) == ("umpan_balik.csv", 1) and "kosong" in m.pesan


def test_two_sources_for_one_table(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "Pegawai.xlsx").write_bytes(b"")
    masalah = validate_folder(folder)[1]
    assert {m.file for m in masalah} == {"Pegawai.xlsx", "pegawai.csv"}
    assert all(m.baris == 1 and "lebih dari satu sumber" in m.pesan for m in masalah)


def test_headers_normalised_and_two_that_collide(tmp_path):
    t = dk.tabel()
    t["instansi"] = [{"Kode Instansi": r["kode_instansi"], " NAMA-instansi ": r["nama_instansi"]} for r in t["instansi"]]
    assert problems_of(tmp_path / "a", t) == []
    t["instansi"] = [{"kode_instansi": r["Kode Instansi"], "Kode-Instansi": "X", "nama_instansi": "n"} for r in t["instansi"]]
    m = only(problems_of(tmp_path / "b", t))
    assert (m.file, m.baris, m.kolom) == ("instansi.csv", 1, "kode_instansi") and "sama dengan" in m.pesan


def test_unknown_columns_are_kept(tmp_path):
    t = dk.tabel()
    for r in t["pegawai"]:
        r["Golongan"] = "III/a"
    ds = load_dataset(dk.write_csv(tmp_path / "data", t))
    assert list(ds.pegawai["golongan"]) == ["III/a"] * 3


def test_blank_rows_keep_excel_row_numbers(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    path = folder / "indikator.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "")  # a blank line after the first data row
    lines.insert(3, ",,,,,,,,,,,,,,")  # and a row of empty cells
    path.write_text("\n".join(lines).replace(",naik,terakhir,", ",atas,terakhir,"), encoding="utf-8")
    m = only(validate_folder(folder)[1])
    assert (m.baris, m.kolom) == (6, "arah")


def test_na_like_values_are_values_not_empty_cells(tmp_path):
    t = dk.tabel()
    t["indikator"][2]["satuan"] = "-"
    t["realisasi"][3]["realisasi"] = "N/A"
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.kolom, m.nilai) == ("realisasi.csv", "realisasi", "N/A")


def test_codes_and_labels_normalise(tmp_path):
    t = dk.tabel()
    t["indikator"][0].update(jenis_rhk=" UTAMA ", arah="Naik", agregasi="Rata - Rata", aspek="Kuantitas")
    t["indikator"][1].update(jenis_rhk="", arah="", agregasi="")  # defaults
    t["umpan_balik"][0].update(rating_hasil_kerja="SESUAI", rating_perilaku="Di  Atas  Ekspektasi")
    t["kinerja_organisasi"][0]["predikat_organisasi"] = "Kurang / Misconduct"
    ds = load_dataset(dk.write_csv(tmp_path / "data", t))
    ind = ds.indikator.set_index("id_indikator")
    assert tuple(ind.loc["IKI-1", ["jenis_rhk", "arah", "agregasi", "aspek"]]) == ("utama", "naik", "rata_rata", "kuantitas")
    assert tuple(ind.loc["IKI-2", ["jenis_rhk", "arah", "agregasi"]]) == ("utama", "naik", "jumlah")
    assert tuple(ds.umpan_balik.iloc[0][["rating_hasil_kerja", "rating_perilaku"]]) == ("sesuai", "di_atas")
    assert ds.kinerja_organisasi.iloc[0]["predikat_organisasi"] == "kurang"


def test_period_codes_case_insensitive_written_canonical(tmp_path):
    t = dk.tabel()
    t["umpan_balik"][0]["periode"] = "2025-tw1"
    t["kinerja_organisasi"][0]["periode"] = "2025-s1"
    ds = load_dataset(dk.write_csv(tmp_path / "data", t))
    assert ds.umpan_balik.iloc[0]["periode"] == "2025-TW1"
    assert ds.kinerja_organisasi.iloc[0]["periode"] == "2025-S1"


def test_nip_white_space_removed_everywhere(tmp_path):
    t = dk.tabel()
    t["pegawai"][1]["nip"] = "19850215 201001 2 002"
    t["perilaku"][0]["nip_penilai"] = "19800101\u00a0200501\t1\u00a0001"
    ds = load_dataset(dk.write_csv(tmp_path / "data", t))
    assert ds.pegawai.iloc[1]["nip"] == dk.NIP_STAF
    assert ds.perilaku.iloc[0]["nip_penilai"] == dk.NIP_KEPALA


def test_problems_sorted_by_table_then_row_then_column(tmp_path):
    t = dk.tabel()
    t["realisasi"][0]["realisasi"] = "x"
    t["instansi"][1]["nama_instansi"] = ""
    t["indikator"][2]["target"] = "-1"
    t["indikator"][2]["aspek"] = "z"
    t["indikator"][0]["satuan"] = ""
    masalah = problems_of(tmp_path, t)
    assert [(m.file, m.baris, m.kolom) for m in masalah] == [
        ("instansi.csv", 3, "nama_instansi"),
        ("indikator.csv", 4, "aspek"),
        ("indikator.csv", 4, "target"),
        ("realisasi.csv", 2, "realisasi"),
    ]


def test_load_dataset_raises_with_every_problem(tmp_path):
    t = dk.tabel()
    t["instansi"][1]["nama_instansi"] = ""
    t["realisasi"][0]["realisasi"] = "x"
    with pytest.raises(DataError) as exc:
        load_dataset(dk.write_csv(tmp_path / "data", t))
    assert len(exc.value.masalah) == 2


def test_an_indikator_table_without_rows_is_reported_not_a_crash(tmp_path):
    folder = dk.write_csv(tmp_path / "data", dk.tabel())
    (folder / "indikator.csv").write_text(",".join(dk.tabel()["indikator"][0]) + "\n", encoding="utf-8")
    _, masalah = validate_folder(folder)
    assert "indikator.csv:1: tabel ini tidak berisi satu baris data pun" in [str(m) for m in masalah]
    assert "realisasi.csv:2: id_indikator: 'IKI-1' tidak ada di tabel indikator" in [str(m) for m in masalah]


# ---------------------------------------------------------------------------------------------
# issue 11, kelas 1: a control character in any text cell is a problem naming file:row:column


def test_control_character_in_nama_instansi_is_a_problem(tmp_path):
    t = dk.tabel()
    t["instansi"][0]["nama_instansi"] = "Sekretariat\x0bDaerah"
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == ("instansi.csv", 2, "nama_instansi")
    assert m.nilai == "Sekretariat\\x0bDaerah"  # shown escaped, as visible text
    assert str(m) == (
        "instansi.csv:2: nama_instansi: 'Sekretariat\\x0bDaerah' mengandung karakter kendali tak terlihat (\\x0b); hapus karakter itu"
    )


def test_nul_in_a_nip_column_is_one_problem_not_two(tmp_path):
    # The NIP reader would also call the value an invalid NIP; the cell gets one message only.
    t = dk.tabel()
    t["pegawai"][2]["nip_atasan"] = NIP_KEPALA_DENGAN_NUL
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == ("pegawai.csv", 4, "nip_atasan")
    assert "karakter kendali" in m.pesan and "(\\x00)" in m.pesan
    assert "\x00" not in str(m) and "\x00" not in m.nilai


NIP_KEPALA_DENGAN_NUL = dk.NIP_KEPALA[:8] + "\x00" + dk.NIP_KEPALA[8:]


def test_escape_in_umpan_balik_catatan_is_a_problem(tmp_path):
    t = dk.tabel()
    t["umpan_balik"][0]["catatan"] = "Pertahankan \x1b[31mkinerja"
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == ("umpan_balik.csv", 2, "catatan")
    assert m.nilai == "Pertahankan \\x1b[31mkinerja"


@pytest.mark.parametrize(
    "tabel, baris, kolom, nilai, terlihat",
    [
        ("indikator", 2, "aspek", "kuanti\x7ftas", "\\x7f"),  # a code column: DEL
        ("realisasi", 2, "id_indikator", "IKI-\x851", "\\x85"),  # a key column: C1 NEL
        ("pegawai", 2, "nama", "dr.\x0cAndi", "\\x0c"),  # form feed
        ("pegawai", 2, "keterangan", "bebas\x01", "\\x01"),  # an unknown extra column
        ("realisasi", 2, "realisasi", "9\x0b5", "\\x0b"),  # a number column: not also "bukan angka"
    ],
)
def test_control_character_in_every_kind_of_column(tmp_path, tabel, baris, kolom, nilai, terlihat):
    t = dk.tabel()
    t[tabel][baris - 2][kolom] = nilai
    masalah = problems_of(tmp_path, t)
    kendali = [m for m in masalah if "karakter kendali" in m.pesan]
    assert [(m.file, m.baris, m.kolom) for m in kendali] == [(f"{tabel}.csv", baris, kolom)], "\n".join(map(str, masalah))
    assert terlihat in kendali[0].pesan and terlihat in kendali[0].nilai
    # no other message quotes the invisible character again
    assert not [m for m in masalah if (m.baris, m.kolom) == (baris, kolom) and m is not kendali[0]]


def test_tab_and_newline_inside_text_are_kept(tmp_path):
    t = dk.tabel()
    t["instansi"][0]["nama_instansi"] = "Sekretariat\tDaerah"
    t["umpan_balik"][0]["catatan"] = "baris satu\nbaris dua\r\nbaris tiga"
    folder = dk.write_csv(tmp_path / "data", t)
    ds = load_dataset(folder)
    assert ds.instansi.loc[2, "nama_instansi"] == "Sekretariat\tDaerah"
    assert "\n" in ds.umpan_balik.loc[2, "catatan"]


def test_control_character_in_xlsx_text_cell_is_a_problem(tmp_path):
    # XML (so XLSX) can carry DEL and the C1 controls, which a report cannot show either.
    t = dk.tabel()
    t["instansi"][0]["nama_instansi"] = "Sekretariat\x9bDaerah"
    t["pegawai"][0]["jabatan"] = "Kepala\x7fDinas"
    folder = dk.write_temuan_xlsx(tmp_path / "data", t)
    masalah = validate_folder(folder)[1]
    assert [(m.file, m.baris, m.kolom, m.nilai) for m in masalah] == [
        ("data.xlsx[instansi]", 2, "nama_instansi", "Sekretariat\\x9bDaerah"),
        ("data.xlsx[pegawai]", 2, "jabatan", "Kepala\\x7fDinas"),
    ], "\n".join(map(str, masalah))


# ---------------------------------------------------------------------------------------------
# issue 11, kelas 2: a kode_instansi never collides with a name capaian writes in outputs/P/


@pytest.mark.parametrize(
    "kode, kata",
    [
        ("manifest.json", "berkas keluaran 'manifest.json'"),
        ("INDEX.HTML", "berkas keluaran 'index.html'"),
        ("nilai_pegawai.csv", "berkas keluaran 'nilai_pegawai.csv'"),
        ("Kualitas_Indikator.Xlsx", "berkas keluaran 'kualitas_indikator.xlsx'"),
        ("_kerja", "diawali '_'"),
        ("_", "diawali '_'"),
        ("DINKES.lock", "berakhiran '.lock'"),
        ("laporan.ipynb", "berakhiran '.ipynb'"),
        ("arsip.PKL", "berakhiran '.pkl'"),
    ],
)
def test_kode_instansi_colliding_with_an_output_name_is_refused(tmp_path, kode, kata):
    t = dk.tabel()
    t["instansi"].append({"kode_instansi": kode, "nama_instansi": "Instansi", "jenis": ""})
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == ("instansi.csv", 4, "kode_instansi"), str(m)
    assert kata in m.pesan and "nama folder" in m.pesan, str(m)


@pytest.mark.parametrize("kode", ["SETDA.V2", "index_html", "html", "nilai-pegawai", "DINKES_2025", "a.json.bak"])
def test_kode_instansi_near_an_output_name_is_still_legal(tmp_path, kode):
    t = dk.tabel()
    t["instansi"].append({"kode_instansi": kode, "nama_instansi": "Instansi", "jenis": ""})
    assert problems_of(tmp_path, t) == []


def test_every_file_written_in_the_period_folder_is_reserved():
    # The one list in capaian.skema must name every file a writer puts directly into outputs/P/.
    import re
    from pathlib import Path

    import capaian
    from capaian.skema import AKHIRAN_DICADANGKAN, NAMA_KELUARAN_PERIODE, alasan_kode_dicadangkan

    src = Path(capaian.__file__).parent
    ditulis = set()
    for berkas in src.glob("*.py"):
        teks = berkas.read_text(encoding="utf-8")
        ditulis |= set(re.findall(r"(?:folder|directory) / \"([^\"/]+)\"", teks))
        ditulis |= set(re.findall(r"catat_laporan_lain\(\s*\w+,\s*\"([^\"]+)\"", teks))
    # The quality report's names are computed (`nama_berkas_kualitas`): the kabupaten-wide ones
    # are listed, the ones of `kualitas --instansi K` end like a file, which no code may.
    from capaian.kualitas import nama_berkas_kualitas

    for akhiran in ("html", "ipynb", "xlsx"):
        ditulis.add(f"{nama_berkas_kualitas(None)}.{akhiran}")
        nama_k = f"{nama_berkas_kualitas(['K'])}.{akhiran}"
        assert nama_k not in NAMA_KELUARAN_PERIODE and alasan_kode_dicadangkan(nama_k.upper())
    assert {"nilai_pegawai.csv", "manifest.json", "index.html", "kualitas_indikator.xlsx", "metodologi.html"} <= ditulis
    assert ditulis <= set(NAMA_KELUARAN_PERIODE), ditulis - set(NAMA_KELUARAN_PERIODE)
    assert all(n.endswith(AKHIRAN_DICADANGKAN) and alasan_kode_dicadangkan(n.upper()) for n in NAMA_KELUARAN_PERIODE)


def test_masalah_lanjutan_dari_satu_nip_tidak_sah_ditandai_dan_penyebab_lebih_dulu(tmp_path):
    """Issue 10 butir 9: one invalid NIP in pegawai.csv makes the pegawai's IKI, perilaku and umpan
    balik missing references; those are marked as following from it, and the CLI text shows the
    cause first with its count."""
    t = dk.tabel()
    t["pegawai"][1]["nip"] = dk.NIP_STAF[:-2] + "9X"  # a typo in the pegawai table only
    t["indikator"][0]["target"] = "80%"  # an unrelated problem: a cause of its own
    t["rating_putusan"] = t["status_skp"] = None  # they would refer to the NIP too
    masalah = problems_of(tmp_path, t)
    akar = [m for m in masalah if not m.akibat_dari]
    lanjutan = [m for m in masalah if m.akibat_dari]
    assert [(m.file, m.baris, m.kolom) for m in akar] == [("pegawai.csv", 3, "nip"), ("indikator.csv", 2, "target")]
    assert len(lanjutan) == 4 and {m.akibat_dari for m in lanjutan} == {"pegawai.csv:3: nip"}
    assert all("tidak ada di tabel pegawai" in m.pesan and str(m).endswith("(akibat dari pegawai.csv:3: nip)") for m in lanjutan)
    teks = DataError(masalah).pesan_cli().splitlines()
    assert teks[0].startswith("pegawai.csv:3: nip:") and teks[0].endswith("[penyebab 4 masalah lanjutan di bawah]")
    assert teks[1].startswith("indikator.csv:2: target:")
    assert teks[2].startswith("Masalah lanjutan (4)") and all(b.startswith("  ") for b in teks[3:7])
    assert teks[-1].startswith("6 masalah ditemukan: 2 penyebab, 4 lanjutan.")


def test_rujukan_yang_nilainya_sendiri_tidak_sah_adalah_lanjutan_sel_itu(tmp_path):
    t = dk.tabel()
    t["indikator"][1]["nip"] = "19850215201001200X"
    masalah = problems_of(tmp_path, t)
    pesan = {m.pesan.split(" ", 1)[1][:20]: m.akibat_dari for m in masalah}
    assert len(masalah) == 2 and sorted(pesan.values()) == ["", "indikator.csv:3: nip"]


def test_daftar_masalah_ditulis_dengan_kolom_berbahasa_indonesia(tmp_path):
    import csv

    from capaian.masalah import KOLOM_MASALAH, write_masalah

    t = dk.tabel()
    t["pegawai"][1]["nip"] = dk.NIP_STAF[:-2] + "9X"
    masalah = problems_of(tmp_path, t)
    path = write_masalah(masalah, tmp_path / "m.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == list(KOLOM_MASALAH) == ["berkas", "baris", "kolom", "nilai", "pesan", "akibat_dari"]
    assert rows[1][5] == "" and rows[2][5] == "pegawai.csv:3: nip"


def test_skema_tanpa_dtype_gagal_sama_dengan_skema_penuh(tmp_path):
    """`_validate_schema` skips pandera's dtype checks only where it has checked the dtypes
    itself: the failures it raises are pandera's own, for bad values and for a wrong dtype."""
    import pandera.pandas as pa

    from capaian.baca import read_folder
    from capaian.skema import SKEMA
    from capaian.validasi import _Problems, _typed_table, _validate_schema

    tables = dk.tabel()
    tables["indikator"][0].update(tahun="1999", target="-5")
    raws, _ = read_folder(dk.write_csv(tmp_path / "data", tables))
    frame, _ = _typed_table(raws["indikator"], _Problems(raws["indikator"]))

    def gagal(validasi, f):
        with pytest.raises(pa.errors.SchemaErrors) as exc:
            validasi(f)
        fc = exc.value.failure_cases
        return sorted(map(str, fc[["column", "check", "check_number", "index"]].itertuples(index=False)))

    assert gagal(lambda f: _validate_schema("indikator", f), frame) == gagal(lambda f: SKEMA["indikator"].validate(f, lazy=True), frame)
    assert any("tahun" in g for g in gagal(lambda f: _validate_schema("indikator", f), frame))
    salah_tipe = frame.assign(target=frame["target"].astype("string"))
    hasil = gagal(lambda f: _validate_schema("indikator", f), salah_tipe)
    assert hasil == gagal(lambda f: SKEMA["indikator"].validate(f, lazy=True), salah_tipe)
    assert any("dtype" in g and "target" in g for g in hasil)


@pytest.mark.parametrize(
    "ubah",
    [
        None,
        lambda t: t["indikator"][0].update(tahun="1999"),  # in_range
        lambda t: t["indikator"][2].update(target="-5"),  # ge
        lambda t: t["indikator"][2].update(target="1e16"),  # the second check of a column (le)
        lambda t: t["indikator"][2].update(bobot="0"),  # in_range of an optional column
        lambda t: t["realisasi"][1].update(realisasi=""),  # an empty cell that must be filled
        lambda t: t["instansi"].append(dict(t["instansi"][0], kode_instansi=".X")),  # str_matches
        lambda t: t["perilaku"][0].update(loyal="0"),
    ],
)
def test_pemeriksaan_cepat_skema_setuju_dengan_pandera(tmp_path, ubah):
    """`_semua_lulus` lets `_validate_schema` skip pandera only where pandera finds nothing: on
    the valid tables it says so for every table, and where pandera fails a table it does not."""
    import pandera.pandas as pa

    from capaian.baca import read_folder
    from capaian.skema import SKEMA
    from capaian.validasi import _Problems, _semua_lulus, _typed_table

    tables = dk.tabel()
    if ubah is not None:
        ubah(tables)
    raws, _ = read_folder(dk.write_csv(tmp_path / "data", tables))
    gagal = []
    for tabel, raw in raws.items():
        frame, _ = _typed_table(raw, _Problems(raw))
        skema = SKEMA[tabel].to_schema()
        try:
            skema.validate(frame, lazy=True)
            lulus = True
        except pa.errors.SchemaErrors:
            lulus = False
            gagal.append(tabel)
        assert _semua_lulus(skema, frame) == lulus, tabel
    assert (gagal == []) == (ubah is None)


def test_data_putusan_tanpa_indikator_dan_realisasi_sah(tmp_path):
    t = dk.tabel()
    for nama in ("indikator", "realisasi", "target_periodik"):
        t[nama] = None
    ds = load_dataset(dk.write_csv(tmp_path / "data", t))
    assert not ds.ada_iki and ds.ada_putusan
    assert ds.rating_putusan.loc[2, "predikat"] == "baik" and ds.rating_putusan.loc[2, "rating_hasil_kerja"] == "sesuai"
    assert ds.status_skp.loc[2, "status"] == "persetujuan" and ds.status_skp["tahun"].dtype == "int64"
    assert len(ds.indikator) == 0 and list(ds.indikator.columns)[:2] == ["id_indikator", "nip"]


def test_data_putusan_kosong_tanpa_indikator_ditolak(tmp_path):
    t = dk.tabel()
    t["indikator"] = t["realisasi"] = t["target_periodik"] = None
    t["rating_putusan"] = []
    folder = tmp_path / "data"
    dk.write_csv(folder, t)
    (folder / "rating_putusan.csv").write_text(",".join(dk.nama_kolom("rating_putusan")) + "\n", encoding="utf-8")
    m = only(validate_folder(folder)[1])
    assert (m.file, m.baris) == ("rating_putusan.csv", 1) and "tidak berisi satu baris data pun" in m.pesan


@pytest.mark.parametrize(
    "tabel, kolom, isi, potongan",
    [
        ("rating_putusan", "predikat", "Istimewa", "'Istimewa' bukan kode yang sah untuk predikat"),
        ("rating_putusan", "predikat", "", "predikat wajib diisi"),
        ("rating_putusan", "rating_perilaku", "Luar Biasa", "'Luar Biasa' bukan kode yang sah untuk rating_perilaku"),
        ("rating_putusan", "periode", "2025-13", "2025-13"),
        ("rating_putusan", "nip_penilai", "199912312020121001", "'199912312020121001' tidak ada di tabel pegawai"),
        ("rating_putusan", "waktu_dinilai", "05/02/2025", "'05/02/2025' bukan tanggal yang sah"),
        ("status_skp", "status", "disetujui", "'disetujui' bukan kode yang sah untuk status; pilihan: persetujuan, pengajuan, draft"),
        ("status_skp", "tahun", "1999", "tahun harus antara 2000 dan 2100"),
        ("status_skp", "nip", "199912312020121001", "'199912312020121001' tidak ada di tabel pegawai"),
    ],
)
def test_nilai_salah_di_tabel_putusan_disebut_berkas_baris_kolom_nilai(tmp_path, tabel, kolom, isi, potongan):
    t = dk.tabel()
    t[tabel][0][kolom] = isi
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris, m.kolom) == (f"{tabel}.csv", 2, kolom)
    assert m.nilai == isi and potongan in m.pesan, m.pesan


@pytest.mark.parametrize("tabel, kunci", [("rating_putusan", "periode"), ("status_skp", "tahun")])
def test_kunci_tabel_putusan_unik(tmp_path, tabel, kunci):
    t = dk.tabel()
    t[tabel].append(dict(t[tabel][0]))
    m = only(problems_of(tmp_path, t))
    assert (m.file, m.baris) == (f"{tabel}.csv", 3) and "sudah ada di baris 2" in m.pesan


def _alasan_nip_acuan(nip) -> str | None:
    """docs/kontrak-data.md bagian 3, one NIP at a time: the reference for `nip_problem`."""
    if not isinstance(nip, str) or len(nip) != 18 or not all(c.isdecimal() for c in nip):
        return "NIP harus 18 digit angka"
    n = lambda a, b: int(nip[a:b])  # noqa: E731
    y, m, d, ty, tm, seq = n(0, 4), n(4, 6), n(6, 8), n(8, 12), n(12, 14), n(15, 18)
    hari = [0, 31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not (1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= hari[m]):
        return "tanggal lahir pada NIP (digit 1-8, YYYYMMDD) tidak sah"
    pns = 1 <= tm <= 12 and ty * 100 + tm >= y * 100 + m and 1900 <= ty <= 2100
    pppk = nip[12] == "2" and 1900 <= ty <= 2100 and ty >= y
    if not (pns or pppk):
        return "TMT pada NIP tidak sah: PNS perlu TMT CPNS YYYYMM (bulan 01-12, tidak sebelum bulan lahir); PPPK perlu tahun pengangkatan dan digit 13 = 2"
    if nip[14] not in ("1", "2"):
        return "digit jenis kelamin NIP (digit 15) harus 1 atau 2"
    if seq < 1:
        return "nomor urut NIP (digit 16-18) harus 001-999"
    return None


def test_nip_problem_sama_dengan_aturan_per_nip():
    """`nip_problem` judges all NIPs at once (one digit matrix); each reason is the one the rules
    of docs/kontrak-data.md bagian 3 give that NIP alone, whatever else is in the batch."""
    import numpy as np
    import pandas as pd

    from capaian.kode import nip_problem

    rng = np.random.default_rng(2025)
    nips = []
    for _ in range(3000):
        y, m, d = rng.integers(1890, 2110), rng.integers(0, 14), rng.integers(0, 32)
        ty = rng.integers(1890, 2110) if rng.random() < 0.5 else y + rng.integers(-2, 40)
        tm = rng.integers(0, 14) if rng.random() < 0.7 else rng.integers(20, 30)
        seq = rng.integers(0, 1000) if rng.random() < 0.8 else 0
        nips.append(f"{y:04d}{m:02d}{d:02d}{ty:04d}{tm:02d}{rng.integers(0, 4)}{seq:03d}")
    arab = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
    nips += [n.translate(arab) for n in nips[:50]] + [n[:14] + n[14:].translate(arab) for n in nips[50:100]]
    nips += [dk.NIP_KEPALA, dk.NIP_PPPK, "199002292024211003", "200002292024211003", "190002292024211003",
             "19900303202421100", "1990030320242110031", "", "abc", None]
    s = pd.Series(nips, dtype="string", index=pd.RangeIndex(7, 7 + len(nips)))
    hasil = nip_problem(s)
    assert hasil.dtype == "string" and hasil.index.equals(s.index)
    harapan = [_alasan_nip_acuan(None if pd.isna(n) else n) for n in s]
    assert [None if pd.isna(a) else a for a in hasil] == harapan
    assert len(set(harapan)) == 6  # every reason, and valid NIPs, occur
    assert nip_problem(s.iloc[:0]).empty


@pytest.mark.parametrize("pola", [r"\d{18}", r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?", r"\d{4}-(0[1-9]|1[0-2])", r"\s*\d+", r"(?=\d)\d\w"])
def test_cocok_utuh_sama_dengan_fullmatch_pandas(pola):
    """`cocok_utuh` (one Arrow call where pandas would make it) says what `str.fullmatch` says,
    on ASCII and on other digits, empty cells, line ends and patterns Arrow reads otherwise."""
    import pandas as pd

    from capaian.kode import cocok_utuh

    nilai = ["199003032024211003", "1.500.000", "85,5", "2025-03", "2025-13", "١٢٣٤", "١٩٩٠٠٣٠٣٢٠٢٤٢١١٠٠٣", "١٢٣٤-03", "12\n", " 12", "", None, "1" * 18 + "\n", "x9"]
    for data in (nilai, [v for v in nilai if v is None or v.isascii()], [None], []):
        s = pd.Series(data, dtype="string")
        harapan = s.str.fullmatch(pola).to_numpy(dtype=bool, na_value=False)
        hasil = cocok_utuh(s, pola)
        assert hasil.dtype == bool and hasil.tolist() == harapan.tolist(), (pola, data)
        objek = s.astype(object)
        assert cocok_utuh(objek.astype("string[python]"), pola).tolist() == harapan.tolist()
