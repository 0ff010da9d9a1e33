"""Is a segmented page a plan? A page that is not (a news story, a policy interpretation,
a progress report, a cover letter whose plan is an attachment) must yield a clear message
that names what the page is, never junk items.

A plan is known by its body, not by its title: a run of numbered items of one style, under
category headings or not, and evidence that it is a plan's list (`plan_evidence`):

1. ``lead-units``: an item carries its lead units (牵头单位:…, (县教育局牵头), a lead-unit cell);
2. ``category-counts``: a category heading declares its item count ((3项));
3. ``declared-count``: there are exactly as many items as the plan title declares;
4. ``cut-under-title``: under a title that declares a count, items numbered 1, 2 … up to
   where the page ends inside one (a page cut inside item 1 is still a plan).

Before the evidence, a cascade of document kinds (`DOC_KINDS`) reads the page's titles:
some neighbours of a plan list numbered items with lead units too (a progress report, a
工作要点), and they are refused whatever their body holds. Kinds that only a missing body
gives away (a call for comments, a candidate list, a cover letter) are refused only when
there is no plan's list on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import hanzi, patterns
from .notice import Segmented

NOT_A_NOTICE = (
    "not a livelihood-project notice (no plan title, categories or numbered items found); "
    "give the page of the plan itself, not a news story or an interpretation"
)

Kind = tuple[str, re.Pattern[str], str, str]
"""A document kind: its name, the pattern its title matches, what the page is, and why it is not a plan."""

DOC_KINDS: tuple[Kind, ...] = (
    (
        "work-points",
        re.compile(r"工作要点"),
        "a work-points outline (工作要点)",
        "it sets the year's aims for livelihood work, not numbered projects with their lead units",
    ),
    (
        "interpretation",
        re.compile(r"解读|答记者问|一图读懂|图解"),
        "a policy interpretation",
        "it explains the plan without listing its items with lead units",
    ),
    (
        "progress-report",
        re.compile(r"(?:完成|进展|推进|落实|进度)情况|完成进度|进度表"),
        "a progress report (进展/完成情况)",
        "it reports on the projects of a plan",
    ),
    (
        "work-report",
        re.compile(r"政府工作报告|政府工作报|工作报告|人民代表大会|两会"),
        "a news story or government work report",
        "it lists livelihood projects without being their plan",
    ),
)
"""Document kinds that a page's title gives away, refused even when numbered items follow.

Source: the neighbours of the 民生实事 plans on the sites that publish them: 民生工作要点,
政策解读 / 文字解读 / 图解, 进展情况 / 完成情况 reports and tables, news of the 政府工作报告.
"""

WEAK_KINDS: tuple[Kind, ...] = (
    (
        "call-for-comments",
        re.compile(r"征求意见|意见建议|征求.{0,6}意见"),
        "a call for comments (征求意见)",
        "the draft projects are not listed on this page",
    ),
    (
        "candidates",
        re.compile(r"候选"),
        "a list of candidate projects (候选项目)",
        "its items carry no lead units: it is not the adopted plan",
    ),
)
"""Kinds refused only when the page holds no plan's list: a call for comments may carry the
draft list itself (then it is parsed)."""

REPORT_STATEMENT = re.compile(r"现将[^。;；]{0,40}?(?:进展|完成|落实)情况(?:进行)?(?:公示|通报|公布|汇总|如下)")
"""A report saying what it is in its first lines: 现将实事项目1—6月份进展情况进行公示."""

NEWS_STATEMENT = re.compile(
    r"(?:政府)?工作报告》?(?:提出|指出|明确)|向大会作《?政府工作报告|代表[县市区]政府向大会|向大会报告政府工作"
)
"""A news story saying what it reports: 县政府工作报告提出, 县长…代表县政府向大会作《政府工作报告》."""

COVER_LETTER = re.compile(r"印发给你们|现予印发|予以印发|详见附件|见附件")
"""A cover letter that sends the plan: 现印发给你们, 详见附件1."""

_TITLE_LIKE = re.compile(r"^[^|>»。;；]{2,80}$")
"""A short line with no sentence end and no menu or breadcrumb separators: a title."""

_TITLE_ROLES = frozenset({"header", "title", "letter", "preamble", "addressees", "section"})
"""Blocks that may hold the page's title; metadata, bylines and footers do not."""

_NAMES_THE_WORK = re.compile(r"(?:19|20)\d{2}|民生|实事|为民")
"""A title names a year or livelihood work; a menu's 政策解读 or 工作报告 names neither."""


def plan_evidence(parts: Segmented) -> str | None:
    """The first rule that shows the numbered lines are a plan's list."""
    if any(item.lead_units for item in parts.items):
        return "lead-units"
    if any(category.declared_item_count is not None for category in parts.categories):
        return "category-counts"
    if parts.plan is not None and parts.items and parts.plan.declared_item_count == len(parts.items):
        return "declared-count"
    plan = parts.plan
    if (
        plan is not None
        and plan.title
        and plan.declared_item_count is not None
        and plan.ends_inside_item is not None
        and [item.number for item in parts.items] == list(range(1, len(parts.items) + 1))
    ):
        return "cut-under-title"  # a titled plan whose page ends inside its first items
    return None


