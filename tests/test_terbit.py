"""Publishing (capaian.terbit): index.html from its Jinja2 template, the manifest, bundles; and the
shared presentation pieces (capaian.tampilan). No kernel is started here."""

from __future__ import annotations

import html as html_lib
import json
from dataclasses import dataclass

import pytest

from capaian import tampilan, terbit

NAMA_JAHAT = {
    "SKRIP": "<script>alert('x')</script> Dinas",
    "DAN": "Badan Keuangan & Aset",
    "KUTIP": 'Dinas "Kutip" O\'Neil',
}


def _index(tmp_path, laporan, nama=NAMA_JAHAT, lain=()):
    folder = tmp_path / "2025-TW4"
    folder.mkdir()
    for berkas in lain:
        (folder / berkas).write_text("<html></html>", encoding="utf-8")
    return terbit.write_index(folder, "2025-TW4", nama, laporan).read_text(encoding="utf-8")


def test_index_meloloskan_teks_dari_data(tmp_path):
    laporan = [
        terbit.entri_laporan("SKRIP", NAMA_JAHAT["SKRIP"], "berhasil", None, 1.0),
        terbit.entri_laporan("DAN", NAMA_JAHAT["DAN"], "gagal", "ValueError: <img src=x onerror=alert(1)> & 'lagi'", 1.0),
    ]
    index = _index(tmp_path, laporan)
    assert "<script" not in index and "<img" not in index
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Dinas" in index
    assert '<td>Badan Keuangan &amp; Aset <span class="kecil">DAN</span></td>' in index
    assert '<td>Dinas &#34;Kutip&#34; O&#39;Neil <span class="kecil">KUTIP</span></td>' in index
    assert "ValueError: &lt;img src=x onerror=alert(1)&gt; &amp; &#39;lagi&#39;" in index
    # Every escaped name reads back as the original text.
    for nama in NAMA_JAHAT.values():
        assert nama in html_lib.unescape(index)


ANGKA_DINKES = {
    "pegawai": 52, "dinilai": 50, "belum_dinilai": 2, "rata_rata_capaian": 97.5, "indikator": 290, "indikator_lengkap": 240,
    "kepatuhan": 240 / 290, "pegawai_bercapaian": 50, "predikat": {"sangat_baik": 5, "baik": 43, "butuh_perbaikan": 1, "kurang": 1, "sangat_kurang": 0},
    "predikat_organisasi": "baik", "kurva": {"terpenuhi": 1, "aturan": 2},
}
ANGKA_BKPP = {
    "pegawai": 30, "dinilai": 29, "belum_dinilai": 1, "rata_rata_capaian": 85.0, "indikator": 100, "indikator_lengkap": 70,
    "kepatuhan": 0.7, "pegawai_bercapaian": 30, "predikat": {"sangat_baik": 0, "baik": 23, "butuh_perbaikan": 5, "kurang": 0, "sangat_kurang": 1},
    "predikat_organisasi": None, "kurva": None,
}


