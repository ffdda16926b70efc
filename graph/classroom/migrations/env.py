"""Alembic's environment: migrate the database whose connection :func:`graph.classroom.store.migrate` hands over.

There is no ``alembic.ini``: the app and the command line migrate on first use, so a teacher
running SQLite has no step to take. For a school's PostgreSQL an administrator can also run
``python -m graph maps`` once, which migrates before listing.
"""

from alembic import context

from graph.classroom.store import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
