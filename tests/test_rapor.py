"""Rapor kinerja per pegawai, halaman tim per atasan, daftar perlu perhatian (`capaian.rapor`).

Worked numbers for the kebutuhan rule, the attention score and angka kredit (docs/metodologi.md
bagian 10 and 11); privacy, escaping and atomicity of the pages on the small data set of
tests/test_laporan.py; every pegawai and atasan of the bundled sample gets a page.
"""

from __future__ import annotations

import html as html_lib
import json
import math
import re

import pytest

from capaian import rapor
from capaian.galat import DataError, NipTidakDikenal
from capaian.kode import nip_tertulis
from capaian.nilai import score_period
from capaian.pengaturan import load_aturan_perhatian
from capaian.validasi import load_dataset

from test_laporan import INSTANSI, PEGAWAI, PERIODE, SKRIP, tabel_uji, write_data

NAN = math.nan


# ---------------------------------------------------------------------------------------------
# NIP as official documents write it


def test_nip_pns_dan_pppk_ditulis_seperti_dokumen_resmi():
    assert nip_tertulis("197310022004052001") == "19731002 200405 2 001"
    # PPPK: digit 13 is 2 (no PNS TMT month is 20-29): year of appointment, then the PPPK code.
    assert nip_tertulis("199001012023211001") == "19900101 2023 21 1 001"
    assert nip_tertulis(None) == "–"
    assert nip_tertulis("123") == "123"


# ---------------------------------------------------------------------------------------------
# Kebutuhan sampai akhir tahun (docs/metodologi.md bagian 11)


def test_kebutuhan_jumlah_naik_contoh_yang_dikerjakan():
    # IKI A of the worked example: 120 a year, Jan 8, Feb 12, Mar 13 -> 33 so far, 9 months left.
    kb = rapor.kebutuhan_tahunan("jumlah", "naik", 120, NAN, [8, 12, 13], 3)
    assert kb.status == "perlu" and kb.nilai == pytest.approx(87 / 9) and kb.laju == 11
    assert not kb.berisiko  # 9,67 needed per month, 11 per month so far
    assert rapor.teks_kebutuhan(kb, "dokumen") == "paling sedikit 9,67 dokumen per bulan (9 bulan lagi; laju kini 11 dokumen)"


def test_kebutuhan_jumlah_naik_berisiko_dan_tercapai():
    kb = rapor.kebutuhan_tahunan("jumlah", "naik", 120, NAN, [5, 5, 5], 3)
    assert kb.nilai == pytest.approx(105 / 9) and kb.berisiko  # 11,67 needed, 5 a month so far
    kb = rapor.kebutuhan_tahunan("jumlah", "naik", 120, NAN, [40, NAN, 80], 3)
    assert kb.status == "tercapai" and not kb.berisiko
    assert rapor.teks_kebutuhan(kb) == "sudah tercapai"
    kb = rapor.kebutuhan_tahunan("jumlah", "naik", 120, NAN, [NAN, NAN, NAN], 3)
    assert kb.nilai == pytest.approx(120 / 9) and kb.berisiko  # nothing reported: pace 0


def test_kebutuhan_jumlah_turun_adalah_batas_atas():
    # At most 10 in the year (lower is better); 4 so far, 9 months left: at most 0,67 a month.
    kb = rapor.kebutuhan_tahunan("jumlah", "turun", 10, NAN, [2, 1, 1], 3)
    assert kb.status == "perlu" and kb.paling_banyak and kb.nilai == pytest.approx(6 / 9)
    assert kb.berisiko  # 1,33 a month so far
    assert rapor.teks_kebutuhan(kb).startswith("paling banyak 0,67 per bulan")
    kb = rapor.kebutuhan_tahunan("jumlah", "turun", 10, NAN, [5, 4, 3], 3)
    assert kb.status == "tidak_lagi" and kb.berisiko
    assert rapor.teks_kebutuhan(kb) == "tidak lagi dapat tercapai"


