"""Deterministic synthetic sample data: Kabupaten Mamuju (Sulawesi Barat), tahun 2025.

    tables = generate_sample()                 # eight DataFrames of text, as the CSV files hold
    write_sample("data/contoh")                # eight NAME.csv files, byte-identical every run

The data set feels like a real kabupaten: a Sekretariat Daerah, dinas and badan, and kecamatan,
each with kepala → kepala bidang / sub bagian → staf, PNS and PPPK NIPs, a full year of monthly
realisasi, BerAKHLAK perilaku, the atasan's umpan balik and a few organisation predikat. It also
carries the imperfections real data has, on purpose (see `CIRI` for which IKI carries which):
missed months, late reports, an IKI whose target is far too low, lower-is-better IKI, range and
zero targets, RHK tambahan, cascading links, lenient and strict raters, atasan overrides, and
badly worded IKI copied across many staff.

Determinism: every random draw comes from numpy's `default_rng` seeded with the `seed` and a
fixed stage number, and uses only integer draws and uniform doubles combined by arithmetic (no
platform `exp`/`log`), so the same seed writes the same bytes on every machine. Nothing depends
on dict or set ordering, the clock or the environment.

Scale: `pegawai=N` keeps the same shape. Beyond 300, the nine core instansi grow with √N and the
rest of the pegawai go into extra numbered units (UPTD Puskesmas, SMP Negeri, more kecamatan),
so 100.000 pegawai are spread over about 1.500 instansi. Every per-row table (indikator,
realisasi, perilaku) is built with numpy over all rows at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from capaian.dataset import ASPEK_PERILAKU, TABLES
from capaian.runner import folder_kerja

# The tables the sample writes: every table of the contract except the decided ratings of a
# "data putusan" folder (`rating_putusan`, `status_skp`), which come from an import.
TABEL_CONTOH = tuple(t for t in TABLES if t not in ("rating_putusan", "status_skp"))

TAHUN = 2025
PEGAWAI_BAWAAN = 300

# Which IKI (by catalogue key, see _KATALOG) carry which deliberate imperfection. Tests and the
# indicator-quality report can rely on these; `indikator_dengan_ciri` maps them to id_indikator.
CIRI = {
    "target_terlalu_rendah": ("linjam.staf.salur",),  # everyone sharing it reaches ~2× the target
    "arah_turun": (
        "hukum.harmonisasi", "pbj.waktu", "pbj.staf.waktu", "dinkes.aki", "dinkes.stunting",
        "kesmas.gizi", "p2p.dbd", "yankes.rujukan", "pkm.staf.waktu", "disdik.aps", "smp.putus",
        "rehsos.waktu", "mutasi.waktu", "mutasi.staf.waktu", "keu.spj", "perben.waktu",
        "perben.staf.waktu", "kpem.waktu", "bpkad.temuan", "kec.trantib", "renev.deviasi",
    ),
    "target_nol": ("dinkes.aki", "bpkad.temuan", "kec.trantib", "renev.deviasi"),
    "target_rentang": ("org.ikm", "pkm.ikm", "kec.paten", "renev.deviasi"),
    "tanpa_satuan": ("staf.mutu", "staf.prima", "guru.mutu"),  # plus ~1% of others, left out at random
    "rumusan_kabur": ("staf.mutu", "staf.prima", "guru.mutu"),
    "rumusan_disalin": ("staf.mutu", "staf.prima", "staf.tugas", "guru.mutu"),
    "realisasi_selalu_100": ("staf.mutu", "staf.prima", "staf.tugas", "guru.mutu"),
    "realisasi_semesteran": ("kepala.sakip", "sekda.sakip", "sekda.rb"),  # only June and December
    "realisasi_mulai_juni": ("disdik.lulus", "sd.lulus", "smp.lulus", "sekolah.lulus"),
    "realisasi_triwulanan": ("org.ikm", "pkm.ikm", "kec.paten"),  # survey months 3, 6, 9, 12
    "kumulatif_dengan_target_periodik": (
        "sekda.apbd", "kepala.anggaran", "sek.anggaran", "pimpinan.anggaran", "kesmas.idl",
        "pkm.idl", "bkpp.kompetensi", "lurah.pbb",
    ),
}

# ---------------------------------------------------------------------------------------------
# The IKI catalogue. One line per IKI template:
# key | rencana_hasil_kerja | indikator | aspek | satuan | target | arah | agregasi | metode |
#     profil | induk | musim
# target: "95" fixed, "90:97" whole numbers, "64:70:0.5" in steps, "76.61~88.30" a range.
# profil: how monthly realisasi behave (see _realisasi_matriks). induk: the atasan's IKI this one
# intervenes in (cascading). musim: seasonal shape of a monthly count.
_KATALOG = """
sekda.sakip | Meningkatnya akuntabilitas kinerja Pemerintah Kabupaten Mamuju | Nilai SAKIP Pemerintah Kabupaten Mamuju | kualitas | nilai | 64:70:0.5 | naik | terakhir | evaluasi | semester | |
sekda.apbd | Terkendalinya pelaksanaan APBD Kabupaten Mamuju | Persentase realisasi belanja APBD Kabupaten Mamuju | biaya | % | 93:96 | naik | terakhir | data | kumulatif | |
sekda.rb | Meningkatnya kualitas reformasi birokrasi | Indeks Reformasi Birokrasi Kabupaten Mamuju | kualitas | indeks | 60:66:0.5 | naik | terakhir | evaluasi | semester | |
sekda.spm | Meningkatnya capaian standar pelayanan minimal | Persentase capaian SPM Kabupaten Mamuju | kualitas | % | 85:92 | naik | rata_rata | evaluasi | persen | |
as1.koord | Terkoordinasinya penyelenggaraan pemerintahan dan kesejahteraan rakyat | Persentase rekomendasi kebijakan bidang pemerintahan dan kesra yang ditindaklanjuti perangkat daerah | kualitas | % | 80:90 | naik | rata_rata | evaluasi | persen | sekda.spm |
as1.rakor | Terlaksananya koordinasi lintas perangkat daerah bidang pemerintahan dan kesra | Jumlah rapat koordinasi bidang pemerintahan dan kesra yang dilaksanakan | kuantitas | kegiatan | 12:18 | naik | jumlah | data | hitung | sekda.spm |
as2.pbj | Terkendalinya pelaksanaan pembangunan daerah | Persentase paket pengadaan barang/jasa yang terealisasi sesuai jadwal | waktu | % | 85:95 | naik | rata_rata | data | persen | sekda.apbd |
as2.rakor | Terlaksananya koordinasi lintas perangkat daerah bidang perekonomian dan pembangunan | Jumlah rapat koordinasi bidang perekonomian dan pembangunan yang dilaksanakan | kuantitas | kegiatan | 12:18 | naik | jumlah | data | hitung | sekda.apbd |
as3.rb | Meningkatnya tata kelola administrasi umum | Persentase rekomendasi evaluasi reformasi birokrasi yang ditindaklanjuti | kualitas | % | 75:90 | naik | rata_rata | evaluasi | persen | sekda.rb |
as3.sakip | Terdampinginya perangkat daerah dalam akuntabilitas kinerja | Jumlah perangkat daerah yang didampingi penyusunan dokumen SAKIP | kuantitas | perangkat daerah | 20:28 | naik | jumlah | data | hitung | sekda.sakip |
tapem.lppd | Tersusunnya laporan penyelenggaraan pemerintahan daerah | Jumlah dokumen LPPD dan LKPJ yang disampaikan tepat waktu | waktu | dokumen | 2 | naik | jumlah | data | dokumen | as1.koord |
tapem.desa | Terbinanya penyelenggaraan pemerintahan desa | Persentase desa yang menyampaikan laporan penyelenggaraan pemerintahan desa | kuantitas | % | 85:95 | naik | rata_rata | data | persen | as1.koord |
tapem.staf.desa | Terverifikasinya laporan pemerintahan desa | Jumlah laporan penyelenggaraan pemerintahan desa yang diverifikasi | kuantitas | laporan | 60:120 | naik | jumlah | data | hitung | tapem.desa |
tapem.staf.batas | Terfasilitasinya penegasan batas desa | Jumlah segmen batas desa yang difasilitasi penegasannya | kuantitas | segmen | 6:12 | naik | jumlah | data | hitung | tapem.lppd |
hukum.produk | Tersedianya produk hukum daerah | Jumlah produk hukum daerah yang diundangkan | kuantitas | dokumen | 30:45 | naik | jumlah | data | hitung | as1.koord |
hukum.harmonisasi | Terlaksananya harmonisasi rancangan peraturan bupati | Rata-rata waktu harmonisasi rancangan peraturan bupati | waktu | hari | 7:10 | turun | rata_rata | data | waktu | as1.koord |
hukum.staf.kaji | Terkajinya rancangan produk hukum daerah | Jumlah rancangan produk hukum yang dikaji | kuantitas | dokumen | 20:40 | naik | jumlah | data | hitung | hukum.produk |
hukum.staf.jdih | Terpublikasinya produk hukum daerah | Jumlah produk hukum yang diunggah ke JDIH Kabupaten Mamuju | kuantitas | dokumen | 20:40 | naik | jumlah | data | hitung | hukum.produk |
pbj.tender | Terlaksananya pengadaan barang/jasa pemerintah | Jumlah paket tender yang selesai diproses | kuantitas | paket | 60:90 | naik | jumlah | data | hitung | as2.pbj | awal
pbj.waktu | Terlaksananya pengadaan barang/jasa pemerintah tepat waktu | Rata-rata waktu proses tender sampai penetapan pemenang | waktu | hari | 25:35 | turun | rata_rata | data | waktu | as2.pbj |
pbj.staf.evaluasi | Terevaluasinya dokumen penawaran | Jumlah paket pengadaan yang dievaluasi | kuantitas | paket | 20:40 | naik | jumlah | data | hitung | pbj.tender | awal
pbj.staf.waktu | Terevaluasinya dokumen penawaran tepat waktu | Rata-rata waktu evaluasi dokumen penawaran | waktu | hari | 5:7 | turun | rata_rata | data | waktu | pbj.waktu |
ekon.harga | Tersedianya informasi perkembangan perekonomian daerah | Jumlah laporan perkembangan harga bahan pokok yang disusun | kuantitas | laporan | 12 | naik | jumlah | data | dokumen | as2.rakor |
ekon.bumd | Terevaluasinya kinerja BUMD | Persentase BUMD yang dievaluasi kinerjanya | kualitas | % | 100 | naik | terakhir | evaluasi | persen | as2.pbj |
ekon.staf.harga | Terhimpunnya data harga bahan pokok | Jumlah data harga bahan pokok yang dihimpun dari pasar | kuantitas | data | 48:96 | naik | jumlah | data | hitung | ekon.harga |
umum.rt | Terpenuhinya pelayanan rumah tangga dan keprotokolan pimpinan | Persentase kegiatan pimpinan yang terlayani sesuai jadwal | waktu | % | 95:100 | naik | rata_rata | data | persen | as3.rb |
org.sop | Tertatanya kelembagaan dan tata laksana perangkat daerah | Jumlah SOP perangkat daerah yang dievaluasi | kuantitas | dokumen | 20:30 | naik | jumlah | evaluasi | hitung | as3.rb |
org.ikm | Meningkatnya kualitas pelayanan publik perangkat daerah | Nilai Indeks Kepuasan Masyarakat atas pelayanan perangkat daerah | kualitas | indeks | 76.61~88.30 | naik | terakhir | survei | indeks | as3.rb |
org.staf.anjab | Tersusunnya analisis jabatan dan beban kerja | Jumlah dokumen analisis jabatan yang diverifikasi | kuantitas | dokumen | 30:60 | naik | jumlah | data | hitung | org.sop |
staf.laporan | Tersusunnya laporan pelaksanaan tugas | Jumlah laporan bulanan pelaksanaan tugas yang disusun | kuantitas | laporan | 12 | naik | jumlah | data | dokumen | |
staf.surat | Terlaksananya administrasi persuratan | Jumlah surat masuk dan keluar yang diagendakan | kuantitas | surat | 360:900 | naik | jumlah | data | hitung | |
staf.tugas | Terlaksananya tugas kedinasan yang diberikan pimpinan | Persentase tugas dari pimpinan yang diselesaikan | kuantitas | % | 100 | naik | rata_rata | data | tetap | |
staf.mutu | Meningkatnya kualitas pelayanan | Meningkatnya kualitas pelayanan | kualitas |  | 100 | naik | rata_rata |  | tetap | |
staf.prima | Terwujudnya pelayanan prima | Terwujudnya pelayanan yang cepat, tepat dan akurat | waktu |  | 100 | naik | rata_rata |  | tetap | |
pimpinan.anggaran | Terlaksananya sub kegiatan unit kerja sesuai rencana | Persentase realisasi anggaran sub kegiatan unit kerja | biaya | % | 90:97 | naik | terakhir | data | kumulatif | kepala.anggaran |
pimpinan.laporan | Tersusunnya laporan capaian kinerja unit kerja | Jumlah laporan capaian kinerja unit kerja yang disampaikan tepat waktu | waktu | laporan | 12 | naik | jumlah | data | dokumen | kepala.sakip |
tambahan.dtsen | Melaksanakan tugas tambahan sebagai petugas pemutakhiran DTSEN | Jumlah data keluarga yang dimutakhirkan dalam DTSEN | kuantitas | keluarga | 60:200 | naik | jumlah | data | hitung | |
tambahan.narsum | Melaksanakan tugas tambahan sebagai narasumber | Jumlah kegiatan peningkatan kapasitas yang diisi sebagai narasumber | kuantitas | kegiatan | 3:8 | naik | jumlah | data | hitung | |
tambahan.pansel | Melaksanakan tugas tambahan sebagai panitia seleksi PPPK Tahun 2025 | Jumlah tahapan seleksi PPPK yang terlaksana sesuai jadwal | waktu | tahapan | 4:6 | naik | jumlah | data | hitung | |
tambahan.stunting | Melaksanakan tugas tambahan dalam Tim Percepatan Penurunan Stunting | Jumlah kunjungan pendampingan keluarga berisiko stunting | kuantitas | kunjungan | 12:24 | naik | jumlah | data | hitung | |
tambahan.mtq | Melaksanakan tugas tambahan sebagai panitia MTQ tingkat kabupaten | Persentase tahapan kegiatan MTQ yang terlaksana sesuai jadwal | waktu | % | 100 | naik | rata_rata | data | persen | |
kepala.anggaran | Terkelolanya anggaran perangkat daerah secara efektif | Persentase realisasi anggaran perangkat daerah | biaya | % | 93:97 | naik | terakhir | data | kumulatif | sekda.apbd |
kepala.sakip | Meningkatnya akuntabilitas kinerja perangkat daerah | Nilai SAKIP perangkat daerah | kualitas | nilai | 60:75:0.5 | naik | terakhir | evaluasi | semester | sekda.sakip |
sek.anggaran | Terkelolanya keuangan perangkat daerah secara akuntabel | Persentase realisasi anggaran belanja sekretariat dan bidang | biaya | % | 92:97 | naik | terakhir | data | kumulatif | kepala.anggaran |
sek.dokumen | Tersusunnya dokumen perencanaan dan pelaporan kinerja perangkat daerah | Jumlah dokumen perencanaan dan pelaporan (Renja, RKA, LKjIP, laporan keuangan) yang disusun tepat waktu | waktu | dokumen | 4 | naik | jumlah | data | dokumen | kepala.sakip |
sek.bmd | Tertibnya pengelolaan barang milik daerah | Persentase barang milik daerah yang tercatat dan terinventarisasi | kualitas | % | 90:100 | naik | rata_rata | evaluasi | persen | kepala.anggaran |
umpeg.layanan | Terselenggaranya layanan administrasi umum dan kepegawaian | Persentase usulan layanan kepegawaian yang diproses tepat waktu | waktu | % | 90:100 | naik | rata_rata | data | persen | sek.dokumen |
umpeg.skp | Terdokumentasinya kinerja pegawai | Persentase pegawai yang menyampaikan SKP dan realisasi bulanan tepat waktu | waktu | % | 90:100 | naik | rata_rata | data | persen | sek.dokumen |
umpeg.arsip | Tertatanya arsip dinamis perangkat daerah | Jumlah berkas arsip dinamis yang ditata | kuantitas | berkas | 240:480 | naik | jumlah | data | hitung | sek.bmd |
umpeg.staf.data | Termutakhirnya data kepegawaian | Jumlah data pegawai yang dimutakhirkan di SIASN | kuantitas | orang | 30:80 | naik | jumlah | data | hitung | umpeg.layanan |
umpeg.staf.arsip | Tertatanya arsip | Jumlah berkas arsip yang ditata dan didigitalisasi | kuantitas | berkas | 120:300 | naik | jumlah | data | hitung | umpeg.arsip |
keu.spj | Terlaksananya penatausahaan keuangan | Rata-rata waktu verifikasi SPJ | waktu | hari | 3:5 | turun | rata_rata | data | waktu | sek.anggaran |
keu.laporan | Tersusunnya laporan keuangan dan kinerja | Jumlah laporan keuangan dan kinerja yang disusun | kuantitas | laporan | 12 | naik | jumlah | data | dokumen | sek.dokumen |
keu.renja | Tersusunnya dokumen perencanaan anggaran | Jumlah dokumen RKA dan DPA yang tersusun | kuantitas | dokumen | 4 | naik | jumlah | data | dokumen | sek.dokumen |
keu.staf.spj | Terverifikasinya pertanggungjawaban keuangan | Jumlah dokumen SPJ yang diverifikasi | kuantitas | dokumen | 300:600 | naik | jumlah | data | hitung | keu.spj | akhir
keu.staf.bayar | Terlaksananya pembayaran belanja | Jumlah dokumen SPP dan SPM yang diajukan | kuantitas | dokumen | 120:240 | naik | jumlah | data | hitung | keu.spj | akhir
keu.staf.renja | Terhimpunnya bahan perencanaan | Jumlah bahan Renja dan RKA yang dihimpun dari bidang | kuantitas | dokumen | 8:16 | naik | jumlah | data | hitung | keu.renja | awal
dinkes.spm | Meningkatnya derajat kesehatan masyarakat | Persentase capaian SPM bidang kesehatan | kualitas | % | 85:92 | naik | rata_rata | evaluasi | persen | sekda.spm |
dinkes.aki | Menurunnya angka kematian ibu | Jumlah kematian ibu | kualitas | orang | 0 | turun | jumlah | data | nol | sekda.spm |
dinkes.stunting | Menurunnya prevalensi stunting | Prevalensi balita stunting | kualitas | % | 14:18:0.5 | turun | terakhir | survei | tingkat | sekda.spm |
kesmas.idl | Meningkatnya cakupan imunisasi | Persentase bayi usia 0-11 bulan yang mendapat imunisasi dasar lengkap | kuantitas | % | 90:95 | naik | terakhir | data | kumulatif | dinkes.spm |
kesmas.gizi | Menurunnya masalah gizi pada balita | Persentase balita gizi kurang | kualitas | % | 5:8 | turun | terakhir | survei | tingkat | dinkes.stunting |
kesmas.k6 | Meningkatnya pelayanan kesehatan ibu hamil | Persentase ibu hamil yang mendapat pelayanan antenatal K6 | kuantitas | % | 85:95 | naik | rata_rata | data | persen | dinkes.aki |
kesmas.staf.imun | Terlaksananya pelayanan imunisasi | Jumlah bayi yang mendapat imunisasi dasar lengkap | kuantitas | orang | 120:300 | naik | jumlah | data | hitung | kesmas.idl |
kesmas.staf.posyandu | Terbinanya posyandu | Jumlah kunjungan pembinaan posyandu | kuantitas | kunjungan | 24:48 | naik | jumlah | data | hitung | kesmas.gizi |
kesmas.staf.penyuluhan | Terlaksananya promosi kesehatan | Jumlah kegiatan penyuluhan kesehatan masyarakat | kuantitas | kegiatan | 24:48 | naik | jumlah | data | hitung | kesmas.k6 |
kesmas.staf.bias | Terlaksananya imunisasi anak sekolah | Persentase anak kelas 1 SD yang mendapat imunisasi BIAS | kuantitas | % | 90:95 | naik | rata_rata | data | persen | kesmas.idl |
p2p.tb | Terkendalinya penyakit menular | Persentase orang terduga TBC yang mendapat pelayanan sesuai standar | kualitas | % | 90:100 | naik | rata_rata | data | persen | dinkes.spm |
p2p.dbd | Menurunnya kejadian demam berdarah | Angka kejadian DBD | kualitas | per 100.000 penduduk | 30:50 | turun | rata_rata | data | tingkat | dinkes.spm |
p2p.staf.tb | Ditemukannya kasus TBC | Jumlah penemuan kasus TBC yang dilaporkan | kuantitas | orang | 20:60 | naik | jumlah | data | hitung | p2p.tb |
p2p.staf.jentik | Terlaksananya pemeriksaan jentik berkala | Jumlah kegiatan pemeriksaan jentik berkala | kuantitas | kegiatan | 12:24 | naik | jumlah | data | hitung | p2p.dbd |
p2p.staf.w2 | Terlaksananya surveilans penyakit | Jumlah laporan surveilans mingguan (W2) yang disampaikan tepat waktu | waktu | laporan | 52 | naik | jumlah | data | hitung | p2p.tb |
yankes.akreditasi | Meningkatnya mutu fasilitas pelayanan kesehatan | Persentase puskesmas terakreditasi paripurna | kualitas | % | 40:60 | naik | terakhir | evaluasi | persen | dinkes.spm |
yankes.rujukan | Terlayaninya rujukan gawat darurat | Rata-rata waktu tanggap layanan rujukan gawat darurat | waktu | menit | 30:45 | turun | rata_rata | data | waktu | dinkes.spm |
yankes.jkn | Meningkatnya kepesertaan jaminan kesehatan | Persentase penduduk yang terdaftar sebagai peserta JKN | kuantitas | % | 95:98 | naik | terakhir | data | persen | dinkes.spm |
yankes.staf.faskes | Terbinanya fasilitas pelayanan kesehatan | Jumlah fasilitas kesehatan yang dibina dan dievaluasi | kuantitas | faskes | 10:20 | naik | jumlah | evaluasi | hitung | yankes.akreditasi |
yankes.staf.klaim | Terverifikasinya klaim rujukan | Jumlah klaim rujukan yang diverifikasi | kuantitas | berkas | 120:240 | naik | jumlah | data | hitung | yankes.rujukan |
pkm.kunjungan | Meningkatnya akses pelayanan kesehatan dasar | Jumlah kunjungan pasien rawat jalan puskesmas | kuantitas | kunjungan | 8000:15000 | naik | jumlah | data | hitung | dinkes.spm |
pkm.ikm | Meningkatnya kepuasan masyarakat atas pelayanan puskesmas | Nilai IKM pelayanan puskesmas | kualitas | indeks | 76.61~88.30 | naik | terakhir | survei | indeks | dinkes.spm |
pkm.idl | Meningkatnya cakupan imunisasi di wilayah kerja | Persentase bayi yang mendapat imunisasi dasar lengkap di wilayah kerja puskesmas | kuantitas | % | 90:95 | naik | terakhir | data | kumulatif | kesmas.idl |
pkm.staf.askep | Terlaksananya asuhan keperawatan | Jumlah pasien yang mendapat asuhan keperawatan | kuantitas | pasien | 600:1200 | naik | jumlah | data | hitung | pkm.kunjungan |
pkm.staf.anc | Terlaksananya pelayanan antenatal | Jumlah ibu hamil yang mendapat pelayanan antenatal | kuantitas | orang | 80:160 | naik | jumlah | data | hitung | pkm.idl |
pkm.staf.imun | Terlaksananya pelayanan imunisasi | Jumlah bayi yang mendapat imunisasi dasar lengkap | kuantitas | orang | 60:150 | naik | jumlah | data | hitung | pkm.idl |
pkm.staf.waktu | Meningkatnya kecepatan pelayanan | Rata-rata waktu tunggu pelayanan rawat jalan | waktu | menit | 30:60 | turun | rata_rata | data | waktu | pkm.ikm |
pkm.staf.dokumentasi | Terdokumentasinya asuhan pasien | Persentase rekam medis yang lengkap dalam 1x24 jam | kualitas | % | 90:100 | naik | rata_rata | evaluasi | persen | pkm.ikm |
disdik.apm | Meningkatnya akses pendidikan dasar | Angka Partisipasi Murni (APM) SD/MI | kuantitas | % | 95:98 | naik | terakhir | data | persen | sekda.spm |
disdik.lulus | Meningkatnya mutu lulusan pendidikan dasar | Persentase kelulusan peserta didik SD dan SMP | kualitas | % | 98:100 | naik | terakhir | data | lulus | sekda.spm |
disdik.aps | Menurunnya angka putus sekolah | Angka putus sekolah jenjang SMP | kualitas | % | 0.5:1.5:0.1 | turun | terakhir | data | tingkat | sekda.spm |
sd.lulus | Meningkatnya mutu lulusan sekolah dasar | Persentase kelulusan peserta didik SD | kualitas | % | 98:100 | naik | terakhir | data | lulus | disdik.lulus |
sd.kunjungan | Terbinanya sekolah dasar | Jumlah kunjungan pembinaan ke sekolah dasar | kuantitas | kunjungan | 48:96 | naik | jumlah | data | hitung | disdik.apm | sekolah
sd.staf.dapodik | Validnya data pokok pendidikan | Persentase data Dapodik SD yang valid | kualitas | % | 95:100 | naik | rata_rata | data | persen | disdik.apm |
sd.staf.kunjungan | Terbinanya sekolah dasar | Jumlah kunjungan pembinaan ke sekolah dasar | kuantitas | kunjungan | 24:48 | naik | jumlah | data | hitung | sd.kunjungan | sekolah
sd.staf.bos | Terverifikasinya laporan dana BOS | Jumlah laporan penggunaan dana BOS SD yang diverifikasi | kuantitas | laporan | 40:80 | naik | jumlah | data | hitung | sd.kunjungan | kp
smp.lulus | Meningkatnya mutu lulusan SMP | Persentase kelulusan peserta didik SMP | kualitas | % | 98:100 | naik | terakhir | data | lulus | disdik.lulus |
smp.putus | Menurunnya angka putus sekolah SMP | Angka putus sekolah SMP | kualitas | % | 0.5:1.5:0.1 | turun | terakhir | data | tingkat | disdik.aps |
smp.staf.dapodik | Validnya data pokok pendidikan | Persentase data Dapodik SMP yang valid | kualitas | % | 95:100 | naik | rata_rata | data | persen | smp.putus |
smp.staf.kunjungan | Terbinanya sekolah menengah pertama | Jumlah kunjungan pembinaan ke SMP | kuantitas | kunjungan | 24:48 | naik | jumlah | data | hitung | smp.lulus | sekolah
paud.apk | Meningkatnya akses PAUD | Angka Partisipasi Kasar (APK) PAUD | kuantitas | % | 60:70 | naik | terakhir | data | persen | disdik.apm |
paud.paket | Meningkatnya layanan pendidikan kesetaraan | Jumlah warga belajar Paket A, B dan C yang lulus | kuantitas | orang | 80:150 | naik | jumlah | data | hitung | disdik.lulus |
paud.staf.lembaga | Terbinanya lembaga PAUD dan PKBM | Jumlah lembaga PAUD dan PKBM yang dibina | kuantitas | lembaga | 20:40 | naik | jumlah | data | hitung | paud.apk |
bud.cagar | Terlestarikannya cagar budaya | Jumlah objek cagar budaya yang didokumentasikan | kuantitas | objek | 6:12 | naik | jumlah | data | hitung | disdik.apm |
bud.event | Terfasilitasinya kegiatan kebudayaan Mandar | Jumlah event kebudayaan Mandar yang difasilitasi | kuantitas | kegiatan | 4:8 | naik | jumlah | data | hitung | disdik.apm |
bud.staf.inventaris | Terinventarisasinya kekayaan budaya | Jumlah karya budaya yang diinventarisasi | kuantitas | karya | 10:24 | naik | jumlah | data | hitung | bud.cagar |
sekolah.lulus | Meningkatnya mutu lulusan satuan pendidikan | Persentase kelulusan peserta didik | kualitas | % | 98:100 | naik | terakhir | data | lulus | sd.lulus |
sekolah.pbm | Terlaksananya pembelajaran | Persentase rombongan belajar yang menerapkan Kurikulum Merdeka | kualitas | % | 90:100 | naik | rata_rata | evaluasi | persen | sd.kunjungan |
guru.jp | Terlaksananya pembelajaran tatap muka | Jumlah jam pelajaran tatap muka yang dilaksanakan | kuantitas | jam pelajaran | 864:960 | naik | jumlah | data | hitung | sekolah.pbm | sekolah
guru.tuntas | Meningkatnya ketuntasan belajar peserta didik | Persentase peserta didik yang mencapai kriteria ketercapaian tujuan pembelajaran | kualitas | % | 80:90 | naik | rata_rata | evaluasi | persen | sekolah.lulus |
guru.modul | Tersusunnya perangkat pembelajaran | Jumlah modul ajar yang disusun | kuantitas | dokumen | 12 | naik | jumlah | data | dokumen | sekolah.pbm |
guru.mutu | Meningkatnya kualitas pembelajaran | Meningkatnya kualitas pembelajaran | kualitas |  | 100 | naik | rata_rata |  | tetap | sekolah.pbm |
dinsos.dtsen | Meningkatnya ketepatan sasaran perlindungan sosial | Persentase data penerima bantuan sosial yang padan dengan DTSEN | kualitas | % | 85:95 | naik | rata_rata | data | persen | sekda.spm |
dinsos.pmks | Tertanganinya penyandang masalah kesejahteraan sosial | Persentase PMKS yang tertangani | kuantitas | % | 70:85 | naik | rata_rata | data | persen | sekda.spm |
linjam.salur | Tersalurkannya bantuan sosial kepada keluarga penerima manfaat | Jumlah KPM yang menerima bantuan sosial tepat waktu | kuantitas | KPM | 1500:2500 | naik | jumlah | data | hitung | dinsos.dtsen |
linjam.verval | Tervalidasinya data penerima bantuan sosial | Persentase usulan DTSEN yang diverifikasi dan divalidasi | kualitas | % | 85:95 | naik | rata_rata | data | persen | dinsos.dtsen |
linjam.staf.salur | Tersalurkannya bantuan sosial | Jumlah KPM yang bantuan sosialnya tersalurkan | kuantitas | KPM | 300:400 | naik | jumlah | data | lebih | linjam.salur |
linjam.staf.verval | Terverifikasinya data calon penerima bantuan sosial | Jumlah data calon penerima bantuan sosial yang diverifikasi dan divalidasi | kuantitas | keluarga | 600:1000 | naik | jumlah | data | hitung | linjam.verval |
rehsos.layanan | Terlaksananya rehabilitasi sosial dasar | Jumlah PMKS yang mendapat rehabilitasi sosial dasar | kuantitas | orang | 100:200 | naik | jumlah | data | hitung | dinsos.pmks |
rehsos.waktu | Tertanganinya kasus sosial dengan cepat | Rata-rata waktu respons penanganan anak dan lanjut usia terlantar | waktu | hari | 2:3 | turun | rata_rata | data | waktu | dinsos.pmks |
rehsos.staf.layanan | Terlayaninya penyandang disabilitas terlantar | Jumlah penyandang disabilitas terlantar yang mendapat layanan | kuantitas | orang | 20:40 | naik | jumlah | data | hitung | rehsos.layanan |
rehsos.staf.kunjungan | Terdampinginya PMKS | Jumlah kunjungan rumah pendampingan PMKS | kuantitas | kunjungan | 24:48 | naik | jumlah | data | hitung | rehsos.waktu |
dayasos.kube | Terberdayakannya keluarga miskin | Jumlah KUBE fakir miskin yang difasilitasi | kuantitas | kelompok | 10:20 | naik | jumlah | data | hitung | dinsos.pmks |
dayasos.psks | Terbinanya potensi sumber kesejahteraan sosial | Jumlah PSKS yang dibina | kuantitas | lembaga | 10:20 | naik | jumlah | data | hitung | dinsos.pmks |
dayasos.staf.kube | Terdampinginya KUBE | Jumlah KUBE yang didampingi | kuantitas | kelompok | 4:8 | naik | jumlah | data | hitung | dayasos.kube |
bkpp.merit | Meningkatnya penerapan sistem merit | Nilai Indeks Sistem Merit | kualitas | nilai | 250:300:5 | naik | terakhir | evaluasi | tingkat | sekda.rb |
bkpp.kompetensi | Meningkatnya kompetensi ASN | Persentase ASN yang memenuhi 20 JP pengembangan kompetensi | kualitas | % | 60:80 | naik | terakhir | data | kumulatif | sekda.rb |
mutasi.kp | Terlaksananya pelayanan kenaikan pangkat dan mutasi | Jumlah usulan kenaikan pangkat yang diproses | kuantitas | orang | 300:500 | naik | jumlah | data | hitung | bkpp.merit | kp
mutasi.waktu | Terlaksananya mutasi pegawai tepat waktu | Rata-rata waktu penerbitan SK mutasi | waktu | hari | 5:7 | turun | rata_rata | data | waktu | bkpp.merit |
mutasi.staf.berkas | Terverifikasinya berkas kenaikan pangkat | Jumlah berkas usulan kenaikan pangkat yang diverifikasi | kuantitas | berkas | 100:200 | naik | jumlah | data | hitung | mutasi.kp | kp
mutasi.staf.waktu | Terverifikasinya berkas tepat waktu | Rata-rata waktu verifikasi berkas kenaikan pangkat | waktu | hari | 2:3 | turun | rata_rata | data | waktu | mutasi.waktu |
bangkom.pelatihan | Meningkatnya kompetensi aparatur | Jumlah ASN yang mengikuti pelatihan | kuantitas | orang | 400:700 | naik | jumlah | data | hitung | bkpp.kompetensi |
bangkom.lulus | Meningkatnya mutu pelatihan | Persentase peserta pelatihan yang lulus | kualitas | % | 95:100 | naik | rata_rata | evaluasi | persen | bkpp.kompetensi |
bangkom.staf.kegiatan | Terfasilitasinya pelatihan ASN | Jumlah kegiatan pelatihan yang difasilitasi | kuantitas | kegiatan | 12:24 | naik | jumlah | data | hitung | bangkom.pelatihan |
info.siasn | Termutakhirnya data ASN | Persentase data ASN di SIASN yang mutakhir | kualitas | % | 90:98 | naik | rata_rata | data | persen | bkpp.merit |
info.pensiun | Terlayaninya pemberhentian dan pensiun ASN | Jumlah usulan pensiun yang diproses tepat waktu | kuantitas | orang | 80:150 | naik | jumlah | data | hitung | bkpp.merit |
info.staf.siasn | Termutakhirnya data ASN | Jumlah data ASN yang dimutakhirkan di SIASN | kuantitas | orang | 400:800 | naik | jumlah | data | hitung | info.siasn |
info.staf.skp | Terverifikasinya dokumen kinerja ASN | Jumlah dokumen SKP yang diverifikasi | kuantitas | dokumen | 200:400 | naik | jumlah | data | hitung | info.siasn | awal
bapp.konsistensi | Meningkatnya kualitas perencanaan pembangunan daerah | Persentase konsistensi program RPJMD dengan RKPD | kualitas | % | 90:98 | naik | rata_rata | evaluasi | persen | sekda.sakip |
bapp.capaian | Meningkatnya capaian pembangunan daerah | Persentase capaian indikator kinerja utama RPJMD | kualitas | % | 80:90 | naik | rata_rata | evaluasi | persen | sekda.spm |
renev.dokumen | Tersusunnya dokumen perencanaan pembangunan daerah | Jumlah dokumen perencanaan pembangunan daerah (RKPD, KUA-PPAS, RKPD Perubahan, laporan evaluasi) yang tersusun | kuantitas | dokumen | 4 | naik | jumlah | data | dokumen | bapp.konsistensi |
renev.deviasi | Terkendalinya pelaksanaan program perangkat daerah | Deviasi realisasi fisik dan keuangan kegiatan perangkat daerah | kualitas | % | 0~5 | turun | rata_rata | data | deviasi | bapp.capaian |
renev.staf.laporan | Tersusunnya laporan pengendalian dan evaluasi | Jumlah laporan pengendalian dan evaluasi triwulanan yang disusun | kuantitas | laporan | 4 | naik | jumlah | data | dokumen | renev.deviasi |
renev.staf.renja | Terverifikasinya Renja perangkat daerah | Jumlah dokumen Renja perangkat daerah yang diverifikasi | kuantitas | dokumen | 20:30 | naik | jumlah | data | hitung | renev.dokumen | awal
pm.reviu | Terreviunya perencanaan sektoral | Jumlah dokumen perencanaan sektoral yang direviu | kuantitas | dokumen | 6:12 | naik | jumlah | evaluasi | hitung | bapp.konsistensi |
pm.staf.rakor | Terfasilitasinya koordinasi perencanaan | Jumlah rapat koordinasi perencanaan yang difasilitasi | kuantitas | kegiatan | 12:24 | naik | jumlah | data | hitung | pm.reviu |
eiw.musren | Terverifikasinya usulan pembangunan kewilayahan | Jumlah usulan musrenbang kecamatan yang diverifikasi | kuantitas | usulan | 200:400 | naik | jumlah | data | hitung | bapp.konsistensi | awal
eiw.staf.survei | Tersedianya data infrastruktur kewilayahan | Jumlah lokasi usulan infrastruktur yang disurvei | kuantitas | lokasi | 24:48 | naik | jumlah | survei | hitung | eiw.musren |
rida.inovasi | Meningkatnya inovasi daerah | Jumlah inovasi daerah yang dilaporkan ke Indeks Inovasi Daerah | kuantitas | inovasi | 20:40 | naik | jumlah | data | hitung | bapp.capaian |
rida.kajian | Tersedianya kajian kebijakan daerah | Jumlah kajian dan riset daerah yang diselesaikan | kuantitas | dokumen | 2 | naik | jumlah | evaluasi | dokumen | bapp.capaian |
rida.staf.inovasi | Terdampinginya perangkat daerah dalam berinovasi | Jumlah inovasi perangkat daerah yang didampingi | kuantitas | inovasi | 6:12 | naik | jumlah | data | hitung | rida.inovasi |
bpkad.temuan | Meningkatnya kualitas pengelolaan keuangan daerah | Jumlah temuan BPK atas LKPD yang belum ditindaklanjuti | kualitas | temuan | 0 | turun | jumlah | evaluasi | nol | sekda.apbd |
bpkad.kas | Terkelolanya kas daerah | Persentase ketersediaan kas untuk belanja wajib dan mengikat | biaya | % | 100 | naik | rata_rata | data | persen | sekda.apbd |
angg.dpa | Tersusunnya anggaran daerah tepat waktu | Jumlah DPA perangkat daerah yang disahkan tepat waktu | waktu | dokumen | 35:45 | naik | jumlah | data | hitung | sekda.apbd | awal
angg.staf.rka | Terverifikasinya RKA perangkat daerah | Jumlah RKA perangkat daerah yang diverifikasi | kuantitas | dokumen | 35:45 | naik | jumlah | data | hitung | angg.dpa | awal
perben.sp2d | Terlaksananya penerbitan SP2D | Jumlah SP2D yang diterbitkan | kuantitas | dokumen | 8000:12000 | naik | jumlah | data | hitung | sekda.apbd | akhir
perben.waktu | Terlaksananya penerbitan SP2D tepat waktu | Rata-rata waktu penerbitan SP2D sejak SPM diterima | waktu | hari | 1:2 | turun | rata_rata | data | waktu | sekda.apbd |
perben.staf.spm | Terverifikasinya SPM | Jumlah SPM yang diverifikasi | kuantitas | dokumen | 2000:4000 | naik | jumlah | data | hitung | perben.sp2d | akhir
perben.staf.waktu | Terverifikasinya SPM tepat waktu | Rata-rata waktu verifikasi SPM | waktu | jam | 4:8 | turun | rata_rata | data | waktu | perben.waktu |
akt.lkpd | Tersusunnya laporan keuangan pemerintah daerah | Jumlah laporan keuangan pemerintah daerah yang disusun tepat waktu | waktu | laporan | 12 | naik | jumlah | data | dokumen | sekda.apbd |
akt.staf.rekon | Terekonsiliasinya data keuangan | Jumlah rekonsiliasi data keuangan dengan perangkat daerah | kuantitas | kegiatan | 36:72 | naik | jumlah | data | hitung | akt.lkpd |
aset.kib | Tertibnya penatausahaan aset daerah | Persentase barang milik daerah yang tercatat dalam KIB | kualitas | % | 90:98 | naik | rata_rata | evaluasi | persen | bpkad.temuan |
aset.sertifikat | Terlindunginya aset tanah pemerintah daerah | Jumlah bidang tanah pemerintah daerah yang bersertifikat | kuantitas | bidang | 20:40 | naik | jumlah | data | hitung | bpkad.temuan |
aset.staf.inventaris | Terinventarisasinya aset daerah | Jumlah aset yang diinventarisasi | kuantitas | unit | 500:1000 | naik | jumlah | data | hitung | aset.kib |
aset.staf.nilai | Terekonsiliasinya nilai aset daerah | Nilai barang milik daerah yang direkonsiliasi | biaya | rupiah | 5000000000:15000000000:100000000 | naik | jumlah | data | hitung | aset.kib |
kec.paten | Meningkatnya kualitas pelayanan administrasi terpadu kecamatan | Nilai IKM layanan PATEN kecamatan | kualitas | indeks | 76.61~88.30 | naik | terakhir | survei | indeks | sekda.spm |
kec.desa | Tertibnya administrasi pemerintahan desa | Persentase desa yang menyampaikan APBDes tepat waktu | waktu | % | 85:100 | naik | rata_rata | data | persen | sekda.spm |
kec.trantib | Terjaganya ketenteraman dan ketertiban umum | Jumlah gangguan ketenteraman dan ketertiban yang tidak tertangani | kualitas | kejadian | 0 | turun | jumlah | data | nol | sekda.spm |
kpem.adminduk | Terlayaninya administrasi kependudukan di kecamatan | Jumlah dokumen administrasi kependudukan yang dilayani (KTP-el, KK, akta) | kuantitas | dokumen | 1200:2400 | naik | jumlah | data | hitung | kec.paten |
kpem.waktu | Terlayaninya administrasi kependudukan dengan cepat | Rata-rata waktu penyelesaian layanan administrasi kependudukan | waktu | hari | 1:2 | turun | rata_rata | data | waktu | kec.paten |
kpu.izin | Terlayaninya perizinan dan nonperizinan | Jumlah layanan perizinan dan nonperizinan yang diselesaikan | kuantitas | berkas | 300:600 | naik | jumlah | data | hitung | kec.paten |
kesos.bansos | Terverifikasinya penerima bantuan sosial di kecamatan | Jumlah KPM bantuan sosial yang diverifikasi di tingkat kecamatan | kuantitas | KPM | 400:800 | naik | jumlah | data | hitung | kec.desa |
trantib.patroli | Terlaksananya patroli ketenteraman dan ketertiban | Jumlah kegiatan patroli ketenteraman dan ketertiban | kuantitas | kegiatan | 24:48 | naik | jumlah | data | hitung | kec.trantib |
pmd.apbdes | Terevaluasinya APBDes | Jumlah APBDes yang dievaluasi | kuantitas | dokumen | 10:16 | naik | jumlah | evaluasi | hitung | kec.desa | awal
lurah.adminduk | Terlayaninya administrasi kependudukan di kelurahan | Jumlah surat keterangan dan pengantar kependudukan yang diterbitkan | kuantitas | surat | 600:1200 | naik | jumlah | data | hitung | kec.paten |
lurah.pbb | Meningkatnya penerimaan PBB-P2 | Persentase realisasi penerimaan PBB-P2 kelurahan | biaya | % | 80:95 | naik | terakhir | data | kumulatif | kec.desa |
kec.staf.berkas | Terprosesnya permohonan administrasi kependudukan | Jumlah berkas permohonan KTP-el dan KK yang diproses | kuantitas | berkas | 600:1200 | naik | jumlah | data | hitung | kpem.adminduk |
kec.staf.loket | Terlayaninya pemohon di loket PATEN | Jumlah pemohon yang dilayani di loket PATEN | kuantitas | orang | 1000:2000 | naik | jumlah | data | hitung | kpem.adminduk |
kec.staf.patroli | Terlaksananya ketertiban umum | Jumlah kegiatan patroli dan penertiban yang diikuti | kuantitas | kegiatan | 24:48 | naik | jumlah | data | hitung | trantib.patroli |
"""

_PROFIL = (
    "hitung", "dokumen", "persen", "tingkat", "kumulatif", "waktu", "nol", "indeks", "tetap",
    "lulus", "semester", "deviasi", "lebih",
)
_MUSIM = {
    "": np.ones(12),
    "awal": np.array([2.2, 2.0, 1.6, 1.0, 0.8, 0.7, 0.7, 0.7, 0.7, 0.6, 0.5, 0.5]),
    "kp": np.array([0.6, 1.0, 2.2, 1.6, 0.5, 0.5, 0.5, 1.0, 2.2, 1.4, 0.3, 0.2]),
    "akhir": np.array([0.4, 0.6, 0.8, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.2, 1.4, 2.7]),
    "sekolah": np.array([1.1, 1.1, 1.1, 1.1, 1.0, 0.5, 0.6, 1.1, 1.1, 1.1, 1.1, 0.8]),
}
# Planned cumulative share of an annual percentage by month end (realisasi anggaran and the like).
_KURVA_KUMULATIF = np.array([0.05, 0.11, 0.19, 0.27, 0.35, 0.44, 0.53, 0.62, 0.71, 0.80, 0.89, 1.0])


def _baca_katalog(teks: str) -> pd.DataFrame:
    rows = []
    for line in teks.strip().splitlines():
        f = [x.strip() for x in line.split("|")]
        if len(f) != 12:
            raise ValueError(f"baris katalog IKI tidak lengkap: {line}")
        key, rhk, ind, aspek, satuan, target, arah, agregasi, metode, profil, induk, musim = f
        atas = np.nan
        if "~" in target:
            lo, hi = target.split("~")
            lo, hi, step, atas = float(lo), float(lo), 1.0, float(hi)
        elif ":" in target:
            parts = target.split(":")
            lo, hi = float(parts[0]), float(parts[1])
            step = float(parts[2]) if len(parts) == 3 else 1.0
        else:
            lo = hi = float(target)
            step = 1.0
        if profil not in _PROFIL or musim not in _MUSIM:
            raise ValueError(f"profil atau musim tidak dikenal: {line}")
        rows.append(
            dict(
                key=key, rencana_hasil_kerja=rhk, indikator=ind, aspek=aspek, satuan=satuan,
                lo=lo, hi=hi, step=step, atas=atas, arah=arah, agregasi=agregasi, metode=metode,
                profil=_PROFIL.index(profil), induk=induk, musim=musim,
                tambahan=key.startswith("tambahan."),
            )
        )
    kat = pd.DataFrame(rows)
    if kat["key"].duplicated().any():
        raise ValueError("kunci katalog IKI ganda")
    return kat


KATALOG = _baca_katalog(_KATALOG)
_KUNCI = {k: i for i, k in enumerate(KATALOG["key"])}
_TAMBAHAN = tuple(k for k in KATALOG["key"] if k.startswith("tambahan."))
_GENERIK = ("staf.laporan", "staf.surat", "staf.tugas", "staf.mutu", "staf.prima")
_GENERIK_BOBOT = np.array([3.0, 3.0, 1.2, 1.0, 0.8])  # how often each is picked first

# ---------------------------------------------------------------------------------------------
# Organisation templates


@dataclass(frozen=True)
class _Jabatan:
    """A kind of position: its title (may hold {wilayah}), name patterns with gelar, who holds it."""

    nama: str
    gelar: tuple[str, ...] = ("{}",)
    perempuan: float = 0.45
    pppk: float = 0.0
    lahir: tuple[int, int] = (1976, 1999)


@dataclass(frozen=True)
class _Unit:
    """A unit kerja: its head (None: the staff report to the parent's head) and its staff."""

    nama: str
    kepala: _Jabatan | None
    iki_kepala: tuple[str, ...] = ()
    staf: tuple[tuple[_Jabatan, float], ...] = ()
    iki_staf: tuple[str, ...] = ()
    iki_wajib: tuple[str, ...] = ()
    bagian: float = 0.0
    sub: tuple["_Unit", ...] = ()


@dataclass(frozen=True)
class _Templat:
    jenis: str
    kepala: _Jabatan
    iki_kepala: tuple[str, ...]
    unit: tuple[_Unit, ...]


PIMPINAN = (1966, 1976)
MENENGAH = (1970, 1986)
G_ADM = ("{}, S.Sos.", "{}, S.AP.", "{}, S.IP.", "{}, S.E.", "{}, S.H.", "{}, S.Sos., M.Si.")
G_PIMPINAN = ("{}, S.Sos., M.Si.", "{}, S.STP., M.Si.", "Dr. {}, S.Sos., M.Si.", "{}, S.E., M.M.", "{}, S.H., M.H.")
G_SMA = ("{}", "{}", "{}, A.Md.", "{}, S.Sos.", "{}, S.E.")
G_KOM = ("{}, S.Kom.", "{}, S.T.", "{}, A.Md.Kom.")
G_EKO = ("{}, S.E.", "{}, S.E., M.Si.", "{}, S.Ak.", "{}, S.E., M.Ak.")
G_KES = ("{}, S.KM.", "{}, S.KM., M.Kes.", "{}, S.Kep., Ns.", "{}, S.Kep., Ns., M.Kes.")
G_PERAWAT_T = ("{}, A.Md.Kep.",)
G_PERAWAT_A = ("{}, S.Kep., Ns.",)
G_BIDAN_T = ("{}, A.Md.Keb.",)
G_BIDAN_A = ("{}, S.Tr.Keb.", "{}, S.Keb., Bd.")
G_DOKTER = ("dr. {}", "dr. {}, M.Kes.")
G_GURU = ("{}, S.Pd.", "{}, S.Pd.", "{}, S.Pd.I.", "{}, S.Pd., M.Pd.", "{}, S.Si.")
G_SOS = ("{}, S.Sos.", "{}, S.Tr.Sos.", "{}, S.Psi.")
G_HUKUM = ("{}, S.H.", "{}, S.H., M.H.")
G_TEKNIK = ("{}, S.T.", "{}, S.T., M.T.", "{}, S.P.", "{}, S.E.", "{}, S.Si.")

_ADM_PPPK = _Jabatan("Pengadministrasi Perkantoran", G_SMA, pppk=0.5, lahir=(1980, 2000))
_OPERASIONAL = _Jabatan("Pengelola Umum Operasional", G_SMA, pppk=1.0, lahir=(1982, 2001))
_PRAKOM = _Jabatan("Pranata Komputer Ahli Pertama", G_KOM, perempuan=0.35, lahir=(1985, 1999))
_ARSIPARIS = _Jabatan("Arsiparis Terampil", ("{}, A.Md.", "{}"), perempuan=0.6)
_ANALIS_SDM = _Jabatan("Analis SDM Aparatur Ahli Pertama", G_ADM)
_BENDAHARA = _Jabatan("Bendahara Pengeluaran", G_EKO, perempuan=0.65)
_ANALIS_KEU = _Jabatan("Analis Keuangan Pusat dan Daerah Ahli Pertama", G_EKO, perempuan=0.55)
_PERENCANA_P = _Jabatan("Perencana Ahli Pertama", G_TEKNIK)
_PERENCANA_M = _Jabatan("Perencana Ahli Muda", G_TEKNIK, lahir=(1975, 1990))

STAF_UMUM = ((_ADM_PPPK, 3.0), (_OPERASIONAL, 1.0), (_PRAKOM, 1.0), (_ARSIPARIS, 1.0), (_ANALIS_SDM, 1.0))
STAF_KEUANGAN = ((_BENDAHARA, 1.0), (_ANALIS_KEU, 2.0), (_PERENCANA_P, 1.0), (_ADM_PPPK, 1.0))


def _sekretariat(sekretaris: str = "Sekretaris", bagian: float = 0.22, wajib: tuple[str, ...] = ()) -> _Unit:
    return _Unit(
        "Sekretariat",
        _Jabatan(sekretaris, G_PIMPINAN + G_ADM, lahir=MENENGAH),
        ("sek.anggaran", "sek.dokumen", "sek.bmd"),
        sub=(
            _Unit(
                "Sub Bagian Umum dan Kepegawaian",
                _Jabatan("Kepala Sub Bagian Umum dan Kepegawaian", G_ADM, perempuan=0.5, lahir=(1974, 1988)),
                ("umpeg.layanan", "umpeg.skp", "umpeg.arsip"),
                staf=STAF_UMUM,
                iki_staf=("umpeg.staf.data", "umpeg.staf.arsip", "staf.surat"),
                iki_wajib=wajib,
                bagian=bagian * 0.55,
            ),
            _Unit(
                "Sub Bagian Perencanaan dan Keuangan",
                _Jabatan("Kepala Sub Bagian Perencanaan dan Keuangan", G_EKO, perempuan=0.55, lahir=(1974, 1988)),
                ("keu.spj", "keu.laporan", "keu.renja"),
                staf=STAF_KEUANGAN,
                iki_staf=("keu.staf.spj", "keu.staf.bayar", "keu.staf.renja"),
                iki_wajib=wajib,
                bagian=bagian * 0.45,
            ),
        ),
    )


def _bidang(nama: str, gelar, iki_kepala, staf, iki_staf, bagian, wajib=()) -> _Unit:
    return _Unit(
        nama,
        _Jabatan("Kepala " + nama, gelar, lahir=MENENGAH),
        iki_kepala,
        staf=staf,
        iki_staf=iki_staf,
        iki_wajib=wajib,
        bagian=bagian,
    )


def _staf_bagian(nama_jabatan: str, gelar=G_ADM, **kw) -> tuple[tuple[_Jabatan, float], ...]:
    return ((_Jabatan(nama_jabatan, gelar, **kw), 3.0), (_ADM_PPPK, 1.0), (_PRAKOM, 0.5))


SETDA = _Templat(
    "sekretariat",
    _Jabatan("Sekretaris Daerah", ("{}, S.Sos., M.Si.", "Dr. {}, S.STP., M.Si."), perempuan=0.2, lahir=PIMPINAN),
    ("sekda.sakip", "sekda.apbd", "sekda.rb", "sekda.spm"),
    (
        _Unit(
            "Asisten Pemerintahan dan Kesejahteraan Rakyat",
            _Jabatan("Asisten Pemerintahan dan Kesejahteraan Rakyat", G_PIMPINAN, perempuan=0.25, lahir=PIMPINAN),
            ("as1.koord", "as1.rakor"),
            sub=(
                _bidang("Bagian Tata Pemerintahan", G_ADM, ("tapem.lppd", "tapem.desa"),
                        _staf_bagian("Analis Kebijakan Ahli Pertama"), ("tapem.staf.desa", "tapem.staf.batas"), 0.17),
                _bidang("Bagian Hukum", G_HUKUM, ("hukum.produk", "hukum.harmonisasi"),
                        _staf_bagian("Perancang Peraturan Perundang-undangan Ahli Pertama", G_HUKUM),
                        ("hukum.staf.kaji", "hukum.staf.jdih"), 0.17),
            ),
        ),
        _Unit(
            "Asisten Perekonomian dan Pembangunan",
            _Jabatan("Asisten Perekonomian dan Pembangunan", G_PIMPINAN, perempuan=0.25, lahir=PIMPINAN),
            ("as2.pbj", "as2.rakor"),
            sub=(
                _bidang("Bagian Pengadaan Barang dan Jasa", G_TEKNIK, ("pbj.tender", "pbj.waktu"),
                        _staf_bagian("Pengelola Pengadaan Barang/Jasa Ahli Pertama", G_TEKNIK),
                        ("pbj.staf.evaluasi", "pbj.staf.waktu"), 0.17),
                _bidang("Bagian Perekonomian dan Sumber Daya Alam", G_EKO, ("ekon.harga", "ekon.bumd"),
                        _staf_bagian("Analis Kebijakan Ahli Pertama", G_EKO), ("ekon.staf.harga", "staf.surat"), 0.15),
            ),
        ),
        _Unit(
            "Asisten Administrasi Umum",
            _Jabatan("Asisten Administrasi Umum", G_PIMPINAN, perempuan=0.25, lahir=PIMPINAN),
            ("as3.rb", "as3.sakip"),
            sub=(
                _bidang("Bagian Umum", G_ADM, ("umum.rt", "umpeg.arsip"), STAF_UMUM,
                        ("staf.surat", "umpeg.staf.arsip"), 0.18, wajib=("staf.mutu",)),
                _bidang("Bagian Organisasi", G_ADM, ("org.sop", "org.ikm"),
                        _staf_bagian("Analis Kelembagaan Ahli Pertama"), ("org.staf.anjab", "staf.surat"), 0.16),
            ),
        ),
    ),
)

_STAF_KESMAS = (
    (_Jabatan("Penyuluh Kesehatan Masyarakat Ahli Pertama", G_KES, perempuan=0.65), 2.0),
    (_Jabatan("Nutrisionis Ahli Pertama", ("{}, S.Gz.",), perempuan=0.8), 1.0),
    (_Jabatan("Administrator Kesehatan Ahli Pertama", G_KES, perempuan=0.6), 1.0),
    (_Jabatan("Bidan Ahli Pertama", G_BIDAN_A, perempuan=1.0, pppk=0.3), 1.0),
)
_STAF_P2P = (
    (_Jabatan("Epidemiolog Kesehatan Ahli Pertama", G_KES, perempuan=0.55), 2.0),
    (_Jabatan("Sanitarian Terampil", ("{}, A.Md.KL.",), perempuan=0.5, pppk=0.3), 1.0),
    (_Jabatan("Entomolog Kesehatan Ahli Pertama", ("{}, S.KM.", "{}, S.Si."), perempuan=0.5), 1.0),
)
_STAF_YANKES = (
    (_Jabatan("Administrator Kesehatan Ahli Muda", G_KES, perempuan=0.6, lahir=(1975, 1990)), 1.0),
    (_Jabatan("Apoteker Ahli Pertama", ("apt. {}, S.Farm.",), perempuan=0.75), 1.0),
    (_Jabatan("Perekam Medis Terampil", ("{}, A.Md.RMIK.",), perempuan=0.7, pppk=0.4), 1.0),
)
_STAF_PUSKESMAS = (
    (_Jabatan("Perawat Terampil", G_PERAWAT_T, perempuan=0.7, pppk=0.45, lahir=(1980, 2000)), 3.0),
    (_Jabatan("Perawat Ahli Pertama", G_PERAWAT_A, perempuan=0.7, pppk=0.3, lahir=(1982, 1999)), 2.0),
    (_Jabatan("Bidan Terampil", G_BIDAN_T, perempuan=1.0, pppk=0.45, lahir=(1980, 2000)), 2.0),
    (_Jabatan("Bidan Ahli Pertama", G_BIDAN_A, perempuan=1.0, pppk=0.3), 1.0),
    (_Jabatan("Dokter Ahli Pertama", G_DOKTER, perempuan=0.6, lahir=(1985, 1997)), 1.0),
    (_Jabatan("Pranata Laboratorium Kesehatan Terampil", ("{}, A.Md.AK.",), perempuan=0.7, pppk=0.4), 0.5),
)
_PUSKESMAS_KEPALA = _Jabatan("Kepala UPTD Puskesmas {wilayah}", G_KES + G_DOKTER, perempuan=0.5, lahir=(1972, 1986))
_PUSKESMAS_IKI_STAF = ("pkm.staf.askep", "pkm.staf.anc", "pkm.staf.imun", "pkm.staf.waktu", "pkm.staf.dokumentasi")


def _puskesmas_unit(nama: str, bagian: float) -> _Unit:
    return _Unit(
        f"UPTD Puskesmas {nama}",
        _Jabatan(f"Kepala UPTD Puskesmas {nama}", G_KES + G_DOKTER, perempuan=0.5, lahir=(1972, 1986)),
        ("pkm.kunjungan", "pkm.ikm", "pkm.idl"),
        staf=_STAF_PUSKESMAS,
        iki_staf=_PUSKESMAS_IKI_STAF,
        bagian=bagian,
    )


DINKES = _Templat(
    "dinas",
    _Jabatan("Kepala Dinas Kesehatan", ("dr. {}, M.Kes.", "{}, S.KM., M.Kes."), perempuan=0.4, lahir=PIMPINAN),
    ("dinkes.spm", "dinkes.aki", "dinkes.stunting"),
    (
        _sekretariat(),
        _bidang("Bidang Kesehatan Masyarakat", G_KES, ("kesmas.idl", "kesmas.gizi", "kesmas.k6"), _STAF_KESMAS,
                ("kesmas.staf.imun", "kesmas.staf.posyandu", "kesmas.staf.penyuluhan", "kesmas.staf.bias"), 0.16),
        _bidang("Bidang Pencegahan dan Pengendalian Penyakit", G_KES, ("p2p.tb", "p2p.dbd"), _STAF_P2P,
                ("p2p.staf.tb", "p2p.staf.jentik", "p2p.staf.w2"), 0.12),
        _bidang("Bidang Pelayanan Kesehatan", G_KES + G_DOKTER, ("yankes.akreditasi", "yankes.rujukan", "yankes.jkn"),
                _STAF_YANKES, ("yankes.staf.faskes", "yankes.staf.klaim"), 0.10),
        _puskesmas_unit("Binanga", 0.21),
        _puskesmas_unit("Tampa Padang", 0.19),
    ),
)

_GURU = (
    (_Jabatan("Guru Ahli Pertama", G_GURU, perempuan=0.65, pppk=0.7, lahir=(1980, 2000)), 4.0),
    (_Jabatan("Guru Ahli Muda", G_GURU, perempuan=0.65, lahir=(1972, 1988)), 2.0),
    (_ADM_PPPK, 0.5),
)
_GURU_IKI = ("guru.jp", "guru.tuntas", "guru.modul")


def _sekolah_unit(nama: str, bagian: float) -> _Unit:
    return _Unit(
        nama,
        _Jabatan(f"Kepala {nama}", ("{}, S.Pd., M.Pd.", "{}, S.Pd.", "Drs. {}, M.Pd."), perempuan=0.5, lahir=(1968, 1982)),
        ("sekolah.lulus", "sekolah.pbm", "pimpinan.laporan"),
        staf=_GURU,
        iki_staf=_GURU_IKI,
        iki_wajib=("guru.mutu",),
        bagian=bagian,
    )


_BIDANG_SD = _Unit(
    "Bidang Pembinaan Sekolah Dasar",
    _Jabatan("Kepala Bidang Pembinaan Sekolah Dasar", G_GURU, lahir=MENENGAH),
    ("sd.lulus", "sd.kunjungan", "pimpinan.laporan"),
    staf=((_Jabatan("Pengawas Sekolah Ahli Muda", G_GURU, lahir=(1968, 1982)), 2.0), (_ADM_PPPK, 1.0), (_PRAKOM, 0.5)),
    iki_staf=("sd.staf.dapodik", "sd.staf.kunjungan", "sd.staf.bos"),
    bagian=0.10,
    sub=(_sekolah_unit("SD Negeri 5 Mamuju", 0.14),),
)
_BIDANG_SMP = _Unit(
    "Bidang Pembinaan Sekolah Menengah Pertama",
    _Jabatan("Kepala Bidang Pembinaan Sekolah Menengah Pertama", G_GURU, lahir=MENENGAH),
    ("smp.lulus", "smp.putus", "pimpinan.laporan"),
    staf=((_Jabatan("Pengawas Sekolah Ahli Muda", G_GURU, lahir=(1968, 1982)), 2.0), (_ADM_PPPK, 1.0)),
    iki_staf=("smp.staf.dapodik", "smp.staf.kunjungan"),
    bagian=0.08,
    sub=(_sekolah_unit("SMP Negeri 1 Kalukku", 0.20),),
)

DISDIKBUD = _Templat(
    "dinas",
    _Jabatan("Kepala Dinas Pendidikan dan Kebudayaan", ("Drs. {}, M.Pd.", "{}, S.Pd., M.Pd.", "Dr. {}, M.Pd."), perempuan=0.35, lahir=PIMPINAN),
    ("disdik.apm", "disdik.lulus", "disdik.aps"),
    (
        _sekretariat(bagian=0.18),
        _BIDANG_SD,
        _BIDANG_SMP,
        _bidang("Bidang PAUD dan Pendidikan Nonformal", G_GURU, ("paud.apk", "paud.paket"),
                ((_Jabatan("Pamong Belajar Ahli Pertama", G_GURU, perempuan=0.7), 2.0), (_ADM_PPPK, 1.0)),
                ("paud.staf.lembaga", "staf.surat"), 0.08),
        _bidang("Bidang Kebudayaan", ("{}, S.S.", "{}, S.Sn.", "{}, S.Pd."), ("bud.cagar", "bud.event"),
                ((_Jabatan("Pamong Budaya Ahli Pertama", ("{}, S.S.", "{}, S.Hum."), perempuan=0.5), 2.0), (_ADM_PPPK, 1.0)),
                ("bud.staf.inventaris", "staf.surat"), 0.06),
    ),
)

_STAF_SOSIAL = (
    (_Jabatan("Pekerja Sosial Ahli Pertama", G_SOS, perempuan=0.6), 2.0),
    (_Jabatan("Penyuluh Sosial Ahli Pertama", G_SOS, perempuan=0.5), 2.0),
    (_Jabatan("Pekerja Sosial Terampil", ("{}, A.Md.", "{}"), perempuan=0.5, pppk=0.5), 1.0),
    (_ADM_PPPK, 1.0),
)

DINSOS = _Templat(
    "dinas",
    _Jabatan("Kepala Dinas Sosial", ("{}, S.Sos., M.Si.", "{}, S.Sos., M.AP."), perempuan=0.4, lahir=PIMPINAN),
    ("dinsos.dtsen", "dinsos.pmks"),
    (
        _sekretariat(),
        _bidang("Bidang Perlindungan dan Jaminan Sosial", G_SOS, ("linjam.salur", "linjam.verval"), _STAF_SOSIAL,
                ("linjam.staf.verval", "staf.surat"), 0.30, wajib=("linjam.staf.salur",)),
        _bidang("Bidang Rehabilitasi Sosial", G_SOS, ("rehsos.layanan", "rehsos.waktu"), _STAF_SOSIAL,
                ("rehsos.staf.layanan", "rehsos.staf.kunjungan"), 0.25),
        _bidang("Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin", G_SOS, ("dayasos.kube", "dayasos.psks"),
                _STAF_SOSIAL, ("dayasos.staf.kube", "staf.surat"), 0.23, wajib=("linjam.staf.salur",)),
    ),
)

_STAF_BKPP = (
    (_ANALIS_SDM, 2.0),
    (_Jabatan("Pranata SDM Aparatur Terampil", ("{}, A.Md.", "{}"), perempuan=0.55, pppk=0.3), 2.0),
    (_PRAKOM, 1.0),
    (_ADM_PPPK, 1.0),
)

BKPP = _Templat(
    "badan",
    _Jabatan("Kepala Badan Kepegawaian, Pendidikan dan Pelatihan", G_PIMPINAN, perempuan=0.35, lahir=PIMPINAN),
    ("bkpp.merit", "bkpp.kompetensi"),
    (
        _sekretariat(),
        _bidang("Bidang Mutasi dan Promosi", G_ADM, ("mutasi.kp", "mutasi.waktu"), _STAF_BKPP,
                ("mutasi.staf.berkas", "mutasi.staf.waktu", "staf.surat"), 0.27),
        _bidang("Bidang Pengembangan Kompetensi Aparatur", G_ADM, ("bangkom.pelatihan", "bangkom.lulus"),
                ((_Jabatan("Widyaiswara Ahli Muda", G_ADM, lahir=(1970, 1985)), 1.0),) + _STAF_BKPP,
                ("bangkom.staf.kegiatan", "staf.surat"), 0.23),
        _bidang("Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian", G_ADM, ("info.siasn", "info.pensiun"),
                _STAF_BKPP, ("info.staf.siasn", "info.staf.skp"), 0.28),
    ),
)

_STAF_PERENCANA = ((_PERENCANA_P, 3.0), (_PERENCANA_M, 1.0), (_Jabatan("Analis Kebijakan Ahli Pertama", G_TEKNIK), 1.0), (_ADM_PPPK, 1.0))

BAPPERIDA = _Templat(
    "badan",
    _Jabatan("Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", ("Ir. {}, M.T.", "{}, S.T., M.Si.", "Dr. {}, S.E., M.Si."), perempuan=0.3, lahir=PIMPINAN),
    ("bapp.konsistensi", "bapp.capaian"),
    (
        _sekretariat(),
        _bidang("Bidang Perencanaan, Pengendalian dan Evaluasi", G_TEKNIK, ("renev.dokumen", "renev.deviasi"),
                _STAF_PERENCANA, ("renev.staf.laporan", "renev.staf.renja"), 0.22),
        _bidang("Bidang Pemerintahan dan Pembangunan Manusia", G_TEKNIK, ("pm.reviu", "pimpinan.laporan"),
                _STAF_PERENCANA, ("pm.staf.rakor", "renev.staf.renja"), 0.18),
        _bidang("Bidang Perekonomian, Infrastruktur dan Kewilayahan", G_TEKNIK, ("eiw.musren", "pimpinan.laporan"),
                _STAF_PERENCANA, ("eiw.staf.survei", "renev.staf.renja"), 0.20),
        _bidang("Bidang Riset dan Inovasi Daerah", G_TEKNIK, ("rida.inovasi", "rida.kajian"),
                ((_Jabatan("Peneliti Ahli Pertama", G_TEKNIK), 2.0), (_PERENCANA_P, 1.0)), ("rida.staf.inovasi", "staf.surat"), 0.16),
    ),
)

_STAF_BPKAD = (
    (_ANALIS_KEU, 3.0),
    (_Jabatan("Penata Laporan Keuangan", G_EKO, perempuan=0.6), 1.0),
    (_Jabatan("Pengelola Barang Milik Daerah", G_EKO + G_SMA, perempuan=0.4, pppk=0.3), 1.0),
    (_ADM_PPPK, 1.0),
)

BPKAD = _Templat(
    "badan",
    _Jabatan("Kepala Badan Pengelolaan Keuangan dan Aset Daerah", ("{}, S.E., M.Si., Ak.", "{}, S.E., M.M."), perempuan=0.35, lahir=PIMPINAN),
    ("bpkad.temuan", "bpkad.kas"),
    (
        _sekretariat(wajib=("staf.mutu",)),
        _bidang("Bidang Anggaran", G_EKO, ("angg.dpa", "pimpinan.laporan"), _STAF_BPKAD, ("angg.staf.rka", "staf.surat"), 0.18, wajib=("staf.mutu",)),
        _bidang("Bidang Perbendaharaan", G_EKO, ("perben.sp2d", "perben.waktu"), _STAF_BPKAD,
                ("perben.staf.spm", "perben.staf.waktu"), 0.24, wajib=("staf.mutu",)),
        _bidang("Bidang Akuntansi dan Pelaporan", G_EKO, ("akt.lkpd", "pimpinan.laporan"), _STAF_BPKAD, ("akt.staf.rekon", "staf.surat"), 0.18),
        _bidang("Bidang Aset", G_EKO, ("aset.kib", "aset.sertifikat"), _STAF_BPKAD,
                ("aset.staf.inventaris", "aset.staf.nilai"), 0.18),
    ),
)

_STAF_KECAMATAN = (
    (_OPERASIONAL, 2.0),
    (_Jabatan("Penata Layanan Operasional", G_SMA, pppk=1.0, lahir=(1982, 2000)), 1.0),
    (_Jabatan("Pengadministrasi Perkantoran", G_SMA, pppk=0.4, lahir=(1978, 2000)), 2.0),
    (_Jabatan("Pengolah Data dan Informasi", G_SMA + G_KOM, lahir=(1980, 2000)), 1.0),
)


def _seksi(nama: str, iki_kepala, iki_staf, bagian, wajib=()) -> _Unit:
    return _Unit(
        nama, _Jabatan("Kepala " + nama, G_ADM, lahir=MENENGAH), iki_kepala, staf=_STAF_KECAMATAN,
        iki_staf=iki_staf, iki_wajib=wajib, bagian=bagian,
    )


def _kecamatan(kelurahan: str | None, wajib: tuple[str, ...] = ("staf.prima",)) -> _Templat:
    unit = [
        _sekretariat("Sekretaris Camat", bagian=0.2),
        _seksi("Seksi Pemerintahan", ("kpem.adminduk", "kpem.waktu"), ("kec.staf.berkas", "kec.staf.loket"), 0.2, wajib),
        _seksi("Seksi Pelayanan Umum", ("kpu.izin", "pimpinan.laporan"), ("kec.staf.loket", "staf.surat"), 0.15, wajib),
        _seksi("Seksi Kesejahteraan Sosial", ("kesos.bansos", "pimpinan.laporan"), ("tambahan.dtsen", "staf.surat"), 0.1),
        _seksi("Seksi Ketenteraman dan Ketertiban Umum", ("trantib.patroli", "kec.trantib"), ("kec.staf.patroli", "staf.surat"), 0.1),
        _seksi("Seksi Pemberdayaan Masyarakat dan Desa", ("pmd.apbdes", "pimpinan.laporan"), ("staf.surat", "staf.laporan"), 0.1),
    ]
    if kelurahan:
        unit.append(
            _Unit(
                f"Kelurahan {kelurahan}",
                _Jabatan(f"Lurah {kelurahan}", G_ADM, lahir=MENENGAH),
                ("lurah.adminduk", "lurah.pbb", "pimpinan.laporan"),
                staf=_STAF_KECAMATAN,
                iki_staf=("kec.staf.berkas", "staf.surat", "staf.laporan"),
                iki_wajib=wajib,
                bagian=0.15,
            )
        )
    return _Templat(
        "kecamatan",
        _Jabatan("Camat {wilayah}", ("{}, S.STP., M.Si.", "{}, S.IP.", "{}, S.Sos., M.AP.", "{}, S.STP."), perempuan=0.25, lahir=(1970, 1985)),
        ("kec.paten", "kec.desa", "kec.trantib"),
        tuple(unit),
    )


def _puskesmas_templat() -> _Templat:
    return _Templat(
        "uptd",
        _PUSKESMAS_KEPALA,
        ("pkm.kunjungan", "pkm.ikm", "pkm.idl"),
        (
            _Unit("Sub Bagian Tata Usaha", _Jabatan("Kepala Sub Bagian Tata Usaha", G_KES + G_ADM, lahir=(1975, 1988)),
                  ("umpeg.layanan", "keu.laporan"), staf=STAF_UMUM, iki_staf=("umpeg.staf.data", "staf.surat"), bagian=0.15),
            _Unit("Pelayanan Kesehatan", _Jabatan("Dokter Ahli Muda", G_DOKTER, perempuan=0.6, lahir=(1978, 1990)),
                  ("pkm.kunjungan", "pkm.ikm"), staf=_STAF_PUSKESMAS, iki_staf=_PUSKESMAS_IKI_STAF, bagian=0.5),
            _Unit("Upaya Kesehatan Masyarakat", _Jabatan("Penyuluh Kesehatan Masyarakat Ahli Muda", G_KES, perempuan=0.6, lahir=(1975, 1990)),
                  ("pkm.idl", "kesmas.k6"), staf=_STAF_PUSKESMAS + _STAF_KESMAS,
                  iki_staf=("pkm.staf.anc", "pkm.staf.imun", "kesmas.staf.posyandu", "kesmas.staf.penyuluhan"), bagian=0.35),
        ),
    )


def _sekolah_templat() -> _Templat:
    return _Templat(
        "uptd",
        _Jabatan("Kepala {wilayah}", ("{}, S.Pd., M.Pd.", "{}, S.Pd.", "Drs. {}, M.Pd."), perempuan=0.5, lahir=(1968, 1982)),
        ("sekolah.lulus", "sekolah.pbm", "pimpinan.laporan"),
        (
            _Unit("Tata Usaha", _Jabatan("Kepala Tata Usaha", G_ADM, lahir=(1975, 1990)), ("umpeg.layanan", "umpeg.arsip"),
                  staf=((_ADM_PPPK, 2.0), (_OPERASIONAL, 1.0)), iki_staf=("staf.surat", "umpeg.staf.arsip"), bagian=0.12),
            _Unit("Kurikulum", _Jabatan("Wakil Kepala Sekolah Bidang Kurikulum", G_GURU, lahir=(1972, 1988)),
                  ("sekolah.pbm", "guru.tuntas"), staf=_GURU, iki_staf=_GURU_IKI, iki_wajib=("guru.mutu",), bagian=0.46),
            _Unit("Kesiswaan", _Jabatan("Wakil Kepala Sekolah Bidang Kesiswaan", G_GURU, lahir=(1972, 1988)),
                  ("sekolah.lulus", "pimpinan.laporan"), staf=_GURU, iki_staf=_GURU_IKI, bagian=0.42),
        ),
    )


@dataclass(frozen=True)
class _Rencana:
    """One instansi to build: its code, name, template, size and where its kepala's atasan sits."""

    kode: str
    nama: str
    templat: _Templat
    ukuran: int
    wilayah: str
    atasan: tuple[str, str] | None  # (kode_instansi, unit nama) of the atasan; "" = the kepala


_INTI = (
    ("SETDA", "Sekretariat Daerah Kabupaten Mamuju", SETDA, 34, "", None),
    ("DINKES", "Dinas Kesehatan", DINKES, 52, "", ("SETDA", "")),
    ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", DISDIKBUD, 56, "", ("SETDA", "")),
    ("DINSOS", "Dinas Sosial", DINSOS, 30, "", ("SETDA", "")),
    ("BKPP", "Badan Kepegawaian, Pendidikan dan Pelatihan", BKPP, 30, "", ("SETDA", "")),
    ("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", BAPPERIDA, 28, "", ("SETDA", "")),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", BPKAD, 32, "", ("SETDA", "")),
    ("KEC-KALUKKU", "Kecamatan Kalukku", _kecamatan("Kalukku"), 22, "Kalukku", ("SETDA", "")),
    ("KEC-TAPALANG", "Kecamatan Tapalang", _kecamatan(None), 16, "Tapalang", ("SETDA", "")),
)
_KECAMATAN_LAIN = ("Mamuju", "Simboro", "Kepulauan Bala Balakang", "Papalang", "Sampaga", "Tommo", "Kalumpang", "Bonehau", "Tapalang Barat")
_PUSKESMAS_LAIN = ("Bambu", "Beru-Beru", "Kalukku", "Tapalang", "Papalang", "Sampaga", "Tommo", "Kalumpang", "Bonehau", "Rangas", "Karema", "Lebani")
_TEMPLAT_KECAMATAN = _kecamatan(None)
_TEMPLAT_PUSKESMAS = _puskesmas_templat()
_TEMPLAT_SMP = _sekolah_templat()


def _jumlah_struktural(t: _Templat) -> int:
    def hitung(units):
        return sum((u.kepala is not None) + hitung(u.sub) for u in units)

    return 1 + hitung(t.unit)


def pegawai_minimum() -> int:
    """The smallest `pegawai` the generator accepts: every core position filled plus one staf each."""
    return sum(_jumlah_struktural(t) + 1 for _, _, t, _, _, _ in _INTI)


def _bagi(total: int, bobot: np.ndarray) -> np.ndarray:
    """Split `total` into whole parts proportional to `bobot` (largest remainder; ties by order)."""
    bobot = np.asarray(bobot, dtype=float)
    if total <= 0 or bobot.sum() <= 0:
        return np.zeros(len(bobot), dtype=np.int64)
    ideal = bobot / bobot.sum() * total
    base = np.floor(ideal).astype(np.int64)
    sisa = total - base.sum()
    order = np.lexsort((np.arange(len(bobot)), -(ideal - base)))
    base[order[:sisa]] += 1
    return base


def _rencana(pegawai: int, rng: np.random.Generator) -> list[_Rencana]:
    minimum = pegawai_minimum()
    if pegawai < minimum:
        raise ValueError(f"data contoh memerlukan sedikitnya {minimum} pegawai (diminta {pegawai})")
    struktural = np.array([_jumlah_struktural(t) + 1 for _, _, t, _, _, _ in _INTI])
    dasar = np.array([u for _, _, _, u, _, _ in _INTI])
    inti_total = pegawai if pegawai <= PEGAWAI_BAWAAN else int(round(PEGAWAI_BAWAAN * (pegawai / PEGAWAI_BAWAAN) ** 0.5))
    if inti_total == PEGAWAI_BAWAAN:
        ukuran = dasar.copy()
    else:
        ukuran = struktural + _bagi(inti_total - struktural.sum(), np.maximum(dasar - struktural, 1))
    sisa = pegawai - inti_total
    if 0 < sisa < 60:  # too few for an extra unit: the core takes them
        ukuran = ukuran + _bagi(sisa, np.maximum(dasar - struktural, 1))
        sisa = 0
    plan = [_Rencana(k, n, t, int(s), w, a) for (k, n, t, _, w, a), s in zip(_INTI, ukuran)]
    nomor = {"kec": 0, "pkm": 0, "smp": 0}
    i = 0
    while sisa > 0:
        jenis = ("pkm", "smp", "kec")[i % 3]
        i += 1
        lo, hi = {"pkm": (40, 121), "smp": (30, 81), "kec": (25, 61)}[jenis]
        s = int(rng.integers(lo, hi))
        if sisa - s < 25:
            s = sisa
        nomor[jenis] += 1
        n = nomor[jenis]
        if jenis == "kec":
            wilayah = _KECAMATAN_LAIN[n - 1] if n <= len(_KECAMATAN_LAIN) else f"Wilayah {n:03d}"
            kode = "KEC-" + (wilayah.upper().replace(" ", "-") if n <= len(_KECAMATAN_LAIN) else f"{n:03d}")
            plan.append(_Rencana(kode, f"Kecamatan {wilayah}", _TEMPLAT_KECAMATAN, s, wilayah, ("SETDA", "")))
        elif jenis == "pkm":
            wilayah = _PUSKESMAS_LAIN[n - 1] if n <= len(_PUSKESMAS_LAIN) else f"Wilayah {n:03d}"
            plan.append(_Rencana(f"PKM-{n:03d}", f"UPTD Puskesmas {wilayah}", _TEMPLAT_PUSKESMAS, s, wilayah, ("DINKES", "")))
        else:
            wilayah = f"SMP Negeri {n + 1} Mamuju"
            plan.append(_Rencana(f"SMPN-{n:03d}", f"UPTD {wilayah}", _TEMPLAT_SMP, s, wilayah,
                                 ("DISDIKBUD", "Bidang Pembinaan Sekolah Menengah Pertama")))
        sisa -= s
    return plan


# ---------------------------------------------------------------------------------------------
# Pegawai

_LAKI = (
    "Muhammad", "Muh.", "Ahmad", "Abdul Rahman", "Abdul Haris", "Syamsul", "Hasanuddin", "Darmawan", "Ridwan",
    "Irwan", "Arifin", "Baharuddin", "Syahrir", "Rahmat", "Fadli", "Akbar", "Aswar", "Ikhsan", "Nasrullah",
    "Jufri", "Hamzah", "Rusdi", "Sudirman", "Mustari", "Nurdin", "Sahabuddin", "Kamaruddin", "Zainal", "Firman",
    "Haerul", "Amiruddin", "Basri", "Taufik", "Yusuf", "Asdar", "Muliadi", "Saharuddin", "Arsyad", "Burhanuddin",
    "Syarifuddin", "Jamaluddin", "Mansyur", "Alimuddin", "Herman", "Suardi", "Agus", "Hendra", "Wahyu", "Rizal",
    "Fajar", "Adnan", "Ilham", "Irfan", "Aco", "Tamrin", "Marzuki", "Sutrisno", "Slamet", "Wahyudi", "Yohanis",
    "Markus", "Arham", "Rustam", "Safaruddin", "Nasir", "Kaharuddin", "Masdar", "Sukri", "Anshar", "Syaiful",
)
_PEREMPUAN = (
    "Sitti", "St.", "Nurhaliza", "Nurhayati", "Hasnah", "Rahmawati", "Sri Wahyuni", "Fatmawati", "Hasmawati",
    "Nurjannah", "Darmawati", "Hartati", "Kasmawati", "Marlina", "Mardiana", "Suriani", "Nurul Fadhilah",
    "Ayu Lestari", "Indah", "Fitriani", "Rosmiati", "Hajrah", "Murniati", "Asmira", "Ernawati", "Jumriati",
    "Nurfadillah", "Musdalifah", "Irmawati", "Yuliana", "Haslinda", "Nurhidayah", "Ratnawati", "Risnawati",
    "Herlina", "Darmiati", "Suharni", "Kurniati", "Hadijah", "Mutmainnah", "Syamsiah", "Amelia", "Dewi Sartika",
    "Nurlela", "Endang", "Sri Rahayu", "Yuliani", "Martha", "Ribka", "Asriani", "Nurmala", "Sukmawati", "Wahida",
)
_BELAKANG = (
    "Rahman", "Hamid", "Saleh", "Latif", "Tahir", "Hafid", "Malik", "Said", "Arief", "Basir", "Amir", "Kadir",
    "Syam", "Ramli", "Nawir", "Jalil", "Mustafa", "Hakim", "Rauf", "Mappasere", "Pabeta", "Paewai", "Pasolang",
    "Rante", "Tandi", "Makkasau", "Sulaiman", "Djafar", "Haris", "Anwar", "Ismail", "Ibrahim", "Yunus",
    "Bachtiar", "Husain", "Nurdin", "Hasan", "Sanusi", "Baso", "Lopa", "Patawari", "Djalaluddin", "Mappiare",
    "Sappe", "Tammu", "Lolo", "Taha", "Manggaukang", "Rasyid", "Dahlan",
)

_KELAS = ("normal", "unggul", "lemah", "absen", "baru", "disiplin")
_KELAS_P = np.array([0.62, 0.15, 0.10, 0.04, 0.04, 0.05])
# Organisations differ: a strong BPKAD, a struggling Tapalang and Dinas Sosial.
_KELAS_P_INSTANSI = {
    "BPKAD": np.array([0.45, 0.38, 0.05, 0.04, 0.04, 0.04]),
    "KEC-TAPALANG": np.array([0.45, 0.05, 0.25, 0.05, 0.05, 0.15]),
    "DINSOS": np.array([0.55, 0.10, 0.20, 0.05, 0.05, 0.05]),
}


@dataclass
class _Pegawai:
    inst: np.ndarray  # index into plan
    unit_kerja: np.ndarray  # object
    jabatan: np.ndarray  # object
    spec: np.ndarray  # index into specs
    level: np.ndarray  # 0 kepala, 1 head, 2 sub head, 3 ketua tim, 4 staf
    atasan: np.ndarray  # row index or -1
    role: np.ndarray  # index into roles
    specs: list[_Jabatan]
    roles: list[tuple[tuple[str, ...], tuple[str, ...], int]]  # (wajib, pool, staf?)
    nip: np.ndarray | None = None  # object, 18-digit text
    nama: np.ndarray | None = None
    pppk: np.ndarray | None = None
    kelas: np.ndarray | None = None  # index into _KELAS: how this pegawai performs this year
    gaya_penilai: np.ndarray | None = None  # 0 lenient, 1 strict, 2 plain (as a rater)


def _ketua_tim(nama: str) -> str:
    for a, b in (("Ahli Pertama", "Ahli Muda"), ("Terampil", "Mahir"), ("Mahir", "Penyelia")):
        if nama.endswith(a):
            return nama[: -len(a)] + b
    return nama


def _struktur(plan: list[_Rencana], rng: np.random.Generator) -> _Pegawai:
    """Positions of every instansi: who heads what and who reports to whom (no names yet)."""
    specs: dict[_Jabatan, int] = {}
    roles: dict[tuple, int] = {}

    def spec_id(j: _Jabatan) -> int:
        return specs.setdefault(j, len(specs))

    def role_id(wajib, pool, staf) -> int:
        return roles.setdefault((tuple(wajib), tuple(pool), staf), len(roles))

    cols = {k: [] for k in ("inst", "unit_kerja", "jabatan", "spec", "level", "atasan", "role")}
    n_total = 0
    kepala_of: dict[tuple[str, str], int] = {}
    pending_atasan: list[tuple[int, tuple[str, str] | None]] = []

    def add(inst, unit_kerja, jabatan, spec, level, atasan, role):
        nonlocal n_total
        n = len(spec) if isinstance(spec, np.ndarray) else 1
        as_arr = lambda v, dt=None: v if isinstance(v, np.ndarray) else np.full(n, v, dtype=dt)  # noqa: E731
        cols["inst"].append(as_arr(inst, np.int64))
        cols["unit_kerja"].append(as_arr(unit_kerja, object))
        cols["jabatan"].append(as_arr(jabatan, object))
        cols["spec"].append(as_arr(spec, np.int64))
        cols["level"].append(as_arr(level, np.int64))
        cols["atasan"].append(as_arr(atasan, np.int64))
        cols["role"].append(as_arr(role, np.int64))
        first = n_total
        n_total += n
        return first

    for i, r in enumerate(plan):
        t = r.templat
        fmt = lambda s: s.replace("{wilayah}", r.wilayah)  # noqa: E731
        iki_kepala = t.iki_kepala if t.jenis == "sekretariat" else t.iki_kepala + ("kepala.anggaran", "kepala.sakip")
        kepala = add(i, r.nama, fmt(t.kepala.nama), spec_id(t.kepala), 0, -1, role_id(iki_kepala, (), 0))
        kepala_of[(r.kode, "")] = kepala
        pending_atasan.append((kepala, r.atasan))
        staf_units: list[tuple[_Unit, int, str]] = []

        def walk(units, parent, depth):
            for u in units:
                head = parent
                if u.kepala is not None:
                    # Every head also reports on the unit and, outside the Sekretariat, its budget.
                    iki_head = u.iki_kepala + tuple(
                        k for k in ("pimpinan.laporan", "pimpinan.anggaran")
                        if k not in u.iki_kepala and not (k == "pimpinan.anggaran" and "sek.anggaran" in u.iki_kepala)
                    )
                    head = add(i, fmt(u.nama), fmt(u.kepala.nama), spec_id(u.kepala), depth, parent, role_id(iki_head, (), 0))
                    kepala_of[(r.kode, u.nama)] = head
                if u.staf and u.bagian > 0:
                    staf_units.append((u, head, fmt(u.nama)))
                walk(u.sub, head, min(depth + 1, 2))

        walk(t.unit, kepala, 1)
        n_staf = r.ukuran - (n_total - kepala)
        jumlah = _bagi(n_staf, np.array([u.bagian for u, _, _ in staf_units]))
        for (u, head, unit_kerja), n in zip(staf_units, jumlah):
            if n == 0:
                continue
            jenis = np.array([spec_id(j) for j, _ in u.staf])
            jab = np.array([fmt(j.nama) for j, _ in u.staf], dtype=object)
            w = np.array([b for _, b in u.staf])
            idx = rng.choice(len(jenis), size=n, p=w / w.sum())
            role = role_id(u.iki_wajib, u.iki_staf, 1)
            # Large teams get ketua tim (a senior functional, listed first) between the head and
            # the staff.
            k = int(np.ceil(n / 10)) if n > 15 else 0
            if k:
                fungsional = np.array([(" Ahli " in j.nama or j.nama.endswith("Terampil")) for j, _ in u.staf])
                idx = idx[np.argsort(~fungsional[idx], kind="stable")]
            pilih, jab_pilih = jenis[idx], jab[idx]
            atasan = np.full(n, head, dtype=np.int64)
            level = np.full(n, 4, dtype=np.int64)
            if k:
                level[:k] = 3
                jab_pilih = jab_pilih.copy()
                jab_pilih[:k] = [_ketua_tim(j) for j in jab_pilih[:k]]
            first = add(i, unit_kerja, jab_pilih, pilih, level, atasan, role)
            if k:
                cols["atasan"][-1][k:] = first + (np.arange(n - k) % k)
    peg = _Pegawai(
        **{k: np.concatenate(v) for k, v in cols.items()},
        specs=list(specs),
        roles=list(roles),
    )
    for row, ref in pending_atasan:
        if ref is not None:
            peg.atasan[row] = kepala_of[ref]
    return peg


def _nama_dan_nip(peg: _Pegawai, rng: np.random.Generator) -> None:
    n = len(peg.spec)
    perempuan_p = np.array([s.perempuan for s in peg.specs])[peg.spec]
    pppk_p = np.array([s.pppk for s in peg.specs])[peg.spec]
    lahir_lo = np.array([s.lahir[0] for s in peg.specs])[peg.spec]
    lahir_hi = np.array([s.lahir[1] for s in peg.specs])[peg.spec]
    perempuan = rng.random(n) < perempuan_p
    pppk = (rng.random(n) < pppk_p) & (peg.level != 3)  # a ketua tim is a senior PNS
    tahun = lahir_lo + np.floor(rng.random(n) * (lahir_hi - lahir_lo + 1)).astype(np.int64)
    tahun = np.where(pppk, np.maximum(tahun, 1978), tahun)
    tahun = np.where(peg.level == 3, np.minimum(tahun, 1988), tahun)
    bulan = rng.integers(1, 13, n)
    hari_max = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[bulan]
    hari_max = hari_max + ((bulan == 2) & (tahun % 4 == 0)).astype(np.int64)
    hari = 1 + np.floor(rng.random(n) * hari_max).astype(np.int64)
    tmt = np.minimum(tahun + rng.integers(22, 31, n), 2024)
    tmt_bulan = np.array([1, 1, 1, 2, 3, 3, 4, 6, 10, 12])[rng.integers(0, 10, n)]
    angkat = np.array([2022, 2023, 2023, 2024, 2024, 2025])[rng.integers(0, 6, n)]
    gender = np.where(perempuan, 2, 1)
    seq = rng.integers(1, 60, n)
    kepala = tahun * 10**14 + bulan * 10**12 + hari * 10**10
    ekor = np.where(pppk, angkat * 10**6 + 21 * 10**4, tmt * 10**6 + tmt_bulan * 10**4) + gender * 1000
    nip = kepala + ekor + seq
    while True:  # resolve the rare clash by drawing another sequence number
        dup = pd.Series(nip).duplicated().to_numpy()
        if not dup.any():
            break
        nip[dup] = (kepala + ekor)[dup] + rng.integers(1, 1000, dup.sum())
    peg.nip = nip.astype(str).astype(object)

    depan = np.array(_PEREMPUAN, dtype=object)[rng.integers(0, len(_PEREMPUAN), n)]
    depan_l = np.array(_LAKI, dtype=object)[rng.integers(0, len(_LAKI), n)]
    depan = np.where(perempuan, depan, depan_l)
    belakang = np.array(_BELAKANG, dtype=object)[rng.integers(0, len(_BELAKANG), n)]
    punya_belakang = rng.random(n) < 0.75
    nama = np.where(punya_belakang, depan + " " + belakang, depan)
    andi = rng.random(n) < 0.09
    nama = np.where(andi, "Andi " + nama, nama)
    haji = (rng.random(n) < 0.3) & (tahun <= 1978)
    nama = np.where(haji & perempuan, "Hj. " + nama, np.where(haji, "H. " + nama, nama))
    pola = np.empty(n, dtype=object)
    for s, spec in enumerate(peg.specs):
        rows = np.flatnonzero(peg.spec == s)
        if len(rows):
            pola[rows] = np.array(spec.gelar, dtype=object)[rng.integers(0, len(spec.gelar), len(rows))]
    peg.nama = np.array([p.replace("{}", m) for p, m in zip(pola, nama)], dtype=object)
    peg.pppk = pppk


def _kelas(peg: _Pegawai, plan: list[_Rencana], rng: np.random.Generator) -> None:
    n = len(peg.spec)
    u = rng.random(n)
    kumulatif = np.stack([np.cumsum(_KELAS_P_INSTANSI.get(r.kode, _KELAS_P)) for r in plan])[peg.inst]
    kelas = (u[:, None] >= kumulatif).sum(axis=1).clip(0, len(_KELAS) - 1)
    # Pimpinan are not 'absen', 'baru' or 'disiplin' here: their stories are told by the staff.
    kelas = np.where((peg.level <= 1) & (kelas >= 3), 0, kelas)
    peg.kelas = kelas


# ---------------------------------------------------------------------------------------------
# Indikator


@dataclass
class _Indikator:
    peg: np.ndarray  # pegawai row
    key: np.ndarray  # catalogue row
    target: np.ndarray
    target_atas: np.ndarray  # NaN = none
    p: np.ndarray  # performance factor (1.0 = exactly on target)
    id: np.ndarray  # object
    induk: np.ndarray  # indikator row or -1
    bobot: np.ndarray  # NaN = none
    satuan: np.ndarray  # object
    jenis_rhk: np.ndarray  # object


def _pilih_iki(peg: _Pegawai, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(pegawai row, catalogue row) pairs, in pegawai order then the order they are listed."""
    pe, ke, urut = [], [], []
    generik = np.array([_KUNCI[k] for k in _GENERIK])
    for r, (wajib, pool, staf) in enumerate(peg.roles):
        rows = np.flatnonzero(peg.role == r)
        n = len(rows)
        if n == 0:
            continue
        pos = 0
        for k in wajib:
            pe.append(rows), ke.append(np.full(n, _KUNCI[k])), urut.append(np.full(n, pos))
            pos += 1
        if pool:
            pool_idx = np.array([_KUNCI[k] for k in pool])
            m = len(pool_idx)
            acak = np.argsort(rng.random((n, m)), axis=1)
            banyak = rng.integers(m - 1, m + 1, n) if m > 3 else np.full(n, m)
            for j in range(m):
                ambil = banyak > j
                pe.append(rows[ambil]), ke.append(pool_idx[acak[ambil, j]]), urut.append(np.full(ambil.sum(), pos + j))
            pos += m
        if staf:
            acak = np.argsort(-rng.random((n, len(generik))) * _GENERIK_BOBOT, axis=1)
            banyak = 1 + np.searchsorted(np.cumsum([0.25, 0.45, 0.3]), rng.random(n), side="right")
            for j in range(3):
                ambil = banyak > j
                pe.append(rows[ambil]), ke.append(generik[acak[ambil, j]]), urut.append(np.full(ambil.sum(), pos + j))
            pos += 3
        tambah = rng.random(n) < 0.12
        pilihan = np.array([_KUNCI[k] for k in _TAMBAHAN])[rng.integers(0, len(_TAMBAHAN), n)]
        pe.append(rows[tambah]), ke.append(pilihan[tambah]), urut.append(np.full(tambah.sum(), 99))
    pe, ke, urut = np.concatenate(pe), np.concatenate(ke), np.concatenate(urut)
    order = np.lexsort((urut, pe))
    pe, ke = pe[order], ke[order]
    keep = ~pd.DataFrame({"p": pe, "k": ke}).duplicated().to_numpy()
    return pe[keep], ke[keep]


def _indikator(peg: _Pegawai, plan: list[_Rencana], rng: np.random.Generator) -> _Indikator:
    pe, ke = _pilih_iki(peg, rng)
    n = len(pe)
    kat = KATALOG
    lo, hi, step = kat["lo"].to_numpy()[ke], kat["hi"].to_numpy()[ke], kat["step"].to_numpy()[ke]
    langkah = np.round((hi - lo) / step).astype(np.int64) + 1
    target = lo + step * np.floor(rng.random(n) * langkah)
    target = np.round(target, 2)
    atas = kat["atas"].to_numpy()[ke]

    kelas = peg.kelas[pe]
    u = rng.random(n)
    p = np.select(
        [kelas == 1, kelas == 2],
        [1.12 + 0.33 * u, 0.55 + 0.40 * u],
        0.93 + 0.23 * u,
    )
    profil = kat["profil"].to_numpy()[ke]
    lebih = profil == _PROFIL.index("lebih")
    p = np.where(lebih, (1.8 + 0.6 * rng.random(n)) * np.maximum(p, 0.9), p)

    # id_indikator: KODE-0001 numbered within the instansi, in pegawai order.
    inst = peg.inst[pe]
    first = np.r_[0, np.flatnonzero(np.diff(inst)) + 1]
    start = np.zeros(len(plan), dtype=np.int64)
    start[inst[first]] = first
    nomor = np.arange(n) - start[inst] + 1
    kode = np.array([r.kode for r in plan], dtype=object)
    width = max(4, len(str(int(nomor.max()))))
    ids = kode[inst] + "-" + np.char.zfill(nomor.astype(str), width).astype(object)

    satuan = kat["satuan"].to_numpy(dtype=object)[ke].copy()
    lupa = (rng.random(n) < 0.01) & (satuan != "")
    satuan[lupa] = ""  # an analyst's omission, beside the designed ones
    tambahan = kat["tambahan"].to_numpy()[ke]
    jenis = np.where(tambahan, "tambahan", "utama").astype(object)
    # One kecamatan types the codes as words, capitalised.
    ketik = kode[inst] == "KEC-TAPALANG"
    jenis = np.where(ketik, np.where(tambahan, "Tambahan", "Utama"), jenis).astype(object)

    # Explicit bobot: every pegawai of BAPPERIDA and about one in twenty elsewhere.
    berbobot_peg = (kode[peg.inst] == "BAPPERIDA") | (rng.random(len(peg.inst)) < 0.05)
    berbobot = berbobot_peg[pe]
    mentah = np.where(tambahan, 5.0, np.array([10.0, 15.0, 20.0, 25.0, 30.0])[rng.integers(0, 5, n)])
    # Most analysts make the weights add up to 100 (the remainder on the first IKI); some don't.
    total = np.bincount(pe, weights=mentah, minlength=len(peg.inst))[pe]
    seratus = np.round(mentah / total * 100)
    pertama = np.r_[True, pe[1:] != pe[:-1]]
    sisa = 100 - np.bincount(pe, weights=seratus, minlength=len(peg.inst))[pe]
    seratus = np.where(pertama, seratus + sisa, seratus)
    tak_positif = np.bincount(pe, weights=seratus <= 0, minlength=len(peg.inst))[pe] > 0
    genap = (rng.random(len(peg.inst)) < 0.8)[pe] & ~tak_positif
    bobot = np.where(berbobot, np.where(genap, seratus, mentah), np.nan)

    iki = _Indikator(pe, ke, target, atas, p, ids, np.full(n, -1), bobot, satuan, jenis)
    iki.induk = _kaskade(peg, iki, rng)
    return iki


def _kaskade(peg: _Pegawai, iki: _Indikator, rng: np.random.Generator) -> np.ndarray:
    """id_indikator_atasan: the atasan's IKI named by the template's induk, else one of them."""
    n = len(iki.peg)
    kat = KATALOG
    utama = ~kat["tambahan"].to_numpy()[iki.key]
    induk_key = kat["induk"].map(lambda k: _KUNCI.get(k, -1)).to_numpy()[iki.key]
    atasan = peg.atasan[iki.peg]
    rows = np.arange(n)
    cari = pd.DataFrame({"peg": iki.peg[utama], "key": iki.key[utama], "row": rows[utama]}).drop_duplicates(["peg", "key"])
    want = pd.DataFrame({"peg": atasan, "key": induk_key})
    hit = want.merge(cari, on=["peg", "key"], how="left")["row"].to_numpy()
    hit = np.where(np.isnan(hit), -1, hit).astype(np.int64)
    # Fallback: any utama IKI of the atasan (IKI rows of one pegawai are contiguous).
    utama_rows = rows[utama]
    peg_u = iki.peg[utama]
    awal = np.searchsorted(peg_u, atasan, side="left")
    akhir = np.searchsorted(peg_u, atasan, side="right")
    banyak = akhir - awal
    ada = (atasan >= 0) & (banyak > 0)
    pilih = np.where(ada, awal + np.floor(rng.random(n) * np.maximum(banyak, 1)).astype(np.int64), 0)
    cadangan = np.where(ada, utama_rows[np.minimum(pilih, len(utama_rows) - 1)], -1)
    u = rng.random(n)
    induk = np.where(hit >= 0, hit, np.where(u < 0.55, cadangan, -1))
    induk = np.where(utama & (atasan >= 0) & (u < 0.92), induk, -1)  # some links simply not filled in
    return induk


# ---------------------------------------------------------------------------------------------
# Realisasi


def _realisasi_matriks(peg: _Pegawai, iki: _Indikator, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Monthly realisasi (IKI × 12) and which months were reported."""
    n = len(iki.peg)
    kat = KATALOG
    profil = kat["profil"].to_numpy()[iki.key]
    turun = (kat["arah"].to_numpy()[iki.key] == "turun")
    persen = kat["satuan"].to_numpy()[iki.key] == "%"
    musim = np.stack([_MUSIM[m] / _MUSIM[m].mean() for m in _MUSIM])
    musim_idx = kat["musim"].map({m: i for i, m in enumerate(_MUSIM)}).to_numpy()[iki.key]
    T = iki.target[:, None]
    U = iki.target_atas[:, None]
    p = iki.p[:, None]
    acak = rng.random((n, 12))
    acak2 = rng.random((n, 12))
    bulan = np.arange(1, 13)[None, :]
    P = _PROFIL.index

    V = np.zeros((n, 12))
    hadir = np.ones((n, 12), dtype=bool)

    # Counts: annual target spread over months by season, stochastic rounding keeps the sum honest.
    ideal = T / 12 * musim[musim_idx] * p * (0.8 + 0.4 * acak)
    hitung = np.floor(ideal + acak2)
    m = (profil == P("hitung")) | (profil == P("lebih"))
    V[m] = hitung[m]

    # Documents: one per scheduled month (every 12/T months); weak staff miss some, strong add some.
    jarak = np.where(np.isin(iki.target, [1, 2, 3, 4, 6, 12]), 12 // np.maximum(iki.target, 1).astype(np.int64), 0)
    jadwal = (jarak[:, None] > 0) & (bulan % np.maximum(jarak[:, None], 1) == 0)
    dok = jadwal * 1.0
    dok = np.where(jadwal & (acak < (0.9 - p) * 1.5), 0.0, dok)
    dok = np.where(jadwal & (acak2 < (p - 1.08) * 1.2), dok + 1, dok)
    m = profil == P("dokumen")
    V[m] = dok[m]

    # Levels (percent, index, score): around target × p; lower-is-better mirrored.
    faktor = np.where(turun[:, None], 2 - p, p)
    tingkat = T * faktor * (0.97 + 0.06 * acak)
    tingkat = np.where(persen[:, None], np.minimum(tingkat, 100.0), tingkat)
    m = np.isin(profil, [P("persen"), P("tingkat"), P("semester")])
    V[m] = tingkat[m]
    m = profil == P("semester")
    hadir[m] = np.isin(bulan, [6, 12])[0][None, :].repeat(m.sum(), axis=0)

    # Cumulative percentages (realisasi anggaran): an S-curve towards target × p.
    pk = np.minimum(p, 100.0 / np.maximum(T, 1))
    kum = T * pk * _KURVA_KUMULATIF[None, :] * (0.97 + 0.06 * acak)
    kum = np.minimum(np.maximum.accumulate(kum, axis=1), 100.0)
    m = profil == P("kumulatif")
    V[m] = kum[m]

    # Durations (lower is better).
    waktu = T * (2 - p) * (0.85 + 0.3 * acak)
    m = profil == P("waktu")
    V[m] = np.maximum(waktu, 0.1)[m]

    # Zero targets: mostly nothing happens; weak units have incidents, maternal deaths happen.
    q = np.select([peg.kelas[iki.peg] == 1, peg.kelas[iki.peg] == 2], [0.0, 0.2], 0.05)[:, None]
    q = np.where((iki.key == _KUNCI["dinkes.aki"])[:, None], 0.3, q)
    nol = (acak < q) * (1.0 + (acak2 < 0.3))
    m = profil == P("nol")
    V[m] = nol[m]

    # Survey index with a range target, measured once a quarter.
    tengah = np.where(np.isnan(U), T, (T + U) / 2)
    indeks = tengah * p * (0.98 + 0.04 * acak)
    m = profil == P("indeks")
    V[m] = indeks[m]
    hadir[m] = (bulan % 3 == 0)[0][None, :].repeat(m.sum(), axis=0)

    # Always exactly 100: the copied, unmeasurable IKI.
    m = profil == P("tetap")
    V[m] = 100.0

    # Graduation rates exist from June on, the same figure every month.
    lulus = np.minimum(100.0, T * (0.99 + 0.03 * acak[:, :1])).repeat(12, axis=1)
    m = profil == P("lulus")
    V[m] = lulus[m]
    hadir[m] = (bulan >= 6)[0][None, :].repeat(m.sum(), axis=0)

    # Deviation with a range [0, U], lower is better.
    dev = np.nan_to_num(U) * (0.5 + (1 - p) * 3) * (0.8 + 0.4 * acak)
    m = profil == P("deviasi")
    V[m] = np.maximum(dev, 0.0)[m]

    desimal = np.isin(profil, [P("persen"), P("tingkat"), P("semester"), P("kumulatif"), P("waktu"), P("indeks"), P("lulus"), P("deviasi")])
    V = np.where(desimal[:, None], np.round(V, 2), V)
    V = np.maximum(V, 0.0)

    # Missed months: random gaps, weak staff skip more, 'absen' stopped reporting after September,
    # 'baru' joined in April, a few December reports are not in yet, and some IKI were never filled.
    kelas = peg.kelas[iki.peg][:, None]
    acak3 = rng.random((n, 12))
    gap = np.select([kelas == 1, kelas == 2], [0.01, 0.10], 0.03)
    gap = np.where(bulan == 12, gap + np.select([kelas == 1, kelas == 2], [0.02, 0.06], 0.04), gap)
    hadir &= acak3 >= gap
    hadir &= ~((kelas == 3) & (bulan >= 10))
    hadir &= ~((kelas == 4) & (bulan <= 3))
    lupa = (rng.random(n) < 0.01) & (profil != P("lebih"))
    hadir[lupa] = False
    return V, hadir


_AKHIRAN = np.array([""] + [f".{i:02d}".rstrip("0") for i in range(1, 100)], dtype=object)


def _format_angka(v: np.ndarray) -> np.ndarray:
    """Plain decimal text with `.` and at most 2 decimals, no trailing zeros (object array).

    Each distinct value is formatted once and shared, which keeps millions of rows cheap.
    """
    sen = np.rint(np.asarray(v, dtype=float) * 100).astype(np.int64)
    uniq, inv = np.unique(sen, return_inverse=True)
    teks = (uniq // 100).astype(str).astype(object) + _AKHIRAN[uniq % 100]
    return teks[inv.reshape(-1)]


def _tabel(kolom: dict) -> pd.DataFrame:
    """A frame of text columns kept as object arrays (cheap to build and to write)."""
    return pd.DataFrame({k: np.asarray(v, dtype=object) for k, v in kolom.items()}, dtype=object)


_BULAN = np.array([f"{TAHUN}-{m:02d}" for m in range(1, 13)], dtype=object)


def _realisasi_tabel(peg, iki, plan, V, hadir, rng) -> pd.DataFrame:
    r, c = np.nonzero(hadir)
    n = len(r)
    kelas = peg.kelas[iki.peg[r]]
    # People are consistent: habitual late reporters, a few who report before the month is over,
    # IKI whose evidence is always uploaded and IKI whose owner rarely bothers.
    n_peg, n_iki = len(peg.spec), len(iki.peg)
    lemah = np.isin(peg.kelas, [2, 3])
    telat_peg = np.where(lemah, 0.45, 0.15) > rng.random(n_peg)
    awal_peg = rng.random(n_peg) < 0.10
    gaya_bukti = np.searchsorted(np.cumsum([0.80, 0.12, 0.04]), rng.random(n_iki), side="right")  # link, scan, "Terlampir", none
    lalai_iki = rng.random(n_iki) < np.where(lemah[iki.peg], 0.6, 0.2)

    # tanggal_lapor: mostly the first ten days of the next month; some late, a few early, some empty.
    pr = iki.peg[r]
    u = rng.random(n)
    telat_p = np.where(telat_peg[pr], 0.45, 0.03)
    awal_p = np.where(awal_peg[pr], 0.4, 0.01)
    offset = np.floor(rng.random(n) * 10).astype(np.int64)
    offset = np.where(u < telat_p, 14 + np.floor(rng.random(n) * 50).astype(np.int64), offset)
    offset = np.where((u >= telat_p) & (u < telat_p + awal_p), -1 - np.floor(rng.random(n) * 3).astype(np.int64), offset)
    awal_bulan = (np.datetime64(f"{TAHUN}-01", "M") + np.arange(1, 13).astype("timedelta64[M]")).astype("datetime64[D]")
    hari = (awal_bulan[c] - awal_bulan[0]).astype(np.int64) + offset + 3  # days since 29 January
    kalender = np.datetime_as_string(awal_bulan[0] - 3 + np.arange(hari.max() + 1), unit="D").astype(object)
    tanggal = kalender[hari]
    kosong = rng.random(n) < 0.03
    tanggal[kosong] = ""

    # bukti_dukung: mostly a link to the e-Kinerja upload, some scans, some lazy, some none.
    ids = iki.id[r]
    bulan = _BULAN[c]
    gaya = gaya_bukti[r]
    ada = rng.random(n) >= np.where(lalai_iki[r], 0.35, 0.02)
    bukti = np.full(n, "", dtype=object)
    tautan = ada & (gaya == 0)
    awalan = "https://ekinerja.mamujukab.go.id/bukti/" + iki.id + "/"
    bukti[tautan] = awalan[r[tautan]] + bulan[tautan]
    scan = np.array([f"Scan_{b}.pdf" for b in _BULAN], dtype=object)
    bukti = np.where(ada & (gaya == 1), scan[c], bukti)
    bukti = np.where(ada & (gaya == 2), "Terlampir", bukti)

    kode = np.array([p.kode for p in plan], dtype=object)
    tanpa_nip = np.isin(kode[peg.inst[iki.peg[r]]], ["KEC-TAPALANG", "DINSOS"]) | (peg.inst[iki.peg[r]] >= len(_INTI))
    nip = np.where(tanpa_nip, "", peg.nip[iki.peg[r]])
    return _tabel(
        {
            "id_indikator": ids,
            "bulan": bulan,
            "realisasi": _format_angka(V[r, c]),
            "bukti_dukung": bukti,
            "tanggal_lapor": tanggal,
            "nip": nip,
        }
    )


# ---------------------------------------------------------------------------------------------
# Perilaku


def _perilaku(peg: _Pegawai, rng: np.random.Generator) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """Monthly BerAKHLAK scores by the atasan (and a peer now and then).

    Returns the table and, per (pegawai, month), the sum of the rows' mean scores and the row
    count, which the umpan balik uses.
    """
    n = len(peg.spec)
    u = rng.random(n)
    # Rater style of each pegawai when rating others: lenient, strict, or plain; some use halves.
    gaya = np.searchsorted([0.15, 0.30], u, side="right")  # 0 lenient, 1 strict, 2 plain
    bias = np.array([0.8, -0.55, 0.0])[gaya]
    setengah = rng.random(n) < 0.2
    # Atasan who have not rated yet: the latest triwulan, the first, or only December.
    telat = np.searchsorted(np.cumsum([0.84, 0.06, 0.05]), rng.random(n), side="right")
    dasar_kelas = np.array([3.7, 4.3, 3.2, 3.5, 3.6, 2.45])[peg.kelas]
    dasar = dasar_kelas + 0.5 * (rng.random(n) - 0.5)

    atasan = peg.atasan
    baris_p = np.repeat(np.arange(n), 12)
    baris_b = np.tile(np.arange(12), n)
    penilai = atasan[baris_p]
    st = np.where(penilai >= 0, telat[np.maximum(penilai, 0)], 0)
    ok = ~(((st == 1) & (baris_b >= 9)) | ((st == 2) & (baris_b <= 2)) | ((st == 3) & (baris_b == 11)))
    tanpa = rng.random(n) < 0.015  # never rated at all this year
    ok &= ~tanpa[baris_p]
    baris_p, baris_b, penilai = baris_p[ok], baris_b[ok], penilai[ok]

    # Peers: about one in twelve pegawai also get a colleague's rating each quarter.
    rekan_dari = np.flatnonzero((rng.random(n) < 0.08) & (atasan >= 0))
    urut = np.lexsort((np.arange(n), atasan))
    posisi = np.empty(n, dtype=np.int64)
    posisi[urut] = np.arange(n)
    tetangga = urut[np.minimum(posisi[rekan_dari] + 1, n - 1)]
    tetangga = np.where((atasan[tetangga] == atasan[rekan_dari]) & (tetangga != rekan_dari), tetangga, urut[np.maximum(posisi[rekan_dari] - 1, 0)])
    sah = (atasan[tetangga] == atasan[rekan_dari]) & (tetangga != rekan_dari)
    rekan_dari, tetangga = rekan_dari[sah], tetangga[sah]
    rp = np.repeat(rekan_dari, 4)
    rb = np.tile(np.array([2, 5, 8, 11]), len(rekan_dari))
    rn = np.repeat(tetangga, 4)

    P = np.concatenate([baris_p, rp])
    B = np.concatenate([baris_b, rb])
    R = np.concatenate([penilai, rn])
    order = np.lexsort((R, B, P))
    P, B, R = P[order], B[order], R[order]
    m = len(P)
    b = np.where(R >= 0, bias[np.maximum(R, 0)], 0.3)
    half = np.where(R >= 0, setengah[np.maximum(R, 0)], False)
    skor = dasar[P][:, None] + b[:, None] + (rng.random((m, 7)) - 0.5) * 1.2
    skor = np.where(half[:, None], np.round(skor * 2) / 2, np.round(skor))
    skor = np.clip(skor, 1, 5)

    # Per (pegawai, month): the sum of the rows' mean scores and the number of rows, so that a
    # period's mean weighs every row the same.
    sums = np.zeros((n, 12))
    cnt = np.zeros((n, 12))
    np.add.at(sums, (P, B), skor.mean(axis=1))
    np.add.at(cnt, (P, B), 1)

    kolom = {"nip": peg.nip[P], "bulan": _BULAN[B], "nip_penilai": np.where(R >= 0, peg.nip[np.maximum(R, 0)], "")}
    for j, aspek in enumerate(ASPEK_PERILAKU):
        kolom[aspek] = _format_angka(skor[:, j])
    tabel = _tabel(kolom)
    peg.gaya_penilai = gaya
    return tabel, (sums, cnt)


# ---------------------------------------------------------------------------------------------
# Target periodik, umpan balik, kinerja organisasi

_TW = {1: (0, 1, 2), 2: (3, 4, 5), 3: (6, 7, 8), 4: (9, 10, 11)}


@dataclass
class _TargetPeriodik:
    """The rows of target_periodik, numeric: IKI row, period code, target, target_atas (NaN)."""

    baris: np.ndarray
    periode: np.ndarray
    target: np.ndarray
    target_atas: np.ndarray


def _target_periodik(peg, iki, plan, rng) -> tuple[pd.DataFrame, _TargetPeriodik]:
    kat = KATALOG
    profil = kat["profil"].to_numpy()[iki.key]
    kode = np.array([p.kode for p in plan], dtype=object)[peg.inst[iki.peg]]
    blok = []  # (IKI rows, period code, targets, target_atas)

    def tambah(rows, periode, target, atas=np.nan):
        rows = np.asarray(rows, dtype=np.int64)
        blok.append((rows, np.full(len(rows), periode, dtype=object), np.broadcast_to(np.asarray(target, dtype=float), rows.shape),
                     np.broadcast_to(np.asarray(atas, dtype=float), rows.shape)))

    # Cumulative percentages get the planned share per triwulan, except where the analyst of
    # KEC-TAPALANG never filled them in; half of them restate the year's target for TW4.
    kum = np.flatnonzero((profil == _PROFIL.index("kumulatif")) & (kode != "KEC-TAPALANG"))
    for q, akhir in ((1, 2), (2, 5), (3, 8)):
        tambah(kum, f"{TAHUN}-TW{q}", np.round(iki.target[kum] * _KURVA_KUMULATIF[akhir], 2))
    tw4 = kum[rng.random(len(kum)) < 0.5]
    tambah(tw4, f"{TAHUN}-TW4", iki.target[tw4])
    # Seasonal counts get the triwulan share of their season (kenaikan pangkat in April and
    # October, SP2D piling up in December), except where the analysts of the Setda, Bapperida
    # and Tapalang left the derived target (annual × 3/12) in place.
    musim_iki = kat["musim"].to_numpy()[iki.key]
    tanpa = np.isin(kode, ["SETDA", "BAPPERIDA", "KEC-TAPALANG"])
    for nama, musim in _MUSIM.items():
        if not nama:
            continue
        rows = np.flatnonzero((musim_iki == nama) & ~tanpa)
        for q, bl in _TW.items():
            tambah(rows, f"{TAHUN}-TW{q}", np.maximum(1.0, np.round(iki.target[rows] * musim[list(bl)].sum() / musim.sum())))
    rows = np.flatnonzero((iki.key == _KUNCI["perben.sp2d"]) & ~tanpa)
    tambah(rows, f"{TAHUN}-12", np.round(iki.target[rows] * _MUSIM["akhir"][11] / _MUSIM["akhir"].sum()))
    # The survey IKI of the Setda: in semester I only the lower bound counts (no range).
    rows = np.flatnonzero(iki.key == _KUNCI["org.ikm"])
    tambah(rows, f"{TAHUN}-S1", iki.target[rows])
    # Maternal deaths: the zero target restated for the latest triwulan.
    rows = np.flatnonzero(iki.key == _KUNCI["dinkes.aki"])
    tambah(rows, f"{TAHUN}-TW4", 0.0)
    # A range for the first triwulan of the puskesmas survey, tighter than the year's.
    rows = np.flatnonzero(iki.key == _KUNCI["pkm.ikm"])[:2]
    tambah(rows, f"{TAHUN}-TW1", 78.0, 86.0)

    tp = _TargetPeriodik(*(np.concatenate([b[k] for b in blok]) for k in range(4)))
    urut_periode = pd.Series(tp.periode).rank(method="dense").to_numpy()
    order = np.lexsort((urut_periode, tp.baris))
    tp = _TargetPeriodik(tp.baris[order], tp.periode[order], tp.target[order], tp.target_atas[order])
    df = _tabel(
        {
            "id_indikator": iki.id[tp.baris],
            "periode": tp.periode,
            "target": _format_angka(tp.target),
            "target_atas": np.where(np.isnan(tp.target_atas), "", _format_angka(np.nan_to_num(tp.target_atas))),
        }
    )
    return df, tp


def _perkiraan_hasil(iki, V, hadir, bulan: tuple[int, ...], override: _TargetPeriodik, periode: str) -> np.ndarray:
    """The atasan's rough reading of each IKI in a period: 0 below, 1 as expected, 2 above.

    Only used to make the sample's umpan balik plausible (an atasan mostly agrees with what the
    numbers say); the methodology itself lives in capaian.nilai.
    """
    kat = KATALOG
    agg = kat["agregasi"].to_numpy()[iki.key]
    turun = kat["arah"].to_numpy()[iki.key] == "turun"
    b = list(bulan)
    Vs, Hs = V[:, b], hadir[:, b]
    cnt = Hs.sum(axis=1)
    jumlah = (Vs * Hs).sum(axis=1)
    rata = jumlah / np.maximum(cnt, 1)
    last_idx = np.where(Hs.any(axis=1), len(b) - 1 - np.argmax(Hs[:, ::-1], axis=1), 0)
    terakhir = Vs[np.arange(len(Vs)), last_idx]
    R = np.select([agg == "jumlah", agg == "rata_rata"], [jumlah, rata], terakhir)
    skala = np.where(agg == "jumlah", len(b) / 12, 1.0)
    T = iki.target * skala
    U = iki.target_atas * skala
    pakai = override.periode == periode
    T[override.baris[pakai]] = override.target[pakai]
    U[override.baris[pakai]] = override.target_atas[pakai]
    with np.errstate(divide="ignore", invalid="ignore"):
        def c_of(tt):
            return np.where(turun, (2 - R / tt) * 100, R / tt * 100)

        C = c_of(T)
        rentang = ~np.isnan(U)
        C = np.where(rentang & (R >= T) & (R <= U), 100.0, C)
        C = np.where(rentang & (R > U), c_of(U), C)
        C = np.where(T == 0, np.where(R == 0, 100.0, 0.0), C)
        C = np.where(rentang & (T == 0) & (R <= U), 100.0, C)
    C = np.clip(np.nan_to_num(C), 0, 120)
    kat_ = np.where(C >= 110, 2, np.where(C >= 90, 1, 0))
    return np.where(cnt > 0, kat_, 0)


def _rating_pegawai(peg, iki, kategori) -> np.ndarray:
    n = len(peg.spec)
    utama = ~KATALOG["tambahan"].to_numpy()[iki.key]
    jumlah = np.bincount(iki.peg[utama], minlength=n)
    atas = np.bincount(iki.peg[utama], weights=(kategori[utama] == 2), minlength=n)
    bawah = np.bincount(iki.peg[utama], weights=(kategori[utama] == 0), minlength=n)
    return np.where(bawah > jumlah / 2, 0, np.where((atas > jumlah / 2) & (bawah == 0), 2, 1))


_RATING_LABEL = ("Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi")
_RATING_KODE = ("di_bawah", "sesuai", "di_atas")
_CATATAN = {
    0: (
        "Beberapa indikator belum mencapai target triwulan; susun rencana tindak lanjut bersama atasan.",
        "Realisasi belum dilaporkan lengkap dan bukti dukung belum diunggah.",
        "Perlu peningkatan ketepatan waktu penyelesaian pekerjaan.",
    ),
    1: (
        "Hasil kerja sesuai target triwulan. Pertahankan dan lengkapi bukti dukung setiap bulan.",
        "Kinerja cukup baik; tingkatkan ketepatan waktu pelaporan realisasi bulanan.",
        "Sudah sesuai ekspektasi. Perlu lebih aktif berkoordinasi dengan rekan satu tim.",
        "",
    ),
    2: (
        "Capaian melampaui target, terima kasih atas dedikasinya.",
        "Inisiatif sangat baik dalam penyelesaian pekerjaan lintas bidang.",
        "Kinerja sangat baik; dapat menjadi contoh bagi rekan kerja.",
    ),
}


def _umpan_balik(peg, iki, V, hadir, perilaku_rata, override, plan, rng) -> tuple[pd.DataFrame, dict]:
    n = len(peg.spec)
    atasan = peg.atasan
    rows: list[tuple] = []  # (pegawai, periode, penilai, hasil, perilaku, catatan)
    catat: dict[str, list[str]] = {"naik_hasil": [], "turun_perilaku": [], "absen_disetujui": [], "banding": [], "baru_tw1": []}

    def label(k, kode_saja=False):
        return (_RATING_KODE if kode_saja else _RATING_LABEL)[k]

    info = {}
    for periode, bulan in ((f"{TAHUN}-TW4", _TW[4]), (f"{TAHUN}-TW1", _TW[1]), (f"{TAHUN}", tuple(range(12)))):
        kategori = _perkiraan_hasil(iki, V, hadir, bulan, override, periode)
        hasil = _rating_pegawai(peg, iki, kategori)
        jumlah_skor, jumlah_baris = perilaku_rata
        s = jumlah_skor[:, list(bulan)].sum(axis=1)
        c = jumlah_baris[:, list(bulan)].sum(axis=1)
        pr = np.where(c > 0, s / np.maximum(c, 1), np.nan)
        perilaku = np.where(np.isnan(pr), -1, np.where(pr >= 4.0, 2, np.where(pr >= 3.0, 1, 0)))
        info[periode] = (hasil, perilaku, pr)

    hasil4, perilaku4, pr4 = info[f"{TAHUN}-TW4"]
    hasil1, perilaku1, _ = info[f"{TAHUN}-TW1"]
    kelas = peg.kelas
    idx = np.arange(n)
    punya_atasan = atasan >= 0
    banyak = max(2, n // 100)  # designed overrides per kind

    # Designed overrides first (they win the (nip, periode) slot), each different from the numbers.
    # 1. Stopped reporting after September, but the atasan verified the work directly.
    calon = idx[(kelas == 3) & punya_atasan & (hasil4 == 0) & (perilaku4 >= 1)][:banyak]
    for i in calon:
        rows.append((i, f"{TAHUN}-TW4", atasan[i], "Sesuai Ekspektasi", label(perilaku4[i]),
                     "Realisasi Oktober–Desember belum terinput karena gangguan aplikasi e-Kinerja; hasil kerja telah diverifikasi langsung oleh atasan."))
        catat["absen_disetujui"].append(peg.nip[i])
    # 2. Good numbers, but misconduct: perilaku lowered.
    calon = idx[(perilaku4 == 2) & (pr4 >= 4.2) & punya_atasan & (kelas != 3)]
    calon = calon[np.argsort(rng.random(len(calon)), kind="stable")][:banyak]
    for i in calon:
        rows.append((i, f"{TAHUN}-TW4", atasan[i], label(hasil4[i]), "Di Bawah Ekspektasi",
                     "Tidak masuk kerja tanpa keterangan selama 8 hari kerja pada bulan November; telah diberikan teguran tertulis."))
        catat["turun_perilaku"].append(peg.nip[i])
    # 3. Weak numbers, raised by a lenient atasan.
    calon = idx[(kelas == 2) & (hasil4 == 0) & punya_atasan & (perilaku4 >= 1)]
    calon = calon[np.argsort(rng.random(len(calon)), kind="stable")][:banyak]
    for i in calon:
        rows.append((i, f"{TAHUN}-TW4", atasan[i], "sesuai ekspektasi", label(perilaku4[i]),
                     "Target triwulan tidak realistis karena anggaran kegiatan baru cair bulan Oktober; hasil kerja dinilai sesuai ekspektasi."))
        catat["naik_hasil"].append(peg.nip[i])
    # 4. On target, raised to above expectation.
    calon = idx[(hasil4 == 1) & (perilaku4 >= 1) & punya_atasan & (kelas == 0)]
    calon = calon[np.argsort(rng.random(len(calon)), kind="stable")][:banyak]
    for i in calon:
        rows.append((i, f"{TAHUN}-TW4", atasan[i], "Di Atas Ekspektasi", label(perilaku4[i]),
                     "Menjadi motor penyelesaian pemutakhiran data DTSEN di luar tugas pokok."))
        catat["naik_hasil"].append(peg.nip[i])
    # 5. Objection accepted by the atasan's own atasan: a strict rater's low perilaku lifted.
    atasan2 = np.where(punya_atasan, atasan[np.maximum(atasan, 0)], -1)
    calon = idx[(perilaku4 == 0) & (atasan2 >= 0) & (kelas != 5) & (hasil4 >= 1)][:banyak]
    for i in calon:
        rows.append((i, f"{TAHUN}-TW4", atasan2[i], "", "Sesuai Ekspektasi",
                     "Keberatan pegawai atas penilaian perilaku diterima atasan pejabat penilai kinerja."))
        catat["banding"].append(peg.nip[i])
    # 6. Joined in April: the first triwulan is judged on the handover, not on absent numbers.
    calon = idx[(kelas == 4) & punya_atasan & (hasil1 == 0)][:banyak]
    for i in calon:
        rows.append((i, f"{TAHUN}-TW1", atasan[i], "Sesuai Ekspektasi", "",
                     "Pegawai mutasi masuk; triwulan I dinilai dari laporan serah terima di unit asal."))
        catat["baru_tw1"].append(peg.nip[i])

    # The ordinary feedback: atasan who use the feature rate all their staff, mostly agreeing.
    u = rng.random(n)
    aktif4 = u < 0.35
    aktif1 = (u >= 0.35) & (u < 0.5)
    for periode, aktif, (hasil, perilaku, _) in (
        (f"{TAHUN}-TW4", aktif4, info[f"{TAHUN}-TW4"]),
        (f"{TAHUN}-TW1", aktif1, info[f"{TAHUN}-TW1"]),
    ):
        sel = idx[punya_atasan & aktif[np.maximum(atasan, 0)]]
        v = rng.random(len(sel))
        w = rng.integers(0, 3, len(sel))
        for i, vi, wi in zip(sel, v, w):
            h, p = hasil[i], perilaku[i]
            teks = _CATATAN[h][wi % len(_CATATAN[h])]
            if vi < 0.1:  # feedback only, no rating
                rows.append((i, periode, atasan[i], "", "", teks or "Sudah dibahas dalam pertemuan bulanan."))
            else:
                kode_saja = vi > 0.9
                rows.append((i, periode, atasan[i], label(h, kode_saja), label(p, kode_saja) if p >= 0 else "", teks))
    # The yearly feedback of every kepala OPD by the Sekretaris Daerah.
    hasil_t, perilaku_t, _ = info[f"{TAHUN}"]
    for i in idx[(peg.level == 0) & punya_atasan]:
        rows.append((i, f"{TAHUN}", atasan[i], label(hasil_t[i]), label(perilaku_t[i]) if perilaku_t[i] >= 0 else "",
                     "Evaluasi kinerja tahunan kepala perangkat daerah."))

    # The Sekretaris Daerah is assessed by the Bupati, who has no NIP.
    for i in idx[(peg.level == 0) & ~punya_atasan]:
        rows.append((i, f"{TAHUN}", -1, label(hasil_t[i]), label(perilaku_t[i]) if perilaku_t[i] >= 0 else "",
                     "Penilaian kinerja tahunan Sekretaris Daerah oleh Bupati Mamuju."))

    df = pd.DataFrame(rows, columns=["p", "periode", "r", "rating_hasil_kerja", "rating_perilaku", "catatan"])
    df = df.drop_duplicates(["p", "periode"], keep="first")
    df = df.sort_values(["p", "periode"], kind="stable")
    out = _tabel(
        {
            "nip": peg.nip[df["p"].to_numpy()],
            "periode": df["periode"].to_numpy(dtype=object),
            "nip_penilai": np.where(df["r"].to_numpy() >= 0, peg.nip[np.maximum(df["r"].to_numpy(), 0)], ""),
            "rating_hasil_kerja": df["rating_hasil_kerja"].to_numpy(dtype=object),
            "rating_perilaku": df["rating_perilaku"].to_numpy(dtype=object),
            "catatan": df["catatan"].to_numpy(dtype=object),
        }
    )
    return out, catat


_PREDIKAT_ORG = {
    "SETDA": {f"{TAHUN}-TW4": "Baik", f"{TAHUN}": "Baik"},
    "DINKES": {f"{TAHUN}-TW1": "Baik", f"{TAHUN}-TW4": "Baik", f"{TAHUN}": "baik"},
    "DISDIKBUD": {f"{TAHUN}-TW1": "Baik", f"{TAHUN}-TW4": "Butuh Perbaikan"},
    "DINSOS": {f"{TAHUN}-TW4": "butuh_perbaikan"},
    "BPKAD": {f"{TAHUN}-TW4": "Istimewa", f"{TAHUN}": "Istimewa"},
    "BAPPERIDA": {f"{TAHUN}": "Baik"},
    "KEC-KALUKKU": {f"{TAHUN}-TW1": "Butuh Perbaikan", f"{TAHUN}-TW4": "Baik"},
    "KEC-TAPALANG": {f"{TAHUN}-TW4": "Kurang"},
}


def _kinerja_organisasi(plan, rng) -> pd.DataFrame:
    rows = []
    for r in plan:
        for periode, predikat in _PREDIKAT_ORG.get(r.kode, {}).items():
            rows.append((r.kode, periode, predikat))
    extra = [r for r in plan[len(_INTI):]]
    pilih = rng.random(len(extra)) < 0.3
    nilai = np.array(["Baik", "Baik", "Baik", "Butuh Perbaikan", "Istimewa", "Kurang"], dtype=object)[rng.integers(0, 6, len(extra))]
    for r, ok, v in zip(extra, pilih, nilai):
        if ok:
            rows.append((r.kode, f"{TAHUN}-TW4", v))
    return _tabel({k: np.array([r[j] for r in rows], dtype=object) for j, k in enumerate(("kode_instansi", "periode", "predikat_organisasi"))})


# ---------------------------------------------------------------------------------------------
# Public API


@dataclass
class _Hasil:
    tables: dict[str, pd.DataFrame]
    catatan: dict[str, list[str]]


# The jenjang of a jabatan fungsional, read from the end of its name ("Pranata Komputer Mahir");
# struktural and pelaksana jabatan have none. Derived, not drawn: no random stream changes.
_AKHIRAN_JENJANG = (
    ("Ahli Pertama", "ahli_pertama"), ("Ahli Muda", "ahli_muda"), ("Ahli Madya", "ahli_madya"),
    ("Ahli Utama", "ahli_utama"), ("Pemula", "pemula"), ("Terampil", "terampil"), ("Mahir", "mahir"),
    ("Penyelia", "penyelia"),
)


def _jenjang(jabatan: np.ndarray) -> np.ndarray:
    unik, balik = np.unique(jabatan.astype(str), return_inverse=True)
    kode = np.array([next((k for a, k in _AKHIRAN_JENJANG if j.endswith(a)), "") for j in unik], dtype=object)
    return kode[balik]


def _bangun(pegawai: int, seed: int) -> _Hasil:
    from capaian.skema import nama_kolom  # pandera, only when tables are built

    tahap = lambda k: np.random.default_rng([seed, k])  # noqa: E731  one stream per stage
    plan = _rencana(pegawai, tahap(1))
    peg = _struktur(plan, tahap(2))
    _nama_dan_nip(peg, tahap(3))
    _kelas(peg, plan, tahap(4))
    iki = _indikator(peg, plan, tahap(5))
    V, hadir = _realisasi_matriks(peg, iki, tahap(6))
    realisasi = _realisasi_tabel(peg, iki, plan, V, hadir, tahap(7))
    perilaku, perilaku_rata = _perilaku(peg, tahap(8))
    target_periodik, override = _target_periodik(peg, iki, plan, tahap(9))
    umpan_balik, catatan = _umpan_balik(peg, iki, V, hadir, perilaku_rata, override, plan, tahap(10))
    kinerja = _kinerja_organisasi(plan, tahap(11))

    instansi = _tabel(
        {
            "kode_instansi": [r.kode for r in plan],
            "nama_instansi": [r.nama for r in plan],
            "jenis": [r.templat.jenis for r in plan],
        }
    )
    kode = np.array([r.kode for r in plan], dtype=object)
    pegawai_df = _tabel(
        {
            "nip": peg.nip,
            "nama": peg.nama,
            "kode_instansi": kode[peg.inst],
            "unit_kerja": peg.unit_kerja,
            "jabatan": peg.jabatan,
            "nip_atasan": np.where(peg.atasan >= 0, peg.nip[np.maximum(peg.atasan, 0)], ""),
            "jenjang": _jenjang(peg.jabatan),
        }
    )
    kat = KATALOG
    ke = iki.key
    indikator = _tabel(
        {
            "id_indikator": iki.id,
            "nip": peg.nip[iki.peg],
            "tahun": np.full(len(ke), str(TAHUN), dtype=object),
            "jenis_rhk": iki.jenis_rhk,
            "rencana_hasil_kerja": kat["rencana_hasil_kerja"].to_numpy(dtype=object)[ke],
            "indikator": kat["indikator"].to_numpy(dtype=object)[ke],
            "aspek": kat["aspek"].to_numpy(dtype=object)[ke],
            "satuan": iki.satuan,
            "target": _format_angka(iki.target),
            "target_atas": np.where(np.isnan(iki.target_atas), "", _format_angka(np.nan_to_num(iki.target_atas))),
            "arah": kat["arah"].to_numpy(dtype=object)[ke],
            "agregasi": kat["agregasi"].to_numpy(dtype=object)[ke],
            "bobot": np.where(np.isnan(iki.bobot), "", _format_angka(np.nan_to_num(iki.bobot))),
            "metode": kat["metode"].to_numpy(dtype=object)[ke],
            "id_indikator_atasan": np.where(iki.induk >= 0, iki.id[np.maximum(iki.induk, 0)], ""),
        }
    )
    tables = {
        "instansi": instansi,
        "pegawai": pegawai_df,
        "indikator": indikator,
        "realisasi": realisasi,
        "perilaku": perilaku,
        "umpan_balik": umpan_balik,
        "target_periodik": target_periodik,
        "kinerja_organisasi": kinerja,
    }
    for name, df in tables.items():
        tables[name] = df[nama_kolom(name)]  # the models' columns in contract order; a missing one raises
    catatan["penilai_longgar"] = list(peg.nip[np.flatnonzero(peg.gaya_penilai == 0)])
    catatan["penilai_ketat"] = list(peg.nip[np.flatnonzero(peg.gaya_penilai == 1)])
    return _Hasil(tables, catatan)


def generate_sample(pegawai: int = PEGAWAI_BAWAAN, seed: int = 2025) -> dict[str, pd.DataFrame]:
    """The eight tables of the data contract, as text exactly as the CSV files hold them.

    Keys are the table names in contract order; columns are the contract's, in its order. Every
    value is text (`str` dtype): NIPs as 18 digits, numbers plain with `.` decimals, empty cells as
    "". The same (pegawai, seed) always gives the same tables. `pegawai` must be at least
    `pegawai_minimum()` (the core positions of the nine instansi); beyond 300 the extra pegawai
    go into extra numbered units. Raises ValueError below the minimum.
    """
    return {name: df.astype("str") for name, df in _bangun(pegawai, seed).tables.items()}


def write_sample(directory, pegawai: int = PEGAWAI_BAWAAN, seed: int = 2025) -> list[Path]:
    """Write `NAME.csv` for each table into `directory` (created if needed); return the paths.

    UTF-8 without BOM, `,`-separated, `\\n` line endings, fields quoted only where needed:
    byte-identical on every run and every machine for the same arguments.

    Raises FolderContohBerisiData (nothing written) when `directory` already holds a file the
    reader would take as a table (`NAME.csv`, `NAME.xlsx`, `data.xlsx`, any case): the sample
    never mixes with a user's tables. The files are written into a hidden folder inside
    `directory` and moved in only once all are complete, so an interrupted run leaves no table
    file behind (the reader ignores hidden folders).
    """
    from capaian.baca import sumber_tabel
    from capaian.galat import FolderContohBerisiData

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)

    def refuse_if_data() -> None:
        ada = sumber_tabel(folder)
        if ada:
            raise FolderContohBerisiData(folder, [p.name for p in ada])

    refuse_if_data()
    tables = _bangun(pegawai, seed).tables
    with folder_kerja(folder, ".contoh-") as work:
        dibuat = list(TABEL_CONTOH)
        for name in dibuat:
            tulis_csv(tables[name], work / f"{name}.csv")
        refuse_if_data()  # a table saved there while the sample was being built
        paths = []
        for name in dibuat:
            path = folder / f"{name}.csv"
            os.replace(work / path.name, path)
            paths.append(path)
    return paths


_KHUSUS = (",", '"', "\n", "\r")


def _kutip(kolom: np.ndarray) -> np.ndarray:
    """Quote the values that need it, as the csv module's QUOTE_MINIMAL does."""
    gabung = "\x00".join(kolom)
    if not any(c in gabung for c in _KHUSUS):
        return kolom
    s = pd.Series(kolom, dtype=object)
    perlu = s.str.contains('[,"\n\r]', regex=True).to_numpy(dtype=bool)
    s[perlu] = '"' + s[perlu].str.replace('"', '""', regex=False) + '"'
    return s.to_numpy(dtype=object)


def tulis_csv(tabel: pd.DataFrame, path: Path) -> None:
    """Write a frame of text as CSV (UTF-8, `,`, `\\n`); the same bytes as pandas' to_csv, faster."""
    kolom = [_kutip(tabel[c].to_numpy(dtype=object)) for c in tabel.columns]
    baris = [",".join(tabel.columns)]
    baris.extend(map(",".join, zip(*kolom)))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(baris))
        f.write("\n")


def indikator_dengan_ciri(tables: dict[str, pd.DataFrame], ciri: str) -> list[str]:
    """id_indikator of the sample's IKI that carry one deliberate imperfection of `CIRI`.

    Matches on the catalogue wording (rencana hasil kerja and indikator), so it works on a
    generated or a bundled data set of any size.
    """
    kat = KATALOG.set_index("key")
    ind = tables["indikator"]
    pasangan = {(r.rencana_hasil_kerja, r.indikator): k for k, r in kat.iterrows()}
    kunci = [pasangan.get((a, b), "") for a, b in zip(ind["rencana_hasil_kerja"], ind["indikator"])]
    mau = set(CIRI[ciri])
    return [i for i, k in zip(ind["id_indikator"], kunci) if k in mau]
