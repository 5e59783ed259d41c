"""`capaian impor`: e-Kinerja and SIASN exports into a data folder (docs/impor.md).

Not to be confused with tests/test_impor.py, which is about Python imports of the package.

The sample exports (`capaian contoh DIR --ekspor`, committed as data/contoh-ekspor) are imported
and every count of the import report is checked against what the generator planted
(`rencana_ekspor()`), never against the report itself. Each documented error is fed its bad input.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from capaian.baca import find_sources, sumber_tabel
from capaian.contoh_ekspor import (
    BARIS_JUDUL,
    INSTANSI_SIASN_LAMA,
    JENIS_PEGAWAI_ASING,
    KOLOM_ASING_MARET,
    KOLOM_ASING_SIASN,
    KOLOM_PENILAIAN,
    _baris_penilaian,
    _xlsx,
    berkas_ekspor,
    rencana_ekspor,
)
from capaian.galat import AturanImporError, FolderImporBerisiData, ImporError
from capaian.impor import ALASAN, NAMA_LAPORAN, impor, kode_instansi, kode_turunan
from capaian.kode import LABEL
from capaian.skema import KODE_INSTANSI_POLA, alasan_kode_dicadangkan

from conftest import ROOT


BUNDEL = ROOT / "data" / "contoh-ekspor"
PETA = BUNDEL / "peta_instansi.yaml"
JULI, TAHUNAN = 6, 12  # period index of the transfer month and of the Tahunan file


@pytest.fixture(scope="module")
def rencana():
    return rencana_ekspor()


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    """The bundled sample exports imported once, with the mapping to the sample's codes."""
    ke = tmp_path_factory.mktemp("impor") / "data"
    laporan = impor([BUNDEL], ke, peta_instansi=PETA)
    return laporan, ke


def baca(ke: Path, tabel: str) -> pd.DataFrame:
    return pd.read_csv(ke / f"{tabel}.csv", dtype=str, keep_default_na=False)


# ---------------------------------------------------------------------------------------------
# Sample exports: deterministic and committed


@pytest.fixture(scope="module")
def berkas_bawaan() -> dict[str, bytes]:
    """`berkas_ekspor()` (the default seed), generated once per module: a few seconds each time."""
    return berkas_ekspor()


@pytest.mark.lambat  # generates the whole sample bundle: over 2 s
def test_contoh_ekspor_yang_disimpan_sama_dengan_keluaran_generator(berkas_bawaan):
    assert sorted(p.name for p in BUNDEL.iterdir()) == sorted(berkas_bawaan)
    for nama, isi in berkas_bawaan.items():
        assert (BUNDEL / nama).read_bytes() == isi, f"data/contoh-ekspor/{nama} usang: jalankan capaian contoh DIR --ekspor lagi"


@pytest.mark.lambat  # needs the generated bundle above
def test_cli_contoh_ekspor_menulis_berkas_yang_sama(tmp_path, jalankan_cli, berkas_bawaan, monkeypatch):
    # The generator is deterministic (the test above pins its output): the command gets the
    # module's copy for the default seed instead of generating it again, twice. Any other seed
    # is generated, so a command that passed another seed still writes other files and fails.
    import capaian.contoh_ekspor as ce

    asli = ce.berkas_ekspor
    monkeypatch.setattr(ce, "berkas_ekspor", lambda seed=2025: dict(berkas_bawaan) if seed == 2025 else asli(seed))
    hasil = jalankan_cli("contoh", tmp_path / "ekspor", "--ekspor")
    assert hasil.returncode == 0, hasil.stderr
    for p in (tmp_path / "ekspor").iterdir():
        assert p.read_bytes() == (BUNDEL / p.name).read_bytes(), p.name
    again = jalankan_cli("contoh", tmp_path / "ekspor", "--ekspor")
    assert again.returncode == 2 and "sudah berisi" in again.stderr


