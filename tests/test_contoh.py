"""The synthetic Kabupaten Mamuju sample: deterministic, valid, and imperfect on purpose.

Each imperfection the reports and the indicator-quality checks rely on is checked concretely
here, on the data itself, so that a change to the generator that loses one fails loudly.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from capaian.contoh import CIRI, KATALOG, generate_sample, indikator_dengan_ciri, pegawai_minimum, write_sample
from capaian.contoh import TABEL_CONTOH
from capaian.dataset import ASPEK_PERILAKU
from capaian.kode import clean_nip, nip_problem, normalise_codes
from capaian.skema import SKEMA
from capaian.validasi import load_dataset

from conftest import CONTOH as BUNDLED
KPM_TERSALUR = "Jumlah KPM yang bantuan sosialnya tersalurkan"


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return generate_sample()


def angka(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s != ""), errors="raise")


# ---------------------------------------------------------------------------------------------
# Files: deterministic, bundled, contract-shaped


def test_two_writes_are_byte_identical(tmp_path):
    a = write_sample(tmp_path / "a")
    b = write_sample(tmp_path / "b")
    assert [p.name for p in a] == [f"{name}.csv" for name in TABEL_CONTOH]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_bundled_copy_equals_the_generator_output(tmp_path):
    written = write_sample(tmp_path / "contoh")
    assert sorted(p.name for p in BUNDLED.iterdir()) == sorted(p.name for p in written)
    for p in written:
        assert (BUNDLED / p.name).read_bytes() == p.read_bytes(), f"data/contoh/{p.name} is stale: regenerate it"


def declared_columns(name: str) -> list[str]:
    """The table's columns as its pandera model declares them, in contract order."""
    return list(SKEMA[name].to_schema().columns)


def header(path: Path) -> list[str]:
    return path.read_bytes().split(b"\n", 1)[0].decode().split(",")


def test_files_are_utf8_without_bom_comma_separated_lf_and_small():
    for name in TABEL_CONTOH:
        raw = (BUNDLED / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
        raw.decode("utf-8")
        assert len(raw) < 2_000_000, name


def test_written_and_bundled_headers_are_the_declared_columns(tmp_path):
    for path in write_sample(tmp_path / "contoh"):
        name = path.stem
        assert header(path) == declared_columns(name), f"generator: {name}"
        assert header(BUNDLED / path.name) == declared_columns(name), f"data/contoh/{path.name}"


def test_generated_tables_are_text_with_the_contract_columns(t):
    assert list(t) == list(TABEL_CONTOH)
    for name, df in t.items():
        assert list(df.columns) == declared_columns(name), name
        assert list(df.columns) == header(BUNDLED / f"{name}.csv"), name
        assert all(pd.api.types.is_string_dtype(df[c]) for c in df.columns)
        assert not df.isna().any().any()
    assert declared_columns("perilaku")[3:] == list(ASPEK_PERILAKU)


def test_the_bundled_copy_validates_without_problems():
    ds = load_dataset(BUNDLED)
    assert len(ds.pegawai) == 300


# ---------------------------------------------------------------------------------------------
# Instansi and pegawai


def test_instansi_of_kabupaten_mamuju(t):
    ins = t["instansi"]
    nama = set(ins["nama_instansi"])
    for wajib in (
        "Dinas Kesehatan",
        "Dinas Pendidikan dan Kebudayaan",
        "Dinas Sosial",
        "Badan Kepegawaian, Pendidikan dan Pelatihan",
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Kecamatan Kalukku",
        "Kecamatan Tapalang",
    ):
        assert wajib in nama
    assert {"BKPP", "BAPPERIDA", "BPKAD", "KEC-KALUKKU", "KEC-TAPALANG"} <= set(ins["kode_instansi"])
    assert len(ins) >= 8
    assert ins["kode_instansi"].str.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,31}").all()


def test_about_300_pegawai_with_valid_pns_and_pppk_nips(t):
    peg = t["pegawai"]
    assert len(peg) == 300
    assert peg["nip"].is_unique
    assert nip_problem(clean_nip(peg["nip"])).isna().all()
    pppk = peg["nip"].str[12] == "2"
    assert 30 <= pppk.sum() <= 120  # PPPK: guru, perawat, bidan, pengadministrasi
    assert (~pppk).sum() >= 150
    assert set(peg["nip"].str[14]) == {"1", "2"}


def _kedalaman(peg: pd.DataFrame) -> pd.Series:
    atasan = dict(zip(peg["nip"], peg["nip_atasan"]))

    def naik(nip):
        seen, k = set(), 0
        while atasan.get(nip):
            assert nip not in seen, "cycle in the atasan chain"
            seen.add(nip)
            nip, k = atasan[nip], k + 1
        return k

    return peg["nip"].map(naik)


