"""The explorer's benchmark: synthetic graphs from 1k to 1M links, timed and compared with the naive way.

Run ``python -m bench --help``. Generated graphs and logs go to ``bench/out/`` (git-ignored);
committed results are ``bench/results/results.md`` and ``results.json``.
"""
