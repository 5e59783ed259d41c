"""The package's import structure, read from its source (ast), never by importing it.

- no cycle among the modules' top-level imports (the issue-8 defect: baca → kode → keluar → … → kode);
- `capaian.galat` imports nothing of the package (every module may import it);
- every `from capaian.x import y`, at top level or inside a function, names a module and a name
  that exist (an import inside a function only breaks when that function runs);
- only `capaian.cli` writes to stdout or ends the process: library modules return results and
  raise (docs/kontrak-data.md, bagian 5);
- `import capaian` and `capaian --help` do not import pandas (checked in a fresh process).

Each detector is also run on a small made-up package that breaks its rule, so a detector that
stopped detecting fails here too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONTOH

PAKET = Path(__file__).resolve().parents[1] / "src" / "capaian"
NAMA = "capaian"
BERAT = ("pandas", "pandera", "pydantic", "pyarrow", "numpy", "yaml")


@dataclass(frozen=True)
class Impor:
    """One `import capaian.x` / `from capaian.x import y` in module `dari`."""

    dari: str
    ke: str  # the imported module, e.g. "capaian.kode" (or "capaian" for the package itself)
    nama: tuple[str, ...]  # the names taken from it (`from ... import`), empty for `import`
    atas: bool  # runs when `dari` is imported (top level, class body), not inside a function
    baris: int


def _modul(folder: Path) -> dict[str, Path]:
    paket = folder.name
    return {(paket if p.stem == "__init__" else f"{paket}.{p.stem}"): p for p in sorted(folder.glob("*.py"))}


def _hanya_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id.endswith("TYPE_CHECKING")) or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def daftar_impor(modul: str, tree: ast.Module, paket: str) -> list[Impor]:
    """Every import of `paket` in one module, each marked top level or not."""
    hasil: list[Impor] = []

    def kunjungi(node: ast.AST, atas: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            atas = False
        elif isinstance(node, ast.If) and _hanya_type_checking(node):
            atas = False  # never runs: for type checkers only
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == paket or a.name.startswith(paket + "."):
                    hasil.append(Impor(modul, a.name, (), atas, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == paket or node.module.startswith(paket + "."):
                hasil.append(Impor(modul, node.module, tuple(a.name for a in node.names), atas, node.lineno))
        for anak in ast.iter_child_nodes(node):
            kunjungi(anak, atas)

    kunjungi(tree, True)
    return hasil


def read_paket(folder: Path) -> tuple[dict[str, ast.Module], list[Impor]]:
    pohon = {m: ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for m, p in _modul(folder).items()}
    return pohon, [i for m, t in pohon.items() for i in daftar_impor(m, t, folder.name)]


def graf_atas(pohon: dict[str, ast.Module], impor: list[Impor]) -> dict[str, set[str]]:
    """Module → the modules its top level imports. `from pkg import sub`, where `sub` is a module,
    imports `pkg.sub`; any other name taken from `pkg` (or `import pkg`) imports the package's
    `__init__`. Python running a package's `__init__` before its modules is not an edge."""
    graf: dict[str, set[str]] = {m: set() for m in pohon}
    for i in impor:
        if not i.atas:
            continue
        modul = {f"{i.ke}.{n}" for n in i.nama if f"{i.ke}.{n}" in pohon}
        if len(modul) < len(i.nama) or not i.nama:
            modul.add(i.ke)
        graf[i.dari] |= modul & set(pohon)
    return graf


def cari_siklus(graf: dict[str, set[str]]) -> list[list[str]]:
    """One cycle, as a closed path [a, …, a], for every strongly connected group of modules."""
    indeks: dict[str, int] = {}
    rendah: dict[str, int] = {}
    tumpuk: list[str] = []
    kelompok: list[set[str]] = []

    def sambung(v: str) -> None:  # Tarjan
        indeks[v] = rendah[v] = len(indeks)
        tumpuk.append(v)
        for w in sorted(graf.get(v, ())):
            if w not in indeks:
                sambung(w)
                rendah[v] = min(rendah[v], rendah[w])
            elif w in tumpuk:
                rendah[v] = min(rendah[v], indeks[w])
        if rendah[v] == indeks[v]:
            k = set()
            while not k or v not in k:
                k.add(tumpuk.pop())
            if len(k) > 1 or v in graf.get(v, ()):
                kelompok.append(k)

    for v in sorted(graf):
        if v not in indeks:
            sambung(v)
    return [_jalan_pulang(graf, k, min(k)) for k in kelompok]


def _jalan_pulang(graf: dict[str, set[str]], anggota: set[str], awal: str) -> list[str]:
    """A shortest path from `awal` back to itself inside `anggota` (breadth first)."""
    asal: dict[str, str] = {}
    antre = deque([awal])
    while antre:
        v = antre.popleft()
        for w in sorted(graf[v] & anggota):
            if w == awal:
                jalan = [v]
                while jalan[-1] != awal:
                    jalan.append(asal[jalan[-1]])
                return [*reversed(jalan), awal]
            if w not in asal:
                asal[w] = v
                antre.append(w)
    raise AssertionError(f"{awal} tidak kembali ke dirinya di {sorted(anggota)}")