def test_real_hierarchies(t):
    peg = t["pegawai"]
    punya = peg["nip_atasan"] != ""
    assert peg.loc[punya, "nip_atasan"].isin(peg["nip"]).all()
    assert (peg["nip_atasan"] != peg["nip"]).all()
    depth = _kedalaman(peg)
    assert depth.max() >= 3  # Sekda → kepala → kepala bidang → staf (and deeper)
    # Every kepala OPD reports to the Sekretaris Daerah, an atasan in another instansi.
    sekda = peg.loc[peg["jabatan"] == "Sekretaris Daerah", "nip"].item()
    kepala = peg[peg["jabatan"].str.startswith(("Kepala Dinas", "Kepala Badan", "Camat"))]
    assert len(kepala) == 8 and (kepala["nip_atasan"] == sekda).all()
    jabatan = set(peg["jabatan"])
    for j in (
        "Kepala Dinas Kesehatan",
        "Sekretaris",
        "Kepala Bidang Pelayanan Kesehatan",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        "Pranata Komputer Ahli Pertama",
        "Perawat Terampil",
        "Camat Kalukku",
        "Lurah Kalukku",
        "Kepala Seksi Pemerintahan",
    ):
        assert j in jabatan
    nama = " ".join(peg["nama"])
    for gelar in ("dr. ", "S.Kep.", "S.Pd.", "S.E.", "S.Sos.", "M.Si.", "Andi ", "Hj. "):
        assert gelar in nama


# ---------------------------------------------------------------------------------------------
# Indikator


def test_a_mix_of_codes_units_and_methods(t):
    ind = t["indikator"]
    assert set(ind["agregasi"]) == {"jumlah", "rata_rata", "terakhir"}
    assert set(ind["aspek"]) == {"kuantitas", "kualitas", "waktu", "biaya"}
    assert set(ind["metode"]) == {"data", "survei", "evaluasi", ""}
    assert {"orang", "dokumen", "%", "hari", "rupiah", "laporan", ""} <= set(ind["satuan"])
    assert (ind["tahun"] == "2025").all()
    assert ind["id_indikator"].is_unique
    # Codes typed as words by one analyst still read as codes.
    assert {"Utama", "tambahan"} <= set(ind["jenis_rhk"])
    assert normalise_codes(ind["jenis_rhk"], "jenis_rhk").notna().all()


def test_iki_read_like_each_opds_work(t):
    ind = t["indikator"].merge(t["pegawai"][["nip", "kode_instansi"]], on="nip")
    teks = ind.groupby("kode_instansi")["indikator"].agg(" | ".join)
    assert "imunisasi" in teks["DINKES"]
    assert "kelulusan" in teks["DISDIKBUD"]
    assert "bantuan sosial" in teks["DINSOS"] and "tersalurkan" in teks["DINSOS"]
    assert "dokumen perencanaan" in teks["BAPPERIDA"]
    assert "realisasi anggaran" in teks["BPKAD"]
    assert "administrasi kependudukan" in teks["KEC-KALUKKU"]


def test_lower_is_better_zero_and_range_targets(t):
    ind = t["indikator"]
    target, atas = angka(ind["target"]), angka(ind["target_atas"])
    turun = ind["arah"] == "turun"
    assert turun.sum() >= 20
    assert (target >= 0).all()
    assert ((target == 0) <= turun).all()  # 0 only where arah is turun
    assert set(ind.loc[target == 0, "indikator"]) >= {"Jumlah kematian ibu", "Jumlah temuan BPK atas LKPD yang belum ditindaklanjuti"}
    rentang = atas.notna()
    assert rentang.sum() >= 3 and (atas[rentang] >= target[rentang]).all()
    assert (turun & rentang & (target == 0)).any()  # deviasi 0–5%: a range starting at zero


def test_rhk_tambahan(t):
    ind = t["indikator"]
    tambahan = ind["jenis_rhk"].str.casefold() == "tambahan"
    assert 10 <= tambahan.sum() < len(ind) / 5
    assert (ind.loc[tambahan, "id_indikator_atasan"] == "").all()


