"""A small "data putusan" data set (decided ratings, no IKI) with planted cases for the monitoring
tests (capaian.pemantauan). Each planted case is named so a test can look for exactly it:

- MISMATCH: NIP_SALAH's 2025-02 row says `baik` while the matrix gives `sangat_baik`
  (di_atas × di_atas);
- TANPA_RATING: NIP_SALAH's 2025-03 row has no rating_perilaku (cannot be checked);
- UNRATED: NIP_BOLONG has no row for 2025-02;
- DRAFT: NIP_BOLONG's SKP 2025 is `draft`; NIP_BARU has no status_skp row (tidak tercatat);
- DUA_TAHUN_BAIK: NIP_KEPALA has annual `baik` for 2024 and `sangat_baik` for 2025;
- PENILAI_MURAH: NIP_KEPALA rated every one of his 3 bawahan `sangat_baik` in 2025 (annual),
  while the instansi overall is not all sangat_baik.

Instansi DINKES (6 pegawai) and KEC (1 pegawai); DINKES' organisation predikat 2025 is `baik`.
"""

from __future__ import annotations

from bangun_data import bangun_dataset, nip, pegawai

NIP_KEPALA = nip(1)
NIP_SALAH = nip(2)
NIP_BOLONG = nip(3)
NIP_BARU = nip(4)
NIP_SEKRE = nip(5)
NIP_STAF = nip(6)
NIP_KEC = nip(7)
BULAN = ("2025-01", "2025-02", "2025-03")


def rp(nip_: str, periode: str, predikat: str, rhk: str | None = "sesuai", rp_: str | None = "sesuai", penilai: str | None = None) -> dict:
    return {"nip": nip_, "periode": periode, "rating_hasil_kerja": rhk, "rating_perilaku": rp_, "predikat": predikat, "nip_penilai": penilai}


def bangun_putusan():
    peg = [
        pegawai(NIP_KEPALA, nama="Kepala Dinas"),
        pegawai(NIP_SALAH, nama="Ani", nip_atasan=NIP_KEPALA),
        pegawai(NIP_BOLONG, nama="Budi", nip_atasan=NIP_KEPALA),
        pegawai(NIP_BARU, nama="Citra", nip_atasan=NIP_KEPALA),
        pegawai(NIP_SEKRE, nama="Dedi", nip_atasan=NIP_KEPALA),
        pegawai(NIP_STAF, nama="Eka", nip_atasan=NIP_SEKRE),
        pegawai(NIP_KEC, "KEC", nama="Fajar"),
    ]
    rows = []
    for b in BULAN:
        rows += [rp(NIP_KEPALA, b, "baik"), rp(NIP_BARU, b, "baik", penilai=NIP_KEPALA), rp(NIP_SEKRE, b, "baik", penilai=NIP_KEPALA),
                 rp(NIP_STAF, b, "butuh_perbaikan", "di_bawah", "sesuai", penilai=NIP_SEKRE), rp(NIP_KEC, b, "baik")]
    rows += [rp(NIP_SALAH, "2025-01", "baik", penilai=NIP_KEPALA),
             rp(NIP_SALAH, "2025-02", "baik", "di_atas", "di_atas", penilai=NIP_KEPALA),  # MISMATCH
             rp(NIP_SALAH, "2025-03", "baik", "sesuai", None, penilai=NIP_KEPALA)]  # TANPA_RATING
    rows += [rp(NIP_BOLONG, "2025-01", "baik", penilai=NIP_KEPALA), rp(NIP_BOLONG, "2025-03", "baik", penilai=NIP_KEPALA)]  # UNRATED 02
    # Annual rows: DUA_TAHUN_BAIK (kepala), PENILAI_MURAH (kepala rated 3 bawahan sangat_baik).
    rows += [rp(NIP_KEPALA, "2024", "baik"), rp(NIP_KEPALA, "2025", "sangat_baik", "di_atas", "di_atas")]
    rows += [rp(n, "2025", "sangat_baik", "di_atas", "di_atas", penilai=NIP_KEPALA) for n in (NIP_SALAH, NIP_BOLONG, NIP_BARU)]
    rows += [rp(NIP_SEKRE, "2024", "baik"), rp(NIP_SEKRE, "2025", "kurang", "sesuai", "di_bawah")]
    rows += [rp(NIP_STAF, "2025", "butuh_perbaikan", "di_bawah", "sesuai", penilai=NIP_SEKRE)]
    skp = [{"nip": n, "tahun": 2025, "status": "persetujuan"} for n in (NIP_KEPALA, NIP_SALAH, NIP_SEKRE, NIP_STAF, NIP_KEC)]
    skp.append({"nip": NIP_BOLONG, "tahun": 2025, "status": "draft"})  # DRAFT
    return bangun_dataset(
        [],
        pegawai_=peg,
        instansi=[{"kode_instansi": "DINKES", "nama_instansi": "Dinas Kesehatan"}, {"kode_instansi": "KEC", "nama_instansi": "Kecamatan"}],
        kinerja_organisasi=[{"kode_instansi": "DINKES", "periode": "2025", "predikat_organisasi": "baik"}],
        rating_putusan=rows,
        status_skp=skp,
    )


def tulis_folder(folder):
    """The planted data set as a data putusan folder of CSV files (no indikator, no realisasi)."""
    from pathlib import Path

    from capaian.dataset import TABLES

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ds = bangun_putusan()
    for t in TABLES:
        df = ds.table(t)
        if len(df):
            df.to_csv(folder / f"{t}.csv", index=False, date_format="%Y-%m-%d")
    return folder
