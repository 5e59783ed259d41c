"""Issued periods: the immutable snapshot, the revisions beside it, and data set comparison.

`capaian terbitkan` (docs/kontrak-data.md bagian 5) turns `DIR/P/` into an issued period: after a
successful `capaian laporan` it stores in `DIR/P/terbit/` the validated input tables as Parquet
(`tabel/TABEL.parquet`, each with its SHA-256), the methodology file as used, the manifest and the
issued scores, plus `terbit.json` (who issued it, when in WITA, the hashes). The folder is built
under a temporary name and renamed in one step: an interrupted run leaves the period unissued.

Later runs of an issued period write a revision beside it (`DIR/P/revisi-N/`, `--revisi
"alasan"`), with `perubahan.html` and `perubahan.xlsx` saying what changed against the issued
snapshot (`banding_dataset`, `banding_nilai`, `banding_metodologi`). A snapshot whose files no
longer match their recorded hashes is reported (`SnapshotRusak`) and never used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from capaian.galat import PeriodeBelumSiapTerbit, PeriodeSudahTerbit, SnapshotRusak  # noqa: F401 (re-exported)

FOLDER_TERBIT = "terbit"  # DIR/P/terbit/: the issued snapshot
BERKAS_TERBIT = "terbit.json"  # DIR/P/terbit/terbit.json: who, when, hashes (written last)
BERKAS_REVISI = "revisi.json"  # DIR/P/revisi-N/revisi.json: the reason, who ran it, when
POLA_REVISI = re.compile(r"^revisi-(\d+)$")
ZONA_WITA = "Asia/Makassar"


def waktu_wita() -> str:
    """Now in WITA (Asia/Makassar), to the second, ISO 8601 with its offset (+08:00)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(ZONA_WITA)).replace(microsecond=0).isoformat()


def _sha256(path: Path) -> str:
    from capaian.baca import sha256_file

    return sha256_file(Path(path))


# =============================================================================================
# Reading an issued period


def folder_terbit(folder: str | Path) -> Path:
    return Path(folder) / FOLDER_TERBIT


def baca_terbitan(folder: str | Path) -> dict | None:
    """`terbit.json` of the period folder `folder`, or None where the period is not issued."""
    path = folder_terbit(folder) / BERKAS_TERBIT
    if not path.is_file():
        return None
    try:
        isi = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SnapshotRusak(path.parent, [f"{BERKAS_TERBIT} tidak dapat dibaca"]) from None
    return isi if isinstance(isi, dict) else None


def periksa_snapshot(terbit: str | Path) -> dict:
    """Check every file of the snapshot folder `terbit` against the hashes in its `terbit.json`;
    the record. Raises `SnapshotRusak` listing every missing or changed file."""
    terbit = Path(terbit)
    path = terbit / BERKAS_TERBIT
    try:
        isi = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SnapshotRusak(terbit, [f"{BERKAS_TERBIT} tidak ada atau tidak dapat dibaca"]) from None
    masalah = []
    for nama, sha in (isi.get("berkas") or {}).items():
        p = terbit / nama
        if not p.is_file():
            masalah.append(f"{nama}: berkas hilang")
        elif _sha256(p) != sha:
            masalah.append(f"{nama}: SHA-256 berbeda dari yang tercatat saat terbit (berkas diubah)")
    if not isi.get("berkas"):
        masalah.append(f"{BERKAS_TERBIT} tidak mencatat berkas apa pun")
    if masalah:
        raise SnapshotRusak(terbit, masalah)
    return isi


def adalah_snapshot(folder: str | Path) -> bool:
    """Whether `folder` is a snapshot folder (`DIR/P/terbit/`), usable as DATA."""
    return (Path(folder) / BERKAS_TERBIT).is_file()


# Tables added to the contract after snapshots were first issued; an older snapshot lacks them.
TABEL_OPSIONAL_BARU = ("rating_putusan", "status_skp")


