"""A small, valid data folder to start validation tests from; each test breaks one thing."""

from __future__ import annotations

import csv
from pathlib import Path

from capaian.skema import nama_kolom

NIP_KEPALA = "198001012005011001"
NIP_STAF = "198502152010012002"
NIP_PPPK = "199003032024211003"  # PPPK: digit 13 is 2

TABEL = {
    "instansi": [
        {"kode_instansi": "DINKES", "nama_instansi": "Dinas Kesehatan", "jenis": "dinas"},
        {"kode_instansi": "KEC_KALUKKU", "nama_instansi": "Kecamatan Kalukku", "jenis": "kecamatan"},
    ],
    "pegawai": [
        {"nip": NIP_KEPALA, "nama": "dr. Andi Mappaita", "kode_instansi": "DINKES", "unit_kerja": "Dinas Kesehatan", "jabatan": "Kepala Dinas", "nip_atasan": ""},
        {"nip": NIP_STAF, "nama": "Nurhayati, S.Kep.", "kode_instansi": "DINKES", "unit_kerja": "Bidang P2P", "jabatan": "Perawat Terampil", "nip_atasan": NIP_KEPALA},
        {"nip": NIP_PPPK, "nama": "Muhammad Ridwan", "kode_instansi": "KEC_KALUKKU", "unit_kerja": "Seksi Pelayanan", "jabatan": "Pengadministrasi Umum", "nip_atasan": ""},
    ],
    "indikator": [
        {"id_indikator": "IKI-1", "nip": NIP_KEPALA, "tahun": "2025", "jenis_rhk": "utama", "rencana_hasil_kerja": "Meningkatnya cakupan imunisasi", "indikator": "Jumlah bayi diimunisasi lengkap", "aspek": "kuantitas", "satuan": "orang", "target": "120", "target_atas": "", "arah": "naik", "agregasi": "jumlah", "bobot": "", "metode": "data", "id_indikator_atasan": ""},
        {"id_indikator": "IKI-2", "nip": NIP_STAF, "tahun": "2025", "jenis_rhk": "utama", "rencana_hasil_kerja": "Pelayanan imunisasi tepat waktu", "indikator": "Rata-rata hari tunggu layanan", "aspek": "waktu", "satuan": "hari", "target": "10", "target_atas": "", "arah": "turun", "agregasi": "rata_rata", "bobot": "", "metode": "data", "id_indikator_atasan": "IKI-1"},
        {"id_indikator": "IKI-3", "nip": NIP_PPPK, "tahun": "2025", "jenis_rhk": "tambahan", "rencana_hasil_kerja": "Layanan kependudukan", "indikator": "Persentase dokumen selesai", "aspek": "kualitas", "satuan": "%", "target": "80", "target_atas": "90", "arah": "naik", "agregasi": "terakhir", "bobot": "", "metode": "survei", "id_indikator_atasan": ""},
    ],
    "realisasi": [
        {"id_indikator": "IKI-1", "bulan": "2025-01", "realisasi": "8", "bukti_dukung": "https://contoh/1", "tanggal_lapor": "2025-02-03", "nip": NIP_KEPALA},
        {"id_indikator": "IKI-1", "bulan": "2025-02", "realisasi": "12", "bukti_dukung": "", "tanggal_lapor": "", "nip": ""},
        {"id_indikator": "IKI-2", "bulan": "2025-01", "realisasi": "12.5", "bukti_dukung": "", "tanggal_lapor": "", "nip": ""},
        {"id_indikator": "IKI-3", "bulan": "2025-03", "realisasi": "95", "bukti_dukung": "", "tanggal_lapor": "", "nip": ""},
    ],
    "perilaku": [
        {"nip": NIP_STAF, "bulan": "2025-02", "nip_penilai": NIP_KEPALA, "berorientasi_pelayanan": "4", "akuntabel": "4", "kompeten": "4", "harmonis": "4", "loyal": "5", "adaptif": "4", "kolaboratif": "4"},
        {"nip": NIP_STAF, "bulan": "2025-03", "nip_penilai": "", "berorientasi_pelayanan": "4", "akuntabel": "4", "kompeten": "5", "harmonis": "4", "loyal": "4", "adaptif": "4", "kolaboratif": "4.5"},
    ],
    "umpan_balik": [
        {"nip": NIP_STAF, "periode": "2025-TW1", "nip_penilai": NIP_KEPALA, "rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku": "di_atas", "catatan": "Pertahankan"},
    ],
    "target_periodik": [
        {"id_indikator": "IKI-1", "periode": "2025-TW1", "target": "30", "target_atas": ""},
    ],
    "kinerja_organisasi": [
        {"kode_instansi": "DINKES", "periode": "2025-TW1", "predikat_organisasi": "Baik"},
    ],
    "rating_putusan": [
        {"nip": NIP_STAF, "periode": "2025-01", "rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku": "di_atas", "predikat": "Baik",
         "nip_penilai": NIP_KEPALA, "waktu_dinilai": "2025-02-05", "sumber": "e-Kinerja: penilaian_2025-01.xlsx baris 9"},
    ],
    "status_skp": [
        {"nip": NIP_STAF, "tahun": "2025", "status": "persetujuan", "sumber": "e-Kinerja: skp_2025.xlsx baris 9"},
    ],
}


def tabel() -> dict[str, list[dict[str, str]]]:
    """A fresh copy of the valid tables, for a test to break.

    Every row holds every column of its table's model (capaian.skema), in contract order, empty
    where `TABEL` leaves it out; a column `TABEL` names that no model declares raises KeyError.
    """
    return {nama: [_baris(nama, r) for r in rows] for nama, rows in TABEL.items()}


def _baris(nama: str, baris: dict[str, str]) -> dict[str, str]:
    kolom = nama_kolom(nama)
    asing = sorted(set(baris) - set(kolom))
    if asing:
        raise KeyError(f"tabel {nama}: kolom {asing} tidak dideklarasikan di capaian.skema")
    return {k: baris.get(k, "") for k in kolom}


def write_csv(folder: Path, tables: dict[str, list[dict[str, str]]], sep: str = ",") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        if rows is None:
            continue
        header = list(rows[0].keys()) if rows else []
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=sep, lineterminator="\n")
            w.writerow(header)
            for r in rows:
                w.writerow([r.get(h, "") for h in header])
    return folder


def write_temuan_xlsx(path: Path, tables: dict[str, list[dict]], satu_workbook: bool = True) -> Path:
    """Tables as one workbook (a sheet per table) or as NAME.xlsx files in folder `path`."""
    from openpyxl import Workbook

    def fill(ws, rows):
        header = list(rows[0].keys())
        ws.append(header)
        for r in rows:
            ws.append([r.get(h) for h in header])

    if satu_workbook:
        path.mkdir(parents=True, exist_ok=True)
        wb = Workbook()
        wb.remove(wb.active)
        for name, rows in tables.items():
            fill(wb.create_sheet(name), rows)
        wb.save(path / "data.xlsx")
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, rows in tables.items():
            wb = Workbook()
            fill(wb.active, rows)
            wb.save(path / f"{name}.xlsx")
    return path
