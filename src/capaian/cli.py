"""The `capaian` command: a thin layer over the library (docs/kontrak-data.md bagian 5).

Exit status: 0 success, 1 the data or a report failed (the problems are listed), 2 the command line
itself is wrong. A user's mistake never prints a Python traceback.

This is the only module that prints to stdout or chooses an exit status: the library raises a
`capaian.galat.GalatPengguna` (which carries its status) or returns a result, and `main` turns
either into text and a status. Importing it is cheap (no pandas): `capaian --help` builds the
parser only, and each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from capaian import __version__
from capaian.galat import DataError, FolderDataTidakAda, GalatPengguna, GalatPerintah, KeluaranTidakDapatDitulis

# argparse's own messages, in Bahasa Indonesia (it looks them up through gettext).
_TERJEMAHAN = {
    "usage: ": "penggunaan: ",
    "options": "opsi",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "expected one argument": "perlu satu nilai",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
}


@contextlib.contextmanager
def _bahasa_indonesia():
    """argparse speaks Bahasa Indonesia inside this block, and only there.

    argparse looks each of its own texts up through its module-global `_` (gettext) when it builds
    a parser and when it writes a message, so the lookup is swapped for the span of a command
    line's building and parsing; importing `capaian.cli` changes nothing in the process.
    """
    asli = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: _TERJEMAHAN.get(text, text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = asli  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D102 - same promise as argparse: exit 2
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def _periode(text: str):
    from capaian.galat import PeriodeError
    from capaian.kode import PERIODE_TERAKHIR, parse_periode

    if str(text).strip().lower() in PERIODE_TERAKHIR:
        return str(text).strip().lower()  # resolved after parsing, with --tanggal and --tenggat
    try:
        return parse_periode(text)
    except PeriodeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan bulat") from None
    if n < 1:
        raise argparse.ArgumentTypeError("harus bilangan bulat ≥ 1")
    return n


def _tanggal(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tanggal YYYY-MM-DD") from None


def _tenggat(text: str) -> int:
    n = _positive_int(text)
    if n > 28:
        raise argparse.ArgumentTypeError("harus tanggal 1 sampai 28")
    return n


def _selesaikan_periode(args) -> None:
    """`--periode terakhir...` becomes the last complete period on `--tanggal` (default today)."""
    if isinstance(getattr(args, "periode", None), str):
        import datetime as dt

        from capaian.kode import periode_terakhir

        args.periode = periode_terakhir(args.periode, args.tanggal or dt.date.today(), args.tenggat)


def _periode_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--periode", required=True, type=_periode, metavar="P",
                    help="kode periode: 2025-03, 2025-TW1, 2025-S1 atau 2025; atau periode lengkap terakhir: terakhir (bulan), "
                         "terakhir-bulan, terakhir-tw, terakhir-semester, terakhir-tahun")
    sp.add_argument("--tanggal", type=_tanggal, metavar="YYYY-MM-DD", default=None, help="tanggal acuan untuk --periode terakhir... (bawaan: hari ini)")
    sp.add_argument("--tenggat", type=_tenggat, metavar="HARI", default=10,
                    help="tenggat lapor: tanggal di bulan berikutnya saat sebuah bulan dianggap lengkap (bawaan 10)")


def default_metodologi() -> Path | None:
    """`params/metodologi.yaml` of the working folder where it exists; else the packaged default."""
    p = Path("params/metodologi.yaml")
    return p if p.is_file() else None


def _add_scoring_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("data", metavar="DATA", type=Path, help="folder data (CSV/XLSX per tabel, atau satu data.xlsx), atau snapshot terbitan DIR/P/terbit")
    _periode_options(sp)
    sp.add_argument("--revisi", metavar="ALASAN", default=None,
                    help="untuk periode yang sudah diterbitkan: tulis revisi di DIR/P/revisi-N/ dengan alasan ini (keluaran terbitan tidak diubah)")
    sp.add_argument("--metodologi", type=Path, metavar="FILE", default=None, help="berkas metodologi YAML (bawaan: params/metodologi.yaml)")
    sp.add_argument("--keluaran", type=Path, metavar="DIR", default=Path("outputs"), help="folder keluaran (bawaan: outputs/); hasil ditulis ke DIR/P/")


def _dask_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--dask", metavar="ALAMAT", default=None,
                    help="data terpartisi: kerjakan setiap partisi di pekerja Dask; ALAMAT penjadwal (tcp://host:8786) atau 'lokal' (docs/skala.md)")
    sp.add_argument("--dask-memori", metavar="BATAS", default=None, help="dengan --dask lokal: batas memori per pekerja, mis. 4GiB (bawaan: 3/4 memori mesin dibagi rata)")
    sp.add_argument("--dask-pekerja", type=_positive_int, metavar="N", default=None, help="dengan --dask lokal: jumlah pekerja (bawaan: jumlah CPU)")


def _periksa_dask(args) -> None:
    from capaian.partisi import adalah_partisi

    if args.dask is not None and not adalah_partisi(args.data):
        raise GalatPerintah(f"--dask memerlukan folder data terpartisi (folder kode_instansi=KODE/, docs/skala.md); '{args.data}' tidak terpartisi")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line (no library module is imported to build it)."""
    with _bahasa_indonesia():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="capaian",
        description="Penilaian kinerja ASN berbasis capaian: validasi data, penilaian per periode, dan laporan per instansi.",
        epilog="Status keluar: 0 berhasil, 1 data atau laporan bermasalah (masalahnya dicantumkan), 2 perintah salah tulis.",
    )
    parser.add_argument("--versi", action="version", version=f"capaian {__version__}", help="tampilkan versi lalu keluar")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser, title="perintah")

    sp = sub.add_parser("contoh", help="tulis data contoh sintetis Kabupaten Mamuju ke folder DIR", description="Menulis data contoh sintetis Kabupaten Mamuju (deterministik: selalu sama) ke folder DIR.")
    sp.add_argument("dir", metavar="DIR", type=Path, help="folder tujuan")
    sp.add_argument("--pegawai", type=_positive_int, default=300, metavar="N", help="jumlah pegawai (bawaan 300; perbesar untuk uji kecepatan)")
    sp.add_argument("--ekspor", action="store_true",
                    help="tulis contoh berkas ekspor e-Kinerja (Laporan Penilaian SKP bulanan dan tahunan, Laporan SKP) dan SIASN "
                         "dari pegawai data contoh yang sama, untuk dicoba dengan 'capaian impor'")
    sp.add_argument("--partisi", action="store_true", help="tulis data terpartisi berbentuk nasional: banyak pemda, satu folder kode_instansi=KODE/ per instansi (docs/skala.md)")
    sp.add_argument("--pemda", type=_positive_int, default=None, metavar="M", help="dengan --partisi: jumlah pemda (bawaan: satu per 5.000 pegawai)")
    sp.add_argument("--benih", type=int, default=2025, metavar="S", help="dengan --partisi: benih acak (bawaan 2025); benih dan ukuran yang sama selalu memberi berkas yang sama")
    sp.add_argument("--proses", type=_positive_int, default=None, metavar="N", help="dengan --partisi: jumlah proses paralel (bawaan: jumlah CPU); tidak mengubah hasil")

    sp = sub.add_parser("impor", help="impor ekspor e-Kinerja dan SIASN menjadi folder data",
                        description="Membaca ekspor e-Kinerja (Laporan Penilaian SKP, Laporan SKP) dan SIASN (Export Data ASN), XLSX atau "
                                    "CSV, lalu menulis folder data: instansi.csv, pegawai.csv, rating_putusan.csv, status_skp.csv, dan "
                                    "laporan impor laporan_impor.xlsx. Semua atau tidak sama sekali: bila ada masalah, tidak ada yang ditulis.")
    sp.add_argument("sumber", metavar="SUMBER", type=Path, nargs="+", help="berkas .xlsx/.csv, atau folder berisi berkas itu")
    sp.add_argument("--ke", required=True, type=Path, metavar="DATA", help="folder data yang ditulis (baru, kosong, atau tanpa tabel)")
    sp.add_argument("--peta-instansi", type=Path, metavar="FILE", default=None,
                    help="nama OPD -> kode_instansi (YAML 'nama: KODE', atau CSV dengan kolom nama_instansi, kode_instansi); "
                         "tanpa ini kode diturunkan dari nama")
    sp.add_argument("--aturan", type=Path, metavar="DIR", default=None,
                    help="folder berisi tata_letak.yaml dan/atau kosakata.yaml yang menimpa bawaan (bawaan: params/impor/)")

    sp = sub.add_parser("validasi", help="periksa semua tabel dan aturan antartabel", description="Memeriksa setiap tabel dan setiap aturan antartabel, lalu mencetak setiap masalah sebagai 'berkas:baris: kolom: pesan'.")
    sp.add_argument("data", metavar="DATA", type=Path, help="folder data")
    sp.add_argument("--keluaran", type=Path, metavar="FILE", default=None, help="tulis juga daftar masalah ke FILE (.csv atau .xlsx)")
    _dask_option(sp)

    sp = sub.add_parser("nilai", help="hitung nilai periode P: nilai_pegawai.csv dan nilai_indikator.csv", description="Menghitung nilai periode P dan menulis nilai_pegawai.csv serta nilai_indikator.csv ke DIR/P/.")
    _add_scoring_options(sp)
    _dask_option(sp)

    sp = sub.add_parser("laporan", help="buat laporan HTML per instansi untuk periode P", description="Membuat satu laporan HTML mandiri per instansi ke DIR/P/KODE/, rapor kinerja setiap pegawai (DIR/P/KODE/pegawai/NIP.html) dan halaman tim setiap atasan (DIR/P/KODE/tim/NIP.html), beserta DIR/P/index.html dan manifest.json.")
    _add_scoring_options(sp)
    sp.add_argument("--instansi", action="append", metavar="K", default=None, help="kode instansi (boleh diulang); bawaan: semua")
    sp.add_argument("--workers", type=_positive_int, default=None, metavar="N", help="jumlah proses paralel (bawaan: jumlah CPU)")
    sp.add_argument("--tanpa-halaman", action="store_true", help="jangan buat rapor per pegawai (KODE/pegawai/) dan halaman tim per atasan (KODE/tim/); daftar perlu perhatian di laporan instansi tetap dibuat")
    sp.add_argument("--perhatian", type=Path, metavar="FILE", default=None, help="aturan skor daftar perlu perhatian (bawaan: params/perhatian.yaml)")
    sp.add_argument("--samarkan", action="store_true", help="tulis salinan tersamar untuk sosialisasi ke DIR/P/samaran/: NIP dan nama diganti samaran, catatan dihapus")
    _dask_option(sp)

    sp = sub.add_parser("kualitas", help="laporan kualitas indikator (IKI) untuk periode P", description="Membuat laporan kualitas indikator kualitas_indikator.html dan daftar IKI bermasalah kualitas_indikator.xlsx ke DIR/P/.")
    _add_scoring_options(sp)
    sp.add_argument("--instansi", action="append", metavar="K", default=None, help="kode instansi (boleh diulang); bawaan: semua")

    sp = sub.add_parser("metodologi", help="tinjauan metodologi: bandingkan metodologi bawaan dengan alternatif", description="Membuat tinjauan metodologi metodologi.html ke DIR/P/, membandingkan metodologi bawaan dengan setiap --banding FILE. Tanpa --banding, setiap berkas *.yaml di params/alternatif/ dibandingkan (folder kerja bila ada, selain itu alternatif bawaan paket).")
    _add_scoring_options(sp)
    sp.add_argument("--banding", action="append", type=Path, metavar="FILE", default=None, help="berkas metodologi alternatif (boleh diulang); tanpa opsi ini: setiap berkas di params/alternatif/")
    sp.add_argument("--samarkan", action="store_true", help="tulis salinan tersamar untuk sosialisasi ke DIR/P/samaran/: NIP dan nama diganti samaran, catatan dihapus")
    sp.add_argument("--instansi", action="append", metavar="K", default=None, help="kode instansi (boleh diulang); bawaan: semua")

    sp = sub.add_parser("terbitkan", help="terbitkan periode P: simpan snapshot data, metodologi dan manifest",
                        description="Menerbitkan DIR/P/ setelah 'capaian laporan' berhasil: snapshot tabel masukan tervalidasi (Parquet) beserta "
                                    "SHA-256-nya, berkas metodologi yang dipakai, manifest dan nilai ke DIR/P/terbit/. Setelah itu periode P "
                                    "hanya dapat diubah lewat --revisi.")
    sp.add_argument("data", metavar="DATA", type=Path, help="folder data yang dipakai laporan periode P")
    _periode_options(sp)
    sp.add_argument("--oleh", required=True, metavar="NAMA", help="nama yang menerbitkan (dicatat)")
    sp.add_argument("--metodologi", type=Path, metavar="FILE", default=None, help="berkas metodologi yang dipakai laporan (bawaan: yang tercatat di manifest)")
    sp.add_argument("--keluaran", type=Path, metavar="DIR", default=Path("outputs"), help="folder keluaran (bawaan: outputs/)")

    sp = sub.add_parser("banding", help="bandingkan dua data: baris yang ditambah, dihapus dan diubah per tabel",
                        description="Membandingkan DATA_LAMA dengan DATA_BARU per tabel menurut kunci tabel: baris yang ditambah, dihapus "
                                    "dan diubah (beserta kolomnya). Tidak menilai apa pun.")
    sp.add_argument("lama", metavar="DATA_LAMA", type=Path, help="folder data lama (atau snapshot DIR/P/terbit)")
    sp.add_argument("baru", metavar="DATA_BARU", type=Path, help="folder data baru")
    sp.add_argument("--keluaran", type=Path, metavar="FILE", default=None, help="tulis juga perbandingan ke FILE (.xlsx atau .html)")
    return parser


