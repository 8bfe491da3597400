"""``python -m bench endpoints``: single endpoints, each loaded alone, against the floor.

The endpoints and the names they go by: ``key`` in folders and options, ``route`` in tables,
``user_class`` in ``locustfile.py``, ``request`` in Locust's statistics. Standard library
only, so that the locustfile can import it wherever Locust runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One endpoint loaded alone."""

    key: str
    route: str
    user_class: str
    request: str


ENDPOINTS = (
    Endpoint("article", "GET /api/articles/:slug", "OneArticle", "/api/articles/[slug]"),
    Endpoint("articles", "GET /api/articles", "ArticleList", "/api/articles"),
    Endpoint("tags", "GET /api/tags", "TagList", "/api/tags"),
    Endpoint("user", "GET /api/user", "CurrentUser", "/api/user"),
)
BY_KEY = {endpoint.key: endpoint for endpoint in ENDPOINTS}
KIND = "endpoints"  # context.json's "kind": how ``python -m bench report`` tells the folders
FLOOR = "floor"  # the key of a framework floor's load
FLOOR_ROUTE = "GET /floor"
BLOCKING_FLOOR = "floor_blocking"  # the key of the floor's blocking view's load
BLOCKING_FLOOR_ROUTE = "GET /floor/blocking"
SIGNED_IN = "user"  # the endpoint that needs a token
# What the bench tells the locustfile, in the environment:
SLUGS_FILE = "BENCH_SLUGS_FILE"  # a file of the seeded articles' slugs, one a line
TOKEN = "BENCH_TOKEN"  # noqa: S105 - the name of a variable, not a secret
USERNAME = "BENCH_USERNAME"  # the signed-in user's name