def _nama_atas(tree: ast.Module) -> set[str]:
    """Names a module defines at top level (functions, classes, assignments, imports), counting
    `if`/`try` blocks; with a PEP 562 `__getattr__`, also the names of its `__all__`."""
    nama: set[str] = set()

    def tambah(body):
        for n in body:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                nama.add(n.name)
            elif isinstance(n, ast.Assign):
                for t in n.targets:
                    nama.update(x.id for x in ast.walk(t) if isinstance(x, ast.Name))
            elif isinstance(n, (ast.AnnAssign, ast.AugAssign)) and isinstance(n.target, ast.Name):
                nama.add(n.target.id)
            elif isinstance(n, (ast.Import, ast.ImportFrom)):
                nama.update((a.asname or a.name).split(".")[0] for a in n.names)
            elif isinstance(n, ast.If):
                tambah(n.body)
                tambah(n.orelse)
            elif isinstance(n, ast.Try):
                tambah(n.body)
                tambah(n.orelse)
                tambah(n.finalbody)
                for h in n.handlers:
                    tambah(h.body)

    tambah(tree.body)
    if "__getattr__" in nama:
        for n in tree.body:
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets):
                nama.update(x.value for x in ast.walk(n.value) if isinstance(x, ast.Constant) and isinstance(x.value, str))
                # `[*_ASAL, ...]`: the keys of the mapping it unpacks
                for s in (x for x in ast.walk(n.value) if isinstance(x, ast.Starred) and isinstance(x.value, ast.Name)):
                    for m in tree.body:
                        if isinstance(m, ast.Assign) and any(isinstance(t, ast.Name) and t.id == s.value.id for t in m.targets):
                            if isinstance(m.value, ast.Dict):
                                nama.update(k.value for k in m.value.keys if isinstance(k, ast.Constant))
    return nama


def impor_putus(pohon: dict[str, ast.Module], impor: list[Impor]) -> list[str]:
    """Imports of a module that does not exist, or of a name the module does not define."""
    putus = []
    for i in impor:
        if i.ke not in pohon:
            putus.append(f"{i.dari}:{i.baris}: modul {i.ke} tidak ada")
            continue
        ada = _nama_atas(pohon[i.ke])
        for n in i.nama:
            if n != "*" and n not in ada and f"{i.ke}.{n}" not in pohon:
                putus.append(f"{i.dari}:{i.baris}: {i.ke} tidak mendefinisikan {n}")
    return putus


def _ke_stderr(call: ast.Call) -> bool:
    for k in call.keywords:
        if k.arg == "file":
            v = k.value
            return isinstance(v, ast.Attribute) and v.attr == "stderr" and isinstance(v.value, ast.Name) and v.value.id == "sys"
    return False


def keluaran_terlarang(modul: str, tree: ast.Module) -> list[str]:
    """Writes to stdout (`print` without `file=sys.stderr`, `sys.stdout.write`) and process exits
    (`sys.exit`, `exit`, `quit`, `raise SystemExit`) in one module."""
    temuan = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call):
            f = n.func
            if isinstance(f, ast.Name) and f.id == "print" and not _ke_stderr(n):
                temuan.append(f"{modul}:{n.lineno}: print ke stdout")
            elif isinstance(f, ast.Name) and f.id in ("exit", "quit"):
                temuan.append(f"{modul}:{n.lineno}: {f.id}()")
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "sys" and f.attr == "exit":
                temuan.append(f"{modul}:{n.lineno}: sys.exit()")
            elif (
                isinstance(f, ast.Attribute)
                and f.attr == "write"
                and isinstance(f.value, ast.Attribute)
                and f.value.attr == "stdout"
            ):
                temuan.append(f"{modul}:{n.lineno}: sys.stdout.write()")
        elif isinstance(n, ast.Raise) and n.exc is not None:
            e = n.exc.func if isinstance(n.exc, ast.Call) else n.exc
            if isinstance(e, ast.Name) and e.id == "SystemExit":
                temuan.append(f"{modul}:{n.lineno}: raise SystemExit")
    return sorted(temuan, key=lambda t: int(t.split(":")[1]))


# ---------------------------------------------------------------------------------------------
# The package


@pytest.fixture(scope="module")
def paket():
    return read_paket(PAKET)


def test_paket_terbaca(paket):
    pohon, impor = paket
    assert {"capaian", "capaian.cli", "capaian.galat", "capaian.validasi"} <= set(pohon)
    assert any(i.atas for i in impor) and any(not i.atas for i in impor)


def test_tanpa_siklus_impor(paket):
    pohon, impor = paket
    siklus = cari_siklus(graf_atas(pohon, impor))
    assert not siklus, "siklus impor di tingkat modul:\n" + "\n".join(" → ".join(s) for s in siklus)


def test_galat_tidak_mengimpor_paket(paket):
    _, impor = paket
    assert [f"baris {i.baris}: {i.ke}" for i in impor if i.dari == "capaian.galat"] == []


def test_setiap_impor_menunjuk_yang_ada(paket):
    pohon, impor = paket
    assert impor_putus(pohon, impor) == []


