"""Which role each source file plays: a small declared map per implementation.

Globs are matched with ``fnmatch`` against the file's path inside its package (``*`` crosses
folders). ``tests/bench/test_footprint.py`` checks that every ``.py`` file of every
``impl_*`` package matches exactly one glob, so a new file cannot go uncounted.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

ROUTING = "routing and views"
SCHEMAS = "schemas and serializers"
AUTH = "authentication"
STORAGE = "storage"
ERRORS = "error mapping"
POLICY = "limits, CORS and security headers"
WIRING = "wiring and settings"
MIGRATIONS = "migrations"
ADMIN = "admin site"
DOMAIN = "domain"
# What scripts/unasync.py writes from an ``_async`` source: listed, never added to a total.
GENERATED = "generated sync twin"

# The order the report lists them in.
ROLE_ORDER = (
    ROUTING, SCHEMAS, AUTH, STORAGE, ERRORS, POLICY, WIRING, MIGRATIONS, ADMIN, DOMAIN, GENERATED
)  # fmt: skip

ROLES: dict[str, dict[str, str]] = {
    "fastapi": {
        "_async/*.py": ROUTING,
        "_sync/*.py": GENERATED,
        "routing.py": ROUTING,
        "rendering.py": SCHEMAS,
        "body_limit.py": POLICY,
        "head_limit.py": POLICY,
        "browsers.py": POLICY,
        "schemas.py": SCHEMAS,
        "dependencies.py": AUTH,
        "errors.py": ERRORS,
        "__init__.py": WIRING,
        "__main__.py": WIRING,
        "app.py": WIRING,
        "threads.py": WIRING,
    },
    "flask": {
        "blueprints/*.py": ROUTING,
        "browsers.py": POLICY,
        "schemas.py": SCHEMAS,
        "parsing.py": SCHEMAS,
        "auth.py": AUTH,
        "errors.py": ERRORS,
        "extensions.py": STORAGE,
        "__init__.py": WIRING,
        "__main__.py": WIRING,
        "app.py": WIRING,
        "server.py": WIRING,
        "docs.py": WIRING,
        "clock_hook.py": WIRING,
    },
    "django": {
        "conduit/_async/views/*.py": ROUTING,
        "conduit/_sync/*.py": GENERATED,
        "conduit/api_view.py": ROUTING,
        "conduit/urls.py": ROUTING,
        "conduit/serializers.py": SCHEMAS,
        "conduit/rendering.py": SCHEMAS,
        "conduit/parsers.py": SCHEMAS,
        "conduit/outages.py": STORAGE,
        "postgresql/*.py": STORAGE,
        "chunked.py": POLICY,
        "bounded_bodies.py": POLICY,
        "head_limit.py": POLICY,
        "conduit/authentication.py": AUTH,
        "conduit/models.py": STORAGE,
        "conduit/fields.py": STORAGE,
        "conduit/constraints.py": STORAGE,
        "conduit/_async/repositories.py": STORAGE,
        "conduit/_async/unit_of_work.py": STORAGE,
        "conduit/_async/__init__.py": STORAGE,
        "conduit/rows.py": STORAGE,
        "conduit/transactions.py": STORAGE,
        "conduit/errors.py": ERRORS,
        "conduit/migrations/*.py": MIGRATIONS,
        "conduit/admin.py": ADMIN,
        "__init__.py": WIRING,
        "__main__.py": WIRING,
        "settings.py": WIRING,
        "urls.py": WIRING,
        "server.py": WIRING,
        "database_url.py": WIRING,
        "conduit/__init__.py": WIRING,
        "conduit/apps.py": WIRING,
        "conduit/wiring.py": WIRING,
        "conduit/middleware.py": WIRING,
        "conduit/schema.py": WIRING,
    },
}

# The packages every implementation shares (storage_sqlalchemy: FastAPI and Flask), shown once.
SHARED: dict[str, dict[str, str]] = {
    "domain": {
        "__init__.py": DOMAIN,
        "[!_]*.py": DOMAIN,
        "_async/*.py": DOMAIN,
        "_sync/*.py": GENERATED,
    },
    "storage_sqlalchemy": {
        "migrations/*.py": MIGRATIONS,
        "[!m_]*.py": STORAGE,
        "__init__.py": STORAGE,
        "migrate.py": STORAGE,
        "_async/*.py": STORAGE,
        "_sync/*.py": GENERATED,
    },
}


def matching(globs: dict[str, str], path: str) -> list[str]:
    """Every glob of ``globs`` that ``path`` (inside its package, ``/``-separated) matches."""
    return [glob for glob in globs if fnmatchcase(path, glob)]


def role_of(globs: dict[str, str], path: str) -> str:
    """The role of ``path``; ValueError unless exactly one glob matches it."""
    found = matching(globs, path)
    if len(found) != 1:
        raise ValueError(f"{path} matches {len(found)} role globs ({found}); it needs exactly one")
    return globs[found[0]]