def test_kebutuhan_rata_rata():
    # Target 80: Jan 70, Feb 75, Mar 90 (mean 78,33); the year's mean over 12 reported months
    # reaches 80 when the remaining 9 average (80 × 12 − 235) / 9 = 80,56.
    kb = rapor.kebutuhan_tahunan("rata_rata", "naik", 80, NAN, [70, 75, 90], 3)
    assert kb.nilai == pytest.approx(725 / 9) and kb.berisiko
    assert rapor.teks_kebutuhan(kb, "%") == "rata-rata paling sedikit 80,56% (9 bulan lagi; kini 78,33%)"
    # IKI B of the worked example (lower is better, 10): Jan 12, Feb 9, Mar 12 -> at most 9,67.
    kb = rapor.kebutuhan_tahunan("rata_rata", "turun", 10, NAN, [12, 9, 12], 3)
    assert kb.paling_banyak and kb.nilai == pytest.approx(87 / 9) and kb.berisiko
    # Already so far above that even zeros keep the mean above the target.
    kb = rapor.kebutuhan_tahunan("rata_rata", "naik", 10, NAN, [100, 100, 100], 3)
    assert kb.status == "tercapai"


def test_kebutuhan_terakhir_dan_rentang_memakai_batas_yang_dipakai_rumus():
    # IKI C of the worked example: range 80–90, higher is better: December must be at least 80.
    kb = rapor.kebutuhan_tahunan("terakhir", "naik", 80, 90, [70, NAN, 95], 3)
    assert kb.nilai == 80 and kb.sekarang == 95 and not kb.berisiko
    assert rapor.teks_kebutuhan(kb) == "paling sedikit 80 di bulan Desember (kini 95)"
    # Lower is better with a range [5, 8]: capaian uses the upper bound, so at most 8.
    kb = rapor.kebutuhan_tahunan("terakhir", "turun", 5, 8, [9, 9, 9], 3)
    assert kb.batas == 8 and kb.paling_banyak and kb.berisiko


def test_kebutuhan_akhir_tahun():
    bulan = [10] * 12
    assert rapor.kebutuhan_tahunan("jumlah", "naik", 120, NAN, bulan, 12).status == "tercapai"
    kb = rapor.kebutuhan_tahunan("jumlah", "naik", 121, NAN, bulan, 12)
    assert kb.status == "tidak_tercapai" and kb.berisiko
    assert rapor.teks_kebutuhan(kb) == "tidak tercapai (tahun sudah berakhir)"


# ---------------------------------------------------------------------------------------------
# Angka kredit (bagian 10) and the attention score (bagian 11)


@pytest.mark.parametrize(
    "bulan, persen, koefisien, harapan",
    [
        (3, 100, 25, 6.25),  # Ahli Muda, Baik, a triwulan
        (12, 150, 12.5, 18.75),  # Ahli Pertama, Sangat Baik, the year
        (1, 75, 12.5, 0.781),  # 0,78125 rounded half up to 3 decimals
        (6, 50, 5, 1.25),  # Terampil, Kurang, a semester
        (3, None, 25, None),  # no predikat
        (3, 100, None, None),  # no jenjang
    ],
)
def test_angka_kredit(bulan, persen, koefisien, harapan):
    assert rapor.angka_kredit(bulan, persen, koefisien) == harapan


def test_koefisien_angka_kredit_dari_metodologi():
    from capaian.pengaturan import load_metodologi

    k = load_metodologi().koefisien_angka_kredit
    assert (k.ahli_pertama, k.ahli_muda, k.ahli_madya, k.ahli_utama) == (12.5, 25, 37.5, 50)
    assert (k.terampil, k.mahir, k.penyelia) == (5, 12.5, 25)