def test_ekspor_penilaian_berjudul_dan_judul_kolom_di_baris_8(rencana):
    wb = load_workbook(BUNDEL / "penilaian_skp_2025_03_maret.xlsx", read_only=True)
    baris = [r for r in wb.worksheets[0].iter_rows(max_row=BARIS_JUDUL, values_only=True)]
    wb.close()
    assert baris[0][0].startswith("Laporan Penilaian SKP")
    assert "MARET" in baris[2][0].upper()
    assert list(baris[BARIS_JUDUL - 1])[: len(KOLOM_PENILAIAN)] == list(KOLOM_PENILAIAN)


def test_siasn_baru_berpemisah_pipa_ber_bom_dan_berawalan_petik():
    raw = (BUNDEL / "siasn_data_asn_baru.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    judul, pertama = raw[3:].decode().split("\n")[:2]
    assert judul.startswith("pns id|nip baru|") and pertama.split("|")[1].startswith("'")
    lama = (BUNDEL / "siasn_data_asn_lama.csv").read_text()
    assert lama.startswith("PNS ID,NIP BARU,NAMA".replace("NAMA", "NIP LAMA,NAMA"))


# ---------------------------------------------------------------------------------------------
# Every count of the import report, from what the generator planted


def harapan_penilaian(r, p: int) -> dict:
    n = len(r.pegawai)
    mutasi = 1 if p in (JULI, TAHUNAN) else 0
    belum = int(r.belum_dinilai[p].sum())
    return {"dibaca": n + len(r.plt) + mutasi, "dipetakan": n - belum,
            "plt_plh": len(r.plt), "digantikan_mutasi": mutasi, "belum_dinilai": belum, "ganda_antar_berkas": 0}


def test_setiap_hitungan_laporan_impor(hasil, rencana):
    laporan, _ = hasil
    r, n = rencana, len(rencana.pegawai)
    per = {b.label: b for b in laporan.berkas}
    bulan = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember")
    harapan = {f"penilaian_skp_2025_{p + 1:02d}_{b}.xlsx": harapan_penilaian(r, p) for p, b in enumerate(bulan)}
    harapan["penilaian_skp_2025_13_tahunan.xlsx"] = harapan_penilaian(r, TAHUNAN)
    harapan["laporan_skp_2025.xlsx"] = {"dibaca": n + len(r.plt) + 1, "dipetakan": n, "plt_plh": len(r.plt), "digantikan_mutasi": 1,
                                        "belum_dinilai": 0, "ganda_antar_berkas": 0}
    lama = int(r.pegawai["kode_instansi"].isin(r.instansi["kode_instansi"][:INSTANSI_SIASN_LAMA]).sum())
    for nama, m in (("siasn_data_asn_lama.csv", lama), ("siasn_data_asn_baru.csv", n - lama)):
        harapan[nama] = {"dibaca": m, "dipetakan": m, **{k: 0 for k in ALASAN}}
    assert sorted(per) == sorted(harapan)
    for nama, h in harapan.items():
        b = per[nama]
        assert (b.dibaca, b.dipetakan) == (h["dibaca"], h["dipetakan"]), nama
        assert {k: b.dikecualikan[k] for k in ALASAN} == {k: h[k] for k in ALASAN}, nama
        assert b.dibaca == b.dipetakan + sum(b.dikecualikan.values()), nama
    total = laporan.jumlah()
    assert total.dibaca == sum(h["dibaca"] for h in harapan.values()) == 4531
    assert total.dipetakan == sum(h["dipetakan"] for h in harapan.values())
    assert dict(total.dikecualikan) == {"plt_plh": 14 * len(r.plt), "digantikan_mutasi": 3, "belum_dinilai": int(r.belum_dinilai.sum())}
    assert per["penilaian_skp_2025_12_desember.xlsx"].dikecualikan["belum_dinilai"] >= int((r.pegawai["kode_instansi"] == "KEC-TAPALANG").sum())
    rating = sum(n - int(r.belum_dinilai[p].sum()) for p in range(13))
    assert laporan.tabel == {"instansi": 9, "pegawai": n, "rating_putusan": rating, "status_skp": n}
    assert [b.keterangan for b in laporan.berkas if b.label.startswith("penilaian")] == [f"2025-{m:02d}" for m in range(1, 13)] + ["2025"]


def test_yang_tidak_dikenal_dicantumkan_dengan_berkas_baris_dan_kolom(hasil, rencana):
    laporan, _ = hasil
    r = rencana
    i = r.plt[0] + 1  # the pegawai whose Laporan SKP row says CPNS
    baris_cpns = BARIS_JUDUL + 1 + i + (r.transfer < i) + sum(p < i for p in r.plt)
    assert [(m.file, m.baris, m.kolom, m.nilai) for m in laporan.catatan] == [
        ("penilaian_skp_2025_03_maret.xlsx", BARIS_JUDUL, KOLOM_ASING_MARET, KOLOM_ASING_MARET),
        ("siasn_data_asn_baru.csv", 1, KOLOM_ASING_SIASN, KOLOM_ASING_SIASN),
        ("laporan_skp_2025.xlsx", baris_cpns, "jenis_pegawai", JENIS_PEGAWAI_ASING),
    ]
    assert "kolom AE" in laporan.catatan[0].pesan


def test_ringkasan_dicetak_dan_laporan_impor_xlsx(hasil, rencana):
    laporan, ke = hasil
    teks = laporan.ringkasan()
    assert "4531 baris dibaca" in teks and f"SKP PLT/PLH {14 * len(rencana.plt)}" in teks and "flag_ikd" in teks
    wb = load_workbook(ke / NAMA_LAPORAN, read_only=True)
    assert wb.sheetnames == ["ringkasan", "dikecualikan", "tidak_dikenal"]
    ringkasan = [r for r in wb["ringkasan"].iter_rows(values_only=True)]
    jumlah = next(r for r in ringkasan if r[0] == "jumlah")
    assert jumlah[3:5] == (4531, laporan.jumlah().dipetakan)
    dikecualikan = list(wb["dikecualikan"].iter_rows(min_row=2, values_only=True))
    assert len(dikecualikan) == sum(laporan.jumlah().dikecualikan.values())
    assert sum(1 for d in dikecualikan if d[3] == "digantikan_mutasi" and d[2] == rencana.pegawai.at[rencana.transfer, "nip"]) == 3
    assert len(list(wb["tidak_dikenal"].iter_rows(min_row=2))) == 3
    wb.close()


# ---------------------------------------------------------------------------------------------
# The tables written


def test_pegawai_sama_dengan_data_contoh(hasil):
    _, ke = hasil
    impor_ = baca(ke, "pegawai").set_index("nip").sort_index()
    contoh = pd.read_csv(ROOT / "data" / "contoh" / "pegawai.csv", dtype=str, keep_default_na=False).set_index("nip").sort_index()
    pd.testing.assert_frame_equal(impor_[contoh.columns], contoh)  # nama with gelar, atasan, jenjang from JABATAN NAMA
    assert list(baca(ke, "pegawai").columns) == ["nip", "nama", "kode_instansi", "unit_kerja", "jabatan", "nip_atasan", "jenjang"]


def test_instansi_dengan_peta_sama_dengan_data_contoh(hasil):
    _, ke = hasil
    contoh = pd.read_csv(ROOT / "data" / "contoh" / "instansi.csv", dtype=str, keep_default_na=False)
    impor_ = baca(ke, "instansi")
    assert impor_.sort_values("kode_instansi").reset_index(drop=True).equals(contoh.sort_values("kode_instansi").reset_index(drop=True))


def test_rating_putusan_seperti_ditulis_e_kinerja(hasil, rencana):
    _, ke = hasil
    r = rencana
    t = baca(ke, "rating_putusan")
    assert list(t.columns) == ["nip", "periode", "rating_hasil_kerja", "rating_perilaku", "predikat", "nip_penilai", "waktu_dinilai", "sumber"]
    assert not t.duplicated(["nip", "periode"]).any()
    per = t.set_index(["nip", "periode"])
    periode = [f"2025-{m:02d}" for m in range(1, 13)] + ["2025"]
    for p, kode in enumerate(periode):
        for i in range(len(r.pegawai)):
            kunci = (r.pegawai.at[i, "nip"], kode)
            if r.belum_dinilai[p, i]:
                assert kunci not in per.index  # not yet rated: no row (coverage)
                continue
            baris = per.loc[kunci]
            assert baris["predikat"] == LABEL[r.predikat[p, i]]
            assert (baris["rating_hasil_kerja"], baris["rating_perilaku"]) == (LABEL[r.hasil_kerja[p, i]], LABEL[r.perilaku[p, i]])
    # Predikat that break the matrix are kept as e-Kinerja decided them, never "repaired".
    for p, i in r.tidak_sesuai_matriks:
        assert per.loc[(r.pegawai.at[i, "nip"], periode[p]), "predikat"] == "Sangat Baik"
    assert t["waktu_dinilai"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert t["sumber"].str.startswith("e-Kinerja Laporan Penilaian SKP: penilaian_skp_2025_").all()
    atasan = dict(zip(r.pegawai["nip"], r.pegawai["nip_atasan"]))
    pindah = (t["nip"] == r.pegawai.at[r.transfer, "nip"]) & (t["periode"] < "2025-07") & (t["periode"] != "2025")
    assert (t["nip_penilai"] == t["nip"].map(atasan))[~pindah].all()  # before July: the old atasan
    assert (t["nip_penilai"][pindah] != t["nip"].map(atasan)[pindah]).all()


def test_status_skp_dari_skp_terakhir(hasil, rencana):
    _, ke = hasil
    r = rencana
    t = baca(ke, "status_skp")
    assert list(t.columns) == ["nip", "tahun", "status", "sumber"]
    assert dict(zip(t["nip"], t["status"])) == dict(zip(r.pegawai["nip"], r.status_skp))
    assert set(t["tahun"]) == {"2025"}
    assert set(t["status"]) == {"persetujuan", "pengajuan", "draft"}


def test_pegawai_mutasi_di_instansi_barunya(hasil, rencana):
    _, ke = hasil
    peg = baca(ke, "pegawai").set_index("nip")
    nip = rencana.pegawai.at[rencana.transfer, "nip"]
    assert peg.at[nip, "kode_instansi"] == "DINSOS" != rencana.instansi_lama_transfer


def test_laporan_impor_bukan_tabel_bagi_pembaca_folder_data(hasil):
    _, ke = hasil
    sumber, masalah = find_sources(ke)
    assert NAMA_LAPORAN not in [p.name for p in sumber_tabel(ke)]
    assert not [m for m in masalah if NAMA_LAPORAN in m.file or NAMA_LAPORAN in m.pesan]
    assert all(path.name != NAMA_LAPORAN for daftar in sumber.values() for _, path, _ in daftar)


def test_csv_dengan_dialek_data_contoh(hasil):
    _, ke = hasil
    for nama in ("instansi", "pegawai", "rating_putusan", "status_skp"):
        raw = (ke / f"{nama}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n"), nama


# ---------------------------------------------------------------------------------------------
# Instansi codes


def test_kode_turunan_stabil_dan_sah():
    nama = ["Dinas Kesehatan", "Sekretariat Daerah Kabupaten Mamuju", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
            "Kecamatan Kalukku", "Dinas Kesehatan.", "Terbit", "Index.html"]
    kode = kode_instansi(nama, {})
    assert kode_turunan("Dinas Kesehatan") == "DINAS-KESEHATAN" == kode_turunan("Dinas  Kesehatan")
    assert kode == kode_instansi(list(reversed(nama)), {})  # does not depend on order
    assert len({k.casefold() for k in kode.values()}) == len(nama)  # "Dinas Kesehatan." collides: both get a suffix
    for k in kode.values():
        assert len(k) <= 32 and pd.Series([k]).str.fullmatch(KODE_INSTANSI_POLA.strip("^$")).all() and alasan_kode_dicadangkan(k) is None, k
    assert kode["dinas kesehatan"].startswith("DINAS-KESEHATAN-") and kode["terbit"].startswith("TERBIT-")


def test_tanpa_peta_kode_diturunkan_dari_nama(tmp_path):
    ke = tmp_path / "data"
    impor([BUNDEL / "siasn_data_asn_lama.csv", BUNDEL / "siasn_data_asn_baru.csv"], ke)
    kode = set(baca(ke, "instansi")["kode_instansi"])
    assert {"DINAS-KESEHATAN", "DINAS-SOSIAL", "KECAMATAN-KALUKKU"} <= kode
    assert set(baca(ke, "pegawai")["kode_instansi"]) == kode
    assert not (ke / "rating_putusan.csv").read_text().strip().split("\n")[1:]  # SIASN alone: no decided ratings
    assert not (ke / "status_skp.csv").exists()  # no Laporan SKP given


def test_peta_instansi_csv_dan_kode_tidak_sah(tmp_path, jalankan_cli):
    peta = tmp_path / "peta.csv"
    peta.write_text("nama_instansi,kode_instansi\nDinas Sosial,SOSIAL\n")
    impor([BUNDEL / "siasn_data_asn_lama.csv"], tmp_path / "a", peta_instansi=peta)
    assert "SOSIAL" in set(baca(tmp_path / "a", "instansi")["kode_instansi"])
    peta.write_text("nama_instansi,kode_instansi\nDinas Sosial,revisi-1\nDinas Kesehatan,.x\n")
    hasil = jalankan_cli("impor", BUNDEL / "siasn_data_asn_lama.csv", "--ke", tmp_path / "b", "--peta-instansi", peta)
    assert hasil.returncode == 2 and "revisi-1" in hasil.stderr and "'.x'" in hasil.stderr
    assert not (tmp_path / "b").exists()


# ---------------------------------------------------------------------------------------------
# Errors: status 1, every problem listed, nothing written


@functools.cache
def _januari():
    """The sample's January workbook, loaded once per process (loading it is most of a copy's cost)."""
    return load_workbook(BUNDEL / "penilaian_skp_2025_01_januari.xlsx")


def salin_januari(tmp_path: Path, ubah=None, nama: str = "penilaian_2025_01.xlsx") -> Path:
    """The sample's January file, with `ubah(ws)` applied to its sheet.

    `ubah` changes the loaded workbook, which is saved and then given back its cell values, so
    the next call starts from the sample again (`ubah` may only set values inside the sheet)."""
    wb = _januari()
    ws = wb.worksheets[0]
    luas = (ws.max_row, ws.max_column)
    asli = {(c.row, c.column): c.value for baris in ws.iter_rows() for c in baris}
    path = tmp_path / nama
    try:
        if ubah is not None:
            ubah(ws)
        wb.save(path)
    finally:
        for (r, k), nilai in asli.items():
            if ws.cell(r, k).value != nilai or type(ws.cell(r, k).value) is not type(nilai):
                ws.cell(r, k).value = nilai
    if (ws.max_row, ws.max_column) != luas:
        _januari.cache_clear()  # the next call loads the file again
        raise AssertionError("ubah menulis di luar lembar contoh")
    return path


def kolom(nama: str) -> int:
    return KOLOM_PENILAIAN.index(nama) + 1


def gagal(tmp_path, *sumber, **kw) -> ImporError:
    ke = tmp_path / "keluar"
    with pytest.raises(ImporError) as info:
        impor(list(sumber), ke, **kw)
    assert not ke.exists(), "tidak ada yang boleh ditulis"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".keluar-impor-")], "folder sementara tertinggal"
    return info.value


