"""Build a validated `capaian.dataset.Dataset` from small Python lists, for scoring tests.

The result has the shape `capaian.validasi.load_dataset` promises (see capaian/dataset.py):
every contract column present (optional ones NA), text as `string` dtype, numbers float64 with
NaN for empty, `tahun` int64, index = the Excel row number (header = row 1) named `baris`.
Nothing here validates: a test states valid data the way an analyst would type it.

    ds = bangun_dataset(
        indikator=[iki("A", NIP_1, 120), iki("B", NIP_1, 10, arah="turun", agregasi="rata_rata")],
        realisasi=bulanan("A", {"2025-01": 8, "2025-02": 12, "2025-03": 13}),
    )
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from capaian.dataset import ASPEK_PERILAKU, TABLES, Dataset
from capaian.skema import KOLOM

# Valid PNS NIPs: born 1980-01-01, TMT CPNS 2005-01, gender 1, sequence 001…
NIP_1 = "198001012005011001"
NIP_2 = "198502152010012002"
NIP_3 = "199003032015011003"


def nip(nomor: int) -> str:
    """A valid PNS NIP for pegawai number `nomor` (1–999 999): birth date and sequence vary."""
    tahun = 1960 + nomor % 40
    bulan = 1 + (nomor // 40) % 12
    hari = 1 + (nomor // 480) % 28
    urut = 1 + (nomor // 13440) % 999
    return f"{tahun:04d}{bulan:02d}{hari:02d}{tahun + 22:04d}{bulan:02d}1{urut:03d}"


# Contract columns in contract order and their kinds, from the table models (capaian.skema): numbers
# are float64, `tahun` int64, `tanggal_lapor` datetime64, everything else (text, codes, NIPs,
# months, periods) string.
_KOLOM = {t: {k.nama: k.jenis if k.jenis in ("angka", "bulat", "tanggal") else "teks" for k in KOLOM[t]} for t in TABLES}
_DTYPE = {"teks": "string", "angka": "float64", "bulat": "int64", "tanggal": "datetime64[us]"}


def tabel(nama: str, baris: list[dict]) -> pd.DataFrame:
    """One typed table from dicts; missing keys are empty cells (NA / NaN)."""
    kolom = _KOLOM[nama]
    index = pd.RangeIndex(2, 2 + len(baris), name="baris")
    data = {}
    for k, jenis in kolom.items():
        nilai = [b.get(k) for b in baris]
        if jenis == "angka":
            data[k] = pd.Series([np.nan if v is None else float(v) for v in nilai], index=index, dtype="float64")
        elif jenis == "bulat":
            data[k] = pd.Series([int(v) for v in nilai], index=index, dtype="int64")
        elif jenis == "tanggal":
            data[k] = pd.Series(pd.to_datetime(nilai), index=index, dtype="datetime64[us]")
        else:
            data[k] = pd.Series([None if v is None else str(v) for v in nilai], index=index, dtype="string")
    frame = pd.DataFrame(data, index=index)
    return frame


def pegawai(nip_: str, kode_instansi: str = "DINKES", **lain) -> dict:
    return {"nip": nip_, "nama": lain.pop("nama", f"Pegawai {nip_[-3:]}"), "kode_instansi": kode_instansi, **lain}


def iki(
    id_indikator: str,
    nip_: str,
    target: float,
    *,
    arah: str = "naik",
    agregasi: str = "jumlah",
    tahun: int = 2025,
    target_atas: float | None = None,
    bobot: float | None = None,
    jenis_rhk: str = "utama",
    **lain,
) -> dict:
    """One IKI row with the contract's defaults (utama, naik, jumlah) and readable filler text."""
    return {
        "id_indikator": id_indikator,
        "nip": nip_,
        "tahun": tahun,
        "jenis_rhk": jenis_rhk,
        "rencana_hasil_kerja": lain.pop("rencana_hasil_kerja", f"RHK {id_indikator}"),
        "indikator": lain.pop("indikator", f"Indikator {id_indikator}"),
        "aspek": lain.pop("aspek", "kuantitas"),
        "target": target,
        "target_atas": target_atas,
        "arah": arah,
        "agregasi": agregasi,
        "bobot": bobot,
        **lain,
    }


def bulanan(id_indikator: str, nilai: dict[str, float]) -> list[dict]:
    """Realisasi rows of one IKI from {'2025-01': 8, ...}."""
    return [{"id_indikator": id_indikator, "bulan": b, "realisasi": v} for b, v in nilai.items()]


def perilaku(nip_: str, bulan: str, skor, nip_penilai: str | None = None) -> dict:
    """One perilaku row; `skor` is seven numbers (BerAKHLAK order) or one number for all seven."""
    if np.ndim(skor) == 0:
        skor = [skor] * 7
    return {"nip": nip_, "bulan": bulan, "nip_penilai": nip_penilai, **dict(zip(ASPEK_PERILAKU, skor, strict=True))}


def umpan_balik(nip_: str, periode: str, rating_hasil_kerja: str | None = None, rating_perilaku: str | None = None, catatan: str | None = None) -> dict:
    return {"nip": nip_, "periode": periode, "rating_hasil_kerja": rating_hasil_kerja, "rating_perilaku": rating_perilaku, "catatan": catatan}


def bangun_dataset(
    indikator: list[dict],
    realisasi: list[dict] = (),
    *,
    pegawai_: list[dict] | None = None,
    instansi: list[dict] | None = None,
    perilaku_: list[dict] = (),
    umpan_balik_: list[dict] = (),
    target_periodik: list[dict] = (),
    kinerja_organisasi: list[dict] = (),
    rating_putusan: list[dict] = (),
    status_skp: list[dict] = (),
) -> Dataset:
    """A Dataset; pegawai default to every NIP of `indikator` (instansi DINKES), instansi to every
    kode_instansi of the pegawai."""
    if pegawai_ is None:
        pegawai_ = [pegawai(n) for n in dict.fromkeys(r["nip"] for r in [*indikator, *rating_putusan])]
    if instansi is None:
        instansi = [{"kode_instansi": k, "nama_instansi": f"Instansi {k}"} for k in dict.fromkeys(p["kode_instansi"] for p in pegawai_)]
    tables = {
        "instansi": instansi,
        "pegawai": pegawai_,
        "indikator": indikator,
        "realisasi": list(realisasi),
        "perilaku": list(perilaku_),
        "umpan_balik": list(umpan_balik_),
        "target_periodik": list(target_periodik),
        "kinerja_organisasi": list(kinerja_organisasi),
        "rating_putusan": list(rating_putusan),
        "status_skp": list(status_skp),
    }
    return Dataset(**{t: tabel(t, tables[t]) for t in TABLES})
