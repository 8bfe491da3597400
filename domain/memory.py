"""An in-memory unit of work, so that the domain's own tests need no database.

It keeps the real semantics that matter to the services: ids, unique slugs, ordering,
cascades, and nothing kept unless committed. The synchronous twin's
(``domain._sync.memory``); ``domain.aio`` has the async one.
"""

from domain._sync.memory import MemoryUnitOfWork
from domain.memory_store import MemoryStore, ReadOnlyUnitOfWork

__all__ = ["MemoryStore", "MemoryUnitOfWork", "ReadOnlyUnitOfWork"]
