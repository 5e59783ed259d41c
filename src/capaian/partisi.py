"""A partitioned data folder (docs/skala.md bagian 1): `instansi` at the root, every other table
split per instansi into `kode_instansi=KODE/` folders.

    DATA/instansi.csv                       (or .xlsx, .parquet)
    DATA/kode_instansi=SETDA/pegawai.csv    (or .parquet; every table but instansi)
    DATA/kode_instansi=SETDA/indikator.parquet
    ...

Validation runs in two steps, the same on one machine and on a Dask cluster (`capaian.skala`):
1. `indeks_partisi` reads each partition's pegawai and indikator into a small index (NIP, atasan,
   IKI owner and year, file and row); `bangun_rujukan` joins them and checks the rules that cross
   partitions once (NIP and id_indikator unique across the data set, atasan cycles).
2. `periksa_partisi` validates one partition with every rule of a flat folder, looking up NIPs
   (nip_atasan, nip_penilai) and atasan IKI (`id_indikator_atasan`) in that index.
Every problem names the partition's file (`kode_instansi=KODE/pegawai.csv`) and its row.

`peta` (map) runs a step over the partitions: `map` in this process, or Dask's (`capaian.skala`).
Nothing here imports dask.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from capaian.baca import RawTable, find_sources, read_sources, read_table, sha256_file
from capaian.dataset import TABLES, Dataset, Sumber
from capaian.masalah import Masalah, sort_masalah, tandai_akibat

AWALAN = "kode_instansi="
TABEL_PARTISI = TABLES[1:]  # every table but instansi lives in the partitions


def adalah_partisi(folder: str | Path) -> bool:
    """Whether `folder` is partitioned: it holds at least one `kode_instansi=KODE/` folder."""
    try:
        return any(p.is_dir() and p.name.startswith(AWALAN) for p in Path(folder).iterdir())
    except OSError:
        return False


def daftar_partisi(folder: str | Path) -> list[tuple[str, Path]]:
    """(kode_instansi, folder) of each partition, in code-point order of the code."""
    found = [(p.name[len(AWALAN):], p) for p in Path(folder).iterdir() if p.is_dir() and p.name.startswith(AWALAN)]
    return sorted(found, key=lambda x: x[0])


def _awali(m: Masalah, awalan: str) -> Masalah:
    return replace(m, file=awalan + m.file)


def baca_partisi(path: Path, kode: str, tabel=TABEL_PARTISI, hash_berkas: bool = True) -> tuple[dict[str, RawTable], list[Masalah]]:
    """Read the tables `tabel` of one partition; labels are `kode_instansi=KODE/NAMA.csv`."""
    awalan = f"{AWALAN}{kode}/"
    sources, masalah = find_sources(path)
    masalah = [_awali(m, awalan) for m in masalah if m.tabel != "instansi" and (m.tabel in tabel or not m.tabel)]
    for label, _, _ in sources["instansi"]:
        masalah.append(
            Masalah(awalan + label, 1, "", "", "tabel instansi hanya ada di akar folder data (DATA/instansi.csv), tidak di dalam partisi", tabel="instansi")
        )
    raws, mm = read_sources(sources, tabel, awalan, hash_berkas)
    return raws, masalah + mm


# ---------------------------------------------------------------------------------------------
# Step 1: the data set's index


_KOLOM_INDEKS = {"pegawai": ("nip", "nip_atasan"), "indikator": ("id_indikator", "nip", "tahun", "id_indikator_atasan")}
_DENGAN_ISI = ("nip", "nip_atasan", "id_indikator")  # kept as written too, for the messages of bangun_rujukan


def _indeks_kosong(kolom) -> pd.DataFrame:
    isi = {k: pd.Series([], dtype="string") for k in kolom}
    isi |= {f"{k}_isi": pd.Series([], dtype="string") for k in kolom if k in _DENGAN_ISI}
    return pd.DataFrame(isi).assign(file=pd.Series([], dtype="string"), baris=pd.Series([], dtype="int64"))


def _indeks_tabel(raw: RawTable, kolom) -> pd.DataFrame:
    """The index columns of one table (its rows as typed by validation, and as written), with
    `baris` its index. Only the columns the index needs are typed; whether a NIP is valid is
    judged in step 2 (`_typed_table` is given a list to defer it to, and that list is dropped)."""
    from capaian.validasi import _Problems, _text, _typed_table

    sempit = replace(raw, frame=raw.frame[[k for k in kolom if k in raw.frame.columns]])
    frame, _ = _typed_table(sempit, _Problems(sempit), [])
    isi = {f"{k}_isi": (_text(sempit, k) if k in sempit.frame.columns else pd.Series(pd.NA, index=frame.index, dtype="string")) for k in kolom if k in _DENGAN_ISI}
    return frame[list(kolom)].assign(**isi, baris=frame.index.to_numpy(dtype="int64"))


def indeks_partisi(path: Path, kode: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One partition's share of the index: its pegawai (nip, nip_atasan, as typed and as written)
    and its IKI (id_indikator, nip, tahun, and the id_indikator_atasan it refers to), each with
    file and row. Problems are left to step 2."""
    return indeks_kelompok([(path, kode)])[0]


