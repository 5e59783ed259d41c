"""The `capaian` command as a user runs it: exit statuses, messages, and never a traceback.

Most tests call `capaian.cli.main(argv)` in this process (fast). One smoke test per command runs
the installed `capaian` program in a fresh process: the entry point, the exit status, no traceback.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import data_kecil as dk
from capaian import cli
from capaian.contoh import TABEL_CONTOH
from capaian.galat import DataError, GalatPengaturan, InstansiTidakDikenal, PeriodeTanpaIndikator

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Hasil:
    status: int
    out: str
    err: str


@pytest.fixture
def capaian(capsys, monkeypatch):
    """`capaian ARGS` in this process, from the repository root (as a user in the project folder)."""
    monkeypatch.chdir(ROOT)

    def jalan(*args) -> Hasil:
        capsys.readouterr()
        status = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, err
        return Hasil(status, out, err)

    return jalan


def program(*args) -> subprocess.CompletedProcess:
    """The `capaian` program next to this interpreter (else `python -m capaian.cli`), in a fresh
    process run from the repository root."""
    exe = Path(sys.executable).with_name("capaian")
    perintah = [str(exe)] if exe.exists() else [sys.executable, "-m", "capaian.cli"]
    proc = subprocess.run([*perintah, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


@pytest.fixture
def rusak(tmp_path):
    """A data folder with two problems, one of them a would-be formula."""
    t = dk.tabel()
    t["indikator"][2]["aspek"] = "=HYPERLINK(\"http://x\")"
    t["realisasi"][3]["realisasi"] = "95%"
    return dk.write_csv(tmp_path / "rusak", t)


@pytest.fixture
def bersih(tmp_path):
    return dk.write_csv(tmp_path / "data", dk.tabel())


# ---------------------------------------------------------------------------------------------
# validasi


def test_validasi_clean_data_exits_0(capaian, bersih):
    r = capaian("validasi", bersih)
    assert r.status == 0, r.out + r.err
    assert "tidak ada masalah" in r.out


def test_validasi_lists_problems_and_exits_1(capaian, rusak):
    r = capaian("validasi", rusak)
    assert r.status == 1
    lines = r.out.splitlines()
    assert lines[0].startswith("indikator.csv:4: aspek: '=HYPERLINK")
    assert lines[1].startswith("realisasi.csv:5: realisasi: '95%' bukan angka")
    assert lines[2] == "2 masalah ditemukan. Perbaiki data lalu jalankan lagi."
    assert len(lines) == 3


def test_validasi_writes_csv_without_live_formulas(capaian, rusak, tmp_path):
    out = tmp_path / "masalah.csv"
    assert capaian("validasi", rusak, "--keluaran", out).status == 1
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["berkas", "baris", "kolom", "nilai", "pesan", "akibat_dari"]
    assert rows[1][:3] == ["indikator.csv", "4", "aspek"]
    assert rows[1][3] == "'=HYPERLINK(\"http://x\")"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_validasi_writes_xlsx_as_text_cells(capaian, rusak, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "masalah.xlsx"
    assert capaian("validasi", rusak, "--keluaran", out).status == 1
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == ["berkas", "baris", "kolom", "nilai", "pesan", "akibat_dari"]
    assert ws["D2"].value == "=HYPERLINK(\"http://x\")" and ws["D2"].data_type == "s"
    assert ws["B2"].value == 4
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_validasi_other_extension_exits_2(capaian, rusak, tmp_path):
    r = capaian("validasi", rusak, "--keluaran", tmp_path / "masalah.txt")
    assert r.status == 2 and ".csv atau .xlsx" in r.err and r.out == ""
    assert not (tmp_path / "masalah.txt").exists()


@pytest.mark.parametrize("perintah", ["validasi", "nilai", "laporan", "kualitas", "metodologi"])
def test_missing_data_folder_exits_2(capaian, tmp_path, perintah):
    periode = [] if perintah == "validasi" else ["--periode", "2025-TW1", "--keluaran", tmp_path / "k"]
    r = capaian(perintah, tmp_path / "tidak-ada", *periode)
    assert r.status == 2 and r.out == ""
    assert r.err == f"capaian: galat: folder data '{tmp_path / 'tidak-ada'}' tidak ada atau bukan folder\n"
    assert not (tmp_path / "k").exists()


# ---------------------------------------------------------------------------------------------
# argparse: its errors on stderr with exit 2, its help on stdout with exit 0, in Bahasa Indonesia


@pytest.mark.parametrize(
    "argv, pesan",
    [
        (["nilai", "data", "--periode", "TW1-2025"], "argumen --periode: kode periode 'TW1-2025' tidak dikenal"),
        (["hitung"], "argumen PERINTAH: pilihan tidak sah: 'hitung'"),
        (["nilai", "data/contoh"], "argumen berikut wajib diisi: --periode"),
        (["contoh", "x", "--pegawai", "nol"], "argumen --pegawai: 'nol' bukan bilangan bulat"),
        (["validasi", "data", "--tidak-ada"], "argumen tidak dikenal: --tidak-ada"),
    ],
)
def test_argparse_errors_go_to_stderr_with_exit_2(capaian, argv, pesan):
    r = capaian(*argv)
    assert r.status == 2
    assert r.out == ""  # not a byte on stdout: a script reading it gets nothing half-written
    assert r.err.startswith("penggunaan: capaian")
    assert f"capaian {argv[0]}: galat: " in r.err or "capaian: galat: " in r.err
    assert pesan in r.err


def test_bad_periode_lists_the_forms(capaian, tmp_path):
    r = capaian("nilai", tmp_path, "--periode", "TW1-2025")
    assert r.status == 2 and "YYYY-TW1" in r.err and r.out == ""


@pytest.mark.parametrize("verb", ["", "contoh", "validasi", "nilai", "laporan", "kualitas", "metodologi"])
def test_help_is_in_bahasa_indonesia(capaian, verb):
    r = capaian(*([verb] if verb else []), "--help")
    assert r.status == 0 and r.err == ""
    assert r.out.startswith("penggunaan:") and "usage:" not in r.out
    assert "tampilkan bantuan ini" in r.out and "opsi:" in r.out


def test_no_command_prints_help_and_exits_2(capaian):
    r = capaian()
    assert r.status == 2 and r.out.startswith("penggunaan:") and "PERINTAH" in r.out


def test_versi(capaian):
    from capaian import __version__

    r = capaian("--versi")
    assert r.status == 0 and r.out == f"capaian {__version__}\n"


def test_argparse_translation_stays_inside_the_command(capaian):
    """The translation is not a side effect of importing or running the CLI: afterwards any other
    argparse user in the process speaks English again."""
    assert argparse._("usage: ") == "usage: "
    capaian("--help")
    capaian("hitung")
    assert argparse._("usage: ") == "usage: "
    bantuan = argparse.ArgumentParser(prog="lain").format_help()
    assert bantuan.startswith("usage: lain") and "show this help message" in bantuan


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for verb in cli.COMMANDS:
        assert f"capaian {verb}" in readme, f"README tidak menjelaskan 'capaian {verb}'"


# ---------------------------------------------------------------------------------------------
# nilai


def test_nilai_writes_both_files(capaian, bersih, tmp_path):
    out = tmp_path / "keluaran"
    r = capaian("nilai", bersih, "--periode", "2025-tw1", "--keluaran", out)
    assert r.status == 0, r.err
    assert r.out.splitlines() == [f"ditulis: {out / '2025-TW1' / n}" for n in ("nilai_pegawai.csv", "nilai_indikator.csv")]
    pegawai = (out / "2025-TW1" / "nilai_pegawai.csv").read_text(encoding="utf-8").splitlines()
    assert pegawai[0] == (
        "periode,nip,nama,kode_instansi,unit_kerja,jumlah_indikator,indikator_tanpa_realisasi,capaian_hasil_kerja,"
        "rating_hasil_kerja_usulan,rating_hasil_kerja,nilai_perilaku,rating_perilaku_usulan,rating_perilaku,predikat"
    )
    assert len(pegawai) == 4
    indikator = (out / "2025-TW1" / "nilai_indikator.csv").read_text(encoding="utf-8").splitlines()
    assert indikator[0].startswith("periode,id_indikator,nip,kode_instansi,jenis_rhk,arah,agregasi,target_periode")
    assert len(indikator) == 4


def test_nilai_on_invalid_data_writes_nothing(capaian, rusak, tmp_path):
    out = tmp_path / "keluaran"
    r = capaian("nilai", rusak, "--periode", "2025-TW1", "--keluaran", out)
    assert r.status == 1 and r.out == ""
    assert "realisasi.csv:5: realisasi" in r.err
    assert r.err.endswith("2 masalah ditemukan. Perbaiki data lalu jalankan lagi.\n")
    assert not out.exists()


def test_nilai_period_without_iki_exits_1(capaian, bersih, tmp_path):
    r = capaian("nilai", bersih, "--periode", "2030-TW1", "--keluaran", tmp_path / "k")
    assert r.status == 1 and "Tidak ada IKI untuk tahun 2030" in r.err
    assert not (tmp_path / "k" / "2030-TW1").exists()


def test_invalid_methodology_exits_2_naming_the_key(capaian, bersih, tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("ambang:\n  sesuai: 120\n", encoding="utf-8")
    r = capaian("nilai", bersih, "--periode", "2025-TW1", "--metodologi", bad, "--keluaran", tmp_path / "k")
    assert r.status == 2 and "ambang.sesuai" in r.err and r.err.startswith("capaian: galat metodologi: ")
    assert not (tmp_path / "k").exists()


# ---------------------------------------------------------------------------------------------
# contoh


def test_contoh_too_few_pegawai_exits_2(capaian, tmp_path):
    r = capaian("contoh", tmp_path / "x", "--pegawai", "10")
    assert r.status == 2 and "sedikitnya" in r.err and r.out == ""
    assert not (tmp_path / "x").exists()


def test_contoh_onto_a_file_exits_2(capaian, tmp_path):
    (tmp_path / "berkas").write_text("", encoding="utf-8")
    r = capaian("contoh", tmp_path / "berkas")
    assert r.status == 2 and "bukan folder" in r.err


# Issue 11, class 9: the sample never mixes with tables already in the folder


@pytest.mark.parametrize("berkas", ["pegawai.csv", "data.xlsx", "PEGAWAI.XLSX"])
def test_contoh_into_a_folder_with_a_table_refuses_and_writes_nothing(capaian, tmp_path, berkas):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / berkas).write_bytes(b"milik pengguna")
    r = capaian("contoh", folder)
    assert r.status == 2 and r.out == ""
    assert f"folder '{folder}' sudah berisi berkas data ({berkas})" in r.err
    assert sorted(p.name for p in folder.iterdir()) == [berkas]  # no sample file, no leftover
    assert (folder / berkas).read_bytes() == b"milik pengguna"


def test_contoh_into_a_folder_with_other_files_writes_a_valid_set(capaian, tmp_path):
    from capaian.validasi import validate_folder

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "catatan.txt").write_text("bukan tabel", encoding="utf-8")
    (folder / "pegawai.csv.bak").write_text("salinan lama", encoding="utf-8")
    r = capaian("contoh", folder)
    assert r.status == 0
    assert validate_folder(folder)[1] == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(["catatan.txt", "pegawai.csv.bak", *(f"{t}.csv" for t in TABEL_CONTOH)])


def test_contoh_interrupted_while_writing_leaves_no_table_file(tmp_path, monkeypatch):
    from capaian import contoh

    tulis = contoh.tulis_csv
    ditulis = []

    def putus(tabel, path):
        if len(ditulis) == 5:
            raise KeyboardInterrupt
        tulis(tabel, path)
        ditulis.append(path)

    monkeypatch.setattr(contoh, "tulis_csv", putus)
    folder = tmp_path / "data"
    with pytest.raises(KeyboardInterrupt):
        contoh.write_sample(folder)
    assert len(ditulis) == 5 and list(folder.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# main: one place that turns a user's mistake into a message and a status


@pytest.mark.parametrize(
    "galat, status",
    [
        (InstansiTidakDikenal(["ZETA"], ["ALFA", "BETA"]), 2),
        (GalatPengaturan([("ambang.sesuai", "harus angka")], "m.yaml"), 2),
        (PeriodeTanpaIndikator(type("P", (), {"tahun": 2030, "kode": "2030"})()), 1),
        (DataError(["a.csv:2: x: salah", "b.csv:3: y: salah"]), 1),
    ],
)
def test_user_mistakes_print_their_message_and_status(capaian, monkeypatch, galat, status):
    def gagal(args):
        raise galat

    monkeypatch.setitem(cli.COMMANDS, "validasi", gagal)
    r = capaian("validasi", "data")
    assert (r.status, r.out, r.err) == (status, "", galat.pesan_cli() + "\n")


def test_a_bug_is_named_as_such_without_traceback(capaian, monkeypatch):
    def rusak_program(args):
        raise ZeroDivisionError("pembagian nol")

    monkeypatch.setitem(cli.COMMANDS, "validasi", rusak_program)
    monkeypatch.delenv("CAPAIAN_DEBUG", raising=False)
    r = capaian("validasi", "data")
    assert r.status == 1 and r.out == ""
    assert r.err.startswith("capaian: galat internal (ZeroDivisionError: pembagian nol). Ini kesalahan program")


def test_interrupt_exits_130(capaian, monkeypatch):
    def henti(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "validasi", henti)
    r = capaian("validasi", "data")
    assert (r.status, r.err) == (130, "dibatalkan.\n")


@pytest.mark.lambat
def test_arrow_allocator_is_set_when_a_command_starts_not_at_import(bersih):
    """Arrow's system allocator (benchmarks/bench_validasi.py) is a process-wide setting: a command
    makes it when it starts; importing the library leaves the process as it was."""
    kode = (
        "import sys, pyarrow as pa\n"
        "awal = pa.default_memory_pool().backend_name\n"
        "import capaian, capaian.validasi, capaian.laporan\n"
        "impor = pa.default_memory_pool().backend_name\n"
        "from capaian import cli\n"
        "status = cli.main(['validasi', sys.argv[1]])\n"
        "print(awal, impor, status, pa.default_memory_pool().backend_name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    proc = subprocess.run([sys.executable, "-c", kode, str(bersih)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    awal, impor, status, perintah = proc.stdout.split()[-4:]
    assert impor == awal and status == "0" and perintah == "system"


# ---------------------------------------------------------------------------------------------
# One smoke test per command, in a fresh process through the installed program (marked lambat:
# each starts a Python process; `make test` runs them, `make test-cepat` does not)


@pytest.mark.lambat
def test_smoke_contoh(tmp_path):
    proc = program("contoh", tmp_path / "x", "--pegawai", "10")
    assert proc.returncode == 2 and "sedikitnya" in proc.stderr and proc.stdout == ""
    proc = program("contoh", tmp_path / "x")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Data contoh ditulis ke {tmp_path / 'x'} (")
    assert sorted(p.name for p in (tmp_path / "x").iterdir())[:2] == ["indikator.csv", "instansi.csv"]


@pytest.mark.lambat
def test_smoke_validasi(rusak, bersih):
    proc = program("validasi", rusak)
    assert proc.returncode == 1 and "2 masalah ditemukan" in proc.stdout
    proc = program("validasi", bersih)
    assert proc.returncode == 0 and "tidak ada masalah" in proc.stdout


@pytest.mark.lambat
def test_smoke_nilai(bersih, tmp_path):
    proc = program("nilai", bersih, "--periode", "TW1-2025")
    assert proc.returncode == 2 and "YYYY-TW1" in proc.stderr and proc.stdout == ""
    proc = program("nilai", bersih, "--periode", "2025-TW1", "--keluaran", tmp_path / "k")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "k" / "2025-TW1" / "nilai_pegawai.csv").is_file()


@pytest.mark.lambat
def test_smoke_laporan(bersih, tmp_path):
    proc = program("laporan", bersih, "--periode", "2025-TW1", "--keluaran", tmp_path / "k", "--instansi", "ZETA")
    assert proc.returncode == 2 and "ZETA" in proc.stderr and "DINKES" in proc.stderr
    assert not (tmp_path / "k").exists()


@pytest.mark.lambat
def test_smoke_kualitas(rusak, tmp_path):
    proc = program("kualitas", rusak, "--periode", "2025-TW1", "--keluaran", tmp_path / "k")
    assert proc.returncode == 1 and "2 masalah ditemukan" in proc.stderr
    assert not (tmp_path / "k").exists()


@pytest.mark.lambat
def test_smoke_metodologi(bersih, tmp_path):
    proc = program("metodologi", bersih, "--periode", "2030-TW1", "--keluaran", tmp_path / "k")
    assert proc.returncode == 1 and "Tidak ada IKI untuk tahun 2030" in proc.stderr
    assert not (tmp_path / "k" / "2030-TW1").exists()


# ---------------------------------------------------------------------------------------------
# issue 11, kelas 1: the problem list is printed first and can be written whatever it holds


def test_validasi_xlsx_with_a_control_character_prints_the_list_and_writes_it(capaian, tmp_path):
    from openpyxl import load_workbook

    t = dk.tabel()
    t["instansi"][0]["nama_instansi"] = "Sekretariat\x0bDaerah"  # the issue's example
    t["indikator"][2]["target"] = "8\x010"  # a control character in a bad number
    data = dk.write_csv(tmp_path / "data", t)
    out = tmp_path / "masalah.xlsx"
    r = capaian("validasi", data, "--keluaran", out)
    assert r.status == 1, r.err
    assert r.out.splitlines() == [
        "instansi.csv:2: nama_instansi: 'Sekretariat\\x0bDaerah' mengandung karakter kendali tak terlihat (\\x0b); hapus karakter itu",
        "indikator.csv:4: target: '8\\x010' mengandung karakter kendali tak terlihat (\\x01); hapus karakter itu",
        "2 masalah ditemukan. Perbaiki data lalu jalankan lagi.",
    ]
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]][:4] == ["instansi.csv", 2, "nama_instansi", "Sekretariat\\x0bDaerah"]
    assert ws["D3"].value == "8\\x010"


@pytest.mark.parametrize("akhiran", [".xlsx", ".csv"])
def test_problem_list_writers_never_fail_on_any_value(tmp_path, akhiran):
    # Whatever a problem quotes (here written straight to the writer, past validation): control
    # characters, a lone surrogate, a non-character. Each is written as a visible escape.
    from capaian.masalah import Masalah, write_masalah

    jahat = "a\x00b\x0bc\x1bd\x7fe\x85f\ud800g\uffffh\ti\nj"
    path = write_masalah([Masalah("x.csv", 2, "k\x0c", jahat, f"pesan '{jahat}'")], tmp_path / f"m{akhiran}")
    if akhiran == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path).active
        nilai, kolom = ws["D2"].value, ws["C2"].value
    else:
        rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
        nilai, kolom = rows[1][3], rows[1][2]
    assert nilai == "a\\x00b\\x0bc\\x1bd\\x7fe\\x85f\\ud800g\\uffffh\ti\nj"
    assert kolom == "k\\x0c"


def test_validasi_prints_the_list_even_when_the_write_fails(capaian, rusak, tmp_path, monkeypatch):
    from capaian import runner

    def gagal(src, dst):
        raise OSError(28, "No space left on device", str(src))

    monkeypatch.setattr(runner.os, "replace", gagal)
    out = tmp_path / "masalah.xlsx"
    r = capaian("validasi", rusak, "--keluaran", out)
    assert r.status == 2
    assert r.out.splitlines()[-1] == "2 masalah ditemukan. Perbaiki data lalu jalankan lagi."
    assert r.err == f"capaian: galat: --keluaran '{out}' tidak dapat ditulis: ruang disk penuh\n"
    assert ".tmp" not in r.err and "galat internal" not in r.err
    assert list(tmp_path.glob("*masalah*")) == []  # nothing half-written


# ---------------------------------------------------------------------------------------------
# issue 11, kelas 3: a --keluaran the command cannot write is the user's mistake (exit 2)


def _jangan_dipanggil(*args, **kwargs):
    raise AssertionError("pekerjaan dimulai padahal --keluaran tidak dapat ditulis")


@pytest.fixture
def tanpa_pekerjaan(monkeypatch):
    """Scoring and rendering fail the test if they start: the path is checked before any work."""
    import capaian.kualitas
    import capaian.laporan
    import capaian.nilai
    import capaian.metodologi

    monkeypatch.setattr(capaian.nilai, "score_period", _jangan_dipanggil)
    monkeypatch.setattr(capaian.laporan, "render_laporan", _jangan_dipanggil)
    monkeypatch.setattr(capaian.kualitas, "render_kualitas", _jangan_dipanggil)
    monkeypatch.setattr(capaian.metodologi, "render_metodologi", _jangan_dipanggil)


def _isi(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("perintah", ["nilai", "laporan", "kualitas", "metodologi"])
@pytest.mark.parametrize(
    "kasus, kata",
    [
        ("berkas", "sudah ada dan bukan folder"),
        ("di_bawah_berkas", "adalah berkas, bukan folder"),
        ("tak_dapat_ditulis", "tidak dapat ditulis"),
        ("folder_periode_berkas", "sudah ada dan bukan folder"),
        ("keluaran_periode_folder", "adalah folder, padahal capaian menulis berkas"),
    ],
)
def test_keluaran_that_cannot_be_written_exits_2_before_any_work(capaian, bersih, tmp_path, tanpa_pekerjaan, perintah, kasus, kata):
    tempat = tmp_path / "tempat"
    tempat.mkdir()
    (tempat / "somefile.txt").write_text("milik pengguna", encoding="utf-8")
    keluaran = {
        "berkas": tempat / "somefile.txt",
        "di_bawah_berkas": tempat / "somefile.txt" / "out",
        "tak_dapat_ditulis": Path("/proc/capaian-uji/out"),
        "folder_periode_berkas": tempat / "k",
        "keluaran_periode_folder": tempat / "k",
    }[kasus]
    if kasus == "folder_periode_berkas":
        keluaran.mkdir()
        (keluaran / "2025-TW1").write_text("", encoding="utf-8")
    if kasus == "keluaran_periode_folder":
        (keluaran / "2025-TW1" / "nilai_pegawai.csv").mkdir(parents=True)
        (keluaran / "2025-TW1" / "manifest.json").mkdir()
    sebelum = _isi(tempat)
    r = capaian(perintah, bersih, "--periode", "2025-TW1", "--keluaran", keluaran)
    assert r.status == 2, r.err
    assert r.err.startswith(f"capaian: galat: --keluaran '{keluaran}' tidak dapat ditulis: "), r.err
    assert kata in r.err and "galat internal" not in r.err and ".tmp" not in r.err
    assert r.out == ""
    assert _isi(tempat) == sebelum  # nothing created, nothing half-written
    assert (tempat / "somefile.txt").read_text(encoding="utf-8") == "milik pengguna"


@pytest.mark.parametrize(
    "kasus, kata",
    [
        ("folder", "itu sebuah folder"),
        ("di_bawah_berkas", "adalah berkas, bukan folder"),
        ("tak_dapat_ditulis", "tidak dapat ditulis"),
    ],
)
def test_validasi_keluaran_that_cannot_be_written_exits_2(capaian, rusak, tmp_path, kasus, kata):
    tempat = tmp_path / "tempat"
    tempat.mkdir()
    (tempat / "somefile.txt").write_text("x", encoding="utf-8")
    (tempat / "masalah.xlsx").mkdir()
    keluaran = {
        "folder": tempat / "masalah.xlsx",
        "di_bawah_berkas": tempat / "somefile.txt" / "masalah.csv",
        "tak_dapat_ditulis": Path("/proc/masalah.csv"),
    }[kasus]
    sebelum = _isi(tempat)
    r = capaian("validasi", rusak, "--keluaran", keluaran)
    assert r.status == 2
    assert r.err == f"capaian: galat: --keluaran '{keluaran}' tidak dapat ditulis: " + r.err.split(": ", 4)[-1]
    assert kata in r.err and "galat internal" not in r.err
    assert _isi(tempat) == sebelum


def test_nilai_final_write_failure_names_the_path_given(capaian, bersih, tmp_path, monkeypatch):
    from capaian import runner

    def gagal(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(runner.os, "replace", gagal)
    out = tmp_path / "k"
    r = capaian("nilai", bersih, "--periode", "2025-TW1", "--keluaran", out)
    assert r.status == 2
    assert r.err == f"capaian: galat: --keluaran '{out}' tidak dapat ditulis: tidak ada izin menulis\n"
    assert not list(out.rglob("*.csv")) and not list(out.rglob(".*"))


def test_keluaran_check_leaves_nothing_behind_when_it_passes(capaian, rusak, tmp_path):
    # The writability probe is removed again: invalid data still leaves no trace.
    r = capaian("nilai", rusak, "--periode", "2025-TW1", "--keluaran", tmp_path / "baru" / "k")
    assert r.status == 1
    assert not (tmp_path / "baru").exists()
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".capaian")]


def test_kualitas_on_the_issue_example_lists_the_problem_not_an_internal_error(capaian, tmp_path):
    t = dk.tabel()
    t["instansi"][0]["nama_instansi"] = "Sekretariat\x0bDaerah"
    data = dk.write_csv(tmp_path / "data", t)
    r = capaian("kualitas", data, "--periode", "2025-TW1", "--keluaran", tmp_path / "k")
    assert r.status == 1 and "galat internal" not in r.err
    assert "instansi.csv:2: nama_instansi: 'Sekretariat\\x0bDaerah' mengandung karakter kendali tak terlihat" in r.err
    assert not (tmp_path / "k").exists()


@pytest.mark.parametrize("kode", ["manifest.json", "INDEX.HTML", "_kerja"])
def test_laporan_with_a_colliding_kode_instansi_makes_no_folder(capaian, tmp_path, kode):
    t = dk.tabel()
    for baris in t["instansi"] + t["pegawai"] + t["kinerja_organisasi"]:
        if baris["kode_instansi"] == "KEC_KALUKKU":
            baris["kode_instansi"] = kode
    data = dk.write_csv(tmp_path / "data", t)
    r = capaian("laporan", data, "--periode", "2025-TW1", "--keluaran", tmp_path / "k")
    assert r.status == 1 and "galat internal" not in r.err, r.err
    assert r.err.startswith(f"instansi.csv:3: kode_instansi: '{kode}' tidak dapat dipakai sebagai kode instansi"), r.err
    assert not (tmp_path / "k").exists()


def test_only_errors_on_the_output_path_become_keluaran_errors(tmp_path):
    from capaian.galat import KeluaranTidakDapatDitulis

    keluaran, data = tmp_path, tmp_path / "data"
    with pytest.raises(KeluaranTidakDapatDitulis, match="ruang disk penuh"):
        with cli._menulis_ke(keluaran, data):
            raise OSError(28, "No space left on device", str(tmp_path / "2025-TW1" / ".index.html.1.tmp"))
    with pytest.raises(PermissionError):  # reading the data: not the output's fault
        with cli._menulis_ke(keluaran, data):
            raise PermissionError(13, "Permission denied", str(data / "pegawai.csv"))
    with pytest.raises(FileNotFoundError):  # elsewhere altogether
        with cli._menulis_ke(keluaran / "k", data):
            raise FileNotFoundError(2, "No such file", "/usr/share/tidak-ada")


def test_bantuan_kecil_yang_dicari_pengguna(capaian):
    """Issue 10 butir 9: `metodologi --help` says what is compared without --banding, the README's
    command table lists --instansi for kualitas, `make lab` passes extra arguments on."""
    import re
    import subprocess

    bantuan = " ".join(capaian("metodologi", "--help").out.split())
    assert "Tanpa --banding, setiap berkas *.yaml di params/alternatif/ dibandingkan" in bantuan
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    baris_kualitas = next(b for b in readme.splitlines() if b.startswith("| `capaian kualitas"))
    assert "--instansi K" in baris_kualitas
    assert 'make lab ARGS="--port 8899 --no-browser"' in readme
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}  # also when run by `make test`
    perintah = subprocess.run(["make", "-s", "-n", "-o", ".venv/.terpasang", "lab", "ARGS=--port 8899 --no-browser"], cwd=ROOT,
                              capture_output=True, text=True, check=True, env=env).stdout
    assert re.search(r"jupyter lab notebooks/ --port 8899 --no-browser$", perintah, re.MULTILINE), perintah