def test_nip_tersimpan_sebagai_angka(tmp_path):
    def ubah(ws):
        ws.cell(10, kolom("nip")).value = int(ws.cell(10, kolom("nip")).value)

    galat = gagal(tmp_path, salin_januari(tmp_path, ubah))
    (m,) = galat.masalah
    assert (m.file, m.baris, m.kolom) == ("penilaian_2025_01.xlsx", 10, "nip")
    assert "tersimpan sebagai angka" in m.pesan and "digit" in m.pesan


@pytest.mark.parametrize("tulisan", ["1.98609E+17", "1,98609E+17", "1.96905141996012E+17"])
def test_nip_notasi_ilmiah(tmp_path, tulisan):
    galat = gagal(tmp_path, salin_januari(tmp_path, lambda ws: setattr(ws.cell(11, kolom("pegawai_atasan_nip")), "value", tulisan)))
    (m,) = galat.masalah
    assert (m.baris, m.kolom, m.nilai) == (11, "pegawai_atasan_nip", tulisan) and "notasi ilmiah" in m.pesan


def test_nip_notasi_ilmiah_di_csv_siasn(tmp_path):
    path = tmp_path / "siasn.csv"
    baris = (BUNDEL / "siasn_data_asn_lama.csv").read_text().split("\n")
    sel = baris[3].split(",")
    sel[1] = "1.97E+17"
    baris[3] = ",".join(sel)
    path.write_text("\n".join(baris))
    (m,) = gagal(tmp_path, path).masalah
    assert (m.file, m.baris, m.kolom) == ("siasn.csv", 4, "NIP BARU") and "notasi ilmiah" in m.pesan


