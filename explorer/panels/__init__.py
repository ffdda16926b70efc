"""The explorer's screens, one module each; ``app.py`` lays them out. Streamlit lives here, graph work in ``graph/``."""
