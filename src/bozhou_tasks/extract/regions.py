"""The region gazetteer: every county-level unit of China, its code, short and traditional forms, and zones.

The divisions live in `data/divisions.tsv` (generated from the Ministry of Civil Affairs'
list of GB/T 2260 codes; its header says from what and when) and the policy around them
in `data/regions.yaml` (city-level words, collective labels, known zones, zone endings).
This module loads them once and answers the questions the extractors ask: which city a
notice is about, what a label such as 涡阳, 谯城区 or 市法援中心 stands for and its code, and
which units a collective label such as 每个县(区) covers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

import yaml

from ..segment.patterns import escape_word
from . import patterns

Kind = Literal["district", "county", "county_city", "development_zone", "city_level"]


def safe_load(text: str) -> Any:
    """YAML read with libyaml's safe loader where PyYAML has it (the same data, 60 times faster than
    the pure-Python one, which cost 20 ms of every run), else with the pure-Python one."""
    return yaml.load(text, Loader=yaml.CSafeLoader) if yaml.__with_libyaml__ else yaml.safe_load(text)


CITY_LEVEL = "市本级"
"""Canonical name of the city level (the city's own share, as in 市本级建立4家)."""

_PARENTHESES = str.maketrans({"\uff08": "(", "\uff09": ")"})


def ascii_parentheses(label: str) -> str:
    """`label` with full-width parentheses as ASCII ones, as the gazetteer writes them: 每县（区） → 每县(区)."""
    return label.translate(_PARENTHESES) if "\uff08" in label or "\uff09" in label else label


_CITY_INSTITUTION = re.compile(rf"^{patterns.CITY_INSTITUTION}$")
"""A city-level institution named as a share of a total, e.g. 市法援中心 (item 16)."""

_KIND_BY_ENDING: dict[str, Kind] = {"区": "district", "县": "county", "旗": "county", "市": "county_city"}
"""A division's kind from the last character of its name (自治县 and 旗 are counties)."""


@dataclass(frozen=True)
class Unit:
    """A county-level unit, a development zone, or the city level."""

    name: str
    kind: Kind
    short: str | None = None
    aliases: tuple[str, ...] = ()
    within: str | None = None  # for a development zone: the unit it lies in
    code: str | None = None  # the GB/T 2260 division code; None for zones and the city level

    @property
    def labels(self) -> tuple[str, ...]:
        """Every way a notice may write this unit: full name, short form, aliases."""
        return (self.name, *((self.short,) if self.short else ()), *self.aliases)


@dataclass(frozen=True)
class City:
    """A prefecture-level city (or a municipality, or a province's directly administered units) and its units."""

    name: str
    short: str
    code: str
    units: tuple[Unit, ...]
    zones: tuple[Unit, ...] = ()
    city_level: tuple[str, ...] = ()
    collective: tuple[str, ...] = ()
    province: str = ""
    aliases: tuple[str, ...] = ()  # the traditional-script forms of name and short (亳州市 has none)
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
    """All cities of China with their county-level units."""

    cities: tuple[City, ...]
    zone_endings: tuple[str, ...] = ()

    def city(self, name: str) -> City:
        """The city called `name` (full or short form); KeyError if there is none."""
        for city in self.cities:
            if name in (city.name, city.short, *city.aliases):
                return city
        raise KeyError(name)

    def city_in(self, text: str | None) -> City | None:
        """The city a title or issuer names first (亳州市2024年… → 亳州市), or None.

        A county-level unit named by its full name stands for its city (蒙城县… → 亳州市).

        >>> [getattr(gazetteer().city_in(t), "name", None) for t in ("亳州市2024年", "金东区政府", "民生实事")]
        ['亳州市', '金华市', None]
        """
        if not text:
            return None
        found = [
            (text.find(name), -len(name), city)
            for city in self.cities
            for name in (city.name, city.short, *city.aliases)
            if name and len(name) >= 2
        ]
        hits = [(at, size, city) for at, size, city in found if at >= 0]
        if hits:
            return min(hits, key=lambda hit: (hit[0], hit[1]))[2]
        units = [
            (text.find(name), -len(name), city)
            for city in self.cities
            for unit in city.units
            for name in (unit.name, *unit.aliases[:1])
        ]
        hits = [(at, size, city) for at, size, city in units if at >= 0]
        return min(hits, key=lambda hit: (hit[0], hit[1]))[2] if hits else None

    def units(self, province: str | None = None) -> list[Unit]:
        """Every county-level unit (of one province, if given); no zones, no city levels."""
        return [unit for city in self.cities if province in (None, city.province) for unit in city.units]

    def cities_of(self, province: str) -> list[City]:
        return [city for city in self.cities if city.province == province]

    def city_of_units(self, text: str) -> City | None:
        """The city whose county-level units `text` names most, by full name (two at least), or None.

        For a notice whose title names no city: its county lists say which city it is.
        """
        best: tuple[int, City] | None = None
        for city in self.cities:
            named = sum(1 for unit in city.units if len(unit.name) >= 3 and unit.name in text)
            if named >= 2 and (best is None or named > best[0]):
                best = (named, city)
        return best[1] if best else None


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once."""
    data = resources.files("bozhou_tasks").joinpath("data")
    policy = safe_load(data.joinpath("regions.yaml").read_text(encoding="utf-8"))
    return _build(data.joinpath("divisions.tsv").read_text(encoding="utf-8"), policy)


def _build(divisions: str, policy: dict[str, object]) -> Gazetteer:
    city_level = tuple(_strings(policy.get("city_level")))
    collective = tuple(_strings(policy.get("collective")))
    zones_by_city = policy.get("zones") if isinstance(policy.get("zones"), dict) else {}
    assert isinstance(zones_by_city, dict)
    # city name -> (province, code, short, traditional forms, units)
    rows: dict[str, tuple[str, str, str, tuple[str, ...], list[Unit]]] = {}
    for line in divisions.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, short, province, city, city_code, city_short, name_t, short_t, city_t, city_short_t = line.split(
            "\t"
        )
        entry = rows.setdefault(city, (province, city_code, city_short, _present(city_t, city_short_t), []))
        if name:
            entry[4].append(Unit(name, _kind(name), short or None, _present(name_t, short_t), code=code))
    cities = []
    for name, (province, code, short, aliases, units) in rows.items():
        zones = tuple(_zone(record) for record in _records(zones_by_city.get(name)))
        cities.append(City(name, short, code, tuple(units), zones, city_level, collective, province, aliases))
    return Gazetteer(tuple(cities), tuple(_strings(policy.get("zone_endings"))))


def _present(*words: str) -> tuple[str, ...]:
    return tuple(word for word in words if word)


def _kind(name: str) -> Kind:
    kind = _KIND_BY_ENDING.get(name[-1])
    if kind is None:
        raise ValueError(f"divisions.tsv: {name}: no kind for its ending")
    return kind


def _zone(record: dict[str, object]) -> Unit:
    within = record.get("within")
    return Unit(
        str(record["name"]),
        "development_zone",
        None,
        tuple(_strings(record.get("aliases"))),
        str(within) if within else None,
    )


def _records(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


@functools.cache
def names_starting_with_numerals() -> tuple[str, ...]:
    """Place names that start with a numeral (七台河, 六安, 十堰, 三明 …): never a count in words."""
    numerals = "一二两三四五六七八九十百"
    names = {
        name
        for city in gazetteer().cities
        for name in (city.name, city.short, *(label for unit in city.units for label in unit.labels))
        if name and len(name) >= 2 and name[0] in numerals
    }
    return tuple(sorted(names, key=len, reverse=True))


@functools.cache
def _zone_label() -> str:
    """An unknown zone's name: a place word or two and a zone ending (宿州经开区, 滨湖新区)."""
    endings = "|".join(re.escape(e) for e in sorted(gazetteer().zone_endings, key=len, reverse=True))
    return rf"[\u4e00-\u9fff]{{0,6}}?(?:{endings})"


class Places:
    """The region labels a notice may use: its city's units and zones, or every unit of China by full name.

    A label with a zone ending that no table knows (蚌埠高新区 in a Bozhou list) is read as a
    place with no region, so a list that names it is still read whole.
    """

    def __init__(self, city: City | None) -> None:
        self.city = city
        g = gazetteer()
        if city is not None:
            words = city.labels()
            self._codes = {label: unit.code for unit in city.units for label in unit.labels if unit.code}
        else:
            self._full = {unit.name: unit for unit in g.units()}
            self._codes = {name: unit.code for name, unit in self._full.items() if unit.code}
            level = g.cities[0]
            words = sorted({*self._full, *level.city_level, *level.collective}, key=lambda w: -len(w))
        self.labels = words
        zone = _zone_label()
        self._zone = re.compile(zone)
        self.grammar = patterns.region_labels(words, zone)
        self._split = re.compile(patterns.LABEL_JOINER)
        alternatives = [*(escape_word(w) for w in words), patterns.CITY_INSTITUTION, zone]
        self._pattern = re.compile("|".join(alternatives))
        self._collective_starts = {label[0] for label in city.collective if label} if city is not None else set()
        """The first characters of the collective labels (每, 各): text without them holds none."""

    def resolve(self, label: str) -> str | None:
        """The canonical name of one label, or None (also for an unknown zone)."""
        if self.city is not None:
            unit = self.city.resolve(label)
            return unit.name if unit else None
        unit = self._full.get(ascii_parentheses(label))
        return unit.name if unit else None

    def code(self, label: str) -> str | None:
        """The GB/T 2260 division code of the unit a label names, or None (zones, city level, unknown)."""
        return self._codes.get(ascii_parentheses(label.strip()))

    def expand(self, label: str) -> list[str]:
        """The units a collective label covers (每个县(区) → 谯城区, 涡阳县 …); [] for others."""
        return [unit.name for unit in self.city.expand(label)] if self.city is not None else []

    def is_collective(self, label: str) -> bool:
        """Whether `label` stands for every county-level unit of a city (每个县(区)), known city or not."""
        return ascii_parentheses(label.strip()) in gazetteer().cities[0].collective

    def is_zone(self, words: str) -> bool:
        """Whether `words` name a development zone (known or not): 亳州高新区, 宿州经开区."""
        return bool(self._zone.fullmatch(words)) or (
            self.city is not None and getattr(self.city.resolve(words), "kind", None) == "development_zone"
        )

    def is_region(self, words: str) -> bool:
        return self.resolve(words) is not None or bool(self.expand(words)) or bool(self._zone.fullmatch(words))

    def split(self, labels: str) -> list[str]:
        """'涡阳县、谯城区' → ['涡阳县', '谯城区'] (collective labels contain 、 and stay whole)."""
        return [found.group() for found in self._pattern.finditer(labels)]

    def last_collective(self, text: str) -> re.Match[str] | None:
        """The last label of `text` if it is a collective one (每个县(区)), else None."""
        if not any(start in text for start in self._collective_starts):
            return None  # no collective label can be there (nor any without a city: `expand` is empty)
        found = list(self._pattern.finditer(text))
        return found[-1] if found and self.expand(found[-1].group()) else None

    # a city-level institution (市法援中心) is found by `patterns.CITY_INSTITUTION`, not listed


@functools.lru_cache(maxsize=32)
def places_for(city: City | None) -> Places:
    """The `Places` of `city`, built once: compiling its label grammar costs more than a lookup."""
    return Places(city)
