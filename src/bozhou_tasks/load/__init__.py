"""Stage 1, load: read a saved page and turn it into text.

`decode` reads the bytes and decodes them (the charset cascade); `html` turns an HTML page
into the lines a reader sees; `provenance` keeps where and when a fetched page came from.
"""
