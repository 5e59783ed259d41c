"""A valid data folder with instansi at the edges (docs/kontrak-data.md bagian 1, "Batas angka"):
KOSONG has no pegawai, LAMA has a pegawai whose only IKI is of another year, EKSTREM has numbers at
the documented bounds (target 10^-6 and 10^15, realisasi 10^15, bobot 10^-6 and 10^6). Built on
`data_kecil`, whose DINKES and KEC_KALUKKU stay as they are.
"""

from __future__ import annotations

from pathlib import Path

from bangun_data import nip
from data_kecil import _baris, tabel, write_csv

NIP_LAMA = nip(101)
NIP_EKSTREM_1 = nip(102)
NIP_EKSTREM_2 = nip(103)
PERIODE = "2025-TW1"


def _iki(id_: str, nip_: str, target: str, **lain) -> dict[str, str]:
    baris = {
        "id_indikator": id_,
        "nip": nip_,
        "tahun": "2025",
        "rencana_hasil_kerja": f"RHK {id_}",
        "indikator": f"Indikator {id_}",
        "aspek": "kuantitas",
        "target": target,
        **lain,
    }
    return baris


def tabel_ekstrem() -> dict[str, list[dict[str, str]]]:
    """`data_kecil.tabel()` plus the instansi KOSONG, LAMA and EKSTREM."""
    t = tabel()
    t["instansi"] += [
        _baris("instansi", {"kode_instansi": k, "nama_instansi": n, "jenis": "badan"})
        for k, n in (("KOSONG", "Badan Tanpa Pegawai"), ("LAMA", "Badan Tanpa IKI Tahun Ini"), ("EKSTREM", "Badan Angka Ekstrem"))
    ]
    t["pegawai"] += [
        _baris("pegawai", {"nip": NIP_LAMA, "nama": "Pegawai Lama", "kode_instansi": "LAMA", "unit_kerja": "Bagian Umum"}),
        _baris("pegawai", {"nip": NIP_EKSTREM_1, "nama": "Pegawai Ekstrem Satu", "kode_instansi": "EKSTREM", "unit_kerja": "Bidang A"}),
        _baris("pegawai", {"nip": NIP_EKSTREM_2, "nama": "Pegawai Ekstrem Dua", "kode_instansi": "EKSTREM", "unit_kerja": "Bidang B", "nip_atasan": NIP_EKSTREM_1}),
    ]
    t["indikator"] += [
        _baris("indikator", _iki("LAMA-1", NIP_LAMA, "10", tahun="2024")),
        # Smallest target, largest monthly realisasi, largest bobot: capaian ~1,2 × 10^24 % without a cap.
        _baris("indikator", _iki("EKS-1", NIP_EKSTREM_1, "0.000001", bobot="1000000")),
        # Largest target, lower is better, averaged, smallest bobot.
        _baris("indikator", _iki("EKS-2", NIP_EKSTREM_1, "1000000000000000", arah="turun", agregasi="rata_rata", bobot="0.000001")),
        # Target 0 (lower is better) with the largest range.
        _baris("indikator", _iki("EKS-3", NIP_EKSTREM_1, "0", target_atas="1000000000000000", arah="turun", agregasi="terakhir", bobot="1")),
        # A range from the smallest to the largest target; no realisasi for EKS-5.
        _baris("indikator", _iki("EKS-4", NIP_EKSTREM_2, "0.000001", target_atas="1000000000000000", agregasi="rata_rata")),
        _baris("indikator", _iki("EKS-5", NIP_EKSTREM_2, "1000000000000000")),
    ]
    maks = "1000000000000000"
    t["realisasi"] += [
        _baris("realisasi", {"id_indikator": i, "bulan": b, "realisasi": v})
        for i, bulan in (("EKS-1", ("2025-01", "2025-02", "2025-03")), ("EKS-2", ("2025-01", "2025-02", "2025-03")), ("EKS-4", ("2025-02", "2025-03")))
        for b in bulan
        for v in (maks,)
    ] + [_baris("realisasi", {"id_indikator": "EKS-3", "bulan": "2025-03", "realisasi": "0"}), _baris("realisasi", {"id_indikator": "LAMA-1", "bulan": "2024-05", "realisasi": "9"})]
    t["target_periodik"] += [_baris("target_periodik", {"id_indikator": "EKS-5", "periode": "2025-TW1", "target": "0.000001"})]
    t["kinerja_organisasi"] += [
        _baris("kinerja_organisasi", {"kode_instansi": k, "periode": PERIODE, "predikat_organisasi": "istimewa"}) for k in ("KOSONG", "LAMA", "EKSTREM")
    ]
    return t


def folder_ekstrem(folder: Path) -> Path:
    """Write `tabel_ekstrem()` as CSV files into `folder` and return it."""
    return write_csv(folder, tabel_ekstrem())
