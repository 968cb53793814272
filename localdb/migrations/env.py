"""Alembic environment: migrations always run from code, on a connection the app already opened and keyed.

There is no alembic.ini and no URL here: the database is encrypted and its key never leaves the credential store,
so ``localdb.migrate`` hands the live connection over in ``config.attributes["connection"]``.
"""

from alembic import context

import localdb.inspection_models  # noqa: F401  (registers the inspection tables on Base.metadata)
import localdb.sync_models as _sync_tables  # noqa: F401  (registers the sync tables on Base.metadata)
from localdb.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
