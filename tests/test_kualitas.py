"""Indicator quality (`capaian.kualitas`): every check with data that trips it and data that does
not, the thresholds file, the spreadsheet, and one render of the report on the sample data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from bangun_data import bangun_dataset, bulanan, iki, nip, pegawai, perilaku
from capaian import kualitas as kq

from conftest import ROOT


TW1 = "2025-TW1"
TW4 = "2025-TW4"


def temuan(ds, cek: str, periode: str = TW1, **aturan) -> pd.DataFrame:
    """The flags of one check."""
    a = kq.aturan_kualitas_bawaan().dengan(**aturan) if aturan else None
    hasil = kq.periksa_kualitas(ds, periode, aturan=a, cek=[cek])
    assert list(hasil.columns) == kq.KOLOM_TEMUAN
    assert (hasil["jenis_cek"] == cek).all()
    return hasil


def ditandai(ds, cek: str, periode: str = TW1, **aturan) -> set[str]:
    """The id_indikator (or, for checks about a pegawai or rater, the NIP) flagged by one check."""
    t = temuan(ds, cek, periode, **aturan)
    return set(t["id_indikator"].dropna()) or set(t["nip"].dropna())


def tw1(id_: str, nilai: float | list[float | None]) -> list[dict]:
    """Realisasi of January to March: one value for all three months, or three values (None = not reported)."""
    v = nilai if isinstance(nilai, list) else [nilai] * 3
    return bulanan(id_, {f"2025-{m:02d}": x for m, x in zip((1, 2, 3), v) if x is not None})


def kelompok(awal: int, wording: str, target: float, realisasi: list[float], **lain) -> tuple[list[dict], list[dict]]:
    """IKI of the same wording for several pegawai (one each), with TW1 realisasi per month."""
    ind, real = [], []
    for i, r in enumerate(realisasi):
        id_ = f"G{awal + i}"
        ind.append(iki(id_, nip(awal + i), target, indikator=wording, satuan="orang", **lain))
        real += tw1(id_, r)
    return ind, real


# ---------------------------------------------------------------------------------------------
# Measurability


def test_tanpa_satuan():
    ds = bangun_dataset(
        [iki("A", nip(1), 12, satuan=None), iki("B", nip(1), 12, satuan="dokumen")],
        tw1("A", 1) + tw1("B", 1),
    )
    t = temuan(ds, "tanpa_satuan")
    assert set(t["id_indikator"]) == {"A"}
    assert "Satuan kosong" in t["alasan"].iloc[0]


def test_rumusan_tanpa_ukuran():
    ds = bangun_dataset(
        [
            iki("KABUR", nip(1), 100, rencana_hasil_kerja="Meningkatnya kualitas pelayanan", indikator="Meningkatnya kualitas pelayanan"),
            iki("PRIMA", nip(1), 100, indikator="Terwujudnya pelayanan yang cepat, tepat dan akurat"),
            iki("JUMLAH", nip(2), 12, indikator="Jumlah dokumen yang disusun"),
            iki("RATA", nip(2), 3, indikator="Rata-rata waktu layanan"),
            iki("PREV", nip(2), 20, indikator="Prevalensi balita stunting"),
            iki("ANGKA", nip(2), 90, indikator="Layanan selesai dalam 1x24 jam"),
        ],
    )
    t = temuan(ds, "rumusan_tanpa_ukuran").set_index("id_indikator")
    assert set(t.index) == {"KABUR", "PRIMA"}
    assert "seperti sasaran" in t.at["KABUR", "alasan"]
    assert "sama dengan rencana hasil kerjanya" in t.at["KABUR", "alasan"]
    assert "sama dengan rencana hasil kerjanya" not in t.at["PRIMA", "alasan"]


def test_kunci_rumusan_menyamakan_rumusan_yang_hampir_sama():
    k = kq.kunci_rumusan(pd.Series(["Jumlah Laporan yang  disusun.", "jumlah laporan disusun", "Jumlah laporan keuangan", None], dtype="string"))
    assert k.iloc[0] == k.iloc[1] == "jumlah laporan disusun"
    assert k.iloc[2] != k.iloc[0]
    assert pd.isna(k.iloc[3])


# ---------------------------------------------------------------------------------------------
# Targets that do not discriminate


def test_target_terlalu_mudah():
    # Target 12 a year = 3 per triwulan; 6 reported = 200%.
    ind, real = kelompok(1, "Jumlah KPM yang bantuan sosialnya tersalurkan", 12, [2, 2, 2, 2])
    t = temuan(bangun_dataset(ind, real), "target_terlalu_mudah")
    assert len(t) == 4
    assert (t["nilai"] == 200).all()
    assert "4 dari 4 IKI" in t["alasan"].iloc[0]


def test_target_terlalu_mudah_tidak_bila_tidak_hampir_semua():
    ind, real = kelompok(1, "Jumlah KPM yang bantuan sosialnya tersalurkan", 12, [2, 2, 2, 1])  # 3 of 4 = 75% < 80%
    assert temuan(bangun_dataset(ind, real), "target_terlalu_mudah").empty


def test_target_terlalu_mudah_tidak_untuk_kelompok_kecil():
    ind, real = kelompok(1, "Jumlah KPM yang bantuan sosialnya tersalurkan", 12, [2, 2])  # fewer than 3 IKI
    assert temuan(bangun_dataset(ind, real), "target_terlalu_mudah").empty


def test_target_tidak_realistis():
    ind, real = kelompok(1, "Jumlah kunjungan rumah", 12, [0.25, 0.25, 0.25])  # 0.75 of 3 = 25%
    t = temuan(bangun_dataset(ind, real), "target_tidak_realistis")
    assert len(t) == 3 and (t["nilai"] == 25).all()
    ind, real = kelompok(1, "Jumlah kunjungan rumah", 12, [0.25, 0.25, 1])
    assert temuan(bangun_dataset(ind, real), "target_tidak_realistis").empty


def test_capaian_seragam():
    ind, real = kelompok(1, "Persentase tugas dari pimpinan yang diselesaikan", 100, [100, 100, 100], agregasi="rata_rata")
    t = temuan(bangun_dataset(ind, real), "capaian_seragam")
    assert len(t) == 3 and (t["nilai"] == 100).all()
    ind, real = kelompok(1, "Persentase tugas dari pimpinan yang diselesaikan", 100, [100, 100, 95], agregasi="rata_rata")
    assert temuan(bangun_dataset(ind, real), "capaian_seragam").empty


# ---------------------------------------------------------------------------------------------
# Reporting


def test_bulan_kosong():
    ds = bangun_dataset(
        [iki("BOLONG", nip(1), 12), iki("LENGKAP", nip(1), 12), iki("KOSONG", nip(1), 12)],
        tw1("BOLONG", [1, None, 1]) + tw1("LENGKAP", 1),
    )
    t = temuan(ds, "bulan_kosong").set_index("id_indikator")
    assert set(t.index) == {"BOLONG", "KOSONG"}
    assert "1 dari 3 bulan: Februari 2025" in t.at["BOLONG", "alasan"]
    assert t.at["BOLONG", "nilai"] == 1
    assert "Tidak ada realisasi sama sekali" in t.at["KOSONG", "alasan"]
    assert t.at["KOSONG", "nilai"] == 3


def _lapor(id_: str, bulan: str, tanggal: str | None, bukti: str | None = "https://bukti/1") -> dict:
    return {"id_indikator": id_, "bulan": bulan, "realisasi": 1, "tanggal_lapor": tanggal, "bukti_dukung": bukti}


def test_lapor_terlambat():
    ds = bangun_dataset(
        [iki("TELAT", nip(1), 12), iki("TEPAT", nip(1), 12), iki("TANPA_TANGGAL", nip(1), 12)],
        [
            _lapor("TELAT", "2025-01", "2025-02-11"),
            _lapor("TELAT", "2025-02", "2025-03-25"),
            _lapor("TELAT", "2025-03", "2025-04-10"),  # on the deadline day: in time
            _lapor("TEPAT", "2025-01", "2025-02-10"),
            _lapor("TEPAT", "2025-02", "2025-02-27"),  # before the month ended: not late
            _lapor("TANPA_TANGGAL", "2025-01", None),
        ],
    )
    t = temuan(ds, "lapor_terlambat")
    assert set(t["id_indikator"]) == {"TELAT"}
    assert t["nilai"].iloc[0] == 2
    alasan = t["alasan"].iloc[0]
    assert "Januari 2025 (dilaporkan 11 Februari 2025, terlambat 1 hari)" in alasan
    assert "Februari 2025 (dilaporkan 25 Maret 2025, terlambat 15 hari)" in alasan
    assert "Maret" not in alasan.split("berikutnya:")[1].replace("25 Maret", "")
    # A later deadline day (configurable) lets the first one through.
    assert temuan(ds, "lapor_terlambat", hari_batas_lapor=15)["nilai"].iloc[0] == 1


def test_batas_lapor_desember_jatuh_di_tahun_berikutnya():
    b = kq.batas_lapor(pd.Series(["2025-12", "2025-01"], dtype="string"), 10)
    assert list(b.dt.strftime("%Y-%m-%d")) == ["2026-01-10", "2025-02-10"]


def test_tanpa_bukti():
    ds = bangun_dataset(
        [iki("KOSONG", nip(1), 12), iki("PENGISI", nip(1), 12), iki("ADA", nip(1), 12)],
        [
            _lapor("KOSONG", "2025-01", "2025-02-01", None),
            _lapor("KOSONG", "2025-02", "2025-03-01", None),
            _lapor("PENGISI", "2025-01", "2025-02-01", " Terlampir "),
            _lapor("ADA", "2025-01", "2025-02-01", "https://ekinerja/bukti/ADA/2025-01"),
            _lapor("ADA", "2025-02", "2025-03-01", "Scan_2025-02.pdf"),
        ],
    )
    t = temuan(ds, "tanpa_bukti").set_index("id_indikator")
    assert set(t.index) == {"KOSONG", "PENGISI"}
    assert t.at["KOSONG", "nilai"] == 2
    assert "Januari 2025; Februari 2025" in t.at["KOSONG", "alasan"]
    assert "(hanya ' Terlampir ')" in t.at["PENGISI", "alasan"]


# ---------------------------------------------------------------------------------------------
# Suspicious values


def _tahun(id_: str, nilai: list[float]) -> list[dict]:
    return bulanan(id_, {f"2025-{m:02d}": v for m, v in enumerate(nilai, start=1)})


def test_lonjakan():
    tenang = [10, 11, 9, 10, 12, 10, 11, 10, 10]
    ds = bangun_dataset(
        [iki("LONJAK", nip(1), 120), iki("TENANG", nip(1), 120), iki("DULU", nip(1), 120), iki("NOL", nip(1), 4)],
        _tahun("LONJAK", tenang + [100, 10, 11])
        + _tahun("TENANG", tenang + [11, 12, 10])
        + _tahun("DULU", [10, 10, 100, 10, 10, 10, 11, 10, 10, 10, 11, 10])  # the jump lies before TW4
        + _tahun("NOL", [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]),  # a quarterly document: not a jump
    )
    t = temuan(ds, "lonjakan", TW4)
    assert set(t["id_indikator"]) == {"LONJAK"}
    # 100 after 10, and back to 10 after 100: both are jumps in TW4.
    assert "Oktober 2025 100,00 setelah 10,00 pada September 2025" in t["alasan"].iloc[0]
    assert "November 2025 10,00 setelah 100,00 pada Oktober 2025" in t["alasan"].iloc[0]
    assert t["nilai"].iloc[0] > 3.5


def test_lonjakan_butuh_cukup_bulan():
    ds = bangun_dataset([iki("PENDEK", nip(1), 120)], bulanan("PENDEK", {"2025-11": 10, "2025-12": 100}))
    assert temuan(ds, "lonjakan", TW4).empty


def test_pencilan():
    wording = "Jumlah pasien yang dilayani"
    ind, real = kelompok(1, wording, 120, [10, 9.7, 10.3, 10.2, 9.8, 40])  # the last: 400%, the rest about 100%
    t = temuan(bangun_dataset(ind, real), "pencilan")
    assert set(t["id_indikator"]) == {"G6"}
    assert "Capaian 400,0% jauh dari median" in t["alasan"].iloc[0]
    ind, real = kelompok(1, wording, 120, [10, 9.7, 10.3, 10.2, 9.8, 11])
    assert temuan(bangun_dataset(ind, real), "pencilan").empty


def test_terakhir_mundur():
    ds = bangun_dataset(
        [
            iki("MUNDUR", nip(1), 95, agregasi="terakhir"),
            iki("MAJU", nip(1), 95, agregasi="terakhir"),
            iki("TURUN_NAIK", nip(1), 5, agregasi="terakhir", arah="turun"),
            iki("JUMLAH", nip(1), 120),  # not `terakhir`: a lower month is fine
        ],
        tw1("MUNDUR", [50, 60, 55]) + tw1("MAJU", [50, 60, 70]) + tw1("TURUN_NAIK", [5, 4, 6]) + tw1("JUMLAH", [12, 9, 8]),
    )
    t = temuan(ds, "terakhir_mundur").set_index("id_indikator")
    assert set(t.index) == {"MUNDUR", "TURUN_NAIK"}
    assert "Maret 2025 55,00 setelah 60,00 pada Februari 2025" in t.at["MUNDUR", "alasan"]
    assert t.at["MUNDUR", "nilai"] == -5
    assert "naik padahal makin rendah makin baik" in t.at["TURUN_NAIK", "alasan"]
    # A tolerance lets a small step back pass.
    assert ditandai(ds, "terakhir_mundur", toleransi_mundur=0.1) == {"TURUN_NAIK"}


# ---------------------------------------------------------------------------------------------
# Structure

KEPALA, STAF, LAIN = nip(1), nip(2), nip(3)


def _struktur(iki_staf: list[dict], iki_kepala: list[dict] | None = None):
    pegawai_ = [
        pegawai(KEPALA, jabatan="Kepala Dinas"),
        pegawai(STAF, jabatan="Analis", nip_atasan=KEPALA),
        pegawai(LAIN, jabatan="Pengelola", nip_atasan=KEPALA),
    ]
    kepala = iki_kepala if iki_kepala is not None else [iki("K1", KEPALA, 12), iki("K2", KEPALA, 12)]
    return bangun_dataset(kepala + iki_staf, pegawai_=pegawai_)


def test_tanpa_iki_atasan():
    ds = _struktur(
        [
            iki("PUTUS", STAF, 12),
            iki("TERHUBUNG", STAF, 12, id_indikator_atasan="K1"),
            iki("TAMBAHAN", STAF, 12, jenis_rhk="tambahan"),  # a shared extra task: no cascading expected
        ]
    )
    t = temuan(ds, "tanpa_iki_atasan")
    assert set(t["id_indikator"]) == {"PUTUS"}  # not the kepala's IKI: he has no atasan
    assert "cascading kinerja putus" in t["alasan"].iloc[0]


def test_tanpa_iki_atasan_ketika_atasan_belum_ber_iki():
    ds = _struktur([iki("PUTUS", STAF, 12)], iki_kepala=[])
    assert "atasan belum memiliki IKI tahun 2025" in temuan(ds, "tanpa_iki_atasan")["alasan"].iloc[0]


def test_iki_atasan_tanpa_dukungan():
    ds = _struktur([iki("S1", STAF, 12, id_indikator_atasan="K1"), iki("L1", LAIN, 12)])
    t = temuan(ds, "iki_atasan_tanpa_dukungan")
    assert set(t["id_indikator"]) == {"K2"}
    assert t["nilai"].iloc[0] == 2  # two bawahan with IKI
    # Staff without bawahan are never flagged, however unlinked their IKI are.
    assert not set(t["nip"]) & {STAF, LAIN}


def test_rumusan_disalin():
    def data(jabatan: list[str]):
        pegawai_ = [pegawai(nip(i), jabatan=j, unit_kerja=f"Unit {i}") for i, j in enumerate(jabatan, start=1)]
        indikator = [
            iki(f"S{i}", nip(i), 12, indikator="Jumlah laporan bulanan yang disusun" if i % 2 else "jumlah Laporan Bulanan disusun.")
            for i in range(1, len(jabatan) + 1)
        ]
        indikator.append(iki("T1", nip(1), 2, jenis_rhk="tambahan", indikator="Jumlah rapat panitia"))
        return bangun_dataset(indikator, pegawai_=pegawai_)

    beragam = [f"Jabatan {i % 8}" for i in range(10)]  # 10 pegawai, 8 different jabatan
    t = temuan(data(beragam), "rumusan_disalin")
    assert len(t) == 10 and (t["nilai"] == 10).all()
    assert "10 pegawai dengan 8 jabatan berbeda" in t["alasan"].iloc[0]
    # The same wording for one jabatan across units is a standard IKI, not a copy.
    assert temuan(data(["Perawat Terampil"] * 10), "rumusan_disalin").empty
    # Fewer pegawai than the threshold.
    assert temuan(data(beragam[:9]), "rumusan_disalin").empty


def test_bobot_tidak_100():
    ds = bangun_dataset(
        [
            iki("A1", nip(1), 12, bobot=30), iki("A2", nip(1), 12, bobot=50),
            iki("B1", nip(2), 12, bobot=40), iki("B2", nip(2), 12, bobot=60),
            iki("C1", nip(3), 12), iki("C2", nip(3), 12),  # no weights: equal, nothing to sum
        ]
    )
    t = temuan(ds, "bobot_tidak_100")
    assert list(t["nip"]) == [nip(1)]
    assert t["id_indikator"].isna().all()
    assert t["nilai"].iloc[0] == 80
    assert "Jumlah bobot IKI 80,00, bukan 100" in t["alasan"].iloc[0]


# ---------------------------------------------------------------------------------------------
# Raters of perilaku


def _penilaian(skor_per_penilai: dict[str, list], bulan=("2025-01", "2025-02", "2025-03")):
    """Each rater rates their own pegawai every month with the given score (one per pegawai)."""
    pegawai_, rows, indikator = [], [], []
    n = 100
    for penilai, skor in skor_per_penilai.items():
        pegawai_.append(pegawai(penilai))
        for s in skor:
            n += 1
            pegawai_.append(pegawai(nip(n), nip_atasan=penilai))
            indikator.append(iki(f"I{n}", nip(n), 12))
            rows += [perilaku(nip(n), b, s, nip_penilai=penilai) for b in bulan]
    return bangun_dataset(indikator, pegawai_=pegawai_, perilaku_=rows)


def test_penilai_seragam():
    seragam, beragam = nip(1), nip(2)
    ds = _penilaian({seragam: [4, 4], beragam: [[4, 4, 3, 4, 5, 4, 4], 3]})
    t = temuan(ds, "penilai_seragam")
    assert list(t["nip"]) == [seragam]
    assert t["id_indikator"].isna().all()
    assert "Semua 42 skor yang diberikan kepada 2 pegawai sama (4,0)" in t["alasan"].iloc[0]


def test_penilai_longgar_dan_ketat():
    longgar, ketat = nip(1), nip(2)
    biasa = [nip(3), nip(4), nip(5), nip(6)]
    ds = _penilaian({longgar: [4.8], ketat: [2.4], **{b: [3.5] for b in biasa}})
    t = temuan(ds, "penilai_longgar")
    assert list(t["nip"]) == [longgar]
    assert "lebih tinggi dari rata-rata penilai lain di instansi ini" in t["alasan"].iloc[0]
    assert t["nilai"].iloc[0] == pytest.approx(4.8 - (2.4 + 4 * 3.5) / 5)
    assert list(temuan(ds, "penilai_ketat")["nip"]) == [ketat]


def test_penilai_biasa_tidak_ditandai():
    ds = _penilaian({nip(1): [3.5], nip(2): [3.8], nip(3): [3.3], nip(4): [3.6]})
    for cek in ("penilai_longgar", "penilai_ketat"):
        assert temuan(ds, cek).empty


def test_penilai_dengan_sedikit_penilaian_tidak_dinilai():
    ds = _penilaian({nip(1): [4.9], nip(2): [3.0], nip(3): [3.0]}, bulan=("2025-03",))  # one row each
    assert temuan(ds, "penilai_longgar").empty


# ---------------------------------------------------------------------------------------------
# The whole run, thresholds, spreadsheet


def _cek_yang_diuji() -> dict[str, set[str]]:
    """{check code: test functions that run it through `temuan`/`ditandai(ds, "code", ...)` and assert on
    what it returns}: the code must be the literal second argument of the call, inside an
    `assert` or in a name that an `assert` of the same test reads."""
    import ast

    diuji: dict[str, set[str]] = {}
    for f in ast.parse(Path(__file__).read_text(encoding="utf-8")).body:
        if not (isinstance(f, ast.FunctionDef) and f.name.startswith("test_")):
            continue
        dibaca = {n.id for a in ast.walk(f) if isinstance(a, ast.Assert) for n in ast.walk(a) if isinstance(n, ast.Name)}
        dalam_assert = {id(n) for a in ast.walk(f) if isinstance(a, ast.Assert) for n in ast.walk(a)}
        disimpan: dict[int, set[str]] = {}
        for a in ast.walk(f):
            if isinstance(a, ast.Assign):
                for n in ast.walk(a.value):
                    disimpan[id(n)] = {t.id for t in a.targets if isinstance(t, ast.Name)}
        for n in ast.walk(f):
            if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("temuan", "ditandai") and len(n.args) >= 2):
                continue
            kode = n.args[1]
            if isinstance(kode, ast.Constant) and isinstance(kode.value, str) and (id(n) in dalam_assert or disimpan.get(id(n), set()) & dibaca):
                diuji.setdefault(kode.value, set()).add(f.name)
    return diuji


def test_setiap_cek_punya_uji():
    """Every check is run by name in a test that asserts on its flags (a quoted word elsewhere in
    this file does not count)."""
    diuji = _cek_yang_diuji()
    tanpa_uji = [c.kode for c in kq.DAFTAR_CEK if c.kode not in diuji]
    assert not tanpa_uji, f"cek tanpa uji: {tanpa_uji}"
    assert not set(diuji) - {c.kode for c in kq.DAFTAR_CEK}, "uji untuk cek yang tidak ada"


def test_periksa_kualitas_menyaring_instansi_dan_mengurutkan():
    pegawai_ = [pegawai(nip(1), "DINKES"), pegawai(nip(2), "BKPP")]
    ds = bangun_dataset(
        [iki("B", nip(2), 12, satuan=None), iki("A", nip(1), 12, satuan=None), iki("A2", nip(1), 12)], tw1("A2", 1), pegawai_=pegawai_
    )
    semua = kq.periksa_kualitas(ds, TW1)
    assert list(semua.columns) == kq.KOLOM_TEMUAN
    assert list(semua["kode_instansi"]) == sorted(semua["kode_instansi"])  # sorted by instansi first
    hanya = kq.periksa_kualitas(ds, TW1, instansi=["DINKES"])
    assert set(hanya["kode_instansi"]) == {"DINKES"} and len(hanya) > 0
    with pytest.raises(ValueError, match="jenis cek tidak dikenal"):
        kq.periksa_kualitas(ds, TW1, cek=["tidak_ada"])


def test_aturan_sebagian_dan_salah(tmp_path):
    f = tmp_path / "kualitas.yaml"
    f.write_text("hari_batas_lapor: 15\n", encoding="utf-8")
    a = kq.load_aturan_kualitas(f)
    assert a.hari_batas_lapor == 15 and a.jauh_di_atas == 150
    for isi, kunci in (("hari_batas_lapor: 31\n", "hari_batas_lapor"), ("ambang_ajaib: 3\n", "ambang_ajaib"), ("porsi_hampir_semua: 80\n", "porsi_hampir_semua")):
        f.write_text(isi, encoding="utf-8")
        with pytest.raises(kq.AturanKualitasError) as e:
            kq.load_aturan_kualitas(f)
        assert e.value.kunci == kunci and kunci in str(e.value)


def test_kalimat_tanpa_realisasi_mengikuti_metodologi_yang_dipakai():
    from capaian.pengaturan import load_metodologi

    nol = kq.kalimat_tanpa_realisasi(load_metodologi().to_dict())
    abaikan = kq.kalimat_tanpa_realisasi(load_metodologi().dengan(capaian={"tanpa_realisasi": "abaikan"}).to_dict())
    assert "capaian 0%" in nol and "0%" not in abaikan and "tidak ikut dinilai" in abaikan
    # The notebook takes the paragraph from the methodology used, not from its own prose.
    sel = ["".join(c["source"]) for c in nbformat.read(kq.NOTEBOOK, as_version=4).cells]
    assert "kq.catatan_kepatuhan(bk)" in sel and not any("capaian 0" in s for s in sel)


def test_xlsx_teks_tetap_teks(tmp_path):
    from openpyxl import load_workbook

    rumus = '=HYPERLINK("http://x","klik")'
    ds = bangun_dataset([iki("A", nip(1), 12, satuan=None, indikator=rumus), iki("B", nip(2), 12)], tw1("B", 1))
    t = kq.periksa_kualitas(ds, TW1)
    path = kq.write_temuan_xlsx(t, tmp_path / "keluar" / "kualitas_indikator.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["IKI bermasalah", "Aturan"]
    ws = wb["IKI bermasalah"]
    kepala = [c.value for c in ws[1]]
    assert kepala[:6] == ["kode_instansi", "nama_instansi", "unit_kerja", "nip", "nama", "id_indikator"]
    sel = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == rumus]
    assert sel and all(c.data_type == "s" for c in sel)
    nips = [row[3] for row in ws.iter_rows(min_row=2)]
    assert all(c.data_type == "s" and len(c.value) == 18 for c in nips)
    assert len(list(wb["Aturan"].iter_rows(min_row=2))) == len(kq.DAFTAR_CEK)


# ---------------------------------------------------------------------------------------------
# The command on the sample data (one kernel start)

SKRIP = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    """A fresh copy of the synthetic sample, with one IKI's wording made hostile."""
    from capaian.contoh import write_sample

    folder = tmp_path_factory.mktemp("contoh") / "data"
    write_sample(folder)
    ind = pd.read_csv(folder / "indikator.csv", dtype=str, keep_default_na=False)
    baris = ind.index[ind["satuan"] == ""][0]
    ind.loc[baris, "indikator"] = "=1+1 " + SKRIP
    ind.to_csv(folder / "indikator.csv", index=False, lineterminator="\n")
    return folder


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "capaian.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def render(contoh, tmp_path_factory):
    keluar = tmp_path_factory.mktemp("keluar")
    proc = cli("kualitas", contoh, "--periode", TW4, "--keluaran", keluar)
    return proc, keluar / TW4