def not_a_plan(parts: Segmented) -> str | None:
    """Why the page is not a plan (a message naming what it is and the fix), or None when it is one."""
    evidence = parts.plan is not None and bool(parts.items) and plan_evidence(parts) is not None
    # a page with a plan's list is judged by its own titles only: menus and lists of related
    # articles (政策解读, 政府工作报告, …进展情况) must not refuse it
    named = _kind(parts, DOC_KINDS, own_only=evidence)
    if named is not None:
        return named
    statements = [(DOC_KINDS[2], REPORT_STATEMENT)] + ([] if evidence else [(DOC_KINDS[3], NEWS_STATEMENT)])
    for (_, _, what, why), statement in statements:
        said = _statement(parts, statement)
        if said is not None:
            return f"{what} ('{said}'), not the plan: {why}; give the page of the plan itself"
    if evidence:
        return None
    attachment = _attachment(parts)
    if not parts.items and attachment is not None:
        return (
            f"the plan is not on this page but in an attachment ('{attachment}'); "
            "open the attachment and give its text or HTML"
        )
    weak = _kind(parts, WEAK_KINDS)
    if weak is not None:
        return weak
    letter = _cover_letter(parts)
    if not parts.items and letter is not None:
        return (
            f"a cover letter whose plan is not on this page ('{letter}'): the plan's items are not here; "
            "give the page or attachment that lists them"
        )
    if parts.plan is None or not parts.items or not parts.plan.title:
        return NOT_A_NOTICE
    declared = parts.plan.declared_item_count
    counted = f"{len(parts.items)} numbered items" + (f" where the title declares {declared}" if declared else "")
    title = parts.plan.title or parts.plan.text
    return (
        f"not a plan: the title '{title}' is followed by {counted}, none with a lead unit "
        "(牵头单位) and no category with an item count; a news story or an interpretation that quotes a "
        "plan is not one: give the page of the plan itself"
    )


def _titles(parts: Segmented, *, own_only: bool) -> Iterator[str]:
    """The lines that may be the page's title: metadata 名称, the notice's and the plan's titles; with
    `own_only`, only where there are none, the last title-like line above the list; without, every
    title-like line above the list that names a year or livelihood work (a menu's 政策解读 does not)."""
    own = [field.value for field in parts.metadata if field.key == "title" and field.value]
    own += [parts.plan.text] if parts.plan is not None and parts.plan.text else []
    own += [block.text for block in parts.blocks if block.role == "title"]
    yield from own
    if own_only and own:
        return
    body = min((item.span[0] for item in parts.items), default=None)
    candidates = [(b.text, b.span) for b in parts.blocks if b.role in _TITLE_ROLES]
    candidates += [(line.text, line.span) for line in parts.unparsed]
    lines = [
        (text, span)
        for text, span in candidates
        if (body is None or span[0] < body) and _TITLE_LIKE.match(text) and _NAMES_THE_WORK.search(_clean(text))
    ]
    lines.sort(key=lambda line: line[1])
    yield from (text for text, _ in (lines[-1:] if own_only else lines))


def _kind(parts: Segmented, kinds: tuple[Kind, ...], *, own_only: bool = False) -> str | None:
    """The refusal for the first of `kinds` that a title of the page names."""
    titles = list(_titles(parts, own_only=own_only))
    for _, pattern, what, why in kinds:
        for title in titles:
            if pattern.search(_clean(title)):
                return f"{what} ('{title}'), not the plan: {why}; give the page of the plan itself"
    return None


def _statement(parts: Segmented, statement: re.Pattern[str]) -> str | None:
    """A sentence before the list in which the page says what it is (…进展情况进行公示)."""
    body = min((item.span[0] for item in parts.items), default=None)
    for text, span in _lines(parts):
        if body is not None and span[0] >= body:
            continue
        match = statement.search(_clean(text))
        if match is not None:
            return text[max(0, match.start() - 20) : match.end()]
    return None


def _lines(parts: Segmented) -> Iterator[tuple[str, tuple[int, int]]]:
    """The text and span of every block and unparsed line."""
    for block in parts.blocks:
        yield block.text, block.span
    for line in parts.unparsed:
        yield line.text, line.span


def _clean(text: str) -> str:
    """`text` folded to simplified characters, without pinyin residue: matched, never quoted."""
    return patterns.PINYIN_RESIDUE.sub("", hanzi.fold(text))


def _attachment(parts: Segmented) -> str | None:
    if parts.plan is not None and patterns.ATTACHMENT.match(hanzi.fold(parts.plan.text)):
        return parts.plan.text
    return next((text for text, _ in _lines(parts) if patterns.ATTACHMENT.match(hanzi.fold(text))), None)


def _cover_letter(parts: Segmented) -> str | None:
    for text, _ in _lines(parts):
        match = COVER_LETTER.search(hanzi.fold(text))
        if match is not None:
            return text[max(0, match.start() - 30) : match.end()]
    return None