# ---------------------------------------------------------------------------------------------
# Where a command writes: a mistake in `--keluaran` is the user's (exit 2), said before any work


def periksa_berkas_keluaran(path: Path, akhiran: tuple[str, ...]) -> None:
    """`--keluaran FILE` of a command that writes one file: an extension it can write, and a path
    that can be written (`periksa_keluaran`); GalatPerintah (exit 2) otherwise."""
    if path.suffix.lower() not in akhiran:
        raise GalatPerintah(f"--keluaran harus berakhiran {' atau '.join(akhiran)}, bukan '{path.name}'")
    periksa_keluaran(path, berkas=True)


def periksa_keluaran(jalur: Path, *, berkas: bool = False, periode: str | None = None) -> None:
    """Raise `KeluaranTidakDapatDitulis` (naming `jalur` as given) unless the command can write there.

    `berkas=False`: `jalur` is the output folder (created when missing) and `jalur/periode/` the
    period folder, where no name capaian writes may be taken by a folder. `berkas=True`: `jalur`
    is a file to (over)write. Checked before any scoring or rendering; nothing is left behind
    (writability is tried with a temporary folder, removed at once).
    """
    if berkas:
        if jalur.is_dir():
            raise KeluaranTidakDapatDitulis(jalur, "itu sebuah folder; berikan nama berkas, mis. masalah.xlsx")
        folder = jalur.parent
    else:
        if jalur.exists() and not jalur.is_dir():
            raise KeluaranTidakDapatDitulis(jalur, "sudah ada dan bukan folder; berikan folder untuk keluaran")
        folder = jalur
        if periode is not None:
            from capaian.skema import NAMA_KELUARAN_PERIODE

            folder_periode = jalur / periode
            if folder_periode.exists() and not folder_periode.is_dir():
                raise KeluaranTidakDapatDitulis(jalur, f"'{folder_periode}' sudah ada dan bukan folder")
            for nama in NAMA_KELUARAN_PERIODE:
                if (folder_periode / nama).is_dir():
                    raise KeluaranTidakDapatDitulis(jalur, f"'{folder_periode / nama}' adalah folder, padahal capaian menulis berkas dengan nama itu")
    ada = folder
    while not ada.exists() and ada != ada.parent:
        ada = ada.parent
    if not ada.is_dir():
        raise KeluaranTidakDapatDitulis(jalur, f"'{ada}' adalah berkas, bukan folder, sehingga tidak ada yang dapat ditulis di bawahnya")
    import tempfile

    try:
        os.rmdir(tempfile.mkdtemp(prefix=".capaian-uji-", dir=ada))
    except OSError as exc:
        raise KeluaranTidakDapatDitulis(jalur, f"folder '{ada}' tidak dapat ditulis ({_sebab(exc)})") from None


