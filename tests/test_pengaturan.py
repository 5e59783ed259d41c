"""The settings files (capaian.pengaturan): the methodology defaults, merging a partial file,
every documented error; the one strict YAML reader and error translator shared by the
methodology, the quality thresholds and the assumptions log."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pydantic
import pytest

from capaian import pengaturan, sumber
from capaian.pengaturan import (
    BERKAS_BAWAAN,
    AsumsiError,
    AturanKualitas,
    AturanKualitasError,
    Metodologi,
    MetodologiError,
    load_asumsi,
    load_aturan_kualitas,
    load_metodologi,
)

from conftest import ROOT

# docs/metodologi.md bagian 0, as data.
BAWAAN = {
    "versi": "2025.1",
    "capaian": {"batas_atas": 120, "tanpa_realisasi": "nol"},
    "ambang": {"di_atas": 110, "sesuai": 90},
    "rating_hasil_kerja": {"metode": "proporsi"},
    "perilaku": {"ambang": {"di_atas": 4.0, "sesuai": 3.0}},
    "predikat": {
        "di_atas": {"di_bawah": "kurang", "sesuai": "baik", "di_atas": "sangat_baik"},
        "sesuai": {"di_bawah": "kurang", "sesuai": "baik", "di_atas": "baik"},
        "di_bawah": {"di_bawah": "sangat_kurang", "sesuai": "butuh_perbaikan", "di_atas": "butuh_perbaikan"},
    },
    "kurva": {
        "istimewa": [{"predikat": ["sangat_baik"], "maks": 0.70}],
        "baik": [{"predikat": ["baik"], "maks": 0.70}, {"predikat": ["butuh_perbaikan", "kurang"], "lebih_dari": 0}],
        "butuh_perbaikan": [{"predikat": ["sangat_baik"], "maks": 0.10}, {"predikat": ["butuh_perbaikan"], "min": 0.60}],
        "kurang": [
            {"predikat": ["sangat_baik"], "maks": 0.10},
            {"predikat": ["butuh_perbaikan"], "min": 0.10},
            {"predikat": ["kurang"], "min": 0.60},
        ],
        "sangat_kurang": [
            {"predikat": ["sangat_baik"], "maks": 0},
            {"predikat": ["butuh_perbaikan", "kurang"], "min": 0.10},
            {"predikat": ["sangat_kurang"], "min": 0.60},
        ],
    },
    "angka_kredit": {"sangat_baik": 150, "baik": 100, "butuh_perbaikan": 75, "kurang": 50, "sangat_kurang": 25},
    "koefisien_angka_kredit": {
        "pemula": 3.75, "terampil": 5, "mahir": 12.5, "penyelia": 25,
        "ahli_pertama": 12.5, "ahli_muda": 25, "ahli_madya": 37.5, "ahli_utama": 50,
    },
}


def write(tmp_path: Path, isi: str) -> Path:
    path = tmp_path / "metodologi.yaml"
    path.write_text(textwrap.dedent(isi), encoding="utf-8")
    return path


def galat(tmp_path: Path, isi: str) -> MetodologiError:
    with pytest.raises(MetodologiError) as info:
        load_metodologi(write(tmp_path, isi))
    return info.value


# ---------------------------------------------------------------------------------------------
# Defaults


def test_bawaan_sesuai_metodologi_md():
    assert load_metodologi().to_dict() == BAWAAN


def test_setiap_entri_bawaan_mencatat_sumber_dan_keyakinan():
    # Each top-level section is one block (up to the next blank line); `capaian` has two entries.
    teks = BERKAS_BAWAAN.read_text(encoding="utf-8")
    blok = {b.split(":", 1)[0]: b for b in teks.split("\n\n") if b[:1].isalpha()}
    entri = {"capaian": 2, "ambang": 1, "rating_hasil_kerja": 1, "perilaku": 1, "predikat": 1, "kurva": 1, "angka_kredit": 1, "koefisien_angka_kredit": 1}
    for kunci, jumlah in entri.items():
        assert blok[kunci].count("Sumber:") == jumlah and blok[kunci].count("Keyakinan:") == jumlah, kunci


def test_params_dapat_dimuat_sebagai_berkas_pengguna():
    assert load_metodologi(ROOT / "params" / "metodologi.yaml") == load_metodologi()


def test_sel_matriks_dan_aturan_kurva_dapat_dibaca():
    m = load_metodologi()
    assert m.predikat.sel("di_atas", "di_atas") == "sangat_baik"
    aturan = m.kurva.aturan("baik")[1]
    assert (aturan.predikat, aturan.syarat, aturan.batas) == (("butuh_perbaikan", "kurang"), "lebih_dari", 0)


# ---------------------------------------------------------------------------------------------
# Merging a partial file over the defaults


def test_satu_kunci_saja_adalah_alternatif_lengkap(tmp_path):
    m = load_metodologi(write(tmp_path, "rating_hasil_kerja: {metode: rata_rata}\n"))
    assert m.rating_hasil_kerja.metode == "rata_rata"
    assert m.to_dict() == BAWAAN | {"rating_hasil_kerja": {"metode": "rata_rata"}}


def test_pemetaan_digabung_kunci_demi_kunci(tmp_path):
    m = load_metodologi(write(tmp_path, "ambang: {sesuai: 85}\npredikat: {sesuai: {di_atas: sangat_baik}}\n"))
    assert (m.ambang.di_atas, m.ambang.sesuai) == (110, 85)
    assert m.predikat.sel("sesuai", "di_atas") == "sangat_baik"
    assert m.predikat.sel("sesuai", "sesuai") == "baik"


def test_daftar_diganti_utuh(tmp_path):
    m = load_metodologi(write(tmp_path, "kurva:\n  baik:\n    - {predikat: [sangat_baik], maks: 0.2}\n"))
    assert [(a.predikat, a.syarat, a.batas) for a in m.kurva.baik] == [(("sangat_baik",), "maks", 0.2)]
    assert len(m.kurva.kurang) == 3  # other organisation predikat keep their defaults


def test_null_berarti_tanpa_batas_atas(tmp_path):
    assert load_metodologi(write(tmp_path, "capaian: {batas_atas: null}\n")).capaian.batas_atas is None


def test_berkas_kosong_tidak_mengubah_apa_pun(tmp_path):
    assert load_metodologi(write(tmp_path, "# hanya komentar\n")) == load_metodologi()


def test_dengan_membuat_alternatif_tanpa_mengubah_asal():
    m = load_metodologi()
    alt = m.dengan(rating_hasil_kerja={"metode": "rata_rata"}, capaian={"batas_atas": None})
    assert alt.rating_hasil_kerja.metode == "rata_rata" and alt.capaian.batas_atas is None
    assert alt.capaian.tanpa_realisasi == "nol"
    assert m.rating_hasil_kerja.metode == "proporsi"
    assert m.dengan({"ambang": {"sesuai": 80}}).ambang.sesuai == 80
    with pytest.raises(MetodologiError, match=r"ambang\.sesuai"):
        m.dengan(ambang={"sesuai": 120})


def test_metodologi_tidak_dapat_diubah_di_tempat():
    m = load_metodologi()
    with pytest.raises(pydantic.ValidationError):
        m.ambang.sesuai = 80  # type: ignore[misc]


def test_to_dict_dapat_dimuat_kembali():
    m = load_metodologi().dengan(capaian={"tanpa_realisasi": "abaikan"})
    assert Metodologi.dari_mapping(m.to_dict()) == m


# ---------------------------------------------------------------------------------------------
# Errors: each names the key, in Bahasa Indonesia


def test_galat_adalah_valueerror_yang_menyebut_berkas(tmp_path):
    e = galat(tmp_path, "ambang: {sesuai: 120}\n")
    assert isinstance(e, ValueError)
    assert "metodologi.yaml" in str(e) and e.berkas.endswith("metodologi.yaml")


def test_berkas_tidak_ada(tmp_path):
    with pytest.raises(MetodologiError, match="berkas tidak ditemukan"):
        load_metodologi(tmp_path / "tidak_ada.yaml")


def test_folder_bukan_berkas(tmp_path):
    with pytest.raises(MetodologiError, match="folder"):
        load_metodologi(tmp_path)


def test_bukan_utf8(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes("versi: \"caf\xe9\"\n".encode("cp1252"))
    with pytest.raises(MetodologiError, match="UTF-8"):
        load_metodologi(path)


def test_yaml_rusak_menyebut_baris(tmp_path):
    e = galat(tmp_path, "ambang:\n  di_atas: [110\n  sesuai: 90\n")
    assert "YAML tidak sah" in str(e) and "baris" in str(e)


def test_kunci_ganda_dalam_yaml(tmp_path):
    e = galat(tmp_path, "ambang:\n  sesuai: 90\n  sesuai: 85\n")
    assert "sesuai" in str(e) and "lebih dari sekali" in str(e)


def test_yaml_yang_sama_dibaca_ulang_tanpa_berbagi_isi(tmp_path):
    """read_yaml keeps each text it parsed (capaian.pengaturan._ISI_TERBACA): a caller that
    changes what it got changes nothing for the next caller; a changed file is read as changed;
    a file that fails fails every time, also after its text was once good."""
    path = tmp_path / "m.yaml"
    path.write_text("ambang:\n  sesuai: 90\ndaftar: [1, 2]\n", encoding="utf-8")
    pertama = pengaturan.read_yaml(path, MetodologiError)
    pertama["ambang"]["sesuai"] = 0
    pertama["daftar"].append(3)
    assert pengaturan.read_yaml(path, MetodologiError) == {"ambang": {"sesuai": 90}, "daftar": [1, 2]}
    path.write_text("ambang:\n  sesuai: 85\n", encoding="utf-8")
    assert pengaturan.read_yaml(path, MetodologiError) == {"ambang": {"sesuai": 85}}
    path.write_text("ambang:\n  sesuai: 85\n  sesuai: 80\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(MetodologiError, match="lebih dari sekali"):
            pengaturan.read_yaml(path, MetodologiError)
    path.unlink()
    with pytest.raises(MetodologiError, match="berkas tidak ditemukan"):
        pengaturan.read_yaml(path, MetodologiError)


def test_isi_bukan_pemetaan(tmp_path):
    assert "pemetaan" in str(galat(tmp_path, "- satu\n- dua\n"))


@pytest.mark.parametrize(
    ("isi", "kunci", "pesan"),
    [
        ("ambng: {sesuai: 90}\n", "ambng", "kunci tidak dikenal"),
        ("ambang: {baik: 90}\n", "ambang.baik", "kunci yang sah: di_atas, sesuai"),
        ("ambang: {sesuai: '90'}\n", "ambang.sesuai", "harus berupa angka"),
        ("ambang: {sesuai: 110}\n", "ambang.sesuai", "harus lebih kecil dari di_atas"),
        ("ambang: {sesuai: 120}\n", "ambang.sesuai", "harus lebih kecil dari di_atas"),
        ("ambang: {sesuai: -1}\n", "ambang.sesuai", "tidak boleh negatif"),
        ("perilaku: {ambang: {sesuai: 4.5}}\n", "perilaku.ambang.sesuai", "harus lebih kecil dari di_atas"),
        ("perilaku: {ambang: {di_atas: 6}}\n", "perilaku.ambang.di_atas", "antara 1 dan 5"),
        ("rating_hasil_kerja: {metode: median}\n", "rating_hasil_kerja.metode", "'proporsi', 'rata_rata'"),
        ("capaian: {tanpa_realisasi: kosong}\n", "capaian.tanpa_realisasi", "'nol', 'abaikan'"),
        ("capaian: {batas_atas: 0}\n", "capaian.batas_atas", "lebih besar dari 0"),
        ("capaian: {batas_atas: 120%}\n", "capaian.batas_atas", "harus berupa angka"),
        ("capaian: 120\n", "capaian", "pemetaan"),
        ("versi: 2025.2\n", "versi", "harus berupa teks"),
        ("predikat: {sesuai: {di_atas: hebat}}\n", "predikat.sesuai.di_atas", "'sangat_baik'"),
        ("predikat: {sesuai: {di_atas: istimewa}}\n", "predikat.sesuai.di_atas", "tidak dikenal"),
        ("predikat: {luar_biasa: {di_atas: baik}}\n", "predikat.luar_biasa", "kunci tidak dikenal"),
        ("kurva: {luar_biasa: []}\n", "kurva.luar_biasa", "kunci tidak dikenal"),
        ("kurva: {baik: [{predikat: [hebat], maks: 0.5}]}\n", "kurva.baik[1].predikat[1]", "tidak dikenal"),
        ("kurva: {baik: [{predikat: [istimewa], maks: 0.5}]}\n", "kurva.baik[1].predikat[1]", "tidak dikenal"),
        ("kurva: {baik: [{predikat: [], maks: 0.5}]}\n", "kurva.baik[1].predikat", "tidak boleh kosong"),
        ("kurva: {baik: [{predikat: [baik, baik], maks: 0.5}]}\n", "kurva.baik[1].predikat", "lebih dari sekali"),
        ("kurva: {baik: [{predikat: [baik], maks: 70}]}\n", "kurva.baik[1].maks", "70% ditulis 0.70"),
        ("kurva: {baik: [{predikat: [baik]}]}\n", "kurva.baik[1]", "tepat satu syarat"),
        ("kurva: {baik: [{predikat: [baik], maks: 0.7, min: 0.1}]}\n", "kurva.baik[1]", "tepat satu syarat"),
        ("kurva: {baik: [{predikat: [baik], kurang_dari: 0.7}]}\n", "kurva.baik[1].kurang_dari", "kunci tidak dikenal"),
        ("angka_kredit: {baik: -5}\n", "angka_kredit.baik", "tidak boleh negatif"),
        ("angka_kredit: {luar_biasa: 200}\n", "angka_kredit.luar_biasa", "kunci tidak dikenal"),
    ],
)
def test_galat_menyebut_kunci(tmp_path, isi, kunci, pesan):
    e = galat(tmp_path, isi)
    assert e.kunci == kunci
    assert f"{kunci}: " in str(e) and pesan in str(e)


def test_sel_matriks_yang_hilang():
    data = load_metodologi().to_dict()
    del data["predikat"]["sesuai"]["di_atas"]
    with pytest.raises(MetodologiError) as info:
        Metodologi.dari_mapping(data)
    assert info.value.kunci == "predikat.sesuai.di_atas"
    assert "sel matriks predikat tidak ada" in str(info.value)


def test_kunci_wajib_yang_hilang():
    data = load_metodologi().to_dict()
    del data["angka_kredit"]
    with pytest.raises(MetodologiError, match="angka_kredit: wajib ada"):
        Metodologi.dari_mapping(data)


def test_semua_masalah_dilaporkan_sekaligus(tmp_path):
    e = galat(tmp_path, "ambang: {sesuai: 120}\nrating_hasil_kerja: {metode: median}\n")
    assert [k for k, _ in e.masalah] == ["ambang.sesuai", "rating_hasil_kerja.metode"]


# ---------------------------------------------------------------------------------------------
# One strict reader for the three files: a key written twice is refused, naming key and lines


def test_kunci_ganda_metodologi_menyebut_jalur_dan_baris(tmp_path):
    e = galat(tmp_path, "versi: '1'\nambang:\n  sesuai: 90\n  di_atas: 110\n  sesuai: 85\n")
    assert e.kunci == "ambang.sesuai"
    assert "kunci 'sesuai' ditulis lebih dari sekali (baris 3 dan baris 5)" in str(e)


def test_kunci_ganda_metodologi_lewat_cli_keluar_2(tmp_path, capsys):
    from capaian import cli

    berkas = write(tmp_path, "capaian:\n  batas_atas: 120\ncapaian:\n  batas_atas: 150\n")
    status = cli.main(["nilai", str(ROOT / "data" / "contoh"), "--periode", "2025-TW1", "--metodologi", str(berkas),
                       "--keluaran", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 2
    assert "capaian: kunci 'capaian' ditulis lebih dari sekali (baris 1 dan baris 3)" in err, err
    assert not (tmp_path / "out").exists()


def test_kunci_ganda_aturan_kualitas(tmp_path):
    f = tmp_path / "kualitas.yaml"
    f.write_text("hari_batas_lapor: 10\nmin_salinan: 5\nhari_batas_lapor: 12\n", encoding="utf-8")
    with pytest.raises(AturanKualitasError) as e:
        load_aturan_kualitas(f)
    assert e.value.kunci == "hari_batas_lapor" and e.value.status == 2
    assert "kunci 'hari_batas_lapor' ditulis lebih dari sekali (baris 1 dan baris 3)" in str(e.value)


def test_kunci_ganda_log_asumsi(tmp_path):
    f = tmp_path / "asumsi.yaml"
    f.write_text(
        "- kode: A01\n  topik: t\n  asumsi: a\n  sumber: s\n  keyakinan: sedang\n  dampak: d\n"
        "- kode: A02\n  topik: t\n  asumsi: a\n  sumber: s\n  keyakinan: sedang\n  dampak: d\n  keyakinan: tinggi\n",
        encoding="utf-8",
    )
    with pytest.raises(AsumsiError) as e:
        load_asumsi(f)
    assert e.value.kunci == "entri ke-2: keyakinan" and e.value.status == 2
    assert "kunci 'keyakinan' ditulis lebih dari sekali (baris 11 dan baris 13)" in str(e.value)


def test_kunci_sama_di_pemetaan_berbeda_bukan_ganda(tmp_path):
    # `sesuai` under ambang and under perilaku.ambang are two keys, not one written twice.
    m = load_metodologi(write(tmp_path, "ambang: {sesuai: 85}\nperilaku: {ambang: {sesuai: 3.5}}\n"))
    assert (m.ambang.sesuai, m.perilaku.ambang.sesuai) == (85, 3.5)


def test_yaml_rusak_di_ketiga_berkas_menyebut_baris(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text("a: [1\nb: 2\n", encoding="utf-8")
    for muat, jenis in ((load_metodologi, MetodologiError), (load_aturan_kualitas, AturanKualitasError), (load_asumsi, AsumsiError)):
        with pytest.raises(jenis, match=r"YAML tidak sah: baris \d+, kolom \d+"):
            muat(f)


def test_satu_penerjemah_untuk_ketiga_model(tmp_path):
    f = tmp_path / "kualitas.yaml"
    f.write_text("min_salinan: 2.5\nhari_batas_lapor: sepuluh\n", encoding="utf-8")
    with pytest.raises(AturanKualitasError) as e:
        load_aturan_kualitas(f)
    assert sorted(e.value.masalah) == [("hari_batas_lapor", "harus berupa bilangan bulat"), ("min_salinan", "harus berupa bilangan bulat")]
    f = tmp_path / "asumsi.yaml"
    f.write_text("- {kode: A01, topik: t, asumsi: a, sumber: s, keyakinan: pasti, dampak: d, catatan: x}\n", encoding="utf-8")
    with pytest.raises(AsumsiError) as e:
        load_asumsi(f)
    assert e.value.masalah == [
        ("entri ke-1 (A01): keyakinan", "nilai 'pasti' tidak dikenal; pilihan: 'tinggi', 'sedang', 'rendah'"),
        ("entri ke-1 (A01): catatan", "kunci tidak dikenal; kunci yang sah: " + ", ".join(pengaturan.Asumsi.model_fields)),
    ]


# ---------------------------------------------------------------------------------------------
# The quality thresholds have one source: the packaged params/kualitas.yaml


def test_aturan_kualitas_tidak_punya_angka_bawaan_di_kode():
    assert all(f.is_required() for f in AturanKualitas.model_fields.values())


def test_aturan_kualitas_bawaan_dibaca_dari_berkas_paket(tmp_path, monkeypatch):
    asli = sumber.berkas_params("kualitas.yaml").read_text(encoding="utf-8")
    assert "\nhari_batas_lapor: 10\n" in asli
    paket = tmp_path / "paket"
    paket.mkdir()
    (paket / "kualitas.yaml").write_text(asli.replace("\nhari_batas_lapor: 10\n", "\nhari_batas_lapor: 15\n"), encoding="utf-8")
    monkeypatch.setattr(sumber, "berkas_params", lambda nama: paket / nama)
    monkeypatch.chdir(tmp_path)  # no params/kualitas.yaml in this working folder
    pengaturan.aturan_kualitas_bawaan.cache_clear()
    try:
        assert pengaturan.aturan_kualitas_bawaan().hari_batas_lapor == 15
        assert load_aturan_kualitas().hari_batas_lapor == 15
        (paket / "kualitas.yaml").write_text(asli.replace("\nhari_batas_lapor: 10\n", "\n"), encoding="utf-8")
        pengaturan.aturan_kualitas_bawaan.cache_clear()
        with pytest.raises(AturanKualitasError, match="hari_batas_lapor: wajib ada"):
            pengaturan.aturan_kualitas_bawaan()
    finally:
        pengaturan.aturan_kualitas_bawaan.cache_clear()


def test_aturan_kualitas_folder_kerja_didahulukan(tmp_path, monkeypatch):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "kualitas.yaml").write_text("min_salinan: 12\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    a = load_aturan_kualitas()
    assert a.min_salinan == 12
    assert a.dengan(min_salinan=10) == pengaturan.aturan_kualitas_bawaan()
