"""The `capaian` command as a user runs it: exit statuses, messages, and never a traceback."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import data_kecil as dk

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    proc = subprocess.run(
        [sys.executable, "-m", "capaian.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=600,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


@pytest.fixture
def rusak(tmp_path):
    """A data folder with two problems, one of them a would-be formula."""
    t = dk.tabel()
    t["indikator"][2]["aspek"] = "=HYPERLINK(\"http://x\")"
    t["realisasi"][3]["realisasi"] = "95%"
    return dk.tulis_csv(tmp_path / "rusak", t)


def test_validasi_clean_data_exits_0(tmp_path):
    proc = run("validasi", dk.tulis_csv(tmp_path / "data", dk.tabel()))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "tidak ada masalah" in proc.stdout


def test_validasi_lists_problems_and_exits_1(rusak):
    proc = run("validasi", rusak)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("indikator.csv:4: aspek: '=HYPERLINK")
    assert lines[1].startswith("realisasi.csv:5: realisasi: '95%' bukan angka")
    assert "2 masalah" in lines[2]


def test_validasi_writes_csv_without_live_formulas(rusak, tmp_path):
    out = tmp_path / "masalah.csv"
    proc = run("validasi", rusak, "--keluaran", out)
    assert proc.returncode == 1
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["file", "baris", "kolom", "nilai", "pesan"]
    assert rows[1][:3] == ["indikator.csv", "4", "aspek"]
    assert rows[1][3] == "'=HYPERLINK(\"http://x\")"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_validasi_writes_xlsx_as_text_cells(rusak, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "masalah.xlsx"
    assert run("validasi", rusak, "--keluaran", out).returncode == 1
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == ["file", "baris", "kolom", "nilai", "pesan"]
    assert ws["D2"].value == "=HYPERLINK(\"http://x\")" and ws["D2"].data_type == "s"
    assert ws["B2"].value == 4
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_validasi_other_extension_exits_2(rusak, tmp_path):
    proc = run("validasi", rusak, "--keluaran", tmp_path / "masalah.txt")
    assert proc.returncode == 2 and ".csv atau .xlsx" in proc.stderr
    assert not (tmp_path / "masalah.txt").exists()


def test_missing_data_folder_exits_2(tmp_path):
    proc = run("validasi", tmp_path / "tidak-ada")
    assert proc.returncode == 2 and "tidak ada" in proc.stderr


def test_bad_periode_exits_2_listing_the_forms(tmp_path):
    proc = run("nilai", tmp_path, "--periode", "TW1-2025")
    assert proc.returncode == 2
    assert "2025-TW1" not in proc.stdout and "YYYY-TW1" in proc.stderr


def test_unknown_command_and_missing_argument_exit_2():
    assert run("hitung").returncode == 2
    proc = run("nilai", "data/contoh")
    assert proc.returncode == 2 and "wajib" in proc.stderr


def test_nilai_on_invalid_data_writes_nothing(rusak, tmp_path):
    out = tmp_path / "keluaran"
    proc = run("nilai", rusak, "--periode", "2025-TW1", "--keluaran", out)
    assert proc.returncode == 1
    assert "realisasi.csv:5: realisasi" in proc.stderr
    assert not (out / "2025-TW1").exists()


@pytest.mark.parametrize("verb", ["", "contoh", "validasi", "nilai", "laporan", "kualitas", "metodologi"])
def test_help_is_in_bahasa_indonesia(verb):
    proc = run(*([verb] if verb else []), "--help")
    assert proc.returncode == 0
    assert "penggunaan:" in proc.stdout and "usage:" not in proc.stdout
    assert "tampilkan bantuan ini" in proc.stdout


def test_every_command_is_documented_in_the_readme():
    from capaian.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for verb in COMMANDS:
        assert f"capaian {verb}" in readme, f"README tidak menjelaskan 'capaian {verb}'"


def test_nilai_writes_both_files(tmp_path):
    data = dk.tulis_csv(tmp_path / "data", dk.tabel())
    out = tmp_path / "keluaran"
    proc = run("nilai", data, "--periode", "2025-tw1", "--keluaran", out)
    assert proc.returncode == 0, proc.stderr
    pegawai = (out / "2025-TW1" / "nilai_pegawai.csv").read_text(encoding="utf-8").splitlines()
    assert pegawai[0] == (
        "periode,nip,nama,kode_instansi,unit_kerja,jumlah_indikator,indikator_tanpa_realisasi,capaian_hasil_kerja,"
        "rating_hasil_kerja_usulan,rating_hasil_kerja,nilai_perilaku,rating_perilaku_usulan,rating_perilaku,predikat"
    )
    assert len(pegawai) == 4
    indikator = (out / "2025-TW1" / "nilai_indikator.csv").read_text(encoding="utf-8").splitlines()
    assert indikator[0].startswith("periode,id_indikator,nip,kode_instansi,jenis_rhk,arah,agregasi,target_periode")
    assert len(indikator) == 4


def test_nilai_period_without_iki_exits_1(tmp_path):
    data = dk.tulis_csv(tmp_path / "data", dk.tabel())
    proc = run("nilai", data, "--periode", "2030-TW1", "--keluaran", tmp_path / "k")
    assert proc.returncode == 1 and "Tidak ada IKI untuk tahun 2030" in proc.stderr
    assert not (tmp_path / "k" / "2030-TW1").exists()


def test_invalid_methodology_exits_2_naming_the_key(tmp_path):
    data = dk.tulis_csv(tmp_path / "data", dk.tabel())
    bad = tmp_path / "m.yaml"
    bad.write_text("ambang:\n  sesuai: 120\n", encoding="utf-8")
    proc = run("nilai", data, "--periode", "2025-TW1", "--metodologi", bad, "--keluaran", tmp_path / "k")
    assert proc.returncode == 2 and "ambang.sesuai" in proc.stderr
    assert not (tmp_path / "k").exists()


def test_contoh_then_validasi_exits_0(tmp_path):
    proc = run("contoh", tmp_path / "x")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "x").iterdir())[:2] == ["indikator.csv", "instansi.csv"]
    proc = run("validasi", tmp_path / "x")
    assert proc.returncode == 0, proc.stdout


def test_contoh_too_few_pegawai_exits_2(tmp_path):
    proc = run("contoh", tmp_path / "x", "--pegawai", "10")
    assert proc.returncode == 2 and "sedikitnya" in proc.stderr
