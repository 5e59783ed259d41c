"""A strict, parallel papermill + nbconvert runner for report notebooks.

`run_notebooks(jobs, workers)` executes each job's notebook with its parameters in a FRESH kernel
(nothing of one report is ever in the kernel of another), saves the executed notebook, and exports
a self-contained HTML file with every code input removed and images embedded.

Why it is built this way (see docs/catatan-teknis.md):
- Kernel start-up and imports dominate a light report. Worker processes import papermill and
  nbconvert once and reuse one HTML exporter, and start the next kernel while the current report
  runs. On Linux each kernel is forked from a per-worker "zygote" that has already imported
  ipykernel and the `warmup` lines (`capaian.zigot`); `PengaturanRunner(zigot=False)`, and any
  failure of the zygote, start each kernel as a new `python -m ipykernel_launcher` instead.
- papermill has let cell failures through before, so a report is judged by its outputs: any
  `error` output, or a non-empty code cell that never ran, makes it `gagal`. A failed job keeps its
  executed notebook (for diagnosis) and gets no HTML; an HTML left by an earlier run is removed.
- Files are written to a temporary name and renamed, so a half-written file never looks finished.
- `NotebookPool(kerja=...)` puts the workers' logs, and the TMPDIR and Jupyter runtime folder of
  workers, zygotes and kernels, in the caller's private work folder (capaian's commands:
  `DIR/P/.kerja/RUN/`), never in the system's temporary folder, where a killed run would strand them.
- ipykernel and jupyter_client log warnings at kernel start and shutdown even when a notebook is
  complete; workers silence them, and the result of each job carries what went wrong instead.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from multiprocessing import connection as mp_connection
from typing import Callable, Iterable, Sequence

TEMPLATE_NAME = "capaian"

BERHASIL = "berhasil"
GAGAL = "gagal"


@dataclass(frozen=True)
class Job:
    """One notebook to run: source notebook, parameters, where to save the executed notebook and
    (optionally) its HTML export. Paths in `parameters` should be absolute: the kernel's working
    directory is the worker's, not the notebook's."""

    notebook: Path
    parameters: dict
    ipynb: Path
    html: Path | None = None
    judul: str = "Laporan"  # the HTML page title


@dataclass(frozen=True)
class HasilJob:
    """What became of one job: `status` is `berhasil` or `gagal`; `pesan` says why it failed."""

    job: Job
    status: str
    pesan: str | None = None
    detik: float = 0.0

    @property
    def berhasil(self) -> bool:
        return self.status == BERHASIL


def _folder_template() -> str:
    from capaian import sumber  # here, not at import: a worker loads this file without the package

    return str(sumber.folder_template())


@dataclass(frozen=True)
class PengaturanRunner:
    """Settings shared by every worker of a pool.

    - `warmup`: Python lines run before any report is given to a kernel (imports only, nothing
      that touches data): once in the zygote, or by each new kernel at start-up.
    - `start_timeout`: seconds to wait for a kernel to be ready (generous: on a small machine
      several kernels start at once).
    - `cell_timeout`: seconds one cell may run; None = no limit.
    - `prestart`: start the next kernel while the current report runs.
    - `zigot`: fork each kernel from a per-worker "zygote" process that has already imported
      ipykernel and run `warmup`, instead of starting a new Python (see `capaian.zigot`). Linux
      only by default (it relies on fork and /proc); False is the plain path.
    """

    warmup: tuple[str, ...] = ()
    start_timeout: float = 180.0
    cell_timeout: float | None = 900.0
    kernel_name: str = "python3"
    template_dir: str = field(default_factory=_folder_template)
    template_name: str = TEMPLATE_NAME
    prestart: bool = True
    zigot: bool = sys.platform.startswith("linux")
    env: dict = field(default_factory=dict)


def run_notebooks(
    jobs: Sequence[Job],
    workers: int | None = None,
    pengaturan: PengaturanRunner | None = None,
    on_done: Callable[[HasilJob], None] | None = None,
) -> list[HasilJob]:
    """Run every job, `workers` at a time (default: the CPU count); results in the jobs' order.

    Never raises for a failing notebook: its result says `gagal` with the error. `on_done` is
    called in this process after each job (e.g. to advance a progress bar).
    """
    jobs = list(jobs)
    if not jobs:
        return []
    with NotebookPool(workers=workers, pengaturan=pengaturan, jumlah_job=len(jobs)) as pool:
        return pool.run(jobs, on_done=on_done)


class NotebookPool:
    """Worker processes that run notebooks. Start it early: workers import papermill and nbconvert
    and boot their first kernel while the caller still prepares the jobs.

    Workers are plain Python processes (see `_perintah`) talking over a socket pair, not
    multiprocessing children: nothing of the caller's `__main__` is re-imported in them, and a
    worker that dies is noticed at once (its job fails; the others go on). Jobs go to whichever
    worker is free. Use as a context manager; `run()` may be called more than once.
    """

    def __init__(self, workers: int | None = None, pengaturan: PengaturanRunner | None = None, jumlah_job: int | None = None,
                 kerja: str | Path | None = None):
        n = workers or os.cpu_count() or 1
        if jumlah_job is not None:
            n = min(n, max(jumlah_job, 1))
        self.workers = max(1, int(n))
        self.pengaturan = pengaturan or PengaturanRunner()
        # `kerja`: the caller's private work folder (capaian's commands: DIR/P/.kerja/RUN/, see
        # capaian.terbit.area_kerja). The workers' logs go there, and the workers, their zygotes
        # and kernels get their TMPDIR and Jupyter runtime folder (connection files) inside it.
        # Without one, a temporary folder of the system's is made and removed at close.
        self._log = tempfile.TemporaryDirectory(prefix="capaian-runner-") if kerja is None else None
        tempat = Path(self._log.name) if kerja is None else Path(kerja)
        env = None
        if kerja is not None:
            sementara = tempat / "tmp"
            sementara.mkdir(mode=0o700, exist_ok=True)
            env = {**os.environ, "TMPDIR": str(sementara), "TEMP": str(sementara), "TMP": str(sementara),
                   "JUPYTER_RUNTIME_DIR": str(sementara / "jupyter")}
        self._pekerja: list[_Pekerja] = [_Pekerja(self.pengaturan, tempat / f"pekerja-{i}.log", env) for i in range(self.workers)]
        self._tertutup = False

    def __enter__(self) -> NotebookPool:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        # On an error (or Ctrl-C) in the caller, stop at once instead of waiting for workers
        # that may still be importing or booting a kernel.
        self.close(segera=exc_type is not None)

    def run(self, jobs: Iterable[Job], on_done: Callable[[HasilJob], None] | None = None) -> list[HasilJob]:
        """Run the jobs; results in their order. A job whose worker died is `gagal`."""
        jobs = list(jobs)
        antre = list(range(len(jobs)))
        hasil: dict[int, HasilJob] = {}

        def selesai(i: int, h: HasilJob) -> None:
            hasil[i] = h
            if on_done:
                on_done(h)

        def beri(p: _Pekerja) -> None:
            i = antre.pop(0)
            # Start the next kernel now only if this worker is likely to get another job.
            lagi = len(antre) >= len(self._hidup())
            if not p.kirim(("job", i, _job_data(jobs[i]), lagi)):
                selesai(i, HasilJob(jobs[i], GAGAL, p.alasan_mati()))

        for p in self._hidup():
            if antre:
                beri(p)
        while len(hasil) < len(jobs):
            sibuk = [p for p in self._hidup() if p.job is not None]
            if not sibuk:
                for i in antre:
                    selesai(i, HasilJob(jobs[i], GAGAL, "tidak ada proses pekerja yang berjalan"))
                antre.clear()
                break
            for conn in mp_connection.wait([p.conn for p in sibuk]):
                p = next(p for p in sibuk if p.conn is conn)
                i = p.job
                pesan = p.terima()
                if pesan is None:  # the worker died
                    selesai(i, HasilJob(jobs[i], GAGAL, p.alasan_mati()))
                    continue
                status, keterangan, detik = pesan[2]
                selesai(i, HasilJob(jobs[i], status, keterangan, detik))
                if antre:
                    beri(p)
        return [hasil[i] for i in range(len(jobs))]

    def _hidup(self) -> list[_Pekerja]:
        return [p for p in self._pekerja if p.hidup]

    def close(self, segera: bool = False) -> None:
        """Stop the workers: tell them to finish (or, with `segera`, terminate them); each shuts
        down the kernels it started."""
        if self._tertutup:
            return
        self._tertutup = True
        for p in self._pekerja:
            if segera:
                p.hentikan()
            else:
                p.kirim(("stop",))
        for p in self._pekerja:
            p.tunggu()
        if self._log is not None:
            self._log.cleanup()


def _perintah(peran: str, fd: int) -> list[str]:
    """`python -m capaian.runner PERAN FD`: runs `peran` (`--worker` or `--zigot`) on socket `fd`.
    The package's `__init__` is lazy, so this imports nothing of capaian but this module; messages
    between processes are plain data, not capaian objects."""
    return [sys.executable, "-m", "capaian.runner", peran, str(fd)]


def _job_data(job: Job) -> dict:
    return {
        "notebook": str(job.notebook),
        "parameters": dict(job.parameters),
        "ipynb": str(job.ipynb),
        "html": str(job.html) if job.html else None,
        "judul": job.judul,
    }


class _Pekerja:
    """The parent's handle on one worker process."""

    def __init__(self, pengaturan: PengaturanRunner, log: Path, env: dict | None = None):
        induk, anak = socket.socketpair()
        self.log = log
        # The log may quote a report's data (a traceback): readable by its owner only.
        with open(log, "wb", opener=lambda p, f: os.open(p, f, 0o600)) as f:
            self.proses = subprocess.Popen(
                _perintah("--worker", anak.fileno()),
                pass_fds=[anak.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=f,
                stderr=f,
                env=env,
            )
        anak.close()
        self.conn = mp_connection.Connection(induk.detach())
        self.job: int | None = None
        self.hidup = True
        self.kirim(("atur", asdict(pengaturan)))

    def kirim(self, pesan) -> bool:
        if not self.hidup:
            return False
        try:
            self.conn.send(pesan)
        except OSError:
            self.hidup = False
            return False
        if pesan[0] == "job":
            self.job = pesan[1]
        return True

    def terima(self):
        try:
            pesan = self.conn.recv()
        except (EOFError, OSError):
            self.hidup = False
            self.job = None
            return None
        self.job = None
        return pesan

    def alasan_mati(self) -> str:
        try:
            self.proses.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        ekor = ""
        try:
            baris = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            if baris:
                ekor = ": " + baris[-1][:300]
        except OSError:
            pass
        return f"proses pekerja berhenti tiba-tiba (kode keluar {self.proses.returncode}){ekor}"

    def hentikan(self) -> None:
        if self.proses.poll() is None:
            self.proses.terminate()

    def tunggu(self) -> None:
        try:
            self.proses.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proses.kill()
            self.proses.wait()
        self.conn.close()
        self.hidup = False


# ---------------------------------------------------------------------------------------------
# Inside a worker process


def _diam() -> None:
    """Keep library noise (kernel start/stop warnings, deprecations) out of the user's terminal."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)


_kernel_hidup: set = set()  # this worker's kernels, to kill them when the worker is terminated


def _bunuh_kernel(signum, frame) -> None:
    for kernel in list(_kernel_hidup):
        proses = getattr(kernel.km.provisioner, "process", None)
        if proses is not None:
            try:
                proses.kill()
            except OSError:
                pass
    os._exit(128 + signum)


def _env_kernel(pengaturan: PengaturanRunner) -> dict:
    env = dict(os.environ)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's start-up warning
    env.setdefault("PYTHONHASHSEED", "0")  # the same set/dict orders on every run
    env.update(pengaturan.env)
    return env


class _Kernel:
    """One fresh kernel, started with the warm-up lines already done in it.

    With a zygote the kernel is forked from it (imports already done, nothing else: the zygote
    never runs a report); without one it is a new `python -m ipykernel_launcher` that runs the
    warm-up lines at start-up.
    """

    def __init__(self, pengaturan: PengaturanRunner, zigot=None):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self.km = AsyncKernelManager(kernel_name=pengaturan.kernel_name)
        alamat = _alamat_ipc()
        if alamat is not None:
            # Unix sockets instead of TCP ports: jupyter_client picks "free" ports, frees them and
            # the kernel binds them later, so kernels started at the same moment (or any outgoing
            # connection taking that ephemeral port) can collide, and a kernel then never answers
            # (seen as "Kernel didn't respond in N seconds"). A socket file per kernel cannot.
            self.km.transport = "ipc"
            self.km.ip = alamat
        args = ["--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"]
        if zigot is not None and zigot.pasang(self.km, args):
            pass  # forked from the zygote (`capaian.zigot.Zigot`): the warm-up imports are done
        elif pengaturan.warmup:
            args.append("--IPKernelApp.exec_lines=" + "; ".join(pengaturan.warmup))
        _kernel_hidup.add(self)
        try:
            run_sync(self.km.start_kernel)(
                kernel_id=self.km.kernel_id, extra_arguments=args, env=_env_kernel(pengaturan),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        except BaseException:
            self.matikan()
            raise

    def matikan(self) -> None:
        try:
            self._run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - a kernel that is already gone is fine
            pass
        _kernel_hidup.discard(self)


_folder_ipc: list[str] = []
_nomor_ipc = itertools.count(1)


def _alamat_ipc() -> str | None:
    """A fresh socket-file prefix for one kernel in this worker's private folder, or None where
    Unix sockets are not available (Windows) or the path would be too long for one (about 107
    bytes, with jupyter_client's "-N" suffix)."""
    if os.name != "posix":
        return None
    if not _folder_ipc:
        _folder_ipc.append(tempfile.mkdtemp(prefix="capaian-k-"))
    alamat = os.path.join(_folder_ipc[0], f"k{next(_nomor_ipc)}")
    return alamat if len(alamat.encode()) <= 90 else None


def _modul_zigot():
    """`capaian.zigot`, imported only where a zygote is used (the runner runs as `-m capaian.runner`)."""
    from capaian import zigot

    return zigot


def _kernel_baru(pengaturan: PengaturanRunner, zigot) -> _Kernel:
    """A fresh kernel: forked by the zygote, or (where the zygote is not usable) a new process."""
    if zigot is not None and zigot.dapat_dipakai:
        try:
            return _Kernel(pengaturan, zigot)
        except (EOFError, OSError, RuntimeError):
            zigot.dapat_dipakai = False
    return _Kernel(pengaturan, None)


def _worker(fd: int) -> None:
    """The worker loop: receive settings, then jobs, until told to stop or the parent goes away."""
    _diam()
    signal.signal(signal.SIGTERM, _bunuh_kernel)
    conn = mp_connection.Connection(fd)
    _, atur = conn.recv()
    pengaturan = PengaturanRunner(**atur)
    # The zygote imports its libraries while this process imports its own.
    zigot = (
        _modul_zigot().Zigot(lambda fd: _perintah("--zigot", fd), _env_kernel(pengaturan), pengaturan.warmup)
        if pengaturan.zigot
        else None
    )
    # Imported once per worker. jsonschema (under nbformat) eagerly imports rfc3987_syntax, which
    # builds parsers at import time: over a second per process. nbformat's schema uses none of the
    # IRI formats it checks, so a worker goes without it (the HTML is byte-identical).
    if "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment] - makes its import fail
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    _daftarkan_mesin()
    exporter = _buat_exporter(pengaturan)
    siap: _Kernel | None = None
    try:
        try:
            siap = _kernel_baru(pengaturan, zigot)
        except Exception:  # noqa: BLE001 - retried (and reported) with the first job
            siap = None
        while True:
            try:
                pesan = conn.recv()
            except EOFError:
                break
            if pesan[0] != "job":
                break
            _, i, data_job, lagi = pesan
            job = Job(**data_job)
            try:
                kernel = siap or _kernel_baru(pengaturan, zigot)
            except Exception as exc:  # noqa: BLE001 - this job fails; the worker goes on
                siap = None
                conn.send(("selesai", i, (GAGAL, f"kernel tidak dapat dimulai: {type(exc).__name__}: {exc}", 0.0)))
                continue
            siap = None
            if pengaturan.prestart and lagi:
                try:
                    siap = _kernel_baru(pengaturan, zigot)
                except Exception:  # noqa: BLE001 - the next job starts its own
                    siap = None
            hasil = _jalankan_sekali_lagi_bila_tak_siap(job, kernel, exporter, pengaturan, zigot)
            conn.send(("selesai", i, (hasil.status, hasil.pesan, hasil.detik)))
    finally:
        if siap is not None:
            siap.matikan()
        if zigot is not None:
            zigot.tutup()
        for folder in _folder_ipc:
            shutil.rmtree(folder, ignore_errors=True)


def _jalankan_sekali_lagi_bila_tak_siap(job: Job, kernel: _Kernel, exporter, pengaturan: PengaturanRunner, zigot) -> HasilJob:
    """Run `job` in `kernel` (shut down afterwards). A kernel that never became ready (no cell ran)
    says nothing about the report, so the job gets one more, fresh kernel before it is failed."""
    detik = 0.0
    for coba in (1, 2):
        if coba == 2:
            try:
                kernel = _kernel_baru(pengaturan, zigot)
            except Exception as exc:  # noqa: BLE001 - the first failure is the job's result
                return replace(hasil, pesan=f"{hasil.pesan}; kernel pengganti tidak dapat dimulai: {type(exc).__name__}: {exc}")
        try:
            hasil, tak_siap = _jalankan(job, kernel, exporter, pengaturan)
        finally:
            kernel.matikan()
        detik += hasil.detik
        if not tak_siap:
            return replace(hasil, detik=round(detik, 3))
    return replace(hasil, detik=round(detik, 3), pesan=f"kernel tidak siap, juga setelah dicoba sekali lagi: {hasil.pesan}")


_MESIN = "capaian-ketat"
_terakhir: dict = {}


def _daftarkan_mesin() -> None:
    """A papermill engine that keeps hold of the notebook being executed and its client, so a
    notebook whose kernel died or timed out can still be saved, and the client's channels closed
    (papermill does not close them when it did not start the kernel)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class MesinKetat(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
            start_timeout=60, execution_timeout=None, **kwargs,
        ):
            kwargs.pop("input_path", None)
            kwargs.pop("timeout", None)
            kwargs.pop("startup_timeout", None)
            _terakhir["nb"] = nb_man.nb
            client = PapermillNotebookClient(
                nb_man,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            )
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register(_MESIN, MesinKetat)


def _buat_exporter(pengaturan: PengaturanRunner):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import Preprocessor
    from traitlets.config import Config

    class BuangStderr(Preprocessor):
        """Warnings printed to stderr belong in the executed notebook, not in the report."""

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.get("outputs", []) if not (o.output_type == "stream" and o.get("name") == "stderr")]
            return cell, resources

    c = Config()
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.HTMLExporter.embed_images = True
    exporter = HTMLExporter(
        config=c,
        template_name=pengaturan.template_name,
        extra_template_basedirs=[pengaturan.template_dir],
    )
    exporter.register_preprocessor(BuangStderr(), enabled=True)
    return exporter


def _nomor_sel(nb):
    """(number as the author counts code cells, cell) for each code cell; papermill's injected
    parameter cell is not counted."""
    nomor = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "injected-parameters" not in cell.get("metadata", {}).get("tags", []):
            nomor += 1
        yield nomor, cell


def galat_sel(nb) -> str | None:
    """The first error output of an executed notebook as `Name: message (sel kode ke-N)`, or None."""
    for nomor, cell in _nomor_sel(nb):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                baris = str(out.get("evalue", "")).strip().splitlines()
                nama = out.get("ename", "Error")
                return f"{nama}: {baris[0]} (sel kode ke-{nomor})" if baris else f"{nama} (sel kode ke-{nomor})"
    return None


def masalah_notebook(nb) -> str | None:
    """Why an executed notebook must not be published, or None when every cell ran cleanly.

    Any `error` output fails it (whatever papermill's exit status said), and so does a non-empty
    code cell that never ran (execution stopped before it). Cells are counted as the author sees
    them: code cells of the source notebook, without the one papermill injects.
    """
    galat = galat_sel(nb)
    if galat:
        return galat
    for nomor, cell in _nomor_sel(nb):
        if cell.source.strip() and cell.get("execution_count") is None:
            return f"sel kode ke-{nomor} tidak dijalankan"
    return None


@contextlib.contextmanager
def berkas_atomik(path: str | Path):
    """Yield a temporary path beside `path`; on success rename it to `path`, else remove it.

    Every output file of capaian is written this way, so a reader never finds a half-written
    file looking finished. (Kept here because this module must import nothing of capaian.)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def folder_kerja(folder: str | Path, awalan: str):
    """Yield a new hidden folder inside `folder` (named `awalan` + random), removed at the end
    whatever happened: files are written there, then moved out by renames on the same file
    system, so `folder` never holds half of them under their own names."""
    kerja = Path(tempfile.mkdtemp(prefix=awalan, dir=folder))
    try:
        yield kerja
    finally:
        shutil.rmtree(kerja, ignore_errors=True)


def write_atomic(path: Path, data: str) -> None:
    """Write text to `path` through a temporary name and a rename: never a half-written file."""
    with berkas_atomik(path) as tmp:
        tmp.write_text(data, encoding="utf-8")


_TIDAK_SIAP = ("Kernel didn't respond", "Kernel died before replying")


def _jalankan(job: Job, kernel: _Kernel, exporter, pengaturan: PengaturanRunner) -> tuple[HasilJob, bool]:
    """Run one job in `kernel`: its result, and whether it failed because the kernel never became
    ready (before any cell ran; worth one more try with another kernel)."""
    import nbformat
    from papermill import execute_notebook

    mulai = time.perf_counter()
    html_path = Path(job.html) if job.html else None
    if html_path is not None and html_path.exists():
        html_path.unlink()  # an earlier run's report must not outlive a failure of this one
    _terakhir.clear()
    nb = None
    gagal_eksekusi = None
    tak_siap = False
    try:
        nb = execute_notebook(
            str(job.notebook),
            None,
            parameters=dict(job.parameters),
            engine_name=_MESIN,
            km=kernel.km,
            progress_bar=False,
            request_save_on_cell_execute=False,
            start_timeout=pengaturan.start_timeout,
            execution_timeout=pengaturan.cell_timeout,
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes this job's result
        nb = _terakhir.get("nb")
        tak_siap = isinstance(exc, RuntimeError) and str(exc).startswith(_TIDAK_SIAP) and not any(
            c.get("execution_count") is not None for c in (nb.cells if nb is not None else []) if c.cell_type == "code"
        )
        gagal_eksekusi = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}".rstrip(": ")
    pesan = None
    if nb is not None:
        for cell in nb.cells:
            # papermill gives the cell it injects a random id; a fixed one keeps reruns identical.
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                cell["id"] = "parameter-papermill"
        nb_teks = nbformat.writes(nb)
        write_atomic(Path(job.ipynb), nb_teks)
        # A cell's own error says most; else what stopped execution (a dead kernel, a timeout);
        # else a cell that never ran.
        pesan = galat_sel(nb) or gagal_eksekusi or masalah_notebook(nb)
    elif gagal_eksekusi is not None:
        pesan = gagal_eksekusi
    if pesan is None and nb is None:
        pesan = "notebook tidak menghasilkan keluaran"
    if pesan is None and html_path is not None:
        try:
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": job.judul}})
            write_atomic(html_path, body)
        except Exception as exc:  # noqa: BLE001
            pesan = f"ekspor HTML gagal: {type(exc).__name__}: {exc}"
    status = BERHASIL if pesan is None else GAGAL
    return HasilJob(job, status, pesan, round(time.perf_counter() - mulai, 3)), tak_siap


def _utama(peran: str, fd: int) -> None:
    """Entry point of a worker or zygote process (see `_perintah`). It ends with `os._exit`: its
    work is on disk or sent, and interpreter teardown (zmq contexts lingering) only costs time."""
    status = 0
    try:
        if peran == "--zigot":
            _modul_zigot().jalankan_zigot(fd)
        else:
            _worker(fd)
    except BaseException:  # noqa: BLE001 - the parent reports a worker that died
        import traceback

        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


if __name__ == "__main__":
    _utama(sys.argv[1], int(sys.argv[2]))
