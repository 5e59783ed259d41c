"""Partitioned data and the Dask path (docs/skala.md): the layout and Parquet are read, the
partitioned sample is deterministic, and every score and every problem of the Dask path equal the
local path's exactly (a LocalCluster started inside the test)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from capaian.contoh import generate_sample
from capaian.masalah import Masalah
from capaian.nilai import score_period
from capaian.partisi import adalah_partisi, tulis_contoh_partisi, tulis_tabel_partisi
from capaian.validasi import load_dataset, validate_folder
from conftest import CONTOH

PERIODE = "2025-TW4"


@pytest.fixture(scope="module")
def folder_partisi(tmp_path_factory):
    """The bundled sample (data/contoh) split into one kode_instansi=KODE/ folder per instansi."""
    folder = tmp_path_factory.mktemp("partisi") / "data"
    tulis_tabel_partisi(generate_sample(), folder)
    return folder


def test_parquet_dibaca_seperti_csv(tmp_path):
    shutil.copytree(CONTOH, tmp_path / "data")
    realisasi = pd.read_csv(CONTOH / "realisasi.csv", dtype=str, keep_default_na=False)
    realisasi["realisasi"] = pd.to_numeric(realisasi["realisasi"])  # a number column stored as numbers
    realisasi.to_parquet(tmp_path / "data" / "realisasi.parquet", index=False)
    (tmp_path / "data" / "realisasi.csv").unlink()
    ds = load_dataset(tmp_path / "data")
    asli = load_dataset(CONTOH)
    pd.testing.assert_frame_equal(ds.realisasi, asli.realisasi)


def test_parquet_dan_csv_untuk_satu_tabel_ditolak(tmp_path):
    shutil.copytree(CONTOH, tmp_path / "data")
    pd.read_csv(CONTOH / "pegawai.csv", dtype=str).to_parquet(tmp_path / "data" / "pegawai.parquet", index=False)
    _, masalah = validate_folder(tmp_path / "data")
    assert {m.file for m in masalah if "lebih dari satu sumber" in m.pesan} == {"pegawai.csv", "pegawai.parquet"}


@pytest.mark.lambat
def test_partisi_dikenali_dan_sah(folder_partisi):
    assert adalah_partisi(folder_partisi) and not adalah_partisi(CONTOH)
    assert (folder_partisi / "kode_instansi=SETDA" / "pegawai.csv").exists()
    assert validate_folder(folder_partisi)[1] == []


@pytest.mark.lambat
def test_nilai_jalur_lokal_terpartisi_sama_dengan_folder_datar(folder_partisi):
    datar = score_period(load_dataset(CONTOH), PERIODE)
    partisi = score_period(load_dataset(folder_partisi), PERIODE)
    for nama in ("pegawai", "indikator", "distribusi"):
        pd.testing.assert_frame_equal(getattr(partisi, nama), getattr(datar, nama), check_exact=True)


def _tanam_galat(folder):
    """A NIP used in two partitions, and an atasan NIP that exists nowhere."""
    setda = folder / "kode_instansi=SETDA" / "pegawai.csv"
    dinkes = folder / "kode_instansi=DINKES" / "pegawai.csv"
    nip_setda = pd.read_csv(setda, dtype=str)["nip"].iloc[3]
    baris = dinkes.read_text(encoding="utf-8").split("\n")
    nip_dinkes = baris[5].split(",")[0]
    baris[5] = baris[5].replace(nip_dinkes, nip_setda, 1)
    baris[6] = baris[6].rsplit(",", 2)[0] + ",199001012020011999," + baris[6].rsplit(",", 1)[1]
    dinkes.write_text("\n".join(baris), encoding="utf-8")
    return nip_setda


@pytest.mark.lambat
def test_galat_lintas_partisi_menyebut_berkas_dan_baris(folder_partisi, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(folder_partisi, folder)
    nip = _tanam_galat(folder)
    _, masalah = validate_folder(folder)
    letak = {(m.file, m.baris, m.kolom) for m in masalah}
    # Partitions in code order: DINKES comes before SETDA, so SETDA's row is the repeat.
    assert ("kode_instansi=SETDA/pegawai.csv", 5, "nip") in letak
    (dup,) = [m for m in masalah if m.kolom == "nip" and "sudah dipakai" in m.pesan]
    assert dup.pesan == f"nip '{nip}' sudah dipakai di kode_instansi=DINKES/pegawai.csv baris 6; harus unik"
    assert any(m.file == "kode_instansi=DINKES/pegawai.csv" and m.baris == 7 and m.kolom == "nip_atasan" and "tidak ada" in m.pesan for m in masalah)


@pytest.mark.lambat
def test_contoh_partisi_deterministik_berapa_pun_prosesnya(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    tulis_contoh_partisi(a, pegawai=200, pemda=2, benih=7, proses=1)
    tulis_contoh_partisi(b, pegawai=200, pemda=2, benih=7, proses=2)
    berkas_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert berkas_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert any(str(p).startswith("kode_instansi=P002-") for p in berkas_a)
    for p in berkas_a:
        assert (a / p).read_bytes() == (b / p).read_bytes(), p
    assert validate_folder(a)[1] == []


@pytest.mark.lambat
def test_jalur_dask_sama_dengan_jalur_lokal(folder_partisi, tmp_path):
    """Every score and every problem through a LocalCluster equal the local path's exactly."""
    pytest.importorskip("distributed")
    from capaian.galat import DataError
    from capaian.kode import parse_periode
    from capaian.partisi import periksa_semua
    from capaian.pengaturan import load_metodologi
    from capaian.skala import klien, nilai_dask, peta_dask

    rusak = tmp_path / "rusak"
    shutil.copytree(folder_partisi, rusak)
    _tanam_galat(rusak)
    p, m = parse_periode(PERIODE), load_metodologi()
    with klien("lokal", workers=2, memori="1GiB") as c:
        masalah_dask = periksa_semua(rusak, peta_dask(c))[2]
    masalah_lokal = validate_folder(rusak)[1]
    assert masalah_dask == masalah_lokal and any("sudah dipakai di kode_instansi=DINKES" in x.pesan for x in masalah_dask)

    hasil, ditulis = nilai_dask(folder_partisi, p, m, tmp_path / "keluaran" / PERIODE, "lokal", workers=2, memori="1GiB")
    datar = score_period(load_dataset(CONTOH), p, m)
    for nama in ("pegawai", "indikator", "distribusi"):
        pd.testing.assert_frame_equal(getattr(hasil, nama), getattr(datar, nama), check_exact=True)
    assert (tmp_path / "keluaran" / PERIODE / "partisi" / "kode_instansi=SETDA" / "nilai_pegawai.parquet").exists()
    from capaian.nilai import write_scores

    write_scores(datar, tmp_path / "datar")
    for f in ("nilai_pegawai.csv", "nilai_indikator.csv"):
        assert (tmp_path / "keluaran" / PERIODE / f).read_bytes() == (tmp_path / "datar" / f).read_bytes()
    with pytest.raises(DataError):
        nilai_dask(rusak, p, m, tmp_path / "rusak-keluaran" / PERIODE, "lokal", workers=1, memori="1GiB")
    assert not (tmp_path / "rusak-keluaran" / PERIODE / "partisi").exists()