def test_skor_perhatian_contoh_yang_dikerjakan():
    aturan = load_aturan_perhatian()
    # Kurang (8) + 7 IKI di bawah ekspektasi, counted at most 5 (5 × 1) + 2 months unreported
    # (2 × 1) + 1 aspect below 3 (2) = 17.
    ph = rapor.skor_perhatian({"predikat_kurang": 1, "iki_di_bawah_ekspektasi": 7, "bulan_tidak_lapor": 2, "aspek_perilaku_di_bawah_3": 1}, aturan)
    assert ph.skor == 17
    assert ph.alasan == (
        "predikat Kurang/Misconduct (+8)",
        "7 IKI di bawah ekspektasi (+5)",
        "2 bulan tanpa laporan realisasi (+2)",
        "1 aspek perilaku di bawah 3 (+2)",
    )
    assert rapor.skor_perhatian({}, aturan).skor == 0
    # In a period ending in December an IKI "at risk" has missed its annual target: said so.
    assert rapor.skor_perhatian({"iki_berisiko": 2}, aturan, akhir_tahun=True).alasan == ("2 IKI tidak mencapai target tahunan (+2)",)


def test_aturan_perhatian_dapat_diubah_dan_diperiksa(tmp_path):
    from capaian.galat import AturanPerhatianError

    f = tmp_path / "perhatian.yaml"
    f.write_text("aturan:\n  bulan_tidak_lapor: {bobot: 3, maks: 2, dasar: uji}\n", encoding="utf-8")
    a = load_aturan_perhatian(f)
    assert a.aturan["bulan_tidak_lapor"].bobot == 3
    assert rapor.skor_perhatian({"bulan_tidak_lapor": 5}, a).skor == 6
    f.write_text("aturan:\n  bulan_tidak_lapor: {bobot: -1, maks: 2, dasar: uji}\n", encoding="utf-8")
    with pytest.raises(AturanPerhatianError, match="aturan.bulan_tidak_lapor.bobot"):
        load_aturan_perhatian(f)
    f.write_text("aturan:\n  hari_libur: {bobot: 1, maks: 1, dasar: uji}\n", encoding="utf-8")
    with pytest.raises(AturanPerhatianError, match="hari_libur"):
        load_aturan_perhatian(f)


def test_setiap_aturan_perhatian_bawaan_menyebut_dasarnya():
    for kunci, a in load_aturan_perhatian().aturan.items():
        assert len(a.dasar) > 20, kunci


# ---------------------------------------------------------------------------------------------
# Pages on the small data set


@pytest.fixture(scope="module")
def sumber_uji(tmp_path_factory):
    data = write_data(tmp_path_factory.mktemp("rapor") / "data", tabel_uji())
    ds = load_dataset(data)
    return rapor.SumberHalaman(ds, score_period(ds, PERIODE))


def _nip_semua_bentuk(kode: str) -> set[str]:
    n = PEGAWAI[kode][0]
    return {n, nip_tertulis(n)}


def _teks_terlihat(html: str) -> str:
    """The page's text as a reader sees it: tags gone, entities read, white space collapsed."""
    t = html_lib.unescape(re.sub(r"<[^>]+>", " ", html[html.index("<main"):]))
    return re.sub(r"\s+([.,;)])", r"\1", re.sub(r"\s+", " ", t))


def test_rapor_hanya_memuat_pegawai_itu_dan_atasannya(sumber_uji):
    html = sumber_uji.render_rapor(PEGAWAI["A2"][0])
    t = _teks_terlihat(html)
    assert "Budi O'Neil Staf" in t and "19800101 200201 1 002" in t
    assert "Andi Kepala Alfa (Kepala Dinas)" in t  # the atasan: name and jabatan only
    lain = [k for k in PEGAWAI if k not in ("A1", "A2")]
    for k in lain:
        assert PEGAWAI[k][1] not in html, k
    for k in PEGAWAI:
        if k != "A2":
            for bentuk in _nip_semua_bentuk(k):
                assert bentuk not in html, k  # not even the atasan's NIP
    for k, nama in INSTANSI.items():
        if k != "ALFA":
            assert nama not in html
    assert "IKI-A1" not in html and "Dokumen kebijakan disusun" not in html  # the atasan's IKI


def test_rapor_tidak_menyebut_penilai(sumber_uji):
    # A3 is rated by B1 (another instansi) and has an atasan there: neither is named.
    html = sumber_uji.render_rapor(PEGAWAI["A3"][0])
    assert "Dewi Kepala Beta" not in html and not (_nip_semua_bentuk("B1") & set(re.findall(r"[\d ]{18,21}", html)))
    assert "atasan di luar instansi" in html
    assert "dari 1 penilai" in html and "nama penilai tidak ditampilkan" in html