def indeks_kelompok(anggota: list[tuple[Path, str]]) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """`indeks_partisi` of a group of partitions (`kelompokkan`), in one pass per table: the
    group's tables of one format are typed together (row numbers offset per partition, `GESER`)
    and split again, so the fixed cost of typing a column is paid once per group."""
    dibaca = [baca_partisi(p, k, tuple(_KOLOM_INDEKS), hash_berkas=False)[0] for p, k in anggota]
    hasil: list[list[pd.DataFrame]] = [[] for _ in anggota]
    for tabel, kolom in _KOLOM_INDEKS.items():
        bagian: list[pd.DataFrame | None] = [None] * len(anggota)
        per_format: dict[str, list[int]] = {}
        for i, raws in enumerate(dibaca):
            raw = raws.get(tabel)
            if raw is not None and len(raw.frame) and raw.frame.index.max() < GESER:
                per_format.setdefault(raw.format, []).append(i)
        for nomor in per_format.values():
            gabungan = _gabung_raw([dibaca[i][tabel] for i in nomor], nomor)
            semua = _indeks_tabel(gabungan, kolom)
            asal = semua["baris"].to_numpy() // GESER
            for i, idx in pd.Series(np.arange(len(semua))).groupby(asal).indices.items():
                bagian[i] = semua.iloc[idx].assign(baris=semua["baris"].to_numpy()[idx] - i * GESER)
        for i, raws in enumerate(dibaca):
            raw = raws.get(tabel)
            if raw is None:
                hasil[i].append(_indeks_kosong(kolom))
                continue
            frame = bagian[i] if bagian[i] is not None else _indeks_tabel(raw, kolom)
            frame = frame.assign(file=raw.file)
            hasil[i].append(frame[[*kolom, *[f"{k}_isi" for k in kolom if k in _DENGAN_ISI], "file", "baris"]].reset_index(drop=True))
    return [(h[0], h[1]) for h in hasil]


# Row numbers of partition i of a group are shifted by i × GESER while the group is typed and
# validated as one table: far above any sheet's or file's row count (checked, else no grouping).
GESER = 10**9


def _gabung_raw(raws: list[RawTable], nomor: list[int]) -> RawTable:
    """Tables of one format from several partitions as one RawTable, partition `nomor[j]`'s rows
    numbered `nomor[j] × GESER + baris`."""
    frames = []
    for i, raw in zip(nomor, raws):
        f = raw.frame
        frames.append(f.set_axis(pd.Index(f.index.to_numpy(dtype="int64") + i * GESER, name=f.index.name), axis=0))
    return replace(raws[0], file="*", sha256="", frame=pd.concat(frames) if len(frames) > 1 else frames[0])


