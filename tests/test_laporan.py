"""Period reports per instansi (`capaian.laporan.render_laporan`): layout, manifest, privacy,
strictness, escaping, no code in the HTML, determinism.

One module fixture renders two of three instansi once; most tests inspect that result. Rendering
tests start real kernels, so they render few reports.
"""

from __future__ import annotations

import csv
import hashlib
import html as html_lib
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from capaian import laporan as lp
from capaian.galat import DataError

PERIODE = "2025-TW1"
SKRIP = "<script>alert(1)</script>"


def nip(nomor: int, tahun: int = 1980) -> str:
    """A valid PNS NIP: birth date, TMT CPNS, gender 1, sequence `nomor`."""
    return f"{tahun:04d}0101{tahun + 22:04d}011{nomor:03d}"


PEGAWAI = {
    # kode: (nip, nama, instansi, unit, jabatan, atasan)
    "A1": (nip(1), "Andi Kepala Alfa", "ALFA", "Sekretariat Alfa", "Kepala Dinas", ""),
    "A2": (nip(2), "Budi O'Neil Staf", "ALFA", "Bidang Pelayanan", "Analis", "A1"),
    "A3": (nip(3), "Citra Lintas Instansi", "ALFA", "Bidang Pelayanan", "Pengelola Data", "B1"),
    "A4": (nip(4), "Gita Tanpa Iki", "ALFA", "Sekretariat Alfa", "Pengadministrasi", "A1"),
    "B1": (nip(5), "Dewi Kepala Beta", "BETA", "Sekretariat Beta", "Kepala Badan", ""),
    "B2": (nip(6), "Eko Staf Beta", "BETA", "Bidang Anggaran", "Analis Anggaran", "B1"),
    "C1": (nip(7), "Fajar Camat Gama", "GAMA", "Kantor Camat", "Camat", ""),
}
INSTANSI = {"ALFA": "Dinas Alfa", "BETA": "Badan Beta", "GAMA": "Kecamatan Gama", "DELTA": "Badan Delta Tanpa Pegawai"}


def _iki(kode: str, i: int, wording: str, target: float, bulanan: list[float | None]):
    return {
        "id_indikator": f"IKI-{kode}-{i}",
        "nip": PEGAWAI[kode][0],
        "tahun": "2025",
        "rencana_hasil_kerja": f"Rencana {kode} {i}",
        "indikator": wording,
        "aspek": "kuantitas",
        "satuan": "dokumen",
        "target": str(target),
    }, [
        {"id_indikator": f"IKI-{kode}-{i}", "bulan": f"2025-{b + 1:02d}", "realisasi": str(v)}
        for b, v in enumerate(bulanan)
        if v is not None
    ]


