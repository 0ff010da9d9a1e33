"""Extraction: fill each item's `quantities`, `breakdowns` and `rates` from its text.

One module per concern: `numbers` (the normaliser), `quantities` (with `subjects`, what
each figure counts), `breakdowns` (the lists after 其中, and the cascade that decides
between the claims of all rules, with `relations` for the other rules and `parts` for what
they share), `rates`; `text` holds the paragraphs
they read. `fill` runs them in that order on every item. `unread` finds the digit runs no
quantity reads (validate reports them).

The tables they read: `regions` (the county gazetteer) and `glossary` (units and their English).
"""

from __future__ import annotations

from ..models import FieldSets, Item
from . import breakdowns, quantities, rates
from .regions import City, gazetteer, places_for
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
    field_sets = FieldSets()  # the items are the bulk of a document's memory: see FieldSets
    for item in items:  # (`pipeline.parse` pauses the cyclic collector: see models.collector_paused)
        found = [m for segment in segments(item) for m in quantities.find(segment, places.is_region)]
        relations = breakdowns.find(found, places)
        mentions = [relations.relabelled(m) for m in found]  # what a county list says its figures count
        item.quantities = [m.quantity for m in mentions]
        item.breakdowns = relations.breakdowns
        item.rates = rates.find(mentions, item.breakdowns)
        field_sets.share([item])


__all__ = ["fill"]