def _sebab(exc: OSError) -> str:
    """Why the system refused a write, in Bahasa Indonesia where the cause is a common one."""
    import errno

    return {
        errno.EACCES: "tidak ada izin menulis",
        errno.EPERM: "tidak ada izin menulis",
        errno.EROFS: "sistem berkas hanya-baca",
        errno.ENOSPC: "ruang disk penuh",
        errno.ENOENT: "tempat itu tidak dapat diisi",
        errno.EISDIR: "sudah ada folder dengan nama itu",
        errno.ENOTDIR: "bagian dari jalur itu adalah berkas, bukan folder",
    }.get(exc.errno, exc.strerror or str(exc))


@contextlib.contextmanager
def _menulis_ke(jalur: Path, data: Path | None = None):
    """An OSError on a path at or under `jalur` (the final write failing: disk full, a folder made
    read-only meanwhile) is the user's `--keluaran` problem, named by the path given, never by a
    temporary file's name. A path inside the `data` folder is a reading error: passed on."""
    try:
        yield
    except OSError as exc:
        sasaran = Path(os.path.abspath(jalur))
        masukan = Path(os.path.abspath(data)) if data is not None else None
        for nama in (exc.filename, exc.filename2):
            if nama is None:
                continue
            p = Path(os.path.abspath(os.fsdecode(nama)))
            if masukan is not None and (p == masukan or masukan in p.parents):
                continue
            if p == sasaran or sasaran in p.parents or p.parent == sasaran.parent and sasaran.name in p.name:
                raise KeluaranTidakDapatDitulis(jalur, _sebab(exc)) from exc
        raise