def tabel_uji() -> dict[str, list[dict]]:
    indikator, realisasi = [], []
    for kode, i, wording, target, bulanan in [
        ("A1", 1, "Dokumen kebijakan disusun", 120, [10, 10, 10]),
        ("A1", 2, "Rapat koordinasi", 24, [2, 2, 2]),
        ("A2", 1, SKRIP, 120, [12, 12, 12]),  # capaian 120 (the cap): far above target
        ("A2", 2, "Layanan selesai tepat waktu", 12, [1, None, 1]),  # one month missing
        ("A3", 1, "Data dimutakhirkan", 60, [5, 5, 5]),
        ("A3", 2, "Laporan tidak pernah dikirim", 12, [None, None, None]),  # no realisasi
        ("B1", 1, "Anggaran disusun Beta", 12, [1, 1, 1]),
        ("B2", 1, "Dokumen anggaran Beta", 24, [2, 2, 2]),
        ("C1", 1, "Layanan kecamatan Gama", 12, [1, 1, 1]),
    ]:
        iki, real = _iki(kode, i, wording, target, bulanan)
        indikator.append(iki)
        realisasi += real
    aspek = {a: "4" for a in ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")}
    perilaku = [
        {"nip": PEGAWAI[k][0], "bulan": "2025-02", "nip_penilai": PEGAWAI[a][0] if a else "", **aspek}
        for k, a in [("A1", ""), ("A2", "A1"), ("A3", "B1"), ("B1", ""), ("B2", "B1"), ("C1", "")]
    ]
    return {
        "instansi": [{"kode_instansi": k, "nama_instansi": n, "jenis": "dinas"} for k, n in INSTANSI.items()],
        "pegawai": [
            {"nip": n, "nama": nama, "kode_instansi": ins, "unit_kerja": unit, "jabatan": jab, "nip_atasan": PEGAWAI[at][0] if at else ""}
            for n, nama, ins, unit, jab, at in PEGAWAI.values()
        ],
        "indikator": indikator,
        "realisasi": realisasi,
        "perilaku": perilaku,
        "umpan_balik": [
            # The atasan overrides the computed rating: the report must highlight it.
            {"nip": PEGAWAI["A2"][0], "periode": PERIODE, "nip_penilai": PEGAWAI["A1"][0], "rating_hasil_kerja": "di_bawah", "rating_perilaku": "", "catatan": "<b>Tingkatkan</b> & teruskan"},
            {"nip": PEGAWAI["A3"][0], "periode": PERIODE, "nip_penilai": PEGAWAI["B1"][0], "rating_hasil_kerja": "", "rating_perilaku": "", "catatan": "Catatan dari atasan lintas instansi"},
            {"nip": PEGAWAI["B2"][0], "periode": PERIODE, "nip_penilai": PEGAWAI["B1"][0], "rating_hasil_kerja": "", "rating_perilaku": "", "catatan": "Catatan rahasia Beta"},
        ],
        "kinerja_organisasi": [{"kode_instansi": "ALFA", "periode": PERIODE, "predikat_organisasi": "baik"}],
    }


def write_data(folder: Path, tabel: dict[str, list[dict]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for nama, baris in tabel.items():
        kolom = list(dict.fromkeys(k for b in baris for k in b))
        with open(folder / f"{nama}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=kolom, lineterminator="\n")
            w.writeheader()
            w.writerows(baris)
    return folder


def rahasia_instansi_lain(kode: str) -> list[str]:
    """Every NIP and name that belongs to another instansi (and to nobody of `kode`), in the forms
    it would take in HTML and in notebook JSON."""
    milik = {v[1] for v in PEGAWAI.values() if v[2] == kode} | {INSTANSI[kode]}
    lain = [v[0] for v in PEGAWAI.values() if v[2] != kode]
    lain += [v[1] for v in PEGAWAI.values() if v[2] != kode and v[1] not in milik]
    lain += [n for k, n in INSTANSI.items() if k != kode]
    lain += ["Catatan rahasia Beta"] if kode != "BETA" else []
    bentuk = set()
    for s in lain:
        bentuk |= {s, html_lib.escape(s), json.dumps(s)[1:-1], html_lib.escape(s, quote=False)}
    return sorted(bentuk)


@pytest.fixture(scope="module")
def data_uji(tmp_path_factory) -> Path:
    return write_data(tmp_path_factory.mktemp("data") / "data", tabel_uji())


@pytest.fixture(scope="module")
def render(data_uji, tmp_path_factory):
    keluaran = tmp_path_factory.mktemp("keluaran")
    hasil = lp.render_laporan(data_uji, PERIODE, keluaran=keluaran, instansi=["ALFA", "BETA"], workers=2, progress=False)
    return hasil


def _html(render, kode: str) -> str:
    return (render.folder / kode / "laporan.html").read_text(encoding="utf-8")


@pytest.mark.lambat
def test_tata_letak_keluaran(render):
    assert render.exit_status == 0, render.ringkasan()
    folder = render.folder
    assert folder.name == PERIODE
    for nama in ("index.html", "manifest.json", "nilai_pegawai.csv", "nilai_indikator.csv"):
        assert (folder / nama).is_file(), nama
    for kode in ("ALFA", "BETA"):
        assert (folder / kode / "laporan.html").is_file()
        assert (folder / kode / "laporan.ipynb").is_file()
    assert not (folder / "GAMA").exists()
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.lambat
def test_manifest(render, data_uji):
    m = json.loads((render.folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["periode"] == PERIODE
    assert {r["kode_instansi"]: r["status"] for r in m["laporan"]} == {"ALFA": "berhasil", "BETA": "berhasil"}
    assert m["laporan"][0]["html"] == "ALFA/laporan.html"
    for tabel in ("instansi", "pegawai", "indikator", "realisasi"):
        berkas = data_uji / f"{tabel}.csv"
        assert m["data"][tabel]["sha256"] == hashlib.sha256(berkas.read_bytes()).hexdigest()
    assert m["metodologi"]["versi"]
    assert m["metodologi"]["isi"]["capaian"]["batas_atas"] == 120
    assert re.fullmatch(r"[0-9a-f]{64}", m["metodologi"]["sha256"])
    assert re.fullmatch(r"[0-9a-f]{64}", m["notebook"]["sha256"])
    for paket in ("python", "pandas", "papermill", "nbconvert", "matplotlib", "seaborn"):
        assert paket in m["paket"]
    assert m["perintah"]["instansi"] == ["ALFA", "BETA"]
    assert set(m["keluaran"]) == {"nilai_pegawai.csv", "nilai_indikator.csv"}


@pytest.mark.lambat
def test_index_mencantumkan_setiap_instansi(render):
    index = (render.folder / "index.html").read_text(encoding="utf-8")
    assert 'href="ALFA/laporan.html"' in index and 'href="BETA/laporan.html"' in index
    assert "Kecamatan Gama" in index and "belum dibuat" in index
    assert "GAMA/laporan.html" not in index


@pytest.mark.lambat
@pytest.mark.parametrize("kode", ["ALFA", "BETA"])
def test_privasi_tidak_ada_nip_atau_nama_instansi_lain(render, kode):
    for berkas in (render.folder / kode / "laporan.html", render.folder / kode / "laporan.ipynb"):
        isi = berkas.read_text(encoding="utf-8")
        bocor = [s for s in rahasia_instansi_lain(kode) if s in isi]
        assert not bocor, f"{berkas.name} memuat data instansi lain: {bocor}"


@pytest.mark.lambat
def test_atasan_lintas_instansi_tanpa_nama(render):
    html = _html(render, "ALFA")
    assert lp.DI_LUAR_INSTANSI in html
    assert lp.PENILAI_DI_LUAR in html
    assert "Citra Lintas Instansi" in html  # the pegawai herself is ALFA's


@pytest.mark.lambat
def test_teks_dari_data_di_escape(render):
    html = _html(render, "ALFA")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "&lt;b&gt;Tingkatkan&lt;/b&gt; &amp; teruskan" in html
    assert "Budi O'Neil Staf" in html  # an apostrophe in text content is harmless


@pytest.mark.lambat
@pytest.mark.parametrize("kode", ["ALFA", "BETA"])
def test_html_tanpa_kode_mandiri_dan_kecil(render, kode):
    html = _html(render, kode)
    for kode_sumber in ("import capaian", "from capaian", "lp.", "siapkan(", "score_period(", "bundel =", "kode_instansi ="):
        assert kode_sumber not in html
    assert "In&nbsp;[" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "HTML tidak boleh memuat URL jaringan"
    assert "<link" not in html
    gambar = [re.search(r'src="([^"]{0,30})', tag) for tag in re.findall(r"<img[^>]*>", html)]
    assert len(gambar) >= 3 and all(g and g.group(1).startswith("data:image/png;base64,") for g in gambar)
    assert len(html.encode("utf-8")) < 1_500_000
    # Every table carries its own "Unduh CSV" link, inside the file (issue 10 butir 6).
    assert html.count("<table") >= 5 and html.count("<table") == html.count('class="unduh-csv"')
    assert html.count('href="data:text/csv;charset=utf-8;base64,') == html.count("<table")


@pytest.mark.lambat
def test_isi_laporan(render):
    html = _html(render, "ALFA")
    assert "Laporan Kinerja Pegawai: Dinas Alfa" in html
    assert "Triwulan I 2025" in html
    # Headline: 3 of 4 pegawai have IKI; A4 has none and is listed as not yet assessed.
    assert "Gita Tanpa Iki" in html and "belum ada IKI untuk tahun ini" in html
    assert "IKI berealisasi setiap bulan" in html
    # Indonesian numbers: A2's first IKI hits the 120% cap.
    assert "120,0%" in html
    # The distribution rules of organisation predikat Baik are shown with their status.
    assert "Aturan kurva distribusi untuk predikat organisasi Baik" in html
    # The atasan's final rating differs from the computed one: highlighted.
    assert '<td class="sorot">Di Bawah</td>' in html
    # IKI needing attention, grouped under their first reason.
    for kelompok in ("Tidak ada realisasi pada periode ini (1 IKI)", "Realisasi belum lengkap (1 IKI)", "Jauh di atas target"):
        assert kelompok in html
    assert "Laporan tidak pernah dikirim" in html
    # Umpan balik and the closing section.
    assert "Catatan dari atasan lintas instansi" in html
    assert "Matriks predikat" in html and "SHA-256" in html


@pytest.mark.lambat
def test_laporan_tanpa_kinerja_organisasi(render):
    html = _html(render, "BETA")
    assert "aturan distribusi tidak diperiksa" in html


@pytest.mark.lambat
def test_notebook_tereksekusi_memuat_parameter(render):
    nb = nbformat.read(render.folder / "BETA" / "laporan.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'kode_instansi = "BETA"' in injected[0].source
    assert not any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_notebook_sumber_tanpa_keluaran():
    nb = nbformat.read(lp.NOTEBOOK, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for nama in ("data", "periode", "kode_instansi", "metodologi"):
        assert re.search(rf"^{nama} = ", params[0].source, re.M)
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None


def _tanpa_waktu(teks: str) -> str:
    teks = re.sub(r"Dibuat [^<]*", "Dibuat X", teks)
    return re.sub(r"<dd>\d+ \w+ \d{4} pukul [^<]*</dd>", "<dd>X</dd>", teks)


@pytest.mark.lambat
def test_jalan_ulang_memberi_angka_yang_sama(render, data_uji, tmp_path):
    """The same command twice gives the same numbers (and, but for the time stamp, the same HTML).
    The second run forks no kernel zygote (`zigot=False`): the plain path gives the same report."""
    hasil = lp.render_laporan(data_uji, PERIODE, keluaran=tmp_path, instansi=["BETA"], workers=1, progress=False, zigot=False)
    assert hasil.exit_status == 0
    assert "1 berhasil, 0 gagal" in hasil.ringkasan()
    folder = tmp_path / PERIODE
    for nama in ("nilai_pegawai.csv", "nilai_indikator.csv"):
        assert (folder / nama).read_bytes() == (render.folder / nama).read_bytes()
    assert _tanpa_waktu((folder / "BETA" / "laporan.html").read_text(encoding="utf-8")) == _tanpa_waktu(_html(render, "BETA"))


def test_kesalahan_pengguna_diangkat_dengan_status_keluarnya(data_uji, tmp_path):
    """The library raises a user's mistake (a `GalatPengguna` carrying its exit status and the
    message the CLI prints); it prints nothing and writes nothing."""
    from capaian.galat import GalatPengguna

    def galat(*args, **kw) -> GalatPengguna:
        with pytest.raises(GalatPengguna) as e:
            lp.render_laporan(*args, keluaran=tmp_path / "k", progress=False, **kw)
        return e.value

    e = galat(data_uji, PERIODE, instansi=["ZETA"])
    assert e.status == 2 and "ZETA" in e.pesan_cli() and "ALFA, BETA, GAMA, DELTA" in e.pesan_cli()
    assert galat(tmp_path / "tidak-ada", PERIODE).status == 2
    assert galat(data_uji, "2025-Q1").status == 2
    tabel = tabel_uji()
    tabel["realisasi"][0]["realisasi"] = "-5"
    rusak = write_data(tmp_path / "rusak", tabel)
    e = galat(rusak, PERIODE)
    assert e.status == 1 and "realisasi.csv:2: realisasi:" in e.pesan_cli() and "1 masalah ditemukan" in e.pesan_cli()
    assert not (tmp_path / "k").exists()


def test_data_tidak_sah_tidak_menulis_apa_pun(tmp_path):
    tabel = tabel_uji()
    tabel["pegawai"][0]["nip"] = "123"
    data = write_data(tmp_path / "data", tabel)
    keluaran = tmp_path / "keluaran"
    with pytest.raises(DataError) as e:
        lp.render_laporan(data, PERIODE, keluaran=keluaran, progress=False)
    assert any(m.kolom == "nip" for m in e.value.masalah)
    assert not keluaran.exists()


def test_instansi_tidak_dikenal(data_uji, tmp_path):
    with pytest.raises(lp.InstansiTidakDikenal) as e:
        lp.render_laporan(data_uji, PERIODE, keluaran=tmp_path / "k", instansi=["ALFA", "ZETA"], progress=False)
    assert "ZETA" in str(e.value) and "ALFA, BETA, GAMA, DELTA" in str(e.value)
    assert not (tmp_path / "k").exists()


@pytest.mark.lambat
def test_satu_laporan_gagal_yang_lain_tetap_jadi(data_uji, tmp_path):
    """A cell error in one instansi's notebook (tagged so that papermill itself lets it pass)
    fails that report only; its notebook stays for diagnosis and an old HTML does not survive."""
    nb = nbformat.read(lp.NOTEBOOK, as_version=4)
    sel = nbformat.v4.new_code_cell('if kode_instansi == "ALFA":\n    raise RuntimeError("galat uji untuk ALFA")')
    sel.metadata["tags"] = ["raises-exception"]
    nb.cells.insert(3, sel)
    nb_uji = tmp_path / "laporan_uji.ipynb"
    nbformat.write(nb, nb_uji)
    lama = tmp_path / "k" / PERIODE / "ALFA" / "laporan.html"
    lama.parent.mkdir(parents=True)
    lama.write_text("laporan lama", encoding="utf-8")

    hasil = lp.render_laporan(data_uji, PERIODE, keluaran=tmp_path / "k", instansi=["ALFA", "BETA"], workers=2, progress=False, notebook=nb_uji)
    assert hasil.exit_status == 1
    status = {r.kode_instansi: r for r in hasil.laporan}
    assert status["ALFA"].status == "gagal" and "galat uji untuk ALFA" in status["ALFA"].pesan
    assert status["BETA"].status == "berhasil"
    assert not lama.exists()
    assert (hasil.folder / "ALFA" / "laporan.ipynb").is_file()
    assert (hasil.folder / "BETA" / "laporan.html").is_file()
    m = json.loads(hasil.manifest.read_text(encoding="utf-8"))
    alfa = next(r for r in m["laporan"] if r["kode_instansi"] == "ALFA")
    assert alfa["status"] == "gagal" and "galat uji untuk ALFA" in alfa["error"]
    assert "gagal" in (hasil.folder / "index.html").read_text(encoding="utf-8")
    ringkas = hasil.ringkasan()
    assert "1 berhasil, 1 gagal" in ringkas and "ALFA" in ringkas


# ---------------------------------------------------------------------------------------------
# The bundle and the notebook-side functions, in this process (no kernel)


@pytest.fixture(scope="module")
def bundel_alfa(data_uji) -> lp.Bundel:
    return lp.prepare_bundel(str(data_uji), PERIODE, "ALFA")


def test_bundel_hanya_memuat_instansinya(bundel_alfa, tmp_path):
    path = bundel_alfa.write(tmp_path / "alfa.pkl")
    isi = path.read_bytes()
    for s in rahasia_instansi_lain("ALFA"):
        assert s.encode("utf-8") not in isi, s
    assert set(bundel_alfa.pegawai["nip"]) == {PEGAWAI[k][0] for k in ("A1", "A2", "A3", "A4")}
    citra = bundel_alfa.pegawai.set_index("nama").loc["Citra Lintas Instansi"]
    assert citra["atasan"] == lp.DI_LUAR_INSTANSI and pd.isna(citra["nip_atasan"])
    b = lp.load_bundel(path)
    assert b.kode_instansi == "ALFA" and len(b.indikator) == 6


def test_angka_ringkas(bundel_alfa):
    r = lp.angka_ringkas(bundel_alfa)
    assert (r["pegawai"], r["indikator"]) == (4, 6)
    assert r["indikator_lengkap"] == 4  # A2-2 misses a month, A3-2 has none
    assert r["kepatuhan"] == pytest.approx(4 / 6)
    assert r["dinilai"] + r["belum_dinilai"] == 4


def test_iki_perhatian(bundel_alfa):
    data = lp.iki_perhatian_data(bundel_alfa).set_index("id_indikator")["alasan"]
    assert data["IKI-A3-2"] == "tidak ada realisasi pada periode ini"
    assert data["IKI-A2-2"] == "realisasi belum lengkap"
    assert data["IKI-A2-1"].startswith("jauh di atas target")
    assert "IKI-A1-1" not in data.index


BAGIAN = (lp.judul, lp.daftar_perhatian, lp.ringkasan, lp.distribusi, lp.per_unit, lp.per_atasan, lp.tren_bulanan, lp.tabel_pegawai, lp.iki_perhatian, lp.umpan_balik, lp.penutup)


# What each section must show for ALFA (test data above: A1 100%, A2 (120% + 66,7%)/2, A3 (100% +
# 0%)/2; A4 has no IKI). Each fragment is a heading, a number as the report formats it, or a row.
ISI_ALFA = {
    lp.judul: [
        "<h1>Laporan Kinerja Pegawai: Dinas Alfa</h1>",
        "Periode Triwulan I 2025 (2025-TW1) · Kode instansi ALFA · Predikat kinerja organisasi: <strong>Baik</strong>",
    ],
    lp.daftar_perhatian: [
        # A2: predikat Butuh Perbaikan 6, A2-2 di bawah ekspektasi 1 and at risk 1, override 1.
        '<tr><td>Budi O&#x27;Neil Staf</td><td>19800101 200201 1 002</td><td>Analis</td><td class="angka">9</td>'
        "<td>predikat Butuh Perbaikan (+6); 1 IKI di bawah ekspektasi (+1); 1 IKI berisiko tidak mencapai target tahunan (+1); "
        "1 rating akhir berbeda dari usulan (+1)</td></tr>",
        "params/perhatian.yaml",
    ],
    lp.ringkasan: [
        '<div class="nilai">3</div><div class="label">pegawai dinilai</div><div class="keterangan">dari 4 pegawai instansi</div>',
        '<div class="nilai">81,1%</div><div class="label">rata-rata capaian hasil kerja</div>',
        '<div class="nilai">66,7%</div><div class="label">kepatuhan pelaporan</div><div class="keterangan">4 dari 6 IKI berealisasi setiap bulan</div>',
        "<tr><td>Gita Tanpa Iki</td><td>Pengadministrasi</td><td>Sekretariat Alfa</td><td>belum ada IKI untuk tahun ini</td></tr>",
    ],
    lp.distribusi: [
        'alt="Grafik batang sebaran predikat pegawai"',
        '<tr><td>Baik</td><td class="angka">2</td><td class="angka">66,7%</td></tr>',
        '<tr><td>Butuh Perbaikan</td><td class="angka">1</td><td class="angka">33,3%</td></tr>',
        "<h3>Aturan kurva distribusi untuk predikat organisasi Baik</h3>",
        '<tr><td>Baik ≤ 70%</td><td class="angka">66,7%</td><td class="terpenuhi">terpenuhi</td></tr>',
    ],
    lp.per_unit: [
        'alt="Grafik rata-rata capaian hasil kerja per unit kerja"',
        "ambang Sesuai Ekspektasi (90%)",
        '<tr><td>Bidang Pelayanan</td><td class="angka">2</td><td class="angka">2</td><td class="angka">71,7%</td>'
        '<td class="angka">50,0%</td><td class="angka">93,3%</td><td class="angka">50,0%</td><td>1 Baik, 1 Butuh Perbaikan</td></tr>',
    ],
    lp.per_atasan: [
        '<tr><td>Andi Kepala Alfa</td><td>Kepala Dinas</td><td class="angka">2</td><td class="angka">1</td><td class="angka">93,3%</td>',
        '<tr><td>atasan di luar instansi</td><td>–</td><td class="angka">1</td><td class="angka">1</td><td class="angka">50,0%</td>',
    ],
    lp.tren_bulanan: [
        'alt="Grafik tren capaian hasil kerja bulanan"',
        '<tr><td>Rata-rata capaian</td><td class="angka">86,7%</td><td class="angka">70,0%</td><td class="angka">86,7%</td></tr>',
    ],
    lp.tabel_pegawai: [
        '<tr class="kelompok"><th colspan="10">Tim Andi Kepala Alfa (Kepala Dinas)</th></tr>',
        '<tr><td>Budi O&#x27;Neil Staf</td><td>19800101 200201 1 002</td><td>Analis</td><td class="angka">93,3%</td><td>Sesuai</td><td class="sorot">Di Bawah</td>',
        "(1 rating pada periode ini)",
    ],
    lp.iki_perhatian: [
        "3 dari 6 IKI",
        '<tr class="kelompok"><th colspan="8">Tidak ada realisasi pada periode ini (1 IKI)</th></tr>',
        "<tr><td>Budi O&#x27;Neil Staf</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>dokumen</td>"
        '<td class="angka">30,00 (pro-rata)</td><td class="angka">36</td><td>3 dari 3</td><td class="angka">120,0%</td>',
    ],
    lp.umpan_balik: [
        "Budi O&#x27;Neil Staf <span class=\"keterangan\">· dinilai oleh Andi Kepala Alfa · rating hasil kerja Di Bawah Ekspektasi</span>",
        '<div class="isi">&lt;b&gt;Tingkatkan&lt;/b&gt; &amp; teruskan</div>',
        "dinilai oleh penilai di luar instansi",
    ],
    lp.penutup: [
        "<h3>Metodologi penilaian</h3>",
        "Capaian dibatasi paling tinggi 120% dan paling rendah 0%.",
        "<dt>Versi metodologi</dt><dd>2025.1</dd>",
        "<h3>Asal data</h3>",
        "<tr><td>instansi</td><td>instansi.csv</td>",
    ],
}


def test_bagian_notebook_menampilkan_isinya(bundel_alfa):
    """Each section shows its heading, the bundle's numbers as formatted for readers, and its rows;
    data text is escaped (the test data's `<script>` wording and `<b>` note)."""
    assert set(ISI_ALFA) == set(BAGIAN)
    for fungsi, harapan in ISI_ALFA.items():
        html = fungsi(bundel_alfa)._repr_html_()
        for potongan in harapan:
            assert potongan in html, (fungsi.__name__, potongan)
        assert "<script" not in html and "<b>" not in html, fungsi.__name__


def test_instansi_tanpa_pegawai_tetap_bisa_dilaporkan(data_uji):
    b = lp.prepare_bundel(str(data_uji), PERIODE, "DELTA")
    assert b.pegawai.empty and b.indikator.empty
    harapan = {
        lp.judul: "<h1>Laporan Kinerja Pegawai: Badan Delta Tanpa Pegawai</h1>",
        lp.daftar_perhatian: "Tidak ada pegawai yang perlu perhatian khusus pada periode ini.",
        lp.ringkasan: '<div class="nilai">0</div><div class="label">pegawai dinilai</div><div class="keterangan">dari 0 pegawai instansi</div>',
        lp.distribusi: "Predikat kinerja organisasi untuk periode ini belum tercatat",
        lp.per_unit: '<p class="catatan">Tidak ada data.</p>',
        lp.per_atasan: '<p class="catatan">Tidak ada data.</p>',
        lp.tren_bulanan: "Belum ada capaian bulanan untuk ditampilkan.",
        lp.tabel_pegawai: "(0 rating pada periode ini)",
        lp.iki_perhatian: "Tidak ada IKI yang perlu perhatian khusus pada periode ini.",
        lp.umpan_balik: "Belum ada umpan balik atasan untuk periode ini.",
        lp.penutup: "<dt>Versi metodologi</dt><dd>2025.1</dd>",
    }
    assert set(harapan) == set(BAGIAN)
    for fungsi, potongan in harapan.items():
        assert potongan in fungsi(b)._repr_html_(), fungsi.__name__
    assert lp.angka_ringkas(b)["pegawai"] == 0


def test_perbarui_index_menautkan_laporan_yang_dibuat_sesudahnya(tmp_path):
    import json

    from capaian.terbit import perbarui_index

    folder = tmp_path / "2025-TW4"
    folder.mkdir()
    assert perbarui_index(folder) is None  # no manifest yet: nothing to rebuild
    manifest = {
        "periode": "2025-TW4",
        "laporan": [
            {"kode_instansi": "DINKES", "nama_instansi": "Dinas Kesehatan", "status": "berhasil", "html": "DINKES/laporan.html", "ipynb": "DINKES/laporan.ipynb", "detik": 1.0},
            {"kode_instansi": "BKPP", "nama_instansi": "BKPP", "status": "gagal", "error": "sel 3 gagal", "html": None, "ipynb": "BKPP/laporan.ipynb", "detik": 1.0},
        ],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "kualitas_indikator.html").write_text("<html></html>", encoding="utf-8")
    index = perbarui_index(folder).read_text(encoding="utf-8")
    assert 'href="DINKES/laporan.html"' in index and "sel 3 gagal" in index
    assert 'href="kualitas_indikator.html"' in index and 'href="metodologi.html"' not in index


def test_laporan_lain_tercatat_di_manifest_dan_index(tmp_path):
    import json

    from capaian.terbit import catat_laporan_lain
    from capaian.pengaturan import load_metodologi

    folder = tmp_path / "2025-TW4"
    folder.mkdir()
    (folder / "kualitas_indikator.html").write_text("<html></html>", encoding="utf-8")
    # Before any `capaian laporan`: the manifest is started and the index links the report.
    catat_laporan_lain(folder, "kualitas_indikator.html", "Kualitas indikator", "berhasil", metodologi=load_metodologi())
    isi = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entri = isi["laporan_lain"]["kualitas_indikator.html"]
    assert entri["status"] == "berhasil" and entri["metodologi"]["versi"] == "2025.1" and "pandas" in entri["paket"]
    assert 'href="kualitas_indikator.html"' in (folder / "index.html").read_text(encoding="utf-8")
    # A failed one is recorded with its error and no link.
    catat_laporan_lain(folder, "metodologi.html", "Tinjauan metodologi", "gagal", "sel 4: ZeroDivisionError")
    isi = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert isi["laporan_lain"]["metodologi.html"] == {**isi["laporan_lain"]["metodologi.html"], "status": "gagal", "error": "sel 4: ZeroDivisionError", "html": None}
    assert isi["laporan_lain"]["metodologi.html"]["ipynb"] == "metodologi.ipynb"
    assert isi["laporan_lain"]["kualitas_indikator.html"]["status"] == "berhasil"  # the earlier entry stays
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="metodologi.html"' not in index
    assert "<h2>Laporan lain periode ini</h2><ul><li><a href=\"kualitas_indikator.html\">Kualitas indikator</a></li></ul>" in index


# ---------------------------------------------------------------------------------------------
# Compared with the previous period (issue 10, point 5), on the bundled sample


@pytest.fixture(scope="module")
def pembanding_contoh(folder_contoh):
    from capaian.kode import parse_periode
    from capaian.nilai import capaian_bulanan, score_period
    from capaian.pengaturan import load_metodologi
    from capaian.validasi import load_dataset

    ds = load_dataset(folder_contoh)
    m = load_metodologi(None)

    def bundel(periode: str, kode: str) -> lp.Bundel:
        p = parse_periode(periode)
        h = score_period(ds, p, m)
        return lp.PembuatBundel(ds, h, capaian_bulanan(ds, p, m), p.kode, m, sebelumnya=lp.score_sebelumnya(ds, p, m)).untuk(kode)

    return ds, m, bundel


@pytest.mark.parametrize(
    "periode, lalu, angka_lalu, angka_kini",
    [
        # DINKES, 52 pegawai: (rata-rata capaian, IKI lengkap dari 290, Sangat Baik, Baik)
        ("2025-TW4", "2025-TW3", (103.66, 271, 9, 42), (97.47, 240, 5, 45)),
        ("2025-03", "2025-02", (89.58, 263, 8, 36), (88.72, 261, 4, 42)),
    ],
)
def test_banding_periode_sebelumnya_di_contoh(pembanding_contoh, periode, lalu, angka_lalu, angka_kini):
    from capaian.nilai import score_period

    ds, m, bundel = pembanding_contoh
    b = bundel(periode, "DINKES")
    assert b.periode_sebelumnya == lalu and b.alasan_sebelumnya is None
    a, k = lp.angka_sebelumnya(b), lp.angka_ringkas(b)
    for r, (rata, lengkap, sb, baik) in ((a, angka_lalu), (k, angka_kini)):
        assert round(r["rata_rata_capaian"], 2) == rata
        assert (r["indikator"], r["indikator_lengkap"]) == (290, lengkap)
        assert (r["predikat_sangat_baik"], r["predikat_baik"]) == (sb, baik)
    # The previous column is score_period of the previous period, the same as a run of its own.
    sendiri = score_period(ds, lalu, m).pegawai
    sendiri = sendiri[sendiri["kode_instansi"] == "DINKES"]
    assert a["rata_rata_capaian"] == pytest.approx(sendiri["capaian_hasil_kerja"].mean())
    # The transition table: every pegawai once; its diagonal the pegawai whose predikat stayed.
    pindah = lp.perpindahan_predikat(b)
    assert int(pindah.to_numpy().sum()) == len(b.pegawai) == 52
    lama = dict(zip(sendiri["nip"], sendiri["predikat"]))
    tetap = sum(lama.get(n) == q for n, q in zip(b.pegawai["nip"], b.pegawai["predikat"]))
    assert sum(int(pindah.iat[i, i]) for i in range(5)) == tetap
    assert pindah.loc["Sangat Baik"].sum() == angka_lalu[2] and pindah["Sangat Baik"].sum() == angka_kini[2]
    html = lp.banding_sebelumnya(b).isi
    assert lp.nama_periode(lalu) in html and "Perpindahan pegawai antarpredikat" in html
    assert "Tidak ada pembanding" not in html


def test_banding_tanpa_periode_sebelumnya_mengatakannya(pembanding_contoh):
    _, _, bundel = pembanding_contoh
    b = bundel("2025-TW1", "DINKES")
    assert b.periode_sebelumnya == "2024-TW4" and b.sebelumnya is None
    html = lp.banding_sebelumnya(b).isi
    assert "Tidak ada pembanding" in html and "tahun 2024" in html


@pytest.mark.parametrize(
    "kode, lalu", [("2025-03", "2025-02"), ("2025-01", "2024-12"), ("2025-TW4", "2025-TW3"), ("2025-TW1", "2024-TW4"),
                   ("2025-S2", "2025-S1"), ("2025-S1", "2024-S2"), ("2025", "2024")]
)
def test_periode_sebelumnya_sejenis(kode, lalu):
    from capaian.kode import parse_periode, periode_sebelumnya

    assert periode_sebelumnya(parse_periode(kode)).kode == lalu


def test_angka_laporan_dapat_dipercaya_di_contoh(pembanding_contoh):
    """Issue 10 butir 7 on the sample's DINKES, 2025-TW4: range targets as ranges, pro-rata
    targets saying so, pegawai without realisasi shown one way and how they enter the average,
    the monthly trend beside reporting compliance (October: 263 of 290 IKI reported)."""
    from capaian.format import TANPA_REALISASI

    _, _, bundel = pembanding_contoh
    b = bundel("2025-TW4", "DINKES")
    data = lp.iki_perhatian_data(b)
    assert "76,61–88,30" in set(data["target_tampak"])
    assert any(t.endswith(" (pro-rata)") for t in data["target_tampak"])
    html = lp.iki_perhatian(b).isi
    assert '<td class="angka">76,61–88,30</td>' in html and '<td class="angka">76,61</td>' not in html
    assert lp.tanpa_realisasi(b).sum() == 2
    pegawai = lp.tabel_pegawai(b).isi
    assert pegawai.count(f'<td class="angka">{TANPA_REALISASI}</td>') == 2
    assert "masuk rata-rata instansi dan rata-rata unit dengan capaian 0%" in pegawai
    assert "termasuk 2 tanpa realisasi yang dihitung 0%" in lp.ringkasan(b).isi
    tren = lp.tren_bulanan(b).isi
    okt = b.lapor_bulanan.set_index("bulan").loc["2025-10"]
    assert (okt["iki"], okt["lapor"]) == (290, 263)
    assert "<td>Kepatuhan pelaporan</td>" in tren and '<td class="angka">90,7%</td>' in tren
    assert "dihitung dengan capaian 0%" in tren