def kelompokkan(partisi: list[tuple[str, Path]], paling_sedikit: int = 1, sasaran: int | None = None) -> list[list[tuple[Path, str]]]:
    """Consecutive partitions in groups of about `sasaran` bytes of source files (bawaan
    `SASARAN_KELOMPOK`), at least `paling_sedikit` groups where there are that many partitions
    (so every Dask worker has work). A group is one task; its partitions are validated together
    (`periksa_kelompok`), which pays the fixed cost of each rule once per group."""
    ukuran = [sum(f.stat().st_size for f in p.iterdir() if f.is_file()) for _, p in partisi]
    total = sum(ukuran)
    batas = min(sasaran or SASARAN_KELOMPOK, max(1, total // max(1, paling_sedikit)))
    kelompok: list[list[tuple[Path, str]]] = []
    isi = batas
    for (kode, p), u in zip(partisi, ukuran):
        if isi + u > batas and (not kelompok or kelompok[-1]):
            kelompok.append([])
            isi = 0
        kelompok[-1].append((p, kode))
        isi += u
    return kelompok


SASARAN_KELOMPOK = 16 * 2**20  # bytes of source files per group: a few thousand pegawai


@dataclass
class RujukanGlobal:
    """What a partition looks up in the rest of the data set: every NIP, and the owner and year
    of every IKI (first occurrence of each id_indikator)."""

    nip: pd.Index
    iki: pd.DataFrame


@dataclass
class Rujukan:
    """One partition's view (`capaian.validasi.validate_raws`): its code plus the global lookups."""

    kode: str
    nip: pd.Index
    iki: pd.DataFrame

    def kode_baris(self, index: pd.Index):
        """The partition code each row must carry (`kode_instansi` of pegawai, kinerja_organisasi)."""
        return self.kode


@dataclass
class RujukanKelompok(Rujukan):
    """A group's view (`periksa_kelompok`): row `i × GESER + baris` belongs to partition i."""

    semua_kode: tuple[str, ...] = ()

    def kode_baris(self, index: pd.Index):
        kode = np.asarray(self.semua_kode, dtype=object)[index.to_numpy(dtype="int64") // GESER]
        return pd.Series(kode, index=index, dtype="string")


def _pesan_ganda(frame: pd.DataFrame, kolom: str, tabel: str) -> list[Masalah]:
    """A key used in an earlier partition; repeats inside one file are reported by that file's own check."""
    ada = frame[frame[kolom].notna()]
    pertama_di_berkas = ada[~ada.duplicated(["file", kolom], keep="first")]
    pertama = pertama_di_berkas.drop_duplicates(kolom, keep="first").set_index(kolom)
    ulang = pertama_di_berkas[pertama_di_berkas[kolom].duplicated(keep="first")]
    masalah = []
    for row in ulang.itertuples(index=False):
        key = getattr(row, kolom)
        asal = pertama.loc[key]
        masalah.append(
            Masalah(row.file, int(row.baris), kolom, _isi(getattr(row, f"{kolom}_isi")),
                    f"{kolom} '{key}' sudah dipakai di {asal['file']} baris {int(asal['baris'])}; harus unik", tabel=tabel)
        )
    return masalah


def _isi(v) -> str:
    return "" if v is None or pd.isna(v) else str(v)


def bangun_rujukan(bagian: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[RujukanGlobal, list[Masalah]]:
    """Join the partitions' indexes (in partition order) and check the rules that cross them."""
    from capaian.validasi import _cycle_members

    peg = pd.concat([b[0] for b in bagian], ignore_index=True) if bagian else pd.DataFrame(columns=["nip", "nip_atasan", "nip_isi", "nip_atasan_isi", "file", "baris"])
    ind = pd.concat([b[1] for b in bagian], ignore_index=True) if bagian else pd.DataFrame(columns=["id_indikator", "nip", "tahun", "id_indikator_isi", "nip_isi", "file", "baris"])
    masalah = _pesan_ganda(peg, "nip", "pegawai") + _pesan_ganda(ind, "id_indikator", "indikator")
    # Atasan cycles (the flat check, run on every pegawai of the data set at once).
    self_ref = (peg["nip_atasan"].notna() & (peg["nip_atasan"] == peg["nip"])).fillna(False).astype(bool)
    usable = peg[peg["nip"].notna() & ~peg["nip"].duplicated(keep="first") & ~self_ref]
    members = _cycle_members(usable["nip"], usable["nip_atasan"])
    if len(members):
        rows = usable.iloc[members]
        chain_of = dict(zip(rows["nip"], rows["nip_atasan"]))
        for row in rows.itertuples(index=False):
            chain, cur = [row.nip], chain_of[row.nip]
            while cur != row.nip and len(chain) < 50:
                chain.append(cur)
                cur = chain_of[cur]
            masalah.append(
                Masalah(row.file, int(row.baris), "nip_atasan", _isi(row.nip_atasan_isi),
                        "rantai atasan berputar (siklus): " + " → ".join(chain + [row.nip]), tabel="pegawai")
            )
    iki = ind.dropna(subset=["id_indikator"]).drop_duplicates("id_indikator").set_index("id_indikator")[["nip", "tahun"]]
    return RujukanGlobal(nip=pd.Index(peg["nip"].dropna().astype("string")), iki=iki), masalah


# ---------------------------------------------------------------------------------------------
# Step 2: one partition


@dataclass
class HasilPartisi:
    """What one partition's task returns: its problems, its row counts, and (`kumpulkan`) its
    validated data set."""

    kode: str
    masalah: list[Masalah]
    baris: dict[str, int]
    dataset: Dataset | None = None
    nilai: dict[str, int] | None = None


def periksa_partisi(path: Path, kode: str, instansi: pd.DataFrame, rujukan: RujukanGlobal, kumpulkan: bool = False, nilai=None) -> HasilPartisi:
    """Validate one partition with every rule, looking across partitions through `rujukan`.

    `nilai` (optional) is `capaian.skala.TugasNilai`: where the partition has no problem its
    scores are computed and written there (`capaian.skala.nilai_partisi`)."""
    raws, masalah = baca_partisi(path, kode)
    return _periksa_raws(raws, masalah, kode, instansi, rujukan, kumpulkan, nilai)


def _periksa_raws(raws, masalah, kode, instansi, rujukan, kumpulkan, nilai) -> HasilPartisi:
    from capaian.validasi import validate_raws

    inst = instansi[instansi["kode_instansi"] == kode]
    ds, masalah = validate_raws(raws, masalah, rujukan=Rujukan(kode, rujukan.nip, rujukan.iki), instansi=inst)
    return _hasil(kode, raws, masalah, ds, kumpulkan, nilai)


def _hasil(kode, raws, masalah, ds, kumpulkan, nilai) -> HasilPartisi:
    baris = {t: len(r.frame) for t, r in raws.items()}
    hasil = HasilPartisi(kode, masalah, baris, ds if kumpulkan else None)
    if ds is not None and nilai is not None:
        hasil.nilai = nilai(ds, kode)
    return hasil


def periksa_kelompok(anggota: list[tuple[Path, str]], instansi: pd.DataFrame, rujukan: RujukanGlobal, kumpulkan: bool = False, nilai=None) -> list[HasilPartisi]:
    """`periksa_partisi` of each partition of a group (`kelompokkan`), with the same results.

    The group's tables are validated together in one `validate_raws` call (row numbers offset per
    partition, `GESER`), which pays each rule's fixed cost once per group instead of once per
    partition. That is only taken where it cannot differ from one partition at a time: every
    partition was read without a problem, has the same tables, columns and formats (no XLSX), and
    a non-empty pegawai and indikator; the group then has no problem at all; and every reference
    that must stay inside a partition (an IKI's pegawai, the IKI of a realisasi or target_periodik,
    the pegawai of perilaku, umpan_balik, rating_putusan and status_skp) does. Otherwise, and
    always where there is any problem, each partition is validated alone, so every message is
    exactly the one-partition message."""
    dibaca = [(kode, *baca_partisi(p, kode)) for p, kode in anggota]
    if len(dibaca) > 1 and _boleh_bersama(dibaca):
        hasil = _periksa_bersama(dibaca, instansi, rujukan, kumpulkan, nilai)
        if hasil is not None:
            return hasil
    return [_periksa_raws(raws, masalah, kode, instansi, rujukan, kumpulkan, nilai) for kode, raws, masalah in dibaca]


def _boleh_bersama(dibaca) -> bool:
    _, raws0, _ = dibaca[0]
    bentuk = {t: (r.format, list(r.frame.columns)) for t, r in raws0.items()}
    for _, raws, masalah in dibaca:
        if masalah or {t: (r.format, list(r.frame.columns)) for t, r in raws.items()} != bentuk:
            return False
        for t in ("pegawai", "indikator"):
            if t not in raws or len(raws[t].frame) == 0:
                return False
        for r in raws.values():
            if r.format == "xlsx" or (len(r.frame) and r.frame.index.max() >= GESER):
                return False
    return True


def _periksa_bersama(dibaca, instansi, rujukan, kumpulkan, nilai) -> list[HasilPartisi] | None:
    from capaian.validasi import validate_raws

    semua_kode = tuple(k for k, _, _ in dibaca)
    nomor = list(range(len(dibaca)))
    gabungan = {t: _gabung_raw([raws[t] for _, raws, _ in dibaca], nomor) for t in dibaca[0][1]}
    inst = instansi[instansi["kode_instansi"].isin(semua_kode)]
    ruj = RujukanKelompok("*", rujukan.nip, rujukan.iki, semua_kode=semua_kode)
    ds, masalah = validate_raws(gabungan, [], rujukan=ruj, instansi=inst)
    if masalah or ds is None or not _rujukan_setempat(ds):
        return None
    hasil = []
    for i, (kode, raws, _) in enumerate(dibaca):
        frames = {}
        for t in TABLES:
            if t == "instansi":
                frames[t] = instansi[instansi["kode_instansi"] == kode]
                frames[t].index.name = "baris"
                continue
            f = ds.table(t)
            idx = f.index.to_numpy(dtype="int64")
            pilih = (idx // GESER) == i
            frames[t] = f[pilih].set_axis(pd.Index(idx[pilih] - i * GESER, name="baris"), axis=0)
        sumber = {t: Sumber(r.file, str(r.path), r.sha256) for t, r in raws.items()}
        hasil.append(_hasil(kode, raws, [], Dataset(**frames, sumber=sumber), kumpulkan, nilai))
    return hasil


def _rujukan_setempat(ds: Dataset) -> bool:
    """Whether every reference a partition must resolve in its own tables does so in the group."""

    def asal(frame: pd.DataFrame):
        return frame.index.to_numpy(dtype="int64") // GESER

    def di_partisinya(frame: pd.DataFrame, kolom: str, pemilik: pd.DataFrame, kunci: str) -> bool:
        peta = pd.Series(asal(pemilik), index=pd.Index(pemilik[kunci].to_numpy(dtype=object)))
        nilai = frame[kolom].to_numpy(dtype=object, na_value=None)
        ada = np.array([v is not None for v in nilai], dtype=bool)
        if not ada.any():
            return True
        dapat = peta.reindex(nilai[ada]).to_numpy()
        return bool(np.array_equal(dapat, asal(frame)[ada].astype(dapat.dtype)))

    peg, ind = ds.pegawai, ds.indikator
    return (
        di_partisinya(ind, "nip", peg, "nip")
        and all(di_partisinya(ds.table(t), "id_indikator", ind, "id_indikator") for t in ("realisasi", "target_periodik"))
        and all(di_partisinya(ds.table(t), "nip", peg, "nip") for t in ("perilaku", "umpan_balik", "rating_putusan", "status_skp"))
    )


def baca_instansi(folder: Path) -> tuple[pd.DataFrame, list[Masalah]]:
    """The root instansi table of a partitioned folder, typed and checked as in a flat folder."""
    from capaian.validasi import _Problems, _typed_table, validate_raws

    sources, masalah = find_sources(folder)
    masalah = [m for m in masalah if m.tabel in ("instansi", "")]
    for t in TABEL_PARTISI:
        for label, _, _ in sources[t]:
            masalah.append(Masalah(label, 1, "", "", f"di folder terpartisi, tabel '{t}' ada di dalam setiap folder {AWALAN}KODE/, bukan di akar", tabel=t))
    found = sources["instansi"]
    if len(found) != 1:
        return pd.DataFrame({"kode_instansi": pd.Series([], dtype="string"), "nama_instansi": pd.Series([], dtype="string")}), masalah
    label, p, sheet = found[0]
    raw, mm = read_table("instansi", label, p, sheet, sha256_file(p))
    if raw is None:
        return pd.DataFrame({"kode_instansi": pd.Series([], dtype="string"), "nama_instansi": pd.Series([], dtype="string")}), masalah + mm
    _, mm = validate_raws({"instansi": raw}, mm)
    frame, _ = _typed_table(raw, _Problems(raw))
    frame.index.name = "baris"
    frame.attrs["sumber"] = Sumber(raw.file, str(raw.path), raw.sha256)
    return frame, masalah + mm


def _partisi_tanpa_instansi(partisi, instansi: pd.DataFrame) -> list[Masalah]:
    kenal = set(instansi["kode_instansi"].dropna())
    return [
        Masalah(f"{AWALAN}{kode}/", 1, "kode_instansi", kode, f"folder partisi '{AWALAN}{kode}' tidak ada di tabel instansi (instansi.csv di akar folder data)", tabel="instansi")
        for kode, _ in partisi
        if kode not in kenal
    ]


def validasi_partisi(folder: str | Path, peta=None) -> tuple[Dataset | None, list[Masalah]]:
    """Validate a partitioned folder (steps 1 and 2); the joined data set where it has no problem.

    `peta(fungsi, daftar_argumen, bersama)` runs `fungsi(*argumen, bersama)` for each argument
    tuple and returns the results in order (default `peta_lokal`: one after another here)."""
    instansi, hasil, masalah = periksa_semua(folder, peta, kumpulkan=True)
    if masalah:
        return None, masalah
    return gabung(instansi, [h.dataset for h in hasil], Path(folder)), []


def periksa_semua(folder: str | Path, peta=None, kumpulkan: bool = False, nilai=None) -> tuple[pd.DataFrame, list[HasilPartisi], list[Masalah]]:
    """Steps 1 and 2 over every partition: the instansi table, each partition's result (in
    partition order) and every problem, sorted as a flat folder's are (`sort_masalah`)."""
    folder = Path(folder)
    peta = peta or peta_lokal
    partisi = daftar_partisi(folder)
    instansi, masalah = baca_instansi(folder)
    masalah += _partisi_tanpa_instansi(partisi, instansi)
    kelompok = kelompokkan(partisi, getattr(peta, "paralel", 1))
    bagian = [b for bb in peta(indeks_kelompok, [(a,) for a in kelompok], None) for b in bb]
    rujukan, global_masalah = bangun_rujukan(bagian)
    masalah += global_masalah
    # Every group gets the data set's NIPs (shared, sent once to each worker) and only the IKI
    # its id_indikator_atasan refer to (with its task): the IKI index is most of the index.
    iki = iki_per_kelompok(rujukan.iki, bagian, [len(a) for a in kelompok])
    argumen = [(a, kumpulkan, nilai, i) for a, i in zip(kelompok, iki)]
    hasil = [h for hh in peta(_periksa, argumen, (instansi, rujukan.nip)) for h in hh]
    for h in hasil:
        masalah += h.masalah
    return instansi, hasil, tandai_akibat(sort_masalah(masalah)) if masalah else []


def _periksa(anggota, kumpulkan, nilai, iki, bersama):
    instansi, nip = bersama
    return periksa_kelompok(anggota, instansi, RujukanGlobal(nip, iki), kumpulkan=kumpulkan, nilai=nilai)


def iki_per_kelompok(iki: pd.DataFrame, bagian: list[tuple[pd.DataFrame, pd.DataFrame]], ukuran: list[int]) -> list[pd.DataFrame]:
    """For each group (`ukuran`: its number of partitions, `bagian` in partition order), the rows
    of the IKI index its `id_indikator_atasan` refer to. A partition looks IKI up by those values
    only, so its checks give the same answers with this slice as with the whole index."""
    nomor = np.repeat(np.arange(len(ukuran)), ukuran)
    ref = pd.concat([b[1][["id_indikator_atasan"]].assign(kelompok=k) for b, k in zip(bagian, nomor)], ignore_index=True)
    ref = ref.dropna().drop_duplicates()
    pos = iki.index.get_indexer(ref["id_indikator_atasan"])
    ada = pos >= 0
    pos, kelompok = pos[ada], ref["kelompok"].to_numpy()[ada]
    per = pd.Series(pos).groupby(kelompok).indices
    kosong = np.array([], dtype="int64")
    return [iki.iloc[np.sort(pos[per[k]]) if k in per else kosong] for k in range(len(ukuran))]


def peta_lokal(fungsi, daftar, bersama):
    """Run `fungsi` over the partitions one after another in this process."""
    if bersama is None:
        return [fungsi(*a) for a in daftar]
    return [fungsi(*a, bersama) for a in daftar]


def gabung(instansi: pd.DataFrame, bagian: list[Dataset], folder: Path) -> Dataset:
    """The partitions' data sets as one (rows in partition order, each keeping its file's row
    number as index, so row numbers repeat across partitions)."""
    from capaian.validasi import _empty_table

    frames = {"instansi": instansi}
    for t in TABEL_PARTISI:
        isi = [d.table(t) for d in bagian if len(d.table(t))]
        frames[t] = pd.concat(isi) if isi else _empty_table(t)
        if "tahun" in frames[t].columns:
            frames[t] = frames[t].assign(tahun=frames[t]["tahun"].astype("int64"))
        frames[t].index.name = "baris"
    sumber = {}
    if "sumber" in instansi.attrs:
        sumber["instansi"] = instansi.attrs["sumber"]
    for t in TABEL_PARTISI:
        daftar = [d.sumber[t] for d in bagian if t in d.sumber]
        if daftar:  # one hash over the partitions' hashes, in partition order
            h = hashlib.sha256("\n".join(f"{s.nama} {s.sha256}" for s in daftar).encode()).hexdigest()
            sumber[t] = Sumber(f"{AWALAN}*/{t}", str(folder), h)
    return Dataset(**frames, sumber=sumber)


# ---------------------------------------------------------------------------------------------
# Writing partitions: a flat data set split per instansi, and the national-shaped sample


def pecah(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, pd.DataFrame]]:
    """Split text tables (as `capaian.contoh.generate_sample` gives them) per instansi: each row
    goes to its pegawai's instansi (IKI by owner, realisasi and target_periodik by their IKI's
    owner, perilaku and umpan_balik by the pegawai assessed). Returns {kode: {tabel: frame}}."""
    peg = tables["pegawai"]
    kode_nip = dict(zip(peg["nip"], peg["kode_instansi"]))
    ind = tables["indikator"]
    kode_iki = dict(zip(ind["id_indikator"], ind["nip"].map(kode_nip)))
    kunci = {
        "pegawai": peg["kode_instansi"],
        "indikator": ind["nip"].map(kode_nip),
        "realisasi": tables["realisasi"]["id_indikator"].map(kode_iki),
        "perilaku": tables["perilaku"]["nip"].map(kode_nip),
        "umpan_balik": tables["umpan_balik"]["nip"].map(kode_nip),
        "target_periodik": tables["target_periodik"]["id_indikator"].map(kode_iki),
        "kinerja_organisasi": tables["kinerja_organisasi"]["kode_instansi"],
    }
    for t in ("rating_putusan", "status_skp"):  # optional tables, by the pegawai they are about
        if t in tables:
            kunci[t] = tables[t]["nip"].map(kode_nip)
    hasil: dict[str, dict[str, pd.DataFrame]] = {k: {} for k in tables["instansi"]["kode_instansi"]}
    for t in TABEL_PARTISI:
        if t not in tables:
            continue
        frame = tables[t]
        k = kunci[t]
        assert k.notna().all(), f"{t}: baris tanpa instansi"
        kelompok = {kode: idx for kode, idx in frame.groupby(k.to_numpy(), sort=False).indices.items()}
        for kode in hasil:
            idx = kelompok.get(kode)
            hasil[kode][t] = frame.iloc[idx] if idx is not None else frame.iloc[0:0]
    return hasil


def tulis_tabel_partisi(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """Write text tables as a partitioned folder (CSV, the sample's bytes): instansi.csv at the
    root and `kode_instansi=KODE/TABEL.csv` for every other table of every instansi."""
    from capaian.contoh import tulis_csv

    data = folder
    data.mkdir(parents=True, exist_ok=True)
    tulis_csv(tables["instansi"], data / "instansi.csv")
    for kode, bagian in pecah(tables).items():
        sub = data / f"{AWALAN}{kode}"
        sub.mkdir()
        for t, frame in bagian.items():
            tulis_csv(frame, sub / f"{t}.csv")


def _tabel_pemda(m: int, pegawai: int, benih: int, awalan: str) -> dict[str, pd.DataFrame]:
    """The sample of pemda `m` (its own random stream), its codes prefixed with `awalan`-."""
    import numpy as np

    from capaian.contoh import _bangun

    seed = int(np.random.SeedSequence([benih, m]).generate_state(1)[0])
    t = {k: v.astype("str") for k, v in _bangun(pegawai, seed).tables.items()}
    pre = lambda s: (awalan + "-" + s).where(s != "", "")  # noqa: E731  empty stays empty
    # kode_instansi is at most 32 characters (docs/kontrak-data.md bagian 1): the long kecamatan
    # names are cut, which keeps them distinct within a pemda.
    kode = lambda s: pre(s).str.slice(0, 32)  # noqa: E731
    t["instansi"] = t["instansi"].assign(kode_instansi=kode(t["instansi"]["kode_instansi"]), nama_instansi=t["instansi"]["nama_instansi"] + f" ({awalan})")
    assert not t["instansi"]["kode_instansi"].duplicated().any()
    for k in ("pegawai", "kinerja_organisasi"):
        t[k] = t[k].assign(kode_instansi=kode(t[k]["kode_instansi"]))
    t["indikator"] = t["indikator"].assign(id_indikator=pre(t["indikator"]["id_indikator"]), id_indikator_atasan=pre(t["indikator"]["id_indikator_atasan"]))
    for k in ("realisasi", "target_periodik"):
        t[k] = t[k].assign(id_indikator=pre(t[k]["id_indikator"]))
    return t


def _tulis_pemda(m: int, pegawai: int, benih: int, awalan: str, folder: str) -> tuple[pd.DataFrame, list[str]]:
    """Write pemda `m`'s partitions into `folder`; return its instansi rows and its NIPs."""
    from capaian.contoh import tulis_csv

    t = _tabel_pemda(m, pegawai, benih, awalan)
    for kode, bagian in pecah(t).items():
        sub = Path(folder) / f"{AWALAN}{kode}"
        sub.mkdir()
        for nama, frame in bagian.items():
            tulis_csv(frame, sub / f"{nama}.csv")
    return t["instansi"], list(t["pegawai"]["nip"])


def _ganti_nip(folder: str, kode: list[str], ganti: dict[str, str]) -> None:
    """Replace NIPs (whole 18-digit fields) in every file of the given partitions."""
    import re

    pola = re.compile(r"(?<![0-9])(" + "|".join(map(re.escape, ganti)) + r")(?![0-9])")
    for k in kode:
        for jalur in sorted((Path(folder) / f"{AWALAN}{k}").iterdir()):
            teks = jalur.read_text(encoding="utf-8")
            jalur.write_text(pola.sub(lambda mt: ganti[mt.group(1)], teks), encoding="utf-8", newline="")


def tulis_contoh_partisi(directory, pegawai: int, pemda: int | None = None, benih: int = 2025, proses: int | None = None) -> list[Path]:
    """Write a national-shaped partitioned sample: `pemda` pemda (default one per 5,000 pegawai),
    each the generator's kabupaten with its own random stream and codes prefixed `Pnnn-`, sizes
    drawn around the mean. Pemda are built in parallel (`proses` processes); a NIP that an earlier
    pemda already uses is given the next free sequence number, in pemda order, so the files are the
    same bytes for the same (pegawai, pemda, benih) whatever the number of processes.
    Returns the partition folders."""
    import numpy as np
    from concurrent.futures import ProcessPoolExecutor

    from capaian.contoh import _bagi, tulis_csv, pegawai_minimum
    from capaian.runner import folder_kerja
    from capaian.galat import FolderContohBerisiData, GalatPerintah

    folder = Path(directory)
    m = pemda or max(1, pegawai // 5000)
    minimum = pegawai_minimum()
    if pegawai < m * minimum:
        raise GalatPerintah(f"--pegawai harus sedikitnya {m * minimum} untuk {m} pemda ({minimum} per pemda)")
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise FolderContohBerisiData(folder, sorted(p.name for p in folder.iterdir())[:5])
    bobot = np.random.default_rng([benih, 0]).lognormal(0.0, 0.5, m)
    ukuran = minimum + _bagi(pegawai - m * minimum, bobot)
    lebar = max(3, len(str(m)))
    awalan = [f"P{i + 1:0{lebar}d}" for i in range(m)]
    with folder_kerja(folder, ".contoh-") as kerja:
        argumen = [(i, int(ukuran[i]), benih, awalan[i], str(kerja)) for i in range(m)]
        if (proses or os.cpu_count() or 1) == 1 or m == 1:
            hasil = [_tulis_pemda(*a) for a in argumen]
        else:
            with ProcessPoolExecutor(max_workers=proses) as pool:
                hasil = list(pool.map(_tulis_pemda, *zip(*argumen)))
        dipakai: set[str] = set()
        for (instansi, nips) in hasil:  # in pemda order: the result does not depend on scheduling
            bentrok = [n for n in nips if n in dipakai]
            sendiri = set(nips)
            ganti = {}
            for n in bentrok:
                for seq in range(1, 1000):
                    baru = n[:15] + f"{seq:03d}"
                    if baru not in dipakai and baru not in sendiri:
                        ganti[n] = baru
                        sendiri.add(baru)
                        break
            if ganti:
                _ganti_nip(str(kerja), list(instansi["kode_instansi"]), ganti)
            dipakai |= sendiri - set(ganti)
        tulis_csv(pd.concat([h[0] for h in hasil], ignore_index=True), kerja / "instansi.csv")
        keluar = []
        for jalur in sorted(kerja.iterdir()):
            os.replace(jalur, folder / jalur.name)
            if jalur.is_dir() or (folder / jalur.name).is_dir():
                keluar.append(folder / jalur.name)
    return keluar
