"""What a report looks like: HTML fragments, tables, cards, colours and one plot style.

Every report (per instansi, indicator quality, methodology review) builds its sections from these
pieces, so the three look alike and a change of style is made once. Text from the data is always
escaped (`capaian.format.teks`); a table cell's display text is escaped whatever made it.

Plots: seaborn on matplotlib `Figure` objects (no pyplot state shared between sections), one
style (`gaya_grafik`) and one resolution (`DPI`), embedded in the page as PNG (`gambar_html`) so a
report is one self-contained file.

This module is imported inside every report kernel: only the standard library and pandas at the
top; matplotlib and seaborn are imported where a plot is drawn.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

from capaian.format import KOSONG, aman_rumus, kosong, tampak_kendali, teks
from capaian.kode import LABEL

# One plot style for every report. Font scale 1.15 on seaborn's "paper" context keeps axis labels
# readable on a printed A4 page; 110 dpi is sharp there and keeps a report well under 1.5 MB.
SKALA_HURUF = 1.3
DPI = 110

# The smallest chart text a reader sees on a screen, in CSS px, however narrow (390 px phones):
# `gambar_html` gives every chart a minimum display width that keeps its smallest text this large;
# a chart wider than the screen then scrolls inside its own box (class `grafik`), never the page.
HURUF_MIN_PX = 9.0

# Predikat colours (diverging green → purple), the same in every report; "belum dinilai" is grey.
WARNA_PREDIKAT = {
    "sangat_baik": "#1b7837",
    "baik": "#7fbf7b",
    "butuh_perbaikan": "#f1b84b",
    "kurang": "#d6604d",
    "sangat_kurang": "#8e0152",
}
WARNA_BELUM_DINILAI = "#9aa5ad"

# CSS classes of `templates/capaian/capaian.css` for the status of a distribution rule.
_KELAS_STATUS = {"terpenuhi": "terpenuhi", "tidak terpenuhi": "tidak-terpenuhi"}


class Tampilan:
    """An HTML fragment that Jupyter displays as is; its content was built with escaped text."""

    def __init__(self, isi: str, nama: str = "bagian laporan"):
        self.isi = isi
        self.nama = nama

    def _repr_html_(self) -> str:
        return self.isi

    def __repr__(self) -> str:
        return f"<{self.nama}>"

    def __add__(self, lain: Tampilan) -> Tampilan:
        return Tampilan(self.isi + "\n" + lain.isi, self.nama)


def kelas_status(status: Any) -> str:
    """The CSS class of a distribution rule's status: `terpenuhi`, `tidak-terpenuhi`, or
    `tidak-dinilai` for anything else (not assessed)."""
    return _KELAS_STATUS.get(status, "tidak-dinilai")


# ---------------------------------------------------------------------------------------------
# Plots


def gaya_grafik():
    """Apply the reports' plot style (seaborn theme and matplotlib settings); returns seaborn."""
    import matplotlib
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="paper", font_scale=SKALA_HURUF)
    matplotlib.rcParams.update(
        {
            "text.parse_math": False,  # a `$` in a unit name or wording is text, not math
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "capaian",
        }
    )
    return sns


def figur(lebar: float = 7.0, tinggi: float = 3.4):
    """A new matplotlib `Figure` of `lebar` × `tinggi` inches with constrained layout."""
    from matplotlib.figure import Figure

    return Figure(figsize=(lebar, tinggi), layout="constrained")


def huruf_terkecil_pt(fig) -> float | None:
    """The size (pt) of the smallest visible, non-empty text of `fig` (titles, labels, ticks,
    legends, annotations), or None where it has none. Call it after the figure is drawn."""
    from matplotlib.text import Text

    ukuran = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and str(t.get_text()).strip() and (t.axes is None or t.axes.get_visible())
    ]
    return min(ukuran) if ukuran else None