def test_dua_berkas_berbeda_tentang_bulan_satu_pegawai(tmp_path):
    asli = salin_januari(tmp_path, nama="a_januari.xlsx")
    nip = load_workbook(asli).worksheets[0].cell(12, kolom("nip")).value

    def ubah(ws):
        sel = ws.cell(12, kolom("hasil_akhir"))
        sel.value = "Sangat Kurang" if sel.value != "Sangat Kurang" else "Baik"

    lain = salin_januari(tmp_path, ubah, nama="b_januari_revisi.xlsx")
    (m,) = gagal(tmp_path, asli, lain).masalah
    assert "a_januari.xlsx baris 12" in m.pesan and "b_januari_revisi.xlsx baris 12" in m.pesan
    assert nip in m.pesan and "2025-01" in m.pesan and m.file == "b_januari_revisi.xlsx"


def test_berkas_sama_dua_kali_dihitung_sebagai_ganda(tmp_path):
    a = salin_januari(tmp_path, nama="a.xlsx")
    b = salin_januari(tmp_path, nama="b.xlsx")
    laporan = impor([a, b], tmp_path / "data")
    pb = next(x for x in laporan.berkas if x.label == "b.xlsx")
    assert pb.dipetakan == 0 and pb.dikecualikan["ganda_antar_berkas"] == next(x for x in laporan.berkas if x.label == "a.xlsx").dipetakan


