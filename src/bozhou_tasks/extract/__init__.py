"""Extraction: fill each item's `quantities`, `breakdowns` and `rates` from its text.

One module per concern: `numbers` (the normaliser), `quantities` (with `subjects`, what
each figure counts), `breakdowns` (lists after 其中 and the assembly, with `relations` for
the other rules and `parts` for what they share), `rates`; `text` holds the paragraphs
they read. `fill` runs them in that order on every item. `unread` finds the digit runs no
quantity reads (validate reports them).
"""

from __future__ import annotations

from ..models import Item
from ..regions import City, gazetteer, places_for
from . import breakdowns, quantities, rates
from .text import segments


def fill(items: list[Item], city: City | None) -> None:
    """Fill `quantities`, `breakdowns` and `rates` of each item in place.

    `city` is the city the notice is about (from its title), whose county names the
    breakdowns use; when None, the city whose units the items name most (two at least),
    else county names of the whole country, in full only.
    """
    if city is None:  # a title that names no city: the county names of the items may
        city = gazetteer().city_of_units("\n".join(segment.text for item in items for segment in segments(item)))
    places = places_for(city)
    for item in items:
        mentions = [m for segment in segments(item) for m in quantities.find(segment, places.is_region)]
        item.quantities = [m.quantity for m in mentions]
        item.breakdowns = breakdowns.find(mentions, places)
        item.rates = rates.find(mentions, item.breakdowns)


__all__ = ["fill"]
