"""A page that fails on purpose, to check what a user sees when something unexpected goes wrong."""

import streamlit as st

st.title("About to fail")
raise RuntimeError("secret internal detail /work/private/path.py")
