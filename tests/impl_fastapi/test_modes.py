"""The two modes of the FastAPI app: the same routes, as coroutines on the event loop over the
async storage, or as their blocking twin over the blocking storage."""

from __future__ import annotations

import inspect

import pytest
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.settings import Settings, SettingsError
from impl_fastapi import MODES
from impl_fastapi.app import create_app, mode_from

SECRET = "s" * 40


def _routes(mode: str, database_url: str) -> dict[tuple[str, str], APIRoute]:
    app = create_app(Settings(database_url=database_url, secret_key=SECRET), mode=mode)
    return {
        (route.path, method): route
        for route in app.router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }


def test_both_modes_serve_the_same_routes_each_of_its_kind(database_url: str) -> None:
    on_the_loop, blocking = (_routes(mode, database_url) for mode in ("async", "sync"))
    assert on_the_loop.keys() == blocking.keys()
    assert len(on_the_loop) > 20
    for key, route in on_the_loop.items():
        assert inspect.iscoroutinefunction(route.endpoint), key
        assert not inspect.iscoroutinefunction(blocking[key].endpoint), key
        assert route.endpoint.__name__ == blocking[key].endpoint.__name__


def test_the_async_mode_stores_through_an_async_engine(database_url: str) -> None:
    settings = Settings(database_url=database_url, secret_key=SECRET)
    assert isinstance(create_app(settings, mode="async").state.engine, AsyncEngine)
    assert not isinstance(create_app(settings, mode="sync").state.engine, AsyncEngine)


@pytest.mark.parametrize(("raw", "mode"), [("", "async"), ("async", "async"), ("sync", "sync")])
def test_the_mode_comes_from_the_environment(raw: str, mode: str) -> None:
    assert mode_from({"FASTAPI_MODE": raw}) == mode
    assert MODES[0] == "async"


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(SettingsError, match="FASTAPI_MODE must be async or sync, not 'fast'"):
        mode_from({"FASTAPI_MODE": "fast"})
