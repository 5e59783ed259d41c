"""capaian.pemantauan on a small data putusan set with planted cases (tests/data_putusan.py):
each planted case appears exactly where expected, and nowhere else."""

from __future__ import annotations

import pytest

import data_putusan as dp
from capaian import pemantauan as pm
from capaian.galat import GalatPengguna
from capaian.pengaturan import load_metodologi


@pytest.fixture(scope="module")
def ds():
    return dp.bangun_putusan()


@pytest.fixture(scope="module")
def m():
    return load_metodologi()


def test_putusan_tahunan_hanya_baris_tahun(ds):
    put = pm.putusan_periode(ds, "2025")
    assert set(put["periode"]) == {"2025"}
    assert dp.NIP_KEC not in set(put["nip"]) and len(put) == 6


def test_putusan_triwulan_memakai_bulan_terakhir_yang_ada(ds):
    put = pm.putusan_periode(ds, "2025-TW1").set_index("nip")
    assert put.at[dp.NIP_BOLONG, "periode"] == "2025-03" and put.at[dp.NIP_KEC, "periode"] == "2025-03"
    assert len(put) == 7


def test_sebaran_dan_kurva(ds, m):
    sb = pm.sebaran_predikat(ds, "2025").set_index("kode_instansi")
    assert sb.loc["DINKES", ["pegawai", "dinilai", "sangat_baik", "kurang", "butuh_perbaikan", "belum_dinilai"]].tolist() == [6, 6, 4, 1, 1, 0]
    assert sb.loc["KEC", ["pegawai", "dinilai", "belum_dinilai"]].tolist() == [1, 0, 1]
    kurva = pm.cek_kurva(ds, "2025", m)
    assert list(kurva["kode_instansi"]) == ["DINKES", "DINKES"]  # only DINKES has an organisation predikat
    assert list(kurva["status"]) == ["terpenuhi", "terpenuhi"] and list(kurva["jumlah"]) == [0, 2]


def test_konsistensi_menemukan_tepat_satu_ketidaksesuaian(ds, m):
    k = pm.konsistensi(ds, "2025", m)
    salah = k[k["status"] == pm.TIDAK_SESUAI]
    assert salah[["nip", "periode", "predikat", "predikat_matriks"]].values.tolist() == [[dp.NIP_SALAH, "2025-02", "baik", "sangat_baik"]]
    tak = k[k["status"] == pm.TIDAK_DAPAT_DIPERIKSA]
    assert tak[["nip", "periode"]].values.tolist() == [[dp.NIP_SALAH, "2025-03"]]
    r = pm.ringkas_konsistensi(k, ["DINKES", "KEC"]).set_index("kode_instansi")
    assert r.loc["DINKES", ["tidak_sesuai", "tidak_dapat_diperiksa"]].tolist() == [1, 1]
    assert r.loc["KEC", ["diperiksa", "tidak_sesuai"]].tolist() == [3, 0]


def test_cakupan_bulan_tanpa_rating(ds):
    bd = pm.belum_dinilai(ds, "2025-TW1")
    assert bd.values.tolist() == [[dp.NIP_BOLONG, "DINKES", "2025-02"]]
    c = pm.cakupan(ds, "2025-TW1").set_index(["kode_instansi", "bulan"])
    assert c.loc[("DINKES", "2025-02"), ["pegawai", "dinilai", "belum_dinilai"]].tolist() == [6, 5, 1]
    assert c.loc[("DINKES", "2025-01"), "belum_dinilai"] == 0


def test_skp_belum_disetujui(ds):
    skp = pm.skp_belum_disetujui(ds, "2025")
    assert skp[["nip", "status"]].values.tolist() == [[dp.NIP_BOLONG, "draft"], [dp.NIP_BARU, pm.SKP_TIDAK_TERCATAT]]
    assert pm.ada_status_skp(ds, "2025") and not pm.ada_status_skp(ds, "2024")
    assert pm.skp_belum_disetujui(ds, "2024").empty


def test_bulan_per_bulan(ds):
    pb = pm.predikat_bulanan(ds, "2025-TW1").set_index("nip")
    assert list(pb.columns) == ["kode_instansi", *dp.BULAN]
    assert pb.loc[dp.NIP_BOLONG, list(dp.BULAN)].tolist()[0] == "baik" and pb.loc[dp.NIP_BOLONG].isna().sum() == 1
    sb = pm.sebaran_bulanan(ds, "2025-TW1").set_index(["kode_instansi", "bulan"])
    assert sb.loc[("DINKES", "2025-02"), ["pegawai", "baik", "butuh_perbaikan", "belum_dinilai"]].tolist() == [6, 4, 1, 1]


