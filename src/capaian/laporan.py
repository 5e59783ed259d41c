"""Period reports per instansi: `render_laporan()` for the batch, and the pieces the report
notebook (`notebooks/laporan_instansi.ipynb`) shows.

The batch validates and scores the whole data set once, here, then hands each report notebook a
bundle holding only its own instansi's rows (privacy: no other instansi's NIP or name reaches a
report's kernel, notebook or HTML). An atasan or penilai from another instansi is shown as
"atasan di luar instansi" / "penilai di luar instansi", without name or NIP.

Notebook side: every function that the notebook calls returns a `Tampilan` (an HTML fragment that
Jupyter shows), built from the shared pieces of `capaian.tampilan` (tables, cards, plot style);
running the notebooks, the manifest and the index are `capaian.terbit`'s.

This module is imported inside every report kernel, so its top level imports pandas and light
capaian modules only; the scoring, validation and runner modules are imported where needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd

from capaian.galat import InstansiTidakDikenal
from capaian.format import (
    KOSONG, TANPA_REALISASI, angka, angka_pas, bulat, capaian_pegawai, nama_bulan, nama_periode, persen, porsi, tanggal, target_tampak, teks,
)
from capaian.kode import LABEL, PREDIKAT, RATING, nip_tertulis, sebagai_kode
from capaian.nilai import KOLOM_INDIKATOR, KOLOM_PEGAWAI
from capaian.tampilan import (
    label_kode,
    WARNA_PREDIKAT,
    Tampilan,
    batas_sumbu,
    figur,
    format_sumbu_persen,
    gambar_html,
    gaya_grafik,
    kartu_html,
    kelas_status,
    tabel_html,
    tidak_ada_data,
)
from capaian.terbit import BundelPickle, entri_laporan, sekarang, sha256_berkas, versi_paket
from capaian import sumber

NOTEBOOK = sumber.notebook("laporan_instansi.ipynb")

# Lines every report kernel runs at start-up, before it is given any instansi's data.
WARMUP = (
    "import pandas",
    "import matplotlib",
    "import seaborn",
    "import capaian.laporan",
)

DI_LUAR_INSTANSI = "atasan di luar instansi"
PENILAI_DI_LUAR = "penilai di luar instansi"
TANPA_ATASAN = "tanpa atasan"

# "Far below / far above target" in the list of IKI that need attention. These flag IKI for a
# reader to look at; they never change a score, so they are the report's, not the methodology's.
JAUH_DI_BAWAH = 50.0  # capaian below this percent
JAUH_DI_ATAS_TANPA_BATAS = 150.0  # without a cap: capaian at or above this percent; else the cap

# =============================================================================================
# The bundle: one instansi's slice of the scored data


@dataclass
class Bundel(BundelPickle):
    """Everything one report shows, and nothing of any other instansi.

    - `pegawai`: every pegawai of the instansi (scored or not) with their scores (codes, not labels),
      `jabatan`, `unit_kerja`, `atasan` (a name, "atasan di luar instansi" or "tanpa atasan") and
      `nip_atasan` (NA unless the atasan belongs to this instansi).
    - `indikator`: the instansi's IKI of the period's year with their scores and wording.
    - `bulanan`: monthly capaian hasil kerja per pegawai from January to the end of the period
      (columns nip, bulan, capaian; percent).
    - `umpan_balik`: the period's umpan balik rows of the instansi's pegawai (nama, penilai,
      ratings as codes, catatan).
    - `distribusi`: the distribution rules of the organisation's predikat and whether each is met.
    - `metodologi`: the methodology as a plain mapping; `sumber`: per table its file and SHA-256;
      `paket`: package versions; `dibuat`: when the data was scored (ISO 8601).
    - `perhatian`: the instansi's "perlu perhatian" list (nip, nama, jabatan, skor, alasan; highest
      score first; docs/metodologi.md bagian 11), None where not computed; `halaman`: True where
      the rapor pages exist beside the report (`pegawai/NIP.html`), so names link to them.
    - `periode_sebelumnya`: the previous period of the same kind (`capaian.kode.periode_sebelumnya`);
      `sebelumnya`: its scores of this instansi's pegawai, scored from the same data in the same
      run (columns nip, capaian_hasil_kerja, predikat, dinilai; one row per pegawai of `pegawai`),
      with `indikator_sebelumnya` (bulan_lapor per IKI); both None where the data has no IKI of
      that period's year, `alasan_sebelumnya` then says why.
    - `putusan`: where the data also has decided ratings (`rating_putusan`), per pegawai of the
      instansi with a computed or decided predikat of P: nip, nama, predikat_hitungan,
      predikat_putusan, sama (`capaian.pemantauan.banding_hitungan`); None otherwise.
    - `lapor_bulanan`: per month from January to the end of the period, the instansi's IKI of the
      year (`iki`) and how many have a realisasi row that month (`lapor`); None where not computed.
    """

    periode: str
    kode_instansi: str
    nama_instansi: str
    predikat_organisasi: str | None
    pegawai: pd.DataFrame
    indikator: pd.DataFrame
    bulanan: pd.DataFrame
    umpan_balik: pd.DataFrame
    distribusi: pd.DataFrame
    metodologi: dict
    metodologi_berkas: str
    metodologi_sha256: str | None = None
    sumber: list[dict] = field(default_factory=list)
    paket: dict = field(default_factory=dict)
    dibuat: str = ""
    perhatian: pd.DataFrame | None = None
    halaman: bool = False
    lapor_bulanan: pd.DataFrame | None = None
    periode_sebelumnya: str | None = None
    sebelumnya: pd.DataFrame | None = None
    indikator_sebelumnya: pd.DataFrame | None = None
    alasan_sebelumnya: str | None = None
    putusan: pd.DataFrame | None = None

    @property
    def jumlah_bulan(self) -> int:
        from capaian.kode import parse_periode

        return parse_periode(self.periode).jumlah_bulan


def load_bundel(path: str | Path) -> Bundel:
    """Read a bundle written by `Bundel.write` (the batch's own temporary file; trusted)."""
    return Bundel.load(path)


def _kolom(df: pd.DataFrame, kolom: Iterable[str]) -> pd.DataFrame:
    """The named columns of `df` (missing ones as NA): bundles take a whitelist, never `df` whole."""
    hasil = pd.DataFrame(index=df.index)
    for k in kolom:
        hasil[k] = df[k] if k in df.columns else pd.Series(pd.NA, index=df.index, dtype="object")
    return hasil.reset_index(drop=True)


# The contract's score columns a bundle takes (its own instansi's rows only; periode and
# kode_instansi are the bundle's own).
_KOLOM_NILAI_PEGAWAI = tuple(KOLOM_PEGAWAI[KOLOM_PEGAWAI.index("jumlah_indikator") :])
_KOLOM_NILAI_INDIKATOR = tuple(k for k in KOLOM_INDIKATOR if k not in ("periode", "kode_instansi"))


def _baris(df: pd.DataFrame, indeks: dict, kunci: str) -> pd.DataFrame:
    """The rows of `df` in group `kunci` of a `groupby(...).indices` mapping (none: empty)."""
    return df.iloc[indeks.get(kunci, [])]


class PembuatBundel:
    """Slices a scored data set into per-instansi bundles.

    Every table is indexed by instansi once, so slicing one instansi costs only its own rows, also
    for a data set of many instansi. Only whitelisted columns go into a bundle; an atasan or
    penilai from another instansi is replaced by a phrase, never named.
    """

    def __init__(self, dataset, hasil_nilai, bulanan, periode: str, metodologi, metodologi_path: str | Path | None = None, dibuat: str | None = None,
                 sumber_halaman=None, halaman: bool = False, sebelumnya: Sebelumnya | None = None):
        self.periode = periode
        self.putusan = None
        if len(getattr(dataset, "rating_putusan", ())):
            from capaian.pemantauan import banding_hitungan

            self.putusan = banding_hitungan(dataset, periode, metodologi, hasil_nilai)
        # The rapor pages' data (capaian.rapor.SumberHalaman): the attention list comes from it.
        self.sumber_halaman = sumber_halaman
        self.halaman = halaman
        self.metodologi = metodologi.model_dump(mode="json") if hasattr(metodologi, "model_dump") else dict(metodologi)
        self.metodologi_berkas = Path(metodologi_path).name if metodologi_path else "bawaan paket capaian"
        if metodologi_path is None:
            from capaian.pengaturan import BERKAS_BAWAAN

            metodologi_path = BERKAS_BAWAAN
        path = Path(metodologi_path)
        self.metodologi_sha256 = sha256_berkas(path) if path.is_file() else None
        self.dibuat = dibuat or sekarang()
        self.sumber = [{"tabel": t, "file": s.nama, "sha256": s.sha256} for t, s in getattr(dataset, "sumber", {}).items()]
        self.nama_instansi = dict(zip(dataset.instansi["kode_instansi"].astype(str), dataset.instansi["nama_instansi"].astype(str)))

        peg = dataset.pegawai
        self.pegawai = _kolom(peg, ("nip", "nama", "kode_instansi", "jabatan", "unit_kerja", "nip_atasan"))
        self.i_pegawai = self.pegawai.groupby("kode_instansi", sort=False).indices
        # Who each atasan is: instansi, name, jabatan (looked up by NIP, never copied across).
        self.siapa = self.pegawai.set_index("nip")[["kode_instansi", "nama", "jabatan"]]

        nilai = _kolom(hasil_nilai.pegawai, ("nip", "kode_instansi") + _KOLOM_NILAI_PEGAWAI)
        for k in ("rating_hasil_kerja_usulan", "rating_hasil_kerja", "rating_perilaku_usulan", "rating_perilaku"):
            nilai[k] = sebagai_kode(nilai[k], RATING)
        nilai["predikat"] = sebagai_kode(nilai["predikat"], PREDIKAT)
        self.nilai_pegawai = nilai
        self.i_nilai_pegawai = nilai.groupby("kode_instansi", sort=False).indices

        ind = _kolom(hasil_nilai.indikator, ("kode_instansi",) + _KOLOM_NILAI_INDIKATOR + ("sumber_target",))
        ind["kategori"] = sebagai_kode(ind["kategori"], RATING)
        kata = _kolom(dataset.indikator, ("id_indikator", "rencana_hasil_kerja", "indikator", "satuan"))
        self.indikator = ind.merge(kata, on="id_indikator", how="left")
        self.i_indikator = self.indikator.groupby("kode_instansi", sort=False).indices

        self.bulanan = self._normal_bulanan(bulanan)
        self.lapor = self._lapor_bulanan(dataset)
        self.i_bulanan = self.bulanan.groupby("kode_instansi", sort=False).indices

        ub = dataset.umpan_balik
        ub = _kolom(ub[ub["periode"] == periode], ("nip", "nip_penilai", "rating_hasil_kerja", "rating_perilaku", "catatan"))
        ub["kode_instansi"] = ub["nip"].map(self.siapa["kode_instansi"])
        self.umpan_balik = ub
        self.i_umpan_balik = ub.groupby("kode_instansi", sort=False).indices

        ko = dataset.kinerja_organisasi
        ko = ko[ko["periode"] == periode]
        self.predikat_org = dict(zip(ko["kode_instansi"].astype(str), ko["predikat_organisasi"].astype(str)))

        dist = getattr(hasil_nilai, "distribusi", None)
        if dist is None:
            dist = pd.DataFrame(columns=["kode_instansi", "predikat_organisasi", "aturan", "porsi", "status"])
        self.distribusi = _kolom(dist, ("kode_instansi", "predikat_organisasi", "aturan", "porsi", "status"))
        self.i_distribusi = self.distribusi.groupby("kode_instansi", sort=False).indices

        self.sebelumnya = sebelumnya
        if sebelumnya is not None and sebelumnya.hasil is not None:
            lalu = _kolom(sebelumnya.hasil.pegawai, ("nip", "kode_instansi", "capaian_hasil_kerja", "predikat"))
            lalu["predikat"] = sebagai_kode(lalu["predikat"], PREDIKAT)
            self.nilai_lalu = lalu
            self.i_nilai_lalu = lalu.groupby("kode_instansi", sort=False).indices
            ind_lalu = _kolom(sebelumnya.hasil.indikator, ("kode_instansi", "id_indikator", "nip", "bulan_lapor"))
            self.indikator_lalu = ind_lalu
            self.i_indikator_lalu = ind_lalu.groupby("kode_instansi", sort=False).indices

    def _lapor_bulanan(self, dataset) -> dict[str, pd.DataFrame]:
        """Per instansi: for each month January..end of period, its IKI and those reported."""
        from capaian.kode import parse_periode

        p = parse_periode(self.periode)
        bulan = [f"{p.tahun:04d}-{m:02d}" for m in range(1, p.bulan[-1] + 1)]
        iki = self.indikator[["id_indikator", "kode_instansi"]]
        real = dataset.realisasi
        r = real.loc[real["bulan"].isin(bulan), ["id_indikator", "bulan"]].drop_duplicates()
        r = r.merge(iki, on="id_indikator")
        lapor = r.groupby(["kode_instansi", "bulan"]).size().to_dict()
        total = iki.groupby("kode_instansi").size().to_dict()
        return {
            k: pd.DataFrame({"bulan": bulan, "iki": [int(n)] * len(bulan), "lapor": [int(lapor.get((k, b), 0)) for b in bulan]})
            for k, n in total.items()
        }

    def _normal_bulanan(self, bulanan: pd.DataFrame | None) -> pd.DataFrame:
        """`capaian_bulanan` output as columns kode_instansi, nip, bulan, capaian (percent)."""
        if bulanan is None or len(bulanan) == 0:
            return pd.DataFrame({k: pd.Series(dtype="object") for k in ("kode_instansi", "nip", "bulan")}).assign(
                capaian=pd.Series(dtype="float64")
            )
        kol_bulan = "bulan" if "bulan" in bulanan.columns else "periode"
        kol_nilai = "capaian_hasil_kerja" if "capaian_hasil_kerja" in bulanan.columns else "capaian"
        nip = bulanan["nip"].astype(str)
        instansi = bulanan["kode_instansi"] if "kode_instansi" in bulanan.columns else nip.map(self.siapa["kode_instansi"])
        return pd.DataFrame(
            {
                "kode_instansi": instansi.astype(str).to_numpy(),
                "nip": nip.to_numpy(),
                "bulan": bulanan[kol_bulan].astype(str).to_numpy(),
                "capaian": pd.to_numeric(bulanan[kol_nilai], errors="coerce").astype("float64").to_numpy(),
            }
        )

    def _atasan(self, nip_atasan: Any, kode: str) -> tuple[str, Any, Any]:
        """(shown name, NIP, jabatan) of an atasan as this instansi's report may show them."""
        if not isinstance(nip_atasan, str) or not nip_atasan:
            return TANPA_ATASAN, pd.NA, pd.NA
        if nip_atasan in self.siapa.index and self.siapa.at[nip_atasan, "kode_instansi"] == kode:
            return self.siapa.at[nip_atasan, "nama"], nip_atasan, self.siapa.at[nip_atasan, "jabatan"]
        return DI_LUAR_INSTANSI, pd.NA, pd.NA

    def untuk(self, kode: str) -> Bundel:
        """The bundle of instansi `kode` (see `Bundel`)."""
        pegawai = _baris(self.pegawai, self.i_pegawai, kode).drop(columns="kode_instansi").reset_index(drop=True)
        atasan = [self._atasan(a, kode) for a in pegawai["nip_atasan"]]
        pegawai["atasan"] = pd.Series([a[0] for a in atasan], dtype="object")
        pegawai["nip_atasan"] = pd.Series([a[1] for a in atasan], dtype="object")
        pegawai["jabatan_atasan"] = pd.Series([a[2] for a in atasan], dtype="object")
        nilai = _baris(self.nilai_pegawai, self.i_nilai_pegawai, kode).drop(columns="kode_instansi")
        pegawai = pegawai.merge(nilai, on="nip", how="left")
        pegawai["dinilai"] = pegawai["predikat"].map(lambda v: isinstance(v, str) and bool(v)).astype(bool)
        pegawai = pegawai.sort_values(["nama", "nip"], kind="stable").reset_index(drop=True)
        nama = dict(zip(pegawai["nip"], pegawai["nama"]))

        indikator = _baris(self.indikator, self.i_indikator, kode).drop(columns="kode_instansi")
        indikator = indikator.assign(nama=indikator["nip"].map(nama)).sort_values("id_indikator", kind="stable").reset_index(drop=True)
        bulanan = _baris(self.bulanan, self.i_bulanan, kode).drop(columns="kode_instansi")
        bulanan = bulanan.sort_values(["bulan", "nip"], kind="stable").reset_index(drop=True)
        ub = _baris(self.umpan_balik, self.i_umpan_balik, kode).drop(columns="kode_instansi").reset_index(drop=True)
        ub["nama"] = ub["nip"].map(nama)
        ub["penilai"] = ub["nip_penilai"].map(lambda n: nama.get(n, PENILAI_DI_LUAR) if isinstance(n, str) and n else pd.NA)
        ub = ub.drop(columns="nip_penilai").sort_values(["nama", "nip"], kind="stable").reset_index(drop=True)
        dist = _baris(self.distribusi, self.i_distribusi, kode).drop(columns="kode_instansi").reset_index(drop=True)
        return Bundel(
            periode=self.periode,
            kode_instansi=kode,
            nama_instansi=self.nama_instansi[kode],
            predikat_organisasi=self.predikat_org.get(kode),
            pegawai=pegawai,
            indikator=indikator,
            bulanan=bulanan,
            umpan_balik=ub,
            distribusi=dist,
            metodologi=dict(self.metodologi),
            metodologi_berkas=self.metodologi_berkas,
            metodologi_sha256=self.metodologi_sha256,
            sumber=[dict(x) for x in self.sumber],
            paket=versi_paket(),
            dibuat=self.dibuat,
            perhatian=self._perhatian(kode),
            halaman=self.halaman,
            lapor_bulanan=self.lapor.get(kode),
            putusan=self._putusan(kode, nama),
            **self._sebelumnya(kode, pegawai["nip"]),
        )

    def _putusan(self, kode: str, nama: dict) -> pd.DataFrame | None:
        if self.putusan is None:
            return None
        df = self.putusan[self.putusan["kode_instansi"] == kode].drop(columns="kode_instansi")
        return df.assign(nama=df["nip"].map(nama)).reset_index(drop=True)

    def _sebelumnya(self, kode: str, nip: pd.Series) -> dict:
        """The bundle's previous-period fields (see `Bundel`)."""
        s = self.sebelumnya
        if s is None:
            return {}
        if s.hasil is None:
            return {"periode_sebelumnya": s.periode, "alasan_sebelumnya": s.alasan}
        lalu = _baris(self.nilai_lalu, self.i_nilai_lalu, kode).drop(columns="kode_instansi")
        peg = pd.DataFrame({"nip": nip.to_numpy()}).merge(lalu, on="nip", how="left")
        peg["dinilai"] = peg["predikat"].map(lambda v: isinstance(v, str) and bool(v)).astype(bool)
        ind = _baris(self.indikator_lalu, self.i_indikator_lalu, kode).drop(columns="kode_instansi").reset_index(drop=True)
        return {"periode_sebelumnya": s.periode, "sebelumnya": peg, "indikator_sebelumnya": ind}

    def _perhatian(self, kode: str) -> pd.DataFrame | None:
        if self.sumber_halaman is None:
            return None
        s = self.sumber_halaman
        baris = s.daftar_perhatian(s.per_instansi.get(kode, []))
        return pd.DataFrame(
            [{"nip": b["nip"], "nama": b["nama"], "jabatan": b["jabatan"], "skor": b["skor"], "alasan": "; ".join(b["alasan"])} for b in baris],
            columns=["nip", "nama", "jabatan", "skor", "alasan"],
        )


@dataclass(frozen=True)
class Sebelumnya:
    """The previous period of the same kind, scored from the same data and methodology: `hasil`
    (a `capaian.nilai.HasilNilai`) or None with `alasan` where the data has nothing to score."""

    periode: str
    hasil: Any = None
    alasan: str | None = None


def score_sebelumnya(dataset, p, metodologi) -> Sebelumnya:
    """Score the period before `p` (same kind: docs/metodologi.md, "Dibanding periode sebelumnya")."""
    from capaian.galat import PeriodeTanpaIndikator
    from capaian.kode import periode_sebelumnya
    from capaian.nilai import score_period

    q = periode_sebelumnya(p)
    try:
        return Sebelumnya(q.kode, score_period(dataset, q, metodologi))
    except PeriodeTanpaIndikator:
        return Sebelumnya(q.kode, None, f"data tidak memuat IKI tahun {q.tahun}, jadi periode {q.kode} tidak dapat dinilai")


def build_bundel(
    dataset, hasil_nilai, bulanan, periode: str, kode: str, metodologi, metodologi_path: str | Path | None = None, dibuat: str | None = None
) -> Bundel:
    """One instansi's bundle (see `Bundel`, `PembuatBundel`). `metodologi_path`: the file the
    methodology was read from (None: the packaged default)."""
    return PembuatBundel(dataset, hasil_nilai, bulanan, periode, metodologi, metodologi_path, dibuat).untuk(kode)


def prepare_bundel(data: str | None, periode: str, kode_instansi: str, metodologi: str | None = None, bundel: str | None = None) -> Bundel:
    """The report's data: the batch's bundle where one is given, else (a notebook opened by hand)
    validate and score `data` here and take the instansi's slice."""
    if bundel:
        return Bundel.load_untuk(bundel, periode, kode_instansi)
    from capaian.kode import parse_periode
    from capaian.pengaturan import load_metodologi
    from capaian.nilai import capaian_bulanan, score_period
    from capaian.validasi import load_dataset

    p = parse_periode(periode)
    m = load_metodologi(metodologi)
    ds = load_dataset(data)
    if kode_instansi not in set(ds.instansi["kode_instansi"]):
        raise InstansiTidakDikenal([kode_instansi], sorted(ds.instansi["kode_instansi"]))
    from capaian.rapor import SumberHalaman

    hasil = score_period(ds, p, m)
    bulanan = capaian_bulanan(ds, p, m)
    return PembuatBundel(ds, hasil, bulanan, p.kode, m, metodologi, sumber_halaman=SumberHalaman(ds, hasil),
                         sebelumnya=score_sebelumnya(ds, p, m)).untuk(kode_instansi)


# =============================================================================================
# Notebook side: what each section of the report shows


_RATING_SINGKAT = {"di_atas": "Di Atas", "sesuai": "Sesuai", "di_bawah": "Di Bawah"}


def _label_singkat(kode: Any) -> str:
    """A rating in a narrow table column: `Di Atas` for Di Atas Ekspektasi."""
    if not isinstance(kode, str) or not kode:
        return KOSONG
    return _RATING_SINGKAT.get(kode, label_kode(kode))


def judul(b: Bundel) -> Tampilan:
    """The report's heading: instansi, period, and when the scores were made."""
    org = (
        f" · Predikat kinerja organisasi: <strong>{teks(label_kode(b.predikat_organisasi))}</strong>"
        if b.predikat_organisasi
        else ""
    )
    dibuat = tanggal(dt.datetime.fromisoformat(b.dibuat), jam=True) if b.dibuat else KOSONG
    return Tampilan(
        f"<h1>Laporan Kinerja Pegawai: {teks(b.nama_instansi)}</h1>\n"
        f'<p class="subjudul">Periode {teks(nama_periode(b.periode))} ({teks(b.periode)}) · '
        f"Kode instansi {teks(b.kode_instansi)}{org}<br>Dibuat {teks(dibuat)}</p>",
        "judul",
    )


def angka_ringkas(b: Bundel) -> dict:
    """The headline numbers: pegawai dinilai / belum dinilai (counts), average capaian hasil kerja
    of the scored pegawai (percent, NaN where none), reporting compliance (fraction of IKI with a
    realisasi in every month of the period, NaN where there is no IKI)."""
    return _angka(b.pegawai, b.indikator, b.jumlah_bulan)


def _angka(peg: pd.DataFrame, ind: pd.DataFrame, jumlah_bulan: int) -> dict:
    capaian = pd.to_numeric(peg["capaian_hasil_kerja"], errors="coerce")
    lapor = pd.to_numeric(ind["bulan_lapor"], errors="coerce").fillna(0)
    return {
        "pegawai": len(peg),
        "dinilai": int(peg["dinilai"].sum()),
        "belum_dinilai": int((~peg["dinilai"]).sum()),
        "rata_rata_capaian": float(capaian.mean()) if capaian.notna().any() else float("nan"),
        "indikator": len(ind),
        "indikator_lengkap": int((lapor >= jumlah_bulan).sum()),
        "kepatuhan": float((lapor >= jumlah_bulan).mean()) if len(ind) else float("nan"),
        **{f"predikat_{k}": int((peg["predikat"] == k).sum()) for k in PREDIKAT},
    }


def angka_sebelumnya(b: Bundel) -> dict | None:
    """`angka_ringkas` of the previous period (same pegawai table), None where it was not scored."""
    if b.sebelumnya is None or b.periode_sebelumnya is None:
        return None
    from capaian.kode import parse_periode

    return _angka(b.sebelumnya, b.indikator_sebelumnya, parse_periode(b.periode_sebelumnya).jumlah_bulan)


BELUM_DINILAI = "Belum dinilai"


def perpindahan_predikat(b: Bundel) -> pd.DataFrame | None:
    """How many pegawai moved from each predikat of the previous period (rows) to each predikat of
    this period (columns), "Belum dinilai" included; None where the previous period was not scored."""
    if b.sebelumnya is None:
        return None
    label = [LABEL[k] for k in PREDIKAT] + [BELUM_DINILAI]
    lalu = b.sebelumnya.set_index("nip")["predikat"]
    dari = b.pegawai["nip"].map(lalu).map(lambda v: LABEL.get(v, BELUM_DINILAI) if isinstance(v, str) else BELUM_DINILAI)
    ke = b.pegawai["predikat"].map(lambda v: LABEL.get(v, BELUM_DINILAI) if isinstance(v, str) else BELUM_DINILAI)
    tabel = pd.crosstab(pd.Categorical(dari, label), pd.Categorical(ke, label), dropna=False)
    tabel = tabel.reindex(index=label, columns=label, fill_value=0)
    tabel.index.name = None
    tabel.columns.name = None
    return tabel


def _selisih(kini: float, lalu: float, desimal: int = 1, satuan: str = "") -> str:
    if pd.isna(kini) or pd.isna(lalu):
        return KOSONG
    d = kini - lalu
    tampak = angka(abs(d), desimal)
    if tampak.strip("0,.") == "":
        return "tetap"
    return f"{'+' if d > 0 else '−'}{tampak}{satuan}"


def banding_sebelumnya(b: Bundel) -> Tampilan:
    """The headline figures beside those of the previous period of the same kind, and the movement
    of pegawai between predikat; where the previous period could not be scored, says why."""
    if b.periode_sebelumnya is None:
        return Tampilan('<p class="catatan">Perbandingan dengan periode sebelumnya tidak dihitung untuk laporan ini.</p>', "periode sebelumnya")
    lalu = angka_sebelumnya(b)
    if lalu is None:
        return Tampilan(
            tidak_ada_data(f"Tidak ada pembanding: {b.alasan_sebelumnya or 'periode sebelumnya tidak dapat dinilai'}.",
                           f"Periode sebelumnya ({b.periode_sebelumnya})"),
            "periode sebelumnya",
        )
    kini = angka_ringkas(b)
    baris = [
        ("Pegawai dinilai", lalu["dinilai"], kini["dinilai"], bulat, _selisih(kini["dinilai"], lalu["dinilai"], 0)),
        ("Rata-rata capaian hasil kerja", lalu["rata_rata_capaian"], kini["rata_rata_capaian"], persen,
         _selisih(kini["rata_rata_capaian"], lalu["rata_rata_capaian"], 1, " poin")),
        ("Kepatuhan pelaporan", lalu["kepatuhan"], kini["kepatuhan"], porsi,
         _selisih(kini["kepatuhan"] * 100, lalu["kepatuhan"] * 100, 1, " poin")),
    ] + [
        (f"Predikat {LABEL[k]}", lalu[f"predikat_{k}"], kini[f"predikat_{k}"], bulat, _selisih(kini[f"predikat_{k}"], lalu[f"predikat_{k}"], 0))
        for k in PREDIKAT
    ]
    data = pd.DataFrame(
        [{"ukuran": u, "lalu": f(a), "kini": f(c), "perubahan": d} for u, a, c, f, d in baris]
    )
    tabel = tabel_html(
        data,
        {"ukuran": "Ukuran", "lalu": nama_periode(b.periode_sebelumnya), "kini": nama_periode(b.periode), "perubahan": "Perubahan"},
        kanan=("lalu", "kini", "perubahan"),
        keterangan=f"Angka utama {b.periode} dibanding {b.periode_sebelumnya}",
        kelas="tabel sempit",
        unduh="banding_sebelumnya",
    )
    pindah = perpindahan_predikat(b)
    data_pindah = pindah.reset_index().rename(columns={"index": "dari"})
    tabel_pindah = tabel_html(
        data_pindah,
        {"dari": f"{b.periode_sebelumnya} ↓ / {b.periode} →", **{c: c for c in pindah.columns}},
        format={c: bulat for c in pindah.columns},
        kanan=tuple(pindah.columns),
        keterangan="Perpindahan pegawai antarpredikat (jumlah pegawai)",
        unduh="perpindahan_predikat",
    )
    tetap = sum(int(pindah.at[k, k]) for k in pindah.index if k != BELUM_DINILAI)
    ket = (
        f'<p class="catatan">Kedua periode dinilai dari data dan metodologi yang sama dalam satu kali jalan; '
        f"periode sebelumnya adalah periode sejenis yang tepat mendahului ({teks(b.periode_sebelumnya)}). Perubahan "
        f"persen ditulis dalam poin persentase. Baris tabel perpindahan: predikat {teks(b.periode_sebelumnya)}; "
        f"kolom: predikat {teks(b.periode)}; diagonal ({teks(bulat(tetap))} pegawai) adalah yang predikatnya tetap.</p>"
    )
    return Tampilan(ket + tabel + tabel_pindah, "periode sebelumnya")


def dibanding_putusan(b: Bundel) -> Tampilan:
    """Section "Dibanding putusan", only where the data also holds decided ratings: how many
    pegawai's computed predikat equals the decided one, and the list of differences
    (docs/metodologi.md, "Pemantauan rating putusan"). Empty where there are none."""
    if b.putusan is None:
        return Tampilan("", "dibanding putusan")
    from capaian.laporan_pantau import tabel_banding

    judul = ("<h2>Dibanding putusan</h2><p>Predikat hasil hitungan periode ini dibandingkan dengan predikat yang sudah "
             "diputuskan di luar capaian (tabel rating_putusan, mis. e-Kinerja).</p>")
    return Tampilan(judul + tabel_banding(b.putusan), "dibanding putusan")


def tanpa_realisasi(b: Bundel) -> pd.Series:
    """Which pegawai have IKI but no realisasi for any of them in the period (a flag per row)."""
    j = pd.to_numeric(b.pegawai["jumlah_indikator"], errors="coerce").fillna(0)
    t = pd.to_numeric(b.pegawai["indikator_tanpa_realisasi"], errors="coerce").fillna(0)
    return (j > 0) & (t >= j)


def kalimat_tanpa_realisasi(b: Bundel) -> str:
    """How pegawai without any realisasi are shown and how they enter the instansi average (text)."""
    n = int(tanpa_realisasi(b).sum())
    if not n:
        return "Tidak ada pegawai yang seluruh IKI-nya tanpa realisasi pada periode ini."
    nol = b.metodologi.get("capaian", {}).get("tanpa_realisasi", "nol") == "nol"
    return (
        f"{bulat(n)} pegawai tidak memiliki realisasi untuk IKI mana pun pada periode ini; capaiannya ditulis "
        f"\"{TANPA_REALISASI}\" di setiap tabel. "
        + ("Menurut metodologi (IKI tanpa realisasi dihitung 0%), mereka masuk rata-rata instansi dan rata-rata unit dengan capaian 0%."
           if nol else "Menurut metodologi (IKI tanpa realisasi tidak diikutkan), mereka tidak masuk rata-rata instansi dan rata-rata unit.")
    )


def angka_indeks(b: Bundel) -> dict:
    """What the period's index.html (the kabupaten overview) shows of this instansi, as its
    manifest entry records it under `angka` (docs/kontrak-data.md bagian 5): the headline numbers
    of `angka_ringkas` (a number that cannot be computed is None), the count per predikat of the
    scored pegawai, the organisation's predikat and how many of its distribution rules are met.
    Computed from the same bundle as the report, so the index and the report agree."""
    import math

    a = angka_ringkas(b)
    sebaran = sebaran_predikat(b)
    dist = b.distribusi
    kurva = None
    if b.predikat_organisasi and len(dist):
        kurva = {"terpenuhi": int((dist["status"] == "terpenuhi").sum()), "aturan": int(len(dist))}
    return {
        **{k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in a.items()},
        "pegawai_bercapaian": int(pd.to_numeric(b.pegawai["capaian_hasil_kerja"], errors="coerce").notna().sum()),
        "predikat": dict(zip(sebaran["predikat"], (int(j) for j in sebaran["jumlah"]))),
        "predikat_organisasi": b.predikat_organisasi or None,
        "kurva": kurva,
    }


def alasan_belum_dinilai(baris: pd.Series) -> str:
    """Why a pegawai (a row of the bundle's pegawai table) has no predikat yet, in words."""
    from capaian.nilai import alasan_tanpa_predikat

    return alasan_tanpa_predikat(baris.get("jumlah_indikator"), baris.get("rating_hasil_kerja"), baris.get("rating_perilaku"))


def alasan_tanpa_data(b: Bundel) -> str | None:
    """Why the instansi has nothing to score in the period (no pegawai, or no IKI for its year);
    None when it has IKI."""
    if b.pegawai.empty:
        return "Instansi ini tidak memiliki pegawai di tabel pegawai, jadi tidak ada yang dinilai pada periode ini."
    if b.indikator.empty:
        tahun = b.periode[:4]
        return (f"Tidak ada pegawai instansi ini yang memiliki IKI untuk tahun {tahun}, jadi tidak ada capaian, rating atau "
                "predikat pada periode ini.")
    return None


def ringkasan(b: Bundel) -> Tampilan:
    """An explicit "Tidak ada data" section where the instansi has nothing to score, then the
    headline cards, then the pegawai not yet assessed and why."""
    r = angka_ringkas(b)
    kartu = [
        (bulat(r["dinilai"]), "pegawai dinilai", f"dari {bulat(r['pegawai'])} pegawai instansi"),
        (bulat(r["belum_dinilai"]), "pegawai belum dinilai", "predikat belum dapat ditentukan"),
        (persen(r["rata_rata_capaian"]), "rata-rata capaian hasil kerja", _ket_rata_rata(b)),
        (
            porsi(r["kepatuhan"]),
            "kepatuhan pelaporan",
            f"{bulat(r['indikator_lengkap'])} dari {bulat(r['indikator'])} IKI berealisasi setiap bulan",
        ),
    ]
    alasan = alasan_tanpa_data(b)
    isi = ([tidak_ada_data(alasan)] if alasan else []) + [kartu_html(kartu)]
    belum = b.pegawai[~b.pegawai["dinilai"]].copy()
    if len(belum):
        belum["alasan"] = belum.apply(alasan_belum_dinilai, axis=1)
        isi.append(
            tabel_html(
                belum,
                {"nama": "Nama", "jabatan": "Jabatan", "unit_kerja": "Unit kerja", "alasan": "Mengapa belum dinilai"},
                keterangan="Pegawai yang belum dinilai",
                unduh="belum_dinilai",
            )
        )
    return Tampilan("\n".join(isi), "ringkasan")


def _ket_rata_rata(b: Bundel) -> str:
    n = int(tanpa_realisasi(b).sum())
    if not n:
        return "pegawai yang memiliki IKI"
    nol = b.metodologi.get("capaian", {}).get("tanpa_realisasi", "nol") == "nol"
    return (f"pegawai yang memiliki IKI, termasuk {bulat(n)} tanpa realisasi yang dihitung 0%" if nol
            else f"pegawai yang memiliki IKI; {bulat(n)} tanpa realisasi tidak dihitung")


def sebaran_predikat(b: Bundel) -> pd.DataFrame:
    """Count and share (fraction) of each predikat among the scored pegawai, in matrix order."""
    dinilai = b.pegawai[b.pegawai["dinilai"]]
    hitung = dinilai["predikat"].value_counts()
    jumlah = [int(hitung.get(k, 0)) for k in PREDIKAT]
    total = sum(jumlah)
    return pd.DataFrame(
        {
            "predikat": list(PREDIKAT),
            "label": [LABEL[k] for k in PREDIKAT],
            "jumlah": jumlah,
            "porsi": [j / total if total else float("nan") for j in jumlah],
        }
    )


def distribusi(b: Bundel) -> Tampilan:
    """The predikat distribution as a chart, beside the organisation's distribution rules."""
    sns = gaya_grafik()
    data = sebaran_predikat(b)
    fig = figur(5.6, 3.2)
    ax = fig.subplots()
    sns.barplot(
        data=data, y="label", x="jumlah", hue="predikat", palette=WARNA_PREDIKAT, legend=False, ax=ax, orient="h"
    )
    ax.set_xlabel("Jumlah pegawai")
    ax.set_ylabel("")
    ax.set_title("Sebaran predikat pegawai")
    batas = max(data["jumlah"].max(), 1)
    ax.set_xlim(*batas_sumbu(data["jumlah"], minimum=1, ruang=1.3))
    for i, (j, p) in enumerate(zip(data["jumlah"], data["porsi"])):
        ax.text(j + batas * 0.02, i, f"{bulat(j)} ({porsi(p, 0)})" if j else "0", va="center", fontsize=10)
    ax.xaxis.get_major_locator().set_params(integer=True)
    gambar = gambar_html(fig, "Grafik batang sebaran predikat pegawai")

    tabel_sebaran = tabel_html(
        data,
        {"label": "Predikat", "jumlah": "Pegawai", "porsi": "Porsi"},
        format={"jumlah": bulat, "porsi": porsi},
        kanan=("jumlah", "porsi"),
        kelas="tabel sempit",
        unduh="sebaran_predikat",
    )
    if b.predikat_organisasi:
        aturan = b.distribusi
        kanan_isi = (
            f"<h3>Aturan kurva distribusi untuk predikat organisasi {teks(label_kode(b.predikat_organisasi))}</h3>"
            + tabel_html(
                aturan,
                {"aturan": "Aturan", "porsi": "Porsi saat ini", "status": "Status"},
                format={"porsi": porsi},
                kelas_sel={"status": [kelas_status(s) for s in aturan["status"]]},
                kanan=("porsi",),
                kosong_teks="Metodologi tidak memuat aturan untuk predikat organisasi ini.",
                unduh="aturan_distribusi",
            )
            + '<p class="catatan">Porsi dihitung atas pegawai yang sudah memiliki predikat. Aturan ini berasal '
            "dari salinan sekunder SE MenPANRB 3/2023 dan dapat diubah di berkas metodologi; pemeriksaan ini "
            "hanya sebagai informasi dan tidak mengubah predikat siapa pun.</p>"
        )
    else:
        kanan_isi = (
            '<h3>Aturan kurva distribusi</h3><p class="catatan">Predikat kinerja organisasi untuk periode ini '
            "belum tercatat (tabel kinerja_organisasi), sehingga aturan distribusi tidak diperiksa.</p>"
        )
    return Tampilan(
        f'<div class="berdampingan"><div>{gambar}{tabel_sebaran}</div><div>{kanan_isi}</div></div>', "sebaran predikat"
    )


def _ringkas_predikat(predikat: pd.Series) -> str:
    hitung = predikat.dropna().value_counts()
    bagian = [f"{bulat(hitung[k])} {LABEL[k]}" for k in PREDIKAT if hitung.get(k, 0)]
    return ", ".join(bagian) or KOSONG


def _per_kelompok(peg: pd.DataFrame, ind: pd.DataFrame, kunci: str, jumlah_bulan: int) -> pd.DataFrame:
    baris = []
    lapor = ind.assign(lengkap=pd.to_numeric(ind["bulan_lapor"], errors="coerce").fillna(0) >= jumlah_bulan)
    lapor = lapor.merge(peg[["nip", kunci]], on="nip", how="left")
    for nilai, g in peg.groupby(kunci, dropna=False, sort=True):
        capaian = pd.to_numeric(g["capaian_hasil_kerja"], errors="coerce")
        li = lapor[lapor[kunci].isna()] if pd.isna(nilai) else lapor[lapor[kunci] == nilai]
        baris.append(
            {
                kunci: nilai,
                "pegawai": len(g),
                "dinilai": int(g["dinilai"].sum()),
                "rata_rata": capaian.mean() if capaian.notna().any() else float("nan"),
                "terendah": capaian.min() if capaian.notna().any() else float("nan"),
                "tertinggi": capaian.max() if capaian.notna().any() else float("nan"),
                "kepatuhan": li["lengkap"].mean() if len(li) else float("nan"),
                "sebaran": _ringkas_predikat(g["predikat"]),
            }
        )
    kolom = [kunci, "pegawai", "dinilai", "rata_rata", "terendah", "tertinggi", "kepatuhan", "sebaran"]
    return pd.DataFrame(baris, columns=kolom)


def capaian_per_unit(b: Bundel) -> pd.DataFrame:
    """Per unit kerja: pegawai, dinilai, mean/min/max capaian hasil kerja (percent), reporting
    compliance (fraction) and the predikat counts in words. Pegawai without a unit are grouped
    under "(tanpa unit kerja)"."""
    peg = b.pegawai.assign(unit_kerja=b.pegawai["unit_kerja"].fillna("(tanpa unit kerja)"))
    return _per_kelompok(peg, b.indikator, "unit_kerja", b.jumlah_bulan)


def _garis_ambang(ax, b: Bundel, sumbu: str = "x") -> None:
    ambang = b.metodologi.get("ambang", {})
    garis = ax.axvline if sumbu == "x" else ax.axhline
    for kunci, gaya in (("sesuai", "--"), ("di_atas", ":")):
        if kunci in ambang:
            garis(ambang[kunci], color="#444444", linestyle=gaya, linewidth=1)


def per_unit(b: Bundel) -> Tampilan:
    """Capaian per unit kerja: a bar chart of the average and a table."""
    sns = gaya_grafik()
    data = capaian_per_unit(b)
    isi = []
    plot = data.dropna(subset=["rata_rata"])
    if len(plot):
        fig = figur(7.0, 0.8 + 0.38 * len(plot))
        ax = fig.subplots()
        sns.barplot(data=plot, y="unit_kerja", x="rata_rata", color="#1f5f8b", ax=ax, orient="h")
        _garis_ambang(ax, b)
        ax.set_xlabel("Rata-rata capaian hasil kerja")
        ax.set_ylabel("")
        format_sumbu_persen(ax, "x")
        for i, v in enumerate(plot["rata_rata"]):
            if v >= 25:  # inside the bar's end, clear of the threshold lines
                ax.text(v - 1.5, i, persen(v), va="center", ha="right", fontsize=9, color="white", fontweight="bold")
            else:
                ax.text(v + 1.5, i, persen(v), va="center", fontsize=9)
        ax.set_xlim(*batas_sumbu(plot["rata_rata"], minimum=100))
        isi.append(gambar_html(fig, "Grafik rata-rata capaian hasil kerja per unit kerja"))
        isi.append(_keterangan_ambang(b))
    else:
        isi.append(tidak_ada_data("Belum ada unit kerja dengan capaian hasil kerja pada periode ini; grafiknya tidak dibuat."))
    isi.append(
        tabel_html(
            data,
            {
                "unit_kerja": "Unit kerja",
                "pegawai": "Pegawai",
                "dinilai": "Dinilai",
                "rata_rata": "Rata-rata capaian",
                "terendah": "Terendah",
                "tertinggi": "Tertinggi",
                "kepatuhan": "Kepatuhan pelaporan",
                "sebaran": "Sebaran predikat",
            },
            format={"pegawai": bulat, "dinilai": bulat, "rata_rata": persen, "terendah": persen, "tertinggi": persen, "kepatuhan": porsi},
            kanan=("pegawai", "dinilai", "rata_rata", "terendah", "tertinggi", "kepatuhan"),
            unduh="capaian_per_unit",
        )
    )
    return Tampilan("\n".join(isi), "capaian per unit kerja")


def _keterangan_ambang(b: Bundel) -> str:
    ambang = b.metodologi.get("ambang", {})
    if not ambang:
        return ""
    return (
        f'<p class="catatan">Garis putus-putus: ambang Sesuai Ekspektasi ({teks(persen(ambang.get("sesuai"), 0))}); '
        f'garis titik-titik: ambang Di Atas Ekspektasi ({teks(persen(ambang.get("di_atas"), 0))}).</p>'
    )


def capaian_per_atasan(b: Bundel) -> pd.DataFrame:
    """Per atasan (each leader's team): team size, scored, mean/min/max capaian (percent),
    compliance (fraction), predikat counts. An atasan from another instansi is one group,
    "atasan di luar instansi"; pegawai without atasan are "tanpa atasan"."""
    peg = b.pegawai.assign(kunci_atasan=b.pegawai["nip_atasan"].fillna(b.pegawai["atasan"]))
    data = _per_kelompok(peg, b.indikator, "kunci_atasan", b.jumlah_bulan)
    info = peg.drop_duplicates("kunci_atasan").set_index("kunci_atasan")
    data["atasan"] = data["kunci_atasan"].map(info["atasan"])
    data["jabatan_atasan"] = data["kunci_atasan"].map(info["jabatan_atasan"])
    urut = data["atasan"].isin([DI_LUAR_INSTANSI, TANPA_ATASAN])
    return data.assign(_akhir=urut).sort_values(["_akhir", "atasan"], kind="stable").drop(columns="_akhir").reset_index(drop=True)


def per_atasan(b: Bundel) -> Tampilan:
    data = capaian_per_atasan(b)
    return Tampilan(
        tabel_html(
            data,
            {
                "atasan": "Atasan",
                "jabatan_atasan": "Jabatan atasan",
                "pegawai": "Anggota tim",
                "dinilai": "Dinilai",
                "rata_rata": "Rata-rata capaian",
                "kepatuhan": "Kepatuhan pelaporan",
                "sebaran": "Sebaran predikat",
            },
            format={"pegawai": bulat, "dinilai": bulat, "rata_rata": persen, "kepatuhan": porsi},
            kanan=("pegawai", "dinilai", "rata_rata", "kepatuhan"),
            tautan={"atasan": [f"tim/{k}.html" if isinstance(k, str) and k.isdigit() else None for k in data["kunci_atasan"]]} if b.halaman else None,
            unduh="capaian_per_atasan",
        )
        + '<p class="catatan">Anggota tim setiap atasan tercantum pada tabel nilai per pegawai di bawah, '
        "dikelompokkan per atasan."
        + (" Nama atasan menautkan ke halaman timnya." if b.halaman else "")
        + "</p>",
        "capaian per atasan",
    )


def tren_instansi(b: Bundel) -> pd.DataFrame:
    """Mean monthly capaian (percent) of the instansi and of each unit kerja, January to the end
    of the period; a month where no pegawai has a value is NaN."""
    bul = b.bulanan.merge(b.pegawai[["nip", "unit_kerja"]], on="nip", how="left")
    bul["unit_kerja"] = bul["unit_kerja"].fillna("(tanpa unit kerja)")
    total = bul.groupby("bulan", sort=True)["capaian"].mean().rename("capaian").reset_index()
    total["kelompok"] = "Seluruh instansi"
    unit = bul.groupby(["unit_kerja", "bulan"], sort=True)["capaian"].mean().rename("capaian").reset_index()
    unit = unit.rename(columns={"unit_kerja": "kelompok"})
    return pd.concat([total, unit], ignore_index=True)


def tren_bulanan(b: Bundel) -> Tampilan:
    sns = gaya_grafik()
    data = tren_instansi(b)
    if data.empty or data["capaian"].isna().all():
        return Tampilan(tidak_ada_data("Belum ada capaian bulanan untuk ditampilkan."), "tren bulanan")
    bulan = sorted(data["bulan"].unique())
    label_bulan = {k: nama_bulan(k, singkat=True) for k in bulan}
    data = data.assign(urutan=data["bulan"].map({k: i for i, k in enumerate(bulan)}))
    unit = data[data["kelompok"] != "Seluruh instansi"]
    total = data[data["kelompok"] == "Seluruh instansi"]
    fig = figur(7.0, 3.4)
    ax = fig.subplots()
    ada_unit = 1 < unit["kelompok"].nunique() <= 8
    if ada_unit:
        # Each unit its own dash pattern as well as colour: readable printed in greyscale.
        sns.lineplot(data=unit, x="urutan", y="capaian", hue="kelompok", style="kelompok", errorbar=None, ax=ax, linewidth=1, alpha=0.7,
                     palette="colorblind")
    sns.lineplot(data=total, x="urutan", y="capaian", color="black", linewidth=2.6, marker="o", errorbar=None, ax=ax, label="Seluruh instansi")
    _garis_ambang(ax, b, "y")
    ax.set_ylim(*batas_sumbu(data["capaian"], minimum=max(b.metodologi.get("ambang", {}).values(), default=100)))
    ax.set_xticks(range(len(bulan)), [label_bulan[k] for k in bulan])
    ax.set_xlabel("")
    ax.set_ylabel("Rata-rata capaian hasil kerja")
    format_sumbu_persen(ax, "y")
    if ada_unit:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    else:
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.set_title("Seluruh instansi", loc="left", fontsize=10)
    gambar = gambar_html(fig, "Grafik tren capaian hasil kerja bulanan")
    # A row per measure, a column per month: compact on screen and on paper.
    rata = {k: persen(v) for k, v in zip(total["bulan"], total["capaian"])}
    baris = [{"label": "Rata-rata capaian", **rata}]
    lapor = b.lapor_bulanan
    if lapor is not None and len(lapor):
        kepatuhan = dict(zip(lapor["bulan"], [porsi(l / i) if i else KOSONG for l, i in zip(lapor["lapor"], lapor["iki"])]))
        baris.append({"label": "Kepatuhan pelaporan", **{k: kepatuhan.get(k, KOSONG) for k in total["bulan"]}})
    tabel = tabel_html(
        pd.DataFrame(baris),
        {"label": "", **{k: label_bulan[k] for k in total["bulan"]}},
        kanan=tuple(total["bulan"]),
        unduh="tren_bulanan",
    )
    return Tampilan(gambar + _keterangan_ambang(b) + tabel + f'<p class="catatan">{teks(penjelasan_tren(b))}</p>', "tren bulanan")


def penjelasan_tren(b: Bundel) -> str:
    """Why the monthly averages may sit below the period's capaian (text, not yet escaped)."""
    nol = b.metodologi.get("capaian", {}).get("tanpa_realisasi", "nol") == "nol"
    if nol:
        return (
            "Setiap bulan dinilai sebagai periode satu bulan: menurut metodologi saat ini, IKI yang tidak dilaporkan pada "
            "bulan itu dihitung dengan capaian 0%, jadi rata-rata sebulan turun mengikuti kepatuhan pelaporannya (baris "
            "kedua: porsi IKI instansi yang berealisasi pada bulan itu). Capaian periode memakai realisasi seluruh bulan "
            "periode (dijumlahkan, dirata-rata, atau bulan terakhir yang dilaporkan, menurut agregasi IKI), sehingga "
            "bulan yang kosong tidak menurunkannya sebanyak itu: capaian periode dapat lebih tinggi daripada "
            "rata-rata bulanannya."
        )
    return (
        "Setiap bulan dinilai sebagai periode satu bulan; IKI yang tidak dilaporkan pada bulan itu tidak diikutkan "
        "(metodologi: tanpa realisasi diabaikan). Baris kedua: porsi IKI instansi yang berealisasi pada bulan itu."
    )


def tabel_pegawai(b: Bundel) -> Tampilan:
    """Every pegawai grouped by atasan: capaian, ratings usulan and final, predikat. A final rating
    that differs from the computed one (the atasan's decision) is highlighted."""
    peg = b.pegawai.copy()
    peg["_akhir"] = peg["atasan"].isin([DI_LUAR_INSTANSI, TANPA_ATASAN])
    peg["_kunci"] = peg["nip_atasan"].fillna(peg["atasan"])
    peg = peg.sort_values(["_akhir", "atasan", "_kunci", "nama"], kind="stable").reset_index(drop=True)
    kelompok = [
        f"Tim {a}" + (f" ({j})" if isinstance(j, str) and j else "") if a not in (DI_LUAR_INSTANSI, TANPA_ATASAN) else f"Pegawai dengan {a}"
        for a, j in zip(peg["atasan"], peg["jabatan_atasan"])
    ]

    def beda(usulan: str, akhir: str) -> list[str | None]:
        return [
            "sorot" if isinstance(u, str) and isinstance(a, str) and u != a else None
            for u, a in zip(peg[usulan], peg[akhir])
        ]

    peg["capaian_tampak"] = [
        capaian_pegawai(c, j, t) for c, j, t in zip(peg["capaian_hasil_kerja"], peg["jumlah_indikator"], peg["indikator_tanpa_realisasi"])
    ]
    kolom = {
        "nama": "Nama",
        "nip": "NIP",
        "jabatan": "Jabatan",
        "capaian_tampak": "Capaian hasil kerja",
        "rating_hasil_kerja_usulan": "Hasil kerja: usulan",
        "rating_hasil_kerja": "Hasil kerja: akhir",
        "nilai_perilaku": "Nilai perilaku",
        "rating_perilaku_usulan": "Perilaku: usulan",
        "rating_perilaku": "Perilaku: akhir",
        "predikat": "Predikat",
    }
    singkat = {k: _label_singkat for k in ("rating_hasil_kerja_usulan", "rating_hasil_kerja", "rating_perilaku_usulan", "rating_perilaku")}
    tabel = tabel_html(
        peg,
        kolom,
        format={"nilai_perilaku": lambda v: angka(v, 2), "predikat": label_kode, "nip": nip_tertulis, **singkat},
        kelas_sel={"rating_hasil_kerja": beda("rating_hasil_kerja_usulan", "rating_hasil_kerja"), "rating_perilaku": beda("rating_perilaku_usulan", "rating_perilaku")},
        kanan=("capaian_tampak", "nilai_perilaku"),
        kelompok=kelompok,
        tautan={"nama": [tautan_rapor(b, n) for n in peg["nip"]]} if b.halaman else None,
        unduh="nilai_pegawai",
    )
    n_beda = sum(x is not None for x in beda("rating_hasil_kerja_usulan", "rating_hasil_kerja")) + sum(
        x is not None for x in beda("rating_perilaku_usulan", "rating_perilaku")
    )
    ket = (
        '<p class="catatan">Rating ditulis singkat: Di Atas, Sesuai, Di Bawah (Ekspektasi). Rating <em>usulan</em> '
        "dihitung menurut metodologi; rating <em>akhir</em> adalah keputusan atasan (umpan balik) bila ada, selain itu "
        'sama dengan usulan. Sel yang <span class="sorot-contoh">disorot</span> menandai rating akhir yang berbeda dari '
        f"usulan ({teks(bulat(n_beda))} rating pada periode ini). Nilai perilaku pada skala 1–5. "
        + teks(kalimat_tanpa_realisasi(b))
        + (" Nama menautkan ke rapor kinerja pegawai itu." if b.halaman else "")
        + "</p>"
    )
    return Tampilan(ket + tabel, "nilai per pegawai")


def tautan_rapor(b: Bundel, nip: Any) -> str | None:
    """The relative link from the instansi report to a pegawai's rapor (`pegawai/NIP.html`)."""
    return f"pegawai/{nip}.html" if b.halaman and isinstance(nip, str) and nip.isdigit() else None


def daftar_perhatian(b: Bundel) -> Tampilan:
    """The "perlu perhatian" list at the top of the report: pegawai ordered by their attention
    score (docs/metodologi.md bagian 11), each with its reasons and a link to their rapor."""
    data = b.perhatian
    if data is None:
        return Tampilan('<p class="catatan">Daftar perlu perhatian tidak dihitung untuk laporan ini.</p>', "perlu perhatian")
    ket = (
        '<p class="catatan">Pegawai diurutkan menurut skor perhatian: jumlah bobot setiap alasan yang berlaku '
        "(predikat, IKI di bawah ekspektasi atau berisiko tidak mencapai target tahunan, bulan tanpa laporan, aspek "
        "perilaku di bawah 3, rating akhir yang berbeda dari usulan). Aturan dan bobotnya tersimpan di "
        "params/perhatian.yaml; skor hanya mengurutkan dan tidak mengubah nilai siapa pun."
        + (" Nama menautkan ke rapor pegawai; setiap atasan juga memiliki halaman tim di folder tim/." if b.halaman else "")
        + "</p>"
    )
    tabel = tabel_html(
        data,
        {"nama": "Nama", "nip": "NIP", "jabatan": "Jabatan", "skor": "Skor", "alasan": "Alasan"},
        format={"skor": lambda v: angka(v, 0) if float(v).is_integer() else angka(v, 1), "nip": nip_tertulis},
        kanan=("skor",),
        tautan={"nama": [tautan_rapor(b, n) for n in data["nip"]]} if b.halaman else None,
        kosong_teks="Tidak ada pegawai yang perlu perhatian khusus pada periode ini.",
        unduh="perlu_perhatian",
    )
    return Tampilan(ket + tabel, "perlu perhatian")


def iki_perhatian_data(b: Bundel) -> pd.DataFrame:
    """IKI that need attention, with every reason that applies (`alasan`, the first one being the
    most pressing; `alasan_lain` the rest): no realisasi in the period, realisasi missing for some
    months, capaian below `JAUH_DI_BAWAH` percent, or at/above the cap (`capaian.batas_atas`;
    `JAUH_DI_ATAS_TANPA_BATAS` where the methodology has no cap). Sorted by reason, then pegawai."""
    ind = b.indikator.copy()
    lapor = pd.to_numeric(ind["bulan_lapor"], errors="coerce").fillna(0)
    capaian = pd.to_numeric(ind["capaian"], errors="coerce")
    batas = b.metodologi.get("capaian", {}).get("batas_atas")
    atas = float(batas) if batas is not None else JAUH_DI_ATAS_TANPA_BATAS
    m = b.jumlah_bulan
    syarat = [
        (lapor == 0, ALASAN_PERHATIAN[0]),
        ((lapor > 0) & (lapor < m), ALASAN_PERHATIAN[1]),
        (capaian < JAUH_DI_BAWAH, ALASAN_PERHATIAN[2].format(persen(JAUH_DI_BAWAH, 0))),
        (capaian >= atas, ALASAN_PERHATIAN[3].format(persen(atas, 0))),
    ]
    semua = [[teks_alasan for mask, teks_alasan in syarat if mask.iloc[i]] for i in range(len(ind))]
    urutan = [next((u for u, (mask, _) in enumerate(syarat) if mask.iloc[i]), 9) for i in range(len(ind))]
    ind["alasan"] = [a[0] if a else pd.NA for a in semua]
    ind["alasan_lain"] = ["; ".join(a[1:]) if len(a) > 1 else pd.NA for a in semua]
    ind["_urutan"] = urutan
    ind["bulan_lapor_teks"] = [f"{bulat(x)} dari {m}" for x in lapor]
    ind["target_tampak"] = [
        target_tampak(t, a, s == "pro_rata") for t, a, s in zip(ind["target_periode"], ind["target_atas_periode"], ind["sumber_target"])
    ]
    hasil = ind[ind["alasan"].notna()].sort_values(["_urutan", "nama", "id_indikator"], kind="stable")
    return hasil.drop(columns="_urutan").reset_index(drop=True)


ALASAN_PERHATIAN = (
    "tidak ada realisasi pada periode ini",
    "realisasi belum lengkap",
    "jauh di bawah target (capaian di bawah {})",
    "jauh di atas target (capaian mencapai {}): periksa target",
)


def iki_perhatian(b: Bundel) -> Tampilan:
    data = iki_perhatian_data(b)
    ket = (
        f'<p class="catatan">IKI tanpa realisasi, dengan realisasi yang belum lengkap, dengan capaian di bawah '
        f"{teks(persen(JAUH_DI_BAWAH, 0))}, atau yang mencapai batas atas capaian (target mungkin terlalu rendah): "
        f"{teks(bulat(len(data)))} dari {teks(bulat(len(b.indikator)))} IKI. Setiap IKI tercantum sekali, pada "
        "alasan pertamanya; alasan lain ditulis di kolom terakhir.</p>"
    )
    jumlah = data["alasan"].value_counts()
    kelompok = [f"{a[0].upper()}{a[1:]} ({bulat(jumlah[a])} IKI)" for a in data["alasan"]]
    tabel = tabel_html(
        data,
        {
            "nama": "Pegawai",
            "indikator": "Indikator kinerja individu",
            "satuan": "Satuan",
            "target_tampak": "Target periode",
            "realisasi_periode": "Realisasi",
            "bulan_lapor_teks": "Bulan dilaporkan",
            "capaian": "Capaian",
            "alasan_lain": "Juga",
        },
        format={"realisasi_periode": angka_pas, "capaian": persen},
        kanan=("target_tampak", "realisasi_periode", "capaian"),
        kelompok=kelompok,
        kosong_teks="Tidak ada IKI yang perlu perhatian khusus pada periode ini.",
        unduh="iki_perhatian",
    )
    return Tampilan(ket + tabel, "IKI perlu perhatian")


def umpan_balik(b: Bundel) -> Tampilan:
    """The period's umpan balik: who rated whom, the ratings given and the note (escaped)."""
    ub = b.umpan_balik
    if ub.empty:
        return Tampilan('<p class="catatan">Belum ada umpan balik atasan untuk periode ini.</p>', "umpan balik")
    isi = []
    for _, r in ub.iterrows():
        rating = []
        if isinstance(r["rating_hasil_kerja"], str):
            rating.append(f"hasil kerja {label_kode(r['rating_hasil_kerja'])}")
        if isinstance(r["rating_perilaku"], str):
            rating.append(f"perilaku {label_kode(r['rating_perilaku'])}")
        penilai = r["penilai"] if isinstance(r["penilai"], str) else "penilai tidak dicatat"
        catatan = r["catatan"] if isinstance(r["catatan"], str) and r["catatan"].strip() else "(tanpa catatan)"
        isi.append(
            '<div class="umpan-balik">'
            f'<div class="siapa">{teks(r["nama"])} <span class="keterangan">· dinilai oleh {teks(penilai)}'
            + (f" · rating {teks(', '.join(rating))}" if rating else "")
            + f'</span></div><div class="isi">{teks(catatan)}</div></div>'
        )
    return Tampilan("\n".join(isi), "umpan balik")


_KATA_RATING = {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi", "di_bawah": "Di Bawah Ekspektasi"}


def metodologi_kata(m: dict) -> list[str]:
    """The methodology in plain words, one paragraph per rule (text, not yet escaped)."""
    cap = m.get("capaian", {})
    ambang = m.get("ambang", {})
    batas = cap.get("batas_atas")
    p = [
        "Capaian satu IKI dihitung dari target dan realisasi periode: realisasi ÷ target × 100 bila makin "
        "tinggi makin baik, atau (2 − realisasi ÷ target) × 100 bila makin rendah makin baik; "
        "target berupa rentang dianggap tercapai penuh (100%) bila realisasi ada di dalam rentang. "
        + (f"Capaian dibatasi paling tinggi {persen(batas, 0)} dan paling rendah 0%." if batas is not None else "Capaian tidak diberi batas atas."),
        (
            "IKI yang tidak memiliki realisasi pada periode ini dihitung dengan capaian 0% dan kategori Di Bawah Ekspektasi."
            if cap["tanpa_realisasi"] == "nol"
            else "IKI yang tidak memiliki realisasi pada periode ini tidak diikutkan dalam capaian hasil kerja dan rating."
        ),
        f"Kategori satu IKI: Di Atas Ekspektasi bila capaian ≥ {persen(ambang.get('di_atas'), 0)}, Sesuai Ekspektasi "
        f"bila ≥ {persen(ambang.get('sesuai'), 0)}, selain itu Di Bawah Ekspektasi (dibandingkan setelah dibulatkan dua desimal).",
        "Capaian hasil kerja pegawai adalah rata-rata capaian semua IKI-nya, dibobot menurut bobot IKI (sama rata bila tidak ada bobot).",
    ]
    if m.get("rating_hasil_kerja", {}).get("metode", "proporsi") == "proporsi":
        p.append(
            "Rating hasil kerja (usulan) dihitung dari IKI utama: Di Atas Ekspektasi bila lebih dari separuh IKI di atas "
            "ekspektasi dan tidak ada yang di bawah; Di Bawah Ekspektasi bila lebih dari separuh IKI di bawah ekspektasi; "
            "selain itu Sesuai Ekspektasi."
        )
    else:
        p.append("Rating hasil kerja (usulan) memakai ambang kategori IKI di atas terhadap capaian hasil kerja pegawai.")
    pa = m.get("perilaku", {}).get("ambang", {})
    p.append(
        "Nilai perilaku kerja (BerAKHLAK) adalah rata-rata ketujuh aspek dari semua penilaian pada periode ini (skala 1–5); "
        f"rating perilaku Di Atas Ekspektasi bila ≥ {angka(pa.get('di_atas'), 1)}, Sesuai Ekspektasi bila ≥ "
        f"{angka(pa.get('sesuai'), 1)}, selain itu Di Bawah Ekspektasi."
    )
    p.append(
        "Rating akhir adalah keputusan atasan (umpan balik) bila ada, selain itu rating usulan. Predikat dibaca dari "
        "matriks rating hasil kerja × rating perilaku di bawah; pegawai yang salah satu rating akhirnya belum ada "
        "belum mendapat predikat."
    )
    return p


def penutup(b: Bundel) -> Tampilan:
    """Methodology in plain words, its version, the data files' SHA-256, and how the report was made."""
    m = b.metodologi
    isi = ["<h3>Metodologi penilaian</h3>"]
    isi += [f"<p>{teks(x)}</p>" for x in metodologi_kata(m)]
    matriks = m.get("predikat", {})
    if matriks:
        baris = pd.DataFrame(
            [
                {"hasil": _KATA_RATING[h], **{p: label_kode(matriks.get(h, {}).get(p)) for p in ("di_bawah", "sesuai", "di_atas")}}
                for h in ("di_atas", "sesuai", "di_bawah")
            ]
        )
        isi.append(
            tabel_html(
                baris,
                {
                    "hasil": "Rating hasil kerja ↓ / perilaku →",
                    "di_bawah": "Di Bawah Ekspektasi",
                    "sesuai": "Sesuai Ekspektasi",
                    "di_atas": "Di Atas Ekspektasi",
                },
                keterangan="Matriks predikat",
                unduh="matriks_predikat",
            )
        )
    isi.append(
        "<dl class=\"rincian\">"
        f"<dt>Versi metodologi</dt><dd>{teks(m.get('versi'))}</dd>"
        f"<dt>Berkas metodologi</dt><dd>{teks(b.metodologi_berkas)}</dd>"
        f"<dt>SHA-256 metodologi</dt><dd>{teks(b.metodologi_sha256)}</dd>"
        "</dl>"
    )
    isi.append("<h3>Asal data</h3>")
    isi.append(
        tabel_html(
            pd.DataFrame(b.sumber, columns=["tabel", "file", "sha256"]),
            {"tabel": "Tabel", "file": "Berkas", "sha256": "SHA-256"},
            kosong_teks="Asal berkas data tidak tercatat.",
            unduh="asal_data",
        )
    )
    isi.append("<h3>Pembuatan laporan</h3>")
    dibuat = tanggal(dt.datetime.fromisoformat(b.dibuat), jam=True) if b.dibuat else KOSONG
    paket = ", ".join(f"{k} {v}" for k, v in b.paket.items())
    isi.append(
        "<dl class=\"rincian\">"
        f"<dt>Dibuat</dt><dd>{teks(dibuat)}</dd>"
        f"<dt>Periode</dt><dd>{teks(b.periode)}</dd>"
        f"<dt>Perangkat lunak</dt><dd>{teks(paket)}</dd>"
        "</dl>"
    )
    return Tampilan("\n".join(isi), "metodologi dan asal data")


# =============================================================================================
# The batch


@dataclass(frozen=True)
class HasilInstansi:
    """One report of a batch: `status` is `berhasil` or `gagal` (with `pesan`)."""

    kode_instansi: str
    nama_instansi: str
    status: str
    pesan: str | None
    html: Path | None
    ipynb: Path
    detik: float


@dataclass(frozen=True)
class HasilLaporan:
    """What `render_laporan` made: the period folder, each report's result, the manifest."""

    periode: str
    folder: Path
    laporan: tuple[HasilInstansi, ...]
    manifest: Path
    index: Path

    @property
    def gagal(self) -> list[HasilInstansi]:
        return [r for r in self.laporan if r.status != "berhasil"]

    @property
    def exit_status(self) -> int:
        """0 when every report was made, 1 when one failed (docs/kontrak-data.md bagian 5)."""
        return 1 if self.gagal else 0

    def ringkasan(self) -> str:
        """A closing summary for the terminal, in Bahasa Indonesia."""
        berhasil = len(self.laporan) - len(self.gagal)
        baris = [f"Laporan {self.periode}: {berhasil} berhasil, {len(self.gagal)} gagal. Daftar laporan: {self.index}"]
        for r in self.gagal:
            baris.append(f"  gagal  {r.kode_instansi} ({r.nama_instansi}): {r.pesan}")
            baris.append(f"         notebook untuk diperiksa: {r.ipynb}")
        return "\n".join(baris)


def job_instansi(nb_path: Path, folder: Path, kode: str, data, periode: str, metodologi, path_bundel: Path, judul: str):
    """The notebook job of one instansi's report: its parameters and `KODE/laporan.ipynb|html`
    (the same for the performance and the monitoring report)."""
    from capaian.terbit import build_job

    parameter = {
        "data": str(Path(data).resolve()),
        "periode": periode,
        "kode_instansi": kode,
        "metodologi": str(Path(metodologi).resolve()) if metodologi is not None else None,
        "bundel": str(path_bundel),
    }
    return build_job(nb_path, parameter, folder / kode / "laporan.ipynb", folder / kode / "laporan.html", judul)


def jalankan_jobs(penerbit, jobs: list, progress: bool) -> list:
    """Run the batch's notebooks on `penerbit`, with a progress bar (or plain lines) per report."""
    from capaian.terbit import progress as bar_progress

    bar = bar_progress(len(jobs), progress)
    try:
        return penerbit.run(jobs, on_done=lambda h: bar.update(1, _kemajuan(h)))
    finally:
        bar.close()


def hasil_instansi(kode: str, nama: str, h, folder: Path) -> HasilInstansi:
    """A runner result as one report of the batch."""
    return HasilInstansi(kode, nama, h.status, h.pesan, folder / kode / "laporan.html" if h.berhasil else None,
                         folder / kode / "laporan.ipynb", h.detik)


def _kemajuan(h) -> str:
    """One finished report in words, for a plain progress line: its title, status and time."""
    judul = getattr(h.job, "judul", "") or ""
    status = "berhasil" if h.berhasil else f"gagal ({h.pesan})"
    return f"{judul} {status} ({angka(h.detik, 1)} detik)".strip()


def render_laporan(
    data: str | Path,
    periode,
    keluaran: str | Path = "outputs",
    instansi: Sequence[str] | None = None,
    metodologi: str | Path | None = None,
    workers: int | None = None,
    progress: bool = True,
    *,
    notebook: str | Path | None = None,
    start_timeout: float = 180.0,
    zigot: bool | None = None,
    halaman: bool = True,
    perhatian: str | Path | None = None,
    penerbit=None,
    muat=None,
) -> HasilLaporan:
    """`capaian laporan`: one report per instansi for `periode` into `keluaran/P/`
    (docs/kontrak-data.md bagian 5).

    Validates the data once before anything runs, scores the whole data set once, then runs the
    report notebook once per instansi (`workers` at a time, default the CPU count), each in a fresh
    kernel with only its own instansi's bundle. Writes `nilai_pegawai.csv`, `nilai_indikator.csv`,
    `KODE/laporan.ipynb`, `KODE/laporan.html` (successful reports only), `index.html` and
    `manifest.json`. `zigot`: see `capaian.runner.PengaturanRunner` (None: its default).

    With `halaman` (the default) every pegawai of each chosen instansi also gets a rapor
    (`KODE/pegawai/NIP.html`) and every atasan with a bawahan a team page (`KODE/tim/NIP.html`),
    rendered in this process (`capaian.rapor`) before the notebooks run; the manifest records
    their count and SHA-256 per instansi. A page that fails fails its instansi (status `gagal`,
    its notebook is not run, no page of it is left). The "perlu perhatian" list at the top of each
    report is computed either way; `perhatian`: its attention-score file (default
    `params/perhatian.yaml`, docs/metodologi.md bagian 11).

    Raises, before anything is written (all `capaian.galat.GalatPengguna`): `PeriodeError` (bad
    period), `MetodologiError` (bad methodology file), `FolderDataTidakAda`, `DataError` (invalid
    data; `.masalah` lists the problems), `InstansiTidakDikenal` (an unknown `instansi` code),
    `PeriodeTanpaIndikator` (no IKI in the period's year); then `PeriodeSedangDiproses` where
    another run holds the period folder's lock (`capaian.terbit.kunci_periode`).
    A failing report does not raise: see `HasilLaporan.exit_status` and `.ringkasan()`.
    Reports of instansi not chosen stay in the manifest and index, `usang` where made from other
    inputs (docs/kontrak-data.md, "Laporan usang"). Temporary data lives in `keluaran/P/.kerja/`.

    `muat` (data folder -> validated Dataset, default `load_dataset`) and `penerbit` (made like
    `capaian.terbit.Penerbit`, which is the default) are the hooks of `--dask`
    (`capaian.skala.muat_dask`, `penerbit_dask`: every report a task on a Dask worker).
    """
    from capaian.kode import parse_periode
    from capaian.pengaturan import BERKAS_BAWAAN, load_metodologi
    from capaian.terbit import Penerbit, area_kerja, catat_laporan, kunci_periode, masukan_laporan, pastikan_notebook, pilih_instansi
    from capaian.validasi import load_dataset

    p = parse_periode(str(periode)) if not hasattr(periode, "kode") else periode
    m = load_metodologi(metodologi)
    berkas_metodologi = Path(metodologi) if metodologi is not None else BERKAS_BAWAAN
    ds = (muat or load_dataset)(data)
    kode_dipilih = pilih_instansi(ds, instansi)
    if not ds.ada_iki and ds.ada_putusan:
        # A "data putusan" folder: monitoring reports of the decided ratings (docs/metodologi.md,
        # "Pemantauan rating putusan"), by the same runner, manifest and index.
        from capaian.laporan_pantau import render_pemantauan

        return render_pemantauan(ds, data, p, m, berkas_metodologi, metodologi, keluaran, kode_dipilih, workers, progress,
                                 notebook, start_timeout, zigot)
    nb_path = pastikan_notebook(notebook, NOTEBOOK, "laporan")
    # The "perlu perhatian" list heads every instansi report, with or without the rapor pages.
    from capaian.pengaturan import load_aturan_perhatian

    aturan_perhatian = load_aturan_perhatian(perhatian)

    folder = Path(keluaran) / p.kode
    # One run at a time on the period folder; its temporary data (bundles with every instansi's
    # pegawai, runner logs, the kernels' TMPDIR) in the folder's private work area.
    with kunci_periode(folder), area_kerja(folder) as kerja:
        with (penerbit or Penerbit)(WARMUP, len(kode_dipilih), workers, start_timeout, zigot, kerja=kerja) as penerbit:
            # The workers import papermill/nbconvert and boot their first kernels meanwhile.
            from capaian.nilai import capaian_bulanan, score_period, write_scores

            hasil_nilai = score_period(ds, p, m)
            bulanan = capaian_bulanan(ds, p, m)
            write_scores(hasil_nilai, folder)
            dibuat = sekarang()
            nama_instansi = dict(zip(ds.instansi["kode_instansi"].astype(str), ds.instansi["nama_instansi"].astype(str)))
            jobs = []
            halaman_gagal: dict[str, str] = {}
            hasil_halaman: dict[str, Any] = {}
            from capaian.rapor import SumberHalaman

            sumber_halaman = SumberHalaman(ds, hasil_nilai, aturan_perhatian)
            pembuat = PembuatBundel(ds, hasil_nilai, bulanan, p.kode, m, metodologi, dibuat, sumber_halaman=sumber_halaman, halaman=halaman,
                                    sebelumnya=score_sebelumnya(ds, p, m))
            kode_jalan = []
            angka: dict[str, dict] = {}
            for kode in kode_dipilih:
                (folder / kode).mkdir(exist_ok=True)
                if halaman:
                    try:
                        hasil_halaman[kode] = sumber_halaman.write_instansi(folder, kode)
                    except Exception as e:  # a failing page fails its instansi, the strict way
                        halaman_gagal[kode] = f"halaman rapor/tim gagal dibuat: {type(e).__name__}: {e}"
                        (folder / kode / "laporan.html").unlink(missing_ok=True)
                        continue
                kode_jalan.append(kode)
                bundel = pembuat.untuk(kode)
                angka[kode] = angka_indeks(bundel)
                judul_halaman = f"Laporan Kinerja {nama_instansi[kode]} · {nama_periode(p.kode)}"
                jobs.append(job_instansi(nb_path, folder, kode, data, p.kode, metodologi, penerbit.write_bundel(bundel, kode), judul_halaman))
            hasil_job = jalankan_jobs(penerbit, jobs, progress)

        per_kode = dict(zip(kode_jalan, hasil_job))
        laporan_list = []
        for kode in kode_dipilih:
            h = per_kode.get(kode)
            if h is None:
                laporan_list.append(HasilInstansi(kode, nama_instansi[kode], "gagal", halaman_gagal[kode], None, folder / kode / "laporan.ipynb", 0.0))
            else:
                laporan_list.append(hasil_instansi(kode, nama_instansi[kode], h, folder))
        laporan = tuple(laporan_list)
        masukan = masukan_laporan(ds, m, nb_path)
        entri = [
            entri_laporan(r.kode_instansi, r.nama_instansi, r.status, r.pesan, r.detik, masukan, dibuat,
                          hasil_halaman[r.kode_instansi].entri() if r.kode_instansi in hasil_halaman else None,
                          angka=angka.get(r.kode_instansi) if r.status == "berhasil" else None)
            for r in laporan
        ]
        manifest, index = catat_laporan(folder, p.kode, data, ds, m, berkas_metodologi, nb_path, kode_dipilih, workers, entri, dibuat)
    return HasilLaporan(p.kode, folder, laporan, manifest, index)