def test_index_ikhtisar_kabupaten_per_instansi_dan_jumlah(tmp_path):
    """index.html is the kabupaten overview (issue 10 butir 4): per instansi its numbers from the
    manifest (`angka`), the predikat distribution as a bar with its counts, the organisation's
    predikat and kurva rules; totals over the current reports; notebooks only "untuk analis"."""
    nama = {"DINKES": "Dinas Kesehatan", "BKPP": "BKPP", "SOS": "Dinas Sosial", "GAGAL": "Gagal", "DISDIK": "Dinas Pendidikan"}
    folder = tmp_path / "2025-TW4"
    for kode in ("DINKES", "BKPP", "GAGAL"):
        (folder / kode).mkdir(parents=True)
        (folder / kode / "laporan.ipynb").write_text("{}", encoding="utf-8")
    (folder / "metodologi.html").write_text("x", encoding="utf-8")
    (folder / "kualitas_indikator-DINKES.html").write_text("x", encoding="utf-8")
    laporan = [
        terbit.entri_laporan("DINKES", "Dinas Kesehatan", "berhasil", None, 1.0, angka=ANGKA_DINKES),
        terbit.entri_laporan("BKPP", "BKPP", "berhasil", None, 1.0, angka=ANGKA_BKPP),
        terbit.entri_laporan("SOS", "Dinas Sosial", "berhasil", None, 1.0),  # made before `angka` was recorded
        terbit.entri_laporan("GAGAL", "Gagal", "gagal", "sel 3 gagal", 1.0),
    ]
    lain = {"kualitas_indikator-DINKES.html": {"status": "berhasil"}, "metodologi.html": {"status": "berhasil"}}
    index = terbit.write_index(folder, "2025-TW4", nama, laporan, lain).read_text(encoding="utf-8")
    baris = {kode: next(b for b in index.split("<tr") if f'"kecil">{kode}<' in b) for kode in nama}
    dinkes = baris["DINKES"]
    assert '<td><a href="DINKES/laporan.html">Dinas Kesehatan</a> <span class="kecil">DINKES</span></td>' in dinkes
    assert ('<td class="angka">52</td><td class="angka">50</td><td class="angka">97,5%</td><td class="angka">82,8%</td>') in dinkes
    assert 'aria-label="Sangat Baik 5, Baik 43, Butuh Perbaikan 1, Kurang/Misconduct 1, Sangat Kurang 0"' in dinkes
    # Counts written beside the colours (greyscale).
    assert "<span>SB&nbsp;5</span> · <span>B&nbsp;43</span> · <span>BP&nbsp;1</span> · <span>K&nbsp;1</span> · <span>SK&nbsp;0</span>" in dinkes
    assert '<span style="width: 10.00%; background: #1b7837"></span>' in dinkes
    assert '<td>Baik</td><td class="tidak-terpenuhi">1 dari 2 terpenuhi</td>' in dinkes
    assert ('<a href="DINKES/laporan.html">laporan</a> · <a href="DINKES/laporan.ipynb">notebook (untuk analis)</a>') in dinkes
    assert '<td>–</td><td class="tidak-dinilai">tidak diperiksa</td>' in baris["BKPP"]
    assert '<td class="angka">–</td>' in baris["SOS"] and 'href="SOS/laporan.ipynb"' not in baris["SOS"]  # no file, no link
    assert '<span class="status-gagal">gagal</span>: sel 3 gagal · <a href="GAGAL/laporan.ipynb">notebook (untuk analis)</a>' in baris["GAGAL"]
    assert '<span class="tidak-dinilai">belum dibuat</span>' in baris["DISDIK"] and "href" not in baris["DISDIK"]
    # Kabupaten totals over the two current reports: capaian weighted by pegawai with a capaian.
    jumlah = next(b for b in index.split("<tr") if "Kabupaten" in b)
    rata = (97.5 * 50 + 85.0 * 30) / 80
    assert (f'<td class="angka">82</td><td class="angka">79</td><td class="angka">{rata:.1f}%</td>'.replace(".", ",")
            + '<td class="angka">79,5%</td>') in jumlah
    assert "<span>SB&nbsp;5</span> · <span>B&nbsp;66</span> · <span>BP&nbsp;6</span> · <span>K&nbsp;1</span> · <span>SK&nbsp;1</span>" in jumlah and "jumlah 2 instansi dengan laporan terkini" in jumlah
    assert '">notebook</a>' not in index and "untuk diperiksa" not in index
    assert index.index("DINKES") < index.index("BKPP") < index.index("DISDIK")  # the data set's order
    assert "<title>Ikhtisar kinerja pegawai · Triwulan IV 2025</title>" in index
    assert '<p class="subjudul">Periode Triwulan IV 2025 (2025-TW4)</p>' in index
    assert '<li><a href="metodologi.html">Tinjauan metodologi</a></li>' in index and 'href="kualitas_indikator.html"' not in index
    assert '<a href="kualitas_indikator-DINKES.html">Kualitas indikator DINKES</a>' in index
    # The stylesheet is inlined as is (autoescape must not touch it).
    from capaian.sumber import folder_template

    assert (folder_template() / "capaian" / "capaian.css").read_text(encoding="utf-8") in index


