"""Benchmark harness: `make bench` (or `python bench/run.py`). Not part of the product or the tests."""