def test_berkas_tidak_dikenal_disebut_dengan_alasannya(tmp_path):
    asing = tmp_path / "rekap.csv"
    asing.write_text("no,nama,keterangan\n1,Andi,hadir\n")
    tanpa_bulan = salin_januari(tmp_path, lambda ws: setattr(ws.cell(3, 1), "value", "Periode ?"), nama="tanpa_bulan.xlsx")
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"bukan xlsx")
    galat = gagal(tmp_path, asing, tanpa_bulan, rusak)
    pesan = {m.file: m.pesan for m in galat.masalah}
    assert set(pesan) == {"rekap.csv", "tanpa_bulan.xlsx", "rusak.xlsx"}
    assert "tidak dikenali" in pesan["rekap.csv"] and "nip dan hasil_akhir" in pesan["rekap.csv"]
    assert "A3" in pesan["tanpa_bulan.xlsx"] and "XLSX" in pesan["rusak.xlsx"]


def test_kolom_wajib_tidak_ada(tmp_path):
    path = salin_januari(tmp_path, lambda ws: setattr(ws.cell(BARIS_JUDUL, kolom("is_skp_plt_plh_pjb")), "value", "x_plt"))
    (m,) = gagal(tmp_path, path).masalah
    assert "kolom wajib tidak ada: is_skp_plt_plh_pjb" in m.pesan