def test_index_tanpa_laporan_lain_tanpa_judulnya(tmp_path):
    index = _index(tmp_path, [], {"A": "Dinas A"})
    assert "Laporan lain periode ini" not in index
    # A standalone `kualitas`/`metodologi` run has no score files: the index does not link them.
    assert 'href="nilai_pegawai.csv"' not in index and 'href="manifest.json"' in index
    folder = tmp_path / "2025-TW4"
    (folder / "nilai_pegawai.csv").write_text("nip\n", encoding="utf-8")
    index = terbit.write_index(folder, "2025-TW4", {"A": "Dinas A"}, []).read_text(encoding="utf-8")
    assert 'href="nilai_pegawai.csv"' in index and 'href="nilai_indikator.csv"' not in index


def test_manifest_mempertahankan_laporan_lain_yang_masih_ada(tmp_path):
    folder = tmp_path / "2025-TW4"
    folder.mkdir()
    (folder / "kualitas_indikator.html").write_text("x", encoding="utf-8")
    terbit.catat_laporan_lain(folder, "kualitas_indikator.html", "Kualitas indikator", "berhasil")
    terbit.catat_laporan_lain(folder, "metodologi.html", "Tinjauan metodologi", "berhasil")  # its file is missing
    isi = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert set(isi["laporan_lain"]) == {"kualitas_indikator.html", "metodologi.html"}

    @dataclass
    class M:
        versi: str = "uji"

    (folder / "nilai_pegawai.csv").write_text("nip\n", encoding="utf-8")
    nb = tmp_path / "nb.ipynb"
    nb.write_text("{}", encoding="utf-8")
    laporan = [terbit.entri_laporan("A", "Dinas A", "gagal", "sel 1 gagal", 2.5)]
    path = terbit.write_manifest(folder, "2025-TW4", "data", None, M(), tmp_path / "tidak-ada.yaml", nb, ["A"], 2, laporan, "2025-12-31T00:00:00+07:00")
    isi = json.loads(path.read_text(encoding="utf-8"))
    assert list(isi["laporan_lain"]) == ["kualitas_indikator.html"]  # metodologi.html is gone from disk
    assert isi["ringkasan"] == {"berhasil": 0, "gagal": 1, "usang": 0}
    assert isi["laporan"][0] == {"kode_instansi": "A", "nama_instansi": "Dinas A", "status": "gagal", "error": "sel 1 gagal",
                                 "html": None, "ipynb": "A/laporan.ipynb", "detik": 2.5}
    assert isi["keluaran"]["nilai_pegawai.csv"] == terbit.sha256_berkas(folder / "nilai_pegawai.csv")
    assert isi["notebook"]["sha256"] == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"  # sha256 of "{}"
    assert isi["metodologi"]["sha256"] is None and isi["perintah"]["workers"] == 2


@dataclass
class _BundelUji(terbit.BundelPickle):
    periode: str
    kode_instansi: str
    angka: list


def test_bundel_dimuat_hanya_untuk_periode_dan_instansinya(tmp_path):
    path = _BundelUji("2025-TW1", "ALFA", [1, 2]).write(tmp_path / "b.pkl")
    assert _BundelUji.load_untuk(path, "2025-TW1", "ALFA").angka == [1, 2]
    assert _BundelUji.load_untuk(path, "2025-TW1").kode_instansi == "ALFA"
    with pytest.raises(ValueError, match="bukan untuk BETA periode 2025-TW1"):
        _BundelUji.load_untuk(path, "2025-TW1", "BETA")
    with pytest.raises(ValueError, match="bukan untuk periode 2025-TW2"):
        _BundelUji.load_untuk(path, "2025-TW2")


