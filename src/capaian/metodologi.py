"""The scoring methodology: `params/metodologi.yaml` loaded into one typed, validated object.

Every number and table of the method (metodologi.md section 0) lives in the YAML file; code reads
it from the `Metodologi` object and never repeats it. `load_metodologi()` reads the packaged
default; `load_metodologi(path)` merges a user's file over that default (mappings key by key,
lists replaced whole), so a file holding only `rating_hasil_kerja: {metode: rata_rata}` is a
complete alternative.

Every problem is a `MetodologiError` whose message is in Bahasa Indonesia and names the key path
(`ambang.sesuai`, `kurva.baik[2].maks`; list positions count from 1, as a person counts).

Units: `capaian.batas_atas` and `ambang.*` are percent; `perilaku.ambang.*` are scores on the 1–5
scale; `kurva` bounds are fractions (0.70 = 70%); `angka_kredit` values are percent of the
koefisien.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from capaian.galat import MetodologiError
from capaian.kode import PREDIKAT, PREDIKAT_ORGANISASI, RATING

BERKAS_BAWAAN = Path(__file__).parent / "data" / "metodologi.yaml"

KodeRating = Literal["di_atas", "sesuai", "di_bawah"]
KodePredikat = Literal["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
SYARAT = ("maks", "min", "lebih_dari")


class _Model(BaseModel):
    # strict: "120" or `yes` where a number is expected is a mistake to report, not to coerce.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _urutan_ambang(di_atas: float, sesuai: float) -> None:
    if not sesuai < di_atas:
        raise PydanticCustomError(
            "urutan_ambang",
            "harus lebih kecil dari di_atas ({sesuai} ≥ {di_atas})",
            {"kunci": "sesuai", "sesuai": _angka(sesuai), "di_atas": _angka(di_atas)},
        )


class Capaian(_Model):
    batas_atas: float | None
    """Cap of one IKI's capaian, percent; None = no cap."""
    tanpa_realisasi: Literal["nol", "abaikan"]

    @field_validator("batas_atas")
    @classmethod
    def _positif(cls, v: float | None) -> float | None:
        if v is not None and not v > 0:
            raise PydanticCustomError("positif", "harus lebih besar dari 0 (atau null untuk tanpa batas)")
        return v


class Ambang(_Model):
    """Category thresholds of one IKI, percent, compared with the capaian rounded to 2 decimals."""

    di_atas: float
    sesuai: float

    @field_validator("di_atas", "sesuai")
    @classmethod
    def _tidak_negatif(cls, v: float) -> float:
        if v < 0:
            raise PydanticCustomError("negatif", "tidak boleh negatif")
        return v

    @model_validator(mode="after")
    def _urutan(self) -> Ambang:
        _urutan_ambang(self.di_atas, self.sesuai)
        return self


class RatingHasilKerja(_Model):
    metode: Literal["proporsi", "rata_rata"]


class AmbangPerilaku(_Model):
    """Thresholds on the mean BerAKHLAK score (1–5 scale), compared after rounding to 2 decimals."""

    di_atas: float
    sesuai: float

    @field_validator("di_atas", "sesuai")
    @classmethod
    def _skala(cls, v: float) -> float:
        if not 1 <= v <= 5:
            raise PydanticCustomError("skala", "harus di antara 1 dan 5 (skala skor perilaku)")
        return v

    @model_validator(mode="after")
    def _urutan(self) -> AmbangPerilaku:
        _urutan_ambang(self.di_atas, self.sesuai)
        return self


class Perilaku(_Model):
    ambang: AmbangPerilaku


class BarisPredikat(_Model):
    """One row of the predikat matrix: rating perilaku -> predikat."""

    di_bawah: KodePredikat
    sesuai: KodePredikat
    di_atas: KodePredikat


class MatriksPredikat(_Model):
    """The predikat matrix: rating hasil kerja -> rating perilaku -> predikat (nine cells)."""

    di_atas: BarisPredikat
    sesuai: BarisPredikat
    di_bawah: BarisPredikat

    def sel(self, hasil_kerja: str, perilaku: str) -> str:
        return getattr(getattr(self, hasil_kerja), perilaku)


class AturanKurva(_Model):
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


class Kurva(_Model):
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


class AngkaKredit(_Model):
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


class Metodologi(_Model):
    """The whole methodology, validated. Immutable: derive alternatives with `dengan()`."""

    versi: str
    capaian: Capaian
    ambang: Ambang
    rating_hasil_kerja: RatingHasilKerja
    perilaku: Perilaku
    predikat: MatriksPredikat
    kurva: Kurva
    angka_kredit: AngkaKredit

    @classmethod
    def dari_mapping(cls, data: Mapping[str, Any], berkas: str | None = None) -> Metodologi:
        """Validate a complete mapping (no merging); MetodologiError naming each bad key."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as e:
            raise MetodologiError([_terjemah(err) for err in e.errors()], berkas) from None

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


# ---------------------------------------------------------------------------------------------
# Loading


def gabung(dasar: Mapping[str, Any], timpa: Mapping[str, Any]) -> dict[str, Any]:
    """Merge `timpa` over `dasar`: mappings key by key (recursively), anything else replaced whole."""
    hasil = dict(dasar)
    for k, v in timpa.items():
        if isinstance(v, Mapping) and isinstance(hasil.get(k), Mapping):
            hasil[k] = gabung(hasil[k], v)
        else:
            hasil[k] = v
    return hasil


class _LoaderUnik(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (PyYAML keeps the last silently)."""