@pytest.mark.lambat
def test_render_kualitas_pada_data_contoh(render):
    proc, folder = render
    assert proc.returncode == 0, proc.stderr
    html = (folder / "kualitas_indikator.html").read_text(encoding="utf-8")
    assert (folder / "kualitas_indikator.xlsx").is_file() and (folder / "kualitas_indikator.ipynb").is_file()
    assert "<h1>Kualitas Indikator Kinerja Individu</h1>" in html
    for bagian in ("Temuan terpenting per instansi", "Kepatuhan pelaporan", "Sebaran capaian per IKI", "Tidak terukur", "Pola penilai perilaku",
                   "Catatan penutup"):
        assert bagian in html
    assert html.count("data:image/png;base64,") == 2
    # Strict runner: no code, no script, data escaped.
    assert "<script" not in html.lower() and "import " not in html and "kq." not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://cdn" not in html
    assert html.count("<table") >= 2 and html.count("<table") == html.count('class="unduh-csv"')  # issue 10 butir 6


@pytest.mark.lambat
def test_render_kualitas_xlsx_dari_data_contoh(render):
    from openpyxl import load_workbook

    _, folder = render
    wb = load_workbook(folder / "kualitas_indikator.xlsx")
    ws = wb["IKI bermasalah"]
    jenis = {r[8].value for r in ws.iter_rows(min_row=2)}
    # The sample's deliberate flaws are found.
    assert {"tanpa_satuan", "rumusan_tanpa_ukuran", "target_terlalu_mudah", "capaian_seragam", "bulan_kosong", "lapor_terlambat",
            "tanpa_bukti", "rumusan_disalin", "penilai_longgar", "penilai_ketat"} <= jenis
    hostile = [c for r in ws.iter_rows(min_row=2) for c in r if isinstance(c.value, str) and c.value.startswith("=1+1")]
    assert hostile and all(c.data_type == "s" for c in hostile)


