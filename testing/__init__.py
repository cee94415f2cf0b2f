"""Support code shared by tests/ and bench/ (never imported by production code).

- `ports`: race-free free ports for services started by tests and benchmarks.
"""
