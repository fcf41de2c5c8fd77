"""The selection engine: scoring, quota-optimal selection, explanation and sensitivity.

Plain numpy/scipy on arrays, with no Django import, so it is tested and benchmarked without a
database. Regions are rows, criteria are columns. Callers order rows by Kemendagri code: ties
are broken by row order, so results are deterministic.
"""
