"""`capaian impor`: e-Kinerja and SIASN exports into a data folder (docs/impor.md).

    laporan = impor(["ekspor/"], "data/impor")          # LaporanImpor; raises ImporError

Three export layouts are read, each recognised by its header row (the first row within the first
20 holding the layout's `tanda` headers): e-Kinerja "Laporan Penilaian SKP" (one file per month
plus one "Tahunan"), e-Kinerja "Laporan SKP" and SIASN "Export Data ASN" (comma CSV, or the newer
`|`-delimited CSV with a BOM and `'`-prefixed values). Header aliases and value vocabularies are
data (`params/impor/tata_letak.yaml`, `params/impor/kosakata.yaml`); code knows only the
canonical column names.

The import writes `instansi.csv`, `pegawai.csv`, `rating_putusan.csv` and (with a Laporan SKP)
`status_skp.csv` (docs/kontrak-data.md bagian 1; same CSV dialect as `capaian contoh`), plus the
import report `laporan_impor.xlsx`, which the data-folder reader ignores (its name is no table's).
All or nothing: the folder is built beside DATA under a hidden name and moved in place only when
every file is written; any error (`ImporError`, exit 1) lists every problem and writes nothing.

Nothing is guessed: a row is mapped, or excluded with a counted reason (PLT/PLH, superseded by a
transfer, not yet rated, an exact copy of a row of another file), and every header or value not in
the vocabularies is listed with file:row:column (row as Excel shows it).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from capaian import sumber
from capaian.galat import AturanImporError, FolderImporBerisiData, GalatPerintah, ImporError
from capaian.kode import LABEL, normalise_code
from capaian.masalah import Masalah
from capaian.pengaturan import baca_pemetaan, ModelKetat, gabung, terjemah_galat
from capaian.runner import folder_kerja

# =============================================================================================
# Settings: params/impor/*.yaml

BERKAS_ATURAN = ("tata_letak.yaml", "kosakata.yaml")
FOLDER_ATURAN = "params/impor"  # a working folder's own copy, read before the packaged one

KodeRating = Literal["di_atas", "sesuai", "di_bawah"]
KodePredikat = Literal["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
KodeJenjang = Literal["pemula", "terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"]


class TataLetak(ModelKetat):
    """One export layout: its name, the headers that identify it, its required columns, and the
    aliases of each canonical column."""

    nama: str
    tanda: list[str]
    wajib: list[str]
    kolom: dict[str, list[str]]


class SemuaTataLetak(ModelKetat):
    penilaian_skp: TataLetak
    laporan_skp: TataLetak
    siasn: TataLetak


class Kosakata(ModelKetat):
    """Value vocabularies: each code and the ways exports write it."""

    rating: dict[KodeRating, list[str]]
    predikat: dict[KodePredikat, list[str]]
    belum_dinilai: list[str]
    skp_status: dict[Literal["persetujuan", "pengajuan", "draft"], list[str]]
    jenis_pegawai: dict[str, list[str]]
    plt_plh: dict[Literal["ya", "tidak"], list[str]]
    bulan: dict[int, list[str]]
    tahunan: list[str]
    jenjang: dict[KodeJenjang, list[str]]
    jenis_instansi: dict[str, list[str]]


@dataclass(frozen=True)
class AturanImpor:
    tata_letak: SemuaTataLetak
    kosakata: Kosakata

    def layouts(self) -> list[tuple[str, TataLetak]]:
        return [(k, getattr(self.tata_letak, k)) for k in SemuaTataLetak.model_fields]


def _kamus(pilihan: dict[Any, list[str]]) -> dict[str, Any]:
    """Normalised spelling -> code."""
    return {_norm(v): k for k, daftar in pilihan.items() for v in [*daftar, str(k)]}


def _norm(teks: Any) -> str:
    return normalise_code("" if teks is None else str(teks))


def folder_aturan_bawaan() -> Path:
    """`params/impor/` of the working folder where it exists, else the packaged folder."""
    p = Path(FOLDER_ATURAN)
    return p if p.is_dir() else sumber.folder_params("impor")


def load_aturan_impor(folder: str | Path | None = None) -> AturanImpor:
    """The layouts and vocabularies: each file of `folder` (default `folder_aturan_bawaan()`)
    merged over the packaged one (mappings key by key, lists replaced whole), so a folder may hold
    one file with only the keys it changes. Raises AturanImporError (exit 2) naming file and key."""
    folder = Path(folder) if folder is not None else folder_aturan_bawaan()
    if not folder.is_dir():
        raise AturanImporError([("", "folder aturan impor tidak ada atau bukan folder")], str(folder))
    data = {}
    for nama in BERKAS_ATURAN:
        dasar = baca_pemetaan(sumber.berkas_params(f"impor/{nama}"), AturanImporError, f"bawaan impor/{nama}")
        sendiri = folder / nama
        data[nama] = gabung(dasar, baca_pemetaan(sendiri, AturanImporError)) if sendiri.is_file() else dasar
    hasil = []
    for nama, model in zip(BERKAS_ATURAN, (SemuaTataLetak, Kosakata)):
        try:
            hasil.append(model.model_validate(data[nama]))
        except ValidationError as e:
            raise AturanImporError(terjemah_galat(e, model), str(folder / nama)) from None
    return AturanImpor(*hasil)


# =============================================================================================
# Reading any export into rows of cells

ALASAN = {
    "plt_plh": "SKP PLT/PLH",
    "digantikan_mutasi": "digantikan baris mutasi (periode_akhir lebih baru)",
    "belum_dinilai": "belum dinilai ('-')",
    "ganda_antar_berkas": "sama persis dengan baris berkas lain",
}
"""Why a row is excluded (the keys are the report's column names)."""

_BARIS_CARI_JUDUL = 20
_RE_ILMIAH = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_RE_SPASI = re.compile(r"[\s\u00a0\u2007\u202f]+")


@dataclass
class Lembar:
    """One export file read: its cells by Excel row (rows holding nothing are absent)."""

    label: str
    path: Path
    baris: list[tuple[int, list]]


def _huruf_kolom(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def baca_lembar(path: Path, label: str) -> Lembar:
    """The cells of an XLSX (first sheet, stored values) or a CSV (`,`, `;` or `|`; UTF-8 with
    or without BOM, or cp1252; one leading `'` of a cell dropped, as SIASN writes it).
    Raises _TidakDikenal where the file cannot be read."""
    ext = path.suffix.casefold()
    if ext == ".xlsx":
        return Lembar(label, path, _baca_xlsx(path))
    if ext == ".csv":
        return Lembar(label, path, _baca_csv(path))
    raise _TidakDikenal(f"akhiran {path.suffix or '(tanpa akhiran)'} tidak dibaca; hanya .xlsx dan .csv")


class _TidakDikenal(Exception):
    """A file that is not one of the layouts; the message says why."""


def _baca_xlsx(path: Path) -> list[tuple[int, list]]:
    from capaian.baca import baris_xlsx, buka_xlsx

    try:
        wb = buka_xlsx(path)
    except Exception as exc:
        raise _TidakDikenal(f"tidak dapat dibaca sebagai XLSX ({exc})") from None
    try:
        hasil = []
        for idx, cells in baris_xlsx(wb.worksheets[0]):
            baris = [None] * max(c for c, _ in cells)
            for c, v in cells:
                baris[c - 1] = v.strip() if isinstance(v, str) else v
            hasil.append((idx, baris))
        return hasil
    finally:
        wb.close()


def _baca_csv(path: Path) -> list[tuple[int, list]]:
    from capaian.baca import BukanUtf8, decode_csv

    try:
        teks, _ = decode_csv(path.read_bytes())
    except BukanUtf8 as exc:
        raise _TidakDikenal(exc.pesan) from None
    awal = teks.splitlines()[:_BARIS_CARI_JUDUL]
    sep = max((",", ";", "|"), key=lambda s: max((re.sub(r'"[^"]*"', "", b).count(s) for b in awal), default=0))
    hasil = []
    for i, sel in enumerate(csv.reader(io.StringIO(teks, newline=""), delimiter=sep), start=1):
        baris = [_tanpa_petik(s.strip()) or None for s in sel]
        if any(v is not None for v in baris):
            hasil.append((i, baris))
    return hasil


def _tanpa_petik(s: str) -> str:
    return s[1:].strip() if s.startswith("'") else s


def teks_sel(v: Any) -> str:
    """A cell as text: whole numbers without `.0`, dates as `YYYY-MM-DD`, empty as ""."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v).strip()


@dataclass
class BerkasDikenal:
    """An export file recognised as one layout: its header row, canonical column positions, and
    its data rows (Excel row, canonical column -> cell)."""

    lembar: Lembar
    jenis: str
    tata_letak: TataLetak
    baris_judul: int
    kolom: dict[str, int]
    data: list[tuple[int, dict[str, Any]]]
    judul_asli: dict[str, str]

    @property
    def label(self) -> str:
        return self.lembar.label

    def sel_judul(self, baris: int) -> str:
        """Text of cell A`baris` (title rows above the header), "" where empty."""
        for idx, cells in self.lembar.baris:
            if idx == baris:
                return teks_sel(cells[0]) if cells else ""
        return ""


def kenali(lembar: Lembar, aturan: AturanImpor, catatan: list[Masalah]) -> BerkasDikenal:
    """Recognise the layout of `lembar` by its header row; unknown headers go to `catatan`.
    Raises _TidakDikenal saying why when no layout fits or a required column is missing."""
    alias = {jenis: _alias(t) for jenis, t in aturan.layouts()}
    for idx, cells in lembar.baris[:_BARIS_CARI_JUDUL]:
        if idx > _BARIS_CARI_JUDUL:
            break
        normal = [_norm(teks_sel(c)) for c in cells]
        for jenis, t in aturan.layouts():
            kanon = [alias[jenis].get(n) for n in normal]
            if all(tanda in kanon for tanda in t.tanda):
                return _susun(lembar, jenis, t, idx, cells, kanon, catatan)
    daftar = "; ".join(f"{' dan '.join(t.tanda)} ({t.nama})" for _, t in aturan.layouts())
    raise _TidakDikenal(
        f"tidak dikenali sebagai ekspor yang dibaca: tidak ada baris judul dalam {_BARIS_CARI_JUDUL} baris pertama yang memuat {daftar}"
    )


def _alias(t: TataLetak) -> dict[str, str]:
    return {_norm(a): k for k, daftar in t.kolom.items() for a in [k, *daftar]}


def _susun(lembar, jenis, t, idx, cells, kanon, catatan) -> BerkasDikenal:
    kolom: dict[str, int] = {}
    judul_asli: dict[str, str] = {}
    for i, (c, k) in enumerate(zip(cells, kanon)):
        asli = teks_sel(c)
        if not asli:
            continue
        if k is None:
            catatan.append(Masalah(lembar.label, idx, asli, asli, f"judul kolom tidak dikenal (kolom {_huruf_kolom(i)}); kolom ini tidak dibaca"))
            continue
        if k in kolom:
            raise _TidakDikenal(f"kolom '{k}' muncul dua kali di baris judul {idx} ('{judul_asli[k]}' dan '{asli}')")
        kolom[k] = i
        judul_asli[k] = asli
    kurang = [k for k in t.wajib if k not in kolom]
    if kurang:
        raise _TidakDikenal(f"berbentuk {t.nama} (baris judul {idx}) tetapi kolom wajib tidak ada: {', '.join(kurang)}")
    data = []
    for r, sel in lembar.baris:
        if r <= idx:
            continue
        data.append((r, {k: (sel[i] if i < len(sel) else None) for k, i in kolom.items()}))
    return BerkasDikenal(lembar, jenis, t, idx, kolom, data, judul_asli)


# =============================================================================================
# Values


class _Galat:
    """Collects the import's errors (status 1) as Masalah records."""

    def __init__(self):
        self.masalah: list[Masalah] = []

    def tambah(self, berkas: str, baris: int, kolom: str, nilai: Any, pesan: str) -> None:
        self.masalah.append(Masalah(berkas, baris, kolom, teks_sel(nilai), pesan))


def baca_nip(v: Any, b: BerkasDikenal, baris: int, kolom: str, galat: _Galat, boleh_kosong: bool = False) -> str | None:
    """An 18-digit NIP from a cell, or None (with an error in `galat`, unless empty and allowed).

    A NIP stored as a number, or written in scientific notation, is an error: Excel keeps only 15
    significant digits, so its last digits may already be lost (docs/kontrak-data.md bagian 1)."""
    asli = b.judul_asli.get(kolom, kolom)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        galat.tambah(b.label, baris, asli, v, "NIP tersimpan sebagai angka, bukan teks: Excel hanya menyimpan 15 digit, jadi digit terakhir NIP "
                     "mungkin sudah hilang; ekspor ulang atau format kolom ini sebagai Teks lalu tempel NIP aslinya")
        return None
    s = _RE_SPASI.sub("", teks_sel(v))
    if not s:
        if not boleh_kosong:
            galat.tambah(b.label, baris, asli, v, "NIP kosong")
        return None
    if _RE_ILMIAH.match(s):
        galat.tambah(b.label, baris, asli, v, "NIP tertulis dalam notasi ilmiah (seperti 1.98E+17): digit NIP sudah hilang; "
                     "ekspor ulang atau format kolom ini sebagai Teks lalu tempel NIP aslinya")
        return None
    if not re.fullmatch(r"\d{18}", s):
        galat.tambah(b.label, baris, asli, v, "NIP harus 18 digit angka")
        return None
    return s


def baca_tanggal(v: Any) -> dt.date | None:
    """A date from a cell (date cell, `YYYY-MM-DD[ HH:MM[:SS]]` or `DD-MM-YYYY`/`DD/MM/YYYY`); None if not one."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = teks_sel(v)
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.match(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$", s)
        if not m:
            return None
        d, mo, y = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# =============================================================================================
# The import


@dataclass
class RingkasanBerkas:
    """What one export file gave: rows read, mapped, excluded by reason."""

    label: str
    jenis: str
    keterangan: str  # e.g. the period of a Laporan Penilaian SKP
    dibaca: int = 0
    dipetakan: int = 0
    dikecualikan: Counter = field(default_factory=Counter)


@dataclass
class LaporanImpor:
    """The import report: per-file counts, each excluded row with its reason, each header or value
    not recognised (`catatan`), and the number of rows written per table."""

    berkas: list[RingkasanBerkas]
    dikecualikan: list[tuple[str, int, str, str]]  # (file, Excel row, nip, reason key)
    catatan: list[Masalah]
    tabel: dict[str, int]
    folder: Path | None = None

    def jumlah(self) -> RingkasanBerkas:
        total = RingkasanBerkas("jumlah", "", "")
        for b in self.berkas:
            total.dibaca += b.dibaca
            total.dipetakan += b.dipetakan
            total.dikecualikan.update(b.dikecualikan)
        return total

    def ringkasan(self) -> str:
        """The summary printed by `capaian impor` (Bahasa Indonesia)."""
        baris = []
        for b in [*self.berkas, self.jumlah()]:
            kecuali = ", ".join(f"{ALASAN[k]} {b.dikecualikan[k]}" for k in ALASAN if b.dikecualikan[k])
            ket = f" [{b.jenis}{': ' + b.keterangan if b.keterangan else ''}]" if b.jenis else ""
            baris.append(f"  {b.label}{ket}: {b.dibaca} baris dibaca, {b.dipetakan} dipetakan"
                         + (f", dikecualikan: {kecuali}" if kecuali else ""))
        hasil = ["Impor:", *baris]
        hasil.append("Tabel ditulis: " + ", ".join(f"{t}.csv {n} baris" for t, n in self.tabel.items()))
        if self.catatan:
            hasil.append(f"Tidak dikenal / perlu diperiksa ({len(self.catatan)}):")
            hasil += [f"  {m}" for m in self.catatan]
        else:
            hasil.append("Semua judul kolom dan nilai dikenali.")
        if self.folder is not None:
            hasil.append(f"Data ditulis ke {self.folder}; laporan impor: {self.folder / NAMA_LAPORAN}")
        return "\n".join(hasil)


NAMA_LAPORAN = "laporan_impor.xlsx"
KOLOM = {
    "instansi": ("kode_instansi", "nama_instansi", "jenis"),
    "pegawai": ("nip", "nama", "kode_instansi", "unit_kerja", "jabatan", "nip_atasan", "jenjang"),
    "rating_putusan": ("nip", "periode", "rating_hasil_kerja", "rating_perilaku", "predikat", "nip_penilai", "waktu_dinilai", "sumber"),
    "status_skp": ("nip", "tahun", "status", "sumber"),
}
"""The tables the import writes, with their columns in contract order (docs/kontrak-data.md bagian 1)."""


@dataclass
class _Jabatan:
    """What one e-Kinerja row says about a pegawai's post (the latest one counts)."""

    tanggal: dt.date
    urutan: int
    nama: str
    instansi: str
    unit: str
    jabatan: str
    atasan: str | None
    asal: tuple[str, int]  # (file, Excel row)


class _Impor:
    def __init__(self, aturan: AturanImpor):
        self.aturan = aturan
        k = aturan.kosakata
        self.rating = _kamus(k.rating)
        self.predikat = _kamus(k.predikat)
        self.belum = {_norm(v) for v in k.belum_dinilai}
        self.status = _kamus(k.skp_status)
        self.jenis_pegawai = _kamus(k.jenis_pegawai)
        self.plt = _kamus(k.plt_plh)
        self.bulan = _kamus(k.bulan)
        self.tahunan = {_norm(v) for v in k.tahunan}
        self.galat = _Galat()
        self.catatan: list[Masalah] = []
        self.ringkasan: list[RingkasanBerkas] = []
        self.dikecualikan: list[tuple[str, int, str, str]] = []
        self.putusan: dict[tuple[str, str], tuple[dict, str]] = {}
        self.status_skp: dict[tuple[str, int], tuple[dict, str]] = {}
        self.siasn: dict[str, tuple[dict, str]] = {}
        self.asal_siasn: dict[str, tuple[str, int]] = {}
        self.jabatan: dict[str, _Jabatan] = {}
        self.urutan = 0

    # -- helpers -----------------------------------------------------------------------------

    def kecualikan(self, r: RingkasanBerkas, b: BerkasDikenal, baris: int, nip: str, alasan: str) -> None:
        r.dikecualikan[alasan] += 1
        self.dikecualikan.append((b.label, baris, nip, alasan))

    def kosakata(self, kamus: dict, b: BerkasDikenal, baris: int, kolom: str, v: Any, apa: str, galat: bool) -> Any:
        """The code of `v` in `kamus`; an unknown value is an error (`galat`) or a note; None then."""
        kode = kamus.get(_norm(teks_sel(v)))
        if kode is None:
            pesan = f"{apa} '{teks_sel(v)}' tidak dikenal; tambahkan ejaannya ke params/impor/kosakata.yaml bila benar"
            if galat:
                self.galat.tambah(b.label, baris, b.judul_asli.get(kolom, kolom), v, pesan)
            else:
                self.catatan.append(Masalah(b.label, baris, b.judul_asli.get(kolom, kolom), teks_sel(v), pesan))
        return kode

    def adalah_plt(self, b, baris, kolom, v) -> bool | None:
        kode = self.kosakata(self.plt, b, baris, kolom, v, "penanda PLT/PLH", galat=True)
        return None if kode is None else kode == "ya"

    def catat_jabatan(self, nip: str, tanggal: dt.date | None, b: BerkasDikenal, baris: int, sel: dict, atasan: str | None) -> None:
        self.urutan += 1
        j = _Jabatan(tanggal or dt.date.min, self.urutan, teks_sel(sel.get("nama")), teks_sel(sel.get("skp_unor_induk")),
                     teks_sel(sel.get("skp_unor")), teks_sel(sel.get("skp_jabatan")), atasan, (b.label, baris))
        lama = self.jabatan.get(nip)
        if lama is None or (j.tanggal, j.urutan) > (lama.tanggal, lama.urutan):
            self.jabatan[nip] = j

    def saring(self, b: BerkasDikenal, r: RingkasanBerkas, kolom_plt: str, kolom_akhir: str):
        """Rows that count, one per pegawai: PLT/PLH rows excluded, then of a pegawai's rows the
        one with the latest `kolom_akhir` (the others: superseded by a transfer). Yields (row,
        cells, nip, date)."""
        calon: dict[str, list] = {}
        for baris, sel in b.data:
            r.dibaca += 1
            nip = baca_nip(sel.get("nip"), b, baris, "nip", self.galat)
            plt = self.adalah_plt(b, baris, kolom_plt, sel.get(kolom_plt))
            if nip is None or plt is None:
                continue
            if plt:
                self.kecualikan(r, b, baris, nip, "plt_plh")
                continue
            akhir = baca_tanggal(sel.get(kolom_akhir))
            if akhir is None:
                self.galat.tambah(b.label, baris, b.judul_asli.get(kolom_akhir, kolom_akhir), sel.get(kolom_akhir),
                                  "tanggal tidak terbaca (YYYY-MM-DD atau DD-MM-YYYY); tanggal ini menentukan baris mana yang berlaku bila pegawai mutasi")
                continue
            calon.setdefault(nip, []).append((akhir, baris, sel))
        for nip, daftar in calon.items():
            daftar.sort(key=lambda x: (x[0], x[1]))
            if len(daftar) > 1 and daftar[-1][0] == daftar[-2][0]:
                self.galat.tambah(b.label, daftar[-1][1], b.judul_asli.get(kolom_akhir, kolom_akhir), daftar[-1][0],
                                  f"pegawai {nip} punya dua baris dengan {kolom_akhir} yang sama (baris {daftar[-2][1]} dan {daftar[-1][1]}); "
                                  "tidak dapat ditentukan mana yang berlaku")
                continue
            for akhir, baris, sel in daftar[:-1]:
                self.kecualikan(r, b, baris, nip, "digantikan_mutasi")
            akhir, baris, sel = daftar[-1]
            yield baris, sel, nip, akhir

    def simpan_sekali(self, tempat: dict, kunci, isi: dict, letak: str, r: RingkasanBerkas, b, baris, nip, apa: str) -> bool:
        """Keep `isi` under `kunci` unless another file already gave it: the same content is
        counted as a copy, different content is an error naming both files."""
        ada = tempat.get(kunci)
        if ada is None:
            tempat[kunci] = (isi, letak)
            return True
        if ada[0] == isi:
            self.kecualikan(r, b, baris, nip, "ganda_antar_berkas")
            return False
        beda = ", ".join(f"{k} '{ada[0][k]}' lawan '{isi[k]}'" for k in isi if ada[0][k] != isi[k])
        self.galat.tambah(b.label, baris, "", nip, f"{ada[1]} dan {letak} berbeda tentang {apa} pegawai {nip}: {beda}")
        return False

    # -- layouts -----------------------------------------------------------------------------

    def periode_penilaian(self, b: BerkasDikenal) -> str | None:
        a3 = b.sel_judul(3)
        kata = [_norm(w) for w in re.findall(r"[A-Za-z]+", a3)]
        tahunan = any(w in self.tahunan for w in kata)
        bulan = next((self.bulan[w] for w in kata if w in self.bulan), None)
        if not tahunan and bulan is None:
            raise _TidakDikenal(f"Laporan Penilaian SKP tanpa bulan: sel A3 ('{a3}') tidak memuat nama bulan atau 'Tahunan'")
        tahun = {teks_sel(s.get("tahun_skp")) for _, s in b.data} - {""}
        if not tahun:
            tahun = {str(t.year) for _, s in b.data if (t := baca_tanggal(s.get("periode_awal_skp")))}
        if not tahun:
            tahun = set(re.findall(r"\b(20\d\d)\b", " ".join(b.sel_judul(i) for i in (1, 2, 3))))
        if len(tahun) != 1 or not re.fullmatch(r"\d{4}", next(iter(tahun))):
            raise _TidakDikenal(f"tahun penilaian tidak dapat ditentukan dari tahun_skp, periode_awal_skp atau baris judul ({sorted(tahun) or 'kosong'})")
        t = next(iter(tahun))
        return t if tahunan else f"{t}-{int(bulan):02d}"

    def penilaian(self, b: BerkasDikenal) -> None:
        periode = self.periode_penilaian(b)
        r = RingkasanBerkas(b.label, b.tata_letak.nama, periode)
        self.ringkasan.append(r)
        for baris, sel, nip, akhir in self.saring(b, r, "is_skp_plt_plh_pjb", "periode_akhir_skp"):
            atasan = baca_nip(sel.get("pegawai_atasan_nip"), b, baris, "pegawai_atasan_nip", self.galat, boleh_kosong=True)
            self.catat_jabatan(nip, akhir, b, baris, sel, atasan)
            self.kosakata(self.jenis_pegawai, b, baris, "jenis_pegawai", sel.get("jenis_pegawai"), "jenis pegawai", galat=False) \
                if teks_sel(sel.get("jenis_pegawai")) else None
            if _norm(teks_sel(sel.get("hasil_akhir"))) in self.belum or not teks_sel(sel.get("hasil_akhir")):
                self.kecualikan(r, b, baris, nip, "belum_dinilai")
                continue
            predikat = self.kosakata(self.predikat, b, baris, "hasil_akhir", sel.get("hasil_akhir"), "predikat", galat=True)
            rating = {}
            for kolom, nama in (("hasil_kerja", "rating_hasil_kerja"), ("perilaku_kerja", "rating_perilaku")):
                v = sel.get(kolom)
                rating[nama] = "" if _norm(teks_sel(v)) in self.belum or not teks_sel(v) else \
                    self.kosakata(self.rating, b, baris, kolom, v, "rating", galat=True)
            waktu = ""
            if teks_sel(sel.get("waktu_dinilai")):
                t = baca_tanggal(sel.get("waktu_dinilai"))
                if t is None:
                    self.catatan.append(Masalah(b.label, baris, b.judul_asli.get("waktu_dinilai", "waktu_dinilai"), teks_sel(sel.get("waktu_dinilai")),
                                                "waktu_dinilai tidak terbaca sebagai tanggal; dikosongkan"))
                else:
                    waktu = t.isoformat()
            if predikat is None or None in rating.values():
                continue
            isi = {"rating_hasil_kerja": LABEL.get(rating["rating_hasil_kerja"], ""), "rating_perilaku": LABEL.get(rating["rating_perilaku"], ""),
                   "predikat": LABEL[predikat], "penilai": atasan or "", "waktu_dinilai": waktu}
            letak = f"{b.label} baris {baris}"
            if self.simpan_sekali(self.putusan, (nip, periode), isi, letak, r, b, baris, nip, f"periode {periode}"):
                r.dipetakan += 1

    def laporan_skp(self, b: BerkasDikenal) -> None:
        r = RingkasanBerkas(b.label, b.tata_letak.nama, "")
        self.ringkasan.append(r)
        tahun_berkas = set()
        for baris, sel, nip, akhir in self.saring(b, r, "is_plt_plh", "periode_akhir"):
            self.catat_jabatan(nip, akhir, b, baris, sel, None)
            if teks_sel(sel.get("jenis_pegawai")):
                self.kosakata(self.jenis_pegawai, b, baris, "jenis_pegawai", sel.get("jenis_pegawai"), "jenis pegawai", galat=False)
            status = self.kosakata(self.status, b, baris, "skp_status", sel.get("skp_status"), "status SKP", galat=True)
            tahun = teks_sel(sel.get("tahun")) or str(akhir.year)
            if status is None:
                continue
            if not re.fullmatch(r"\d{4}", tahun):
                self.galat.tambah(b.label, baris, b.judul_asli.get("tahun", "tahun"), tahun, "tahun harus 4 digit")
                continue
            tahun_berkas.add(tahun)
            isi = {"status": status}
            letak = f"{b.label} baris {baris}"
            if self.simpan_sekali(self.status_skp, (nip, int(tahun)), isi, letak, r, b, baris, nip, f"status SKP {tahun}"):
                r.dipetakan += 1
        r.keterangan = ", ".join(sorted(tahun_berkas))

    def siasn_asn(self, b: BerkasDikenal) -> None:
        r = RingkasanBerkas(b.label, b.tata_letak.nama, "")
        self.ringkasan.append(r)
        for baris, sel in b.data:
            r.dibaca += 1
            nip = baca_nip(sel.get("nip_baru"), b, baris, "nip_baru", self.galat)
            if nip is None:
                continue
            nama = teks_sel(sel.get("nama"))
            depan, belakang = teks_sel(sel.get("gelar_depan")), teks_sel(sel.get("gelar_belakang"))
            lengkap = " ".join(x for x in (depan, nama) if x) + (f", {belakang}" if belakang else "")
            isi = {"nama": lengkap, "jabatan": teks_sel(sel.get("jabatan_nama")), "unit": teks_sel(sel.get("unor_nama")),
                   "instansi": teks_sel(sel.get("unor_induk_nama"))}
            if self.simpan_sekali(self.siasn, nip, isi, f"{b.label} baris {baris}", r, b, baris, nip, "data"):
                self.asal_siasn[nip] = (b.label, baris)
                r.dipetakan += 1

    # -- tables ------------------------------------------------------------------------------

    def jenjang(self, jabatan: str) -> str:
        teks = f" {_norm(jabatan)} "
        cocok = [(len(_norm(f)), k) for k, frasa in self.aturan.kosakata.jenjang.items() for f in frasa
                 if teks.endswith(f"_{_norm(f)} ") or teks.strip() == _norm(f)]
        return max(cocok)[1] if cocok else ""

    def tabel(self, peta: dict[str, str]) -> dict[str, list[dict]]:
        nips = sorted(set(self.jabatan) | set(self.siasn))
        instansi: dict[str, str] = {}  # normalised name -> name as first seen
        pegawai = []
        for nip in nips:
            j, s = self.jabatan.get(nip), self.siasn.get(nip, ({}, ""))[0]
            nama_opd = (j.instansi if j else "") or s.get("instansi", "")
            if not nama_opd:
                label, baris = j.asal if j else self.asal_siasn[nip]
                self.galat.tambah(label, baris, "skp_unor_induk" if j else "UNOR INDUK NAMA", nip,
                                  f"pegawai {nip} tanpa OPD: skp_unor_induk (e-Kinerja) dan UNOR INDUK NAMA (SIASN) kosong")
                continue
            instansi.setdefault(_kunci_nama(nama_opd), nama_opd)
            pegawai.append({
                "nip": nip,
                "nama": s.get("nama") or (j.nama if j else ""),
                "opd": _kunci_nama(nama_opd),
                "unit_kerja": (j.unit if j else "") or s.get("unit", ""),
                "jabatan": (j.jabatan if j else "") or s.get("jabatan", ""),
                "nip_atasan": (j.atasan or "") if j else "",
                "jenjang": self.jenjang(s.get("jabatan", "")) if s else "",
            })
        kode = kode_instansi(list(instansi.values()), peta)
        ada = {p["nip"] for p in pegawai}
        for p in pegawai:
            p["kode_instansi"] = kode[p.pop("opd")]
            atasan = p["nip_atasan"]
            if atasan and (atasan not in ada or atasan == p["nip"]):
                sebab = "NIP pegawai itu sendiri" if atasan == p["nip"] else "tidak ada di antara pegawai yang diimpor"
                label, baris = self.jabatan[p["nip"]].asal
                self.catatan.append(Masalah(label, baris, "pegawai_atasan_nip", atasan, f"atasan pegawai {p['nip']} {sebab}; nip_atasan dikosongkan"))
                p["nip_atasan"] = ""
        jenis = _kamus(self.aturan.kosakata.jenis_instansi)
        tabel_instansi = sorted(
            ({"kode_instansi": kode[k], "nama_instansi": n, "jenis": jenis.get(_norm(n.split()[0]), "") if n.split() else ""} for k, n in instansi.items()),
            key=lambda x: x["kode_instansi"],
        )
        nip_ada = {p["nip"] for p in pegawai}
        putusan = []
        for (nip, periode), (isi, letak) in sorted(self.putusan.items()):
            putusan.append({"nip": nip, "periode": periode, "rating_hasil_kerja": isi["rating_hasil_kerja"], "rating_perilaku": isi["rating_perilaku"],
                            "predikat": isi["predikat"], "nip_penilai": isi["penilai"] if isi["penilai"] in nip_ada and isi["penilai"] != nip else "",
                            "waktu_dinilai": isi["waktu_dinilai"], "sumber": f"e-Kinerja Laporan Penilaian SKP: {letak}"})
        status = [{"nip": nip, "tahun": str(tahun), "status": isi["status"], "sumber": f"e-Kinerja Laporan SKP: {letak}"}
                  for (nip, tahun), (isi, letak) in sorted(self.status_skp.items())]
        tabel = {"instansi": tabel_instansi, "pegawai": sorted(pegawai, key=lambda p: (p["kode_instansi"], p["nip"])), "rating_putusan": putusan}
        if self.status_skp or any(r.jenis == self.aturan.tata_letak.laporan_skp.nama for r in self.ringkasan):
            tabel["status_skp"] = status
        return tabel


def _kunci_nama(nama: str) -> str:
    return " ".join(nama.split()).casefold()


# =============================================================================================
# Instansi codes


def kode_turunan(nama: str) -> str:
    """A kode_instansi derived from an OPD name alone (so the same name always gets the same
    code): its words in capitals joined by `-` (`Dinas Kesehatan` → `DINAS-KESEHATAN`); a code
    longer than 32 characters is cut at a word and ends with 4 characters of the name's SHA-1."""
    import unicodedata

    polos = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    kata = re.findall(r"[A-Za-z0-9]+", polos)
    kode = "-".join(k.upper() for k in kata) or "OPD"
    if len(kode) > 32:
        kode = kode[:27].rsplit("-", 1)[0] + "-" + _sidik(nama)
    return kode


def _sidik(nama: str) -> str:
    return hashlib.sha1(_kunci_nama(nama).encode()).hexdigest()[:4].upper()


def kode_instansi(nama: list[str], peta: dict[str, str]) -> dict[str, str]:
    """normalised OPD name -> kode_instansi: from `peta` (normalised name -> code) where given,
    else `kode_turunan`. Derived codes that collide (ignoring case) with another code get the
    name's SHA-1 suffix, so every code stays unique and still depends only on its name."""
    from capaian.skema import alasan_kode_dicadangkan

    hasil = {}
    for n in nama:
        k = _kunci_nama(n)
        hasil[k] = peta[k] if k in peta else kode_turunan(n)
    dipeta = {k for k in hasil if k in peta}
    hitung = Counter(v.casefold() for v in hasil.values())
    for n in nama:
        k = _kunci_nama(n)
        if k not in dipeta and (hitung[hasil[k].casefold()] > 1 or alasan_kode_dicadangkan(hasil[k])):
            hasil[k] = (hasil[k][:27].rstrip("-.") + "-" + _sidik(n)).lstrip("_.-")
    return hasil


def baca_peta_instansi(path: Path) -> dict[str, str]:
    """`--peta-instansi`: YAML `nama OPD: KODE`, or CSV with columns nama_instansi, kode_instansi.
    Raises AturanImporError (exit 2) for an unreadable file, a code the contract refuses, or one
    code given to two names."""
    from capaian.skema import KODE_INSTANSI_POLA, alasan_kode_dicadangkan

    if not path.is_file():
        raise AturanImporError([("", "berkas tidak ditemukan")], str(path))
    pasangan: list[tuple[str, str, str]] = []
    if path.suffix.casefold() in (".yaml", ".yml"):
        data = baca_pemetaan(path, AturanImporError)
        pasangan = [(str(k), teks_sel(v), str(k)) for k, v in data.items()]
    elif path.suffix.casefold() == ".csv":
        try:
            lembar = Lembar(path.name, path, _baca_csv(path))
        except _TidakDikenal as exc:
            raise AturanImporError([("", str(exc))], str(path)) from None
        if not lembar.baris:
            raise AturanImporError([("", "berkas kosong")], str(path))
        judul = [_norm(teks_sel(c)) for c in lembar.baris[0][1]]
        if "nama_instansi" not in judul or "kode_instansi" not in judul:
            raise AturanImporError([("", "baris 1 harus memuat kolom nama_instansi dan kode_instansi")], str(path))
        i, j = judul.index("nama_instansi"), judul.index("kode_instansi")
        for baris, sel in lembar.baris[1:]:
            sel = sel + [None] * (max(i, j) + 1 - len(sel))
            pasangan.append((teks_sel(sel[i]), teks_sel(sel[j]), f"baris {baris}"))
    else:
        raise AturanImporError([("", "--peta-instansi harus berakhiran .yaml, .yml atau .csv")], str(path))
    masalah, peta, pemilik = [], {}, {}
    for nama, kode, letak in pasangan:
        if not re.fullmatch(KODE_INSTANSI_POLA, kode):
            masalah.append((letak, f"kode '{kode}' harus 1–32 karakter A-Z a-z 0-9 . _ - dan tidak diawali '.'"))
        elif alasan := alasan_kode_dicadangkan(kode):
            masalah.append((letak, f"kode '{kode}': {alasan}"))
        elif kode.casefold() in pemilik and pemilik[kode.casefold()] != _kunci_nama(nama):
            masalah.append((letak, f"kode '{kode}' sudah dipakai untuk '{pemilik[kode.casefold()]}'"))
        else:
            pemilik[kode.casefold()] = _kunci_nama(nama)
            peta[_kunci_nama(nama)] = kode
    if masalah:
        raise AturanImporError(masalah, str(path))
    return peta


# =============================================================================================
# Entry point


def kumpulkan_sumber(sumber_: list[Path]) -> list[tuple[Path, str]]:
    """Every file to import, with the label shown in messages: each SUMBER file, and every
    .xlsx/.csv directly in each SUMBER folder (sorted by name; Excel lock files skipped)."""
    hasil = []
    for s in sumber_:
        if s.is_dir():
            for p in sorted(s.iterdir(), key=lambda p: p.name):
                if p.is_file() and p.suffix.casefold() in (".xlsx", ".csv") and not p.name.startswith(("~$", ".")):
                    hasil.append((p, p.name))
        elif s.is_file():
            hasil.append((s, s.name))
        else:
            raise GalatPerintah(f"sumber '{s}' tidak ada")
    if not hasil:
        raise GalatPerintah("tidak ada berkas .xlsx atau .csv di sumber yang diberikan")
    label = Counter(l for _, l in hasil)
    return [(p, str(p) if label[l] > 1 else l) for p, l in hasil]


def impor(sumber_: list[str | Path], ke: str | Path, peta_instansi: str | Path | None = None, aturan: str | Path | None = None) -> LaporanImpor:
    """Import the exports in `sumber_` into the data folder `ke` (all or nothing).

    Raises FolderImporBerisiData (exit 2) when `ke` already holds a table source; AturanImporError
    (exit 2) for bad settings or mapping; ImporError (exit 1) listing every problem of the exports
    (nothing written). Returns the report, which is also written as `ke/laporan_impor.xlsx`."""
    from capaian.baca import sumber_tabel

    ke = Path(ke)
    if ke.exists() and not ke.is_dir():
        raise GalatPerintah(f"--ke '{ke}' sudah ada dan bukan folder")
    if ke.is_dir() and sumber_tabel(ke):
        raise FolderImporBerisiData(ke, [p.name for p in sumber_tabel(ke)])
    atur = load_aturan_impor(aturan)
    peta = baca_peta_instansi(Path(peta_instansi)) if peta_instansi is not None else {}
    berkas = kumpulkan_sumber([Path(s) for s in sumber_])
    kerja = _Impor(atur)
    dikenal = []
    for path, label in berkas:
        try:
            dikenal.append(kenali(baca_lembar(path, label), atur, kerja.catatan))
        except _TidakDikenal as exc:
            kerja.galat.tambah(label, 1, "", "", f"berkas tidak dikenal: {exc}")
    urutan = {"siasn": 0, "laporan_skp": 1, "penilaian_skp": 2}
    for b in sorted(dikenal, key=lambda b: urutan[b.jenis]):
        try:
            {"siasn": kerja.siasn_asn, "laporan_skp": kerja.laporan_skp, "penilaian_skp": kerja.penilaian}[b.jenis](b)
        except _TidakDikenal as exc:
            kerja.galat.tambah(b.label, 1, "", "", f"berkas tidak dikenal: {exc}")
    urut_label = {label: i for i, (_, label) in enumerate(berkas)}
    kerja.ringkasan.sort(key=lambda r: urut_label[r.label])
    tabel = kerja.tabel(peta) if not kerja.galat.masalah else {}
    if kerja.galat.masalah:
        raise ImporError(kerja.galat.masalah)
    laporan = LaporanImpor(kerja.ringkasan, kerja.dikecualikan, kerja.catatan, {t: len(v) for t, v in tabel.items()})
    _tulis_folder(ke, tabel, laporan)
    laporan.folder = ke
    return laporan


def _tulis_folder(ke: Path, tabel: dict[str, list[dict]], laporan: LaporanImpor) -> None:
    """Write every file into a hidden folder beside `ke`, then move it in place in one step
    (or, where `ke` is a folder already holding other files, move each file in)."""
    import pandas as pd

    from capaian.baca import sumber_tabel
    from capaian.contoh import tulis_csv

    induk = ke.resolve().parent
    induk.mkdir(parents=True, exist_ok=True)
    with folder_kerja(induk, f".{ke.name}-impor-") as kerja:
        for nama, baris in tabel.items():
            frame = pd.DataFrame(baris, columns=list(KOLOM[nama]), dtype=object).fillna("")
            tulis_csv(frame.astype(str), kerja / f"{nama}.csv")
        tulis_laporan(laporan, kerja / NAMA_LAPORAN)
        if not ke.exists():
            os.rename(kerja, ke)
            return
        if sumber_tabel(ke):  # a table saved there meanwhile
            raise FolderImporBerisiData(ke, [p.name for p in sumber_tabel(ke)])
        if not any(ke.iterdir()):
            ke.rmdir()
            os.rename(kerja, ke)
            return
        for p in sorted(kerja.iterdir()):
            os.replace(p, ke / p.name)


def tulis_laporan(laporan: LaporanImpor, path: Path) -> None:
    """The import report as XLSX: `ringkasan` (per file and in total: rows read, mapped, excluded
    by reason; rows per table written), `dikecualikan` (each excluded row and why) and
    `tidak_dikenal` (each header or value not recognised, file:row:column)."""
    from openpyxl import Workbook

    from capaian.format import aman_rumus, tampak_kendali

    def sel(v):
        return aman_rumus(tampak_kendali(v)) if isinstance(v, str) else v

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("ringkasan")
    ws.append(["berkas", "jenis", "periode_atau_tahun", "baris_dibaca", "dipetakan", *[f"dikecualikan_{k}" for k in ALASAN]])
    for b in [*laporan.berkas, laporan.jumlah()]:
        ws.append([sel(b.label), sel(b.jenis), sel(b.keterangan), b.dibaca, b.dipetakan, *[b.dikecualikan[k] for k in ALASAN]])
    ws.append([])
    ws.append(["tabel", "baris_ditulis"])
    for t, n in laporan.tabel.items():
        ws.append([f"{t}.csv", n])
    ws = wb.create_sheet("dikecualikan")
    ws.append(["berkas", "baris", "nip", "alasan", "keterangan"])
    for label, baris, nip, alasan in laporan.dikecualikan:
        ws.append([sel(label), baris, nip, alasan, ALASAN[alasan]])
    ws = wb.create_sheet("tidak_dikenal")
    ws.append(["berkas", "baris", "kolom", "nilai", "pesan"])
    for m in laporan.catatan:
        ws.append([sel(m.file), m.baris, sel(m.kolom), sel(m.nilai), sel(m.pesan)])
    wb.save(path)
