"""C2C Atlas domain package: the sourced dataset of Japan's City-to-City Collaboration programme.

Pure Python and pandas; nothing here imports streamlit, so the CLI, the exports and the tests use it directly.
"""

__version__ = "0.1.0"