def test_kelas_status_dan_satu_gaya_grafik():
    assert [tampilan.kelas_status(s) for s in ("terpenuhi", "tidak terpenuhi", "tidak dinilai", None)] == [
        "terpenuhi", "tidak-terpenuhi", "tidak-dinilai", "tidak-dinilai"]
    tampilan.gaya_grafik()
    import matplotlib
    import struct

    assert matplotlib.rcParams["text.parse_math"] is False
    fig = tampilan.figur(2.0, 1.0)
    fig.add_subplot().plot([0, 1], [0, 1])
    img = tampilan.gambar_html(fig, 'grafik "uji" <1>')
    assert img.startswith('<div class="grafik"><img src="data:image/png;base64,') and img.endswith("></div>")
    assert 'alt="grafik &quot;uji&quot; &lt;1&gt;"' in img
    import base64

    png = base64.b64decode(img.split("base64,", 1)[1].split('"', 1)[0])
    lebar, tinggi = struct.unpack(">II", png[16:24])
    assert (lebar, tinggi) == (2 * tampilan.DPI, 1 * tampilan.DPI)


def test_kemajuan_bar_hanya_di_terminal_baris_polos_di_log():
    """Issue 10 butir 9: in a cron log (stderr not a terminal) each report is one plain line; the
    redrawn bar (with carriage returns) only on a terminal."""
    import io

    from capaian.terbit import KemajuanPolos, progress

    log = io.StringIO()
    bar = progress(2, True, file=log)
    assert isinstance(bar, KemajuanPolos)
    bar.update(1, "Laporan Kinerja Dinas Kesehatan berhasil (3,2 detik)")
    bar.update(1)
    bar.close()
    assert log.getvalue() == "Laporan 1/2: Laporan Kinerja Dinas Kesehatan berhasil (3,2 detik)\nLaporan 2/2 selesai\n"

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    layar = Terminal()
    bar = progress(2, True, file=layar)
    assert not isinstance(bar, KemajuanPolos)
    bar.update(1, "diabaikan")
    bar.close()
    assert "\r" in layar.getvalue() and "diabaikan" not in layar.getvalue()
    diam = io.StringIO()
    bar = progress(2, False, file=diam)
    bar.update(1)
    bar.close()
    assert diam.getvalue() == ""


def test_grafik_tidak_tampil_lebih_sempit_dari_teks_terkecil_9_px():
    """At 390 px a chart keeps its smallest text at HURUF_MIN_PX: its min-width follows the
    smallest font (issue 10 butir 1), and it sits in a box that scrolls on its own."""
    import re

    tampilan.gaya_grafik()
    fig = tampilan.figur(7.0, 3.0)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.set_title("judul")
    ax.text(0.5, 0.5, "kecil", fontsize=6)
    img = tampilan.gambar_html(fig, "uji")
    assert tampilan.huruf_terkecil_pt(fig) == 6
    assert 'data-huruf-pt="6"' in img and f'width="{7 * tampilan.DPI}"' in img
    minimum = int(re.search(r"min-width:(\d+)px", img).group(1))
    # 6 pt on a 7-inch figure shown `minimum` px wide: 6 / 72 * minimum / 7 px, at least 9 px.
    assert 6 / 72 * minimum / 7 >= tampilan.HURUF_MIN_PX > 6 / 72 * (minimum - 1) / 7


def test_batang_setiap_seri_berpola_arsir_sendiri():
    """Bar series read apart in greyscale (issue 10 butir 2): every hue its own hatch pattern."""
    import pandas as pd

    sns = tampilan.gaya_grafik()
    fig = tampilan.figur(4.0, 2.0)
    ax = fig.subplots()
    data = pd.DataFrame({"x": ["a", "b"] * 3, "y": [1, 2, 3, 4, 5, 6], "seri": ["p", "p", "q", "q", "r", "r"]})
    sns.barplot(data=data, x="x", y="y", hue="seri", ax=ax, errorbar=None)
    ax.legend(title="")
    tampilan.beri_pola(ax)
    pola = [{b.get_hatch() or "" for b in wadah} for wadah in ax.containers]
    assert all(len(p) == 1 for p in pola) and len({p.pop() for p in pola}) == 3
    # The legend shows the same patterns, in the same order.
    assert [h.get_hatch() or "" for h in ax.get_legend().legend_handles] == [w[0].get_hatch() or "" for w in ax.containers]
