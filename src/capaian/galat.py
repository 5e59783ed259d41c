"""Every mistake a user can make, in one leaf module (imports nothing of the package).

Each error a user can cause derives from `GalatPengguna`, which carries the exit status the
command ends with (docs/kontrak-data.md, "Perintah"): 1 for the data or a report, 2 for the
command line or a settings file. Library functions raise these; only `capaian.cli` catches them
(one `except GalatPengguna`), prints `pesan_cli()` and exits with `status`. Anything else that
escapes is a bug in the program and is reported as such.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence


class GalatPengguna(Exception):
    """A mistake of the user's (data, command line, settings file), never of the program.

    `status` is the exit status the command ends with; `pesan_cli()` the text printed on stderr.
    """

    status = 1
    awalan = "capaian: "

    def pesan_cli(self) -> str:
        return f"{self.awalan}{self}"


# ---------------------------------------------------------------------------------------------
# Exit status 1: the data, or a period that cannot be scored


class DataError(GalatPengguna):
    """The data set has problems; `masalah` lists every one of them, in the order given (the
    validator sorts them: table order, then row, then column)."""

    status = 1

    def __init__(self, masalah: Sequence):
        self.masalah = list(masalah)
        super().__init__(f"{len(self.masalah)} masalah ditemukan pada data")

    def __str__(self) -> str:
        return "\n".join(str(m) for m in self.masalah)

    def pesan_cli(self) -> str:
        """Every problem; where some follow from others (`akibat_dari`), the causes first, each
        with how many problems follow from it, then the follow-on problems."""
        lanjutan = [m for m in self.masalah if getattr(m, "akibat_dari", "")]
        if not lanjutan:
            baris = [str(m) for m in self.masalah]
            baris.append(f"{len(self.masalah)} masalah ditemukan. Perbaiki data lalu jalankan lagi.")
            return "\n".join(baris)
        hitung: dict[str, int] = {}
        for m in lanjutan:
            hitung[m.akibat_dari] = hitung.get(m.akibat_dari, 0) + 1
        baris = []
        for m in self.masalah:
            if getattr(m, "akibat_dari", ""):
                continue
            n = hitung.get(m.letak, 0)
            baris.append(str(m) + (f" [penyebab {n} masalah lanjutan di bawah]" if n else ""))
        baris.append(f"Masalah lanjutan ({len(lanjutan)}), hilang sendiri setelah penyebabnya diperbaiki:")
        baris += [f"  {m}" for m in lanjutan]
        akar = len(self.masalah) - len(lanjutan)
        baris.append(
            f"{len(self.masalah)} masalah ditemukan: {akar} penyebab, {len(lanjutan)} lanjutan. "
            "Perbaiki penyebabnya lebih dulu lalu jalankan lagi."
        )
        return "\n".join(baris)


class PeriodeTanpaIndikator(GalatPengguna):
    """The period's year has no IKI at all: there is nothing to score."""

    status = 1

    def __init__(self, periode):
        self.periode = periode
        super().__init__(f"Tidak ada IKI untuk tahun {periode.tahun} (periode {periode.kode})")


class PeriodeSedangDiproses(GalatPengguna):
    """Another `capaian` run is writing into the same period folder (`DIR/P/`) right now: it holds
    the folder's lock `DIR/P/.kunci`. `pemegang` is what that run wrote in the lock (pid, host,
    time), or "" where it could not be read. The lock is held by the kernel on an open file, so it
    ends with its process, even one killed with `kill -9`: a lock file left behind never blocks."""

    status = 1

    def __init__(self, folder, pemegang: str = ""):
        self.folder = folder
        self.pemegang = pemegang
        oleh = f" ({pemegang})" if pemegang else ""
        super().__init__(
            f"folder keluaran '{folder}' sedang dipakai proses capaian lain{oleh}; tunggu sampai proses itu selesai lalu "
            "jalankan lagi. Kunci itu lepas sendiri saat prosesnya berhenti, juga bila dihentikan paksa, jadi berkas "
            ".kunci yang tertinggal tidak perlu dihapus"
        )