def _tautan_rusak(folder: Path) -> list[str]:
    """Every relative link of every HTML file in `folder` that does not lead to a file there."""
    rusak = []
    for html in folder.glob("*.html"):
        for href in re.findall(r'href="([^"#][^"]*)"', html.read_text(encoding="utf-8")):
            if not href.startswith(("data:", "http:", "https:")) and not (folder / href).is_file():
                rusak.append(f"{html.name}: {href}")
    return rusak


@pytest.mark.lambat
def test_kualitas_instansi_tidak_menimpa_laporan_kabupaten(render, contoh):
    """`kualitas --instansi K` writes kualitas_indikator-K.* beside the kabupaten-wide report and
    leaves that one as it was; the index links both, and only files that exist (issue 10 butir 4)."""
    _, folder = render
    sebelum = {n: (folder / n).read_bytes() for n in ("kualitas_indikator.html", "kualitas_indikator.xlsx", "kualitas_indikator.ipynb")}
    proc = cli("kualitas", contoh, "--periode", TW4, "--keluaran", folder.parent, "--instansi", "DINKES")
    assert proc.returncode == 0, proc.stderr
    assert {n: (folder / n).read_bytes() for n in sebelum} == sebelum
    for akhiran in ("html", "xlsx", "ipynb"):
        assert (folder / f"kualitas_indikator-DINKES.{akhiran}").is_file()
    html = (folder / "kualitas_indikator-DINKES.html").read_text(encoding="utf-8")
    assert 'href="kualitas_indikator-DINKES.xlsx"' in html and 'href="kualitas_indikator.xlsx"' not in html
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="kualitas_indikator.html">Kualitas indikator</a>' in index
    assert '<a href="kualitas_indikator-DINKES.html">Kualitas indikator DINKES</a>' in index
    # A standalone run (no `capaian laporan` before it): no score files, so none is linked.
    assert not (folder / "nilai_pegawai.csv").exists() and 'href="nilai_pegawai.csv"' not in index
    assert _tautan_rusak(folder) == []