def muat_snapshot(terbit: str | Path):
    """The validated data set stored in the snapshot folder `terbit` (hashes checked first)."""
    import pandas as pd

    from capaian.dataset import TABLES, Dataset, Sumber

    terbit = Path(terbit)
    isi = periksa_snapshot(terbit)
    tabel, sumber = {}, {}
    for t in TABLES:
        nama = f"tabel/{t}.parquet"
        if nama not in isi["berkas"] and t in TABEL_OPSIONAL_BARU:
            # Issued before the table joined the contract (issue 14): it had none.
            from capaian.validasi import _empty_table

            tabel[t] = _empty_table(t)
            continue
        tabel[t] = pd.read_parquet(terbit / nama)
        sumber[t] = Sumber(nama=f"{terbit.name}/{nama}", path=str(terbit / nama), sha256=isi["berkas"][nama])
    return Dataset(**tabel, sumber=sumber)


# =============================================================================================
# Issuing


def _alasan_belum_siap(manifest: Mapping[str, Any]) -> str | None:
    if not manifest:
        return "belum ada manifest.json; jalankan 'capaian laporan' untuk periode ini dahulu"
    laporan = manifest.get("laporan") or []
    if not laporan:
        return "manifest.json tidak mencatat laporan instansi; jalankan 'capaian laporan' dahulu"
    tidak = [f"{e.get('kode_instansi')} ({e.get('status')}{': ' + str(e.get('usang') or e.get('error')) if e.get('usang') or e.get('error') else ''})"
             for e in laporan if e.get("status") != "berhasil"]
    for berkas, e in (manifest.get("laporan_lain") or {}).items():
        if e.get("status") != "berhasil":
            tidak.append(f"{berkas} ({e.get('status')})")
    if tidak:
        return "laporan berikut tidak berhasil atau usang: " + "; ".join(tidak)
    if not manifest.get("keluaran"):
        return "manifest.json tidak mencatat nilai_pegawai.csv dan nilai_indikator.csv"
    return None


@dataclass
class HasilTerbit:
    folder: Path
    terbit: Path
    isi: dict = field(default_factory=dict)

    def ringkasan(self) -> str:
        return (f"Periode {self.isi['periode']} diterbitkan oleh {self.isi['oleh']} pada {self.isi['waktu']}.\n"
                f"Snapshot: {self.terbit} ({len(self.isi['berkas'])} berkas, SHA-256 di {BERKAS_TERBIT}).")