class PeriodeBelumSiapTerbit(GalatPengguna):
    """`capaian terbitkan` on a period that has no successful report run (exit 1)."""

    status = 1

    def __init__(self, folder, alasan: str):
        self.folder, self.alasan = folder, alasan
        super().__init__(f"periode '{folder}' tidak dapat diterbitkan: {alasan}")


class PeriodeSudahTerbit(GalatPengguna):
    """A run that would overwrite an issued period without `--revisi` (exit 1)."""

    status = 1

    def __init__(self, folder, terbitan: Mapping[str, Any]):
        self.folder = folder
        super().__init__(
            f"periode '{folder}' sudah diterbitkan oleh {terbitan.get('oleh', '?')} pada {terbitan.get('waktu', '?')}; "
            "keluarannya tidak ditimpa. Untuk membuat revisi di sampingnya, jalankan lagi dengan --revisi \"alasan\"."
        )


class SnapshotRusak(GalatPengguna):
    """A snapshot whose files do not match the hashes recorded when it was issued (exit 1)."""

    status = 1

    def __init__(self, folder, masalah: list[str]):
        self.folder, self.masalah = folder, masalah
        daftar = "\n".join(f"  - {m}" for m in masalah)
        super().__init__(f"snapshot terbitan '{folder}' tidak utuh (tidak dipakai):\n{daftar}")


# ---------------------------------------------------------------------------------------------
# Exit status 2: the command line or a settings file


class GalatPerintah(GalatPengguna, ValueError):
    """A mistake in the command line or a settings file (exit 2): a period code, an instansi code,
    a path. The message says what is wrong."""

    status = 2
    awalan = "capaian: galat: "


class FolderDataTidakAda(GalatPerintah):
    """The data folder does not exist or is not a folder."""

    def __init__(self, folder):
        self.folder = folder
        super().__init__(f"folder data '{folder}' tidak ada atau bukan folder")


class FolderContohBerisiData(GalatPerintah):
    """`capaian contoh DIR` into a folder that already holds a table source (docs/kontrak-data.md
    bagian 5): writing there would mix the sample with the user's tables."""

    def __init__(self, folder, berkas: Sequence[str]):
        self.folder, self.berkas = folder, list(berkas)
        super().__init__(
            f"folder '{folder}' sudah berisi berkas data ({', '.join(self.berkas)}); data contoh tidak ditulis agar "
            "tidak tercampur dengan data itu: pilih folder baru atau kosong, atau pindahkan berkas itu dulu"
        )


class KeluaranTidakDapatDitulis(GalatPerintah):
    """`--keluaran` names a place the command cannot write to: an existing file where a folder is
    needed (or a folder where a file is), a path under a file, a read-only place.

    `jalur` is the path as the user gave it (never a temporary name); `alasan` says why, in
    Bahasa Indonesia. Raised before anything is written, or when the final write fails.
    """

    def __init__(self, jalur, alasan: str):
        self.jalur = jalur
        self.alasan = alasan
        super().__init__(f"--keluaran '{jalur}' tidak dapat ditulis: {alasan}")


class ZonaWaktuTidakSah(GalatPerintah):
    """`CAPAIAN_ZONA_WAKTU` names no time zone of the IANA database (docs/kontrak-data.md bagian 5)."""

    def __init__(self, nama: str):
        self.nama = nama
        super().__init__(
            f"CAPAIAN_ZONA_WAKTU '{nama}' bukan zona waktu yang dikenal; contoh yang sah: Asia/Makassar (WITA), "
            "Asia/Jakarta (WIB), Asia/Jayapura (WIT)"
        )


class PeriodeError(GalatPerintah):
    """A period code that is not one of the forms of docs/kontrak-data.md, "Periode"."""


class InstansiTidakDikenal(GalatPerintah):
    """`--instansi` named a code that is not in the data set (a command-line mistake: exit 2)."""

    def __init__(self, tidak_dikenal: Sequence[str], sah: Sequence[str]):
        self.tidak_dikenal = list(tidak_dikenal)
        self.sah = list(sah)
        super().__init__(
            f"kode instansi tidak dikenal: {', '.join(self.tidak_dikenal)}; kode yang sah: {', '.join(self.sah)}"
        )