def test_rapor_memuat_isi_yang_diminta(sumber_uji):
    t = _teks_terlihat(sumber_uji.render_rapor(PEGAWAI["A2"][0]))
    for potongan in [
        "Triwulan I 2025",
        "Butuh Perbaikan",  # predikat
        "Rating hasil kerja akhir (Di Bawah Ekspektasi) diputuskan atasan, berbeda dari rating yang dihitung (Sesuai Ekspektasi).",
        "Layanan selesai tepat waktu",
        "2 dari 3",  # months reported against expected
        "66,67%",
        "IKI 2: realisasi bulan Feb belum dilaporkan.",
        "Aspek perilaku terendah",
        "<b>Tingkatkan</b> & teruskan",  # the atasan's note, shown as text
        "Angka kredit",
    ]:
        assert potongan in t, potongan
    # The strip marks the missed month of IKI 2 (January to March).
    assert sumber_uji.render_rapor(PEGAWAI["A2"][0]).count('class="tidak-lapor') == 1


def test_rapor_pegawai_tanpa_iki_menyebut_alasannya(sumber_uji):
    t = _teks_terlihat(sumber_uji.render_rapor(PEGAWAI["A4"][0]))
    assert "Belum dinilai pada periode ini: belum ada IKI untuk tahun ini." in t


def test_halaman_tim_hanya_memuat_bawahan(sumber_uji):
    html = sumber_uji.render_tim(PEGAWAI["A1"][0])
    tautan = set(re.findall(r'href="\.\./pegawai/(\d{18})\.html"', html))
    assert tautan == {PEGAWAI["A2"][0], PEGAWAI["A4"][0]}
    for k in ("A3", "B1", "B2", "C1"):
        assert PEGAWAI[k][1] not in html and PEGAWAI[k][0] not in html, k
    assert PEGAWAI["A1"][0] not in html  # the atasan's own NIP is not shown either
    t = _teks_terlihat(html)
    assert "Budi O'Neil Staf" in t and "Gita Tanpa Iki" in t
    assert "predikat Butuh Perbaikan (+6)" in t  # the team's part of the attention list


def test_teks_data_di_escape(tmp_path):
    tabel = tabel_uji()
    for p in tabel["pegawai"]:
        if p["nip"] == PEGAWAI["A2"][0]:
            p["nama"] = "Budi <script>alert('nama')</script>"
            p["jabatan"] = "<img src=x onerror=alert(1)>"
    ds = load_dataset(write_data(tmp_path / "data", tabel))
    s = rapor.SumberHalaman(ds, score_period(ds, PERIODE))
    for html in (s.render_rapor(PEGAWAI["A2"][0]), s.render_tim(PEGAWAI["A1"][0])):
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;" in html
    assert html_lib.escape(SKRIP) in s.render_rapor(PEGAWAI["A2"][0])  # the IKI wording