def terbitkan(data: str | Path, periode: str, keluaran: str | Path, oleh: str, metodologi: str | Path | None = None) -> HasilTerbit:
    """`capaian terbitkan`: issue `keluaran/P/` (docs/kontrak-data.md bagian 5).

    Refuses (`PeriodeBelumSiapTerbit`) a period without a successful `capaian laporan` run, a
    period already issued, and data or a methodology file other than the ones its manifest
    records (their SHA-256 differ). Writes `terbit/` under a temporary name, renamed last."""
    from capaian.pengaturan import BERKAS_BAWAAN
    from capaian.terbit import kunci_periode, read_manifest
    from capaian.validasi import load_dataset

    oleh = str(oleh).strip()
    folder = Path(keluaran) / str(periode)
    if not folder.is_dir():
        raise PeriodeBelumSiapTerbit(folder, "folder periode belum ada; jalankan 'capaian laporan' untuk periode ini dahulu")
    with kunci_periode(folder):
        bersihkan_sementara(folder)
        lama = baca_terbitan(folder)
        if lama is not None:
            raise PeriodeBelumSiapTerbit(folder, f"sudah diterbitkan oleh {lama.get('oleh')} pada {lama.get('waktu')}")
        manifest = read_manifest(folder / "manifest.json")
        alasan = _alasan_belum_siap(manifest)
        if alasan:
            raise PeriodeBelumSiapTerbit(folder, alasan)
        ds = load_dataset(data)
        tercatat = {t: d.get("sha256") for t, d in (manifest.get("data") or {}).items()}
        beda = [t for t, s in ds.sumber.items() if tercatat.get(t) != s.sha256]
        beda += [t for t in tercatat if t not in ds.sumber]
        if beda:
            raise PeriodeBelumSiapTerbit(folder, f"data di '{data}' berbeda dari data laporan periode ini (tabel: {', '.join(sorted(set(beda)))}); "
                                                 "jalankan 'capaian laporan' lagi dengan data ini, atau berikan data yang dipakai laporan")
        catat_m = manifest.get("metodologi") or {}
        berkas_m = Path(metodologi) if metodologi is not None else Path(catat_m.get("berkas") or BERKAS_BAWAAN)
        if not berkas_m.is_file() or (catat_m.get("sha256") and _sha256(berkas_m) != catat_m["sha256"]):
            raise PeriodeBelumSiapTerbit(folder, f"berkas metodologi '{berkas_m}' tidak ada atau berbeda dari yang dipakai laporan; "
                                                 "berikan --metodologi berkas yang dipakai")
        for nama in ("nilai_pegawai.csv", "nilai_indikator.csv"):
            if not (folder / nama).is_file() or _sha256(folder / nama) != manifest["keluaran"].get(nama):
                raise PeriodeBelumSiapTerbit(folder, f"{nama} berbeda dari yang tercatat di manifest.json (diubah setelah laporan dibuat)")

        from capaian import __version__

        sementara = folder / f".terbit-{os.getpid()}-{secrets.token_hex(3)}"
        (sementara / "tabel").mkdir(parents=True)
        try:
            berkas = tulis_tabel(ds, sementara)
            salinan = {"metodologi.yaml": berkas_m, "manifest.json": folder / "manifest.json",
                       "nilai_pegawai.csv": folder / "nilai_pegawai.csv", "nilai_indikator.csv": folder / "nilai_indikator.csv"}
            for nama, asal in salinan.items():
                shutil.copyfile(asal, sementara / nama)
                berkas[nama] = _sha256(sementara / nama)
            isi = {
                "periode": str(periode),
                "oleh": oleh,
                "waktu": waktu_wita(),
                "versi_capaian": __version__,
                "data_asal": {t: {"file": s.nama, "sha256": s.sha256} for t, s in ds.sumber.items()},
                "metodologi_asal": str(berkas_m),
                "berkas": berkas,
            }
            from capaian.runner import write_atomic

            write_atomic(sementara / BERKAS_TERBIT, json.dumps(isi, ensure_ascii=False, indent=2) + "\n")
            os.rename(sementara, folder_terbit(folder))  # the one step that issues the period
        except BaseException:
            shutil.rmtree(sementara, ignore_errors=True)
            raise
        from capaian.terbit import perbarui_index

        perbarui_index(folder)
    return HasilTerbit(folder, folder_terbit(folder), isi)


def tulis_tabel(ds, sasaran: str | Path) -> dict[str, str]:
    """Write every table of the data set `ds` as `sasaran/tabel/TABEL.parquet` (zstd, with the
    `baris` index and the dtypes); {relative name: SHA-256}."""
    sasaran = Path(sasaran)
    (sasaran / "tabel").mkdir(parents=True, exist_ok=True)
    berkas = {}
    for t, df in ds.tables().items():
        nama = f"tabel/{t}.parquet"
        df.to_parquet(sasaran / nama, engine="pyarrow", compression="zstd", index=True)
        berkas[nama] = _sha256(sasaran / nama)
    return berkas


def tulis_snapshot(ds, folder: str | Path, **catatan) -> Path:
    """Write `ds` as a snapshot folder (`tabel/*.parquet` and `terbit.json` with their hashes and
    `catatan`), readable by `load_dataset` as DATA; the folder."""
    from capaian.runner import write_atomic

    folder = Path(folder)
    isi = {**catatan, "berkas": tulis_tabel(ds, folder)}
    write_atomic(folder / BERKAS_TERBIT, json.dumps(isi, ensure_ascii=False, indent=2) + "\n")
    return folder


