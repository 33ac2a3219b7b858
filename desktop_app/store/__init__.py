"""Persistence: SQLAlchemy tables, migrations and repositories behind :class:`Store`."""

from desktop_app.store.journal import revert
from desktop_app.store.unit_of_work import Clock, Store, UnitOfWork, utc_now

__all__ = ["Clock", "Store", "UnitOfWork", "revert", "utc_now"]
