"""Pseudonymised copies for sosialisasi workshops (`--samarkan`, docs/kontrak-data.md bagian 5).

`samarkan` replaces every NIP with a stable pseudonym NIP and every pegawai name with
"Pegawai NNNN", and removes the catatan of umpan_balik; instansi, unit, jabatan and every number
stay as they are, so the scores and the methodology review read the same. The pseudonym of a
pegawai is the same in every table and every report of one run (one mapping per run).

A pseudonym NIP keeps the form of a NIP (18 digits) and its digits 13-15 (PPPK mark and jenis
kelamin, which the contract reads), with a made-up birth date, TMT and number.
"""

from __future__ import annotations

from pathlib import Path

FOLDER_SAMARAN = "samaran"  # DIR/P/samaran/: the pseudonymised copy


def peta_nip(ds) -> dict[str, str]:
    """Real NIP → pseudonym NIP for every NIP in the data set (pegawai first, in their order)."""
    import pandas as pd

    from capaian.skema import KOLOM

    semua: list[str] = []
    for t, kolom in KOLOM.items():
        df = ds.table(t)
        for k in kolom:
            if k.jenis == "nip" and k.nama in df.columns:
                semua.extend(str(v) for v in df[k.nama].dropna())
    unik = list(dict.fromkeys(semua))
    peta, urut = {}, {}
    for nip in unik:
        tengah = nip[12:15] if len(nip) == 18 else "001"
        n = urut.get(tengah, 0)
        urut[tengah] = n + 1
        lahir = (pd.Timestamp("1970-01-01") + pd.Timedelta(days=n // 999)).strftime("%Y%m%d")
        peta[nip] = f"{lahir}2000{tengah}{n % 999 + 1:03d}"
    return peta


def samarkan(ds):
    """A copy of the data set `ds` with pseudonyms for NIPs and names and no catatan."""
    import pandas as pd

    from capaian.dataset import Dataset
    from capaian.skema import KOLOM

    peta = peta_nip(ds)
    nomor = {nip: i for i, nip in enumerate(peta, 1)}
    tabel = {}
    for t, kolom in KOLOM.items():
        df = ds.table(t).copy()
        for k in kolom:
            if k.jenis == "nip" and k.nama in df.columns:
                df[k.nama] = df[k.nama].map(lambda v: peta.get(str(v), v) if pd.notna(v) else v).astype(df[k.nama].dtype)
        tabel[t] = df
    peg = tabel["pegawai"]
    peg["nama"] = pd.array([f"Pegawai {nomor[str(v)]:04d}" for v in ds.pegawai["nip"]], dtype=peg["nama"].dtype)
    if "catatan" in tabel["umpan_balik"].columns:
        tabel["umpan_balik"]["catatan"] = pd.array([pd.NA] * len(tabel["umpan_balik"]), dtype="string")
    return Dataset(**tabel, sumber={})


def tulis_data_samaran(data: str | Path, folder: str | Path) -> Path:
    """Load and validate `data`, write its pseudonymised copy as a snapshot folder `folder`
    (readable by `load_dataset`); the folder."""
    from capaian.terbitan import tulis_snapshot
    from capaian.validasi import load_dataset

    return tulis_snapshot(samarkan(load_dataset(data)), folder, samaran=True)