def test_halaman_ditulis_atomik_dan_gagal_tanpa_sisa(sumber_uji, tmp_path, monkeypatch):
    hasil = sumber_uji.write_instansi(tmp_path, "ALFA")
    assert (hasil.pegawai, hasil.tim) == (4, 1)
    pegawai = sorted(p.name for p in (tmp_path / "ALFA" / "pegawai").iterdir())
    assert pegawai == sorted(f"{PEGAWAI[k][0]}.html" for k in ("A1", "A2", "A3", "A4"))
    assert [p.name for p in (tmp_path / "ALFA" / "tim").iterdir()] == [f"{PEGAWAI['A1'][0]}.html"]
    assert set(hasil.sha256) == {f"ALFA/pegawai/{n}" for n in pegawai} | {f"ALFA/tim/{PEGAWAI['A1'][0]}.html"}
    # A stale page of a pegawai no longer in the data is removed on the next run.
    basi = tmp_path / "ALFA" / "pegawai" / "199001012015011001.html"
    basi.write_text("lama", encoding="utf-8")
    sumber_uji.write_instansi(tmp_path, "ALFA")
    assert not basi.exists()

    def gagal(self, nip):
        raise RuntimeError("templat rusak")

    monkeypatch.setattr(rapor.SumberHalaman, "render_tim", gagal)
    with pytest.raises(RuntimeError, match="templat rusak"):
        sumber_uji.write_instansi(tmp_path, "ALFA")
    # Nothing of ALFA's pages is left, not even the previous run's; no temporary file either.
    assert not (tmp_path / "ALFA" / "pegawai").exists() and not (tmp_path / "ALFA" / "tim").exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_jenjang_divalidasi(tmp_path):
    tabel = tabel_uji()
    for p in tabel["pegawai"]:
        p["jenjang"] = ""
    tabel["pegawai"][1]["jenjang"] = "Ahli Muda"
    tabel["pegawai"][2]["jenjang"] = "ahli tengah"
    with pytest.raises(DataError) as info:
        load_dataset(write_data(tmp_path / "data", tabel))
    pesan = str(info.value)
    assert "pegawai.csv:4: jenjang" in pesan and "ahli tengah" in pesan and "ahli_muda" in pesan
    tabel["pegawai"][2]["jenjang"] = ""
    ds = load_dataset(write_data(tmp_path / "data2", tabel))
    assert ds.pegawai["jenjang"].tolist()[1] == "ahli_muda"
    s = rapor.SumberHalaman(ds, score_period(ds, PERIODE))
    t = _teks_terlihat(s.render_rapor(PEGAWAI["A2"][0]))
    # Butuh Perbaikan (75%), Ahli Muda (25 a year), a triwulan: 3/12 × 75% × 25 = 4,688.
    assert "angka kredit periode ini 4,688 (3/12 × 75% × 25 = 4,688)" in t


def test_rapor_dari_notebook(tmp_path):
    data = write_data(tmp_path / "data", tabel_uji())
    x = rapor.rapor_pegawai(data, PERIODE, " ".join([PEGAWAI["A2"][0][:8], PEGAWAI["A2"][0][8:]]))
    assert "Budi O'Neil Staf" in _teks_terlihat(x.html)
    assert x._repr_html_().startswith("<iframe srcdoc=") and "<style>" not in x._repr_html_()
    assert x.write(tmp_path / "r.html").read_text(encoding="utf-8") == x.html
    with pytest.raises(NipTidakDikenal):
        rapor.rapor_pegawai(data, PERIODE, "199001012015011001")


# ---------------------------------------------------------------------------------------------
# The bundled sample


@pytest.fixture(scope="module")
def sumber_contoh(dataset_contoh):
    return rapor.SumberHalaman(dataset_contoh, score_period(dataset_contoh, "2025-TW4"))


def test_contoh_setiap_pegawai_dan_atasan_mendapat_halaman(sumber_contoh, dataset_contoh, tmp_path):
    peg = dataset_contoh.pegawai
    for kode in dataset_contoh.instansi["kode_instansi"]:
        hasil = sumber_contoh.write_instansi(tmp_path, kode)
        milik = peg[peg["kode_instansi"] == kode]
        assert hasil.pegawai == len(milik)
        atasan = set(milik["nip_atasan"].dropna()) & set(milik["nip"])
        assert {p.stem for p in (tmp_path / kode / "tim").iterdir()} == atasan
    # The kepala's page covers the whole instansi: every other pegawai of it is linked.
    kepala = peg[(peg["kode_instansi"] == "SETDA") & peg["nip_atasan"].isna()]["nip"].iloc[0]
    html = (tmp_path / "SETDA" / "tim" / f"{kepala}.html").read_text(encoding="utf-8")
    tautan = set(re.findall(r'href="\.\./pegawai/(\d{18})\.html"', html))
    assert tautan == set(peg[peg["kode_instansi"] == "SETDA"]["nip"]) - {kepala}