# ---------------------------------------------------------------------------------------------


def cmd_contoh(args) -> int:
    from capaian.contoh import pegawai_minimum, write_sample

    if args.ekspor:
        from capaian.contoh_ekspor import write_ekspor

        if args.partisi:
            raise GalatPerintah("--ekspor dan --partisi tidak dapat dipakai bersama")
        if args.pegawai != 300:
            raise GalatPerintah("--ekspor hanya untuk data contoh bawaan (300 pegawai); hapus --pegawai")
        if args.dir.exists() and not args.dir.is_dir():
            raise GalatPerintah(f"'{args.dir}' sudah ada dan bukan folder")
        files = write_ekspor(args.dir)
        print(f"Contoh ekspor e-Kinerja dan SIASN ditulis ke {args.dir} ({len(files)} berkas). "
              f"Coba: capaian impor {args.dir} --ke DATA --peta-instansi {args.dir / 'peta_instansi.yaml'}")
        return 0
    if args.pegawai < pegawai_minimum():
        raise GalatPerintah(f"--pegawai harus sedikitnya {pegawai_minimum()} (satu hierarki lengkap untuk setiap instansi contoh)")
    if args.dir.exists() and not args.dir.is_dir():
        raise GalatPerintah(f"'{args.dir}' sudah ada dan bukan folder")
    if args.partisi:
        from capaian.partisi import tulis_contoh_partisi

        files = tulis_contoh_partisi(args.dir, pegawai=args.pegawai, pemda=args.pemda, benih=args.benih, proses=args.proses)
        print(f"Data contoh terpartisi ditulis ke {args.dir} ({len(files)} partisi).")
        return 0
    files = write_sample(args.dir, pegawai=args.pegawai)
    print(f"Data contoh ditulis ke {args.dir} ({len(files)} berkas).")
    return 0


