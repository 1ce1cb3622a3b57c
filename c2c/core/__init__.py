"""The data contract and everything computed from the data alone: reading and validating the CSVs, the loaded
Dataset, selections (filters and their URL codes) and the numbers every page shows.

Imports no folium, matplotlib or streamlit (checked by tests/test_layers.py)."""
