"""Scoring speed: `capaian.nilai.score_period` against one DuckDB SQL query over the same data.

For the sample scaled to 6,000 and to 100,000 pegawai (about 6 million realisasi rows), scores a
triwulan and the whole year, and beside it computes the same capaian per IKI and capaian hasil
kerja per pegawai with one DuckDB query (a benchmark-only reference that also cross-checks the
numbers). Prints the median wall time of each, their ratio, and peak memory (the process's peak
resident set during the measurement, data set included).

    .venv/bin/python benchmarks/bench_nilai.py [--pegawai 6000 100000] [--ulang 3] [--sumber sintetis|contoh]

`--sumber contoh` scales the bundled sample (`capaian.contoh.write_sample` + `load_dataset`, the
real path, slow to set up at 100,000 pegawai); `sintetis` (default when the sample generator is not
available) builds a data set of the same shape directly in memory: ~6 IKI per pegawai, ~10 monthly
realisasi per IKI, one perilaku row per pegawai-month, with ranges, turun, weights,
target_periodik and umpan_balik mixed in. Text columns hold one string object per cell, as the
loader gives them.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from capaian.dataset import ASPEK_PERILAKU, TABLES, Dataset  # noqa: E402
from capaian.kode import parse_periode  # noqa: E402
from capaian.pengaturan import load_metodologi  # noqa: E402
from capaian.nilai import score_period  # noqa: E402

GIB = 1024**3


# ---------------------------------------------------------------------------------------------
# Peak memory: reset the kernel's high-water mark before each measurement where Linux allows it.


def _status(kunci: str) -> int:
    for baris in Path("/proc/self/status").read_text().splitlines():
        if baris.startswith(kunci + ":"):
            return int(baris.split()[1]) * 1024
    return 0


def reset_puncak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def puncak() -> int:
    return _status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# ---------------------------------------------------------------------------------------------
# Synthetic data set in the validated shape


def _teks(values) -> pd.Series:
    """A `string` Series with one str object per cell (as read from a file)."""
    return pd.Series(pd.array([str(v) for v in values], dtype="string"))


def sintetis(n_pegawai: int, seed: int = 2025) -> Dataset:
    rng = np.random.default_rng(seed)
    n_instansi = max(5, n_pegawai // 2500)
    kode_instansi = [f"OPD{i:03d}" for i in range(n_instansi)]
    nip = np.array([f"19{i:016d}" for i in range(n_pegawai)], dtype=object)
    inst_peg = rng.integers(0, n_instansi, n_pegawai)
    pegawai = pd.DataFrame(
        {
            "nip": _teks(nip),
            "nama": _teks(f"Pegawai {i}" for i in range(n_pegawai)),
            "kode_instansi": _teks(np.array(kode_instansi, dtype=object)[inst_peg]),
            "unit_kerja": _teks(f"Unit {i % 17}" for i in range(n_pegawai)),
            "jabatan": _teks(f"Jabatan {i % 31}" for i in range(n_pegawai)),
            "nip_atasan": pd.Series(pd.NA, index=range(n_pegawai), dtype="string"),
        }
    )
    instansi = pd.DataFrame({"kode_instansi": _teks(kode_instansi), "nama_instansi": _teks(f"Perangkat Daerah {k}" for k in kode_instansi), "jenis": _teks(["dinas"] * n_instansi)})

    per_peg = rng.integers(4, 9, n_pegawai)  # 4–8 IKI, ~6 on average
    peg_iki = np.repeat(np.arange(n_pegawai), per_peg)
    n_iki = len(peg_iki)
    arah = np.where(rng.random(n_iki) < 0.15, "turun", "naik")
    agregasi = rng.choice(np.array(["jumlah", "rata_rata", "terakhir"]), n_iki, p=[0.5, 0.3, 0.2])
    target = np.where(agregasi == "jumlah", rng.integers(12, 240, n_iki), rng.integers(1, 100, n_iki)).astype(float)
    target = np.where((arah == "turun") & (rng.random(n_iki) < 0.1), 0.0, target)
    target_atas = np.where(rng.random(n_iki) < 0.1, target + rng.integers(1, 20, n_iki), np.nan)
    berbobot = rng.random(n_pegawai) < 0.3
    bobot = np.where(berbobot[peg_iki], rng.integers(1, 6, n_iki) * 5.0, np.nan)
    ids = np.array([f"IKI-{i:07d}" for i in range(n_iki)], dtype=object)
    indikator = pd.DataFrame(
        {
            "id_indikator": _teks(ids),
            "nip": _teks(nip[peg_iki]),
            "tahun": np.full(n_iki, 2025, dtype="int64"),
            "jenis_rhk": _teks(np.where(rng.random(n_iki) < 0.2, "tambahan", "utama")),
            "rencana_hasil_kerja": _teks(f"RHK {i % 997}" for i in range(n_iki)),
            "indikator": _teks(f"Indikator {i % 991}" for i in range(n_iki)),
            "aspek": _teks(rng.choice(np.array(["kuantitas", "kualitas", "waktu", "biaya"]), n_iki)),
            "satuan": _teks(["dokumen"] * n_iki),
            "target": target,
            "target_atas": target_atas,
            "arah": _teks(arah),
            "agregasi": _teks(agregasi),
            "bobot": bobot,
            "metode": pd.Series(pd.NA, index=range(n_iki), dtype="string"),
            "id_indikator_atasan": pd.Series(pd.NA, index=range(n_iki), dtype="string"),
        }
    )

    # ~10 of 12 months reported per IKI, rows in (IKI, month) order as an export would give.
    ada = rng.random((n_iki, 12)) < 0.85
    i_r, b_r = np.nonzero(ada)
    n_r = len(i_r)
    basis = np.where(agregasi == "jumlah", target / 12, np.nan_to_num(target, nan=1.0))[i_r]
    nilai = np.round(basis * rng.uniform(0.6, 1.4, n_r), 2)
    bulan_teks = np.array([f"2025-{b:02d}" for b in range(1, 13)], dtype=object)
    realisasi = pd.DataFrame(
        {
            "id_indikator": _teks(ids[i_r]),
            "bulan": _teks(bulan_teks[b_r]),
            "realisasi": nilai,
            "bukti_dukung": pd.Series(pd.NA, index=range(n_r), dtype="string"),
            "tanggal_lapor": pd.Series(pd.NaT, index=range(n_r), dtype="datetime64[us]"),
            "nip": pd.Series(pd.NA, index=range(n_r), dtype="string"),
        }
    )

    p_peg, p_bln = np.divmod(np.arange(n_pegawai * 12), 12)
    skor = rng.choice(np.array([2.0, 3.0, 3.0, 4.0, 4.0, 4.0, 5.0]), (len(p_peg), 7))
    perilaku = pd.DataFrame({"nip": _teks(nip[p_peg]), "bulan": _teks(bulan_teks[p_bln]), "nip_penilai": pd.Series(pd.NA, index=range(len(p_peg)), dtype="string")})
    for j, a in enumerate(ASPEK_PERILAKU):
        perilaku[a] = skor[:, j]

    pilih = rng.random(n_pegawai) < 0.2
    n_ub = int(pilih.sum())
    umpan_balik = pd.DataFrame(
        {
            "nip": _teks(nip[pilih]),
            "periode": _teks(["2025-TW1"] * n_ub),
            "nip_penilai": pd.Series(pd.NA, index=range(n_ub), dtype="string"),
            "rating_hasil_kerja": _teks(rng.choice(np.array(["di_atas", "sesuai", "di_bawah"]), n_ub)),
            "rating_perilaku": pd.Series(pd.NA, index=range(n_ub), dtype="string"),
            "catatan": _teks(["Pertahankan"] * n_ub),
        }
    )
    tp_pilih = np.nonzero(rng.random(n_iki) < 0.05)[0]
    target_periodik = pd.DataFrame(
        {"id_indikator": _teks(ids[tp_pilih]), "periode": _teks(["2025-TW1"] * len(tp_pilih)), "target": target[tp_pilih] / 3 + 1, "target_atas": np.nan}
    )
    kinerja_organisasi = pd.DataFrame(
        {
            "kode_instansi": _teks(kode_instansi * 2),
            "periode": _teks(["2025-TW1"] * n_instansi + ["2025"] * n_instansi),
            "predikat_organisasi": _teks(rng.choice(np.array(["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]), 2 * n_instansi)),
        }
    )
    frames = {
        "instansi": instansi,
        "pegawai": pegawai,
        "indikator": indikator,
        "realisasi": realisasi,
        "perilaku": perilaku,
        "umpan_balik": umpan_balik,
        "target_periodik": target_periodik,
        "kinerja_organisasi": kinerja_organisasi,
    }
    for f in frames.values():
        f.index = pd.RangeIndex(2, 2 + len(f), name="baris")
    return Dataset(**frames)


def dari_contoh(n_pegawai: int, folder: Path) -> Dataset:
    from capaian.contoh import write_sample
    from capaian.validasi import load_dataset

    write_sample(folder, pegawai=n_pegawai)
    return load_dataset(folder)


# ---------------------------------------------------------------------------------------------
# The DuckDB reference: capaian per IKI and capaian hasil kerja per pegawai, one query


def sql_referensi(periode: str, batas_atas: float | None, tanpa_realisasi: str) -> str:
    p = parse_periode(periode)
    bulan = ", ".join(f"'{b}'" for b in p.kode_bulan)
    cap = "c_mentah" if batas_atas is None else f"least(c_mentah, {batas_atas})"
    # Half up on the value as printed: a nudge of 1e-6 cent turns 100.00499999999999 (float noise
    # around a true tie) into 100.01; no real value in this data lies that close to a tie.
    bulat = "floor(({x}) * 100 + 0.5 + 1e-6) / 100"
    nol = tanpa_realisasi == "nol"
    return f"""
    WITH iki AS (
        SELECT i.id_indikator, i.nip, i.arah, i.agregasi, i.bobot,
               CASE WHEN tp.id_indikator IS NOT NULL THEN tp.target
                    WHEN i.agregasi = 'jumlah' THEN i.target * {p.jumlah_bulan} / 12 ELSE i.target END AS t,
               CASE WHEN tp.id_indikator IS NOT NULL THEN tp.target_atas
                    WHEN i.agregasi = 'jumlah' THEN i.target_atas * {p.jumlah_bulan} / 12 ELSE i.target_atas END AS u
        FROM indikator i
        LEFT JOIN (SELECT * FROM target_periodik WHERE periode = '{p.kode}') tp USING (id_indikator)
        WHERE i.tahun = {p.tahun}
    ),
    r AS (
        SELECT id_indikator, count(*) AS n, sum(realisasi) AS s, avg(realisasi) AS a, arg_max(realisasi, bulan) AS l
        FROM realisasi WHERE bulan IN ({bulan}) GROUP BY id_indikator
    ),
    c AS (
        SELECT iki.*, CASE agregasi WHEN 'jumlah' THEN s WHEN 'rata_rata' THEN a ELSE l END AS r
        FROM iki LEFT JOIN r USING (id_indikator)
    ),
    c1 AS (
        SELECT *, CASE WHEN u IS NOT NULL AND r > u THEN u ELSE t END AS tu FROM c
    ),
    c2 AS (
        SELECT *,
            CASE WHEN u IS NOT NULL AND r >= t AND r <= u THEN 100.0
                 WHEN tu = 0 THEN CASE WHEN r = 0 THEN 100.0 ELSE 0.0 END
                 WHEN arah = 'turun' THEN 200.0 - r * 100.0 / tu
                 ELSE r * 100.0 / tu END AS c_mentah
        FROM c1
    ),
    c3 AS (
        SELECT *, CASE WHEN r IS NULL THEN NULL ELSE {bulat.format(x=f"greatest(0.0, {cap})")} END AS capaian,
               CASE WHEN count(bobot) OVER (PARTITION BY nip) = count(*) OVER (PARTITION BY nip) THEN bobot ELSE 1.0 END AS w
        FROM c2
    )
    SELECT id_indikator, nip, capaian,
           {bulat.format(x=f"sum(w * {'coalesce(capaian, 0)' if nol else 'capaian'}) OVER (PARTITION BY nip) / sum({'w' if nol else 'CASE WHEN capaian IS NULL THEN NULL ELSE w END'}) OVER (PARTITION BY nip)")} AS capaian_hasil_kerja
    FROM c3
    """


def duckdb_referensi(con, periode: str, metodologi) -> pd.DataFrame:
    sql = sql_referensi(periode, metodologi.capaian.batas_atas, metodologi.capaian.tanpa_realisasi)
    return con.sql(sql).df()


def cek_silang(hasil, ref: pd.DataFrame) -> dict:
    """Differences between the engine and the SQL reference (per IKI and per pegawai)."""
    ind = hasil.indikator.set_index("id_indikator")["capaian"].astype("float64")
    r = ref.set_index("id_indikator")
    c_ref = r["capaian"].reindex(ind.index).astype("float64")
    beda_c = (ind - c_ref).abs()
    beda_c_kosong = int((ind.isna() != c_ref.isna()).sum())
    peg = hasil.pegawai.set_index("nip")["capaian_hasil_kerja"].astype("float64")
    chk_ref = r.groupby("nip")["capaian_hasil_kerja"].first().reindex(peg.index).astype("float64")
    beda_p = (peg - chk_ref).abs()
    return {
        "iki_beda": int((beda_c > 1e-9).sum()) + beda_c_kosong,
        "iki_beda_maks": float(beda_c.max(skipna=True) or 0),
        "pegawai_beda": int((beda_p > 1e-9).sum()) + int((peg.isna() != chk_ref.isna()).sum()),
        "pegawai_beda_maks": float(beda_p.max(skipna=True) or 0),
    }


# ---------------------------------------------------------------------------------------------


def ukur(fungsi, ulang: int) -> tuple[float, int, object]:
    """Median seconds over `ulang` runs, the peak resident memory seen, and the last result."""
    waktu, hasil = [], None
    reset_puncak()
    for _ in range(ulang):
        hasil = None
        t0 = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - t0)
    return statistics.median(waktu), puncak(), hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pegawai", type=int, nargs="*", default=[6000, 100000])
    ap.add_argument("--periode", nargs="*", default=["2025-TW1", "2025"])
    ap.add_argument("--ulang", type=int, default=3, help="repetitions per measurement (median reported)")
    ap.add_argument("--sumber", choices=["sintetis", "contoh"], default=None)
    args = ap.parse_args()

    import duckdb

    sumber = args.sumber
    if sumber is None:
        try:
            import capaian.contoh  # noqa: F401

            sumber = "contoh"
        except ImportError:
            sumber = "sintetis"
    m = load_metodologi()
    print(f"sumber data: {sumber}; median dari {args.ulang} kali; pandas {pd.__version__}, duckdb {duckdb.__version__}")
    print(f"{'pegawai':>8} {'realisasi':>10} {'periode':>9} {'pandas s':>9} {'duckdb s':>9} {'rasio':>6} {'puncak pandas':>14} {'puncak duckdb':>14}  cek silang")
    for n in args.pegawai:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            ds = sintetis(n) if sumber == "sintetis" else dari_contoh(n, Path(tmp))
            siap = time.perf_counter() - t0
        con = duckdb.connect()
        for t in TABLES:
            con.register(t, ds.table(t))
        print(f"# {n} pegawai: {len(ds.indikator):,} IKI, {len(ds.realisasi):,} realisasi, {len(ds.perilaku):,} perilaku; data siap dalam {siap:.1f} s; RSS data {_status('VmRSS') / GIB:.2f} GiB")
        for periode in args.periode:
            t_pd, mem_pd, hasil = ukur(lambda: score_period(ds, periode, m), args.ulang)
            t_db, mem_db, ref = ukur(lambda: duckdb_referensi(con, periode, m), args.ulang)
            cek = cek_silang(hasil, ref)
            print(
                f"{n:>8} {len(ds.realisasi):>10,} {periode:>9} {t_pd:>9.3f} {t_db:>9.3f} {t_pd / t_db:>6.2f} "
                f"{mem_pd / GIB:>10.2f} GiB {mem_db / GIB:>10.2f} GiB  "
                f"IKI beda {cek['iki_beda']} (maks {cek['iki_beda_maks']:.2f}), pegawai beda {cek['pegawai_beda']} (maks {cek['pegawai_beda_maks']:.2f})"
            )
            del hasil, ref
        con.close()
        del ds, con


if __name__ == "__main__":
    main()
