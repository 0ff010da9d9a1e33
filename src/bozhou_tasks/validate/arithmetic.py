"""The arithmetic of a breakdown: one function decides whether its parts agree with its total.

`check_sum` is the only place the rule is applied: `validate` (the breakdown-sum and
breakdown-subset checks), the research tables (the verdict columns of `breakdowns`) and
the HTML report all show its verdict, so they cannot disagree.

Rule for qualified figures:

| total's qualifier                          | the sum of the parts must be                                  |
|--------------------------------------------|---------------------------------------------------------------|
| exact, approx (左右, 约), target (力争)      | equal to the total: approximate figures are compared as written |
| at_least (不少于, 不低于)                    | at least the total: the parts' floors must reach it           |
| at_most (不超过, 以内)                       | at most the total                                             |
| range (2—3个)                               | between the total's bounds                                    |

A subset (其中 that must not be summed) only requires each part ≤ the total.

Units: parts and total are compared in their base unit (3.5万人 is 35000 人, from the
glossary), with units that count the same thing folded together (名 and 人 are both
persons); parts counted in 人 may make up a total in 人次 (each person is one
person-time): both from `glossary.kind` and `glossary.counts_in`. Any other difference in
units is not compared, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

from ..extract import glossary
from ..models import Breakdown, Quantity
from ..numerals import plain

Verdict = Literal["pass", "fail", "units_differ", "no_total", "no_parts"]
VERDICTS: tuple[str, ...] = get_args(Verdict)

_COMPARE: dict[str, tuple[str, Callable[[Decimal, Decimal], bool]]] = {
    "exact": ("=", lambda total, parts: parts == total),
    "approx": ("=", lambda total, parts: parts == total),
    "target": ("=", lambda total, parts: parts == total),
    "at_least": ("≥", lambda total, parts: parts >= total),
    "at_most": ("≤", lambda total, parts: parts <= total),
}
"""How the sum of the parts must compare with the total, by the total's qualifier (see the module docstring)."""


@dataclass(frozen=True)
class SumCheck:
    """The verdict on one breakdown, with the figures it compared.

    `parts_sum` is in `parts_unit` (None when the parts have no common unit); `total` and
    `total_max` are in `unit`, the unit the comparison was made in. `parts` holds each
    part's value in `parts_unit`, and for a subset whether it stays within the total.
    """

    rule: str
    """'sum = total', 'sum ≥ total', 'sum ≤ total', 'total ≤ sum ≤ total_max' or 'each part ≤ total'; '' if none."""
    verdict: Verdict
    parts_sum: Decimal | None
    parts_unit: str | None
    total: Decimal | None
    total_max: Decimal | None
    unit: str | None
    detail: str
    """The arithmetic as one line, e.g. '8700+8700+8700+8900 = 35000 = total 35000 (approx)'."""
    parts: tuple[tuple[Decimal, bool], ...] = ()

    @property
    def sign(self) -> str:
        """The comparison the rule makes ('=', '≥', '≤', 'within')."""
        return {"sum ≥ total": "≥", "sum ≤ total": "≤", "total ≤ sum ≤ total_max": "within"}.get(self.rule, "=")


def base(quantity: Quantity) -> tuple[Decimal, str]:
    """A quantity's value in its base unit, with units that count the same thing folded (名 → 人)."""
    value, unit = glossary.load().in_base_unit(quantity.value, quantity.unit)
    return value, glossary.kind(unit)


def check_sum(breakdown: Breakdown) -> SumCheck:
    """Whether the parts of `breakdown` agree with its total, by the rule of the module docstring.

    >>> from bozhou_tasks.models import BreakdownPart
    >>> def q(value, unit, qualifier="exact"):
    ...     return Quantity(text="", value=Decimal(value), unit=unit, qualifier=qualifier, location="headline",
    ...                     rule="", span=(0, 0))
    >>> parts = [BreakdownPart(label=c, quantity=q("310", "人")) for c in "ab"]
    >>> check = check_sum(Breakdown(subject="", dimension="component", location="headline",
    ...                             total=q("620", "人次", "at_least"), parts=parts, text="", span=(0, 0)))
    >>> check.rule, check.verdict, check.detail
    ('sum ≥ total', 'pass', '310+310 = 620 ≥ total 620 (at_least)')
    """
    values = [base(part.quantity) for part in breakdown.parts]
    units = {unit for _, unit in values}
    parts_unit = units.pop() if len(units) == 1 else None
    parts_sum = sum((value for value, _ in values), Decimal(0)) if parts_unit else None
    shown = "+".join(plain(value) for value, _ in values)
    total = breakdown.total
    if not values:
        return SumCheck("", "no_parts", None, None, None, None, None, "no parts")
    if total is None:
        summed = f" = {plain(parts_sum)} {parts_unit}" if parts_sum is not None else ""
        return SumCheck("", "no_total", parts_sum, parts_unit, None, None, None, f"{shown}{summed}; no total stated")
    total_value, total_unit = base(total)
    total_max = base(total.model_copy(update={"value": total.value_max}))[0] if total.value_max is not None else None
    if parts_unit is None or not glossary.counts_in(total_unit, parts_unit):
        in_units = "in " + ", ".join(sorted({unit for _, unit in values}))
        detail = f"parts {in_units}, total {plain(total_value)} {total_unit}: different units, not compared"
        return SumCheck("", "units_differ", parts_sum, parts_unit, total_value, total_max, total_unit, detail)
    assert parts_sum is not None
    qualifier = "" if total.qualifier == "exact" else f" ({total.qualifier})"
    if breakdown.dimension == "subset":
        return _check_subset([value for value, _ in values], parts_sum, parts_unit, total_value, total_max, total_unit)
    if total.qualifier == "range" and total_max is not None:
        rule, sign, passed = "total ≤ sum ≤ total_max", "within", total_value <= parts_sum <= total_max
    else:
        sign, compare = _COMPARE.get(total.qualifier, _COMPARE["exact"])
        rule, passed = f"sum {sign} total", compare(total_value, parts_sum)
    detail = f"{shown} = {plain(parts_sum)} {sign if passed else '≠'} total {plain(total_value)}{qualifier}"
    verdict: Verdict = "pass" if passed else "fail"
    return SumCheck(rule, verdict, parts_sum, parts_unit, total_value, total_max, total_unit, detail)


def _check_subset(
    values: list[Decimal],
    parts_sum: Decimal,
    parts_unit: str,
    total_value: Decimal,
    total_max: Decimal | None,
    total_unit: str,
) -> SumCheck:
    """A subset's verdict: each part within the total, the parts not summed."""
    parts = tuple((value, value <= total_value) for value in values)
    passed = all(ok for _, ok in parts)
    detail = ", ".join(f"{plain(v)} {'≤' if ok else '>'} total {plain(total_value)}" for v, ok in parts)
    return SumCheck(
        "each part ≤ total",
        "pass" if passed else "fail",
        parts_sum,
        parts_unit,
        total_value,
        total_max,
        total_unit,
        f"{detail} (subset, not summed)",
        parts,
    )