def cmd_impor(args) -> int:
    from capaian.impor import impor

    laporan = impor(args.sumber, args.ke, peta_instansi=args.peta_instansi, aturan=args.aturan)
    print(laporan.ringkasan())
    return 0


def cmd_validasi(args) -> int:
    from capaian.masalah import write_masalah
    from capaian.validasi import validate_folder

    if args.keluaran is not None:
        periksa_berkas_keluaran(args.keluaran, (".csv", ".xlsx"))
    if not args.data.is_dir():
        raise FolderDataTidakAda(args.data)
    _periksa_dask(args)
    if args.dask is not None:
        from capaian.skala import validasi_dask

        masalah = validasi_dask(args.data, args.dask, args.dask_pekerja, args.dask_memori)
    else:
        _, masalah = validate_folder(args.data)
    # The list is printed before any file is written: a failing write never hides it.
    if masalah:
        # the list is what `validasi` is asked for, so it goes to stdout (other commands: stderr)
        print(DataError(masalah).pesan_cli(), flush=True)
    else:
        print(f"Data di {args.data} sah: tidak ada masalah.", flush=True)
    if args.keluaran is not None:
        with _menulis_ke(args.keluaran):
            write_masalah(masalah, args.keluaran)
    return 1 if masalah else 0


def _metodologi(args) -> Path | None:
    """`--metodologi`; else the snapshot's own methodology where DATA is a snapshot
    (`DIR/P/terbit`), else `default_metodologi()`."""
    if args.metodologi is not None:
        return args.metodologi
    from capaian.terbitan import adalah_snapshot

    if adalah_snapshot(args.data):
        return args.data / "metodologi.yaml"
    return default_metodologi()


