"""The unit of work, on an event loop (``AsyncSqlAlchemyUnitOfWork``, the source, in
``storage_sqlalchemy._async``) or blocking (``SqlAlchemyUnitOfWork``, its generated twin)."""

from storage_sqlalchemy._async.unit_of_work import AsyncSqlAlchemyUnitOfWork
from storage_sqlalchemy._sync.unit_of_work import SqlAlchemyUnitOfWork

__all__ = ["AsyncSqlAlchemyUnitOfWork", "SqlAlchemyUnitOfWork"]
