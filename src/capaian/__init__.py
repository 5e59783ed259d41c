"""capaian: penilaian kinerja ASN berbasis capaian (PermenPANRB 6/2022).

The names a notebook or script calls; everything else lives in its own module.
"""

__version__ = "0.1.0"

from capaian.dataset import Dataset  # noqa: E402
from capaian.kode import Periode, parse_periode  # noqa: E402
from capaian.masalah import DataError, Masalah  # noqa: E402
from capaian.validasi import load_dataset, validate_folder  # noqa: E402

__all__ = ["Dataset", "DataError", "Masalah", "Periode", "load_dataset", "parse_periode", "validate_folder", "__version__"]
