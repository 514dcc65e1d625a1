"""Pure-Python search engines (no Django import): identifiers, MRZ, names, dates, person scoring."""
