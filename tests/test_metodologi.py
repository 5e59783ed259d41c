"""Methodology review (`capaian.metodologi`): alternatives, distribution and transition tables,
sensitivity sweep, worked examples that agree with the engine, the assumptions log, and one render
of the review on the sample data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from bangun_data import bangun_dataset, bulanan, iki, nip, perilaku, umpan_balik
from capaian import metodologi as mt
from capaian.pengaturan import MetodologiError, load_metodologi
from capaian.nilai import score_period

from conftest import ROOT
ALTERNATIF = ROOT / "params" / "alternatif"
TW1 = "2025-TW1"
TW4 = "2025-TW4"


@pytest.fixture(scope="module")
def contoh(folder_contoh):
    return folder_contoh


@pytest.fixture(scope="module")
def ds_contoh(dataset_contoh):
    return dataset_contoh


# ---------------------------------------------------------------------------------------------
# Alternatives


def test_alternatif_yang_dikirim_dimuat_dan_masing_masing_mengubah_satu_hal():
    berkas = sorted(ALTERNATIF.glob("*.yaml"))
    assert {b.stem for b in berkas} >= {"rata_rata", "tanpa_batas", "batas_150", "abaikan"}
    pb = {p.nama: p for p in mt.load_pembanding(berkas)}
    assert list(pb)[0] == "bawaan"
    assert pb["rata_rata"].metodologi.rating_hasil_kerja.metode == "rata_rata"
    assert pb["tanpa_batas"].metodologi.capaian.batas_atas is None
    assert pb["batas_150"].metodologi.capaian.batas_atas == 150
    assert pb["abaikan"].metodologi.capaian.tanpa_realisasi == "abaikan"
    assert pb["tanpa_batas"].perubahan == ("capaian.batas_atas: 120 → tanpa batas",)
    assert pb["rata_rata"].perubahan == ("rating_hasil_kerja.metode: proporsi → rata_rata",)
    for p in list(pb.values())[1:]:
        assert len(p.perubahan) == 1
        # Each file explains what it changes and why someone would propose it.
        assert p.judul and "Diusulkan" in p.keterangan


def test_banding_tidak_sah_menyebut_kunci(tmp_path):
    salah = tmp_path / "salah.yaml"
    salah.write_text("capaian: {batas_atass: 130}\n", encoding="utf-8")
    with pytest.raises(MetodologiError) as e:
        mt.load_pembanding([salah])
    assert "capaian.batas_atass" in str(e.value)


def test_nama_berkas_kembar_dibedakan(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x.yaml").write_text("# X satu\ncapaian: {batas_atas: 130}\n", encoding="utf-8")
    (b / "x.yaml").write_text("capaian: {batas_atas: 140}\n", encoding="utf-8")
    assert [p.nama for p in mt.load_pembanding([a / "x.yaml", b / "x.yaml"])] == ["bawaan", "x", "x_2"]


def test_komentar_awal():
    assert mt.komentar_awal("# Judul.\n# Alasan satu\n#   dua\n\n# bukan\nkunci: 1\n") == "Judul.\nAlasan satu\ndua"
    assert mt.komentar_awal("kunci: 1\n") == ""


# ---------------------------------------------------------------------------------------------
# Distribution and transition tables


def _kecil():
    """Four pegawai: A di_atas under proporsi but not rata_rata; B without perilaku (belum dinilai);
    C with two of three IKI unreported (nol: di_bawah; abaikan: only the reported one counts); D always baik."""
    A, B, C, D = nip(1), nip(2), nip(3), nip(4)
    ind = [
        iki("A1", A, 12), iki("A2", A, 12), iki("A3", A, 12),
        iki("B1", B, 12),
        iki("C1", C, 12), iki("C2", C, 12), iki("C3", C, 12),
        iki("D1", D, 12),
    ]
    def tw(id_, v):
        return bulanan(id_, {"2025-01": v, "2025-02": v, "2025-03": v})
    real = tw("A1", 1.2) + tw("A2", 1.2) + tw("A3", 0.9) + tw("B1", 1) + tw("C1", 1) + tw("D1", 1)
    pr = [perilaku(n, "2025-02", 4.5) for n in (A, C, D)]
    return bangun_dataset(ind, real, perilaku_=pr)


def test_tabel_transisi_berjumlah_semua_pegawai_termasuk_belum_dinilai():
    ds = _kecil()
    m = load_metodologi()
    a = score_period(ds, TW1, m).pegawai
    b = score_period(ds, TW1, m.dengan(capaian={"tanpa_realisasi": "abaikan"})).pegawai
    tab = mt.tabel_transisi(a, b)
    assert list(tab.index) == list(mt.KATEGORI) and list(tab.columns) == list(mt.KATEGORI)
    assert tab.to_numpy().sum() == len(a) == 4
    assert tab.loc["belum_dinilai", "belum_dinilai"] == 1  # B: no perilaku under both
    # C: two unreported IKI count 0 (di_bawah, the majority) by default; ignored, the reported one is sesuai.
    assert tab.loc["butuh_perbaikan", "baik"] == 1
    r = mt.ringkas_transisi(tab)
    assert r == {"jumlah": 4, "tetap": 3, "naik": 1, "turun": 0, "berubah_status": 0}


def test_tabel_transisi_pegawai_yang_hilang_dihitung_belum_dinilai():
    a = pd.DataFrame({"nip": ["1", "2"], "predikat": pd.array(["baik", None], dtype="string")})
    b = pd.DataFrame({"nip": ["2", "3"], "predikat": pd.array(["kurang", "baik"], dtype="string")})
    tab = mt.tabel_transisi(a, b)
    assert tab.to_numpy().sum() == 3
    assert tab.loc["baik", "belum_dinilai"] == 1 and tab.loc["belum_dinilai", "kurang"] == 1 and tab.loc["belum_dinilai", "baik"] == 1
    assert mt.ringkas_transisi(tab)["berubah_status"] == 3


def test_sebaran_dan_transisi_pada_data_contoh(ds_contoh):
    pb = mt.load_pembanding(sorted(ALTERNATIF.glob("*.yaml")))
    hasil = mt.nilai_semua(ds_contoh, TW4, pb)
    n = len(hasil["bawaan"].pegawai)
    sebaran = mt.sebaran_predikat(hasil)
    assert list(sebaran["kategori"]) == list(mt.KATEGORI)
    for p in pb:
        assert sebaran[p.nama].sum() == n
        tab = mt.tabel_transisi(hasil["bawaan"].pegawai, hasil[p.nama].pegawai)
        assert tab.to_numpy().sum() == n
        # Row sums are the default's distribution, column sums the alternative's.
        assert list(tab.sum(axis=1)) == list(sebaran["bawaan"])
        assert list(tab.sum(axis=0)) == list(sebaran[p.nama])
    # The rating method moves somebody on the sample data; the diagonal is everyone else.
    tab = mt.tabel_transisi(hasil["bawaan"].pegawai, hasil["rata_rata"].pegawai)
    assert np.trace(tab.to_numpy()) < n


def test_distribusi_per_instansi(ds_contoh):
    pb = mt.load_pembanding([ALTERNATIF / "rata_rata.yaml"])
    d = mt.distribusi_per_instansi(mt.nilai_semua(ds_contoh, TW4, pb))
    assert {"porsi_bawaan", "status_bawaan", "porsi_rata_rata", "status_rata_rata"} <= set(d.columns)
    asli = score_period(ds_contoh, TW4).distribusi
    assert len(d) == len(asli)  # one row per (instansi, rule), no cartesian product
    assert set(d["status_bawaan"]) <= {"terpenuhi", "tidak terpenuhi", "tidak dapat dinilai"}


def test_distribusi_kosong_tanpa_kinerja_organisasi():
    ds = _kecil()
    d = mt.distribusi_per_instansi(mt.nilai_semua(ds, TW1, mt.load_pembanding([])))
    assert d.empty


# ---------------------------------------------------------------------------------------------
# Sensitivity sweep


def test_sapuan_sensitivitas():
    ds = _kecil()
    m = load_metodologi()
    s = mt.sapuan_sensitivitas(ds, TW1, m, {"batas_atas": (100.0, None), "ambang_sesuai": (80.0, 115.0)})
    # Each value gives one row per category, summing to every pegawai; the default's value is added.
    for (_, _), g in s.groupby(["parameter", "label"]):
        assert list(g["kategori"]) == list(mt.KATEGORI) and g["jumlah"].sum() == 4
        assert g["porsi"].sum() == pytest.approx(1)
    assert set(s[s["parameter"] == "batas_atas"]["label"]) == {"100%", "120%", "tanpa batas"}
    assert s[(s["parameter"] == "batas_atas") & s["bawaan"]]["label"].unique().tolist() == ["120%"]
    # sesuai 115 ≥ di_atas 110 is not a valid methodology: skipped, not an error.
    assert set(s[s["parameter"] == "ambang_sesuai"]["label"]) == {"80%", "90%"}
    # A pegawai-level effect: with the cap at 100, A's 120% IKI are no longer di_atas.
    sb = s[(s["kategori"] == "sangat_baik")].set_index(["parameter", "label"])["jumlah"]
    assert sb[("batas_atas", "120%")] == 1 and sb[("batas_atas", "100%")] == 0


# ---------------------------------------------------------------------------------------------
# Worked examples


def test_contoh_rumus_dari_data_contoh_sama_dengan_mesin(ds_contoh):
    hasil = score_period(ds_contoh, TW4)
    contoh = mt.contoh_rumus(ds_contoh, hasil)
    kode = [c.kode for c in contoh]
    # Every branch the sample holds appears, in order.
    assert kode == [
        "naik_jumlah", "naik_rata_rata", "naik_terakhir", "turun", "rentang_di_dalam", "rentang_di_luar", "target_nol",
        "batas_atas", "target_periodik", "tanpa_realisasi", "capaian_hasil_kerja", "rating_hasil_kerja", "perilaku", "predikat",
    ]
    for c in contoh:
        assert c.hasil_hitung == c.hasil_mesin, (c.kode, c.langkah)
        assert c.langkah and c.rumus and c.subjek


def test_contoh_rumus_dari_contoh_metodologi_md():
    """The worked example of docs/metodologi.md: IKI A, B, C of one pegawai in 2025-TW1."""
    P = nip(1)
    ds = bangun_dataset(
        [
            iki("A", P, 120),
            iki("B", P, 10, arah="turun", agregasi="rata_rata"),
            iki("C", P, 80, target_atas=90, agregasi="terakhir"),
        ],
        bulanan("A", {"2025-01": 8, "2025-02": 12, "2025-03": 13})
        + bulanan("B", {"2025-01": 12, "2025-02": 9, "2025-03": 12})
        + bulanan("C", {"2025-01": 70, "2025-03": 95}),
        perilaku_=[perilaku(P, "2025-02", [4, 4, 4, 4, 5, 4, 4], nip_penilai=None), perilaku(P, "2025-03", [4, 4, 5, 4, 4, 4, 4])],
    )
    contoh = {c.kode: c for c in mt.contoh_rumus(ds, score_period(ds, TW1))}
    assert contoh["naik_jumlah"].hasil_hitung == 110.0
    assert "Target tahunan 120 × 3 bulan ÷ 12 = target periode 30." in contoh["naik_jumlah"].langkah
    assert contoh["turun"].hasil_hitung == 90.0
    assert contoh["rentang_di_luar"].hasil_hitung == 105.56
    assert contoh["capaian_hasil_kerja"].hasil_hitung == 101.85
    assert contoh["rating_hasil_kerja"].hasil_hitung == "sesuai"
    assert contoh["perilaku"].hasil_hitung == 4.14
    assert contoh["predikat"].hasil_hitung == "baik"
    for c in contoh.values():
        assert c.hasil_hitung == c.hasil_mesin


def test_contoh_predikat_menunjukkan_keputusan_atasan():
    P = nip(1)
    ds = bangun_dataset(
        [iki("A", P, 12)],
        bulanan("A", {"2025-01": 1, "2025-02": 1, "2025-03": 1}),
        perilaku_=[perilaku(P, "2025-02", 4.5)],
        umpan_balik_=[umpan_balik(P, TW1, rating_perilaku="sesuai")],
    )
    c = {c.kode: c for c in mt.contoh_rumus(ds, score_period(ds, TW1))}["predikat"]
    assert "usulan Di Atas Ekspektasi, diputuskan atasan menjadi Sesuai Ekspektasi" in " ".join(c.langkah)
    assert c.hasil_hitung == c.hasil_mesin == "baik"


# ---------------------------------------------------------------------------------------------
# The assumptions-and-caveats log


def test_log_asumsi_sah_dan_lengkap():
    a = mt.load_asumsi()
    assert list(a.columns) == mt.KOLOM_ASUMSI
    assert a["kode"].is_unique and len(a) >= 10
    assert set(a["keyakinan"]) <= {"tinggi", "sedang", "rendah"}
    teks = " ".join(a["topik"] + " " + a["asumsi"]).lower()
    for kata in ("pro rata", "120%", "110", "proporsi", "kurva", "4,0", "rata-rata biasa", "nol", "setengah ke atas"):
        assert kata in teks, kata
    # Every shipped alternative is the "banding" of some assumption.
    assert {p.stem for p in ALTERNATIF.glob("*.yaml")} - {"batas_150"} <= set(a["banding"].dropna())


@pytest.mark.parametrize(
    "entri, pesan",
    [
        ({"keyakinan": "pasti"}, "keyakinan"),
        ({"kunci": "capaian.batas_bawah"}, "'capaian.batas_bawah' bukan kunci metodologi"),
        ({"banding": "tidak_ada"}, "banding: 'tidak_ada' tidak ada"),
        ({"catatan": "x"}, "kunci tidak dikenal"),
        ({"kode": "1"}, "kode ditulis A01"),
        ({"sumber": "  "}, "tidak boleh kosong"),
    ],
)
def test_log_asumsi_tidak_sah(tmp_path, entri, pesan):
    import yaml

    dasar = {"kode": "A01", "topik": "t", "asumsi": "a", "sumber": "s", "keyakinan": "sedang", "dampak": "d"}
    f = tmp_path / "asumsi.yaml"
    f.write_text(yaml.safe_dump([dasar | entri], allow_unicode=True), encoding="utf-8")
    with pytest.raises(mt.AsumsiError) as e:
        mt.load_asumsi(f, folder_alternatif=ALTERNATIF)
    assert pesan in str(e.value) and "entri ke-1" in str(e.value)


def test_log_asumsi_kode_kembar(tmp_path):
    import yaml

    dasar = {"kode": "A01", "topik": "t", "asumsi": "a", "sumber": "s", "keyakinan": "sedang", "dampak": "d"}
    f = tmp_path / "asumsi.yaml"
    f.write_text(yaml.safe_dump([dasar, dasar]), encoding="utf-8")
    with pytest.raises(mt.AsumsiError, match="kode A01 dipakai lebih dari sekali"):
        mt.load_asumsi(f)


# ---------------------------------------------------------------------------------------------
# The command on the sample data (one kernel start)


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "capaian.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


@pytest.mark.lambat
def test_render_metodologi_pada_data_contoh(contoh, tmp_path):
    proc = cli("metodologi", contoh, "--periode", TW4, "--keluaran", tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / TW4 / "metodologi.html").read_text(encoding="utf-8")
    assert (tmp_path / TW4 / "metodologi.ipynb").is_file()
    assert "<h1>Tinjauan Metodologi Penilaian Kinerja</h1>" in html
    for bagian in ("Rumus dan contohnya", "Perpindahan predikat", "Kepekaan terhadap batas atas", "Aturan kurva distribusi",
                   "Log asumsi dan catatan", "Bawaan → rata_rata", "Bawaan → abaikan", "Bawaan → tanpa_batas", "Bawaan → batas_150"):
        assert bagian in html, bagian
    assert html.count("data:image/png;base64,") == 2
    assert "<script" not in html.lower() and "import " not in html and "mt." not in html
    assert html.count("<table") >= 2 and html.count("<table") == html.count('class="unduh-csv"')  # issue 10 butir 6


def test_metodologi_banding_tidak_sah_keluar_2(contoh, tmp_path):
    salah = tmp_path / "salah.yaml"
    salah.write_text("rating_hasil_kerja: {metode: median}\n", encoding="utf-8")
    proc = cli("metodologi", contoh, "--periode", TW4, "--banding", salah, "--keluaran", tmp_path)
    assert proc.returncode == 2
    assert "rating_hasil_kerja.metode" in proc.stderr and "salah.yaml" in proc.stderr
    assert not (tmp_path / TW4).exists()


@pytest.mark.lambat
def test_metodologi_tahun_tanpa_iki(contoh, tmp_path):
    proc = cli("metodologi", contoh, "--periode", "2031", "--keluaran", tmp_path)
    assert proc.returncode == 1
    assert "Tidak ada IKI untuk tahun 2031" in proc.stderr
    assert not (tmp_path / "2031").exists()


def test_notebook_metodologi_tersimpan_tanpa_keluaran():
    nb = nbformat.read(ROOT / "notebooks" / "metodologi.ipynb", as_version=4)
    kode = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in kode[0].metadata.get("tags", [])
    assert all(c.outputs == [] and c.execution_count is None for c in kode)


@pytest.mark.lambat
def test_notebook_dibuka_manual_tanpa_bundel(contoh):
    """Opened by hand (no bundle), the review compares with the shipped alternatives and every
    section renders to HTML."""
    bt = mt.prepare_bundel(str(contoh), TW4)
    assert [x["nama"] for x in bt.pembanding] == ["bawaan", "abaikan", "batas_150", "rata_rata", "tanpa_batas"]
    for nama, tab in bt.transisi.items():
        assert tab.to_numpy().sum() == bt.jumlah["pegawai"], nama
    for f in (mt.judul, mt.rumus, mt.daftar_pembanding, mt.sebaran, mt.transisi, mt.sensitivitas, mt.distribusi, mt.asumsi, mt.penutup):
        assert "<script" not in f(bt)._repr_html_().lower(), f.__name__
    _bagian_menampilkan_isi_bundel(bt)


def _bagian_menampilkan_isi_bundel(bt):
    """Each section shows its heading and the bundle's numbers as the review formats them."""
    from capaian.format import bulat, teks

    j = bt.jumlah
    judul = mt.judul(bt)._repr_html_()
    assert "<h1>Tinjauan Metodologi Penilaian Kinerja</h1>" in judul
    assert (f"Periode Triwulan IV 2025 (2025-TW4) · {bulat(j['pegawai'])} pegawai di {bulat(j['instansi'])} instansi · "
            f"metodologi bawaan versi {teks(bt.metodologi['versi'])} dibandingkan dengan {len(bt.pembanding) - 1} alternatif") in judul

    rumus = mt.rumus(bt)._repr_html_()
    assert "<h3>Makin tinggi makin baik, dijumlahkan per bulan</h3>" in rumus
    for c in bt.contoh:  # every worked example under its heading, each step written out
        assert f"<h3>{teks(c.judul)}</h3>" in rumus, c.kode
        assert all(f"<li>{teks(langkah)}</li>" in rumus for langkah in c.langkah), c.kode

    daftar = mt.daftar_pembanding(bt)._repr_html_()
    for x in bt.pembanding:
        assert f"<tr><td>{teks(x['nama'])}</td><td>{teks(x['judul'])}</td>" in daftar

    jumlah = "".join(f'<td class="angka">{bulat(j["pegawai"])}</td>' for _ in bt.pembanding)
    assert f'<tr class="sorot"><td>Jumlah</td>{jumlah}</tr>' in mt.sebaran(bt)._repr_html_()

    transisi = mt.transisi(bt)._repr_html_()
    for x in bt.pembanding[1:]:
        r = mt.ringkas_transisi(bt.transisi[x["nama"]])
        assert f"<h3>Bawaan → {teks(x['nama'])}: {teks(x['judul'])}</h3>" in transisi
        assert (f"{bulat(r['tetap'])} dari {bulat(r['jumlah'])} pegawai tetap; {bulat(r['naik'])} naik predikat, "
                f"{bulat(r['turun'])} turun, {bulat(r['berubah_status'])} berpindah dari atau ke belum dinilai.") in transisi

    sensitivitas = mt.sensitivitas(bt)._repr_html_()
    assert '<tr class="kelompok"><th colspan="7">Batas atas capaian</th></tr>' in sensitivitas
    assert f"<td>{bulat(bt.metodologi['capaian']['batas_atas'])}% (bawaan)</td>" in sensitivitas

    distribusi = mt.distribusi(bt)._repr_html_()
    for x in bt.pembanding:
        n = int((bt.distribusi[f"status_{x['nama']}"] == "terpenuhi").sum())
        assert f"{x['nama']}: {bulat(n)} dari {bulat(len(bt.distribusi))} aturan terpenuhi" in distribusi
    assert 'class="terpenuhi bungkus"' in distribusi and 'class="tidak-terpenuhi bungkus"' in distribusi

    asumsi = mt.asumsi(bt)._repr_html_()
    assert f'<p class="catatan">{bulat(len(bt.asumsi))} asumsi; keyakinan:' in asumsi
    for a in bt.asumsi.itertuples():
        assert f"<tr><td>{teks(a.kode)}</td><td>{teks(a.topik)}</td>" in asumsi

    penutup = mt.penutup(bt)._repr_html_()
    assert (f"<li>Pada periode ini {bulat(j['pegawai'])} pegawai memiliki IKI; atasan memberi umpan balik untuk "
            f"{bulat(j['umpan_balik'])} pegawai dan mengubah rating usulan {bulat(j['rating_atasan_berbeda'])} pegawai.") in penutup
    assert "<h3>Asal data</h3>" in penutup and all(f"<td>{teks(s['sha256'])}</td>" in penutup for s in bt.sumber)


def test_rumus_batas_atas_menyebut_batas_metodologi_yang_dipakai():
    P = nip(1)
    ds = bangun_dataset([iki("A", P, 12)], bulanan("A", {"2025-01": 9, "2025-02": 9, "2025-03": 9}))
    for batas, teks in ((120, "(120%)"), (200, "(200%)")):
        m = load_metodologi().dengan(capaian={"batas_atas": batas})
        c = {c.kode: c for c in mt.contoh_rumus(ds, score_period(ds, TW1, m))}["batas_atas"]
        assert teks in c.rumus and "{batas_atas}" not in c.rumus and c.hasil_hitung == batas
