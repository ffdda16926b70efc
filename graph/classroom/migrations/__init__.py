"""Alembic migrations of the classroom maps database (run by :func:`graph.classroom.store.migrate`)."""