def bersihkan_sementara(folder: str | Path) -> None:
    """Remove what an interrupted `terbitkan` or revision left (`.terbit-*`, `.revisi-*`)."""
    for p in Path(folder).glob(".terbit-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in Path(folder).glob(".revisi-*"):
        shutil.rmtree(p, ignore_errors=True)


# =============================================================================================
# Revisions


def daftar_revisi(folder: str | Path) -> list[dict]:
    """The revisions of the period folder `folder`, oldest first: `revisi.json` plus `nomor`, `folder`."""
    hasil = []
    for p in Path(folder).iterdir() if Path(folder).is_dir() else []:
        m = POLA_REVISI.match(p.name)
        if m and (p / BERKAS_REVISI).is_file():
            try:
                isi = json.loads((p / BERKAS_REVISI).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                isi = {}
            hasil.append({**isi, "nomor": int(m.group(1)), "folder": p.name})
    return sorted(hasil, key=lambda r: r["nomor"])


def nomor_revisi_berikut(folder: str | Path) -> int:
    nomor = [int(m.group(1)) for p in Path(folder).iterdir() if (m := POLA_REVISI.match(p.name))]
    return max(nomor, default=0) + 1


@contextlib.contextmanager
def revisi(folder: str | Path, alasan: str, perintah: str):
    """A revision of the issued period `folder`: yields a temporary output folder `DIR` (the
    command writes to `DIR/P/`); at the end `DIR/P/` becomes `folder/revisi-N/` with
    `revisi.json`. The snapshot is checked first (`SnapshotRusak`); nothing is kept on error."""
    from capaian.terbit import kunci_periode

    folder = Path(folder)
    with kunci_periode(folder):
        bersihkan_sementara(folder)
        periksa_snapshot(folder_terbit(folder))
        n = nomor_revisi_berikut(folder)
        sementara = folder / f".revisi-{n}-{secrets.token_hex(3)}"
        sementara.mkdir()
        try:
            yield sementara, n
            hasil = sementara / folder.name
            hasil.mkdir(exist_ok=True)
            from capaian.runner import write_atomic

            isi = {"nomor": n, "alasan": alasan, "perintah": perintah, "waktu": waktu_wita()}
            write_atomic(hasil / BERKAS_REVISI, json.dumps(isi, ensure_ascii=False, indent=2) + "\n")
            os.rename(hasil, folder / f"revisi-{n}")
        finally:
            shutil.rmtree(sementara, ignore_errors=True)
        from capaian.terbit import perbarui_index

        perbarui_index(folder)


# =============================================================================================
# Comparing two data sets, two score sets, two methodologies


def _sama(a, b) -> bool:
    import pandas as pd

    na_a, na_b = pd.isna(a), pd.isna(b)
    if na_a or na_b:
        return bool(na_a and na_b)
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def _teks(v) -> str:
    import pandas as pd

    if pd.isna(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _label(v) -> str:
    """A cell as a person reads it: codes as their labels (`sesuai` → Sesuai Ekspektasi)."""
    from capaian.kode import LABEL

    t = _teks(v)
    return LABEL.get(t, t)


def banding_tabel(tabel: str, lama, baru) -> dict:
    """Rows of `tabel` added, removed and changed from `lama` to `baru` (DataFrames of the data
    contract), by the table's key (`capaian.skema.KUNCI`). `ubah`: one row per changed cell."""
    import pandas as pd

    from capaian.skema import KUNCI

    kunci = list(KUNCI[tabel])

    def berkunci(df):
        d = df.reset_index()
        teks = [d[k].map(_teks).astype(str) for k in kunci]
        d["_kunci"] = teks[0].str.cat(teks[1:], sep="\x1f") if len(d) else pd.Series(dtype=str)
        return d.drop_duplicates("_kunci").set_index("_kunci")

    a, b = berkunci(lama), berkunci(baru)
    tambah = [k for k in b.index if k not in a.index]
    hapus = [k for k in a.index if k not in b.index]
    kolom = [c for c in a.columns if c in b.columns and c not in ("baris", *kunci)]
    ubah = []
    sama_kunci = b.index.intersection(a.index)
    xa, xb = a.loc[sama_kunci, kolom], b.loc[sama_kunci, kolom]
    for c in kolom:
        sa, sb = xa[c], xb[c]
        beda = ~((sa.isna() & sb.isna()) | (sa.astype(object) == sb.astype(object)).fillna(False).astype(bool))
        for k in sa.index[beda.to_numpy()]:
            ubah.append({**{kk: _teks(b.at[k, kk]) for kk in kunci}, "baris": int(b.at[k, "baris"]), "kolom": c,
                         "dari": _label(sa[k]), "ke": _label(sb[k])})
    ubah.sort(key=lambda r: (r["baris"], kolom.index(r["kolom"])))
    kol_baris = ["baris", *kunci]
    return {
        "kunci": kunci,
        "tambah": b.loc[tambah, kol_baris].reset_index(drop=True) if tambah else pd.DataFrame(columns=kol_baris),
        "hapus": a.loc[hapus, kol_baris].reset_index(drop=True) if hapus else pd.DataFrame(columns=kol_baris),
        "ubah": pd.DataFrame(ubah, columns=[*kunci, "baris", "kolom", "dari", "ke"]),
    }


def banding_dataset(lama, baru) -> dict[str, dict]:
    """`banding_tabel` for every table of the data contract (only the tables that differ)."""
    from capaian.dataset import TABLES

    hasil = {}
    for t in TABLES:
        b = banding_tabel(t, lama.table(t), baru.table(t))
        if len(b["tambah"]) or len(b["hapus"]) or len(b["ubah"]):
            hasil[t] = b
    return hasil


def _rata(d: Any, awalan: str = "") -> dict[str, Any]:
    if isinstance(d, Mapping):
        hasil = {}
        for k, v in d.items():
            hasil.update(_rata(v, f"{awalan}.{k}" if awalan else str(k)))
        return hasil
    return {awalan: d}


def banding_metodologi(lama: Mapping[str, Any], baru: Mapping[str, Any]) -> list[dict]:
    """Methodology keys (dotted paths) whose value differs: kunci, dari, ke."""
    a, b = _rata(lama), _rata(baru)
    return [{"kunci": k, "dari": json.dumps(a.get(k), ensure_ascii=False), "ke": json.dumps(b.get(k), ensure_ascii=False)}
            for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


KOLOM_NILAI_PEGAWAI = ("capaian_hasil_kerja", "rating_hasil_kerja", "nilai_perilaku", "rating_perilaku", "predikat")
JUDUL_NILAI = {"capaian_hasil_kerja": "capaian hasil kerja (%)", "rating_hasil_kerja": "rating hasil kerja",
               "nilai_perilaku": "nilai perilaku", "rating_perilaku": "rating perilaku", "predikat": "predikat"}


def banding_nilai(pegawai_lama, pegawai_baru, indikator_lama, indikator_baru) -> list[dict]:
    """Pegawai whose ratings or predikat changed (from `nilai_pegawai.csv`-shaped frames), each
    with the IKI whose capaian moved (from `nilai_indikator.csv`-shaped frames)."""
    kolom = [c for c in KOLOM_NILAI_PEGAWAI if c in pegawai_lama.columns and c in pegawai_baru.columns]
    a = pegawai_lama.assign(nip=pegawai_lama["nip"].astype(str)).set_index("nip")
    b = pegawai_baru.assign(nip=pegawai_baru["nip"].astype(str)).set_index("nip")
    kol_iki = [c for c in ("target_periode", "realisasi_periode", "capaian", "kategori") if c in indikator_lama.columns and c in indikator_baru.columns]
    ia = indikator_lama.assign(nip=indikator_lama["nip"].astype(str), id_indikator=indikator_lama["id_indikator"].astype(str))
    ib = indikator_baru.assign(nip=indikator_baru["nip"].astype(str), id_indikator=indikator_baru["id_indikator"].astype(str))
    hasil = []
    for nip in sorted(set(a.index) | set(b.index)):
        ra = a.loc[nip] if nip in a.index else None
        rb = b.loc[nip] if nip in b.index else None
        berubah = {c: (_teks(ra[c]) if ra is not None else "", _teks(rb[c]) if rb is not None else "")
                   for c in kolom if ra is None or rb is None or not _sama(ra[c], rb[c])}
        if not berubah:
            continue
        xa = ia[ia["nip"] == nip].set_index("id_indikator")
        xb = ib[ib["nip"] == nip].set_index("id_indikator")
        iki = []
        for i in sorted(set(xa.index) | set(xb.index)):
            if i not in xa.index or i not in xb.index or any(not _sama(xa.loc[i, c], xb.loc[i, c]) for c in kol_iki):
                iki.append(i)
        nama = (rb if rb is not None else ra).get("nama", "")
        hasil.append({"nip": nip, "nama": _teks(nama), "berubah": berubah, "iki": iki})
    return hasil


# =============================================================================================
# perubahan.html / perubahan.xlsx


def ringkasan_banding(banding: Mapping[str, dict]) -> str:
    """Per table the counts of rows added, removed and changed (one line each)."""
    if not banding:
        return "Tidak ada baris yang berbeda."
    baris = []
    for t, b in banding.items():
        ubah = b["ubah"]
        jumlah_ubah = len(ubah.drop_duplicates(subset=b["kunci"])) if len(ubah) else 0
        baris.append(f"{t}: {len(b['tambah'])} baris ditambah, {len(b['hapus'])} dihapus, {jumlah_ubah} diubah")
        for _, r in ubah.iterrows():
            kunci = ", ".join(f"{k}={r[k]}" for k in b["kunci"])
            baris.append(f"  baris {r['baris']} ({kunci}): {r['kolom']} {r['dari'] or '(kosong)'} → {r['ke'] or '(kosong)'}")
    return "\n".join(baris)


def _templat_perubahan():
    import jinja2

    from capaian import sumber

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(sumber.folder_template())), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["angka"] = _angka_tampak
    return env.get_template("perubahan.html.j2")


def _angka_tampak(teks: str) -> str:
    """A score as the reports show numbers (`103,45`); anything that is not a number as it is."""
    from capaian.format import angka_pas

    try:
        x = float(teks)
    except (TypeError, ValueError):
        return teks
    return angka_pas(x) if math.isfinite(x) else teks


def write_perubahan(folder: str | Path, judul: str, banding: Mapping[str, dict], *, alasan: str | None = None,
                    pegawai: list[dict] | None = None, metodologi: list[dict] | None = None,
                    html: str | Path | None = None, xlsx: str | Path | None = None) -> list[Path]:
    """Write the comparison as `perubahan.html` and `perubahan.xlsx` in `folder` (or to the paths
    `html` / `xlsx` where given, `folder` None); the files written."""
    import pandas as pd

    from capaian import sumber
    from capaian.runner import write_atomic

    ditulis = []
    tabel = []
    for t, b in banding.items():
        tabel.append({"nama": t, "kunci": b["kunci"], "tambah": b["tambah"].to_dict("records"),
                      "hapus": b["hapus"].to_dict("records"), "ubah": b["ubah"].to_dict("records")})
    path_html = Path(html) if html is not None else None if folder is None else Path(folder) / "perubahan.html"
    path_xlsx = Path(xlsx) if xlsx is not None else None if folder is None else Path(folder) / "perubahan.xlsx"
    if path_html is not None:
        path = path_html
        css = (sumber.folder_template() / "capaian" / "capaian.css").read_text(encoding="utf-8")
        # The page links the workbook written beside it (same folder): the same rows, for a spreadsheet.
        tautan_xlsx = path_xlsx.name if path_xlsx is not None and path_xlsx.resolve().parent == path.resolve().parent else None
        teks = _templat_perubahan().render(judul=judul, alasan=alasan, tabel=tabel, pegawai=pegawai,
                                           metodologi=metodologi, css=css, judul_nilai=JUDUL_NILAI, tautan_xlsx=tautan_xlsx)
        write_atomic(path, teks)
        ditulis.append(path)
    if path_xlsx is not None:
        path = path_xlsx
        sementara = path.with_name(f".{path.name}.{secrets.token_hex(3)}.tmp")
        try:
            with pd.ExcelWriter(sementara, engine="openpyxl") as w:
                info = [{"hal": "judul", "isi": judul}] + ([{"hal": "alasan revisi", "isi": alasan}] if alasan else [])
                pd.DataFrame(info).to_excel(w, sheet_name="ringkasan", index=False)
                if pegawai is not None:
                    pd.DataFrame([{"nip": p["nip"], "nama": p["nama"],
                                   **{f"{c}_dari": d for c, (d, _k) in p["berubah"].items()},
                                   **{f"{c}_ke": k for c, (_d, k) in p["berubah"].items()},
                                   "iki_berubah": ", ".join(p["iki"])} for p in pegawai]
                                 or [{"nip": "", "nama": "(tidak ada pegawai yang berubah)"}]).to_excel(w, sheet_name="pegawai", index=False)
                baris_data = []
                for t, b in banding.items():
                    for jenis in ("tambah", "hapus"):
                        for r in b[jenis].to_dict("records"):
                            baris_data.append({"tabel": t, "perubahan": "ditambah" if jenis == "tambah" else "dihapus",
                                               "baris": r["baris"], "kunci": ", ".join(f"{k}={r[k]}" for k in b["kunci"])})
                    for r in b["ubah"].to_dict("records"):
                        baris_data.append({"tabel": t, "perubahan": "diubah", "baris": r["baris"],
                                           "kunci": ", ".join(f"{k}={r[k]}" for k in b["kunci"]),
                                           "kolom": r["kolom"], "dari": r["dari"], "ke": r["ke"]})
                pd.DataFrame(baris_data, columns=["tabel", "perubahan", "baris", "kunci", "kolom", "dari", "ke"]).to_excel(w, sheet_name="data", index=False)
                if metodologi is not None:
                    pd.DataFrame(metodologi, columns=["kunci", "dari", "ke"]).to_excel(w, sheet_name="metodologi", index=False)
            os.replace(sementara, path)
        finally:
            sementara.unlink(missing_ok=True)
        ditulis.append(path)
    return ditulis


def tulis_perubahan_revisi(folder_periode: Path, folder_revisi: Path, ds_baru, periode, metodologi_baru, alasan: str) -> list[Path]:
    """perubahan.html/xlsx of a revision: the new data, scores and methodology against the
    issued snapshot of `folder_periode`."""
    import pandas as pd

    from capaian.nilai import score_period, tabel_keluaran
    from capaian.pengaturan import load_metodologi

    terbit = folder_terbit(folder_periode)
    ds_lama = muat_snapshot(terbit)
    m_lama = load_metodologi(terbit / "metodologi.yaml")
    banding = banding_dataset(ds_lama, ds_baru)
    metod = banding_metodologi(m_lama.model_dump(mode="json"), metodologi_baru.model_dump(mode="json"))
    peg_baru, ind_baru = tabel_keluaran(score_period(ds_baru, periode, metodologi_baru))
    baca = {"dtype": {"nip": str, "id_indikator": str}}
    pegawai = banding_nilai(pd.read_csv(terbit / "nilai_pegawai.csv", **baca), peg_baru.round(2),
                            pd.read_csv(terbit / "nilai_indikator.csv", **baca), ind_baru.round(2))
    return write_perubahan(folder_revisi, f"Perubahan revisi periode {folder_periode.name} terhadap terbitan", banding,
                           alasan=alasan, pegawai=pegawai, metodologi=metod)
