"""The three settings files, each read strictly into one typed, validated object.

- `params/metodologi.yaml`: the scoring methodology, `Metodologi` via `load_metodologi`
  (docs/metodologi.md, bagian 0). Every number and table of the method lives in the file; code
  reads it from the object and never repeats it.
- `params/kualitas.yaml`: the thresholds of the indicator-quality checks, `AturanKualitas` via
  `load_aturan_kualitas`. The model has no defaults of its own: the packaged file is the default.
- `params/asumsi.yaml`: the assumptions-and-caveats log of the methodology review, via
  `load_asumsi` (one row per `Asumsi`).

The packaged files (`capaian.sumber`) are the defaults. A user's methodology or quality file is
merged over its default (mappings key by key, lists replaced whole), so a file holding only
`rating_hasil_kerja: {metode: rata_rata}` is a complete alternative.

All three go through one YAML reader (`read_yaml`: UTF-8, YAML syntax, a key written twice in one
mapping refused with its line) and one translator of pydantic's errors (`terjemah_galat`), so each
problem is a (key path, message) pair in Bahasa Indonesia: `ambang.sesuai`, `kurva.baik[2].maks`
(list positions count from 1, as a person counts). Errors: `MetodologiError`,
`AturanKualitasError`, `AsumsiError` (capaian.galat; the command ends with exit status 2).

Units: `capaian.batas_atas` and `ambang.*` are percent; `perilaku.ambang.*` are scores on the
1–5 scale; `kurva` bounds are fractions (0.70 = 70%); `angka_kredit` values are percent of the
koefisien; `koefisien_angka_kredit` values are angka kredit per year. Quality thresholds: see each field of `AturanKualitas`.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from capaian import sumber
from capaian.galat import AsumsiError, AturanKualitasError, AturanPerhatianError, GalatPengaturan, MetodologiError
from capaian.kode import JENJANG, PREDIKAT, PREDIKAT_ORGANISASI, RATING

BERKAS_BAWAAN = sumber.berkas_params("metodologi.yaml")
"""The packaged default methodology."""

# Where a working folder keeps its own settings (read before the packaged default, as the
# repository's top-level copies are).
BERKAS_ATURAN = "params/kualitas.yaml"
BERKAS_ASUMSI = "params/asumsi.yaml"
FOLDER_ALTERNATIF = "params/alternatif"


# =============================================================================================
# One strict YAML reader


class _KunciGanda(Exception):
    def __init__(self, loc: tuple, baris_pertama: int, baris: int):
        self.loc, self.baris_pertama, self.baris = loc, baris_pertama, baris


def _periksa_kunci_ganda(node: yaml.Node, loc: tuple, dilihat: set) -> None:
    """Raise _KunciGanda for the first key written twice in one mapping (PyYAML keeps the last
    one silently, so a second `sesuai:` would quietly override the first)."""
    if id(node) in dilihat:  # an alias of a node already walked
        return
    dilihat.add(id(node))
    if isinstance(node, yaml.MappingNode):
        pertama: dict = {}
        for knode, vnode in node.value:
            if isinstance(knode, yaml.ScalarNode) and knode.tag != "tag:yaml.org,2002:merge":
                kunci = (knode.tag, knode.value)
                if kunci in pertama:
                    raise _KunciGanda((*loc, knode.value), pertama[kunci] + 1, knode.start_mark.line + 1)
                pertama[kunci] = knode.start_mark.line
                _periksa_kunci_ganda(vnode, (*loc, knode.value), dilihat)
            else:
                _periksa_kunci_ganda(vnode, loc, dilihat)
    elif isinstance(node, yaml.SequenceNode):
        for i, anak in enumerate(node.value):
            _periksa_kunci_ganda(anak, (*loc, i), dilihat)


def read_yaml(
    path: str | Path,
    galat: type[GalatPengaturan],
    nama: str | None = None,
    jalur: Callable[[tuple], str] | None = None,
) -> Any:
    """The content of one YAML settings file (None for an empty file or comments only).

    Raises `galat` (one of the GalatPengaturan classes) naming `nama` (default: the path) where
    the file is missing, a folder, not UTF-8, not valid YAML (with line and column), or writes a
    key twice in one mapping (naming the key path, as `jalur` writes it, and both lines).
    """
    path = Path(path)
    nama = str(path) if nama is None else nama
    try:
        teks = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise galat([("", "berkas tidak ditemukan")], nama) from None
    except IsADirectoryError:
        raise galat([("", "ini sebuah folder, bukan berkas YAML")], nama) from None
    except UnicodeDecodeError:
        raise galat([("", "berkas bukan teks UTF-8")], nama) from None
    except OSError as e:
        raise galat([("", f"berkas tidak dapat dibaca ({e.strerror or e})")], nama) from None
    if teks in _ISI_TERBACA:  # the same text parsed before: a copy, so no caller changes another's
        return copy.deepcopy(_ISI_TERBACA[teks])
    loader = yaml.SafeLoader(teks)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _periksa_kunci_ganda(node, (), set())
        isi = loader.construct_document(node)
    except _KunciGanda as e:
        pesan = f"kunci '{e.loc[-1]}' ditulis lebih dari sekali (baris {e.baris_pertama} dan baris {e.baris}); hapus salah satunya"
        raise galat([((jalur or jalur_kunci)(e.loc), pesan)], nama) from None
    except yaml.YAMLError as e:
        tanda = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        letak = f"baris {tanda.line + 1}, kolom {tanda.column + 1}: " if tanda else ""
        alasan = getattr(e, "problem", None) or str(e)
        raise galat([("", f"YAML tidak sah: {letak}{alasan}")], nama) from None
    finally:
        loader.dispose()
    if len(_ISI_TERBACA) >= _ISI_TERBACA_MAKS:
        _ISI_TERBACA.pop(next(iter(_ISI_TERBACA)))  # the oldest
    _ISI_TERBACA[teks] = isi
    return copy.deepcopy(isi)


# The content of each settings text read without error, by its text (`read_yaml`): the suite and
# a batch of reports read the same few files hundreds of times, each parse ~10 ms. The file is
# still read every time, so a changed, removed or unreadable file is seen as before; a text that
# fails is never kept, so its error is raised every time.
_ISI_TERBACA: dict[str, Any] = {}
_ISI_TERBACA_MAKS = 64


def baca_pemetaan(path: str | Path, galat: type[GalatPengaturan], nama: str | None = None) -> dict[str, Any]:
    """A settings file that must hold a mapping (empty: `{}`), read strictly; `galat` names the file's kind."""
    data = read_yaml(path, galat, nama)
    if data is None:  # an empty file (or comments only) changes nothing
        return {}
    if not isinstance(data, dict):
        raise galat([("", "isi berkas harus berupa pemetaan 'kunci: nilai' di tingkat teratas")], str(path) if nama is None else nama)
    return data


