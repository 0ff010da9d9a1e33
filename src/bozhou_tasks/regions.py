"""The region gazetteer: Anhui's cities and county-level units, their short forms and zones.

The contents live in `data/regions.yaml` (its header says where they came from); this
module loads them once and answers the questions the extractors ask: which city a notice
is about, what a label such as 涡阳, 谯城区 or 市法援中心 stands for, and which units a
collective label such as 每个县(区) covers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

import yaml

from . import patterns

Kind = Literal["district", "county", "county_city", "development_zone", "city_level"]

CITY_LEVEL = "市本级"
"""Canonical name of the city level (the city's own share, as in 市本级建立4家)."""

_PARENTHESES = str.maketrans({"\uff08": "(", "\uff09": ")"})


def ascii_parentheses(label: str) -> str:
    """`label` with full-width parentheses as ASCII ones, as the gazetteer writes them: 每县（区） → 每县(区)."""
    return label.translate(_PARENTHESES) if "\uff08" in label or "\uff09" in label else label


_CITY_INSTITUTION = re.compile(rf"^{patterns.CITY_INSTITUTION}$")
"""A city-level institution named as a share of a total, e.g. 市法援中心 (item 16)."""


@dataclass(frozen=True)
class Unit:
    """A county-level unit, a development zone, or the city level."""

    name: str
    kind: Kind
    short: str | None = None
    aliases: tuple[str, ...] = ()
    within: str | None = None  # for a development zone: the unit it lies in

    @property
    def labels(self) -> tuple[str, ...]:
        """Every way a notice may write this unit: full name, short form, aliases."""
        return (self.name, *((self.short,) if self.short else ()), *self.aliases)


@dataclass(frozen=True)
class City:
    """A prefecture-level city and its units."""

    name: str
    short: str
    code: str
    units: tuple[Unit, ...]
    zones: tuple[Unit, ...] = ()
    city_level: tuple[str, ...] = ()
    collective: tuple[str, ...] = ()
    _index: dict[str, Unit] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Unit] = {}
        level = Unit(CITY_LEVEL, "city_level")
        for word in self.city_level:
            index[word] = level
        for unit in (*self.units, *self.zones):
            for label in unit.labels:
                index.setdefault(label, unit)
        self._index.update(index)

    def resolve(self, label: str) -> Unit | None:
        """The unit `label` names in this city (full, short, alias, city level), or None.

        >>> bozhou = gazetteer().city("亳州市")
        >>> [bozhou.resolve(x).name for x in ("涡阳", "谯城区", "高新区", "市本级", "市法援中心")]
        ['涡阳县', '谯城区', '亳州高新区', '市本级', '市本级']
        >>> bozhou.resolve("泗县") is None
        True
        """
        label = ascii_parentheses(label.strip())
        if label in self._index:
            return self._index[label]
        if _CITY_INSTITUTION.match(label):
            return self._index.get(CITY_LEVEL) or Unit(CITY_LEVEL, "city_level")
        return None

    def expand(self, label: str) -> tuple[Unit, ...]:
        """The units a collective label covers (每个县(区) → every county, district, county city).

        >>> [u.name for u in gazetteer().city("亳州").expand("每个县(区)")]
        ['谯城区', '涡阳县', '蒙城县', '利辛县']
        """
        return self.units if ascii_parentheses(label.strip()) in self.collective else ()

    def labels(self) -> list[str]:
        """Every label that names a unit of this city or all of them, longest first."""
        words = {*self._index, *self.collective}
        return sorted(words, key=lambda w: (-len(w), w))