def _satu_per_satu(folder):
    from capaian.partisi import baca_instansi, bangun_rujukan, daftar_partisi, indeks_partisi, periksa_partisi

    partisi = daftar_partisi(folder)
    instansi, _ = baca_instansi(folder)
    rujukan, _ = bangun_rujukan([indeks_partisi(p, k) for k, p in partisi])
    return partisi, instansi, rujukan, [periksa_partisi(p, k, instansi, rujukan, kumpulkan=True) for k, p in partisi]


@pytest.mark.lambat
def test_kelompok_sama_dengan_satu_partisi_per_kali(folder_partisi, monkeypatch):
    """A group of partitions validated together (one validate_raws call) gives each partition
    the index, problems and data set it gets alone."""
    import capaian.validasi
    from capaian.partisi import indeks_kelompok, indeks_partisi, periksa_kelompok

    partisi, instansi, rujukan, sendiri = _satu_per_satu(folder_partisi)
    anggota = [(p, k) for k, p in partisi]
    for a, b in zip(indeks_kelompok(anggota), [indeks_partisi(p, k) for p, k in anggota]):
        for x, y in zip(a, b):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
    panggilan = []
    asli = capaian.validasi.validate_raws
    monkeypatch.setattr(capaian.validasi, "validate_raws", lambda *a, **k: panggilan.append(1) or asli(*a, **k))
    bersama = periksa_kelompok(anggota, instansi, rujukan, kumpulkan=True)
    assert len(panggilan) == 1  # the whole group in one call
    assert [h.kode for h in bersama] == [h.kode for h in sendiri] and len(bersama) > 5
    for a, b in zip(bersama, sendiri):
        assert a.masalah == b.masalah == [] and a.baris == b.baris and a.dataset.sumber == b.dataset.sumber
        for t in ("instansi", "pegawai", "indikator", "realisasi", "perilaku", "umpan_balik", "target_periodik", "kinerja_organisasi"):
            pd.testing.assert_frame_equal(a.dataset.table(t), b.dataset.table(t), check_exact=True)


