"""Back-test: the scores of the bundled sample, one period of each kind, exactly as committed.

`tests/backtest/P/nilai_pegawai.csv` and `nilai_indikator.csv` are what `capaian nilai data/contoh
--periode P` wrote when they were last reviewed. A change that moves any score, label, rounding or
format fails here, and the message names the rows and columns that moved. When a change is meant
to move scores, review the diff, then regenerate deliberately and commit the files with it:

    python tests/test_backtest.py --perbarui      (or: make backtest-perbarui)

Nothing here regenerates the files on its own.
"""

from __future__ import annotations

import difflib
import io
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `python tests/test_backtest.py`
from conftest import CONTOH, ROOT  # noqa: E402


ACUAN = Path(__file__).resolve().parent / "backtest"
PERIODE = ["2025-03", "2025-TW2", "2025-S1", "2025"]  # a month, a triwulan, a semester, the year
KUNCI = {"nilai_pegawai.csv": "nip", "nilai_indikator.csv": "id_indikator"}
BATAS_BARIS = 20


def write_nilai(dataset, periode: str, folder: Path) -> list[Path]:
    """What `capaian nilai` writes for `periode`, with the repository's `params/metodologi.yaml`."""
    from capaian.pengaturan import load_metodologi
    from capaian.nilai import score_period, write_scores

    hasil = score_period(dataset, periode, load_metodologi(ROOT / "params" / "metodologi.yaml"))
    return write_scores(hasil, folder)


def beda(nama: str, lama: bytes, baru: bytes) -> str:
    """Where `baru` differs from `lama`: rows gone or new, and each cell that moved (by key and
    column), at most BATAS_BARIS lines; a line diff when only the text form changed."""
    kunci = KUNCI[nama]
    a = pd.read_csv(io.BytesIO(lama), dtype=str, keep_default_na=False)
    b = pd.read_csv(io.BytesIO(baru), dtype=str, keep_default_na=False)
    baris: list[str] = []
    if list(a.columns) != list(b.columns):
        baris.append(f"kolom berubah: {list(a.columns)} → {list(b.columns)}")
    if kunci in a.columns and kunci in b.columns and a[kunci].is_unique and b[kunci].is_unique:
        a, b = a.set_index(kunci), b.set_index(kunci)
        hilang = a.index.difference(b.index, sort=False)
        baru_ = b.index.difference(a.index, sort=False)
        if len(hilang):
            baris.append(f"{len(hilang)} baris hilang: {kunci} {', '.join(hilang[:5])}{' …' if len(hilang) > 5 else ''}")
        if len(baru_):
            baris.append(f"{len(baru_)} baris baru: {kunci} {', '.join(baru_[:5])}{' …' if len(baru_) > 5 else ''}")
        sama = a.index.intersection(b.index, sort=False)
        kolom = [k for k in a.columns if k in b.columns]
        x, y = a.loc[sama, kolom], b.loc[sama, kolom]
        berubah = (x != y).stack()
        berubah = berubah[berubah]
        if len(berubah):
            per_kolom = berubah.groupby(level=1).size().sort_values(ascending=False)
            baris.append("sel berubah per kolom: " + ", ".join(f"{k} {n}" for k, n in per_kolom.items()))
            for (k, kol), _ in berubah.head(BATAS_BARIS).items():
                baris.append(f"  {kunci} {k}, {kol}: {x.at[k, kol]!r} → {y.at[k, kol]!r}")
            if len(berubah) > BATAS_BARIS:
                baris.append(f"  … dan {len(berubah) - BATAS_BARIS} sel lain")
        elif not hilang.size and not baru_.size and list(x.index) != list(y.index):
            baris.append("urutan baris berubah")
    if not baris:  # same cells: the bytes differ in form (line ends, quoting, BOM, decimals)
        diff = difflib.unified_diff(
            lama.decode("utf-8", "replace").splitlines(keepends=True),
            baru.decode("utf-8", "replace").splitlines(keepends=True),
            "acuan", "baru", n=0,
        )
        baris = [repr(d) for d in diff][:BATAS_BARIS] or ["isi sama, tetapi bytes berbeda (BOM atau akhir baris)"]
    return "\n".join(baris)


@pytest.fixture(scope="module")
def keluaran(dataset_contoh, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("backtest")
    for p in PERIODE:
        write_nilai(dataset_contoh, p, folder / p)
    return folder


@pytest.mark.parametrize("nama", sorted(KUNCI))
@pytest.mark.parametrize("periode", PERIODE)
def test_nilai_data_contoh_sama_dengan_acuan(keluaran, periode, nama):
    acuan = ACUAN / periode / nama
    assert acuan.is_file(), f"{acuan} belum ada: buat dengan python tests/test_backtest.py --perbarui"
    lama, baru = acuan.read_bytes(), (keluaran / periode / nama).read_bytes()
    assert lama == baru, (
        f"{periode}/{nama} berbeda dari acuan back-test:\n{beda(nama, lama, baru)}\n"
        "Bila perubahan ini disengaja: python tests/test_backtest.py --perbarui, periksa diff-nya, lalu commit."
    )


def test_perintah_nilai_menulis_acuan_yang_sama(folder_contoh, tmp_path, jalankan_cli):
    """The command itself (default methodology from the repository's params/), in-process."""
    hasil = jalankan_cli("nilai", folder_contoh, "--periode", "2025-tw2", "--keluaran", tmp_path)
    assert hasil.returncode == 0, hasil.stderr
    for nama in KUNCI:
        assert (tmp_path / "2025-TW2" / nama).read_bytes() == (ACUAN / "2025-TW2" / nama).read_bytes(), nama
        assert str(tmp_path / "2025-TW2" / nama) in hasil.stdout


def test_beda_menyebut_sel_yang_berpindah():
    lama = b"periode,nip,capaian\n2025,1,90.00\n2025,2,80.00\n2025,3,70.00\n"
    baru = b"periode,nip,capaian\n2025,1,90.00\n2025,2,80.01\n2025,4,70.00\n"
    pesan = beda("nilai_pegawai.csv", lama, baru)
    assert "nip 2, capaian: '80.00' → '80.01'" in pesan
    assert "1 baris hilang: nip 3" in pesan and "1 baris baru: nip 4" in pesan


def test_beda_menunjukkan_perubahan_bentuk():
    lama = b"periode,id_indikator,capaian\n2025,A,90.00\n"
    pesan = beda("nilai_indikator.csv", lama, lama.replace(b"\n", b"\r\n"))
    assert "\\r\\n" in pesan


def perbarui() -> None:
    """Regenerate every expected file from `data/contoh` (deliberately; review the diff)."""
    from capaian.validasi import load_dataset

    dataset = load_dataset(CONTOH)
    for p in PERIODE:
        with tempfile.TemporaryDirectory() as tmp:
            for f in write_nilai(dataset, p, Path(tmp)):
                tujuan = ACUAN / p / f.name
                tujuan.parent.mkdir(parents=True, exist_ok=True)
                tujuan.write_bytes(f.read_bytes())
                print(f"ditulis: {tujuan.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--perbarui"]:
        sys.exit("pemakaian: python tests/test_backtest.py --perbarui  (menulis ulang tests/backtest/ dari data/contoh)")
    perbarui()