def _periode_terbit(args, perintah: str, jalankan) -> int:
    """Run `jalankan(keluaran)` (the command writing to `keluaran/P/`) unless the period is issued.

    An issued period (`DIR/P/terbit/`) is refused (exit 1) without `--revisi`; with it, the command
    writes to a temporary folder that becomes `DIR/P/revisi-N/`, with perubahan.html and
    perubahan.xlsx against the issued snapshot (`capaian.terbitan`)."""
    from capaian.terbitan import PeriodeSudahTerbit, baca_terbitan, revisi, tulis_perubahan_revisi

    folder = args.keluaran / args.periode.kode
    terbitan = baca_terbitan(folder) if folder.is_dir() else None
    alasan = None if args.revisi is None else args.revisi.strip()
    if terbitan is None:
        if args.revisi is not None:
            raise GalatPerintah(f"--revisi hanya untuk periode yang sudah diterbitkan; '{folder}' belum diterbitkan (lihat 'capaian terbitkan')")
        return jalankan(args.keluaran)
    if args.revisi is None:
        raise PeriodeSudahTerbit(folder, terbitan)
    if not alasan:
        raise GalatPerintah("--revisi perlu alasan yang tidak kosong, mis. --revisi \"realisasi Maret dikoreksi\"")
    from capaian.pengaturan import load_metodologi
    from capaian.validasi import load_dataset

    with revisi(folder, alasan, f"capaian {perintah}") as (sementara, n):
        status = jalankan(sementara) if perintah == "nilai" else jalankan(sementara, args.data, folder / f"revisi-{n}")
        hasil = sementara / args.periode.kode
        hasil.mkdir(exist_ok=True)
        tulis_perubahan_revisi(folder, hasil, load_dataset(args.data), args.periode, load_metodologi(_metodologi(args)), alasan)
    print(f"revisi ke-{n} ditulis ke {folder / f'revisi-{n}'} (perubahan.html, perubahan.xlsx); keluaran terbitan tidak diubah.")
    return status


def cmd_nilai(args) -> int:
    periksa_keluaran(args.keluaran, periode=args.periode.kode)
    return _periode_terbit(args, "nilai", lambda keluaran: _nilai(args, keluaran))