@pytest.mark.lambat
def test_kelompok_rujukan_ke_partisi_lain_diperiksa_sendiri_sendiri(folder_partisi, tmp_path):
    """An IKI filed in another partition than its pegawai's passes as a group (the pegawai is in
    the group) but not alone: the group falls back to one partition at a time, same messages."""
    from capaian.partisi import periksa_kelompok

    folder = tmp_path / "data"
    shutil.copytree(folder_partisi, folder)
    dinkes, setda = folder / "kode_instansi=DINKES" / "indikator.csv", folder / "kode_instansi=SETDA" / "indikator.csv"
    baris = dinkes.read_text(encoding="utf-8").splitlines(keepends=True)
    dinkes.write_text("".join(baris[:1] + baris[2:]), encoding="utf-8")
    with setda.open("a", encoding="utf-8") as f:
        f.write(baris[1])
    partisi, instansi, rujukan, sendiri = _satu_per_satu(folder)
    bersama = periksa_kelompok([(p, k) for k, p in partisi], instansi, rujukan)
    assert [h.masalah for h in bersama] == [h.masalah for h in sendiri]
    pesan = [m.pesan for h in bersama for m in h.masalah]
    assert any("tidak ada di tabel pegawai" in x for x in pesan) and any("tidak ada di tabel indikator" in x for x in pesan)


def _laporan(data, keluaran, instansi, **kw):
    import json

    from capaian.laporan import render_laporan

    hasil = render_laporan(data, PERIODE, keluaran=keluaran, instansi=instansi, workers=2, progress=False, halaman=False, **kw)
    assert hasil.exit_status == 0, hasil.ringkasan()
    folder = keluaran / PERIODE
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    angka = {e["kode_instansi"]: e["angka"] for e in manifest["laporan"]}
    csv = {f: (folder / f).read_bytes() for f in ("nilai_pegawai.csv", "nilai_indikator.csv")}
    return angka, csv, folder


