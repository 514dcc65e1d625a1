"""Deterministic synthetic data for tests, benchmarks and the demo world (no Django import)."""