def _mapping_unik(loader: _LoaderUnik, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    hasil = {}
    for knode, vnode in node.value:
        k = loader.construct_object(knode, deep=deep)
        if k in hasil:
            raise yaml.constructor.ConstructorError(
                None, None, f"kunci '{k}' ditulis lebih dari sekali", knode.start_mark
            )
        hasil[k] = loader.construct_object(vnode, deep=deep)
    return hasil


_LoaderUnik.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_unik)


def _baca_yaml(path: Path, nama: str) -> dict[str, Any]:
    try:
        teks = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MetodologiError([("", "berkas tidak ditemukan")], nama) from None
    except IsADirectoryError:
        raise MetodologiError([("", "ini sebuah folder, bukan berkas YAML")], nama) from None
    except UnicodeDecodeError:
        raise MetodologiError([("", "berkas bukan teks UTF-8")], nama) from None
    except OSError as e:
        raise MetodologiError([("", f"berkas tidak dapat dibaca ({e.strerror or e})")], nama) from None
    try:
        data = yaml.load(teks, Loader=_LoaderUnik)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        tanda = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        letak = f"baris {tanda.line + 1}, kolom {tanda.column + 1}: " if tanda else ""
        alasan = getattr(e, "problem", None) or str(e)
        raise MetodologiError([("", f"YAML tidak sah: {letak}{alasan}")], nama) from None
    if data is None:  # an empty file (or comments only) changes nothing
        return {}
    if not isinstance(data, dict):
        raise MetodologiError([("", "isi berkas harus berupa pemetaan 'kunci: nilai' di tingkat teratas")], nama)
    return data


def load_metodologi(path: str | Path | None = None) -> Metodologi:
    """Load the methodology: the packaged default, or `path` merged over it.

    Raises MetodologiError (Bahasa Indonesia, naming the file and the key path) where the file
    cannot be read, is not valid YAML, or its merged content is invalid.
    """
    dasar = _baca_yaml(BERKAS_BAWAAN, "metodologi bawaan")
    if path is None:
        return Metodologi.dari_mapping(dasar, "metodologi bawaan")
    path = Path(path)
    return Metodologi.dari_mapping(gabung(dasar, _baca_yaml(path, str(path))), str(path))


# ---------------------------------------------------------------------------------------------
# Pydantic errors as Bahasa Indonesia messages


def _angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _jalur(loc: tuple) -> str:
    teks = ""
    for bagian in loc:
        if isinstance(bagian, int):
            teks += f"[{bagian + 1}]"
        else:
            teks += ("." if teks else "") + str(bagian)
    return teks


def _model_di(loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the last key of `loc` (for listing the valid keys)."""
    model: Any = Metodologi
    for bagian in loc[:-1]:
        if isinstance(bagian, int):
            continue
        field = model.model_fields.get(bagian) if isinstance(model, type) and issubclass(model, BaseModel) else None
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
    "string_type": "harus berupa teks (beri tanda kutip, mis. \"2025.1\")",
    "dict_type": "harus berupa pemetaan 'kunci: nilai'",
    "model_type": "harus berupa pemetaan 'kunci: nilai'",
    "model_attributes_type": "harus berupa pemetaan 'kunci: nilai'",
    "list_type": "harus berupa daftar",
    "tuple_type": "harus berupa daftar",
    "finite_number": "harus berupa angka terhingga",
}


def _terjemah(err: dict) -> tuple[str, str]:
    loc = tuple(err.get("loc", ()))
    jenis = err.get("type", "")
    ctx = err.get("ctx") or {}
    if jenis == "extra_forbidden":
        model = _model_di(loc)
        sah = f"; kunci yang sah: {', '.join(model.model_fields)}" if model else ""
        return _jalur(loc), f"kunci tidak dikenal{sah}"
    if jenis == "literal_error":
        pilihan = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _jalur(loc), f"nilai {err.get('input')!r} tidak dikenal; pilihan: {pilihan}"
    if jenis == "urutan_ambang":
        return _jalur((*loc, ctx["kunci"])), err["msg"]
    if jenis in _PESAN_JENIS:
        pesan = _PESAN_JENIS[jenis]
        if jenis == "missing" and loc and loc[0] == "predikat" and len(loc) == 3:
            pesan = f"sel matriks predikat tidak ada (hasil kerja {loc[1]} × perilaku {loc[2]})"
        return _jalur(loc), pesan
    if ctx.get("error") is not None and jenis == "value_error":
        return _jalur(loc), str(ctx["error"])
    return _jalur(loc), err.get("msg", "nilai tidak sah")


# Every code the methodology refers to is one of the contract's codes; checked once at import so
# that a change in capaian.kode cannot silently drift from the Literal types above.
assert set(KodeRating.__args__) == set(RATING)
assert set(KodePredikat.__args__) == set(PREDIKAT)
assert set(Kurva.model_fields) == set(PREDIKAT_ORGANISASI)
assert set(AngkaKredit.model_fields) == set(PREDIKAT)