def test_notebook_kualitas_tersimpan_tanpa_keluaran():
    nb = nbformat.read(ROOT / "notebooks" / "kualitas_indikator.ipynb", as_version=4)
    kode = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in kode[0].metadata.get("tags", [])
    assert all(c.outputs == [] and c.execution_count is None for c in kode)
    assert all(len([x for x in c.source.splitlines() if x.strip() and not x.startswith("#")]) <= 5 for c in kode)


@pytest.mark.lambat
def test_kualitas_data_tidak_sah_tidak_menulis_apa_pun(contoh, tmp_path):
    import shutil

    rusak = tmp_path / "rusak"
    shutil.copytree(contoh, rusak)
    real = (rusak / "realisasi.csv").read_text(encoding="utf-8").splitlines()
    kolom = real[0].split(",")
    bagian = real[1].split(",")
    bagian[kolom.index("realisasi")] = "95%"
    real[1] = ",".join(bagian)
    (rusak / "realisasi.csv").write_text("\n".join(real) + "\n", encoding="utf-8")
    keluar = tmp_path / "keluar"
    proc = cli("kualitas", rusak, "--periode", TW4, "--keluaran", keluar)
    assert proc.returncode == 1
    assert "realisasi.csv:2: realisasi:" in proc.stderr
    assert not (keluar / TW4).exists()


