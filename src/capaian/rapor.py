"""Rapor kinerja per pegawai, halaman tim per atasan, and the "perlu perhatian" list.

    sumber = SumberHalaman(dataset, hasil_nilai)          # once per batch: every index built here
    html = sumber.render_rapor("199001012015031001")      # one pegawai's page, a str
    hasil = sumber.write_instansi(folder_periode, "DINKES")  # every page of one instansi, atomically

Pages are rendered in-process with Jinja2 (autoescape on: every text from the data is escaped),
never through a kernel: at 6,000 pegawai a kernel per page would take more than an hour. All
per-pegawai figures are looked up from indexes built once in `SumberHalaman.__init__` (dicts of
plain Python values), so a page costs its own rows only.

Privacy (issue 9): a rapor holds that pegawai's data plus the name and jabatan of their atasan
(only where the atasan belongs to the same instansi, else "atasan di luar instansi"), nothing of
any other pegawai; a team page holds only that atasan's bawahan (direct and below); perilaku
shows per aspect the mean and the number of raters, never who rated.

Rules written in docs/metodologi.md bagian 11: `kebutuhan_tahunan` (what reaches the annual
target) and the attention score (`skor_perhatian`, weights in params/perhatian.yaml); angka kredit
in bagian 10.
"""

from __future__ import annotations

import functools
import hashlib
import math
import shutil
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from capaian.dataset import ASPEK_PERILAKU
from capaian.format import KOSONG, angka, bulat, capaian_pegawai, nama_bulan, nama_periode, persen
from capaian.kode import JENJANG, LABEL, PREDIKAT, Periode, nip_tertulis
from capaian.nilai import alasan_tanpa_predikat
from capaian.tampilan import label_kode

FOLDER_PEGAWAI = "pegawai"
FOLDER_TIM = "tim"
DI_LUAR_INSTANSI = "atasan di luar instansi"
TANPA_ATASAN = "tanpa atasan"

NAMA_ASPEK = {
    "berorientasi_pelayanan": "Berorientasi Pelayanan",
    "akuntabel": "Akuntabel",
    "kompeten": "Kompeten",
    "harmonis": "Harmonis",
    "loyal": "Loyal",
    "adaptif": "Adaptif",
    "kolaboratif": "Kolaboratif",
}
AMBANG_ASPEK = 3.0  # an aspect mean below this is below expectation on the 1–5 scale

NAMA_AGREGASI = {"jumlah": "jumlah", "rata_rata": "rata-rata", "terakhir": "nilai terakhir"}

# =============================================================================================
# Small rules, each testable on its own