def test_hanya_cli_menulis_stdout_dan_mengakhiri_proses(paket):
    pohon, _ = paket
    temuan = [t for m, tree in pohon.items() if m != "capaian.cli" for t in keluaran_terlarang(m, tree)]
    assert temuan == []
    # cli itself: `sys.exit` only as the `python -m capaian.cli` entry, around `main()`
    cli = [t for t in keluaran_terlarang("capaian.cli", pohon["capaian.cli"]) if "print" not in t]
    assert len(cli) == 1 and "sys.exit" in cli[0], cli


def _proses_baru(kode: str) -> str:
    proc = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.mark.lambat
def test_import_capaian_tidak_memuat_pustaka_berat():
    kode = f"import sys, capaian; print(sorted(m for m in {BERAT!r} if m in sys.modules))"
    assert _proses_baru(kode) == "[]"
    # …until a name is used
    kode = "import sys, capaian; capaian.load_dataset; print('pandas' in sys.modules)"
    assert _proses_baru(kode) == "True"


def test_bantuan_tidak_memuat_pustaka_berat():
    kode = (
        "import contextlib, io, sys\n"
        "from capaian import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()) as f:\n"
        "    s = cli.main(['laporan', '--help'])\n"
        "assert s == 0 and 'penggunaan:' in f.getvalue(), (s, f.getvalue())\n"
        f"print(sorted(m for m in {BERAT!r} if m in sys.modules))\n"
    )
    assert _proses_baru(kode) == "[]"


# ---------------------------------------------------------------------------------------------
# Each detector on a made-up package that breaks its rule


def _paket_buatan(tmp_path: Path, berkas: dict[str, str]) -> tuple[dict[str, ast.Module], list[Impor]]:
    folder = tmp_path / "capaian"
    folder.mkdir()
    for nama, isi in berkas.items():
        (folder / nama).write_text(textwrap.dedent(isi), encoding="utf-8")
    return read_paket(folder)


def test_siklus_ditemukan_dan_dicetak(tmp_path):
    pohon, impor = _paket_buatan(
        tmp_path,
        {
            "__init__.py": "",
            "baca.py": "from capaian.kode import x\n",
            "kode.py": "x = 1\nfrom capaian import keluar\n",
            "keluar.py": "import capaian.baca\n",
            "nilai.py": "def f():\n    from capaian.laporan import y\n",  # inside a function: allowed
            "laporan.py": "from capaian.nilai import f\ny = 2\n",
            "sendiri.py": "from capaian import sendiri\n",
        },
    )
    siklus = cari_siklus(graf_atas(pohon, impor))
    assert ["capaian.baca", "capaian.kode", "capaian.keluar", "capaian.baca"] in siklus
    assert ["capaian.sendiri", "capaian.sendiri"] in siklus
    assert len(siklus) == 2


def test_siklus_lewat_type_checking_tidak_dihitung(tmp_path):
    pohon, impor = _paket_buatan(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from capaian.b import B\n",
            "b.py": "from capaian.a import TYPE_CHECKING\nB = 1\n",
        },
    )
    assert cari_siklus(graf_atas(pohon, impor)) == []


def test_impor_putus_ditemukan(tmp_path):
    pohon, impor = _paket_buatan(
        tmp_path,
        {
            "__init__.py": "__all__ = [*_ASAL]\n_ASAL = {'Ada': 'capaian.a'}\ndef __getattr__(n): ...\n",
            "a.py": "Ada = 1\ndef f():\n    from capaian.keluar import muat_dataset\n    from capaian.a import Hilang\n",
            "b.py": "from capaian import Ada, a\nfrom capaian import Tiada\n",
        },
    )
    assert impor_putus(pohon, impor) == [
        "capaian.a:3: modul capaian.keluar tidak ada",
        "capaian.a:4: capaian.a tidak mendefinisikan Hilang",
        "capaian.b:2: capaian tidak mendefinisikan Tiada",
    ]


def test_keluaran_terlarang_ditemukan():
    tree = ast.parse(
        textwrap.dedent(
            """
            import sys
            def f(stream):
                print("ke stdout")
                print("ke stderr", file=sys.stderr)
                print("ke mana saja", file=stream)
                sys.stdout.write("x")
                sys.exit(1)
                raise SystemExit(2)
            """
        )
    )
    assert keluaran_terlarang("m", tree) == [
        "m:4: print ke stdout",
        "m:6: print ke stdout",
        "m:7: sys.stdout.write()",
        "m:8: sys.exit()",
        "m:9: raise SystemExit",
    ]


@pytest.mark.lambat
def test_jalur_lokal_tidak_memuat_dask(tmp_path):
    """docs/skala.md bagian 2: dask is an optional extra; `validasi` and `nilai` on a flat folder
    never import it."""
    kode = (
        "import contextlib, io, sys\n"
        "from capaian import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert cli.main(['validasi', {str(CONTOH)!r}]) == 0\n"
        f"    assert cli.main(['nilai', {str(CONTOH)!r}, '--periode', '2025-TW4', '--keluaran', {str(tmp_path)!r}]) == 0\n"
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))\n"
    )
    assert _proses_baru(kode) == "[]"