@pytest.mark.lambat
def test_kualitas_instansi_tidak_dikenal_dan_tahun_tanpa_iki(contoh, tmp_path):
    proc = cli("kualitas", contoh, "--periode", TW4, "--instansi", "TIDAK-ADA", "--keluaran", tmp_path)
    assert proc.returncode == 2
    assert "TIDAK-ADA" in proc.stderr and "DINKES" in proc.stderr
    proc = cli("kualitas", contoh, "--periode", "2030-TW1", "--keluaran", tmp_path)
    assert proc.returncode == 1
    assert "Tidak ada IKI untuk tahun 2030" in proc.stderr
    assert not (tmp_path / "2030-TW1").exists()


def test_kualitas_metodologi_tidak_sah(contoh, tmp_path):
    salah = tmp_path / "salah.yaml"
    salah.write_text("ambang: {sesuai: 120}\n", encoding="utf-8")
    proc = cli("kualitas", contoh, "--periode", TW4, "--metodologi", salah, "--keluaran", tmp_path)
    assert proc.returncode == 2
    assert "ambang.sesuai" in proc.stderr


@pytest.mark.lambat
def test_notebook_dibuka_manual_tanpa_bundel(contoh):
    """Opened by hand (no bundle), the notebook's functions validate, check and show the data here."""
    bk = kq.prepare_bundel(str(contoh), TW4, instansi=["DINKES", "BKPP"])
    assert [k for k, _ in bk.instansi] == ["DINKES", "BKPP"]
    assert set(bk.temuan["kode_instansi"]) <= {"DINKES", "BKPP"}
    bagian = [kq.judul(bk), kq.ringkasan(bk), kq.per_instansi(bk), kq.grafik_kepatuhan(bk), kq.grafik_sebaran(bk)]
    bagian += [kq.rincian(bk, k) for k in kq.KELOMPOK] + [kq.penutup(bk)]
    for b in bagian:
        assert "<script" not in b._repr_html_().lower(), b.nama
    _bagian_menampilkan_isi_bundel(bk)
    teks_penutup = " ".join(kq.catatan_penutup_teks(bk))
    assert "Tidak terukur" in teks_penutup and "Penilai perilaku" in teks_penutup