def gambar_html(fig, alt: str) -> str:
    """A figure as an embedded PNG `<img>` at `DPI`, with escaped alternative text `alt`, in a box
    (`<div class="grafik">`) that scrolls sideways on its own.

    The image never shows narrower than the width at which its smallest text is `HURUF_MIN_PX`
    CSS px (`min-width`, from `huruf_terkecil_pt`); the attribute `data-huruf-pt` records that
    size and `width` the image's own width in CSS px, so a browser test can check the text size
    as shown."""
    import math

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    lebar_in = float(fig.get_size_inches()[0])
    lebar_px = round(lebar_in * DPI)
    pt = huruf_terkecil_pt(fig)
    # Text of `pt` points on a figure `lebar_in` inches wide shown `w` CSS px wide is
    # pt / 72 * w / lebar_in px tall; it is at least HURUF_MIN_PX from this width on.
    minimum = math.ceil(HURUF_MIN_PX * 72 * lebar_in / pt) if pt else 0
    gaya = f' style="min-width:{minimum}px"' if minimum else ""
    huruf = f' data-huruf-pt="{pt:g}"' if pt else ""
    return (
        f'<div class="grafik"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{lebar_px}"{huruf}{gaya}></div>'
    )


# Hatch patterns that tell bar series apart without colour (a report printed in greyscale).
POLA_ARSIR = ("", "///", "...", "xxx", "\\\\\\", "---", "+++", "ooo")


def beri_pola(ax) -> None:
    """Give every bar series (`ax.containers`, e.g. the hues of a seaborn barplot) its own hatch
    pattern from `POLA_ARSIR`, so that the series read apart in greyscale too; the legend of `ax`,
    where it has one, gets the same patterns (call it after `ax.legend(...)`)."""
    legenda = ax.get_legend()
    tanda = list(getattr(legenda, "legend_handles", None) or getattr(legenda, "legendHandles", None) or []) if legenda else []
    for i, wadah in enumerate(ax.containers):
        pola = POLA_ARSIR[i % len(POLA_ARSIR)]
        for batang in [*wadah, *(tanda[i:i + 1] if len(tanda) == len(ax.containers) else [])]:
            batang.set_hatch(pola)
            batang.set_edgecolor("#333333")
            batang.set_linewidth(0.4)


def format_sumbu_persen(ax, sumbu: str = "y") -> None:
    """Tick labels of one axis (`"x"` or `"y"`) as whole percent the Indonesian way (`85%`)."""
    from matplotlib.ticker import FuncFormatter

    from capaian.format import persen

    f = FuncFormatter(lambda x, _pos: persen(x, 0))
    (ax.yaxis if sumbu == "y" else ax.xaxis).set_major_formatter(f)



def batas_sumbu(nilai, minimum: float = 0.0, ruang: float = 1.15, bawah: float = 0.0) -> tuple[float, float]:
    """Finite axis limits (bawah, atas) for drawing `nilai`, whatever they hold.

    NaN, None and ±inf are left out, so matplotlib never meets "Axis limits cannot be NaN or
    Inf"; `atas` is the largest finite value or `minimum`, whichever is larger, times `ruang`
    (room for labels), capped at 10^300. Without a finite value the axis spans `bawah` to
    `minimum` × `ruang` (or to `bawah + 1` when that is not above `bawah`).
    """
    import math

    angka_angka = pd.to_numeric(pd.Series(list(nilai), dtype=object), errors="coerce").astype("float64")
    hingga = angka_angka[angka_angka.map(math.isfinite)]
    puncak = max(float(hingga.max()), float(minimum)) if len(hingga) else float(minimum)
    atas = min(puncak * ruang if puncak > 0 else puncak, 1e300)
    if not atas > bawah:
        atas = bawah + (minimum - bawah if minimum > bawah else 1.0)
    return float(bawah), float(atas)


