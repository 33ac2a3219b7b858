"""Persistence: SQLAlchemy tables, migrations and repositories behind :class:`Store`."""

from desktop_app.store.unit_of_work import Store, UnitOfWork

__all__ = ["Store", "UnitOfWork"]
