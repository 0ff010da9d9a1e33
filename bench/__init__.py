"""Benchmarks of bz-tasks: each figure a ratio against a baseline measured in the same run.

Run them all with `python bench/run.py` (see the README's "Benchmarks" section); it
prints a table and writes `bench/RESULTS.md`.
"""