def tidak_ada_data(alasan: str, judul: str = "Tidak ada data") -> str:
    """An explicit "Tidak ada data" block: a chart or table left out and why (`alasan`, escaped).

    Every report shows this, never an empty chart or a failed cell, where its selection (an
    instansi without pegawai, without IKI for the year, a month without realisasi) leaves nothing
    to draw or list.
    """
    return (
        f'<div class="tidak-ada-data"><p><strong>{html.escape(judul)}.</strong> '
        f"{html.escape(alasan)}</p></div>"
    )


def label_kode(kode: Any) -> str:
    """A code as a reader sees it in a table: its label (`sesuai` → Sesuai Ekspektasi), the code
    itself where it has none, `–` where missing."""
    return LABEL.get(kode, kode) if isinstance(kode, str) and kode else KOSONG


Pemformat = Callable[[Any], str]


def tabel_html(
    data: pd.DataFrame,
    kolom: Mapping[str, str] | Sequence[str] | None = None,
    format: Mapping[str, Pemformat] | None = None,
    sorot: Sequence[bool] | pd.Series | None = None,
    kelas_sel: Mapping[str, Sequence[str | None]] | None = None,
    kanan: Sequence[str] = (),
    kelompok: Sequence[str] | pd.Series | None = None,
    keterangan: str | None = None,
    kelas: str = "tabel",
    kosong_teks: str = "Tidak ada data.",
    tautan: Mapping[str, Sequence[str | None]] | None = None,
    unduh: str | None = "tabel",
) -> str:
    """An HTML table of `data` in which every cell is escaped text.

    - `kolom`: which columns to show, as a list or as {column: heading}; default all, headed by
      their names. Headings are escaped too.
    - `format`: {column: function} turning a value into display text (e.g. `persen`); the text
      it returns is escaped like any other. Columns without one go through `teks`.
    - `sorot`: one flag per row; flagged rows get the CSS class `sorot` (highlighted).
    - `kelas_sel`: {column: one CSS class (or None) per row} for single cells, e.g. `sorot` or a
      status colour.
    - `kanan`: columns aligned right (numbers).
    - `kelompok`: one group label per row (rows already sorted by it); a heading row is inserted
      wherever the label changes.
    - `keterangan`: a caption above the table (escaped).
    - `tautan`: {column: one relative link (or None) per row}; the cell's text becomes a link
      (the address is escaped as an attribute).
    - `unduh`: the name (without `.csv`) of the table's "Unduh CSV" link, placed after the table
      (`tautan_unduh_csv`; the cells as shown, a group column first where `kelompok` is given);
      None: no link.
    An empty frame gives a short paragraph saying so (`kosong_teks`) instead of an empty table.
    """
    if kolom is None:
        kolom = {c: str(c) for c in data.columns}
    elif not isinstance(kolom, Mapping):
        kolom = {c: str(c) for c in kolom}
    format = dict(format or {})
    if data.empty:
        return f'<p class="catatan">{html.escape(kosong_teks)}</p>'
    n = len(data)

    def per_baris(isi, nama):
        if isi is None:
            return None
        daftar = list(isi)
        if len(daftar) != n:
            raise ValueError(f"panjang `{nama}` harus sama dengan jumlah baris")
        return daftar

    flags = per_baris(sorot, "sorot") or [False] * n
    grup = per_baris(kelompok, "kelompok")
    sel_kelas = {c: per_baris(v, "kelas_sel") for c, v in (kelas_sel or {}).items()}
    sel_tautan = {c: per_baris(v, "tautan") for c, v in (tautan or {}).items()}
    kanan = set(kanan)
    rata = {c: "angka" if c in kanan else "" for c in kolom}

    def atribut(*kelas_kelas) -> str:
        nama = " ".join(k for k in kelas_kelas if k)
        return f' class="{html.escape(nama)}"' if nama else ""

    baris = [f"<table{atribut(kelas)}>"]
    if keterangan:
        baris.append(f"<caption>{html.escape(keterangan)}</caption>")
    kepala = "".join(f"<th{atribut(rata[c])}>{html.escape(judul)}</th>" for c, judul in kolom.items())
    baris.append(f"<thead><tr>{kepala}</tr></thead><tbody>")
    isi_kolom = {c: data[c].tolist() for c in kolom}
    grup_sebelumnya = object()
    csv_baris = []
    for i in range(n):
        # Each cell's text is made once: shown escaped in the table, as is in the CSV download.
        tampak = {c: _tampak(isi_kolom[c][i], format.get(c)) for c in kolom}
        if unduh:
            csv_baris.append(([grup[i]] if grup is not None else []) + list(tampak.values()))
        if grup is not None and grup[i] != grup_sebelumnya:
            grup_sebelumnya = grup[i]
            baris.append(f'<tr class="kelompok"><th colspan="{len(kolom)}">{teks(grup[i])}</th></tr>')
        sel = []
        for c in kolom:
            isi = html.escape(tampak[c], quote=True)
            if c in sel_tautan and sel_tautan[c][i]:
                isi = f'<a href="{html.escape(sel_tautan[c][i], quote=True)}">{isi}</a>'
            tambahan = sel_kelas[c][i] if c in sel_kelas else None
            sel.append(f"<td{atribut(rata[c], tambahan)}>{isi}</td>")
        baris.append(f"<tr{atribut('sorot' if flags[i] else '')}>{''.join(sel)}</tr>")
    baris.append("</tbody></table>")
    # A wide table scrolls inside its own box (first column kept in view), never the whole page;
    # its "Unduh CSV" link stays outside the box.
    tabel = '<div class="gulir">' + "\n".join(baris) + "</div>"
    if unduh:
        kepala_csv = (["Kelompok"] if grup is not None else []) + [str(j) for j in kolom.values()]
        tabel += "\n" + tautan_unduh_csv(kepala_csv, csv_baris, unduh)
    return tabel