def _nilai(args, keluaran: Path) -> int:
    from capaian.pengaturan import load_metodologi
    from capaian.nilai import score_period, write_scores
    from capaian.terbit import kunci_periode, tandai_usang
    from capaian.validasi import load_dataset

    metodologi = load_metodologi(_metodologi(args))
    _periksa_dask(args)
    if args.dask is not None:
        from capaian.skala import nilai_dask

        folder = keluaran / args.periode.kode
        with _menulis_ke(args.keluaran), kunci_periode(folder):
            _, ditulis = nilai_dask(args.data, args.periode, metodologi, folder, args.dask, args.dask_pekerja, args.dask_memori)
        for f in ditulis:
            print(f"ditulis: {f}")
        return 0
    dataset = load_dataset(args.data)
    hasil = score_period(dataset, args.periode, metodologi)
    folder = keluaran / args.periode.kode
    with _menulis_ke(args.keluaran), kunci_periode(folder):
        ditulis = write_scores(hasil, folder)
        # Reports made from other data now sit beside these scores: marked stale, never current.
        tandai_usang(folder, dataset)
    if keluaran == args.keluaran:  # a revision names its folder once it is in place
        for f in ditulis:
            print(f"ditulis: {f}")
    return 0


def _jalankan_laporan(args, render, **pilihan) -> int:
    """The tail every report command shares: check `--keluaran` first, render with the data,
    period, output folder and methodology of `args` plus `pilihan` (into a revision folder where
    the period is issued and `--revisi` given), print the summary."""
    periksa_keluaran(args.keluaran, periode=args.periode.kode)

    def jalankan(keluaran: Path, data: Path = args.data, tujuan: Path | None = None) -> int:
        """Render into `keluaran/P/`; the summary names `tujuan` (where a revision or a
        pseudonymised copy will be) in place of that temporary folder."""
        with _menulis_ke(args.keluaran, args.data):
            hasil = render(data, args.periode.kode, keluaran=keluaran, metodologi=_metodologi(args), **pilihan)
        teks = hasil.ringkasan()
        if tujuan is not None:
            teks = teks.replace(str(keluaran / args.periode.kode), str(tujuan))
        print(teks)
        return hasil.exit_status

    if getattr(args, "samarkan", False):
        if args.revisi is not None:
            raise GalatPerintah("--samarkan tidak dapat digabung dengan --revisi: salinan tersamar ditulis ke DIR/P/samaran/, tidak pernah ke revisi")
        return _samarkan(args, jalankan)
    return _periode_terbit(args, args.perintah, jalankan)


def _samarkan(args, jalankan) -> int:
    """`--samarkan`: the command's reports made from a pseudonymised copy of the data
    (`capaian.samaran`) into `DIR/P/samaran/`, replacing an earlier copy there; the period's
    own outputs (issued or not) are not touched."""
    import secrets
    import shutil

    from capaian.samaran import FOLDER_SAMARAN, tulis_data_samaran
    from capaian.terbit import kunci_periode

    folder = args.keluaran / args.periode.kode
    with kunci_periode(folder):
        sementara = folder / f".samaran-{secrets.token_hex(3)}"
        try:
            data = tulis_data_samaran(args.data, sementara / "data")
            tujuan = folder / FOLDER_SAMARAN
            if tujuan.is_dir():  # later commands add to the same copy (laporan, then metodologi)
                shutil.copytree(tujuan, sementara / "keluaran" / args.periode.kode)
            status = jalankan(sementara / "keluaran", data, tujuan)
            lama = sementara / "lama"
            if tujuan.is_dir():
                os.rename(tujuan, lama)
            os.rename(sementara / "keluaran" / args.periode.kode, tujuan)
        finally:
            shutil.rmtree(sementara, ignore_errors=True)
    print(f"salinan tersamar ditulis ke {folder / FOLDER_SAMARAN}/ (NIP dan nama diganti samaran, catatan dihapus).")
    return status