@pytest.mark.parametrize(
    "kolom_nama, nilai, kata",
    [("hasil_akhir", "Luar Biasa", "predikat"), ("hasil_kerja", "Hebat", "rating"), ("perilaku_kerja", "Lumayan", "rating"),
     ("is_skp_plt_plh_pjb", "mungkin", "PLT/PLH")],
)
def test_nilai_tidak_dikenal_adalah_kesalahan(tmp_path, kolom_nama, nilai, kata):
    path = salin_januari(tmp_path, lambda ws: setattr(ws.cell(13, kolom(kolom_nama)), "value", nilai))
    (m,) = gagal(tmp_path, path).masalah
    assert (m.baris, m.kolom, m.nilai) == (13, kolom_nama, nilai) and kata in m.pesan and "tidak dikenal" in m.pesan


def test_semua_masalah_dicantumkan_sekaligus(tmp_path, jalankan_cli):
    def ubah(ws):
        ws.cell(10, kolom("nip")).value = 196905141996012026
        baris = next(b for b in range(14, 60) if ws.cell(b, kolom("hasil_akhir")).value != "-" and not ws.cell(b, kolom("is_skp_plt_plh_pjb")).value)
        ws.cell(baris, kolom("hasil_akhir")).value = "Istimewa"
        dipakai.append(baris)

    dipakai: list[int] = []

    path = salin_januari(tmp_path, ubah)
    hasil = jalankan_cli("impor", path, "--ke", tmp_path / "keluar")
    assert hasil.returncode == 1 and "Traceback" not in hasil.stderr
    assert "penilaian_2025_01.xlsx:10: nip:" in hasil.stderr and f"penilaian_2025_01.xlsx:{dipakai[0]}: hasil_akhir:" in hasil.stderr
    assert "2 masalah" in hasil.stderr and not (tmp_path / "keluar").exists()