def test_cascading_links_point_to_the_atasans_iki(t):
    ind, peg = t["indikator"], t["pegawai"]
    atasan = dict(zip(peg["nip"], peg["nip_atasan"]))
    pemilik = dict(zip(ind["id_indikator"], ind["nip"]))
    tahun = dict(zip(ind["id_indikator"], ind["tahun"]))
    link = ind[ind["id_indikator_atasan"] != ""]
    assert len(link) > len(ind) / 2
    assert len(link) < len(ind[ind["nip"].map(atasan) != ""])  # some links simply not filled in
    for _, r in link.iterrows():
        assert pemilik[r["id_indikator_atasan"]] == atasan[r["nip"]]
        assert tahun[r["id_indikator_atasan"]] == r["tahun"]
    # Kepala Dinas Kesehatan's IKI cascade from the Sekretaris Daerah's, across instansi.
    assert link.loc[link["id_indikator"].str.startswith("DINKES-"), "id_indikator_atasan"].str.startswith("SETDA-").any()


def test_bobot_all_or_none_per_pegawai(t):
    ind = t["indikator"]
    ada = ind["bobot"] != ""
    per_pegawai = ada.groupby(ind["nip"]).agg(["all", "any"])
    assert (per_pegawai["all"] == per_pegawai["any"]).all()
    berbobot = per_pegawai["all"].sum()
    assert 10 <= berbobot < len(per_pegawai) / 2
    assert (angka(ind.loc[ada, "bobot"]) > 0).all()


def test_poor_quality_iki_copied_across_many_staff(t):
    ind = t["indikator"]
    kabur = ind[ind["indikator"] == "Meningkatnya kualitas pelayanan"]
    assert kabur["nip"].nunique() >= 20
    assert (kabur["satuan"] == "").all() and (kabur["metode"] == "").all()
    real = t["realisasi"]
    assert (real.loc[real["id_indikator"].isin(kabur["id_indikator"]), "realisasi"] == "100").all()
    assert ind["indikator"].value_counts().iloc[0] >= 50  # one wording on many SKP


def test_every_ciri_names_catalogue_iki_present_in_the_sample(t):
    kunci = set(KATALOG["key"])
    for ciri, keys in CIRI.items():
        assert set(keys) <= kunci, ciri
        ids = indikator_dengan_ciri(t, ciri)
        assert ids and set(ids) <= set(t["indikator"]["id_indikator"]), ciri


# ---------------------------------------------------------------------------------------------
# Realisasi


def test_realisasi_rows_follow_the_contract(t):
    real = t["realisasi"]
    assert real["bulan"].str.fullmatch(r"2025-(0[1-9]|1[0-2])").all()
    assert not real.duplicated(["id_indikator", "bulan"]).any()
    assert real["id_indikator"].isin(t["indikator"]["id_indikator"]).all()
    assert (angka(real["realisasi"]) >= 0).all()
    assert real["realisasi"].str.fullmatch(r"\d+(\.\d{1,2})?").all()
    nip = real["nip"] != ""
    pemilik = dict(zip(t["indikator"]["id_indikator"], t["indikator"]["nip"]))
    assert (real.loc[nip, "id_indikator"].map(pemilik) == real.loc[nip, "nip"]).all()
    assert 0.5 < nip.mean() < 1  # some instansi export without the nip column filled


def test_missed_months(t):
    real, ind = t["realisasi"], t["indikator"]
    bulan = real.groupby("id_indikator")["bulan"].nunique().reindex(ind["id_indikator"], fill_value=0)
    assert (bulan == 0).sum() >= 3  # IKI never reported at all
    jumlah = ind.set_index("id_indikator")["agregasi"] == "jumlah"
    assert ((bulan > 0) & (bulan < 12) & jumlah).sum() >= 100  # monthly counts with gaps
    # Some pegawai stopped reporting after September: nothing at all in the latest triwulan.
    pemilik = real["id_indikator"].map(dict(zip(ind["id_indikator"], ind["nip"])))
    per_nip = real["bulan"].groupby(pemilik).max()
    assert (per_nip <= "2025-09").sum() >= 3


def test_late_early_and_missing_tanggal_lapor(t):
    real = t["realisasi"]
    ada = real["tanggal_lapor"] != ""
    assert 0.9 < ada.mean() < 1
    lapor = pd.to_datetime(real.loc[ada, "tanggal_lapor"], format="%Y-%m-%d")
    bulan_berikut = pd.to_datetime(real.loc[ada, "bulan"] + "-01") + pd.offsets.MonthBegin(1)
    hari = (lapor - bulan_berikut).dt.days
    assert ((hari >= 0) & (hari < 10)).mean() > 0.75  # mostly the first days of the next month
    assert (hari >= 30).sum() >= 50  # late
    assert (hari < 0).sum() >= 50  # reported before the month was over
    assert (lapor.dt.year == 2026).any()  # December, reported in January


