"""Is a segmented page a plan? A page that is not (a news story, a policy interpretation,
a cover letter whose plan is an attachment) must yield a clear message, never junk items.

The rule: a page is a plan when it has a plan title on a line of its own *and* the
numbered lines under it look like a plan's list, by at least one of (`plan_evidence`):

1. ``lead-units``: an item carries a lead-unit parenthesis (牵头单位:…);
2. ``category-counts``: a category heading declares its item count ((3项));
3. ``declared-count``: there are exactly as many items as the plan title declares.

An interpretation (政策解读) or a news story may print the plan's title, even on a line of
its own, and quote a few "(一)…" paragraphs, but it does not give them lead units.
"""

from __future__ import annotations

from . import hanzi, patterns
from .segment import Segmented

NOT_A_NOTICE = (
    "not a livelihood-project notice (no plan title, categories or numbered items found); "
    "give the page of the plan itself, not a news story or an interpretation"
)


def plan_evidence(parts: Segmented) -> str | None:
    """The first rule that shows the numbered lines under the plan title are a plan's list."""
    if any(item.lead_units for item in parts.items):
        return "lead-units"
    if any(category.declared_item_count is not None for category in parts.categories):
        return "category-counts"
    if parts.plan is not None and parts.items and parts.plan.declared_item_count == len(parts.items):
        return "declared-count"
    return None


def not_a_plan(parts: Segmented) -> str | None:
    """Why the page is not a plan (a message naming the fix), or None when it is one."""
    if parts.plan is not None and plan_evidence(parts) is not None:
        return None
    attachment = _attachment(parts)
    if parts.plan is None and attachment is not None:
        return (
            f"the plan is not on this page but in an attachment ('{attachment}'); "
            "open the attachment and give its text or HTML"
        )
    interpretation = _interpretation(parts)
    if interpretation is not None:
        return (
            f"a policy interpretation ('{interpretation}'), not the plan: it explains the plan without "
            "listing its items with lead units; give the page of the plan itself"
        )
    if parts.plan is None:
        return NOT_A_NOTICE
    declared = parts.plan.declared_item_count
    counted = f"{len(parts.items)} numbered items" + (f" where the title declares {declared}" if declared else "")
    return (
        f"not a plan: the title '{parts.plan.title}' is followed by {counted}, none with a lead unit "
        "(牵头单位) and no category with an item count; a news story or an interpretation that quotes a "
        "plan is not one: give the page of the plan itself"
    )


def _attachment(parts: Segmented) -> str | None:
    for block in parts.blocks:
        if patterns.ATTACHMENT.match(hanzi.fold(block.text)):
            return block.text
    for line in parts.unparsed:
        if patterns.ATTACHMENT.match(hanzi.fold(line.text)):
            return line.text
    return None


def _interpretation(parts: Segmented) -> str | None:
    """The page's title when it names an interpretation (…政策解读, 图解…, 答记者问)."""
    titles = [field.value for field in parts.metadata if field.key == "title" and field.value]
    titles += [block.text for block in parts.blocks if block.role in ("header", "title")]
    for title in titles:
        if patterns.INTERPRETATION.match(hanzi.fold(title)):
            return title
    return None
