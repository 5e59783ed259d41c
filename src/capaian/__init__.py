"""capaian: penilaian kinerja ASN berbasis capaian (PermenPANRB 6/2022).

The names a notebook or script calls; everything else lives in its own module.

Each name is imported on first use (PEP 562), so `import capaian` and `capaian --help` do not pay
for pandas, pandera and pydantic; `capaian.load_dataset` imports what it needs when first looked up.
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING

__version__ = "0.2.0"

# Public name -> the module that defines it.
_ASAL = {
    "Dataset": "capaian.dataset",
    "DataError": "capaian.galat",
    "HasilNilai": "capaian.nilai",
    "Masalah": "capaian.masalah",
    "Metodologi": "capaian.pengaturan",
    "MetodologiError": "capaian.galat",
    "Periode": "capaian.kode",
    "load_dataset": "capaian.validasi",
    "load_metodologi": "capaian.pengaturan",
    "parse_periode": "capaian.kode",
    "score_period": "capaian.nilai",
    "validate_folder": "capaian.validasi",
    "write_scores": "capaian.nilai",
}

__all__ = [*_ASAL, "__version__"]

if _TYPE_CHECKING:  # for type checkers and editors; at run time `__getattr__` does this on demand
    from capaian.dataset import Dataset
    from capaian.galat import DataError, MetodologiError
    from capaian.kode import Periode, parse_periode
    from capaian.masalah import Masalah
    from capaian.pengaturan import Metodologi, load_metodologi
    from capaian.nilai import HasilNilai, score_period, write_scores
    from capaian.validasi import load_dataset, validate_folder


def __getattr__(nama: str):
    modul = _ASAL.get(nama)
    if modul is None:
        raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")
    objek = getattr(_importlib.import_module(modul), nama)
    globals()[nama] = objek  # later look-ups skip this function
    return objek


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ASAL))
