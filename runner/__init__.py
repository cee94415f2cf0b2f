"""Starts, supervises and trains the parts of the system (used by `make run` and by tests)."""
