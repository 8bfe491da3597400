"""``Annotated`` dependencies: the unit of work, hashing, tokens and the caller.

They never block, so they are ``async``: FastAPI then calls them on the event loop instead of
sending each to the thread pool, as it does for the blocking endpoints themselves. The unit of
work is the app's kind: ``AsyncUow`` for the endpoints on the event loop (``impl_fastapi._async``),
``Uow`` for their blocking twin.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from domain.aio import AsyncUnitOfWork
from domain.errors import Unauthorized
from domain.passwords import PasswordHasher
from domain.ports import UnitOfWork
from domain.tokens import Principal, TokenCodec, principal_from_header
from storage_sqlalchemy.unit_of_work import AsyncSqlAlchemyUnitOfWork, SqlAlchemyUnitOfWork

_authorization = APIKeyHeader(
    name="Authorization",
    auto_error=False,
    description="`Token <jwt>` (or `Bearer <jwt>`), as answered by login or registration.",
)


async def get_uow(request: Request) -> UnitOfWork:
    state = request.app.state
    return SqlAlchemyUnitOfWork(state.session_factory, state.reading_engine)


async def get_async_uow(request: Request) -> AsyncUnitOfWork:
    state = request.app.state
    return AsyncSqlAlchemyUnitOfWork(state.session_factory, state.reading_engine)


async def get_passwords(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.passwords
    return hasher


async def get_tokens(request: Request) -> TokenCodec:
    codec: TokenCodec = request.app.state.tokens
    return codec


Uow = Annotated[UnitOfWork, Depends(get_uow)]
AsyncUow = Annotated[AsyncUnitOfWork, Depends(get_async_uow)]
Passwords = Annotated[PasswordHasher, Depends(get_passwords)]
Tokens = Annotated[TokenCodec, Depends(get_tokens)]


async def optional_principal(
    request: Request, _scheme: Annotated[str | None, Depends(_authorization)]
) -> Principal | None:
    """The caller if a header is sent (it must then be valid), None for anonymous readers.

    The header is read as sent: the documented ``APIKeyHeader`` (there for the generated
    documentation) takes an empty one as absent.
    """
    return principal_from_header(request.headers.get("Authorization"), request.app.state.tokens)


async def required_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    """The caller, who must have sent a valid token."""
    if principal is None:
        raise Unauthorized.token()
    return principal


MaybeCaller = Annotated[Principal | None, Depends(optional_principal)]
Caller = Annotated[Principal, Depends(required_principal)]


def viewer_id(principal: Principal | None) -> int | None:
    return principal.user_id if principal else None