def rincian_html(pasangan) -> str:
    """A definition list of (label, value) pairs, both escaped: the "how this report was made"
    block at the end of a report."""
    return '<dl class="rincian">' + "".join(f"<dt>{teks(k)}</dt><dd>{teks(v)}</dd>" for k, v in pasangan) + "</dl>"


def _tampak(isi: Any, f: Pemformat | None) -> str:
    """A cell's text as the table shows it, unescaped (for the CSV download)."""
    if f is not None:
        return f(isi)
    return KOSONG if kosong(isi) else tampak_kendali(str(isi))


def csv_unduhan(kepala: Sequence[str], baris: Sequence[Sequence[Any]]) -> bytes:
    """A table as CSV bytes Excel opens correctly: UTF-8 with BOM, ',' separated, CRLF, and every
    text cell that could run as a formula neutralised (`capaian.format.aman_rumus`)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([aman_rumus(str(k)) for k in kepala])
    for b in baris:
        w.writerow(["" if v is None else aman_rumus(v if isinstance(v, str) else str(v)) for v in b])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def tautan_unduh_csv(kepala: Sequence[str], baris: Sequence[Sequence[Any]], nama: str = "tabel") -> str:
    """An "Unduh CSV" link carrying the table inside the page (a `data:text/csv;base64` URI), so
    the report stays one self-contained file. `nama`: the suggested file name without `.csv`."""
    data = base64.b64encode(csv_unduhan(kepala, baris)).decode("ascii")
    berkas = html.escape(f"{nama}.csv", quote=True)
    return (f'<p class="unduh"><a class="unduh-csv" download="{berkas}" '
            f'href="data:text/csv;charset=utf-8;base64,{data}">Unduh CSV</a></p>')


def kartu_html(kartu) -> str:
    """Headline cards: (value, label, explanation) triples as one escaped HTML block."""
    isi = ['<div class="kartu-kartu">']
    for tampak, label, ket in kartu:
        isi.append(
            f'<div class="kartu"><div class="nilai">{teks(tampak)}</div><div class="label">{teks(label)}</div>'
            f'<div class="keterangan">{teks(ket)}</div></div>'
        )
    isi.append("</div>")
    return "".join(isi)