def test_folder_berisi_tabel_ditolak_dan_folder_kosong_diisi(tmp_path, jalankan_cli):
    ada = tmp_path / "ada"
    ada.mkdir()
    (ada / "pegawai.csv").write_text("nip\n")
    hasil = jalankan_cli("impor", BUNDEL / "siasn_data_asn_lama.csv", "--ke", ada)
    assert hasil.returncode == 2 and "pegawai.csv" in hasil.stderr
    assert sorted(p.name for p in ada.iterdir()) == ["pegawai.csv"]
    with pytest.raises(FolderImporBerisiData):
        impor([BUNDEL / "siasn_data_asn_lama.csv"], ada)
    kosong = tmp_path / "kosong"
    kosong.mkdir()
    (kosong / "catatan.txt").write_text("milik pengguna")
    impor([BUNDEL / "siasn_data_asn_lama.csv"], kosong)
    assert sorted(p.name for p in kosong.iterdir()) == ["catatan.txt", "instansi.csv", NAMA_LAPORAN, "pegawai.csv", "rating_putusan.csv"]


def test_sumber_tidak_ada_adalah_kesalahan_perintah(tmp_path, jalankan_cli):
    hasil = jalankan_cli("impor", tmp_path / "tidak-ada.xlsx", "--ke", tmp_path / "data")
    assert hasil.returncode == 2 and "tidak-ada.xlsx" in hasil.stderr


# ---------------------------------------------------------------------------------------------
# Reading: BOM, pipe, apostrophes; atasan outside the import


def test_csv_pipa_bom_dan_petik_dibaca(tmp_path):
    path = tmp_path / "asn.csv"
    path.write_bytes(
        "\ufeffnip baru|nama|gelar depan|gelar belakang|jabatan nama|unor nama|unor induk nama\n"
        "'199001012015031001|'Andi Baso|'dr.|'M.Kes.|'Dokter Ahli Muda|'Puskesmas Tampa Padang|'Dinas Kesehatan\n".encode()
    )
    impor([path], tmp_path / "data")
    (p,) = baca(tmp_path / "data", "pegawai").to_dict("records")
    assert p == {"nip": "199001012015031001", "nama": "dr. Andi Baso, M.Kes.", "kode_instansi": "DINAS-KESEHATAN",
                 "unit_kerja": "Puskesmas Tampa Padang", "jabatan": "Dokter Ahli Muda", "nip_atasan": "", "jenjang": "ahli_muda"}


