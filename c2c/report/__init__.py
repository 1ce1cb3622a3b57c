"""Tables and chart specifications for the briefing pages (projects, counts, coverage, sources): plain pandas
frames and Vega-Lite dicts that the Streamlit pages lay out."""
