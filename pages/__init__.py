"""The app's pages, one module each: ``render(ctx)`` lays out one page from the run's PageContext (ui/shell.py).
app.py registers them with ``st.navigation``; each file also runs as a script, for Streamlit's legacy pages/ mode."""
