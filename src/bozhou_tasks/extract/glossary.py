"""English alongside Chinese: the glossary of fixed vocabulary used by the exports.

The terms live in `data/glossary.yaml` (its header says where they come from); this
module only reads them. A term that is not in the glossary has no English (`None`): the
exports leave the column empty rather than guess.

Also the one reading of what units mean: `kind` and `counts_in` (units that count the same
thing, from `patterns.UNIT_FAMILIES` and `patterns.PARTS_COUNTED_IN`) for extraction and
arithmetic alike, and each unit's base and factor (万人 is 10000 人), from `patterns.SCALES`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from . import patterns
from .regions import safe_load


@dataclass(frozen=True)
class Region:
    name: str
    pinyin: str
    en: str


@dataclass(frozen=True)
class Unit:
    name: str
    en: str
    base: str
    factor: Decimal


@dataclass(frozen=True)
class Glossary:
    categories: dict[str, str]
    regions: dict[str, Region]
    lead_units: dict[str, str]
    units: dict[str, Unit]
    per: dict[str, str]
    qualifiers: dict[str, tuple[str, tuple[str, ...]]]

    def category_en(self, name: str) -> str | None:
        return self.categories.get(name)

    def region_en(self, name: str | None) -> str | None:
        region = self.regions.get(name) if name else None
        return region.en if region else None

    def lead_unit_en(self, name: str) -> str | None:
        return self.lead_units.get(name)

    def unit_en(self, unit: str | None) -> str | None:
        entry = self.units.get(unit) if unit else None
        return entry.en if entry else None

    def per_en(self, per: str | None) -> str | None:
        """The English of a rate's basis such as '人·年' ('person-year'); None if any part is unknown.

        >>> load().per_en("人·年"), load().per_en("月"), load().per_en("吨")
        ('person-year', 'month', None)
        """
        if not per:
            return None
        parts = [self.per.get(part) for part in per.split("·")]
        if any(part is None for part in parts):
            return None
        return "-".join(part for part in parts if part)

    def qualifier_en(self, qualifier: str) -> str | None:
        entry = self.qualifiers.get(qualifier)
        return entry[0] if entry else None

    def in_base_unit(self, value: Decimal, unit: str) -> tuple[Decimal, str]:
        """`value unit` in its base unit, so that 3.5 万人 and 8700 人 can be added.

        >>> load().in_base_unit(Decimal("3.5"), "万人"), load().in_base_unit(Decimal("8700"), "人")
        ((Decimal('35000.0'), '人'), (Decimal('8700'), '人'))
        """
        entry = self.units.get(unit)
        if entry is None:
            return value, unit
        return value * entry.factor, entry.base


@functools.cache
def load() -> Glossary:
    """The bundled glossary (read once)."""
    text = resources.files("bozhou_tasks").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    return from_mapping(safe_load(text))


def from_mapping(data: dict[str, Any]) -> Glossary:
    """Build a glossary from its YAML mapping (see `data/glossary.yaml`)."""
    units = {}
    for name, entry in data["units"].items():
        base, factor = _scaled(str(name))
        units[str(name)] = Unit(name=str(name), en=str(entry["en"]), base=base, factor=factor)
    return Glossary(
        categories={str(k): str(v) for k, v in data["categories"].items()},
        regions={str(k): Region(str(k), str(v[0]), str(v[1])) for k, v in data["regions"].items()},
        lead_units={str(k): str(v) for k, v in data["lead_units"].items()},
        units=units,
        per={str(k): str(v) for k, v in data["per"].items()},
        qualifiers={str(k): (str(v[0]), tuple(str(w) for w in v[1])) for k, v in data["qualifiers"].items()},
    )


def _scaled(unit: str) -> tuple[str, Decimal]:
    """A unit's base and factor when it starts with a scale word (万人 → 人, 10000), else itself and 1.

    >>> _scaled("万人次"), _scaled("亿元"), _scaled("人")
    (('人次', Decimal('10000')), ('元', Decimal('100000000')), ('人', Decimal('1')))
    """
    for word, factor in patterns.SCALES.items():
        if unit.startswith(word) and len(unit) > len(word):
            return unit[len(word) :], Decimal(factor)
    return unit, Decimal(1)


def kind(unit: str) -> str:
    """The thing a unit counts: 名 and 人 are both persons, 個 is 个 (`patterns.UNIT_FAMILIES`).

    >>> kind("名"), kind("個"), kind("元")
    ('人', '个', '元')
    """
    return patterns.UNIT_FAMILIES.get(unit, unit)


def counts_in(total_unit: str, part_unit: str) -> bool:
    """Whether parts in `part_unit` may make up a total in `total_unit`: the same kind of thing,
    or persons in a total of person-times (`patterns.PARTS_COUNTED_IN`).

    >>> counts_in("人", "名"), counts_in("人次", "人"), counts_in("人", "人次")
    (True, True, False)
    """
    total, part = kind(total_unit), kind(part_unit)
    return total == part or part in patterns.PARTS_COUNTED_IN.get(total, ())
