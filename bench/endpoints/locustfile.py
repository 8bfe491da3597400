"""One user class per endpoint, each asking for it back to back with its answer checked.

``python -m bench endpoints`` names the class to run (``locust -f ... OneArticle``) and passes
``BENCH_SLUGS_FILE`` (the seeded articles' slugs, one a line), ``BENCH_TOKEN`` and
``BENCH_USERNAME`` (a seeded user signed in before the load) in the environment. A wrong status
or a wrong shape is a failure. ``bench.locust_hooks`` adds ``--warmup-seconds``.
"""

from __future__ import annotations

import os
import random
from functools import cache
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, task

from bench import locust_hooks  # noqa: F401 - registers --warmup-seconds
from bench.endpoints import BY_KEY, SLUGS_FILE, TOKEN, USERNAME
from bench.locustfile import (
    PAGE,
    Check,
    _article,
    _article_list,
    _list_of,
    _tag,
    _user,
    _wrapped,
)


@cache
def slugs() -> tuple[str, ...]:
    """The seeded articles' slugs (read once per process)."""
    path = os.environ.get(SLUGS_FILE)
    found = Path(path).read_text().split() if path else []
    if not found:
        raise RuntimeError(f"{SLUGS_FILE} names no file of slugs")
    return tuple(found)


def full_page(body: Any) -> str | None:
    """The default page holds 20 articles, or all of them when there are fewer."""
    expected = min(PAGE, body["articlesCount"])
    if len(body["articles"]) != expected:
        return f"{len(body['articles'])} articles on the default page, not {expected}"
    return None


def not_empty(key: str) -> Check:
    def check(body: Any) -> str | None:
        return None if body[key] else f"no {key}"

    return check


class EndpointUser(FastHttpUser):
    """Asks for one endpoint with no pause, checking every answer."""

    abstract = True
    wait_time = constant(0)
    endpoint = ""

    def expect(self, path: str, checks: list[Check], headers: dict[str, str] | None = None) -> None:
        """GET ``path``: 200 with a JSON body passing every check, else a failure."""
        name = BY_KEY[self.endpoint].request
        with self.client.get(path, name=name, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                text = (response.text or "")[:200]
                response.failure(f"GET {path}: status {response.status_code}: {text}")
                return
            try:
                body = response.json()
            except ValueError:
                response.failure("the answer is not JSON")
                return
            for check in checks:
                problem = check(body)
                if problem:
                    response.failure(problem)
                    return
            response.success()


class OneArticle(EndpointUser):
    """``GET /api/articles/:slug``, anonymous, over every seeded article."""

    endpoint = "article"

    @task
    def article(self) -> None:
        slug = random.choice(slugs())
        self.expect(
            f"/api/articles/{slug}",
            [_wrapped("article", _article, slug=slug, favorited=False)],
        )


class ArticleList(EndpointUser):
    """``GET /api/articles``, anonymous, the default page."""

    endpoint = "articles"

    @task
    def articles(self) -> None:
        self.expect("/api/articles", [_article_list(PAGE, anonymous=True), full_page])


class TagList(EndpointUser):
    """``GET /api/tags``."""

    endpoint = "tags"

    @task
    def tags(self) -> None:
        self.expect("/api/tags", [_list_of("tags", _tag), not_empty("tags")])


class CurrentUser(EndpointUser):
    """``GET /api/user`` with the token of a user signed in before the load."""

    endpoint = "user"

    @task
    def user(self) -> None:
        headers = {"Authorization": f"Token {os.environ.get(TOKEN, '')}"}
        username = os.environ.get(USERNAME, "")
        self.expect("/api/user", [_wrapped("user", _user, username=username)], headers)