def test_contoh_rapor_kecil_dan_jenjang_terisi(sumber_contoh, dataset_contoh):
    assert dataset_contoh.pegawai["jenjang"].notna().sum() > 50
    terbanyak = max(sumber_contoh.iki_per_nip, key=lambda n: len(sumber_contoh.iki_per_nip[n]))
    html = sumber_contoh.render_rapor(terbanyak)
    assert len(html.encode("utf-8")) <= 60_000
    assert "http://" not in html and "https://" not in html and "<script" not in html and "<link" not in html


@pytest.mark.lambat
def test_laporan_menautkan_rapor_dan_manifest_mencatat_halaman(folder_contoh, tmp_path):
    from capaian.laporan import render_laporan

    hasil = render_laporan(folder_contoh, "2025-TW4", keluaran=tmp_path, instansi=["KEC-TAPALANG"], workers=1, progress=False)
    assert hasil.exit_status == 0
    folder = hasil.folder / "KEC-TAPALANG"
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    tautan = set(re.findall(r'href="pegawai/(\d{18})\.html"', html))
    assert tautan == {p.stem for p in (folder / "pegawai").iterdir()}
    assert "Perlu perhatian" in html
    m = json.loads(hasil.manifest.read_text(encoding="utf-8"))
    entri = m["laporan"][0]["halaman"]
    assert entri["pegawai"] == len(tautan) and len(entri["sha256"]) == entri["pegawai"] + entri["tim"]
    import hashlib

    for rel, sha in entri["sha256"].items():
        assert hashlib.sha256((hasil.folder / rel).read_bytes()).hexdigest() == sha


@pytest.mark.lambat
def test_halaman_yang_gagal_menggagalkan_instansinya(folder_contoh, tmp_path, monkeypatch):
    from capaian.laporan import render_laporan

    asli = rapor.SumberHalaman.write_instansi

    def write(self, folder, kode):
        if kode == "KEC-TAPALANG":
            raise RuntimeError("halaman rusak")
        return asli(self, folder, kode)

    monkeypatch.setattr(rapor.SumberHalaman, "write_instansi", write)
    hasil = render_laporan(folder_contoh, "2025-TW4", keluaran=tmp_path, instansi=["KEC-TAPALANG", "KEC-KALUKKU"], workers=1, progress=False)
    assert hasil.exit_status == 1
    status = {r.kode_instansi: r for r in hasil.laporan}
    assert status["KEC-TAPALANG"].status == "gagal" and "halaman rusak" in status["KEC-TAPALANG"].pesan
    assert status["KEC-KALUKKU"].status == "berhasil"
    assert not (hasil.folder / "KEC-TAPALANG" / "laporan.html").exists()


def test_perintah_laporan_meneruskan_pilihan_halaman(monkeypatch, folder_contoh, tmp_path, jalankan_cli):
    import capaian.laporan

    diterima = {}

    class Hasil:
        exit_status = 0

        def ringkasan(self):
            return "ringkas"

    def palsu(data, periode, **kw):
        diterima.update(kw)
        return Hasil()

    monkeypatch.setattr(capaian.laporan, "render_laporan", palsu)
    r = jalankan_cli("laporan", folder_contoh, "--periode", "2025-TW4", "--keluaran", tmp_path, "--tanpa-halaman")
    assert r.returncode == 0 and diterima["halaman"] is False and diterima["perhatian"] is None
    r = jalankan_cli("laporan", folder_contoh, "--periode", "2025-TW4", "--keluaran", tmp_path, "--perhatian", tmp_path / "p.yaml")
    assert r.returncode == 0 and diterima["halaman"] is True and diterima["perhatian"] == tmp_path / "p.yaml"


def test_berkas_perhatian_yang_rusak_keluar_2_tanpa_menulis(folder_contoh, tmp_path, jalankan_cli):
    f = tmp_path / "perhatian.yaml"
    f.write_text("ambang_daftar: tiga\n", encoding="utf-8")
    r = jalankan_cli("laporan", folder_contoh, "--periode", "2025-TW4", "--keluaran", tmp_path / "k", "--perhatian", f)
    assert r.returncode == 2 and "ambang_daftar" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "k" / "2025-TW4").exists()