def test_pola_penilai_hanya_agregat(ds):
    pola = pm.pola_penilai(ds, "2025")
    bernama = pola[pola["nip_penilai"].notna()]
    # Only the kepala rated ≥ 3 pegawai: all Sangat Baik, against 4 of 6 in the instansi.
    assert bernama["nip_penilai"].tolist() == [dp.NIP_KEPALA]
    row = bernama.iloc[0]
    assert row["dinilai"] == 3 and row["sangat_baik"] == 3 and bool(row["seragam"])
    assert row["porsi_sangat_baik"] == 1.0 and row["porsi_sangat_baik_instansi"] == pytest.approx(4 / 6)
    # Sekretaris rated one pegawai: pooled, never named; rows without a penilai pooled too.
    assert set(pola["kelompok"].dropna()) == {pm.PENILAI_KECIL, pm.PENILAI_KOSONG}
    assert dp.NIP_SEKRE not in set(pola["nip_penilai"].dropna())
    assert "nip" not in pola.columns  # who was rated is never returned
    assert int(pola["dinilai"].sum()) == 6


def test_kelayakan_kenaikan_pangkat(ds):
    k = pm.kelayakan(ds, "2025")
    kp = k[k["aturan"] == "kenaikan_pangkat"].set_index("nip")
    assert kp.at[dp.NIP_KEPALA, "status"] == pm.MEMENUHI and kp.at[dp.NIP_KEPALA, "tahun"] == "2024: baik; 2025: sangat_baik"
    assert kp.at[dp.NIP_SEKRE, "status"] == pm.TIDAK_MEMENUHI  # 2025 kurang
    assert kp.at[dp.NIP_SALAH, "status"] == pm.BELUM_DAPAT_DITENTUKAN  # no annual 2024
    assert kp.at[dp.NIP_STAF, "status"] == pm.TIDAK_MEMENUHI  # 2024 unknown, 2025 butuh perbaikan already fails
    assert kp.at[dp.NIP_KEC, "status"] == pm.BELUM_DAPAT_DITENTUKAN
    assert sorted(kp.index[kp["status"] == pm.MEMENUHI]) == [dp.NIP_KEPALA]


def test_kelayakan_perlu_pembinaan(ds):
    k = pm.kelayakan(ds, "2025")
    pb = k[k["aturan"] == "perlu_pembinaan"].set_index("nip")
    assert sorted(pb.index[pb["status"] == pm.MEMENUHI]) == sorted([dp.NIP_SEKRE, dp.NIP_STAF])
    assert pb.at[dp.NIP_KEPALA, "status"] == pm.TIDAK_MEMENUHI


def test_aturan_kelayakan_dari_berkas_dan_galatnya(ds, tmp_path):
    berkas = tmp_path / "kelayakan.yaml"
    berkas.write_text('versi: "x"\naturan:\n  satu_tahun_baik: {judul: "Baik", syarat: minimal, predikat: baik, tahun_berturut: 1, dasar: "uji"}\n', encoding="utf-8")
    a = pm.load_aturan_kelayakan(berkas)
    k = pm.kelayakan(ds, "2025", a).set_index("nip")
    assert list(a.aturan) == ["satu_tahun_baik"] and k.at[dp.NIP_SALAH, "status"] == pm.MEMENUHI
    berkas.write_text('versi: "x"\naturan:\n  x: {judul: "X", syarat: minimal, predikat: istimewa, tahun_berturut: "2", dasar: "uji"}\n', encoding="utf-8")
    with pytest.raises(GalatPengguna) as e:
        pm.load_aturan_kelayakan(berkas)
    assert "aturan.x.predikat" in str(e.value) and "aturan.x.tahun_berturut" in str(e.value)


def test_banding_hitungan_kosong_tanpa_iki(ds, m):
    assert pm.banding_hitungan(ds, "2025", m).empty


