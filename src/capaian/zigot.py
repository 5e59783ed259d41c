"""The kernel zygote: report kernels forked from a process that has already imported them.

Starting a new Python for every report kernel and importing ipykernel, pandas, matplotlib and
seaborn in it costs seconds per report. A worker of `capaian.runner` (with
`PengaturanRunner(zigot=True)`, the default on Linux) instead keeps one zygote: a process that
imports ipykernel and runs the warm-up imports once, and nothing else, ever. Every report gets a
kernel forked from it: a new process with a fresh namespace that never held another report's data,
ready in a fraction of a second. The plain path (a new `python -m ipykernel_launcher` per kernel)
stays the fallback whenever the zygote cannot be used, and the only path off Linux.

Linux only: it relies on `fork` and on /proc to see whether a forked kernel still lives. Like the
runner, this module imports nothing of the `capaian` package (worker processes load it by path).
Measured with `benchmarks/bench_laporan.py --tanpa-zigot` on the sample (9 reports, 2 cores shared
with other work, alternating rounds): the whole batch used 24.8 s CPU with the zygote and 34.1 s
without (medians of 3 rounds; 1.37x; an earlier 2-round run 23.8 s and 36.2 s). The wall clock on
that busy machine swung between 0.8x and 1.6x across runs; the CPU saving did not.
"""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import time
from multiprocessing import connection as mp_connection
from typing import Callable, Sequence


class ProsesZigot:
    """The `Popen`-like handle jupyter_client needs, for a kernel that the zygote forked (so not
    this process's child: liveness is read from /proc, the zygote reaps it)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
                with open(f"/proc/{self.pid}/stat", encoding="ascii", errors="replace") as f:
                    if f.read().rsplit(")", 1)[-1].split()[0] in ("Z", "X"):
                        self.returncode = -1
            except ProcessLookupError:
                self.returncode = -1
            except OSError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        batas = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if batas is not None and time.monotonic() > batas:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


@functools.lru_cache(maxsize=1)
def provisioner_zigot():
    """The provisioner class (built on first use: jupyter_client is imported in workers only)."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ProvisionerZigot(LocalProvisioner):
        """LocalProvisioner whose kernel process is forked by the worker's zygote."""

        zigot = None

        async def launch_kernel(self, cmd, **kwargs):
            pid = self.zigot.fork(cmd, kwargs.get("env") or dict(os.environ), kwargs.get("cwd"))
            self.process = ProsesZigot(pid)
            self.pid = pid
            self.pgid = pid  # the forked kernel leads its own session
            self.cwd = kwargs.get("cwd") or os.getcwd()
            return self.connection_info

    return ProvisionerZigot


class Zigot:
    """A worker's handle on its kernel zygote: a process (started with `perintah(fd)`, which runs
    `jalankan_zigot(fd)`) that imports ipykernel and runs the warm-up lines once, then forks one
    fresh kernel per request.

    A forked kernel starts in a fraction of the time of a new Python, and is as fresh: the zygote
    holds imported modules only and never runs any report. If the zygote cannot be used, the
    caller starts kernels the ordinary way (`dapat_dipakai` turns False).
    """

    def __init__(self, perintah: Callable[[int], list[str]], env: dict, warmup: Sequence[str]):
        induk, anak = socket.socketpair()
        # Its output goes where the worker's goes (the worker's log file).
        self.proses = subprocess.Popen(
            perintah(anak.fileno()),
            pass_fds=[anak.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
        anak.close()
        self.conn = mp_connection.Connection(induk.detach())
        self.conn.send(("siapkan", tuple(warmup)))
        self._siap: bool | None = None
        self.dapat_dipakai = True
        self.matplotlib = any("matplotlib" in baris or "seaborn" in baris for baris in warmup)

    def pasang(self, km, args: list[str]) -> bool:
        """Make the kernel manager `km` start its kernel by forking from this zygote (and add to
        `args` what the kernel needs then); False, changing nothing, where it cannot."""
        import uuid

        if not self.bisa(km.kernel_spec.argv):
            return False
        km.kernel_id = str(uuid.uuid4())
        km.provisioner = provisioner_zigot()(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
        km.provisioner.zigot = self
        if self.matplotlib:
            # What MPLBACKEND does for a kernel started afresh: inline figures.
            args.append("--IPKernelApp.exec_lines=%matplotlib inline")
        return True

    def bisa(self, argv: Sequence[str]) -> bool:
        """Whether this kernelspec is ipykernel's (the only kind the zygote can become) and the
        zygote is up."""
        if not self.dapat_dipakai or list(argv[1:3]) != ["-m", "ipykernel_launcher"]:
            return False
        if self._siap is None:
            try:
                self._siap = self.conn.recv() == ("siap",)
            except (EOFError, OSError):
                self._siap = False
            self.dapat_dipakai = self._siap
        return self._siap

    def fork(self, cmd: Sequence[str], env: dict, cwd) -> int:
        self.conn.send(("fork", list(cmd[3:]), dict(env), str(cwd) if cwd else None))
        jawab = self.conn.recv()
        if jawab[0] != "pid":
            raise RuntimeError(f"zigot kernel gagal: {jawab[1]}")
        return jawab[1]

    def tutup(self) -> None:
        try:
            self.conn.close()
            self.proses.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proses.kill()
            self.proses.wait()


def jalankan_zigot(fd: int) -> None:
    """The zygote process: import, report ready, then fork kernels on request until the worker
    closes the connection. Children are reaped here; when the zygote ends, ipykernel's parent
    poller ends any kernel still running."""
    conn = mp_connection.Connection(fd)
    _, warmup = conn.recv()
    try:
        import ipykernel.kernelapp  # noqa: F401 - the kernel itself

        for baris in warmup:
            exec(baris, {})  # imports only: nothing of any report is ever here
    except BaseException as exc:  # noqa: BLE001
        conn.send(("galat", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("siap",))
    anak: set[int] = set()
    while True:
        while anak:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                anak.clear()
                break
            if pid == 0:
                break
            anak.discard(pid)
        if not conn.poll(0.1):
            continue
        try:
            pesan = conn.recv()
        except (EOFError, OSError):
            break
        if pesan[0] != "fork":
            break
        _, argv, env, cwd = pesan
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                conn.close()
                _jadi_kernel(argv, env, cwd)
                status = 0
            finally:
                os._exit(status)
        anak.add(pid)
        conn.send(("pid", pid))
    for pid in anak:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


def _jadi_kernel(argv: list[str], env: dict, cwd: str | None) -> None:
    """In a freshly forked child of the zygote: become `python -m ipykernel_launcher ARGV`."""
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.environ.clear()
    os.environ.update(env)
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    if cwd:
        os.chdir(cwd)
    # IPKernelApp read JPY_PARENT_PID when the zygote imported it; say it again, so that the
    # kernel's parent poller ends it should the zygote die.
    argv = [*argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
    sys.argv = ["ipykernel_launcher", *argv]
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=argv)