@pytest.mark.lambat
def test_laporan_terpartisi_lokal_dan_dask_sama_dengan_folder_datar(folder_partisi, folder_contoh, tmp_path):
    """A report of the partitioned sample (row numbers repeat across partitions) has the flat
    sample's numbers; through a LocalCluster (every report a task, data validated on workers)
    the same again, and no attempt folder or work area is left."""
    pytest.importorskip("distributed")
    from capaian.skala import klien, muat_dask, penerbit_dask

    dipilih = ["DINKES", "SETDA"]
    datar = _laporan(folder_contoh, tmp_path / "datar", dipilih)
    lokal = _laporan(folder_partisi, tmp_path / "lokal", dipilih)
    assert lokal[0] == datar[0] and set(lokal[0]) == set(dipilih) and lokal[1] == datar[1]
    with klien("lokal", workers=2, memori="2GiB") as c:
        dask = _laporan(folder_partisi, tmp_path / "dask", dipilih, penerbit=penerbit_dask(c), muat=muat_dask(c))
    assert dask[0] == datar[0] and dask[1] == datar[1]
    for kode in dipilih:
        assert (dask[2] / kode / "laporan.html").is_file()
    assert not [p for p in dask[2].rglob(".*")]  # no .percobaan-*/ nor .kerja/ left


def bunuh_pekerja(job, pengaturan, kerja):
    """A report task that kills its Dask worker every time (test of PenerbitDask)."""
    import os

    os._exit(1)


@pytest.mark.lambat
def test_laporan_dask_pekerja_mati_gagal_tanpa_berkas(tmp_path):
    """A report whose worker dies (twice: once more on another worker) fails the strict way:
    status gagal with the reason, no laporan.html."""
    pytest.importorskip("distributed")
    import sys

    import cloudpickle

    from capaian.runner import Job
    from capaian.skala import PenerbitDask, klien

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    html = tmp_path / "MATI" / "laporan.html"
    html.parent.mkdir()
    html.write_text("sisa lama", encoding="utf-8")
    job = Job(notebook=tmp_path / "x.ipynb", parameters={}, ipynb=tmp_path / "MATI" / "laporan.ipynb", html=html, judul="mati")
    with klien("lokal", workers=2, memori="1GiB") as c:
        with PenerbitDask(c, (), kerja=tmp_path, fungsi=bunuh_pekerja) as penerbit:
            (h,) = penerbit.run([job])
    assert h.status == "gagal" and "mati" in h.pesan and not html.exists()


@pytest.mark.lambat
def test_iki_atasan_lintas_partisi_dengan_potongan_indeks(folder_partisi, tmp_path):
    """Each group gets only the IKI its id_indikator_atasan refer to: an atasan IKI in another
    partition that does not exist, or is not the atasan's, is reported as with the whole index."""
    from capaian.partisi import iki_per_kelompok, indeks_partisi

    folder = tmp_path / "data"
    shutil.copytree(folder_partisi, folder)
    setda = pd.read_csv(folder / "kode_instansi=SETDA" / "indikator.csv", dtype=str, keep_default_na=False)
    berkas = folder / "kode_instansi=DINKES" / "indikator.csv"
    dinkes = pd.read_csv(berkas, dtype=str, keep_default_na=False)
    ada = dinkes.index[dinkes["id_indikator_atasan"] != ""]
    dinkes.loc[ada[0], "id_indikator_atasan"] = "TIDAK-ADA-99"
    dinkes.loc[ada[1], "id_indikator_atasan"] = setda["id_indikator"].iloc[-1]  # a SETDA IKI, not this pegawai's atasan's
    dinkes.to_csv(berkas, index=False)
    partisi, _, rujukan, sendiri = _satu_per_satu(folder)
    diharapkan = {(m.file, m.baris, m.pesan) for h in sendiri for m in h.masalah if m.kolom == "id_indikator_atasan"}
    assert {(f"kode_instansi=DINKES/indikator.csv", int(ada[0]) + 2), (f"kode_instansi=DINKES/indikator.csv", int(ada[1]) + 2)} <= {d[:2] for d in diharapkan}
    _, masalah = validate_folder(folder)
    assert {(m.file, m.baris, m.pesan) for m in masalah if m.kolom == "id_indikator_atasan"} == diharapkan
    potongan = iki_per_kelompok(rujukan.iki, [indeks_partisi(p, k) for k, p in partisi], [1] * len(partisi))
    assert sum(len(x) for x in potongan) < len(rujukan.iki)  # really a slice