def test_bukti_dukung_for_most_but_not_all(t):
    bukti = t["realisasi"]["bukti_dukung"]
    assert 0.8 < (bukti != "").mean() < 0.95
    assert bukti.str.startswith("https://").mean() > 0.6
    assert (bukti == "Terlampir").sum() > 0  # not a reference at all


def test_an_iki_everyone_sharing_it_overachieves(t):
    ind = t["indikator"][t["indikator"]["indikator"] == KPM_TERSALUR]
    assert ind["nip"].nunique() >= 10
    real = t["realisasi"].assign(nilai=lambda d: angka(d["realisasi"]))
    per = real[real["id_indikator"].isin(ind["id_indikator"])].groupby("id_indikator")["nilai"].agg(["sum", "count"])
    per = per.join(ind.set_index("id_indikator")["target"].pipe(angka))
    assert len(per) == len(ind)
    assert (per["sum"] >= 1.5 * per["target"] * per["count"] / 12).all()  # everyone far above target


def test_graduation_reported_from_june_and_surveys_once_a_quarter(t):
    real = t["realisasi"].merge(t["indikator"][["id_indikator", "indikator"]], on="id_indikator")
    lulus = real[real["indikator"].str.startswith("Persentase kelulusan")]
    assert len(lulus) and (lulus["bulan"] >= "2025-06").all()
    ikm = real[real["indikator"].str.startswith(("Nilai IKM", "Nilai Indeks Kepuasan"))]
    assert len(ikm) and ikm["bulan"].str[5:].isin(["03", "06", "09", "12"]).all()


# ---------------------------------------------------------------------------------------------
# Perilaku, umpan balik, target periodik, kinerja organisasi


def test_perilaku_scores_and_keys(t):
    per = t["perilaku"]
    skor = per[list(ASPEK_PERILAKU)].apply(angka)
    assert ((skor >= 1) & (skor <= 5)).all().all()
    assert (skor % 1 != 0).any().any()  # some raters use halves
    assert not per.duplicated(["nip", "bulan", "nip_penilai"]).any()
    assert per["nip"].isin(t["pegawai"]["nip"]).all()
    assert per.loc[per["nip_penilai"] != "", "nip_penilai"].isin(t["pegawai"]["nip"]).all()
    assert (per["nip_penilai"] == "").any()  # the Sekretaris Daerah, rated by the Bupati (no NIP)
    # Some pegawai get a colleague's rating besides their atasan's.
    assert per.groupby(["nip", "bulan"]).size().max() >= 2


def test_lenient_and_strict_raters(t):
    per = t["perilaku"]
    per = per[per["nip_penilai"] != ""]
    rata = per[list(ASPEK_PERILAKU)].apply(angka).mean(axis=1).groupby(per["nip_penilai"])
    dinilai = per.groupby("nip_penilai")["nip"].nunique()
    cukup = dinilai[dinilai >= 3].index
    rata = rata.mean()[cukup]
    assert rata.max() >= 4.4 and rata.min() <= 3.2


def test_some_pegawai_not_yet_assessed(t):
    per, peg = t["perilaku"], t["pegawai"]
    for bulan in (("2025-10", "2025-11", "2025-12"), ("2025-01", "2025-02", "2025-03")):
        dinilai = set(per.loc[per["bulan"].isin(bulan), "nip"])
        belum = set(peg["nip"]) - dinilai
        assert 3 <= len(belum) <= 40


