"""The region gazetteer: every county-level unit of China with its code, short forms that are real place names."""

from __future__ import annotations

from collections import Counter

import pytest

from bozhou_tasks.extract.regions import CITY_LEVEL, Places, gazetteer


def test_anhui_has_16_cities_and_104_county_level_units() -> None:
    g = gazetteer()
    assert len(g.cities_of("安徽省")) == 16
    kinds = Counter(unit.kind for unit in g.units("安徽省"))
    assert kinds == {"district": 45, "county": 50, "county_city": 9}
    assert len({unit.name for unit in g.units("安徽省")}) == 104


def test_the_country_has_every_county_level_unit_with_its_code() -> None:
    units = gazetteer().units()
    assert len(units) == 2846  # the Ministry of Civil Affairs' list for 2024
    codes = [unit.code for unit in units]
    assert all(code is not None and len(code) == 6 and code.isdigit() for code in codes)
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    ("city", "label", "name", "code"),
    [
        ("亳州市", "涡阳", "涡阳县", "341621"),
        ("亳州市", "谯城区", "谯城区", "341602"),
        ("宿州市", "埇桥", "埇桥区", "341302"),
        ("北京市", "海淀区", "海淀区", "110108"),
        ("成都市", "金牛", "金牛区", "510106"),
        ("金华市", "金东区", "金东区", "330703"),
        ("汉中市", "洋县", "洋县", "610723"),
        ("商丘市", "虞城", "虞城县", "411425"),
        ("河南省直辖", "济源市", "济源市", "419001"),
    ],
)
def test_units_of_any_city_with_their_codes(city: str, label: str, name: str, code: str) -> None:
    unit = gazetteer().city(city).resolve(label)
    assert unit is not None
    assert (unit.name, unit.code) == (name, code)


def test_an_unknown_zone_is_a_place_with_no_region() -> None:
    places = Places(gazetteer().city("宿州市"))
    assert places.is_region("宿州经开区")
    assert (places.resolve("宿州经开区"), places.code("宿州经开区")) == (None, None)
    assert places.split("埇桥区、宿州高新区") == ["埇桥区", "宿州高新区"]
    assert places.code("砀山") == "341321"


def test_a_title_without_a_city_takes_the_city_its_counties_name() -> None:
    assert gazetteer().city_of_units("其中涡阳县8700人,蒙城县8700人") == gazetteer().city("亳州市")
    assert gazetteer().city_of_units("涡阳县8700人") is None  # one unit is not enough


def test_bozhou() -> None:
    bozhou = gazetteer().city("亳州市")
    assert bozhou.code == "341600"
    assert [u.name for u in bozhou.units] == ["谯城区", "涡阳县", "蒙城县", "利辛县"]
    zone = bozhou.resolve("亳州高新区")
    assert zone is not None
    assert (zone.kind, zone.within) == ("development_zone", "谯城区")


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("涡阳", "涡阳县"),
        ("涡阳县", "涡阳县"),
        ("谯城", "谯城区"),
        ("谯城区", "谯城区"),
        ("蒙城", "蒙城县"),
        ("利辛", "利辛县"),
        ("亳州高新区", "亳州高新区"),
        ("市本级", CITY_LEVEL),
        ("市法援中心", CITY_LEVEL),
    ],
)
def test_bozhou_labels(label: str, name: str) -> None:
    unit = gazetteer().city("亳州").resolve(label)
    assert unit is not None
    assert unit.name == name


@pytest.mark.parametrize(
    ("city", "name"),
    [
        ("宿州市", "泗县"),
        ("宿州市", "萧县"),
        ("淮南市", "寿县"),
        ("马鞍山市", "和县"),
        ("铜陵市", "郊区"),
        ("宣城市", "泾县"),
    ],
)
def test_one_character_stems_keep_their_suffix(city: str, name: str) -> None:
    c = gazetteer().city(city)
    unit = c.resolve(name)
    assert unit is not None
    assert (unit.name, unit.short) == (name, None)
    assert c.resolve(name[0]) is None


def test_short_forms_are_never_one_character_and_never_clash() -> None:
    g = gazetteer()
    for city in g.cities:
        shorts = [u.short for u in city.units if u.short]
        assert all(len(s) >= 2 for s in shorts), city.name
        assert len(shorts) == len(set(shorts)), city.name
        assert city.short not in shorts  # 黄山区 has no short form: 黄山 is the city
    anhui = {name for c in g.cities_of("安徽省") for name in (c.name, c.short)}
    assert not anhui & {u.short for u in g.units("安徽省")}


def test_collective_labels_expand_to_counties_not_zones() -> None:
    bozhou = gazetteer().city("亳州")
    for label in ("每个县(区)", "每县(区)", "各县(区)"):
        assert [u.name for u in bozhou.expand(label)] == ["谯城区", "涡阳县", "蒙城县", "利辛县"]
    assert bozhou.expand("涡阳县") == ()


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("亳州市2024年50项民生实事实施方案", "亳州市"),
        ("亳州市民生工作领导小组办公室", "亳州市"),
        ("合肥市2025年重点民生实事", "合肥市"),
        ("马鞍山市民生工程", "马鞍山市"),
        ("商丘市2023年重点民生实事工作方案", "商丘市"),
        ("2024年金东区政府民生实事任务分解方案", "金华市"),
        ("关于印发民生实事的通知", None),
    ],
)
def test_city_in(text: str, city: str | None) -> None:
    found = gazetteer().city_in(text)
    assert (found.name if found else None) == city


def test_places_without_a_city_read_full_names_only() -> None:
    places = Places(None)
    assert places.resolve("涡阳县") == "涡阳县"
    assert places.resolve("泗县") == "泗县"
    assert places.resolve("海淀区") == "海淀区"
    assert places.code("海淀区") == "110108"
    assert places.resolve("涡阳") is None  # short forms need the notice's city
    assert places.expand("每个县(区)") == []


def test_places_of_bozhou() -> None:
    places = Places(gazetteer().city("亳州市"))
    assert places.split("涡阳、蒙城、谯城") == ["涡阳", "蒙城", "谯城"]
    assert places.split("每个县(区)") == ["每个县(区)"]
    assert places.is_region("市法援中心")
    assert places.grammar.fullmatch(",谯城区(含亳州高新区)") is not None
