"""capaian: penilaian kinerja ASN berbasis capaian (PermenPANRB 6/2022).

The names a notebook or script calls; everything else lives in its own module.
"""

__version__ = "0.1.0"

from capaian.dataset import Dataset  # noqa: E402
from capaian.kode import Periode, parse_periode  # noqa: E402
from capaian.masalah import DataError, Masalah  # noqa: E402
from capaian.pengaturan import Metodologi, MetodologiError, load_metodologi  # noqa: E402
from capaian.nilai import HasilNilai, score_period, write_scores  # noqa: E402
from capaian.validasi import load_dataset, validate_folder  # noqa: E402

__all__ = [
    "Dataset",
    "DataError",
    "HasilNilai",
    "Masalah",
    "Metodologi",
    "MetodologiError",
    "Periode",
    "load_dataset",
    "load_metodologi",
    "parse_periode",
    "score_period",
    "validate_folder",
    "write_scores",
    "__version__",
]
