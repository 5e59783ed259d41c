"""The strict notebook runner: fresh kernels, failures judged by outputs, HTML without code."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from capaian.runner import GAGAL, Job, PengaturanRunner, masalah_notebook, run_notebooks


def _notebook(path: Path) -> Path:
    """A tiny report notebook: a parameter, a marker of the kernel's previous state, a cell that
    fails on demand (tagged `raises-exception`, so that papermill itself lets it pass), a cell
    that kills its kernel on demand, stderr noise and one plot-like HTML output."""
    param = new_code_cell('mode = "baik"\nnama = "x"')
    param.metadata["tags"] = ["parameters"]
    gagal_diam = new_code_cell('if mode == "gagal_diam":\n    raise RuntimeError("gagal yang dibiarkan papermill")')
    gagal_diam.metadata["tags"] = ["raises-exception"]
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Judul laporan uji"),
            param,
            new_code_cell(
                "import sys\n"
                "bocor = globals().get('_sisa_laporan_lain')\n"
                "print('sisa laporan lain:', bocor)\n"
                "_sisa_laporan_lain = nama\n"
                "print('peringatan yang tidak boleh tampil', file=sys.stderr)"
            ),
            gagal_diam,
            new_code_cell('if mode == "gagal":\n    raise ValueError("sengaja gagal")'),
            new_code_cell('if mode == "mati":\n    import os\n    os._exit(1)'),
            new_code_cell("from IPython.display import HTML\nHTML('<p class=\"hasil\">hasil ' + nama + '</p>')"),
            # A figure shown implicitly, as the inline backend does at the end of a cell.
            new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 3, 2]);"),
            new_code_cell(
                "from ipykernel.kernelapp import IPKernelApp\n"
                "print('transport kernel:', IPKernelApp.instance().transport)"
            ),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module", params=[True, False], ids=["zigot", "kernel-baru"])
def hasil(request, tmp_path_factory):
    """The same jobs, with kernels forked from a zygote and with kernels started afresh."""
    tmp = tmp_path_factory.mktemp("runner")
    nb = _notebook(tmp / "uji.ipynb")
    keluar = tmp / "keluar"
    keluar.mkdir()
    # A report that fails must not leave an earlier run's HTML looking finished.
    (keluar / "gagal.html").write_text("laporan lama", encoding="utf-8")
    modes = ["baik", "gagal", "gagal_diam", "mati", "baik2"]
    jobs = [
        Job(nb, {"mode": m, "nama": f"n-{m}"}, keluar / f"{m}.ipynb", keluar / f"{m}.html", judul=f"Uji {m}")
        for m in modes
    ]
    selesai = []
    pengaturan = PengaturanRunner(warmup=("import matplotlib.pyplot",), start_timeout=120, zigot=request.param)
    res = run_notebooks(jobs, workers=2, pengaturan=pengaturan, on_done=selesai.append)
    return {"hasil": dict(zip(modes, res)), "keluar": keluar, "selesai": selesai}


@pytest.mark.lambat
def test_laporan_yang_baik_berhasil_dengan_html(hasil):
    for m in ("baik", "baik2"):
        r = hasil["hasil"][m]
        assert r.status == "berhasil", r.pesan
        assert r.pesan is None
        assert (hasil["keluar"] / f"{m}.html").is_file()
        assert (hasil["keluar"] / f"{m}.ipynb").is_file()
    assert len(hasil["selesai"]) == 5  # on_done called once per job


@pytest.mark.lambat
def test_galat_sel_menggagalkan_laporan_dan_menyimpan_notebook(hasil):
    r = hasil["hasil"]["gagal"]
    assert r.status == GAGAL
    assert "ValueError: sengaja gagal" in r.pesan
    assert "sel kode ke-4" in r.pesan
    assert (hasil["keluar"] / "gagal.ipynb").is_file()
    assert not (hasil["keluar"] / "gagal.html").exists()  # the old one is gone too


@pytest.mark.lambat
def test_galat_yang_dibiarkan_papermill_tetap_gagal(hasil):
    r = hasil["hasil"]["gagal_diam"]
    assert r.status == GAGAL
    assert "RuntimeError" in r.pesan
    assert not (hasil["keluar"] / "gagal_diam.html").exists()


@pytest.mark.lambat
def test_kernel_mati_menggagalkan_satu_laporan_saja(hasil):
    r = hasil["hasil"]["mati"]
    assert r.status == GAGAL
    assert "DeadKernelError" in r.pesan, r.pesan
    assert not (hasil["keluar"] / "mati.html").exists()
    assert hasil["hasil"]["baik2"].status == "berhasil"


@pytest.mark.lambat
def test_kernel_baru_untuk_setiap_laporan(hasil):
    for m in ("baik", "baik2"):
        nb = nbformat.read(hasil["keluar"] / f"{m}.ipynb", as_version=4)
        teks = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert "sisa laporan lain: None" in teks


@pytest.mark.lambat
def test_kernel_berbicara_lewat_soket_unix_bukan_port_tcp(hasil):
    """TCP ports chosen before the kernel binds them can be taken meanwhile (another kernel, any
    outgoing connection); a kernel that lost that race never answers. Socket files cannot collide."""
    nb = nbformat.read(hasil["keluar"] / "baik.ipynb", as_version=4)
    teks = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "transport kernel: ipc" in teks


@pytest.mark.lambat
def test_html_tanpa_kode_tanpa_stderr_tanpa_url(hasil):
    html = (hasil["keluar"] / "baik.html").read_text(encoding="utf-8")
    assert '<p class="hasil">hasil n-baik</p>' in html
    assert "Judul laporan uji" in html
    assert "<title>Uji baik</title>" in html
    for kode in ("import sys", "globals()", "raise ValueError", "from IPython.display", "mode = "):
        assert kode not in html
    assert "peringatan yang tidak boleh tampil" not in html
    assert "<script" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "In&nbsp;[" not in html and "Out[" not in html
    assert html.count('src="data:image/png;base64,') == 1  # the implicit figure, embedded


def test_masalah_notebook_membaca_keluaran():
    nb = new_notebook(cells=[new_code_cell("1"), new_code_cell("2"), new_code_cell("")])
    nb.cells[0].execution_count = 1
    nb.cells[1].execution_count = 2
    assert masalah_notebook(nb) is None  # an empty cell never runs, and that is fine
    nb.cells[1].outputs = [new_output("error", ename="KeyError", evalue="'x'", traceback=[])]
    assert masalah_notebook(nb) == "KeyError: 'x' (sel kode ke-2)"
    nb.cells[1].outputs = []
    nb.cells[1].execution_count = None
    assert masalah_notebook(nb) == "sel kode ke-2 tidak dijalankan"


def test_tanpa_job():
    assert run_notebooks([], workers=2) == []


@pytest.mark.lambat
def test_kernel_yang_tidak_bisa_dimulai_menggagalkan_job_bukan_proses(tmp_path):
    nb = _notebook(tmp_path / "uji.ipynb")
    jobs = [Job(nb, {"mode": "baik"}, tmp_path / f"{i}.ipynb", tmp_path / f"{i}.html") for i in range(2)]
    res = run_notebooks(jobs, workers=1, pengaturan=PengaturanRunner(kernel_name="kernel-yang-tidak-ada"))
    assert [r.status for r in res] == [GAGAL, GAGAL]
    assert all("kernel tidak dapat dimulai" in r.pesan for r in res)


def _tidur_saat_mulai(penanda: Path, sekali: bool) -> str:
    """A warm-up line that keeps a new kernel busy (so it never answers in time): only the first
    kernel of the test when `sekali`, else every one."""
    if sekali:
        return (
            f"import os, time; _f = os.open({str(penanda)!r}, os.O_CREAT | os.O_WRONLY | os.O_APPEND); "
            "_pertama = os.fstat(_f).st_size == 0; os.write(_f, b'x'); os.close(_f); "
            "time.sleep(60 if _pertama else 0)"
        )
    return "import time; time.sleep(60)"


@pytest.mark.lambat
def test_kernel_yang_tidak_menjawab_diganti_sekali(tmp_path):
    """A kernel that never becomes ready says nothing about the report: the job gets one more,
    fresh kernel, and succeeds."""
    nb = _notebook(tmp_path / "uji.ipynb")
    job = Job(nb, {"mode": "baik", "nama": "n"}, tmp_path / "a.ipynb", tmp_path / "a.html")
    atur = PengaturanRunner(warmup=(_tidur_saat_mulai(tmp_path / "penanda", True),), start_timeout=8, zigot=False)
    [r] = run_notebooks([job], workers=1, pengaturan=atur)
    assert r.status == "berhasil", r.pesan
    assert (tmp_path / "penanda").read_bytes() == b"xx"  # two kernels were started
    assert (tmp_path / "a.html").is_file()


@pytest.mark.lambat
def test_kernel_yang_dua_kali_tidak_menjawab_menggagalkan_job(tmp_path):
    nb = _notebook(tmp_path / "uji.ipynb")
    job = Job(nb, {"mode": "baik", "nama": "n"}, tmp_path / "a.ipynb", tmp_path / "a.html")
    atur = PengaturanRunner(warmup=(_tidur_saat_mulai(tmp_path / "penanda", False),), start_timeout=3, zigot=False)
    [r] = run_notebooks([job], workers=1, pengaturan=atur)
    assert r.status == GAGAL
    assert r.pesan.startswith("kernel tidak siap, juga setelah dicoba sekali lagi: RuntimeError: Kernel didn't respond in 3 seconds"), r.pesan
    assert not (tmp_path / "a.html").exists()
