"""Stage 2, segment: split a page's text into the parts of a notice.

`pagekind` says what kind of page it is; `stream` reads the text as a stream of lines
driven by the next expected marker; `layout` decides which numbering style is a category,
an item or a measure; `notice` walks the lines into chrome, metadata, letter, plan and
items, with the rules for the lines before the list (metadata, titles, letter) and the
notice's metadata in `cover`; `table` reads plans laid out as tables; `leads` finds the lead and partner units;
`hanzi` folds traditional characters so that rules match one character for one.
"""