def gabung(dasar: Mapping[str, Any], timpa: Mapping[str, Any]) -> dict[str, Any]:
    """Merge `timpa` over `dasar`: mappings key by key (recursively), anything else replaced whole."""
    hasil = dict(dasar)
    for k, v in timpa.items():
        if isinstance(v, Mapping) and isinstance(hasil.get(k), Mapping):
            hasil[k] = gabung(hasil[k], v)
        else:
            hasil[k] = v
    return hasil


# =============================================================================================
# One translator of pydantic's errors


def _angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def jalur_kunci(loc: tuple) -> str:
    """A key path as a person writes it: `kurva.baik[2].maks` (list positions count from 1)."""
    teks = ""
    for bagian in loc:
        if isinstance(bagian, int):
            teks += f"[{bagian + 1}]"
        else:
            teks += ("." if teks else "") + str(bagian)
    return teks


def _model_di(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the last key of `loc` (for listing the valid keys)."""
    for bagian in loc[:-1]:
        if isinstance(bagian, int):
            continue
        field = model.model_fields.get(bagian)
        if field is None:
            return None
        ann = field.annotation
        args = getattr(ann, "__args__", ())
        model = next((a for a in (ann, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if model is None:
            return None
    return model


_PESAN_JENIS = {
    "missing": "wajib ada",
    "float_type": "harus berupa angka",
    "int_type": "harus berupa bilangan bulat",
    "bool_type": "harus berupa ya/tidak (true/false)",
    "string_type": "harus berupa teks (beri tanda kutip, mis. \"2025.1\")",
    "dict_type": "harus berupa pemetaan 'kunci: nilai'",
    "model_type": "harus berupa pemetaan 'kunci: nilai'",
    "model_attributes_type": "harus berupa pemetaan 'kunci: nilai'",
    "list_type": "harus berupa daftar",
    "tuple_type": "harus berupa daftar",
    "finite_number": "harus berupa angka terhingga",
}


def terjemah_galat(e: ValidationError, model: type[BaseModel]) -> list[tuple[str, str]]:
    """Each of pydantic's errors for `model` as a (key path, Bahasa Indonesia message) pair."""
    return [_terjemah(err, model) for err in e.errors()]


def _terjemah(err: dict, model: type[BaseModel]) -> tuple[str, str]:
    loc = tuple(err.get("loc", ()))
    jenis = err.get("type", "")
    ctx = err.get("ctx") or {}
    if jenis == "extra_forbidden":
        induk = _model_di(model, loc)
        sah = f"; kunci yang sah: {', '.join(induk.model_fields)}" if induk else ""
        return jalur_kunci(loc), f"kunci tidak dikenal{sah}"
    if jenis == "literal_error":
        pilihan = str(ctx.get("expected", "")).replace(" or ", ", ")
        return jalur_kunci(loc), f"nilai {err.get('input')!r} tidak dikenal; pilihan: {pilihan}"
    if jenis == "urutan_ambang":
        return jalur_kunci((*loc, ctx["kunci"])), err["msg"]
    if jenis in _PESAN_JENIS:
        pesan = _PESAN_JENIS[jenis]
        if jenis == "missing" and model is Metodologi and loc and loc[0] == "predikat" and len(loc) == 3:
            pesan = f"sel matriks predikat tidak ada (hasil kerja {loc[1]} × perilaku {loc[2]})"
        return jalur_kunci(loc), pesan
    if ctx.get("error") is not None and jenis in ("value_error", "assertion_error"):
        return jalur_kunci(loc), str(ctx["error"])
    return jalur_kunci(loc), err.get("msg", "nilai tidak sah")


# =============================================================================================
# The methodology: params/metodologi.yaml

SYARAT = ("maks", "min", "lebih_dari")


class ModelKetat(BaseModel):
    """The base of every settings model: strict types, no unknown key, immutable."""

    # strict: "120" or `yes` where a number is expected is a mistake to report, not to coerce.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _bulat_jadi_float(v: Any) -> Any:
    # YAML writes 150 as an int; a whole number is a fine value for a float setting (a bool is not).
    return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


# A float setting that also accepts a whole number; everything else stays strict.
Angka = Annotated[float, BeforeValidator(_bulat_jadi_float)]


def _tidak_kosong(v: str) -> str:
    if not v.strip():
        raise ValueError("tidak boleh kosong")
    return v.strip()


# A text setting that must say something (kept without its edge spaces).
Isi = Annotated[str, AfterValidator(_tidak_kosong)]

KodeRating = Literal["di_atas", "sesuai", "di_bawah"]
KodePredikat = Literal["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
def _urutan_ambang(di_atas: float, sesuai: float) -> None:
    if not sesuai < di_atas:
        raise PydanticCustomError(
            "urutan_ambang",
            "harus lebih kecil dari di_atas ({sesuai} ≥ {di_atas})",
            {"kunci": "sesuai", "sesuai": _angka(sesuai), "di_atas": _angka(di_atas)},
        )


class Capaian(ModelKetat):
    batas_atas: float | None
    """Cap of one IKI's capaian, percent; None = no cap."""
    tanpa_realisasi: Literal["nol", "abaikan"]

    @field_validator("batas_atas")
    @classmethod
    def _positif(cls, v: float | None) -> float | None:
        if v is not None and not v > 0:
            raise PydanticCustomError("positif", "harus lebih besar dari 0 (atau null untuk tanpa batas)")
        return v


class _DuaAmbang(ModelKetat):
    """Two thresholds, `di_atas` above `sesuai`; each subclass says what range a threshold may take."""

    di_atas: float
    sesuai: float

    @model_validator(mode="after")
    def _urutan(self) -> _DuaAmbang:
        _urutan_ambang(self.di_atas, self.sesuai)
        return self


class Ambang(_DuaAmbang):
    """Category thresholds of one IKI, percent, compared with the capaian rounded to 2 decimals."""

    @field_validator("di_atas", "sesuai")
    @classmethod
    def _tidak_negatif(cls, v: float) -> float:
        if v < 0:
            raise PydanticCustomError("negatif", "tidak boleh negatif")
        return v


class RatingHasilKerja(ModelKetat):
    metode: Literal["proporsi", "rata_rata"]


class AmbangPerilaku(_DuaAmbang):
    """Thresholds on the mean BerAKHLAK score (1–5 scale), compared after rounding to 2 decimals."""

    @field_validator("di_atas", "sesuai")
    @classmethod
    def _skala(cls, v: float) -> float:
        if not 1 <= v <= 5:
            raise PydanticCustomError("skala", "harus di antara 1 dan 5 (skala skor perilaku)")
        return v


class Perilaku(ModelKetat):
    ambang: AmbangPerilaku


class BarisPredikat(ModelKetat):
    """One row of the predikat matrix: rating perilaku -> predikat."""

    di_bawah: KodePredikat
    sesuai: KodePredikat
    di_atas: KodePredikat


class MatriksPredikat(ModelKetat):
    """The predikat matrix: rating hasil kerja -> rating perilaku -> predikat (nine cells)."""

    di_atas: BarisPredikat
    sesuai: BarisPredikat
    di_bawah: BarisPredikat

    def sel(self, hasil_kerja: str, perilaku: str) -> str:
        return getattr(getattr(self, hasil_kerja), perilaku)


class AturanKurva(ModelKetat):
    """One distribution rule: the share (fraction 0–1) of pegawai whose predikat is in `predikat`.

    Exactly one of `maks` (share ≤ bound), `min` (share ≥ bound), `lebih_dari` (share > bound).
    """

    predikat: tuple[KodePredikat, ...]
    maks: float | None = None
    min: float | None = None
    lebih_dari: float | None = None

    @field_validator("predikat", mode="before")
    @classmethod
    def _daftar(cls, v: Any) -> Any:
        # YAML gives a list; strict mode would refuse it for a tuple field.
        if isinstance(v, list):
            v = tuple(v)
        if isinstance(v, tuple):
            if not v:
                raise PydanticCustomError("kosong", "daftar predikat tidak boleh kosong")
            if len(set(v)) != len(v):
                raise PydanticCustomError("ganda", "ada predikat yang ditulis lebih dari sekali")
        return v

    @field_validator("maks", "min", "lebih_dari")
    @classmethod
    def _pecahan(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v <= 1:
            raise PydanticCustomError(
                "pecahan", "porsi ditulis sebagai pecahan 0–1 (70% ditulis 0.70), bukan {nilai}", {"nilai": _angka(v)}
            )
        return v

    @model_validator(mode="after")
    def _satu_syarat(self) -> AturanKurva:
        ada = [s for s in SYARAT if getattr(self, s) is not None]
        if len(ada) != 1:
            raise PydanticCustomError("syarat", "tulis tepat satu syarat: maks, min atau lebih_dari")
        return self

    @property
    def syarat(self) -> str:
        return next(s for s in SYARAT if getattr(self, s) is not None)

    @property
    def batas(self) -> float:
        return getattr(self, self.syarat)


class Kurva(ModelKetat):
    """Distribution rules per organisation predikat."""

    istimewa: tuple[AturanKurva, ...]
    baik: tuple[AturanKurva, ...]
    butuh_perbaikan: tuple[AturanKurva, ...]
    kurang: tuple[AturanKurva, ...]
    sangat_kurang: tuple[AturanKurva, ...]

    @field_validator("*", mode="before")
    @classmethod
    def _daftar(cls, v: Any) -> Any:
        if v is None:
            return ()
        return tuple(v) if isinstance(v, list) else v

    def aturan(self, predikat_organisasi: str) -> tuple[AturanKurva, ...]:
        return getattr(self, predikat_organisasi)


class AngkaKredit(ModelKetat):
    """Percent of the angka kredit koefisien per predikat."""

    sangat_baik: float
    baik: float
    butuh_perbaikan: float
    kurang: float
    sangat_kurang: float

    @field_validator("*")
    @classmethod
    def _tidak_negatif(cls, v: float) -> float:
        if v < 0:
            raise PydanticCustomError("negatif", "tidak boleh negatif")
        return v


class KoefisienAngkaKredit(ModelKetat):
    """Annual angka kredit koefisien per jenjang jabatan fungsional (docs/metodologi.md bagian 10)."""

    pemula: float
    terampil: float
    mahir: float
    penyelia: float
    ahli_pertama: float
    ahli_muda: float
    ahli_madya: float
    ahli_utama: float

    @field_validator("*")
    @classmethod
    def _tidak_negatif(cls, v: float) -> float:
        if v < 0:
            raise PydanticCustomError("negatif", "tidak boleh negatif")
        return v


class Metodologi(ModelKetat):
    """The whole methodology, validated. Immutable: derive alternatives with `dengan()`."""

    versi: str
    capaian: Capaian
    ambang: Ambang
    rating_hasil_kerja: RatingHasilKerja
    perilaku: Perilaku
    predikat: MatriksPredikat
    kurva: Kurva
    angka_kredit: AngkaKredit
    koefisien_angka_kredit: KoefisienAngkaKredit

    @classmethod
    def dari_mapping(cls, data: Mapping[str, Any], berkas: str | None = None) -> Metodologi:
        """Validate a complete mapping (no merging); MetodologiError naming each bad key."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as e:
            raise MetodologiError(terjemah_galat(e, cls), berkas) from None

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape of the YAML file (for the manifest and for comparisons)."""
        return self.model_dump(mode="json", exclude_none=False, round_trip=True) | {
            "kurva": {
                org: [{"predikat": list(a.predikat), a.syarat: a.batas} for a in self.kurva.aturan(org)]
                for org in PREDIKAT_ORGANISASI
            }
        }

    def dengan(self, perubahan: Mapping[str, Any] | None = None, /, **kunci: Any) -> Metodologi:
        """An alternative methodology: `perubahan` and keyword keys merged over this one.

        Same merge as a `--banding` file: mappings key by key, lists replaced whole, e.g.
        `m.dengan(rating_hasil_kerja={"metode": "rata_rata"})` or
        `m.dengan({"capaian": {"batas_atas": None}})`.
        """
        tambahan = dict(perubahan or {}) | kunci
        return Metodologi.dari_mapping(gabung(self.to_dict(), tambahan), berkas="perubahan")


def load_metodologi(path: str | Path | None = None) -> Metodologi:
    """Load the methodology: the packaged default, or `path` merged over it.

    Raises MetodologiError (Bahasa Indonesia, naming the file and the key path) where the file
    cannot be read, is not valid YAML, writes a key twice, or its merged content is invalid.
    """
    dasar = baca_pemetaan(BERKAS_BAWAAN, MetodologiError, "metodologi bawaan")
    if path is None:
        return Metodologi.dari_mapping(dasar, "metodologi bawaan")
    path = Path(path)
    return Metodologi.dari_mapping(gabung(dasar, baca_pemetaan(path, MetodologiError)), str(path))


# =============================================================================================
# The quality thresholds: params/kualitas.yaml


class KeparahanCek(ModelKetat):
    """How urgent each quality check's findings are: 3 tinggi, 2 sedang, 1 rendah (one key per check
    of `capaian.kualitas.DAFTAR_CEK`; a test keeps the two lists equal)."""

    tanpa_satuan: int
    rumusan_tanpa_ukuran: int
    target_terlalu_mudah: int
    target_tidak_realistis: int
    capaian_seragam: int
    bulan_kosong: int
    lapor_terlambat: int
    tanpa_bukti: int
    lonjakan: int
    pencilan: int
    terakhir_mundur: int
    tanpa_iki_atasan: int
    iki_atasan_tanpa_dukungan: int
    rumusan_disalin: int
    bobot_tidak_100: int
    penilai_seragam: int
    penilai_longgar: int
    penilai_ketat: int

    @field_validator("*")
    @classmethod
    def _tingkat(cls, v: int) -> int:
        if v not in (1, 2, 3):
            raise ValueError("keparahan ditulis 1 (rendah), 2 (sedang) atau 3 (tinggi)")
        return v


class AturanKualitas(ModelKetat):
    """Thresholds of the quality checks. No value has a default here: the packaged
    `params/kualitas.yaml` gives every one (and says why), a user's file is merged over it."""

    hari_batas_lapor: int
    """Realisasi of month B is late when reported after this day of month B+1 (1-28)."""
    bukti_tidak_sah: tuple[str, ...]
    min_pegawai_kelompok: int
    jauh_di_atas: Angka
    """Capaian without cap at or above this (percent) is far above target."""
    jauh_di_bawah: Angka
    porsi_hampir_semua: Angka
    pengali_mad: Angka
    skala_relatif_min: Angka
    min_bulan_lonjakan: int
    toleransi_mundur: Angka
    min_salinan: int
    min_jabatan_salinan: int
    toleransi_bobot: Angka
    min_baris_penilai: int
    selisih_penilai: Angka
    kata_ukur: tuple[str, ...]
    keparahan: KeparahanCek
    """How urgent each check's findings are (the report opens with the most urgent)."""
    temuan_teratas: int
    """How many grouped findings per instansi the report opens with."""

    @field_validator("temuan_teratas")
    @classmethod
    def _teratas(cls, v: int) -> int:
        if v < 1:
            raise ValueError("harus paling sedikit 1")
        return v

    @field_validator("bukti_tidak_sah", "kata_ukur", mode="before")
    @classmethod
    def _daftar(cls, v: Any) -> Any:
        if isinstance(v, list):
            v = tuple(v)
        if isinstance(v, tuple) and not all(isinstance(x, str) for x in v):
            raise ValueError("harus berupa daftar teks")
        return tuple(x.strip().casefold() for x in v) if isinstance(v, tuple) else v

    @field_validator("hari_batas_lapor")
    @classmethod
    def _hari(cls, v: int) -> int:
        if not 1 <= v <= 28:
            raise ValueError("harus di antara 1 dan 28 (tanggal yang ada di setiap bulan)")
        return v

    @field_validator("porsi_hampir_semua")
    @classmethod
    def _porsi(cls, v: float) -> float:
        if not 0 < v <= 1:
            raise ValueError("porsi ditulis sebagai pecahan di atas 0 sampai 1 (80% ditulis 0.8)")
        return v

    @field_validator("min_pegawai_kelompok", "min_bulan_lonjakan", "min_salinan", "min_jabatan_salinan", "min_baris_penilai")
    @classmethod
    def _minimal(cls, v: int) -> int:
        if v < 2:
            raise ValueError("harus paling sedikit 2")
        return v

    @field_validator("pengali_mad", "selisih_penilai", "jauh_di_atas")
    @classmethod
    def _positif(cls, v: float) -> float:
        if not v > 0:
            raise ValueError("harus lebih besar dari 0")
        return v

    @field_validator("skala_relatif_min", "toleransi_mundur", "toleransi_bobot", "jauh_di_bawah")
    @classmethod
    def _tidak_negatif(cls, v: float) -> float:
        if v < 0:
            raise ValueError("tidak boleh negatif")
        return v

    @model_validator(mode="after")
    def _urutan(self) -> AturanKualitas:
        if not self.jauh_di_bawah < self.jauh_di_atas:
            raise ValueError("jauh_di_bawah harus lebih kecil dari jauh_di_atas")
        return self

    def dengan(self, **kunci: Any) -> AturanKualitas:
        """These thresholds with some keys changed, validated like a file, e.g.
        `a.dengan(hari_batas_lapor=15)`; raises AturanKualitasError."""
        return _aturan_dari_mapping(self.model_dump() | kunci, "perubahan")


def _aturan_dari_mapping(data: Mapping[str, Any], berkas: str | None) -> AturanKualitas:
    try:
        return AturanKualitas.model_validate(dict(data))
    except ValidationError as e:
        raise AturanKualitasError(terjemah_galat(e, AturanKualitas), berkas) from None


def berkas_aturan_bawaan() -> Path:
    """`params/kualitas.yaml` of the working folder where it exists, else the packaged default."""
    p = Path(BERKAS_ATURAN)
    return p if p.is_file() else sumber.berkas_params("kualitas.yaml")


@functools.cache
def aturan_kualitas_bawaan() -> AturanKualitas:
    """The packaged quality thresholds (what a library call without `aturan` uses)."""
    return _aturan_dari_mapping(baca_pemetaan(sumber.berkas_params("kualitas.yaml"), AturanKualitasError, "bawaan"), "bawaan")


def load_aturan_kualitas(path: str | Path | None = None) -> AturanKualitas:
    """The quality thresholds: `path` (default `berkas_aturan_bawaan()`) merged over the packaged
    defaults, so a file may give only some keys. Raises AturanKualitasError naming the key."""
    path = Path(path) if path is not None else berkas_aturan_bawaan()
    dasar = aturan_kualitas_bawaan().model_dump()
    return _aturan_dari_mapping(gabung(dasar, baca_pemetaan(path, AturanKualitasError)), str(path))


# =============================================================================================
# The attention list: params/perhatian.yaml

BERKAS_PERHATIAN = "params/perhatian.yaml"
ATURAN_PERHATIAN = (
    "predikat_sangat_kurang", "predikat_kurang", "predikat_butuh_perbaikan", "tanpa_realisasi", "belum_dinilai",
    "iki_di_bawah_ekspektasi", "iki_berisiko", "bulan_tidak_lapor", "aspek_perilaku_di_bawah_3", "rating_akhir_berbeda",
)


class AturanSkor(ModelKetat):
    """One rule of the attention score: `bobot` per occurrence, at most `maks` occurrences counted."""

    bobot: Angka
    maks: int
    dasar: str

    @field_validator("bobot")
    @classmethod
    def _tidak_negatif(cls, v: float) -> float:
        if v < 0:
            raise ValueError("tidak boleh negatif")
        return v

    @field_validator("maks")
    @classmethod
    def _maks(cls, v: int) -> int:
        if v < 1:
            raise ValueError("harus paling sedikit 1")
        return v

    @field_validator("dasar")
    @classmethod
    def _isi(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("tidak boleh kosong: tulis sumber atau alasan bobotnya")
        return v.strip()


class AturanPerhatian(ModelKetat):
    """The attention score of the rapor pages (docs/metodologi.md bagian 11): a rule per reason,
    and the score from which a pegawai is listed."""

    versi: str
    ambang_daftar: Angka
    aturan: dict[str, AturanSkor]

    @field_validator("aturan")
    @classmethod
    def _lengkap(cls, v: dict[str, AturanSkor]) -> dict[str, AturanSkor]:
        asing = sorted(set(v) - set(ATURAN_PERHATIAN))
        if asing:
            raise ValueError(f"aturan tidak dikenal: {', '.join(asing)}; pilihan: {', '.join(ATURAN_PERHATIAN)}")
        kurang = [k for k in ATURAN_PERHATIAN if k not in v]
        if kurang:
            raise ValueError(f"aturan belum ada: {', '.join(kurang)}")
        return {k: v[k] for k in ATURAN_PERHATIAN}


def berkas_perhatian_bawaan() -> Path:
    """`params/perhatian.yaml` of the working folder where it exists, else the packaged file."""
    p = Path(BERKAS_PERHATIAN)
    return p if p.is_file() else sumber.berkas_params("perhatian.yaml")


def load_aturan_perhatian(path: str | Path | None = None) -> AturanPerhatian:
    """The attention-score rules: `path` (default `berkas_perhatian_bawaan()`) merged over the
    packaged file. Raises AturanPerhatianError naming the key."""
    dasar = baca_pemetaan(sumber.berkas_params("perhatian.yaml"), AturanPerhatianError, "bawaan")
    path = Path(path) if path is not None else berkas_perhatian_bawaan()
    data = gabung(dasar, baca_pemetaan(path, AturanPerhatianError))
    try:
        return AturanPerhatian.model_validate(data)
    except ValidationError as e:
        raise AturanPerhatianError(terjemah_galat(e, AturanPerhatian), str(path)) from None


# =============================================================================================
# The assumptions-and-caveats log: params/asumsi.yaml


class Asumsi(ModelKetat):
    """One entry of `params/asumsi.yaml`."""

    kode: str
    topik: Isi
    asumsi: Isi
    sumber: Isi
    keyakinan: Literal["tinggi", "sedang", "rendah"]
    dampak: Isi
    kunci: str | None = None
    """The methodology key it lives under (e.g. `capaian.batas_atas`), if it is configurable."""
    banding: str | None = None
    """The `params/alternatif/` file (stem) that shows what changing it would do, if any."""

    @field_validator("kode")
    @classmethod
    def _kode(cls, v: str) -> str:
        if not re.fullmatch(r"A\d{2}", v):
            raise ValueError("kode ditulis A01, A02, ...")
        return v


KOLOM_ASUMSI = ["kode", "topik", "asumsi", "sumber", "keyakinan", "dampak", "kunci", "banding"]


def berkas_asumsi_bawaan() -> Path:
    """`params/asumsi.yaml` of the working folder where it exists, else the packaged log."""
    p = Path(BERKAS_ASUMSI)
    return p if p.is_file() else sumber.berkas_params("asumsi.yaml")


def berkas_alternatif_bawaan() -> list[Path]:
    """The alternatives to compare with: `params/alternatif/*.yaml` of the working folder where
    that folder exists, else the packaged ones; sorted by name."""
    folder = Path(FOLDER_ALTERNATIF)
    if not folder.is_dir():
        folder = sumber.folder_params("alternatif")
    return sorted(folder.glob("*.yaml"))


def _ada_kunci(d: dict, jalur: str) -> bool:
    for bagian in jalur.split("."):
        if not isinstance(d, dict) or bagian not in d:
            return False
        d = d[bagian]
    return True


def _jalur_entri(loc: tuple) -> str:
    # [0, "kode"] -> "entri ke-1: kode": the log is a list, and a person counts entries from 1.
    if loc and isinstance(loc[0], int):
        sisa = jalur_kunci(loc[1:])
        return f"entri ke-{loc[0] + 1}" + (f": {sisa}" if sisa else "")
    return jalur_kunci(loc)


def load_asumsi(path: str | Path | None = None, folder_alternatif: str | Path | None = None):
    """Load and validate the assumptions-and-caveats log; a DataFrame with one row per
    assumption (`KOLOM_ASUMSI`).

    The file is a YAML list of entries: kode (A01, ...; unique), topik, asumsi, sumber, keyakinan
    (tinggi | sedang | rendah), dampak, and optionally kunci (must name a key of the methodology)
    and banding (must name a file of `folder_alternatif`, default the shipped alternatives).
    Raises AsumsiError naming the entry and the key.
    """
    import pandas as pd  # here: reading the methodology or thresholds needs no pandas

    path = Path(path) if path is not None else berkas_asumsi_bawaan()
    nama = str(path)
    isi = read_yaml(path, AsumsiError, nama, jalur=_jalur_entri)
    if not isinstance(isi, list) or not isi:
        raise AsumsiError([("", "isi berkas harus berupa daftar entri yang tidak kosong")], nama)
    metodologi = load_metodologi().to_dict()
    if folder_alternatif is not None:
        alternatif = {p.stem for p in Path(folder_alternatif).glob("*.yaml")}
    else:
        alternatif = {p.stem for p in berkas_alternatif_bawaan()}
    entri, masalah = [], []
    for i, e in enumerate(isi, start=1):
        entri_ke = f"entri ke-{i}" + (f" ({e.get('kode')})" if isinstance(e, dict) and e.get("kode") else "")
        try:
            a = Asumsi.model_validate(e)
        except ValidationError as err:
            masalah += [(f"{entri_ke}: {k}" if k else entri_ke, p) for k, p in terjemah_galat(err, Asumsi)]
            continue
        if a.kunci is not None and not _ada_kunci(metodologi, a.kunci):
            masalah.append((f"{entri_ke}: kunci", f"'{a.kunci}' bukan kunci metodologi"))
        if a.banding is not None and a.banding not in alternatif:
            masalah.append((f"{entri_ke}: banding", f"'{a.banding}' tidak ada di folder alternatif ({', '.join(sorted(alternatif)) or 'kosong'})"))
        entri.append(a)
    kode = [a.kode for a in entri]
    for k in sorted({k for k in kode if kode.count(k) > 1}):
        masalah.append(("", f"kode {k} dipakai lebih dari sekali"))
    if masalah:
        raise AsumsiError(masalah, nama)
    return pd.DataFrame([a.model_dump() for a in entri], columns=KOLOM_ASUMSI)


# Every code the methodology refers to is one of the contract's codes; checked once at import so
# that a change in capaian.kode cannot silently drift from the Literal types above.
assert set(KodeRating.__args__) == set(RATING)
assert set(KodePredikat.__args__) == set(PREDIKAT)
assert set(Kurva.model_fields) == set(PREDIKAT_ORGANISASI)
assert set(AngkaKredit.model_fields) == set(PREDIKAT)
assert tuple(KoefisienAngkaKredit.model_fields) == JENJANG