class NipTidakDikenal(GalatPerintah):
    """A NIP asked for (a rapor from a notebook) that is not in the pegawai table."""

    def __init__(self, nip):
        self.nip = nip
        super().__init__(f"NIP '{nip}' tidak ada di tabel pegawai")


class GalatPengaturan(GalatPerintah):
    """An unreadable or invalid settings file (methodology, quality thresholds, assumptions log).

    `masalah` lists (key path, message) pairs; `kunci` is the first key path; `berkas` the file
    ("bawaan" for the packaged default, None for a mapping given in code). `str()` is the
    Bahasa Indonesia text shown to the user, opening with `judul`.
    """

    judul = "Pengaturan tidak sah"

    def __init__(self, masalah: Sequence[tuple[str, str]], berkas: str | None = None):
        self.masalah = list(masalah)
        self.berkas = berkas
        self.kunci = self.masalah[0][0] if self.masalah else ""
        super().__init__(self._teks())

    def _teks(self) -> str:
        asal = f" ({self.berkas})" if self.berkas else ""
        baris = [f"{k}: {p}" if k else p for k, p in self.masalah]
        if len(baris) == 1:
            return f"{self.judul}{asal}: {baris[0]}"
        return f"{self.judul}{asal}:\n" + "\n".join(f"  - {b}" for b in baris)


class MetodologiError(GalatPengaturan):
    """An unreadable or invalid methodology file."""

    judul = "Metodologi tidak sah"
    awalan = "capaian: galat metodologi: "


class AturanKualitasError(GalatPengaturan):
    """An unreadable or invalid quality-threshold file (its problems on one line)."""

    judul = "Aturan kualitas tidak sah"

    def _teks(self) -> str:
        asal = f" ({self.berkas})" if self.berkas else ""
        return f"{self.judul}{asal}: " + "; ".join(f"{k}: {p}" if k else p for k, p in self.masalah)


class AturanPerhatianError(AturanKualitasError):
    """An unreadable or invalid attention-list file (`params/perhatian.yaml`)."""

    judul = "Aturan daftar perlu perhatian tidak sah"


class AsumsiError(GalatPengaturan):
    """An unreadable or invalid assumptions log; each problem names the entry and the key."""

    judul = "Log asumsi tidak sah"


# ---------------------------------------------------------------------------------------------
# `capaian impor` (docs/impor.md)


class ImporError(GalatPengguna):
    """The exports given to `capaian impor` cannot be imported (exit 1; nothing is written).

    `masalah` lists every problem (capaian.masalah.Masalah records: file, Excel row, column,
    value, message): an unrecognised file, a NIP Excel turned into a number, two files disagreeing
    about one pegawai's period, an unknown rating or predikat, ..."""

    status = 1

    def __init__(self, masalah: Sequence):
        self.masalah = list(masalah)
        super().__init__(f"{len(self.masalah)} masalah pada berkas ekspor; tidak ada yang ditulis")

    def pesan_cli(self) -> str:
        baris = [str(m) for m in self.masalah]
        baris.append(f"{len(self.masalah)} masalah ditemukan pada berkas ekspor; tidak ada yang ditulis. Perbaiki lalu jalankan lagi.")
        return "\n".join(baris)


class FolderImporBerisiData(GalatPerintah):
    """`capaian impor ... --ke DATA` into a folder that already holds a table source: the import
    never mixes with (or replaces) a user's tables."""

    def __init__(self, folder, berkas: Sequence[str]):
        self.folder, self.berkas = folder, list(berkas)
        super().__init__(
            f"folder '{folder}' sudah berisi berkas data ({', '.join(self.berkas)}); hasil impor tidak ditulis agar tidak "
            "tercampur dengan data itu: pilih folder baru atau kosong"
        )


class AturanImporError(GalatPengaturan):
    """An unreadable or invalid import settings file (`params/impor/*.yaml`) or `--peta-instansi`."""

    judul = "Aturan impor tidak sah"
