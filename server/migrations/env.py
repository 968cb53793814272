"""Alembic environment of the server: migrations run from code, on a connection the server already opened.

There is no alembic.ini: ``server.migrate`` hands the live connection over in ``config.attributes["connection"]``,
so the same path works for SQLite and PostgreSQL, from a checkout or an installed package.
"""

from alembic import context

from server.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