def test_umpan_balik_rows_and_overrides(t):
    ub, ind, real, per = t["umpan_balik"], t["indikator"], t["realisasi"], t["perilaku"]
    assert not ub.duplicated(["nip", "periode"]).any()
    assert set(ub["periode"]) == {"2025-TW1", "2025-TW4", "2025"}
    assert {"Sesuai Ekspektasi", "Di Bawah Ekspektasi", "Di Atas Ekspektasi", "sesuai", ""} <= set(ub["rating_hasil_kerja"])
    for kolom in ("rating_hasil_kerja", "rating_perilaku"):
        isi = ub[kolom] != ""
        assert normalise_codes(ub.loc[isi, kolom], kolom).notna().all()
    assert (ub["catatan"] != "").mean() > 0.8
    tw4 = ub[ub["periode"] == "2025-TW4"]
    # Override of hasil kerja: no realisasi at all in October–December (computed: di bawah), yet
    # the atasan rates the work as expected.
    dilapor = set(real.loc[real["bulan"] >= "2025-10", "id_indikator"].map(dict(zip(ind["id_indikator"], ind["nip"]))))
    naik = tw4[~tw4["nip"].isin(dilapor) & (tw4["rating_hasil_kerja"] == "Sesuai Ekspektasi")]
    assert len(naik) >= 2
    # Override of perilaku: the scores in the triwulan average well above 4 (computed: di atas),
    # yet misconduct puts the final rating below expectation.
    p4 = per[per["bulan"] >= "2025-10"]
    rata = p4[list(ASPEK_PERILAKU)].apply(angka).mean(axis=1).groupby(p4["nip"]).mean()
    turun = tw4[(tw4["rating_perilaku"] == "Di Bawah Ekspektasi") & (tw4["nip"].map(rata) >= 4.0)]
    assert len(turun) >= 2 and turun["catatan"].str.contains("tanpa keterangan").all()
    # An objection decided by the atasan's own atasan.
    atasan = dict(zip(t["pegawai"]["nip"], t["pegawai"]["nip_atasan"]))
    banding = ub[(ub["nip_penilai"] != ub["nip"].map(atasan)) & (ub["nip_penilai"] != "")]
    assert len(banding) >= 1 and banding["nip_penilai"].isin(t["pegawai"]["nip"]).all()
    # The Sekretaris Daerah's yearly feedback comes from the Bupati, who has no NIP.
    assert (ub.loc[ub["nip_penilai"] == "", "periode"] == "2025").all() and (ub["nip_penilai"] == "").sum() == 1


def test_target_periodik(t):
    tp, ind = t["target_periodik"], t["indikator"].set_index("id_indikator")
    assert not tp.duplicated(["id_indikator", "periode"]).any()
    assert tp["periode"].str.fullmatch(r"2025(-(TW[1-4]|S[12]|0[1-9]|1[0-2]))?").all()
    assert {"2025-TW1", "2025-TW4", "2025-S1", "2025-12"} <= set(tp["periode"])
    target = angka(tp["target"])
    assert ((target == 0) <= (tp["id_indikator"].map(ind["arah"]) == "turun")).all()
    atas = angka(tp["target_atas"])
    assert atas.notna().any() and (atas[atas.notna()] >= target[atas.notna()]).all()
    # Realisasi anggaran is cumulative: the TW1 target is a fraction of the year's.
    anggaran = tp[tp["id_indikator"].map(ind["indikator"]) == "Persentase realisasi anggaran perangkat daerah"]
    tw1 = anggaran[anggaran["periode"] == "2025-TW1"]
    assert len(tw1) and (angka(tw1["target"]) < 0.3 * angka(tw1["id_indikator"].map(ind["target"]))).all()


def test_kinerja_organisasi(t):
    ko = t["kinerja_organisasi"]
    assert not ko.duplicated(["kode_instansi", "periode"]).any()
    assert ko["kode_instansi"].isin(t["instansi"]["kode_instansi"]).all()
    assert {"2025-TW1", "2025-TW4", "2025"} <= set(ko["periode"])
    assert ko.loc[ko["periode"] == "2025-TW4", "kode_instansi"].nunique() >= 5
    assert normalise_codes(ko["predikat_organisasi"], "predikat_organisasi").notna().all()
    assert {"Istimewa", "Baik", "butuh_perbaikan", "Kurang"} <= set(ko["predikat_organisasi"])


# ---------------------------------------------------------------------------------------------
# Scale


@pytest.mark.lambat
def test_scaling_keeps_the_shape():
    t = generate_sample(6000)
    peg, ins = t["pegawai"], t["instansi"]
    assert len(peg) == 6000 and peg["nip"].is_unique
    assert nip_problem(clean_nip(peg["nip"])).isna().all()
    assert len(ins) >= 40 and peg["kode_instansi"].value_counts().max() < 1000
    assert ins["kode_instansi"].str.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,31}").all()
    assert ins["kode_instansi"].str.casefold().is_unique
    assert 4 <= len(t["indikator"]) / len(peg) <= 6
    assert not t["realisasi"].duplicated(["id_indikator", "bulan"]).any()
    assert _kedalaman(peg).max() >= 4
    assert set(peg["kode_instansi"]) <= set(ins["kode_instansi"])


def test_too_few_pegawai_is_refused():
    with pytest.raises(ValueError, match=re.escape(str(pegawai_minimum()))):
        generate_sample(pegawai_minimum() - 1)
    assert len(generate_sample(pegawai_minimum())["pegawai"]) == pegawai_minimum()


def test_another_seed_gives_other_data():
    a, b = generate_sample(seed=2025), generate_sample(seed=7)
    assert not a["pegawai"]["nip"].equals(b["pegawai"]["nip"])
    assert np.array_equal(a["instansi"].to_numpy(), b["instansi"].to_numpy())
