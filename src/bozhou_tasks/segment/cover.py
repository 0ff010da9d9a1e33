"""The cover of a notice: what comes before its list, and the notice's metadata.

The segmenter's cascade (`notice`) walks every line; the rules here read the lines
before the list: the site's metadata fields (索引号, 发布日期 …), the notice's title,
its byline and cover letter, and the plan's title with its year and declared count
(from the plan's own title, or from titles and sentences before the list). After the
walk, `notice_meta` assembles the notice's metadata from the blocks they kept.

Rules match on the text folded to simplified characters and quote the original, as in
`notice`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..models import Block, MetadataField, NoticeMeta, Plan
from ..numerals import cn_to_int
from . import layout, patterns
from .stream import Line

if TYPE_CHECKING:
    from .notice import Segmented

_EDGE_SPACE = patterns.EDGE_SPACE


class Phase:
    """Where the segmenter's walk is on the page; the rules check it before they accept a line."""

    HEADER = "header"  # site chrome before the notice
    LETTER = "letter"  # after the notice title: byline and cover letter
    PLAN = "plan"  # after the plan title: categories, items, measures
    CLOSING = "closing"  # a closing section after the list (保障措施, 工作要求)
    FOOTER = "footer"  # site chrome after the plan


class CoverRules:
    """The cascade's rules for the lines before the list, shared by the segmenter's walk (`notice._State`)."""

    out: Segmented
    phase: str
    titles: list[tuple[Line, Line, re.Match[str]]]  # lines before the body that name year and count
    metadata_block: int
    metadata_seen: set[str]
    letter_lines: int

    def _block(self, role: str, line: Line) -> bool:
        self.out.blocks.append(Block(role=role, text=line.text, span=line.span))
        return True

    def _metadata(self, line: Line) -> bool:
        if self.phase != Phase.HEADER or not patterns.METADATA_LABEL.match(line.key):
            return False
        labels = list(patterns.METADATA_LABEL.finditer(line.key))
        if labels[0].group("label") in self.metadata_seen or not self.metadata_block:
            self.metadata_block += 1
            self.metadata_seen = set()
        for this, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start() if following else len(line.text)
            raw_value = line.text[this.end() : end]
            value = raw_value.strip(_EDGE_SPACE) or None
            field_text, field_span = line.sub(
                this.start(), this.start() + len(line.text[this.start() : end].rstrip(_EDGE_SPACE))
            )
            label = this.group("label")  # folded: 索引號 is looked up as 索引号
            self.metadata_seen.add(label)
            self.out.metadata.append(
                MetadataField(
                    key=patterns.METADATA_LABELS[label],
                    label=line.group(this, "label"),
                    value=value,
                    text=field_text,
                    span=field_span,
                    block=self.metadata_block,
                )
            )
        return self._block("metadata", line)

    def _notice_title(self, line: Line) -> bool:
        if self.phase != Phase.HEADER:
            return False
        named = {f.value for f in self.out.metadata if f.key == "title"}
        if (
            line.text not in named
            and not patterns.NOTICE_TITLE.match(line.key)
            and not patterns.PLAN_NOTICE_TITLE.match(line.key)
        ):
            return False
        self.phase = Phase.LETTER
        return self._block("title", line)

    def _remember_title(self, line: Line) -> None:
        """A line before the plan that names its year and count: a notice title, 名称:, a sentence."""
        clean = _without_residue(line)
        match = (
            patterns.PLAN_NOTICE_TITLE.match(clean.key)
            or patterns.PLAN_TITLE.match(clean.key)
            or patterns.DECLARED_SENTENCE.search(clean.key)
        )
        if match is not None:
            self.titles.append((line, clean, match))

    def _plan_from_titles(self, first: Line) -> Plan:
        """The plan of a page whose list has no title line right above it: year and count from the
        titles and sentences before it; an empty title at the list's start when there are none."""
        for line, clean, match in self.titles:
            if "title" in match.re.groupindex and match.group("title"):
                return Plan(
                    title=clean.group(match, "title"),
                    year=int(match.group("year")),
                    declared_item_count=declared_count(match),
                    text=line.text,
                    span=line.span,
                )
        if self.titles:
            line, _, match = self.titles[0]
            short = len(line.text) <= 40 and not re.search(r"[。,，;；]", line.text)  # a title, not a sentence
            return Plan(
                title=line.text if short else "",
                year=int(match.group("year")),
                declared_item_count=declared_count(match),
                text=line.text,
                span=line.span,
            )
        return Plan(title="", year=None, declared_item_count=None, text="", span=(first.start, first.start))

    def _byline(self, line: Line) -> bool:
        if self.phase != Phase.LETTER or self.letter_lines or not patterns.BYLINE.match(line.key):
            return False
        return self._block("byline", line)

    def _plan_title(self, line: Line) -> bool:
        """The plan's title; a second one before any category or item (the page's title, then the
        plan's own above its list) replaces the first, which is kept as a title line."""
        before_list = self.phase == Phase.PLAN and not self.out.categories and not self.out.items
        if not (self.phase in (Phase.HEADER, Phase.LETTER) and self.out.plan is None) and not before_list:
            return False
        title_line = _without_residue(line)
        match = patterns.PLAN_TITLE.match(title_line.key)
        if not match or layout.marker_at(line.key) is not None:
            return False
        if self.out.plan is not None:
            self.out.blocks.append(Block(role="title", text=self.out.plan.text, span=self.out.plan.span))
        count = declared_count(match)
        year = int(match.group("year"))
        if count is None:  # the count may be declared in the notice's title or letter instead
            counts = (declared_count(m) for _, _, m in self.titles if int(m.group("year")) == year)
            count = next((c for c in counts if c is not None), None)
        self.out.plan = Plan(
            title=title_line.group(match, "title"),
            year=year,
            declared_item_count=count,
            text=line.text,
            span=line.span,
        )
        self.phase = Phase.PLAN
        return True

    def _letter(self, line: Line) -> bool:
        if self.phase != Phase.LETTER:
            return False
        self.letter_lines += 1
        if self.letter_lines == 1 and patterns.ADDRESSEES.match(line.key):
            return self._block("addressees", line)
        if patterns.SIGNED_DATE.match(line.key):
            return self._block("signed-date", line)
        return self._block("letter", line)