def _bagian_menampilkan_isi_bundel(bk):
    """Each section shows its heading and the bundle's numbers as the report formats them."""
    from capaian.format import bulat, porsi, teks

    j = bk.jumlah
    judul = kq.judul(bk)._repr_html_()
    assert "<h1>Kualitas Indikator Kinerja Individu</h1>" in judul
    nama = ", ".join(n for _, n in bk.instansi)
    assert f"Periode Triwulan IV 2025 (2025-TW4) · {len(bk.instansi)} instansi ({teks(nama)})" in judul

    ringkas = kq.ringkasan(bk)._repr_html_()
    assert (f'<div class="nilai">{bulat(j["iki"])}</div><div class="label">IKI diperiksa</div>'
            f'<div class="keterangan">milik {bulat(j["pegawai"])} pegawai</div>') in ringkas
    assert (f'<div class="nilai">{bulat(j["iki_ditandai"])}</div><div class="label">IKI ditandai</div>'
            f'<div class="keterangan">{porsi(j["iki_ditandai"] / j["iki"])} dari IKI yang diperiksa</div>') in ringkas
    assert f'<div class="nilai">{bulat(len(bk.temuan))}</div><div class="label">temuan</div>' in ringkas
    for r in bk.ringkasan_cek.itertuples():  # one row per check with its counts; highlighted where it found something
        sorot = ' class="sorot"' if r.temuan else ""
        assert (f'<tr{sorot}><td>{teks(r.judul)}</td><td>{teks(r.aturan)}</td>'
                f'<td class="angka">{bulat(r.temuan)}</td><td class="angka">{bulat(r.iki)}</td>') in ringkas, r.jenis_cek

    per_instansi = kq.per_instansi(bk)._repr_html_()
    for r in bk.ringkasan_instansi.itertuples():
        assert (f'<tr><td>{teks(r.nama_instansi)}</td><td class="angka">{bulat(r.pegawai)}</td><td class="angka">{bulat(r.iki)}</td>'
                f'<td class="angka">{bulat(r.iki_ditandai)}</td><td class="angka">{porsi(r.porsi_ditandai)}</td>') in per_instansi

    assert 'alt="Peta panas kepatuhan pelaporan per instansi dan bulan"' in kq.grafik_kepatuhan(bk)._repr_html_()
    sebaran = kq.grafik_sebaran(bk)._repr_html_()
    assert 'alt="Diagram kotak sebaran capaian per rumusan IKI"' in sebaran
    assert "merah: batas atas capaian dalam penilaian (120%)" in sebaran

    for kelompok in kq.KELOMPOK:  # every check of the group under its own heading with its count
        rincian = kq.rincian(bk, kelompok)._repr_html_()
        for r in bk.ringkasan_cek[bk.ringkasan_cek["jenis_cek"].map(lambda c: kq.CEK[c].kelompok) == kelompok].itertuples():
            assert f"<h3>{teks(r.judul)} ({bulat(r.temuan)})</h3>" in rincian, r.jenis_cek
            if not r.temuan:
                kosong = f'<h3>{teks(r.judul)} (0)</h3>\n<p class="catatan">Aturan: {teks(r.aturan)}</p>\n<p class="catatan">Tidak ada temuan.</p>'
                assert kosong in rincian, r.jenis_cek

    penutup = kq.penutup(bk)._repr_html_()
    assert (f"<li>Dari {bulat(j['iki'])} IKI milik {bulat(j['pegawai'])} pegawai, {bulat(j['iki_ditandai'])} "
            f"({porsi(j['iki_ditandai'] / j['iki'], 0)}) mendapat paling sedikit satu temuan.</li>") in penutup


