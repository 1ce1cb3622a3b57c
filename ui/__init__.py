"""Streamlit glue: cached data loading, URL-bound state and shared sidebar widgets. Pages stay thin."""