@dataclass(frozen=True)
class Gazetteer:
    """All cities of the province."""

    province: str
    cities: tuple[City, ...]

    def city(self, name: str) -> City:
        """The city called `name` (full or short form); KeyError if there is none."""
        for city in self.cities:
            if name in (city.name, city.short):
                return city
        raise KeyError(name)

    def city_in(self, text: str | None) -> City | None:
        """The city a title or issuer names first (亳州市2024年… → 亳州市), or None."""
        if not text:
            return None
        found = [(text.find(name), -len(name), city) for city in self.cities for name in (city.name, city.short)]
        hits = [(at, size, city) for at, size, city in found if at >= 0]
        return min(hits, key=lambda hit: (hit[0], hit[1]))[2] if hits else None

    def units(self) -> list[Unit]:
        """Every county-level unit of the province (no zones, no city levels)."""
        return [unit for city in self.cities for unit in city.units]


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once."""
    text = resources.files("bozhou_tasks").joinpath("data/regions.yaml").read_text(encoding="utf-8")
    return _build(yaml.safe_load(text))


def _build(data: dict[str, object]) -> Gazetteer:
    city_level = tuple(_strings(data.get("city_level")))
    collective = tuple(_strings(data.get("collective")))
    cities = []
    for raw in _records(data.get("cities")):
        units = tuple(_unit(record) for record in _records(raw.get("units")))
        zones = tuple(_unit(record, "development_zone") for record in _records(raw.get("zones")))
        cities.append(City(str(raw["name"]), str(raw["short"]), str(raw["code"]), units, zones, city_level, collective))
    return Gazetteer(str(data["province"]), tuple(cities))


_KINDS: dict[str, Kind] = {
    "district": "district",
    "county": "county",
    "county_city": "county_city",
    "development_zone": "development_zone",
}


def _unit(record: dict[str, object], default_kind: str = "") -> Unit:
    kind = _KINDS.get(str(record.get("kind", default_kind)))
    if kind is None:
        raise ValueError(f"regions.yaml: {record.get('name')}: unknown kind {record.get('kind')!r}")
    short, within = record.get("short"), record.get("within")
    return Unit(
        str(record["name"]),
        kind,
        str(short) if short else None,
        tuple(_strings(record.get("aliases"))),
        str(within) if within else None,
    )


def _records(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


class Places:
    """The region labels a notice may use: its city's units, or every Anhui unit by full name."""

    def __init__(self, city: City | None) -> None:
        self.city = city
        if city is not None:
            words = city.labels()
        else:
            g = gazetteer()
            self._full = {unit.name: unit.name for unit in g.units()}
            words = sorted({*self._full, *g.cities[0].city_level, *g.cities[0].collective}, key=lambda w: -len(w))
        self.labels = words
        self.grammar = patterns.region_labels(words)
        self._split = re.compile(patterns.LABEL_JOINER)
        self._pattern = re.compile("|".join([*(patterns.escape_word(w) for w in words), patterns.CITY_INSTITUTION]))

    def resolve(self, label: str) -> str | None:
        """The canonical name of one label, or None."""
        if self.city is not None:
            unit = self.city.resolve(label)
            return unit.name if unit else None
        return self._full.get(ascii_parentheses(label))

    def expand(self, label: str) -> list[str]:
        """The units a collective label covers (每个县(区) → 谯城区, 涡阳县 …); [] for others."""
        return [unit.name for unit in self.city.expand(label)] if self.city is not None else []

    def is_region(self, words: str) -> bool:
        return self.resolve(words) is not None or bool(self.expand(words))

    def split(self, labels: str) -> list[str]:
        """'涡阳县、谯城区' → ['涡阳县', '谯城区'] (collective labels contain 、 and stay whole)."""
        return [found.group() for found in self._pattern.finditer(labels)]

    def last_collective(self, text: str) -> re.Match[str] | None:
        found = list(self._pattern.finditer(text))
        return found[-1] if found and self.expand(found[-1].group()) else None

    # a city-level institution (市法援中心) is found by `patterns.CITY_INSTITUTION`, not listed


@functools.lru_cache(maxsize=32)
def places_for(city: City | None) -> Places:
    """The `Places` of `city`, built once: compiling its label grammar costs more than a lookup."""
    return Places(city)