def test_atasan_di_luar_impor_dikosongkan_dan_dicantumkan(tmp_path, rencana):
    baris = _baris_penilaian(rencana, 0)[1:3]  # two pegawai whose atasan is not in this file
    judul = ["Laporan Penilaian SKP", "", "Januari"]
    path = tmp_path / "kecil.xlsx"
    path.write_bytes(_xlsx(judul, list(KOLOM_PENILAIAN), baris))
    laporan = impor([path], tmp_path / "data")
    peg = baca(tmp_path / "data", "pegawai")
    assert set(peg["nip_atasan"]) <= {""} | set(peg["nip"])
    luar = [m for m in laporan.catatan if m.kolom == "pegawai_atasan_nip"]
    assert len(luar) == sum(1 for b in baris if b[KOLOM_PENILAIAN.index("pegawai_atasan_nip")] not in set(peg["nip"]))
    assert all("tidak ada di antara pegawai yang diimpor" in m.pesan for m in luar)
    t = baca(tmp_path / "data", "rating_putusan")
    assert (t["nip_penilai"] == t["nip"].map(dict(zip(peg["nip"], peg["nip_atasan"])))).all()


# ---------------------------------------------------------------------------------------------
# Aliases and vocabularies are data


def test_alias_judul_dari_yaml_dipakai(tmp_path):
    path = salin_januari(tmp_path, lambda ws: setattr(ws.cell(BARIS_JUDUL, kolom("hasil_akhir")), "value", "Nilai Akhir SKP"))
    gagal(tmp_path, path)  # not recognised with the packaged aliases
    aturan = tmp_path / "aturan"
    aturan.mkdir()
    (aturan / "tata_letak.yaml").write_text("penilaian_skp:\n  kolom:\n    hasil_akhir: [predikat, nilai_akhir_skp]\n")
    laporan = impor([path], tmp_path / "data", aturan=aturan)
    assert laporan.berkas[0].dipetakan > 0


def test_kosakata_dari_yaml_dipakai(tmp_path):
    path = salin_januari(tmp_path, lambda ws: setattr(ws.cell(13, kolom("hasil_akhir")), "value", "Luar Biasa"))
    aturan = tmp_path / "aturan"
    aturan.mkdir()
    (aturan / "kosakata.yaml").write_text("predikat:\n  sangat_baik: [Sangat Baik, Luar Biasa]\n")
    impor([path], tmp_path / "data", aturan=aturan)
    t = baca(tmp_path / "data", "rating_putusan")
    nip = load_workbook(path).worksheets[0].cell(13, kolom("nip")).value
    assert t.set_index("nip").at[nip, "predikat"] == "Sangat Baik"


def test_aturan_yang_salah_disebut_kuncinya(tmp_path):
    aturan = tmp_path / "aturan"
    aturan.mkdir()
    (aturan / "kosakata.yaml").write_text("predikat:\n  luar_biasa: [Luar Biasa]\n")
    with pytest.raises(AturanImporError) as info:
        impor([BUNDEL / "siasn_data_asn_lama.csv"], tmp_path / "data", aturan=aturan)
    assert "predikat" in str(info.value) and "kosakata.yaml" in str(info.value)


# ---------------------------------------------------------------------------------------------
# End to end: the imported sample is a data putusan folder that validates and renders


@pytest.mark.lambat
def test_impor_lalu_validasi_dan_laporan_pemantauan(tmp_path, jalankan_cli):
    import json

    ke = tmp_path / "data"
    r = jalankan_cli("impor", BUNDEL, "--ke", ke, "--peta-instansi", PETA)
    assert r.returncode == 0, r.stderr
    r = jalankan_cli("validasi", ke)
    assert r.returncode == 0 and "sah: tidak ada masalah" in r.stdout, r.stdout + r.stderr
    keluaran = tmp_path / "outputs"
    r = jalankan_cli("laporan", ke, "--periode", "2025-TW4", "--keluaran", keluaran, "--workers", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    instansi = baca(ke, "instansi")["kode_instansi"].tolist()
    manifest = json.loads((keluaran / "2025-TW4" / "manifest.json").read_text(encoding="utf-8"))
    assert len(instansi) == 9
    for kode in instansi:
        html = (keluaran / "2025-TW4" / kode / "laporan.html").read_text(encoding="utf-8")
        assert "Pemantauan Rating Putusan" in html
        lain = [k for k in instansi if k != kode]
        nama_lain = set(baca(ke, "pegawai").query("kode_instansi in @lain")["nip"])
        assert not any(nip in html for nip in nama_lain), kode
    assert "2025-TW4" in json.dumps(manifest)
