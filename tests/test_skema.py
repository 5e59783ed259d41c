"""Each input table is declared once, as its pandera model; everything else is derived from it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import data_kecil as dk
from capaian import skema
from capaian.dataset import ASPEK_PERILAKU, TABLES
from capaian.kode import KODE_KOLOM
from capaian.validasi import validate_folder

README = Path(__file__).resolve().parents[1] / "data" / "README.md"

# The dtype each kind of column has in the typed frame the models check.
DTYPE = {"angka": "float64", "bulat": "Int64", "tanggal": "datetime64"}


def test_one_model_per_table_in_contract_order():
    assert list(skema.SKEMA) == list(TABLES)
    assert list(skema.KOLOM) == list(TABLES)
    for tabel, model in skema.SKEMA.items():
        assert [k.nama for k in skema.KOLOM[tabel]] == list(model.to_schema().columns)
        assert skema.nama_kolom(tabel) == list(model.to_schema().columns)
        assert set(skema.KUNCI[tabel]) <= set(skema.nama_kolom(tabel)), tabel


def test_every_column_declares_kind_rule_and_a_dtype_that_fits_the_kind():
    for tabel, model in skema.SKEMA.items():
        for nama, c in model.to_schema().columns.items():
            jenis = c.metadata["jenis"]
            assert jenis in skema.JENIS, (tabel, nama)
            assert c.description and c.description.strip(), (tabel, nama)
            assert str(c.dtype).startswith(DTYPE.get(jenis, "string")), (tabel, nama, str(c.dtype))
            # optional = may be absent and empty; a default = may be absent, never empty after reading
            assert c.required == (not c.nullable and c.default is None), (tabel, nama)


def test_required_optional_and_default_as_the_contract_says():
    k = {(t, c.nama): c for t, cs in skema.KOLOM.items() for c in cs}
    assert k["indikator", "jenis_rhk"].default == "utama" and not k["indikator", "jenis_rhk"].wajib_ada
    assert k["indikator", "arah"].default == "naik"
    assert k["indikator", "agregasi"].default == "jumlah"
    assert k["indikator", "target"].wajib_ada and not k["indikator", "target"].opsional
    assert k["indikator", "bobot"].opsional and k["indikator", "bobot"].default is None
    assert {n for (t, n), c in k.items() if c.jenis == "nip"} == {"nip", "nip_atasan", "nip_penilai"}
    assert [c.nama for c in skema.KOLOM["perilaku"] if c.jenis == "angka"] == list(ASPEK_PERILAKU)


def test_code_columns_are_the_coded_columns_and_their_rules_name_every_code():
    kode = {c.nama: c for cs in skema.KOLOM.values() for c in cs if c.jenis == "kode"}
    assert set(kode) == set(KODE_KOLOM)
    for nama, c in kode.items():
        for code in KODE_KOLOM[nama]:
            assert f"`{code}`" in c.aturan, (nama, code)
        if c.default is not None:
            assert c.default in KODE_KOLOM[nama]


def test_every_value_check_carries_its_message():
    checks = 0
    for tabel, model in skema.SKEMA.items():
        for nama, c in model.to_schema().columns.items():
            for i, cek in enumerate(c.checks):
                assert cek.error and cek.error.startswith("harus "), (tabel, nama, cek.name)
                assert skema.pesan_cek(tabel)[nama, i] == cek.error
                checks += 1
    # 17, plus the upper bound 10^15 (docs/kontrak-data.md bagian 1, "Batas angka") on target and
    # target_atas of indikator and target_periodik, and on realisasi; plus tahun of status_skp.
    assert checks == 23


def problems_of(tmp_path, change):
    t = dk.tabel()
    change(t)
    _, masalah = validate_folder(dk.write_csv(tmp_path / "data", t))
    return [str(m) for m in masalah]


# The message of each check as a user reads it, word for word.
@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t["instansi"][1].update(kode_instansi=".X"), "instansi.csv:3: kode_instansi: '.X': kode_instansi harus 1–32 karakter A-Z a-z 0-9 . _ - dan tidak diawali '.' (kode ini menjadi nama folder)"),
        (lambda t: t["indikator"][2].update(tahun="1999"), "indikator.csv:4: tahun: '1999': tahun harus antara 2000 dan 2100"),
        (lambda t: t["indikator"][2].update(target="-1"), "indikator.csv:4: target: '-1': target harus ≥ 0"),
        (lambda t: t["indikator"][2].update(target_atas="-1"), "indikator.csv:4: target_atas: '-1': target_atas harus ≥ 0"),
        (lambda t: t["indikator"][2].update(bobot="0"), "indikator.csv:4: bobot: '0': bobot harus lebih dari 0: antara 0,000001 (10^-6) dan 1.000.000 (10^6)"),
        (lambda t: t["realisasi"][3].update(bulan="2025-13"), "realisasi.csv:5: bulan: '2025-13': bulan harus berbentuk YYYY-MM dengan bulan 01–12, mis. 2025-03"),
        (lambda t: t["realisasi"][3].update(realisasi="-5"), "realisasi.csv:5: realisasi: '-5': realisasi harus ≥ 0"),
        (lambda t: t["perilaku"][0].update(loyal="6"), "perilaku.csv:2: loyal: '6': loyal harus antara 1 dan 5"),
        (lambda t: t["perilaku"][1].update(bulan="2025-3"), "perilaku.csv:3: bulan: '2025-3': bulan harus berbentuk YYYY-MM dengan bulan 01–12, mis. 2025-03"),
        (lambda t: t["target_periodik"][0].update(target="-2"), "target_periodik.csv:2: target: '-2': target harus ≥ 0"),
        (lambda t: t["pegawai"][1].update(nama=""), "pegawai.csv:3: nama: nama wajib diisi"),
    ],
)
def test_a_failed_check_reads_the_message_its_model_attached(tmp_path, change, expected):
    assert expected in problems_of(tmp_path, change)


def test_a_changed_message_on_the_check_changes_what_the_user_reads(tmp_path, monkeypatch):
    pesan = dict(skema.pesan_cek("indikator"))
    pesan["target", 0] = "harus nol atau lebih"
    monkeypatch.setattr(skema, "pesan_cek", lambda tabel: pesan if tabel == "indikator" else {})
    monkeypatch.setattr("capaian.validasi.pesan_cek", skema.pesan_cek)
    assert "indikator.csv:4: target: '-1': target harus nol atau lebih" in problems_of(tmp_path, lambda t: t["indikator"][2].update(target="-1"))


def test_data_readme_tables_are_generated_from_the_models():
    teks = README.read_text(encoding="utf-8")
    assert teks.count(skema.MULAI) == 1 and teks.count(skema.SELESAI) == 1
    assert skema.sisipkan_dokumentasi(teks) == teks, "data/README.md tertinggal dari src/capaian/skema.py: jalankan `make dokumen-data`"


def test_documentation_lists_every_column_with_kind_fill_and_rule():
    doc = skema.dokumentasi_tabel()
    for tabel, kolom in skema.KOLOM.items():
        assert f"### {tabel} (" in doc
        for k in kolom:
            assert f"| {k.nama} | " in doc and k.aturan.replace("|", "\\|") in doc, (tabel, k.nama)
    assert "| jenis_rhk | kode | bawaan `utama` |" in doc
    assert "| bobot | angka | opsional |" in doc
    assert "| target | angka | wajib |" in doc
    assert "(id_indikator, bulan) unik." in doc


def test_regenerating_rewrites_only_between_the_markers(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(f"# judul\n\nprosa\n\n{skema.MULAI}\nusang\n{skema.SELESAI}\n\nprosa akhir\n", encoding="utf-8")
    skema.main([str(path)])
    teks = path.read_text(encoding="utf-8")
    assert teks.startswith("# judul\n\nprosa\n\n" + skema.MULAI + "\n### instansi (wajib)")
    assert teks.endswith(skema.dokumentasi_tabel() + skema.SELESAI + "\n\nprosa akhir\n")
    assert "usang" not in teks
    with pytest.raises(ValueError):
        skema.sisipkan_dokumentasi("tanpa penanda")


def test_the_test_builders_take_their_columns_from_the_models():
    import bangun_data as bd

    for tabel in TABLES:
        assert list(bd.tabel(tabel, []).columns) == skema.nama_kolom(tabel)
        assert list(dk.tabel()[tabel][0]) == skema.nama_kolom(tabel)
    assert bd.tabel("indikator", [])["tahun"].dtype == "int64"
    assert bd.tabel("realisasi", [])["tanggal_lapor"].dtype.kind == "M"
    assert isinstance(bd.tabel("pegawai", [])["nip"].dtype, pd.StringDtype)