def angka_kredit(jumlah_bulan: int, persen_predikat: float | None, koefisien: float | None) -> float | None:
    """Angka kredit of a period (docs/metodologi.md bagian 10): m / 12 × persen / 100 × koefisien,
    rounded half up to 3 decimals; None where the percentage or the koefisien is unknown."""
    if persen_predikat is None or koefisien is None or _nan(persen_predikat) or _nan(koefisien):
        return None
    nilai = Decimal(jumlah_bulan) * Decimal(repr(float(persen_predikat))) * Decimal(repr(float(koefisien))) / Decimal(1200)
    return float(nilai.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def _nan(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return math.isnan(v)
    except TypeError:
        return False


@dataclass(frozen=True)
class Kebutuhan:
    """What an IKI needs until December to reach its annual target (docs/metodologi.md bagian 11).

    `status`: `tercapai` (already reached; with no month left: reached), `tidak_tercapai` (no month
    left and not reached), `tidak_lagi` (can no longer be reached), `perlu` (reachable: `nilai`
    is what is needed). `jenis` says what `nilai` is: `per_bulan` (a `jumlah` IKI: realisasi per
    remaining month), `rata_rata` (mean of the remaining months) or `tingkat` (the December
    level). `paling_banyak`: True where the need is a ceiling (lower is better). `sekarang`: the
    year-to-date figure (sum, mean or latest), `laju`: for `jumlah`, the mean per elapsed month.
    `berisiko`: at the current pace the target will be missed (or can no longer be reached).
    """

    status: str
    jenis: str
    nilai: float | None
    batas: float
    sisa_bulan: int
    sekarang: float | None
    laju: float | None
    paling_banyak: bool
    berisiko: bool


def kebutuhan_tahunan(agregasi: str, arah: str, target: float, target_atas: float | None, bulanan: Iterable[float], bulan_akhir: int) -> Kebutuhan:
    """The kebutuhan rule (docs/metodologi.md bagian 11) for one IKI.

    `bulanan`: realisasi of January..`bulan_akhir` (NaN where a month was not reported). The bound
    to reach is the annual `target`, or `target_atas` for a lower-is-better range (the capaian
    formula uses that bound: bagian 3). The remaining months (12 − bulan_akhir) are assumed to be
    reported.
    """
    turun = arah == "turun"
    batas = float(target_atas) if (turun and not _nan(target_atas)) else float(target)
    ada = [float(v) for v in bulanan if not _nan(v)]
    n, s = len(ada), float(sum(ada))
    k = 12 - bulan_akhir
    if agregasi == "jumlah":
        sekarang: float | None = s
        jenis = "per_bulan"
    elif agregasi == "rata_rata":
        sekarang = s / n if n else None
        jenis = "rata_rata"
    else:
        sekarang = ada[-1] if n else None
        jenis = "tingkat"
    laju = s / bulan_akhir if agregasi == "jumlah" and bulan_akhir else None

    def cukup(x: float | None) -> bool:
        return x is not None and (x <= batas if turun else x >= batas)

    def hasil(status, nilai=None, berisiko=False):
        return Kebutuhan(status, jenis, nilai, batas, k, sekarang, laju, turun, berisiko)

    if k == 0:
        return hasil("tercapai") if cukup(sekarang) else hasil("tidak_tercapai", berisiko=True)
    if agregasi == "jumlah":
        sisa = batas - s
        if not turun:
            if sisa <= 0:
                return hasil("tercapai")
            perlu = sisa / k
            return hasil("perlu", perlu, berisiko=perlu > laju)
        if sisa < 0:
            return hasil("tidak_lagi", berisiko=True)
        perlu = sisa / k
        return hasil("perlu", perlu, berisiko=laju > perlu)
    if agregasi == "rata_rata":
        perlu = (batas * (n + k) - s) / k
        if not turun and perlu <= 0:
            return hasil("tercapai")
        if turun and perlu < 0:
            return hasil("tidak_lagi", berisiko=True)
        return hasil("perlu", perlu, berisiko=not cukup(sekarang))
    return hasil("perlu", batas, berisiko=not cukup(sekarang))


def teks_kebutuhan(kb: Kebutuhan, satuan: str | None = None) -> str:
    """The kebutuhan in words, e.g. `paling sedikit 9,67 dokumen per bulan (9 bulan lagi; laju kini 11 dokumen)`."""
    sat = f" {satuan}" if isinstance(satuan, str) and satuan and satuan != "%" else ("%" if satuan == "%" else "")
    def a(x):
        return _angka_target(x) + sat

    if kb.status == "tercapai":
        return "sudah tercapai" if kb.sisa_bulan else "tercapai"
    if kb.status == "tidak_tercapai":
        return "tidak tercapai (tahun sudah berakhir)"
    if kb.status == "tidak_lagi":
        return "tidak lagi dapat tercapai"
    batas = "paling banyak" if kb.paling_banyak else "paling sedikit"
    bulan = f"{kb.sisa_bulan} bulan lagi"
    if kb.jenis == "per_bulan":
        return f"{batas} {a(kb.nilai)} per bulan ({bulan}; laju kini {a(kb.laju)})"
    sekarang = f"kini {a(kb.sekarang)}" if kb.sekarang is not None else "belum ada realisasi"
    if kb.jenis == "rata_rata":
        return f"rata-rata {batas} {a(kb.nilai)} ({bulan}; {sekarang})"
    return f"{batas} {a(kb.nilai)} di bulan Desember ({sekarang})"


# =============================================================================================
# The attention score


@dataclass(frozen=True)
class Perhatian:
    """A pegawai's attention score: `skor` and the reasons (text with the points each adds)."""

    skor: float
    alasan: tuple[str, ...]
    hitungan: Mapping[str, int] = field(default_factory=dict)


_TEKS_ATURAN = {
    "predikat_sangat_kurang": lambda n: "predikat Sangat Kurang",
    "predikat_kurang": lambda n: "predikat Kurang/Misconduct",
    "predikat_butuh_perbaikan": lambda n: "predikat Butuh Perbaikan",
    "tanpa_realisasi": lambda n: "tidak ada realisasi sama sekali pada periode ini",
    "belum_dinilai": lambda n: "belum dinilai",
    "iki_di_bawah_ekspektasi": lambda n: f"{n} IKI di bawah ekspektasi",
    "iki_berisiko": lambda n: f"{n} IKI berisiko tidak mencapai target tahunan",
    "bulan_tidak_lapor": lambda n: f"{n} bulan tanpa laporan realisasi",
    "aspek_perilaku_di_bawah_3": lambda n: f"{n} aspek perilaku di bawah 3",
    "rating_akhir_berbeda": lambda n: f"{n} rating akhir berbeda dari usulan",
}


def skor_perhatian(hitungan: Mapping[str, int], aturan, akhir_tahun: bool = False) -> Perhatian:
    """Score = Σ bobot × min(count, maks) over the rules of `aturan` (an `AturanPerhatian`);
    the reasons in rule order, each with the points it adds. `akhir_tahun`: the period ends in
    December, so an IKI "at risk" has simply missed its annual target (and is said so)."""
    skor = 0.0
    alasan = []
    for kunci, a in aturan.aturan.items():
        n = int(hitungan.get(kunci, 0))
        if n <= 0:
            continue
        poin = a.bobot * min(n, a.maks)
        if poin <= 0:
            continue
        skor += poin
        teks = f"{n} IKI tidak mencapai target tahunan" if akhir_tahun and kunci == "iki_berisiko" else _TEKS_ATURAN[kunci](n)
        alasan.append(f"{teks} (+{angka(poin, 0) if float(poin).is_integer() else angka(poin, 1)})")
    return Perhatian(skor, tuple(alasan), dict(hitungan))


# =============================================================================================
# Reading the scored data once


def _teks_atau_none(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _float(v: Any) -> float | None:
    return None if _nan(v) else float(v)


@dataclass
class HasilHalaman:
    """The pages of one instansi: counts, SHA-256 per file (paths relative to the period folder)."""

    kode_instansi: str
    pegawai: int
    tim: int
    sha256: dict[str, str]
    detik: float = 0.0

    def entri(self) -> dict:
        return {"pegawai": self.pegawai, "tim": self.tim, "sha256": dict(self.sha256)}


class SumberHalaman:
    """Everything the pages of one period show, indexed once by NIP.

    `dataset`: the validated data set; `hasil`: `score_period`'s result for the period;
    `aturan`: an `AturanPerhatian` (default: `load_aturan_perhatian()`).
    """

    def __init__(self, dataset, hasil, aturan=None):
        from capaian.nilai import _grid_bulanan
        from capaian.pengaturan import load_aturan_perhatian

        self.periode: Periode = hasil.periode
        self.metodologi = hasil.metodologi
        self.aturan = aturan if aturan is not None else load_aturan_perhatian()
        p = self.periode
        self.bulan_akhir = max(p.bulan)
        self.bulan_strip = tuple(f"{p.tahun:04d}-{b:02d}" for b in range(1, self.bulan_akhir + 1))
        self.dalam_periode = tuple(b in p.bulan for b in range(1, self.bulan_akhir + 1))
        self.nama_instansi = dict(zip(dataset.instansi["kode_instansi"].astype(str), dataset.instansi["nama_instansi"].astype(str)))

        peg = dataset.pegawai
        kolom = ["nip", "nama", "kode_instansi", "unit_kerja", "jabatan", "nip_atasan"] + (["jenjang"] if "jenjang" in peg.columns else [])
        rek = peg[kolom].astype(object).where(peg[kolom].notna(), None).to_dict("records")
        self.pegawai: dict[str, dict] = {r["nip"]: r for r in rek}
        self.per_instansi: dict[str, list[str]] = {}
        for r in rek:
            self.per_instansi.setdefault(r["kode_instansi"], []).append(r["nip"])
        # Direct bawahan within the same instansi.
        self.bawahan: dict[str, list[str]] = {}
        for r in rek:
            a = r["nip_atasan"]
            if a and a in self.pegawai and self.pegawai[a]["kode_instansi"] == r["kode_instansi"]:
                self.bawahan.setdefault(a, []).append(r["nip"])
        for daftar in self.bawahan.values():
            daftar.sort(key=lambda n: (self.pegawai[n]["nama"] or "", n))

        hp = hasil.pegawai
        self.nilai: dict[str, dict] = {r["nip"]: r for r in hp.astype(object).where(hp.notna(), None).to_dict("records")}

        ind = hasil.indikator
        self.iki: list[dict] = ind.astype(object).where(ind.notna(), None).to_dict("records")
        self.iki_per_nip: dict[str, list[int]] = {}
        urut = sorted(range(len(self.iki)), key=lambda i: (self.iki[i]["nip"], self.iki[i]["jenis_rhk"] != "utama", self.iki[i]["id_indikator"]))
        for i in urut:
            self.iki_per_nip.setdefault(self.iki[i]["nip"], []).append(i)
        kunci = ind["id_indikator"]
        real = dataset.realisasi
        nilai_real = real["realisasi"].to_numpy(dtype="float64", na_value=np.nan)
        self.grid = _grid_bulanan(kunci, self.bulan_strip, real["id_indikator"], real["bulan"], nilai_real)
        bukti = real["bukti_dukung"].notna().to_numpy(dtype="float64") if "bukti_dukung" in real.columns else np.zeros(len(real))
        self.grid_bukti = _grid_bulanan(kunci, self.bulan_strip, real["id_indikator"], real["bulan"], bukti)

        self.perilaku = self._perilaku(dataset)
        self._ringkas: dict[str, dict] = {}

    # ---------------------------------------------------------------------------------------
    def _perilaku(self, dataset) -> dict[str, dict]:
        """Per nip: mean of each aspect (rounded to 2 decimals) over the period's rows, and the
        number of raters (distinct nip_penilai; an empty one counts as one rater)."""
        from capaian.angka import bulatkan_hitungan

        pr = dataset.perilaku
        if pr.empty:
            return {}
        pr = pr[pr["bulan"].isin(list(self.periode.kode_bulan))]
        if pr.empty:
            return {}
        skor = pr[list(ASPEK_PERILAKU)].astype("float64")
        rata = skor.groupby(pr["nip"].astype(str)).mean()
        rata = pd.DataFrame(bulatkan_hitungan(rata.to_numpy()), index=rata.index, columns=rata.columns)
        penilai = pr["nip_penilai"].astype(object).where(pr["nip_penilai"].notna(), "").groupby(pr["nip"].astype(str)).nunique()
        baris = pr.groupby(pr["nip"].astype(str)).size()
        return {
            nip: {"aspek": {a: float(rata.at[nip, a]) for a in ASPEK_PERILAKU}, "penilai": int(penilai[nip]), "baris": int(baris[nip])}
            for nip in rata.index
        }

    # ---------------------------------------------------------------------------------------
    def atasan(self, nip: str) -> tuple[str, str | None]:
        """(name, jabatan) of the pegawai's atasan as their pages may show them."""
        r = self.pegawai[nip]
        a = r["nip_atasan"]
        if not a:
            return TANPA_ATASAN, None
        ra = self.pegawai.get(a)
        if ra is None or ra["kode_instansi"] != r["kode_instansi"]:
            return DI_LUAR_INSTANSI, None
        return ra["nama"], ra["jabatan"]

    def ringkas(self, nip: str) -> dict:
        """Everything known of one pegawai (cached): identity, scores, IKI with kebutuhan and
        month strip, perilaku, attention score. Plain Python values."""
        if nip in self._ringkas:
            return self._ringkas[nip]
        r = self.pegawai[nip]
        n = self.nilai.get(nip) or {}
        m = self.periode.jumlah_bulan
        iki = []
        lapor_bulan = [False] * len(self.bulan_strip)
        for i in self.iki_per_nip.get(nip, []):
            x = self.iki[i]
            bulanan = self.grid[i].tolist()
            bukti = self.grid_bukti[i].tolist()
            for j, v in enumerate(bulanan):
                if not math.isnan(v):
                    lapor_bulan[j] = True
            kb = kebutuhan_tahunan(x["agregasi"], x["arah"], x["target"], x["target_atas"], bulanan, self.bulan_akhir)
            bulan_periode = [j for j, d in enumerate(self.dalam_periode) if d]
            iki.append(
                {
                    **x,
                    "bulanan": bulanan,
                    "bukti": bukti,
                    "bukti_lengkap": all(bukti[j] == 1.0 for j in bulan_periode if not math.isnan(bulanan[j])),
                    "bulan_harap": m,
                    "kebutuhan": kb,
                }
            )
        aspek = self.perilaku.get(nip)
        predikat = n.get("predikat")
        hitung = {
            "predikat_sangat_kurang": int(predikat == "sangat_kurang"),
            "predikat_kurang": int(predikat == "kurang"),
            "predikat_butuh_perbaikan": int(predikat == "butuh_perbaikan"),
            "tanpa_realisasi": int(bool(iki) and all(x["bulan_lapor"] == 0 for x in iki)),
            "belum_dinilai": int(predikat is None),
            "iki_di_bawah_ekspektasi": sum(x["kategori"] == "di_bawah" for x in iki),
            "iki_berisiko": sum(x["kebutuhan"].berisiko for x in iki),
            "bulan_tidak_lapor": sum(1 for j, d in enumerate(self.dalam_periode) if d and iki and not lapor_bulan[j]),
            "aspek_perilaku_di_bawah_3": sum(v < AMBANG_ASPEK for v in aspek["aspek"].values()) if aspek else 0,
            "rating_akhir_berbeda": sum(
                1
                for u, a in (("rating_hasil_kerja_usulan", "rating_hasil_kerja"), ("rating_perilaku_usulan", "rating_perilaku"))
                if n.get(u) and n.get(a) and n.get(u) != n.get(a)
            ),
        }
        hasil = {
            "nip": nip,
            "pegawai": r,
            "nilai": n,
            "iki": iki,
            "lapor_bulan": lapor_bulan,
            "perilaku": aspek,
            "perhatian": skor_perhatian(hitung, self.aturan, akhir_tahun=self.bulan_akhir == 12),
        }
        self._ringkas[nip] = hasil
        return hasil

    def tim(self, nip_atasan: str) -> list[tuple[str, list[str]]]:
        """The atasan's team as groups (sub-team head, members): first their direct bawahan, then
        depth first each bawahan's own team. Empty where the atasan has no bawahan."""
        kelompok = []

        def jalan(a: str, dilihat: set) -> None:
            anak = self.bawahan.get(a, [])
            if not anak:
                return
            kelompok.append((a, anak))
            for b in anak:
                if b not in dilihat:
                    dilihat.add(b)
                    jalan(b, dilihat)

        jalan(nip_atasan, {nip_atasan})
        return kelompok

    def daftar_perhatian(self, nips: Iterable[str]) -> list[dict]:
        """The pegawai of `nips` whose score reaches `ambang_daftar`, highest first (then name)."""
        baris = []
        for nip in nips:
            ph = self.ringkas(nip)["perhatian"]
            if ph.skor >= self.aturan.ambang_daftar:
                r = self.pegawai[nip]
                baris.append({"nip": nip, "nama": r["nama"], "jabatan": r["jabatan"], "skor": ph.skor, "alasan": ph.alasan})
        baris.sort(key=lambda b: (-b["skor"], b["nama"] or "", b["nip"]))
        return baris

    # ---------------------------------------------------------------------------------------
    # Pages

    def data_rapor(self, nip: str) -> dict:
        """The rapor's content, every value already in display form (text; the template escapes)."""
        return _data_rapor(self, nip)

    def render_rapor(self, nip: str) -> str:
        return _templat("rapor.html.j2").render(**self.data_rapor(nip), css=_css())

    def data_tim(self, nip_atasan: str) -> dict:
        return _data_tim(self, nip_atasan)

    def render_tim(self, nip_atasan: str) -> str:
        return _templat("tim.html.j2").render(**self.data_tim(nip_atasan), css=_css())

    def atasan_dengan_tim(self, kode: str) -> list[str]:
        """The instansi's pegawai with at least one bawahan in the instansi."""
        return [n for n in self.per_instansi.get(kode, []) if self.bawahan.get(n)]

    def write_instansi(self, folder: str | Path, kode: str) -> HasilHalaman:
        """Render every rapor and team page of instansi `kode` into `folder/KODE/pegawai/` and
        `folder/KODE/tim/` (`folder`: the period folder).

        All pages are rendered in memory first: where one fails, the exception propagates and
        nothing of this instansi's pages is written (pages of an earlier run are removed, so no
        stale or partial set remains). Each file is then written atomically; files of pegawai no
        longer in the data are removed.
        """
        import time

        from capaian.runner import write_atomic

        t0 = time.perf_counter()
        folder = Path(folder)
        dasar = folder / kode
        halaman: dict[str, str] = {}
        try:
            for nip in self.per_instansi.get(kode, []):
                halaman[f"{kode}/{FOLDER_PEGAWAI}/{nip}.html"] = self.render_rapor(nip)
            atasan = self.atasan_dengan_tim(kode)
            for nip in atasan:
                halaman[f"{kode}/{FOLDER_TIM}/{nip}.html"] = self.render_tim(nip)
        except Exception:
            for sub in (FOLDER_PEGAWAI, FOLDER_TIM):
                shutil.rmtree(dasar / sub, ignore_errors=True)
            raise
        sha = {}
        for rel, isi in halaman.items():
            data = isi.encode("utf-8")
            write_atomic(folder / rel, isi)
            sha[rel] = hashlib.sha256(data).hexdigest()
        for sub in (FOLDER_PEGAWAI, FOLDER_TIM):
            d = dasar / sub
            if d.is_dir():
                for f in d.glob("*.html"):
                    if f"{kode}/{sub}/{f.name}" not in halaman:
                        f.unlink()
        return HasilHalaman(kode, len(self.per_instansi.get(kode, [])), len(atasan), sha, time.perf_counter() - t0)


# =============================================================================================
# Page content


def _angka_target(x: float | None) -> str:
    """A target or realisasi: whole numbers without decimals (`18`), others with 2 (`88,30`)."""
    if _nan(x):
        return KOSONG
    return angka(x, 0) if float(x).is_integer() else angka(x, 2)


def _teks_target(t: float | None, u: float | None) -> str:
    if _nan(u):
        return _angka_target(t)
    return f"{_angka_target(t)}–{_angka_target(u)}"


def _penjelasan_capaian(x: dict) -> str:
    """How the capaian was computed against a range's bound (bagian 3); empty without a range."""
    t, u, r = x["target_periode"], x["target_atas_periode"], x["realisasi_periode"]
    if _nan(u) or _nan(r):
        return ""
    if t <= r <= u:
        return "realisasi di dalam rentang: capaian 100%"
    if r > u:
        return f"di atas rentang: dihitung terhadap batas atas {_angka_target(u)}"
    return f"di bawah rentang: dihitung terhadap batas bawah {_angka_target(t)}"


def _data_rapor(s: SumberHalaman, nip: str) -> dict:
    rk = s.ringkas(nip)
    r, n, iki = rk["pegawai"], rk["nilai"], rk["iki"]
    p = s.periode
    m = s.metodologi
    atasan, jabatan_atasan = s.atasan(nip)
    bulan_label = [nama_bulan(b, singkat=True) for b in s.bulan_strip]

    hasil = None
    beda = []
    if n:
        for nama, u, a in (("hasil kerja", "rating_hasil_kerja_usulan", "rating_hasil_kerja"), ("perilaku", "rating_perilaku_usulan", "rating_perilaku")):
            if n.get(u) and n.get(a) and n[u] != n[a]:
                beda.append(f"Rating {nama} akhir ({label_kode(n[a])}) diputuskan atasan, berbeda dari rating yang dihitung ({label_kode(n[u])}).")
        hasil = {
            "capaian": capaian_pegawai(n.get("capaian_hasil_kerja"), n.get("jumlah_indikator"), n.get("indikator_tanpa_realisasi"), 2),
            "rhk_usulan": label_kode(n.get("rating_hasil_kerja_usulan")),
            "rhk": label_kode(n.get("rating_hasil_kerja")),
            "perilaku": angka(n.get("nilai_perilaku"), 2),
            "rp_usulan": label_kode(n.get("rating_perilaku_usulan")),
            "rp": label_kode(n.get("rating_perilaku")),
            "predikat": label_kode(n.get("predikat")),
            "kelas": n.get("predikat") or "belum",
        }
    belum = None if n.get("predikat") else alasan_tanpa_predikat(len(iki), n.get("rating_hasil_kerja"), n.get("rating_perilaku"))

    baris_iki = []
    dialog = []
    for nomor, x in enumerate(iki, start=1):
        kb: Kebutuhan = x["kebutuhan"]
        satuan = x["satuan"]
        bulanan = x["bulanan"]
        strip = []
        for j, v in enumerate(bulanan):
            dalam = s.dalam_periode[j]
            if math.isnan(v):
                strip.append({"teks": "✗", "kelas": "tidak-lapor" + (" periode" if dalam else ""), "judul": f"{bulan_label[j]}: tidak dilaporkan"})
            else:
                strip.append({"teks": _angka_target(v), "kelas": "lapor" + (" periode" if dalam else ""), "judul": f"{bulan_label[j]}: {_angka_target(v)}"})
        tidak_lapor = [bulan_label[j] for j, d in enumerate(s.dalam_periode) if d and math.isnan(bulanan[j])]
        ada = x["bulan_lapor"] > 0
        baris_iki.append(
            {
                "nomor": nomor,
                "jenis": "utama" if x["jenis_rhk"] == "utama" else "tambahan",
                "rhk": x["rencana_hasil_kerja"],
                "indikator": x["indikator"],
                "aspek": x["aspek"] or KOSONG,
                "satuan": satuan or KOSONG,
                "metode": x["metode"] or KOSONG,
                "arah": "makin rendah makin baik" if x["arah"] == "turun" else "makin tinggi makin baik",
                "agregasi": NAMA_AGREGASI.get(x["agregasi"], x["agregasi"]),
                "target": _teks_target(x["target"], x["target_atas"]),
                "target_periode": _teks_target(x["target_periode"], x["target_atas_periode"]),
                "realisasi": _angka_target(x["realisasi_periode"]),
                "capaian": persen(x["capaian"], 2) if ada else "tanpa realisasi",
                "penjelasan": _penjelasan_capaian(x),
                "kategori": label_kode(x["kategori"]) if ada else "Di Bawah Ekspektasi (tanpa realisasi)" if m.capaian.tanpa_realisasi == "nol" else "tidak dinilai",
                "kelas": x["kategori"] or "di_bawah",
                "lapor": f"{x['bulan_lapor']} dari {x['bulan_harap']}",
                "bukti": ("lengkap" if x["bukti_lengkap"] else "ada yang belum") if ada else KOSONG,
                "kebutuhan": teks_kebutuhan(kb, satuan),
                "berisiko": kb.berisiko,
                "strip": strip,
            }
        )
        nama_iki = f"IKI {nomor}"
        if ada and x["kategori"] == "di_bawah":
            dialog.append(f"{nama_iki} di bawah ekspektasi: capaian {persen(x['capaian'], 2)}.")
        if not ada:
            dialog.append(f"{nama_iki} belum memiliki realisasi pada periode ini.")
        elif tidak_lapor:
            dialog.append(f"{nama_iki}: realisasi bulan {', '.join(tidak_lapor)} belum dilaporkan.")
        if kb.status == "tidak_lagi":
            dialog.append(f"{nama_iki}: target tahunan tidak lagi dapat tercapai.")
        elif kb.status == "perlu" and kb.berisiko:
            dialog.append(f"{nama_iki}: dengan laju saat ini target tahunan tidak tercapai; perlu {teks_kebutuhan(kb, satuan)}.")

    pr = rk["perilaku"]
    aspek = []
    if pr:
        terendah = min(pr["aspek"].values())
        for a in ASPEK_PERILAKU:
            v = pr["aspek"][a]
            aspek.append({"nama": NAMA_ASPEK[a], "nilai": angka(v, 2), "terendah": v == terendah, "di_bawah": v < AMBANG_ASPEK})
        nama_terendah = [x["nama"] for x in aspek if x["terendah"]]
        dialog.append(f"Aspek perilaku terendah: {', '.join(nama_terendah)} ({angka(terendah, 2)}).")
    dialog.extend(beda)

    # Angka kredit (bagian 10).
    jenjang = r.get("jenjang")
    persen_ak = n.get("angka_kredit_persen")
    koef = getattr(m.koefisien_angka_kredit, jenjang) if jenjang in JENJANG else None
    ak = angka_kredit(p.jumlah_bulan, persen_ak, koef)
    kredit = {
        "jenjang": label_kode(jenjang) if jenjang else None,
        "persen": persen(persen_ak, 0) if not _nan(persen_ak) else None,
        "koefisien": _angka_target(koef) if koef is not None else None,
        "nilai": angka(ak, 3) if ak is not None else None,
        "rumus": f"{p.jumlah_bulan}/12 × {persen(persen_ak, 0)} × {_angka_target(koef)} = {angka(ak, 3)}" if ak is not None else None,
    }

    return {
        "judul": f"Rapor Kinerja {r['nama']} · {nama_periode(p.kode)}",
        "nama": r["nama"],
        "nip": nip_tertulis(nip),
        "jabatan": r["jabatan"] or KOSONG,
        "unit_kerja": r["unit_kerja"] or KOSONG,
        "instansi": s.nama_instansi.get(r["kode_instansi"], r["kode_instansi"]),
        "atasan": atasan,
        "jabatan_atasan": jabatan_atasan,
        "periode": nama_periode(p.kode),
        "kode_periode": p.kode,
        "hasil": hasil,
        "beda": beda,
        "belum": belum,
        "iki": baris_iki,
        "bulan": [{"label": b, "periode": d} for b, d in zip(bulan_label, s.dalam_periode)],
        "aspek": aspek,
        "penilai": pr["penilai"] if pr else 0,
        "catatan": n.get("catatan"),
        "dialog": dialog,
        "kredit": kredit,
        "perhatian": rk["perhatian"],
        "kosong": KOSONG,
    }


def _data_tim(s: SumberHalaman, nip_atasan: str) -> dict:
    r = s.pegawai[nip_atasan]
    p = s.periode
    kelompok = []
    anggota = []
    for kepala, daftar in s.tim(nip_atasan):
        rk = s.pegawai[kepala]
        judul = "Bawahan langsung" if kepala == nip_atasan else f"Tim {rk['nama']}" + (f" ({rk['jabatan']})" if rk["jabatan"] else "")
        baris = []
        for nip in daftar:
            anggota.append(nip)
            x = s.ringkas(nip)
            n = x["nilai"]
            baris.append(
                {
                    "nip": nip,
                    "nama": s.pegawai[nip]["nama"],
                    "jabatan": s.pegawai[nip]["jabatan"] or KOSONG,
                    "predikat": label_kode(n.get("predikat")) if n.get("predikat") else "belum dinilai",
                    "kelas": n.get("predikat") or "belum",
                    "capaian": capaian_pegawai(n.get("capaian_hasil_kerja"), n.get("jumlah_indikator"), n.get("indikator_tanpa_realisasi"), 2),
                    "perilaku": angka(n.get("nilai_perilaku"), 2),
                    "tidak_lapor": bulat(x["perhatian"].hitungan.get("bulan_tidak_lapor", 0)),
                    "alasan": "; ".join(x["perhatian"].alasan) if x["perhatian"].skor >= s.aturan.ambang_daftar else "",
                    "punya_tim": bool(s.bawahan.get(nip)),
                }
            )
        kelompok.append({"judul": judul, "baris": baris})

    hitung = {k: 0 for k in PREDIKAT}
    belum = 0
    for nip in anggota:
        pk = (s.nilai.get(nip) or {}).get("predikat")
        if pk in hitung:
            hitung[pk] += 1
        else:
            belum += 1
    total = sum(hitung.values())
    sebaran = [
        {"label": LABEL[k], "jumlah": bulat(v), "porsi": persen(100 * v / total, 1) if total else KOSONG, "lebar": (100 * v / total) if total else 0, "kelas": k}
        for k, v in hitung.items()
    ]
    # Reporting compliance per month: share of the team's IKI with a realisasi that month.
    idx = [i for nip in anggota for i in s.iki_per_nip.get(nip, [])]
    kepatuhan = []
    if idx:
        ada = ~np.isnan(s.grid[idx])
        for j, b in enumerate(s.bulan_strip):
            kepatuhan.append({"label": nama_bulan(b, singkat=True), "porsi": persen(100 * ada[:, j].mean(), 1), "periode": s.dalam_periode[j]})
    perhatian = s.daftar_perhatian(anggota)
    return {
        "judul": f"Halaman Tim {r['nama']} · {nama_periode(p.kode)}",
        "nama": r["nama"],
        "jabatan": r["jabatan"] or KOSONG,
        "unit_kerja": r["unit_kerja"] or KOSONG,
        "instansi": s.nama_instansi.get(r["kode_instansi"], r["kode_instansi"]),
        "periode": nama_periode(p.kode),
        "kode_periode": p.kode,
        "jumlah": len(anggota),
        "belum": belum,
        "kelompok": kelompok,
        "sebaran": sebaran,
        "kepatuhan": kepatuhan,
        "jumlah_iki": len(idx),
        "perhatian": [dict(b, skor=angka(b["skor"], 0) if float(b["skor"]).is_integer() else angka(b["skor"], 1), alasan="; ".join(b["alasan"])) for b in perhatian],
        "ambang": angka(s.aturan.ambang_daftar, 0),
        "kosong": KOSONG,
    }


# =============================================================================================
# Templates


@functools.lru_cache(maxsize=None)
def _lingkungan():
    import jinja2

    from capaian import sumber

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(sumber.folder_template() / "halaman")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@functools.lru_cache(maxsize=None)
def _templat(nama: str):
    return _lingkungan().get_template(nama)


@functools.lru_cache(maxsize=1)
def _css() -> str:
    from capaian import sumber

    return (sumber.folder_template() / "halaman" / "halaman.css").read_text(encoding="utf-8")


# =============================================================================================
# For a notebook


@dataclass(frozen=True)
class HalamanHtml:
    """A whole page for a notebook: `html` is the self-contained document; Jupyter shows it in an
    iframe (so its CSS does not restyle the notebook); `write(path)` writes it atomically."""

    html: str
    tinggi: int = 900

    def _repr_html_(self) -> str:
        import html as html_lib

        return f'<iframe srcdoc="{html_lib.escape(self.html, quote=True)}" style="width:100%;height:{self.tinggi}px;border:1px solid #d5dbe0"></iframe>'

    def write(self, path: str | Path) -> Path:
        from capaian.runner import write_atomic

        write_atomic(Path(path), self.html)
        return Path(path)


def rapor_pegawai(data: str | Path, periode: str, nip: str, metodologi: str | Path | None = None) -> HalamanHtml:
    """One pegawai's rapor, for a notebook: validates and scores `data` for `periode`, then
    returns the page (`HalamanHtml`: Jupyter shows it; `.html` is the document, `.write(path)`
    writes it).

    Raises `capaian.galat.NipTidakDikenal` where `nip` is not in the pegawai table (spaces in the
    NIP are ignored).
    """
    from capaian.galat import NipTidakDikenal
    from capaian.kode import clean_nip, parse_periode
    from capaian.nilai import score_period
    from capaian.pengaturan import load_metodologi
    from capaian.validasi import load_dataset

    ds = load_dataset(data)
    nip_bersih = str(clean_nip(pd.Series([nip])).iloc[0])
    if nip_bersih not in set(ds.pegawai["nip"].astype(str)):
        raise NipTidakDikenal(nip)
    hasil = score_period(ds, parse_periode(periode), load_metodologi(metodologi))
    return HalamanHtml(SumberHalaman(ds, hasil).render_rapor(nip_bersih))
