"""User mistakes and their exit statuses (contract section 5), decided in one place.

Library functions raise; `status_keluar` runs one and turns what a user can get wrong into a
message on stderr and an exit status: 1 the data (every problem listed) or a period whose year has
no IKI, 2 the command line or a settings file. A bug is not caught here: it stays an exception.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable


from capaian.galat import FolderDataTidakAda, GalatPerintah  # noqa: F401 (re-exported)


def muat_dataset(folder):
    """`load_dataset` of an existing folder; FolderDataTidakAda (exit 2) where there is none."""
    from capaian.validasi import load_dataset

    if not Path(folder).is_dir():
        raise FolderDataTidakAda(folder)
    return load_dataset(folder)


def cetak_masalah(masalah, stream=None) -> None:
    """Every problem as `file:row: column: message`, then how many there are."""
    stream = stream or sys.stderr
    for m in masalah:
        print(m, file=stream)
    print(f"{len(masalah)} masalah ditemukan. Perbaiki data lalu jalankan lagi.", file=stream)


def status_keluar(fungsi: Callable[[], int | None]) -> int:
    """Run `fungsi` (which returns its own status, None meaning 0) and map user mistakes to 1 or 2."""
    from capaian.galat import GalatPengguna

    try:
        return fungsi() or 0
    except GalatPengguna as exc:
        print(exc.pesan_cli(), file=sys.stderr)
        return exc.status
