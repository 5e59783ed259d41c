"""Deterministic synthetic e-Kinerja and SIASN exports of the sample Kabupaten Mamuju (docs/impor.md).

    rencana = rencana_ekspor()          # what is planted where (tests count from it)
    write_ekspor("data/contoh-ekspor")  # 17 files, byte-identical every run

Built from the SAME pegawai as `capaian.contoh.generate_sample()` (same NIPs, names, instansi,
units, jabatan and atasan), so ratings decided "in e-Kinerja" can later be set beside the ratings
capaian computes from the sample's IKI tables. The ratings themselves are drawn here, from their
own seeded stream: they are not derived from the sample's realisasi.

What the files carry on purpose (`RencanaEkspor` records each, for tests to count from):
- 12 monthly and 1 "Tahunan" Laporan Penilaian SKP (XLSX): title rows, header at Excel row 8,
  ratings and predikat spelled three loose ways by month ("DIATAS EKSPEKTASI", "Di Atas
  Ekspektasi", "Sedang/Butuh Perbaikan", "KURANG/MISCONDUCT"), PLT rows, one pegawai transferred
  in July (two rows in July and in Tahunan), "-" for pegawai not yet rated, an unknown column in
  March, and a few `hasil_akhir` that do not follow the predikat matrix;
- one Laporan SKP (XLSX): persetujuan / pengajuan / draft, the same transfer (two rows), PLT rows,
  jabatan and unit under alias headers, one jenis_pegawai not in the vocabulary;
- SIASN "Export Data ASN": the first five instansi in the old layout (comma CSV, upper-case
  headers), the other four in the new one (`|`, UTF-8 BOM, lower-case headers, `'`-prefixed
  values, one column not in the layout file);
- `peta_instansi.yaml`: OPD name -> the sample's kode_instansi (for `--peta-instansi`).

Determinism: numpy `default_rng` seeded with the seed and a stage number; XLSX files are written
with pinned document times and zip entry times, so the bytes never depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


TAHUN = 2025
WAKTU_TETAP = dt.datetime(2026, 1, 10, 8, 0, 0)  # every XLSX's document and zip entry time
BARIS_JUDUL = 8
BULAN_TRANSFER = 7
TANGGAL_TRANSFER = dt.date(TAHUN, 7, 14)
INSTANSI_TANPA_DESEMBER = "KEC-TAPALANG"  # December not yet rated for this whole instansi
NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")

KOLOM_PENILAIAN = (
    "jenis", "id", "nip", "nama", "periode_awal_skp", "periode_akhir_skp", "skp_unor_id", "skp_unor", "skp_unor_induk",
    "skp_jabatan", "skp_jenis_jabatan", "is_skp_plt_plh_pjb", "hasil_kerja", "perilaku_kerja", "hasil_akhir",
    "pegawai_atasan_id", "pegawai_atasan_nip", "pegawai_atasan_nama", "pegawai_atasan_unor_id", "pegawai_atasan_unor",
    "pegawai_atasan_jabatan", "pegawai_atasan_golru", "waktu_dinilai", "pegawai_penilai_id", "tahun_skp", "skp_id",
    "periode_id", "skp_penilaian_id", "golru", "jenis_pegawai",
)
KOLOM_ASING_MARET = "catatan_operator"  # a header no layout knows (reported, not read)
KOLOM_LAPORAN_SKP = (
    "id", "nip", "nama", "is_plt_plh", "periode_awal", "periode_akhir", "skp_unor_induk", "unor", "jabatan", "skp_status",
    "jenis_pegawai", "nama_atasan",
)
JENIS_PEGAWAI_ASING = "CPNS"  # one Laporan SKP row: a value the vocabulary does not know
KOLOM_SIASN = (
    "PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "JENIS PEGAWAI NAMA", "JENIS JABATAN NAMA",
    "JABATAN NAMA", "UNOR NAMA", "UNOR INDUK NAMA", "INSTANSI KERJA NAMA", "GOL AKHIR NAMA",
)
KOLOM_ASING_SIASN = "flag_ikd"  # new-style SIASN only
INSTANSI_SIASN_LAMA = 5  # the first five instansi in the old SIASN layout, the rest in the new

# Three ways of writing ratings and predikat, one per month (month % 3); Tahunan uses the first.
_EJAAN = (
    {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi", "di_bawah": "Di Bawah Ekspektasi",
     "sangat_baik": "Sangat Baik", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan", "kurang": "Kurang/Misconduct",
     "sangat_kurang": "Sangat Kurang"},
    {"di_atas": "DIATAS EKSPEKTASI", "sesuai": "SESUAI EKSPEKTASI", "di_bawah": "DIBAWAH EKSPEKTASI",
     "sangat_baik": "SANGAT BAIK", "baik": "BAIK", "butuh_perbaikan": "BUTUH PERBAIKAN", "kurang": "KURANG/MISCONDUCT",
     "sangat_kurang": "SANGAT KURANG"},
    {"di_atas": "Diatas Ekspektasi", "sesuai": "Sesuai Ekspektasi", "di_bawah": "Dibawah Ekspektasi",
     "sangat_baik": "Sangat Baik", "baik": "Baik", "butuh_perbaikan": "Sedang/Butuh Perbaikan", "kurang": "Kurang",
     "sangat_kurang": "Sangat Kurang"},
)
_RATING = np.array(["di_atas", "sesuai", "di_bawah"], dtype=object)
_GELAR_DEPAN = ("H.", "Hj.", "dr.", "Dr.", "drg.", "Ir.", "Prof.")


@dataclass
class RencanaEkspor:
    """What the sample exports hold, as the generator planted it.

    Period index 0-11 is January-December, 12 is Tahunan. Arrays are over pegawai in
    `pegawai` order (the sample's pegawai table)."""

    pegawai: object  # DataFrame: the sample's pegawai table
    instansi: object  # DataFrame: the sample's instansi table
    hasil_kerja: np.ndarray  # (13, n) rating codes
    perilaku: np.ndarray  # (13, n) rating codes
    predikat: np.ndarray  # (13, n) predikat codes as e-Kinerja wrote them
    belum_dinilai: np.ndarray  # (13, n) bool: hasil_akhir "-"
    tidak_sesuai_matriks: list[tuple[int, int]]  # (period, pegawai) whose predikat breaks the matrix
    plt: list[int]  # pegawai with a PLT/PLH SKP row in every file
    transfer: int  # pegawai transferred in July (old SKP ends TANGGAL_TRANSFER)
    instansi_lama_transfer: str  # kode of the instansi before the transfer
    status_skp: np.ndarray  # (n,) persetujuan / pengajuan / draft (the SKP that counts)
    jenis_pegawai: np.ndarray  # (n,) as written in the files
    berkas: dict[str, str] = field(default_factory=dict)  # file name -> layout key


def _pisah_gelar(nama: str) -> tuple[str, str, str]:
    """(gelar depan, nama, gelar belakang) of a name written `Hj. Nama, S.E., M.M.`."""
    inti, _, belakang = nama.partition(", ")
    kata = inti.split(" ")
    depan = []
    while len(kata) > 1 and kata[0] in _GELAR_DEPAN:
        depan.append(kata.pop(0))
    return " ".join(depan), " ".join(kata), belakang


def _id(*bagian) -> str:
    return hashlib.sha1("|".join(map(str, bagian)).encode()).hexdigest()[:32]


def rencana_ekspor(seed: int = 2025) -> RencanaEkspor:
    """Draw the exports' content (deterministic for a seed)."""
    from capaian.contoh import generate_sample
    from capaian.pengaturan import load_metodologi

    t = generate_sample(seed=seed)
    peg, inst = t["pegawai"].reset_index(drop=True), t["instansi"].reset_index(drop=True)
    n = len(peg)
    rng = np.random.default_rng([seed, 101])
    hk = _RATING[np.searchsorted(np.array([0.15, 0.90]), rng.random((13, n)), side="right")]
    pk = _RATING[np.searchsorted(np.array([0.12, 0.95]), rng.random((13, n)), side="right")]
    matriks = load_metodologi().predikat
    pred = np.array([[matriks.sel(a, b) for a, b in zip(hk[p], pk[p])] for p in range(13)], dtype=object)
    belum = rng.random((13, n)) < 0.03
    belum[11] |= (peg["kode_instansi"] == INSTANSI_TANPA_DESEMBER).to_numpy()
    belum[12] |= rng.random(n) < 0.04
    # A few decided predikat that do not follow the matrix (for the consistency check of the
    # monitoring reports): rated rows only.
    tidak_sesuai = []
    for p in (1, 4, 8, 12):
        i = int(np.flatnonzero(~belum[p] & (pred[p] == "baik"))[p])
        pred[p, i] = "sangat_baik"
        tidak_sesuai.append((p, i))
    punya_bawahan = set(peg["nip_atasan"])
    staf = [i for i in range(n) if peg.at[i, "nip"] not in punya_bawahan]
    transfer = next(i for i in staf if peg.at[i, "kode_instansi"] == "DINSOS")
    # Two kepala bidang acting (PLT) as head of another unit.
    kepala = [i for i in range(n) if peg.at[i, "nip"] in punya_bawahan and peg.at[i, "nip_atasan"] != ""]
    plt = [kepala[3], kepala[11]]
    status = np.array(["persetujuan", "pengajuan", "draft"], dtype=object)[
        np.searchsorted(np.array([0.85, 0.95]), rng.random(n), side="right")
    ]
    pppk = (peg["nip"].str[12] == "2").to_numpy()
    jenis = np.where(pppk, "pppk", "pns").astype(object)
    jenis[np.flatnonzero(pppk)[:3]] = "PPPK Paruh Waktu"
    jenis[np.flatnonzero(~pppk)[:5]] = "PNS"
    return RencanaEkspor(peg, inst, hk, pk, pred, belum, tidak_sesuai, plt, transfer, "BKPP", status, jenis)


# ---------------------------------------------------------------------------------------------
# Writing


def _xlsx(judul: list[str], kolom: list[str], baris: list[list]) -> bytes:
    """An e-Kinerja-like sheet: title rows (A1, A2, A3, A6), the header at BARIS_JUDUL, then the
    rows; every NIP and other code as text. Bytes do not depend on the clock."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.created = WAKTU_TETAP
    wb.properties.modified = WAKTU_TETAP
    wb.properties.creator = "capaian contoh --ekspor"
    ws = wb.create_sheet("Sheet1")
    for i in range(1, BARIS_JUDUL):
        ws.append([judul[i - 1]] if i - 1 < len(judul) and judul[i - 1] else [])
    ws.append(kolom)
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return _zip_tetap(buf.getvalue())


def _zip_tetap(data: bytes) -> bytes:
    """The same archive with every entry's time pinned: zipfile stamps the current time on each
    entry, and openpyxl stamps it as `dcterms:modified` in docProps/core.xml on every save."""
    import re

    masuk = zipfile.ZipFile(io.BytesIO(data))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            baru = zipfile.ZipInfo(info.filename, date_time=WAKTU_TETAP.timetuple()[:6])
            baru.compress_type = zipfile.ZIP_DEFLATED
            baru.external_attr = 0o644 << 16
            isi = masuk.read(info.filename)
            if info.filename == "docProps/core.xml":
                waktu = WAKTU_TETAP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                isi = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + waktu, isi)
            z.writestr(baru, isi)
    return keluar.getvalue()


def _golru(i: int) -> str:
    return ("II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")[i % 7]


def _baris_penilaian(r: RencanaEkspor, p: int) -> list[list]:
    peg, inst = r.pegawai, r.instansi.set_index("kode_instansi")
    nama_opd = inst["nama_instansi"]
    nip_ke = {nip: i for i, nip in enumerate(peg["nip"])}
    ejaan = _EJAAN[0 if p == 12 else (p + 1) % 3]
    tahunan = p == 12
    bulan = 12 if tahunan else p + 1
    plt_flag = (lambda v: bool(v)) if tahunan else (lambda v: int(v))
    hasil = []

    def baris(i, *, plt=False, instansi=None, unit=None, jabatan=None, atasan=None, awal="2025-01-01", akhir="2025-12-31", dinilai=True):
        nip = peg.at[i, "nip"]
        kode = instansi or peg.at[i, "kode_instansi"]
        nip_atasan = peg.at[i, "nip_atasan"] if atasan is None else atasan
        j = nip_ke.get(nip_atasan)
        belum = not dinilai
        hk, pk, pr = r.hasil_kerja[p, i], r.perilaku[p, i], r.predikat[p, i]
        waktu = "" if belum else f"{TAHUN + (bulan == 12)}-{bulan % 12 + 1:02d}-{1 + (i * 7 + p) % 20:02d} {8 + i % 9:02d}:{(i * 13) % 60:02d}:00"
        return [
            "Tahunan" if tahunan else "Bulanan", str(100000 + i), nip, _pisah_gelar(peg.at[i, "nama"])[1], awal, akhir,
            _id("unor", kode, unit or peg.at[i, "unit_kerja"]), unit or peg.at[i, "unit_kerja"], nama_opd[kode],
            jabatan or peg.at[i, "jabatan"], "2" if peg.at[i, "jenjang"] else "4", plt_flag(plt),
            "-" if belum else ejaan[hk], "-" if belum else ejaan[pk], "-" if belum else ejaan[pr],
            _id("pegawai", nip_atasan) if j is not None else "", nip_atasan, peg.at[j, "nama"] if j is not None else ("Bupati Mamuju" if not nip_atasan else ""),
            _id("unor", peg.at[j, "kode_instansi"], peg.at[j, "unit_kerja"]) if j is not None else "",
            peg.at[j, "unit_kerja"] if j is not None else "", peg.at[j, "jabatan"] if j is not None else "Bupati Mamuju",
            _golru(j) if j is not None else "", waktu, _id("penilai", nip_atasan, p) if j is not None else "", TAHUN,
            _id("skp", nip, awal), _id("periode", TAHUN, bulan, tahunan), _id("penilaian", nip, p, awal), _golru(i), r.jenis_pegawai[i],
        ]

    lama = r.pegawai.index[r.pegawai["kode_instansi"] == r.instansi_lama_transfer]
    staf_lama = next(i for i in lama if r.pegawai.at[i, "nip"] not in set(r.pegawai["nip_atasan"]))
    for i in range(len(peg)):
        dinilai = not r.belum_dinilai[p, i]
        if i == r.transfer:
            akhir_lama = TANGGAL_TRANSFER.isoformat()
            sebelum = dict(instansi=r.instansi_lama_transfer, unit=peg.at[staf_lama, "unit_kerja"], jabatan=peg.at[staf_lama, "jabatan"],
                           atasan=peg.at[staf_lama, "nip_atasan"], akhir=akhir_lama)
            sesudah = dict(awal=(TANGGAL_TRANSFER + dt.timedelta(days=1)).isoformat(), dinilai=dinilai)
            if tahunan or bulan == BULAN_TRANSFER:
                hasil.append(baris(i, **sebelum))
                hasil.append(baris(i, **sesudah))
            elif bulan < BULAN_TRANSFER:
                hasil.append(baris(i, **sebelum, dinilai=dinilai))
            else:
                hasil.append(baris(i, **sesudah))
            continue
        hasil.append(baris(i, dinilai=dinilai))
        if i in r.plt:
            # The acting (PLT) SKP of the same pegawai: head of the next unit of their instansi.
            hasil.append(baris(i, plt=True, jabatan=f"Plt. Kepala {peg.at[i, 'unit_kerja']}"))
    return hasil


def _tulis_penilaian(r: RencanaEkspor, p: int) -> tuple[str, bytes]:
    tahunan = p == 12
    judul = [
        "Laporan Penilaian SKP " + ("Tahunan" if tahunan else "Bulanan"),
        "Instansi Pemerintah Kabupaten Mamuju",
        f"Tahunan {TAHUN}" if tahunan else (f"Bulan {NAMA_BULAN[p]} {TAHUN}" if p % 2 == 0 else NAMA_BULAN[p].upper()),
        "",
        "",
        f"Diunduh {WAKTU_TETAP:%Y-%m-%d %H:%M} WITA",
    ]
    kolom = list(KOLOM_PENILAIAN)
    baris = _baris_penilaian(r, p)
    if p == 2:
        kolom.append(KOLOM_ASING_MARET)
        baris = [b + ["diperiksa" if k % 50 == 0 else None] for k, b in enumerate(baris)]
    nama = f"penilaian_skp_{TAHUN}_13_tahunan.xlsx" if tahunan else f"penilaian_skp_{TAHUN}_{p + 1:02d}_{NAMA_BULAN[p].lower()}.xlsx"
    return nama, _xlsx(judul, kolom, baris)


def _tulis_laporan_skp(r: RencanaEkspor) -> tuple[str, bytes]:
    peg = r.pegawai
    nama_opd = r.instansi.set_index("kode_instansi")["nama_instansi"]
    nama_nip = dict(zip(peg["nip"], peg["nama"]))
    ejaan = {"persetujuan": "persetujuan", "pengajuan": "PENGAJUAN", "draft": "Draft"}
    lama = peg.index[peg["kode_instansi"] == r.instansi_lama_transfer]
    staf_lama = next(i for i in lama if peg.at[i, "nip"] not in set(peg["nip_atasan"]))
    baris = []

    def satu(i, status, *, plt=0, instansi=None, unit=None, jabatan=None, atasan=None, awal="2025-01-01", akhir="2025-12-31", jenis=None):
        nip_atasan = peg.at[i, "nip_atasan"] if atasan is None else atasan
        return [str(200000 + len(baris)), peg.at[i, "nip"], _pisah_gelar(peg.at[i, "nama"])[1], plt, awal, akhir,
                nama_opd[instansi or peg.at[i, "kode_instansi"]], unit or peg.at[i, "unit_kerja"], jabatan or peg.at[i, "jabatan"],
                ejaan[status], jenis or r.jenis_pegawai[i], nama_nip.get(nip_atasan, "Bupati Mamuju")]

    for i in range(len(peg)):
        if i == r.transfer:
            baris.append(satu(i, "persetujuan", instansi=r.instansi_lama_transfer, unit=peg.at[staf_lama, "unit_kerja"],
                              jabatan=peg.at[staf_lama, "jabatan"], atasan=peg.at[staf_lama, "nip_atasan"], akhir=TANGGAL_TRANSFER.isoformat()))
            baris.append(satu(i, r.status_skp[i], awal=(TANGGAL_TRANSFER + dt.timedelta(days=1)).isoformat()))
            continue
        baris.append(satu(i, r.status_skp[i], jenis=JENIS_PEGAWAI_ASING if i == r.plt[0] + 1 else None))
        if i in r.plt:
            baris.append(satu(i, "persetujuan", plt=1, jabatan=f"Plt. Kepala {peg.at[i, 'unit_kerja']}"))
    judul = ["Laporan SKP", "Instansi Pemerintah Kabupaten Mamuju", f"Tahun {TAHUN}", "", "", f"Diunduh {WAKTU_TETAP:%Y-%m-%d %H:%M} WITA"]
    return f"laporan_skp_{TAHUN}.xlsx", _xlsx(judul, list(KOLOM_LAPORAN_SKP), baris)


def _siasn(r: RencanaEkspor, baru: bool) -> tuple[str, bytes]:
    peg = r.pegawai
    kode = list(r.instansi["kode_instansi"])
    pilih = kode[INSTANSI_SIASN_LAMA:] if baru else kode[:INSTANSI_SIASN_LAMA]
    nama_opd = r.instansi.set_index("kode_instansi")["nama_instansi"]
    kolom = [k.lower() for k in KOLOM_SIASN] + [KOLOM_ASING_SIASN] if baru else list(KOLOM_SIASN)
    baris = []
    for i in range(len(peg)):
        if peg.at[i, "kode_instansi"] not in pilih:
            continue
        depan, nama, belakang = _pisah_gelar(peg.at[i, "nama"])
        pppk = peg.at[i, "nip"][12] == "2"
        jenis_jab = "Jabatan Fungsional" if peg.at[i, "jenjang"] else ("Jabatan Struktural" if peg.at[i, "nip"] in set(peg["nip_atasan"]) else "Jabatan Pelaksana")
        sel = [_id("pns", peg.at[i, "nip"]), peg.at[i, "nip"], "", nama, depan, belakang, "PPPK" if pppk else "PNS", jenis_jab,
               peg.at[i, "jabatan"], peg.at[i, "unit_kerja"], nama_opd[peg.at[i, "kode_instansi"]], "Pemerintah Kab. Mamuju",
               ("IX" if pppk else _golru(i))]
        if baru:
            sel = [f"'{s}" if s else "" for s in sel] + ["0"]
        baris.append(sel)
    if baru:
        teks = "\n".join("|".join(b) for b in [kolom, *baris]) + "\n"
        return "siasn_data_asn_baru.csv", b"\xef\xbb\xbf" + teks.encode("utf-8")
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(kolom)
    w.writerows(baris)
    return "siasn_data_asn_lama.csv", buf.getvalue().encode("utf-8")


def _peta(r: RencanaEkspor) -> tuple[str, bytes]:
    baris = ["# Nama OPD di ekspor -> kode_instansi data contoh (capaian impor --peta-instansi)"]
    for kode, nama in zip(r.instansi["kode_instansi"], r.instansi["nama_instansi"]):
        baris.append(f'"{nama}": {kode}')
    return "peta_instansi.yaml", ("\n".join(baris) + "\n").encode("utf-8")


def berkas_ekspor(seed: int = 2025) -> dict[str, bytes]:
    """Every sample export file: name -> bytes (deterministic)."""
    r = rencana_ekspor(seed)
    berkas = dict(_tulis_penilaian(r, p) for p in range(13))
    berkas.update([_tulis_laporan_skp(r), _siasn(r, baru=False), _siasn(r, baru=True), _peta(r)])
    return dict(sorted(berkas.items()))


def write_ekspor(directory, seed: int = 2025) -> list[Path]:
    """Write the sample exports into `directory` (created if needed); return the paths.

    Raises FolderContohBerisiData (nothing written) when `directory` already holds a file of the
    same name. Files are written into a hidden folder inside `directory` first and moved in once
    all are complete."""
    from capaian.galat import FolderContohBerisiData
    from capaian.runner import folder_kerja

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    berkas = berkas_ekspor(seed)
    ada = sorted(n for n in berkas if (folder / n).exists())
    if ada:
        raise FolderContohBerisiData(folder, ada)
    with folder_kerja(folder, ".contoh-ekspor-") as kerja:
        for nama, isi in berkas.items():
            (kerja / nama).write_bytes(isi)
        paths = []
        for nama in berkas:
            os.replace(kerja / nama, folder / nama)
            paths.append(folder / nama)
    return paths