@pytest.mark.lambat
def test_laporan_kualitas_tercatat_dan_bertahan_sesudah_capaian_laporan(render, contoh):
    import json

    proc, folder = render
    entri = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["laporan_lain"]["kualitas_indikator.html"]
    assert entri["status"] == "berhasil" and entri["data"]["realisasi"]["sha256"]
    # `capaian laporan` afterwards rewrites the manifest but keeps the quality report's entry and link.
    proc = cli("laporan", contoh, "--periode", TW4, "--keluaran", folder.parent, "--instansi", "BKPP", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    isi = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [r["kode_instansi"] for r in isi["laporan"]] == ["BKPP"]
    assert "kualitas_indikator.html" in isi["laporan_lain"]
    assert 'href="kualitas_indikator.html"' in (folder / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# A report one can act on (issue 10 butir 8)


def test_keparahan_adalah_data_di_params_untuk_setiap_cek(tmp_path):
    from capaian.pengaturan import AturanKualitasError, KeparahanCek, load_aturan_kualitas

    assert set(KeparahanCek.model_fields) == set(kq.CEK)
    a = kq.aturan_kualitas_bawaan()
    assert a.keparahan.bulan_kosong == 3 and a.keparahan.rumusan_disalin == 1 and a.temuan_teratas == 5
    berkas = tmp_path / "kualitas.yaml"
    berkas.write_text("keparahan: {rumusan_disalin: 3}\n", encoding="utf-8")
    b = load_aturan_kualitas(berkas)
    assert b.keparahan.rumusan_disalin == 3 and b.keparahan.bulan_kosong == 3  # merged over the defaults
    berkas.write_text("keparahan: {rumusan_disalin: 4}\n", encoding="utf-8")
    with pytest.raises(AturanKualitasError) as e:
        load_aturan_kualitas(berkas)
    assert "keparahan.rumusan_disalin" in str(e.value) and e.value.status == 2


@pytest.fixture(scope="module")
def temuan_contoh():
    from capaian.validasi import load_dataset

    ds = load_dataset(ROOT / "data" / "contoh")
    return kq.periksa_kualitas(ds, TW4)


def test_temuan_terpenting_per_instansi_digabung_dan_diurutkan(temuan_contoh):
    t = temuan_contoh
    a = kq.aturan_kualitas_bawaan()
    data = kq.temuan_terpenting(t, a)
    assert set(data["kode_instansi"]) == set(t["kode_instansi"])
    for kode, g in data.groupby("kode_instansi"):
        assert len(g) <= a.temuan_teratas
        assert list(g["keparahan"]) == sorted(g["keparahan"], reverse=True), kode
        # The first is the most severe the instansi has at all.
        assert g["keparahan"].iloc[0] == kq.keparahan(t.loc[t["kode_instansi"] == kode, "jenis_cek"], a).max()
    # One finding per check and instansi, counted: BAPPERIDA's IKI without proof are one row.
    bap = data[(data["kode_instansi"] == "BAPPERIDA") & (data["jenis_cek"] == "tanpa_bukti")]
    asli = t[(t["kode_instansi"] == "BAPPERIDA") & (t["jenis_cek"] == "tanpa_bukti")]
    assert len(bap) == 1 and bap["jumlah"].iloc[0] == asli["id_indikator"].nunique() == 31
    # A copied wording over many instansi: many flags, grouped per wording within each instansi.
    semua = kq.temuan_terpenting(t, a, banyak=1000)
    salin = semua[semua["jenis_cek"] == "rumusan_disalin"]
    asli = t[t["jenis_cek"] == "rumusan_disalin"]
    assert len(salin) == asli.groupby(["kode_instansi", "indikator"]).ngroups < len(asli)
    assert salin["jumlah"].sum() == len(asli)


def test_xlsx_memuat_daftar_lengkap_menurut_keparahan(temuan_contoh, tmp_path):
    from openpyxl import load_workbook

    path = kq.write_temuan_xlsx(temuan_contoh, tmp_path / "k.xlsx")
    ws = load_workbook(path, read_only=True)["IKI bermasalah"]
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0][-1] == "keparahan" and len(baris) - 1 == len(temuan_contoh)
    urutan = [{"tinggi": 3, "sedang": 2, "rendah": 1}[r[-1]] for r in baris[1:]]
    assert urutan == sorted(urutan, reverse=True) and urutan[0] == 3 and urutan[-1] == 1


def test_rincian_menggabungkan_alasan_yang_sama(temuan_contoh):
    t = temuan_contoh[temuan_contoh["jenis_cek"] == "tanpa_iki_atasan"]
    data = kq.sama_digabung(t)
    assert len(data) == t["kode_instansi"].nunique() and data["jumlah"].sum() == len(t)
    assert list(data["jumlah"]) == sorted(data["jumlah"], reverse=True)
