"""Alembic migrations of the classroom maps database (run by :func:`graph.store.migrate`)."""
