"""Every kind of report in a real browser: headless Chromium over the Chrome DevTools Protocol.

The bundled sample is rendered once per session (index, every instansi report, the indicator
quality report, the methodology review, rapor and team pages) and each page is opened at 390 px
(a phone) and at 1280 px. Per page and width: no page-level horizontal scrolling, no console
error, no request leaving the file (http/https), every internal link resolves to a file that
exists, chart text at least `HURUF_MIN_PX` as shown; printed (Page.printToPDF with the page's own
CSS page size) every page is A4.

The browser is Debian's `chromium` (`/usr/bin/chromium`; `make test` installs it with apt-get where
missing and possible). Where there is none the tests skip, saying so; set CAPAIAN_CHROMIUM to use
another binary.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

pytestmark = pytest.mark.lambat

PERIODE = "2025-TW4"
LEBAR = (390, 1280)
A4_PT = (595.28, 841.89)  # width, height in PostScript points


def _chromium() -> str | None:
    for calon in (os.environ.get("CAPAIAN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if calon and Path(calon).is_file() and os.access(calon, os.X_OK):
            return calon
    return None


class Cdp:
    """A minimal Chrome DevTools Protocol client over one websocket (flattened sessions)."""

    def __init__(self, url: str):
        import websocket

        self.ws = websocket.create_connection(url, timeout=120, suppress_origin=True, max_size=None)
        self._id = 0
        self.peristiwa: list[dict] = []

    def kirim(self, metode: str, params: dict | None = None, sesi: str | None = None) -> dict:
        self._id += 1
        pesan = {"id": self._id, "method": metode, "params": params or {}}
        if sesi:
            pesan["sessionId"] = sesi
        self.ws.send(json.dumps(pesan))
        while True:
            r = json.loads(self.ws.recv())
            if r.get("id") == self._id:
                if "error" in r:
                    raise RuntimeError(f"{metode}: {r['error']}")
                return r.get("result", {})
            self.peristiwa.append(r)

    def tunggu(self, metode: str, sesi: str, batas: float = 120.0) -> dict:
        for i, r in enumerate(self.peristiwa):
            if r.get("method") == metode and r.get("sessionId") == sesi:
                return self.peristiwa.pop(i)
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            r = json.loads(self.ws.recv())
            if r.get("method") == metode and r.get("sessionId") == sesi:
                return r
            self.peristiwa.append(r)
        raise TimeoutError(f"{metode} tidak datang dalam {batas} detik")

    def tutup(self) -> None:
        self.ws.close()


@pytest.fixture(scope="session")
def peramban(tmp_path_factory):
    """A headless Chromium with its DevTools websocket, for the whole session."""
    biner = _chromium()
    if biner is None:
        pytest.skip("Chromium tidak ada (/usr/bin/chromium): pasang paket Debian `chromium` (make test mencobanya "
                    "dengan apt-get) atau tunjuk binernya dengan CAPAIAN_CHROMIUM; uji peramban dilewati.")
    pytest.importorskip("websocket", reason="paket websocket-client belum terpasang (make .venv/.terpasang)")
    profil = tmp_path_factory.mktemp("profil-chromium")
    proses = subprocess.Popen(
        [biner, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--disable-background-networking", "--hide-scrollbars", "--remote-debugging-port=0",
         f"--user-data-dir={profil}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = None
    akhir = time.monotonic() + 60
    while time.monotonic() < akhir:
        baris = proses.stderr.readline()
        if not baris:
            if proses.poll() is not None:
                break
            continue
        m = re.search(r"DevTools listening on (ws://\S+)", baris)
        if m:
            url = m.group(1)
            break
    if url is None:
        proses.kill()
        pytest.fail(f"Chromium ({biner}) tidak membuka DevTools")
    cdp = Cdp(url)
    try:
        yield cdp
    finally:
        cdp.tutup()
        proses.terminate()
        try:
            proses.wait(10)
        except subprocess.TimeoutExpired:
            proses.kill()


@pytest.fixture(scope="session")
def keluaran_peramban(tmp_path_factory, folder_contoh) -> Path:
    """The sample period rendered once: every instansi report (with rapor and team pages), the
    quality report and the methodology review; the period folder."""
    from conftest import run_cli

    keluaran = tmp_path_factory.mktemp("peramban")
    for perintah in ("laporan", "kualitas", "metodologi"):
        h = run_cli(perintah, folder_contoh, "--periode", PERIODE, "--keluaran", keluaran)
        assert h.returncode == 0, h.stderr
    return keluaran / PERIODE


def _halaman(folder: Path) -> list[Path]:
    """The pages a reader opens: index, every instansi report, the period's other reports, and
    the first rapor and team page of every instansi."""
    hasil = [folder / "index.html", *sorted(folder.glob("*/laporan.html"))]
    hasil += sorted(p for p in folder.glob("*.html") if p.name != "index.html")
    for sub in ("pegawai", "tim"):
        for instansi in sorted(p.parent for p in folder.glob("*/laporan.html")):
            hasil += sorted((instansi / sub).glob("*.html"))[:1]
    return hasil


SKRIP_PERIKSA = """(() => {
  const se = document.scrollingElement;
  const tautan = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
  const gambar = [...document.querySelectorAll('img[data-huruf-pt]')].map(i => ({
    alt: i.alt, lebar: i.getBoundingClientRect().width, asli: +i.getAttribute('width'), pt: +i.dataset.hurufPt}));
  const bergulir = [...document.querySelectorAll('.gulir')].filter(d => d.scrollWidth > d.clientWidth + 1)
    .map(d => (d.querySelector('caption') || d.querySelector('th') || d).textContent.trim().slice(0, 60));
  return {scrollWidth: se.scrollWidth, innerWidth: window.innerWidth, tautan, gambar, bergulir};
})()"""


def _buka(cdp: Cdp, path: Path, lebar: int) -> tuple[str, dict, list[str], list[str]]:
    """Open `path` in a new tab `lebar` px wide; (session, page facts, console errors, requests).

    Not emulated as a phone (`mobile`): a phone browser zooms out to fit a page that is too wide,
    which would hide the overflow this test looks for; the width is the same."""
    target = cdp.kirim("Target.createTarget", {"url": "about:blank"})["targetId"]
    sesi = cdp.kirim("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        cdp.kirim(f"{domain}.enable", {}, sesi)
    cdp.kirim("Emulation.setDeviceMetricsOverride", {"width": lebar, "height": 900, "deviceScaleFactor": 1, "mobile": False}, sesi)
    cdp.peristiwa.clear()
    cdp.kirim("Page.navigate", {"url": path.as_uri()}, sesi)
    cdp.tunggu("Page.loadEventFired", sesi)
    fakta = cdp.kirim("Runtime.evaluate", {"expression": SKRIP_PERIKSA, "returnByValue": True}, sesi)["result"]["value"]
    galat, permintaan = [], []
    for r in cdp.peristiwa:
        if r.get("sessionId") != sesi:
            continue
        p = r.get("params", {})
        if r["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            galat.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif r["method"] == "Runtime.exceptionThrown":
            galat.append(str(p.get("exceptionDetails", {}).get("text")))
        elif r["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            galat.append(p["entry"].get("text", ""))
        elif r["method"] == "Network.requestWillBeSent":
            permintaan.append(p.get("request", {}).get("url", ""))
    return sesi, fakta, galat, permintaan


def _tutup(cdp: Cdp, sesi: str) -> None:
    cdp.kirim("Page.close", {}, sesi)


def _tautan_rusak(path: Path, tautan: list[str]) -> list[str]:
    rusak = []
    for t in tautan:
        u = urllib.parse.urlsplit(t)
        if u.scheme in ("data", "mailto") or (not u.scheme and not u.path):  # a download, an anchor
            continue
        if u.scheme in ("http", "https") or u.scheme not in ("", "file"):
            rusak.append(f"{t} (keluar dari berkas)")
            continue
        tujuan = Path(urllib.parse.unquote(u.path)) if u.scheme == "file" else path.parent / urllib.parse.unquote(u.path)
        if not tujuan.is_file():
            rusak.append(t)
    return rusak


@pytest.fixture(scope="session")
def keluaran_pemantauan(tmp_path_factory) -> Path:
    """The monitoring reports of a data putusan folder (tests/data_putusan.py) for 2025: the period folder."""
    import data_putusan
    from conftest import run_cli

    data = data_putusan.tulis_folder(tmp_path_factory.mktemp("putusan") / "data")
    keluaran = tmp_path_factory.mktemp("peramban-pemantauan")
    h = run_cli("laporan", data, "--periode", "2025", "--keluaran", keluaran)
    assert h.returncode == 0, h.stderr
    return keluaran / "2025"


def test_semua_halaman_di_390_dan_1280_px(peramban, keluaran_peramban):
    halaman = _halaman(keluaran_peramban)
    jenis = {p.name for p in halaman} | {p.parent.name for p in halaman}
    assert {"index.html", "laporan.html", "kualitas_indikator.html", "metodologi.html", "pegawai", "tim"} <= jenis
    masalah = _masalah_lebar(peramban, keluaran_peramban, halaman)
    assert not masalah, "\n".join(masalah)


def test_pemantauan_di_390_dan_1280_px(peramban, keluaran_pemantauan):
    halaman = _halaman(keluaran_pemantauan)
    assert [str(p.relative_to(keluaran_pemantauan)) for p in halaman] == ["index.html", "DINKES/laporan.html", "KEC/laporan.html"]
    assert "Pemantauan Rating Putusan" in halaman[1].read_text(encoding="utf-8")
    masalah = _masalah_lebar(peramban, keluaran_pemantauan, halaman)
    assert not masalah, "\n".join(masalah)


def test_pemantauan_cetak_a4(peramban, keluaran_pemantauan):
    masalah, _jumlah = _masalah_cetak(peramban, keluaran_pemantauan)
    assert not masalah, "\n".join(masalah)


def _masalah_lebar(peramban, keluaran_peramban: Path, halaman: list[Path]) -> list[str]:
    from capaian import tampilan

    DPI, HURUF_MIN_PX = tampilan.DPI, getattr(tampilan, "HURUF_MIN_PX", 9.0)
    masalah = []
    for path in halaman:
        nama = path.relative_to(keluaran_peramban)
        for lebar in LEBAR:
            sesi, fakta, galat, permintaan = _buka(peramban, path, lebar)
            _tutup(peramban, sesi)
            if fakta["scrollWidth"] > min(fakta["innerWidth"], lebar):
                masalah.append(f"{nama} @{lebar}: halaman bergeser ke samping ({fakta['scrollWidth']} > {lebar} px)")
            masalah += [f"{nama} @{lebar}: galat konsol: {g}" for g in galat]
            masalah += [f"{nama} @{lebar}: permintaan keluar: {u}" for u in permintaan if u.startswith(("http:", "https:"))]
            if lebar == LEBAR[-1] and path.parent.name not in ("pegawai", "tim"):
                # At 1280 px the reports' tables fit (e.g. "Temuan per instansi", the kurva table).
                masalah += [f"{nama} @{lebar}: tabel tidak muat, bergulir: {t}" for t in fakta["bergulir"]]
            if lebar == LEBAR[0]:
                masalah += [f"{nama}: tautan tidak menuju berkas yang ada: {t}" for t in _tautan_rusak(path, fakta["tautan"])]
            for g in fakta["gambar"]:
                px = g["pt"] * DPI / 72 * g["lebar"] / g["asli"]
                if px < HURUF_MIN_PX - 0.05:
                    masalah.append(f"{nama} @{lebar}: teks grafik {g['alt']!r} tampil {px:.1f} px")
    return masalah


def _ukuran_halaman_pdf(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page box of a PDF written by Chromium (uncompressed
    page dictionaries)."""
    teks = pdf.decode("latin-1")
    kotak = re.findall(r"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", teks)
    return [(float(c) - float(a), float(d) - float(b)) for a, b, c, d in kotak]


def test_cetak_a4(peramban, keluaran_peramban):
    masalah, jumlah = _masalah_cetak(peramban, keluaran_peramban)
    assert not masalah, "\n".join(masalah)
    # The kabupaten overview fits on one or two pages.
    assert jumlah["index.html"] <= 2, jumlah


def _masalah_cetak(peramban, keluaran_peramban: Path) -> tuple[list[str], dict]:
    masalah = []
    jumlah = {}
    for path in _halaman(keluaran_peramban):
        nama = str(path.relative_to(keluaran_peramban))
        sesi, _fakta, _galat, _permintaan = _buka(peramban, path, 1280)
        hasil = peramban.kirim("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, sesi)
        _tutup(peramban, sesi)
        ukuran = _ukuran_halaman_pdf(base64.b64decode(hasil["data"]))
        jumlah[nama] = len(ukuran)
        if not ukuran:
            masalah.append(f"{nama}: PDF tanpa halaman")
        for w, h in ukuran:
            if abs(w - A4_PT[0]) > 1 or abs(h - A4_PT[1]) > 1:
                masalah.append(f"{nama}: halaman cetak {w:.0f}×{h:.0f} pt, bukan A4")
                break
    return masalah, jumlah
