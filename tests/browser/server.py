"""The test server's old address: :mod:`deploy.local` now starts Streamlit and finds Chromium.

Kept only so that ``bench/browser.py`` and ``bench/classroom.py`` keep working until they import
:mod:`deploy.local` themselves; tests import from there.
"""

from deploy.local import CHROMIUM_ARGS, REPO_ROOT, find_chromium, start_streamlit, stop_streamlit

__all__ = ["CHROMIUM_ARGS", "REPO_ROOT", "find_chromium", "start_streamlit", "stop_streamlit"]