def test_banding_hitungan_dengan_iki(m):
    from bangun_data import NIP_1, bangun_dataset, bulanan, iki, umpan_balik

    ds = bangun_dataset(
        [iki("A", NIP_1, 120)], bulanan("A", {f"2025-{b:02d}": 10 for b in range(1, 13)}),
        umpan_balik_=[umpan_balik(NIP_1, "2025", None, "sesuai")],
        rating_putusan=[dp.rp(NIP_1, "2025", "sangat_baik", "di_atas", "di_atas")],
    )
    b = pm.banding_hitungan(ds, "2025", m)
    assert b[["nip", "predikat_hitungan", "predikat_putusan", "sama"]].values.tolist() == [[NIP_1, "baik", "sangat_baik", False]]
    tab = pm.tabel_kesesuaian(b)
    assert tab.at["baik", "sangat_baik"] == 1 and int(tab.to_numpy().sum()) == 1


def test_bundel_per_instansi_hanya_datanya_sendiri(ds, m):
    from capaian.kode import parse_periode
    from capaian.laporan_pantau import PembuatBundelPemantauan, angka_indeks

    pembuat = PembuatBundelPemantauan(ds, parse_periode("2025"), m)
    kec = pembuat.untuk("KEC")
    dinkes = pembuat.untuk("DINKES")
    assert kec.pegawai["nip"].tolist() == [dp.NIP_KEC] and kec.pola_penilai.empty
    assert set(kec.kelayakan["nip"]) == {dp.NIP_KEC} and set(kec.belum_dinilai["nip"]) == {dp.NIP_KEC}
    penilai = dinkes.pola_penilai["penilai"].tolist()
    assert penilai[0] == "Kepala Dinas" and sorted(penilai[1:]) == sorted([pm.PENILAI_KECIL, pm.PENILAI_KOSONG])
    assert "nip_penilai" not in dinkes.pola_penilai.columns
    assert angka_indeks(dinkes)["predikat"] == {"sangat_baik": 4, "baik": 0, "butuh_perbaikan": 1, "kurang": 1, "sangat_kurang": 0}
    assert angka_indeks(dinkes)["kurva"] == {"terpenuhi": 2, "aturan": 2} and angka_indeks(kec)["kurva"] is None


@pytest.mark.lambat
def test_laporan_data_putusan_lewat_cli(tmp_path, jalankan_cli):
    import json

    data = dp.tulis_folder(tmp_path / "data")
    h = jalankan_cli("laporan", data, "--periode", "2025", "--keluaran", tmp_path / "out")
    assert h.returncode == 0, h.stderr
    folder = tmp_path / "out" / "2025"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in manifest["laporan"]] == ["berhasil", "berhasil"]
    assert manifest["notebook"]["path"].endswith("pemantauan_instansi.ipynb")
    dinkes = (folder / "DINKES" / "laporan.html").read_text(encoding="utf-8")
    kec = (folder / "KEC" / "laporan.html").read_text(encoding="utf-8")
    assert "Pemantauan Rating Putusan" in dinkes and "Butuh data IKI" in dinkes and "tidak sesuai" in dinkes
    assert "Fajar" in kec and "Kepala Dinas" not in kec and dp.NIP_KEPALA not in kec  # privacy slice
    assert not (folder / "nilai_pegawai.csv").exists()


def test_laporan_instansi_bertambah_bagian_dibanding_putusan(m):
    from bangun_data import NIP_1, bangun_dataset, bulanan, iki, umpan_balik
    from capaian.laporan import build_bundel, dibanding_putusan
    from capaian.nilai import capaian_bulanan, score_period

    iki_saja = dict(indikator=[iki("A", NIP_1, 120)], realisasi=bulanan("A", {f"2025-{b:02d}": 10 for b in range(1, 13)}),
                    umpan_balik_=[umpan_balik(NIP_1, "2025", None, "sesuai")])
    for putusan, harap in (([], None), ([dp.rp(NIP_1, "2025", "sangat_baik", "di_atas", "di_atas")], "0 dari 1 pegawai")):
        ds = bangun_dataset(**iki_saja, rating_putusan=putusan)
        hasil = score_period(ds, "2025", m)
        b = build_bundel(ds, hasil, capaian_bulanan(ds, "2025", m), "2025", "DINKES", m)
        isi = dibanding_putusan(b).isi
        if harap is None:
            assert b.putusan is None and isi == ""
        else:
            assert "Dibanding putusan" in isi and harap in isi and "Sangat Baik" in isi and "Pegawai 001" in isi