def _without_residue(line: Line) -> Line:
    """`line` with pinyin residue (masked in its key) taken out of text and key, for reading a title:
    大埔縣2023年十件民生實(shí)事 reads as 大埔縣2023年十件民生實事. Offsets of the result are not the page's:
    use it to match and quote a title, and the original line for spans."""
    if "(" not in line.text or line.text == line.key:
        return line
    keep = [i for i, (t, k) in enumerate(zip(line.text, line.key, strict=True)) if not (k == " " and t != " ")]
    if len(keep) == len(line.text):
        return line
    text = "".join(line.text[i] for i in keep)
    key = "".join(line.key[i] for i in keep)
    return Line(line.number, text, line.start, line.end, key)


def declared_count(match: re.Match[str]) -> int | None:
    """The count a title or sentence declares: 50项 → 50, 50+1项 → 51, 十件 → 10."""
    count = match.group("count")
    if count:
        return sum(int(part) for part in count.split("+"))
    return cn_to_int(match.group("count_cn") or "")


def notice_meta(out: Segmented, folded: str) -> NoticeMeta:
    """Notice metadata from the first metadata block, the title, byline and letter.

    Blocks are matched on their `folded` text and quoted from the original.
    """
    fields: dict[str, str | None] = {}
    for metadata_field in out.metadata:
        fields.setdefault(metadata_field.key, metadata_field.value)
    meta = NoticeMeta(
        index_no=fields.get("index_no"),
        classification=fields.get("classification"),
        publisher=fields.get("publisher"),
        topics=_split_list(fields.get("topics"), r"\s*/\s*"),
        validity=fields.get("validity"),
        keywords=_split_list(fields.get("keywords"), r"[\s,，;；、]+"),
        doc_number=fields.get("doc_number"),
        issued_date=_iso_date(fields.get("issued_date")),
        published_date=_iso_date(fields.get("published_date")),
        inquiry_unit=fields.get("inquiry_unit"),
        inquiry_phone=fields.get("inquiry_phone"),
        title=fields.get("title"),
    )
    for block in out.blocks:
        key = folded[block.span[0] : block.span[1]]
        if block.role == "title":
            meta.title = block.text
            issuer = patterns.NOTICE_TITLE.match(key)
            meta.issuer = _quote(block.text, issuer, "issuer")
        elif block.role == "byline":
            published = patterns.BYLINE_PUBLISHED.search(key)
            source = patterns.BYLINE_SOURCE.search(key)
            meta.published_at = _quote(block.text, published, "time") or meta.published_at
            meta.source_unit = _quote(block.text, source, "source") or meta.source_unit
        elif block.role == "addressees":
            addressees = patterns.ADDRESSEES.match(key)
            meta.addressees = _split_list(_quote(block.text, addressees, "addressees") or block.text, r"[,，;；]")
        elif block.role == "signed-date" and meta.signed_date is None:
            date = patterns.SIGNED_DATE.match(key)
            if date:
                meta.signed_date = _date(int(date["year"]), int(date["month"]), int(date["day"]))
    return meta


def _quote(text: str, match: re.Match[str] | None, group: str) -> str | None:
    """The original text of `group` in a match made on the folded `text`; None if it did not match."""
    if match is None or match.group(group) is None:
        return None
    return text[match.start(group) : match.end(group)]


def _split_list(value: str | None, separator: str) -> list[str] | None:
    if not value:
        return None
    return [part for part in (p.strip(_EDGE_SPACE) for p in re.split(separator, value)) if part] or None


def _iso_date(value: str | None) -> dt.date | None:
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value or "")
    return _date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