def cmd_laporan(args) -> int:
    from capaian import laporan

    pilihan = dict(instansi=args.instansi, workers=args.workers, halaman=not args.tanpa_halaman, perhatian=args.perhatian)
    _periksa_dask(args)
    if args.dask is None:
        return _jalankan_laporan(args, laporan.render_laporan, **pilihan)
    if args.samarkan:
        raise GalatPerintah("--samarkan belum dapat digabung dengan --dask; buat salinan tersamar tanpa --dask")
    from capaian.skala import klien, muat_dask, penerbit_dask

    with klien(args.dask, args.dask_pekerja, args.dask_memori) as c:
        return _jalankan_laporan(args, laporan.render_laporan, penerbit=penerbit_dask(c), muat=muat_dask(c), **pilihan)


def cmd_kualitas(args) -> int:
    from capaian import kualitas

    return _jalankan_laporan(args, kualitas.render_kualitas, instansi=args.instansi)


def cmd_metodologi(args) -> int:
    from capaian import metodologi

    return _jalankan_laporan(args, metodologi.render_metodologi, banding=args.banding or [], instansi=args.instansi)


def cmd_terbitkan(args) -> int:
    from capaian.terbitan import terbitkan

    if not args.oleh.strip():
        raise GalatPerintah("--oleh perlu nama yang tidak kosong")
    if not args.data.is_dir():
        raise FolderDataTidakAda(args.data)
    hasil = terbitkan(args.data, args.periode.kode, args.keluaran, args.oleh, args.metodologi)
    print(hasil.ringkasan())
    return 0


def cmd_banding(args) -> int:
    from capaian.terbitan import banding_dataset, ringkasan_banding, write_perubahan
    from capaian.validasi import load_dataset

    if args.keluaran is not None:
        periksa_berkas_keluaran(args.keluaran, (".xlsx", ".html"))
    lama, baru = load_dataset(args.lama), load_dataset(args.baru)
    banding = banding_dataset(lama, baru)
    print(f"Perbandingan {args.lama} → {args.baru}:")
    print(ringkasan_banding(banding), flush=True)
    if args.keluaran is not None:
        judul = f"Perbandingan data {args.lama} → {args.baru}"
        with _menulis_ke(args.keluaran):
            if args.keluaran.suffix.lower() == ".html":
                write_perubahan(None, judul, banding, html=args.keluaran)
            else:
                write_perubahan(None, judul, banding, xlsx=args.keluaran)
        print(f"ditulis: {args.keluaran}")
    return 0


COMMANDS = {
    "contoh": cmd_contoh,
    "impor": cmd_impor,
    "validasi": cmd_validasi,
    "nilai": cmd_nilai,
    "laporan": cmd_laporan,
    "kualitas": cmd_kualitas,
    "metodologi": cmd_metodologi,
    "terbitkan": cmd_terbitkan,
    "banding": cmd_banding,
}


def _mulai_perintah() -> None:
    """Process-wide settings a command runs with, made when it starts (never at import)."""
    from capaian.baca import pakai_pengalokasi_sistem
    from capaian.format import zona_waktu

    pakai_pengalokasi_sistem()
    zona_waktu()  # a wrong CAPAIAN_ZONA_WAKTU stops the command before anything is written


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (default `sys.argv[1:]`) and return its exit status.

    argparse's help and its errors (stderr, status 2) are returned as statuses too, never raised.
    A user's mistake (`GalatPengguna`) prints its message on stderr and ends with its status.
    """
    with _bahasa_indonesia():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return _status_exit(exc)
        if not args.perintah:
            parser.print_help()
            return 2
    try:
        _mulai_perintah()
        _selesaikan_periode(args)
        return COMMANDS[args.perintah](args) or 0
    except GalatPengguna as exc:
        print(exc.pesan_cli(), file=sys.stderr)
        return exc.status
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        print("dibatalkan.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not the user's mistake: say so without a wall of traceback
        if os.environ.get("CAPAIAN_DEBUG"):
            raise
        print(
            f"capaian: galat internal ({type(exc).__name__}: {exc}). Ini kesalahan program, bukan data Anda; "
            "jalankan lagi dengan CAPAIAN_DEBUG=1 untuk rincian dan laporkan.",
            file=sys.stderr,
        )
        return 1


def _status_exit(exc: SystemExit) -> int:
    return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)


if __name__ == "__main__":
    sys.exit(main())
