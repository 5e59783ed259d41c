"""Monitoring reports of decided ratings per instansi (`notebooks/pemantauan_instansi.ipynb`):
what `capaian laporan` renders for a "data putusan" folder (docs/metodologi.md, "Pemantauan
rating putusan"; docs/kontrak-data.md bagian 1, "Folder data putusan").

The batch computes every check of `capaian.pemantauan` once for the whole data set, then hands
each report a bundle holding only its own instansi's rows (privacy, as for `capaian.laporan`): a
penilai of another instansi is never named, and penilai appear only as aggregates. Running the
notebooks, the manifest and the index are `capaian.terbit`'s, the same as for the instansi
reports; the report is written to `KODE/laporan.html`, so the kabupaten overview (index.html)
lists it with the decided predikat distribution and the kurva check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from capaian import sumber
from capaian.format import KOSONG, bulat, nama_bulan, nama_periode, porsi, tanggal, teks
from capaian.kode import PREDIKAT
from capaian.tampilan import Tampilan, kartu_html, kelas_status, label_kode, tabel_html, tidak_ada_data
from capaian.terbit import BundelPickle, sekarang, versi_paket

NOTEBOOK = sumber.notebook("pemantauan_instansi.ipynb")
WARMUP = ("import pandas", "import capaian.laporan_pantau")
PENILAI_DI_LUAR = "penilai di luar instansi"
BELUM = "belum_dinilai"


@dataclass
class BundelPemantauan(BundelPickle):
    """One instansi's monitoring data for P (frames of `capaian.pemantauan`, this instansi's rows
    only; pegawai named by `nama`, penilai only in `pola_penilai` as aggregates)."""

    periode: str
    kode_instansi: str
    nama_instansi: str
    predikat_organisasi: str | None
    pegawai: pd.DataFrame  # nip, nama, jabatan
    sebaran: dict
    kurva: pd.DataFrame
    konsistensi: pd.DataFrame  # rows not "sesuai" only, plus counts in `ringkas_konsistensi`
    ringkas_konsistensi: dict
    belum_dinilai: pd.DataFrame
    cakupan: pd.DataFrame
    skp: pd.DataFrame
    ada_skp: bool
    predikat_bulanan: pd.DataFrame
    pola_penilai: pd.DataFrame
    kelayakan: pd.DataFrame
    aturan_kelayakan: list[dict]
    ada_iki: bool
    banding: pd.DataFrame | None = None
    dibuat: str = ""
    paket: dict = field(default_factory=dict)


class PembuatBundelPemantauan:
    """Computes every monitoring frame once and slices it per instansi."""

    def __init__(self, ds, periode, metodologi, aturan_kelayakan=None, dibuat: str | None = None):
        from capaian import pemantauan as pm

        self.p = periode
        self.dibuat = dibuat or sekarang()
        self.nama_instansi = dict(zip(ds.instansi["kode_instansi"].astype(str), ds.instansi["nama_instansi"].astype(str)))
        self.pegawai = ds.pegawai[["nip", "nama", "kode_instansi", "jabatan"]].drop_duplicates("nip")
        self.nama = dict(zip(self.pegawai["nip"], self.pegawai["nama"]))
        self.instansi_of = dict(zip(self.pegawai["nip"], self.pegawai["kode_instansi"]))
        ko = ds.kinerja_organisasi
        ko = ko[ko["periode"] == periode.kode]
        self.predikat_org = dict(zip(ko["kode_instansi"].astype(str), ko["predikat_organisasi"].astype(str)))
        kode = list(self.nama_instansi)
        self.sebaran = pm.sebaran_predikat(ds, periode).set_index("kode_instansi")
        self.kurva = pm.cek_kurva(ds, periode, metodologi)
        kons = pm.konsistensi(ds, periode, metodologi)
        self.ringkas = pm.ringkas_konsistensi(kons, kode).set_index("kode_instansi")
        self.kons = kons[kons["status"] != pm.SESUAI]
        self.belum = pm.belum_dinilai(ds, periode)
        self.cakupan = pm.cakupan(ds, periode)
        self.skp = pm.skp_belum_disetujui(ds, periode)
        self.ada_skp = pm.ada_status_skp(ds, periode)
        self.bulanan = pm.predikat_bulanan(ds, periode)
        self.pola = pm.pola_penilai(ds, periode)
        aturan = aturan_kelayakan or pm.load_aturan_kelayakan()
        self.aturan = [{"kunci": k, "judul": a.judul, "teks": a.teks(), "dasar": a.dasar} for k, a in aturan.aturan.items()]
        self.layak = pm.kelayakan(ds, periode, aturan)
        self.ada_iki = ds.ada_iki
        self.banding = pm.banding_hitungan(ds, periode, metodologi) if ds.ada_iki else None

    def _nama(self, df: pd.DataFrame) -> pd.DataFrame:
        return df.assign(nama=df["nip"].map(self.nama)).reset_index(drop=True)

    def untuk(self, kode: str) -> BundelPemantauan:
        def saring(df):
            return df[df["kode_instansi"] == kode].drop(columns="kode_instansi")

        pola = saring(self.pola).copy()
        # A penilai of another instansi is not named in this instansi's report.
        pola["penilai"] = [
            (self.nama.get(n, KOSONG) if self.instansi_of.get(n) == kode else PENILAI_DI_LUAR) if isinstance(n, str) else k
            for n, k in zip(pola["nip_penilai"], pola["kelompok"])
        ]
        pola = pola.drop(columns=["nip_penilai", "kelompok"]).reset_index(drop=True)
        return BundelPemantauan(
            periode=self.p.kode,
            kode_instansi=kode,
            nama_instansi=self.nama_instansi[kode],
            predikat_organisasi=self.predikat_org.get(kode),
            pegawai=saring(self.pegawai).reset_index(drop=True),
            sebaran={k: int(v) for k, v in self.sebaran.loc[kode].items()},
            kurva=saring(self.kurva)[["predikat_organisasi", "aturan", "jumlah", "pembagi", "porsi", "status"]].reset_index(drop=True),
            konsistensi=self._nama(saring(self.kons)),
            ringkas_konsistensi={k: int(v) for k, v in self.ringkas.loc[kode].items()},
            belum_dinilai=self._nama(saring(self.belum)),
            cakupan=saring(self.cakupan).reset_index(drop=True),
            skp=self._nama(saring(self.skp)),
            ada_skp=self.ada_skp,
            predikat_bulanan=self._nama(saring(self.bulanan)),
            pola_penilai=pola,
            kelayakan=self._nama(saring(self.layak)),
            aturan_kelayakan=[dict(a) for a in self.aturan],
            ada_iki=self.ada_iki,
            banding=None if self.banding is None else self._nama(saring(self.banding)),
            dibuat=self.dibuat,
            paket=versi_paket(),
        )


def prepare_bundel(data: str | None, periode: str, kode_instansi: str, metodologi: str | None = None, bundel: str | None = None) -> BundelPemantauan:
    """The report's data: the batch's bundle where given, else computed here from `data`."""
    if bundel:
        return BundelPemantauan.load_untuk(bundel, periode, kode_instansi)
    from capaian.galat import InstansiTidakDikenal
    from capaian.kode import parse_periode
    from capaian.pengaturan import load_metodologi
    from capaian.validasi import load_dataset

    ds = load_dataset(data)
    if kode_instansi not in set(ds.instansi["kode_instansi"]):
        raise InstansiTidakDikenal([kode_instansi], sorted(ds.instansi["kode_instansi"]))
    return PembuatBundelPemantauan(ds, parse_periode(periode), load_metodologi(metodologi)).untuk(kode_instansi)


# =============================================================================================
# Notebook side


def angka_indeks(b: BundelPemantauan) -> dict:
    """What index.html shows of this report (the shape of `capaian.laporan.angka_indeks`):
    pegawai, dinilai (with a decided rating of P), the decided predikat counts and the kurva."""
    kurva = None
    if b.predikat_organisasi and len(b.kurva):
        kurva = {"terpenuhi": int((b.kurva["status"] == "terpenuhi").sum()), "aturan": int(len(b.kurva))}
    return {
        "pegawai": b.sebaran["pegawai"],
        "dinilai": b.sebaran["dinilai"],
        "rata_rata_capaian": None,
        "kepatuhan": None,
        "pegawai_bercapaian": 0,
        "indikator": 0,
        "indikator_lengkap": 0,
        "predikat": {k: b.sebaran[k] for k in PREDIKAT},
        "predikat_organisasi": b.predikat_organisasi or None,
        "kurva": kurva,
    }


def judul(b: BundelPemantauan) -> Tampilan:
    org = f" · Predikat kinerja organisasi: <strong>{teks(label_kode(b.predikat_organisasi))}</strong>" if b.predikat_organisasi else ""
    dibuat = tanggal(dt.datetime.fromisoformat(b.dibuat), jam=True) if b.dibuat else KOSONG
    return Tampilan(
        f"<h1>Pemantauan Rating Putusan: {teks(b.nama_instansi)}</h1>\n"
        f'<p class="subjudul">Periode {teks(nama_periode(b.periode))} ({teks(b.periode)}) · Kode instansi {teks(b.kode_instansi)}{org}'
        f"<br>Dibuat {teks(dibuat)}</p>\n"
        "<p>Laporan ini membaca rating dan predikat yang sudah diputuskan di luar capaian (tabel <code>rating_putusan</code>, "
        "mis. hasil impor e-Kinerja). Tidak ada data IKI, target atau realisasi di dalamnya, sehingga capaian hasil kerja "
        "tidak dapat dihitung atau diperiksa di sini.</p>",
        "judul",
    )


def ringkasan(b: BundelPemantauan) -> Tampilan:
    s, k = b.sebaran, b.ringkas_konsistensi
    kartu = [
        (bulat(s["pegawai"]), "Pegawai", "di tabel pegawai"),
        (bulat(s["dinilai"]), "Punya predikat putusan", f"untuk periode {b.periode}"),
        (bulat(k["tidak_sesuai"]), "Tidak sesuai matriks", f"dari {bulat(k['diperiksa'])} baris yang dapat diperiksa"),
        (bulat(len(b.belum_dinilai)), "Bulan tanpa rating", "pasangan pegawai–bulan"),
    ]
    return Tampilan(kartu_html(kartu), "ringkasan")


def distribusi(b: BundelPemantauan) -> Tampilan:
    s = b.sebaran
    baris = pd.DataFrame({
        "predikat": [label_kode(k) for k in PREDIKAT] + ["Belum ada predikat putusan"],
        "jumlah": [s[k] for k in PREDIKAT] + [s[BELUM]],
    })
    n = s["dinilai"]
    baris["porsi"] = [s[k] / n if n else None for k in PREDIKAT] + [None]
    isi = tabel_html(baris, {"predikat": "Predikat", "jumlah": "Pegawai", "porsi": "Porsi dari yang berpredikat"},
                     format={"jumlah": bulat, "porsi": porsi}, kanan=("jumlah", "porsi"), unduh="sebaran_predikat")
    if not b.predikat_organisasi:
        isi += tidak_ada_data(f"Tabel kinerja_organisasi tidak memuat predikat instansi ini untuk periode {b.periode}, "
                              "jadi kurva distribusi tidak dapat diperiksa.", "Kurva tidak diperiksa")
    else:
        isi += tabel_html(b.kurva, {"aturan": "Aturan kurva", "jumlah": "Pegawai", "pembagi": "Dari", "porsi": "Porsi", "status": "Status"},
                          format={"jumlah": bulat, "pembagi": bulat, "porsi": porsi},
                          kelas_sel={"status": [kelas_status(x) for x in b.kurva["status"]]}, kanan=("jumlah", "pembagi", "porsi"),
                          keterangan=f"Kurva predikat organisasi {label_kode(b.predikat_organisasi)} (metodologi, kunci kurva)", unduh="kurva")
    return Tampilan(isi, "distribusi")


def konsistensi(b: BundelPemantauan) -> Tampilan:
    k = b.ringkas_konsistensi
    teks_awal = (f"<p>{bulat(k['diperiksa'])} baris dapat diperiksa: {bulat(k['sesuai'])} sesuai matriks predikat, "
                 f"{bulat(k['tidak_sesuai'])} tidak sesuai; {bulat(k['tidak_dapat_diperiksa'])} baris tidak dapat diperiksa "
                 "karena rating hasil kerja atau rating perilakunya kosong.</p>")
    df = b.konsistensi.sort_values(["status", "nama", "periode"], kind="stable")
    tabel = tabel_html(
        df.assign(**{c: df[c].map(label_kode) for c in ("rating_hasil_kerja", "rating_perilaku", "predikat", "predikat_matriks")}),
        {"nama": "Pegawai", "periode": "Periode", "rating_hasil_kerja": "Rating hasil kerja", "rating_perilaku": "Rating perilaku",
         "predikat": "Predikat putusan", "predikat_matriks": "Menurut matriks", "status": "Status"},
        kelompok=df["status"].map({"tidak sesuai": "Tidak sesuai matriks", "tidak dapat diperiksa": "Tidak dapat diperiksa"}),
        kosong_teks="Setiap predikat putusan sesuai dengan matriks predikat.", unduh="konsistensi",
    )
    return Tampilan(teks_awal + tabel, "konsistensi")


def cakupan(b: BundelPemantauan) -> Tampilan:
    c = b.cakupan.assign(bulan=b.cakupan["bulan"].map(nama_bulan))
    isi = tabel_html(c, {"bulan": "Bulan", "pegawai": "Pegawai", "dinilai": "Punya rating", "belum_dinilai": "Belum dinilai"},
                     format={k: bulat for k in ("pegawai", "dinilai", "belum_dinilai")}, kanan=("pegawai", "dinilai", "belum_dinilai"),
                     unduh="cakupan")
    bd = b.belum_dinilai.sort_values(["nama", "bulan"], kind="stable")
    isi += tabel_html(bd.assign(bulan=bd["bulan"].map(nama_bulan)), {"nama": "Pegawai", "bulan": "Bulan tanpa rating"},
                      keterangan="Pegawai tanpa rating putusan per bulan", kosong_teks="Setiap pegawai punya rating untuk setiap bulan periode ini.",
                      unduh="belum_dinilai")
    if not b.ada_skp:
        isi += tidak_ada_data(f"Data tidak memuat status SKP tahun {b.periode[:4]} (tabel status_skp).", "Status SKP tidak diketahui")
    else:
        isi += tabel_html(b.skp, {"nama": "Pegawai", "status": "Status SKP"}, keterangan=f"SKP {b.periode[:4]} yang belum disetujui",
                          kosong_teks="SKP setiap pegawai sudah disetujui.", unduh="skp_belum_disetujui")
    return Tampilan(isi, "cakupan")


def bulan_per_bulan(b: BundelPemantauan) -> Tampilan:
    bulan = [k for k in b.predikat_bulanan.columns if k[:1].isdigit()]
    df = b.predikat_bulanan.sort_values("nama", kind="stable")
    tampil = df.assign(**{m: df[m].map(label_kode) for m in bulan})
    isi = tabel_html(tampil, {"nama": "Pegawai", **{m: nama_bulan(m, singkat=True) for m in bulan}}, unduh="predikat_bulanan",
                     kosong_teks="Instansi ini tidak memiliki pegawai.")
    return Tampilan(isi, "bulan per bulan")


def pola_penilai(b: BundelPemantauan) -> Tampilan:
    df = b.pola_penilai
    if df.empty:
        return Tampilan(tidak_ada_data("Tidak ada predikat putusan instansi ini untuk periode ini."), "pola penilai")
    isi = tabel_html(
        df, {"penilai": "Penilai", "dinilai": "Pegawai dinilai", **{k: label_kode(k) for k in PREDIKAT},
             "porsi_sangat_baik": "Porsi Sangat Baik", "porsi_sangat_baik_instansi": "Porsi Sangat Baik instansi"},
        format={"dinilai": bulat, **{k: bulat for k in PREDIKAT}, "porsi_sangat_baik": porsi, "porsi_sangat_baik_instansi": porsi},
        sorot=df["seragam"].tolist(), kanan=("dinilai", *PREDIKAT, "porsi_sangat_baik", "porsi_sangat_baik_instansi"), unduh="pola_penilai",
    )
    return Tampilan(isi, "pola penilai")


def kelayakan(b: BundelPemantauan) -> Tampilan:
    isi = ""
    for a in b.aturan_kelayakan:
        df = b.kelayakan[b.kelayakan["aturan"] == a["kunci"]].sort_values(["status", "nama"], kind="stable")
        isi += f"<h3>{teks(a['judul'])}</h3><p>Aturan: {teks(a['teks'])}. {teks(a['dasar'])}</p>"
        tahun = df["tahun"].map(lambda t: "; ".join(f"{th}: {label_kode(k) if k != '-' else KOSONG}" for th, k in (x.split(": ") for x in t.split("; "))))
        isi += tabel_html(df.assign(tahun=tahun), {"nama": "Pegawai", "status": "Status", "tahun": "Predikat tahunan"}, unduh=f"kelayakan_{a['kunci']}")
    return Tampilan(isi, "kelayakan")


def dibanding_hitungan(b: BundelPemantauan) -> Tampilan:
    if not b.ada_iki or b.banding is None:
        return Tampilan(tidak_ada_data("Data ini tidak memuat IKI, target atau realisasi, jadi predikat tidak dapat dihitung capaian "
                                       "untuk dibandingkan dengan predikat putusan.", "Butuh data IKI"), "banding")
    return Tampilan(tabel_banding(b.banding), "banding")


def tabel_banding(banding: pd.DataFrame) -> str:
    """Agreement counts and the list of pegawai whose computed and decided predikat differ."""
    if banding.empty:
        return "<p>Tidak ada pegawai instansi ini dengan predikat hitungan atau predikat putusan pada periode ini.</p>"
    sama = int(banding["sama"].sum())
    beda = banding[~banding["sama"]].sort_values("nama", kind="stable")
    isi = f"<p>{bulat(sama)} dari {bulat(len(banding))} pegawai: predikat hitungan capaian sama dengan predikat putusan.</p>"
    isi += tabel_html(beda.assign(predikat_hitungan=beda["predikat_hitungan"].map(label_kode), predikat_putusan=beda["predikat_putusan"].map(label_kode)),
                      {"nama": "Pegawai", "predikat_hitungan": "Predikat hitungan", "predikat_putusan": "Predikat putusan"},
                      kosong_teks="Tidak ada perbedaan.", unduh="beda_putusan")
    return isi


# =============================================================================================
# The batch


def render_pemantauan(ds, data, p, m, berkas_metodologi, metodologi, keluaran, kode_dipilih: Sequence[str], workers, progress: bool,
                      notebook, start_timeout, zigot):
    """`capaian laporan` on a data putusan folder: one monitoring report per chosen instansi into
    `keluaran/P/KODE/laporan.html`, then manifest.json and index.html, by the same strict runner
    as `capaian.laporan.render_laporan` (which calls this and returns its result)."""
    from capaian.laporan import HasilLaporan, hasil_instansi, jalankan_jobs, job_instansi
    from capaian.terbit import Penerbit, area_kerja, catat_laporan, entri_laporan, kunci_periode, masukan_laporan, pastikan_notebook

    nb_path = pastikan_notebook(notebook, NOTEBOOK, "laporan")
    folder = Path(keluaran) / p.kode
    with kunci_periode(folder), area_kerja(folder) as kerja:
        with Penerbit(WARMUP, len(kode_dipilih), workers, start_timeout, zigot, kerja=kerja) as penerbit:
            dibuat = sekarang()
            pembuat = PembuatBundelPemantauan(ds, p, m, dibuat=dibuat)
            jobs, angka = [], {}
            for kode in kode_dipilih:
                (folder / kode).mkdir(exist_ok=True)
                bundel = pembuat.untuk(kode)
                angka[kode] = angka_indeks(bundel)
                judul_halaman = f"Pemantauan Rating Putusan {pembuat.nama_instansi[kode]} · {nama_periode(p.kode)}"
                jobs.append(job_instansi(nb_path, folder, kode, data, p.kode, metodologi, penerbit.write_bundel(bundel, kode), judul_halaman))
            hasil_job = jalankan_jobs(penerbit, jobs, progress)
        laporan = tuple(hasil_instansi(kode, pembuat.nama_instansi[kode], h, folder) for kode, h in zip(kode_dipilih, hasil_job))
        masukan = masukan_laporan(ds, m, nb_path)
        entri = [entri_laporan(r.kode_instansi, r.nama_instansi, r.status, r.pesan, r.detik, masukan, dibuat,
                               angka=angka.get(r.kode_instansi) if r.status == "berhasil" else None) for r in laporan]
        manifest, index = catat_laporan(folder, p.kode, data, ds, m, berkas_metodologi, nb_path, kode_dipilih, workers, entri, dibuat)
    return HasilLaporan(p.kode, folder, laporan, manifest, index)
