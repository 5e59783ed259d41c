"""Every citation of a documentation file inside the repository points at something that exists.

A citation is a path ending in `.md` (`docs/metodologi.md`, `data/README.md`), optionally followed
by a section: `docs/kontrak-data.md bagian 5`, `docs/metodologi.md (bagian 1–10)`,
`docs/kontrak-data.md, "Periode"`; or the short form `kontrak bagian N`. It fails when:
- the file does not exist. Paths are relative to the repository root; a bare name such as
  `metodologi.md` must be a file at the root (only Markdown files may also link relative to their
  own folder, as Markdown links do: `docs/README.md` links `metodologi.md`);
- the cited section number is not a `## N.` heading of that file, or a quoted section name is in
  none of its headings;
- it names `shared/` (a folder outside the repository), or cites the contract without naming
  the file ("contract section N").

`tulis_ulang_kutipan` rewrites the old citation forms into these; `python tests/test_dokumentasi.py
--tulis-ulang` applies it to every scanned file and prints how many citations it changed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `python tests/test_dokumentasi.py`
from conftest import ROOT  # noqa: E402

POLA_BERKAS = [
    "src/**/*.py", "src/**/*.yaml", "tests/**/*.py", "notebooks/*.ipynb", "benchmarks/*",
    "params/**/*.yaml", "README.md", "data/README.md", "docs/**/*.md", "Makefile", "pyproject.toml",
]
# This module spells out the old forms to recognise and rewrite them; its own unit tests below
# feed those forms to the scanner directly.
DIKECUALIKAN = {"tests/test_dokumentasi.py"}

_ANGKA = r"\d+(?:\s*(?:[-–]|,|\bdan\b|\band\b|\bsampai\b)\s*\d+)*"
_BERKAS = re.compile(r"(?<![\w/.-])((?:\.\./|[\w-]+/)*[\w.-]+\.md)(?![\w/-])")
_SESUDAH = re.compile(
    r"\)?(?:,\s*|\s+|\s*\(\s*)(?:(?:bagian|sections?)\s+(?P<angka>" + _ANGKA + r")|(?:bagian\s+)?\"(?P<nama>[^\"\n]+)\")",
    flags=re.IGNORECASE,
)
_KONTRAK_INGGRIS = re.compile(r"\bcontract\s*\(?\s*sections?\s+" + _ANGKA, flags=re.IGNORECASE)
_KONTRAK_PENDEK = re.compile(r"\bkontrak(?:\s+data)?\s+bagian\s+(?P<angka>" + _ANGKA + r")", flags=re.IGNORECASE)
_SHARED = re.compile(r"(?<![\w-])shared/")
# "Section 4" with no file before it: which document's section 4?
_BAGIAN_TELANJANG = re.compile(r"\b[Ss]ections?\s+\d+")
_SEBELUM_BAGIAN = re.compile(r"(?:\.md|[Cc]ontract)[\s,(]*$")


@dataclass(frozen=True)
class Kutipan:
    """One citation that does not resolve: where it is, what it says, and why it fails."""

    berkas: str
    baris: int
    teks: str
    alasan: str

    def __str__(self) -> str:
        return f"{self.berkas}:{self.baris}: {self.teks!r}: {self.alasan}"


def berkas_dipindai(root: Path = ROOT) -> list[Path]:
    """Every text file whose citations are checked (see POLA_BERKAS)."""
    root = root.resolve()
    hasil = set()
    for pola in POLA_BERKAS:
        hasil |= {p.resolve() for p in root.glob(pola) if p.is_file()}
    return sorted(p for p in hasil if p.relative_to(root).as_posix() not in DIKECUALIKAN)


def nomor(teks: str) -> list[int]:
    """`1–4` → [1, 2, 3, 4]; `2, 3 dan 4` → [2, 3, 4]."""
    hasil: list[int] = []
    for bagian in re.split(r"\s*(?:,|\bdan\b|\band\b)\s*", teks.strip()):
        if not bagian:
            continue
        ujung = [int(x) for x in re.split(r"\s*(?:[-–]|\bsampai\b)\s*", bagian) if x]
        hasil += list(range(ujung[0], ujung[-1] + 1)) if len(ujung) == 2 else ujung
    return hasil


def judul(doc: Path) -> tuple[set[int], list[str]]:
    """The numbered sections (`## N. …`) of a Markdown file, and all its heading texts."""
    teks = doc.read_text(encoding="utf-8")
    bernomor = {int(m) for m in re.findall(r"^##\s+(\d+)\.", teks, flags=re.M)}
    return bernomor, re.findall(r"^#+\s+(.+?)\s*$", teks, flags=re.M)


def _letak(sumber: Path, kutipan: str, root: Path) -> Path | None:
    """The file a citation names, or None when it names none in the repository."""
    calon = [root / kutipan] + ([sumber.parent / kutipan] if sumber.suffix == ".md" else [])
    for c in calon:
        c = c.resolve()
        if c.is_file() and c.is_relative_to(root.resolve()):
            return c
    return None


def periksa_teks(teks: str, sumber: Path, root: Path = ROOT) -> list[Kutipan]:
    """Citations in `teks` (the content of `sumber`) that do not resolve in `root`."""
    nama = sumber.resolve().relative_to(root.resolve()).as_posix() if sumber.resolve().is_relative_to(root.resolve()) else str(sumber)
    salah: list[Kutipan] = []
    for no, baris in enumerate(teks.splitlines(), start=1):
        for m in _SHARED.finditer(baris):
            salah.append(Kutipan(nama, no, baris[max(0, m.start() - 20) : m.end() + 30].strip(), "menyebut shared/, folder di luar repositori"))
        for m in _KONTRAK_INGGRIS.finditer(baris):
            salah.append(Kutipan(nama, no, m.group(0), "kutipan kontrak tanpa nama berkas: tulis docs/kontrak-data.md bagian N"))
        for m in _BAGIAN_TELANJANG.finditer(baris):
            if not _SEBELUM_BAGIAN.search(baris[: m.start()]):
                salah.append(Kutipan(nama, no, m.group(0), "bagian tanpa nama berkas: tulis docs/metodologi.md bagian N atau docs/kontrak-data.md bagian N"))
        for m in _KONTRAK_PENDEK.finditer(baris):
            salah += _periksa_bagian(nama, no, m.group(0), root / "docs" / "kontrak-data.md", m.group("angka"), None)
        for m in _BERKAS.finditer(baris):
            kutipan = m.group(1)
            if "shared/" in kutipan:
                continue  # already reported above
            doc = _letak(sumber, kutipan, root)
            if doc is None:
                saran = f" (maksudnya docs/{kutipan}?)" if (root / "docs" / kutipan).is_file() else ""
                salah.append(Kutipan(nama, no, kutipan, f"berkas tidak ada di repositori{saran}"))
                continue
            s = _SESUDAH.match(baris, m.end())
            if s:
                salah += _periksa_bagian(nama, no, baris[m.start() : s.end()], doc, s.group("angka"), s.group("nama"))
    return salah


def _periksa_bagian(nama, no, teks, doc: Path, angka: str | None, judul_dicari: str | None) -> list[Kutipan]:
    if not doc.is_file():
        return [Kutipan(nama, no, teks, f"berkas {doc.name} tidak ada di repositori")]
    bernomor, semua = judul(doc)
    salah = []
    if angka is not None:
        hilang = [n for n in nomor(angka) if n not in bernomor]
        if hilang:
            salah.append(Kutipan(nama, no, teks, f"{doc.name} tidak punya bagian {', '.join(map(str, hilang))} (ada: {sorted(bernomor)})"))
    if judul_dicari is not None and not any(judul_dicari.casefold() in j.casefold() for j in semua):
        salah.append(Kutipan(nama, no, teks, f"{doc.name} tidak punya judul bagian berisi {judul_dicari!r}"))
    return salah


def periksa_repositori(root: Path = ROOT, hanya: list[str] | None = None) -> list[Kutipan]:
    salah = []
    for p in berkas_dipindai(root):
        rel = p.relative_to(root.resolve()).as_posix()
        if hanya is not None and not any(rel == h or rel.startswith(h.rstrip("/") + "/") for h in hanya):
            continue
        salah += periksa_teks(p.read_text(encoding="utf-8", errors="replace"), p, root)
    return salah


def _laporan(salah: list[Kutipan], batas: int = 40) -> str:
    baris = [str(k) for k in salah[:batas]]
    if len(salah) > batas:
        baris.append(f"… dan {len(salah) - batas} lagi")
    return f"{len(salah)} kutipan tidak menunjuk berkas atau bagian yang ada:\n" + "\n".join(baris)


# ---------------------------------------------------------------------------------------------
# Rewriting the old citation forms (applied once by the lead after the branches merge)

ATURAN_TULIS_ULANG: list[tuple[str, str]] = [
    # shared/X.md (outside the repository) -> docs/X.md
    (r"(?:/work/)?\bshared/(kontrak-data|metodologi|catatan-teknis)\.md", r"docs/\1.md"),
    # bare metodologi.md / kontrak-data.md / catatan-teknis.md -> docs/...
    (r"(?<![\w/.-])(kontrak-data|metodologi|catatan-teknis)\.md", r"docs/\1.md"),
    # docs/X.md section(s) N -> docs/X.md bagian N (also inside a parenthesis)
    (r"(docs/[\w-]+\.md)(\s*\(?\s*)sections?\b", r"\1\2bagian"),
    # "data contract (sections 2, 3 and 4)" -> "data contract (docs/kontrak-data.md bagian 2, 3 and 4)"
    (r"\b([Cc]ontract)\s*\(\s*sections?\b", r"\1 (docs/kontrak-data.md bagian"),
    # "contract section(s) N" -> "docs/kontrak-data.md bagian N"
    (r"\b[Cc]ontract\s+sections?\b", r"docs/kontrak-data.md bagian"),
]


def tulis_ulang_kutipan(teks: str) -> tuple[str, int]:
    """`teks` with every old citation form rewritten to a repository path, and how many changed.

    Not for docs/*.md themselves: there a bare `metodologi.md` is a Markdown link relative to docs/.
    """
    jumlah = 0
    for pola, ganti in ATURAN_TULIS_ULANG:
        teks, n = re.subn(pola, ganti, teks)
        jumlah += n
    return teks, jumlah


def tulis_ulang_repositori(root: Path = ROOT) -> dict[str, int]:
    """Apply `tulis_ulang_kutipan` to every scanned file outside docs/; {file: substitutions}."""
    hasil = {}
    for p in berkas_dipindai(root):
        rel = p.relative_to(root.resolve()).as_posix()
        if rel.startswith("docs/"):
            continue
        lama = p.read_text(encoding="utf-8")
        baru, n = tulis_ulang_kutipan(lama)
        if n:
            p.write_text(baru, encoding="utf-8")
            hasil[rel] = n
    return hasil


# ---------------------------------------------------------------------------------------------
# The repository


def test_dokumentasi_dan_readme_hanya_merujuk_yang_ada():
    """docs/, README.md and data/README.md are new or owned here: they resolve today."""
    salah = periksa_repositori(hanya=["docs", "README.md", "data/README.md"])
    assert not salah, _laporan(salah)


def test_setiap_kutipan_menunjuk_berkas_dan_bagian_yang_ada():
    salah = periksa_repositori()
    assert not salah, _laporan(salah)


def test_bagian_kontrak_dan_metodologi_bernomor_tetap():
    """Code cites sections by number: the numbering is part of the contract of these pages."""
    assert judul(ROOT / "docs" / "kontrak-data.md")[0] == {1, 2, 3, 4, 5}
    assert judul(ROOT / "docs" / "metodologi.md")[0] == set(range(0, 12))


def test_readme_menautkan_docs():
    teks = (ROOT / "README.md").read_text(encoding="utf-8")
    for halaman in ("docs/README.md", "docs/kontrak-data.md", "docs/metodologi.md", "docs/catatan-teknis.md"):
        assert f"]({halaman})" in teks, halaman


# ---------------------------------------------------------------------------------------------
# The scanner itself, on small texts


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "kontrak-data.md").write_text("# K\n## 1. Masukan\n## 2. Periode\n## 3. NIP\n## 4. Kode\n## 5. Perintah dan keluaran\n")
    (tmp_path / "docs" / "metodologi.md").write_text("# M\n## 0. Berkas\n## 1. Target\n## 2. Realisasi\n")
    (tmp_path / "src").mkdir()
    return tmp_path


def _alasan(repo, teks, nama="src/modul.py"):
    return [k.alasan for k in periksa_teks(teks, repo / nama, repo)]


@pytest.mark.parametrize(
    "teks",
    [
        '"""See docs/kontrak-data.md bagian 5."""',
        "# docs/metodologi.md (bagian 0–2), and docs/kontrak-data.md, bagian 1 dan 2",
        '"""A period code (docs/kontrak-data.md, "Periode")."""',
        "# kontrak bagian 2",
        "# docs/kontrak-data.md bagian N: N is the section",
    ],
)
def test_kutipan_yang_sah(repo, teks):
    assert _alasan(repo, teks) == []


@pytest.mark.parametrize(
    "teks, sebagian_alasan",
    [
        ("# metodologi.md section 0", "maksudnya docs/metodologi.md"),
        ("# docs/catatan-teknis.md", "berkas tidak ada"),
        ("# see shared/catatan-teknis.md", "shared/"),
        ("# docs/kontrak-data.md bagian 7", "tidak punya bagian 7"),
        ("# docs/metodologi.md (bagian 1–4)", "tidak punya bagian 3, 4"),
        ("# docs/kontrak-data.md sections 4-6", "tidak punya bagian 6"),
        ('# docs/kontrak-data.md, "Keluaran CSV"', "tidak punya judul"),
        ("# kontrak data bagian 9", "tidak punya bagian 9"),
        ("# (contract section 5)", "tanpa nama berkas"),
        ("# Section 6, proporsi: over utama IKI", "bagian tanpa nama berkas"),
        ('"""Final ratings (section 8), then the matrix."""', "bagian tanpa nama berkas"),
        ("# docs/../../luar.md", "berkas tidak ada"),
    ],
)
def test_kutipan_yang_salah(repo, teks, sebagian_alasan):
    alasan = _alasan(repo, teks)
    assert len(alasan) == 1 and sebagian_alasan in alasan[0], alasan


def test_tautan_markdown_relatif_hanya_di_berkas_markdown(repo):
    assert _alasan(repo, "[M](metodologi.md) bagian 1", "docs/README.md") == []
    assert _alasan(repo, "[M](metodologi.md) bagian 3", "docs/README.md") != []
    assert _alasan(repo, "# metodologi.md", "src/modul.py") != []


def test_tulis_ulang_membuat_kutipan_lama_sah(repo):
    lama = "\n".join([
        '"""The scoring engine, as metodologi.md sections 1–2."""',
        "# Rounding (metodologi.md section 0)",
        '"""The `capaian` command (contract section 5)."""',
        "# Contract section 5, in contract order.",
        '"""Codes of the data contract (sections 2, 3 and 4)."""',
        '"""Loading a data folder (contract sections 1-2)."""',
        '"""Codes (contract (sections 1 and 2))."""',
        "Why (see shared/catatan-teknis.md):",
        "  sumber: Pilihan proyek (metodologi.md bagian 1).",
    ])
    (repo / "docs" / "catatan-teknis.md").write_text("# C\n")
    assert len(_alasan(repo, lama)) == 9  # one per line
    baru, n = tulis_ulang_kutipan(lama)
    assert n == 11  # the two "metodologi.md section(s)" lines need two substitutions each
    assert _alasan(repo, baru) == []
    assert "docs/metodologi.md bagian 1–2" in baru and "docs/kontrak-data.md bagian 5, in contract order" in baru
    assert tulis_ulang_kutipan(baru) == (baru, 0)  # idempotent


if __name__ == "__main__":
    if sys.argv[1:] == ["--tulis-ulang"]:
        for berkas, n in tulis_ulang_repositori().items():
            print(f"{berkas}: {n}")
    elif sys.argv[1:] == ["--periksa"]:
        salah = periksa_repositori()
        print(_laporan(salah) if salah else "semua kutipan menunjuk berkas dan bagian yang ada")
        sys.exit(1 if salah else 0)
    else:
        sys.exit("pemakaian: python tests/test_dokumentasi.py --periksa | --tulis-ulang")
