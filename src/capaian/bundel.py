"""A report's bundle: the plain data one notebook receives, written once by the batch and read
once by the notebook's kernel.

Each report (per instansi, indicator quality, methodology review) defines its bundle as a
dataclass of DataFrames, dicts and strings that derives from `BundelPickle`. The file is the
batch's own temporary file, so unpickling it is trusted.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TypeVar

T = TypeVar("T", bound="BundelPickle")


class BundelPickle:
    """`simpan` writes the dataclass's fields as a pickle; `muat` reads them back."""

    def simpan(self, path: str | Path) -> Path:
        path = Path(path)
        with open(path, "wb") as f:
            pickle.dump(self.__dict__, f, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    @classmethod
    def muat(cls: type[T], path: str | Path) -> T:
        with open(path, "rb") as f:
            return cls(**pickle.load(f))
