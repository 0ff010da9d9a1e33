"""Stage 5, export: write parsed notices out for people and programs.

`documents` writes and reads one notice as JSON or YAML (atomically); `dataset` is the
`export` command: many documents into research tables (`tables`, built row by row in
`rows`) as CSV with a `datapackage` descriptor, `sqlite` or `parquet`; `codebook`
describes the tables; `html_report` is the HTML report of a notice, with `highlight`
marking its spans.
"""
