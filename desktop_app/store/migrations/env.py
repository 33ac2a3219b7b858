"""Alembic environment: runs on the connection the store hands over (no URL, no ini file)."""

from __future__ import annotations

from alembic import context

from desktop_app.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
