"""Running the explorer for a classroom: several processes behind HAProxy (see serve.py)."""
