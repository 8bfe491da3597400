"""Where each operation's code is, read from the framework's own route table.

``python -m bench.footprint.locate <impl>`` builds the implementation's app (a throwaway
SQLite database in the environment), and prints as JSON: for every route and method, the
handler's file, first line and source (``inspect.getsourcelines``); the functions registered
with the framework to turn errors into answers; and the OpenAPI document the framework
generates itself, fetched through its test client. One process per implementation, so that
each framework is set up on its own.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

IGNORED_METHODS = {"HEAD", "OPTIONS"}
OPENAPI_PATH = "/api/openapi.json"


def snippet(function: Callable[..., Any], root: Path) -> dict[str, Any]:
    """The source of ``function`` (decorators included), its file under ``root`` and lines."""
    function = inspect.unwrap(function)
    lines, start = inspect.getsourcelines(function)
    path = Path(inspect.getsourcefile(function) or "").resolve()
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return {
        "name": function.__qualname__,
        "file": shown,
        "start": start,
        "end": start + len(lines) - 1,
        "source": "".join(lines),
    }


def path_template(rule: str) -> str:
    """``/api/articles/<str:slug>`` or ``/api/articles/<slug>`` as ``/api/articles/{slug}``."""
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)


def _fastapi_routes(app: Any) -> Iterator[tuple[str, set[str], Callable[..., Any]]]:
    """(path, methods, endpoint) of every route, included routers' too, in the app's order."""
    from fastapi import routing  # noqa: PLC0415

    contexts = getattr(routing, "iter_route_contexts", None)  # routers included lazily
    for route in contexts(app.routes) if contexts else app.routes:
        endpoint, methods = getattr(route, "endpoint", None), getattr(route, "methods", None)
        if endpoint is not None and methods:
            yield str(route.path), set(methods), endpoint


def _fastapi(root: Path) -> dict[str, Any]:
    import anyio  # noqa: PLC0415
    import httpx  # noqa: PLC0415

    from impl_fastapi import create_app  # noqa: PLC0415

    app = create_app()
    routes = [
        {"method": method, "path": path, **snippet(endpoint, root)}
        for path, methods, endpoint in _fastapi_routes(app)
        if endpoint.__module__.startswith("impl_fastapi")
        for method in sorted(methods - IGNORED_METHODS)
    ]
    handlers = [
        {"registered_for": getattr(kind, "__name__", str(kind)), **snippet(handler, root)}
        for kind, handler in app.exception_handlers.items()
        if handler.__module__.startswith("impl_fastapi")
    ]

    async def fetch() -> Any:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return (await client.get(OPENAPI_PATH)).json()

    return {"routes": routes, "error_handlers": handlers, "openapi": anyio.run(fetch)}


def _flask(root: Path) -> dict[str, Any]:
    from impl_flask import create_app  # noqa: PLC0415

    app = create_app()
    routes = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        for method in sorted((rule.methods or set()) - IGNORED_METHODS):
            handler = getattr(view_class, method.lower()) if view_class else view
            if not handler.__module__.startswith("impl_flask"):
                continue  # flask-smorest's own document and docs views
            path = path_template(rule.rule)
            routes.append({"method": method, "path": path, **snippet(handler, root)})
    handlers = [
        {"registered_for": getattr(kind, "__name__", str(kind)), **snippet(handler, root)}
        for by_code in app.error_handler_spec[None].values()
        for kind, handler in by_code.items()
    ]
    document = app.test_client().get(OPENAPI_PATH).get_json()
    return {"routes": routes, "error_handlers": handlers, "openapi": document}


def _django_patterns(patterns: list[Any], prefix: str) -> Iterator[tuple[str, Any]]:
    from django.urls import URLResolver  # noqa: PLC0415

    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _django_patterns(pattern.url_patterns, route)
        else:
            yield route, pattern.callback


def _django(root: Path) -> dict[str, Any]:
    from impl_django import create_app  # noqa: PLC0415

    create_app()
    from django.test import Client  # noqa: PLC0415
    from django.urls import get_resolver  # noqa: PLC0415
    from rest_framework.settings import api_settings  # noqa: PLC0415

    routes = []
    for route, callback in _django_patterns(get_resolver().url_patterns, "/"):
        view_class = getattr(callback, "cls", None)
        if view_class is None or not view_class.__module__.startswith("impl_django"):
            continue  # not one of the API's views (the admin, the document, the docs)
        for method in view_class.http_method_names:
            handler = getattr(view_class, method, None)
            if handler is None or method.upper() in IGNORED_METHODS:
                continue
            routes.append(
                {"method": method.upper(), "path": path_template(route), **snippet(handler, root)}
            )
    registered = api_settings.EXCEPTION_HANDLER
    assert callable(registered)  # DRF imports the dotted path the settings name
    handlers = [
        {"registered_for": "REST_FRAMEWORK['EXCEPTION_HANDLER']", **snippet(registered, root)}
    ]
    document = json.loads(Client().get(OPENAPI_PATH).content)
    return {"routes": routes, "error_handlers": handlers, "openapi": document}


LOCATORS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "fastapi": _fastapi,
    "flask": _flask,
    "django": _django,
}


def locate(impl: str) -> dict[str, Any]:
    """Routes, error handlers and generated document of ``impl``, imported from ``sys.path``."""
    package = __import__(f"impl_{impl}")
    root = Path(str(package.__file__)).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="footprint-locate-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'locate.sqlite3'}"
        os.environ.setdefault("SECRET_KEY", "footprint-" + "x" * 32)
        os.environ["STATIC_ROOT"] = str(Path(folder) / "static")
        found = LOCATORS[impl](root)
    return {"root": str(root), **found}


if __name__ == "__main__":
    print(json.dumps(locate(sys.argv[1])))
