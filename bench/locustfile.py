"""Locust scenarios modelled on how a Conduit site is used.

One user class, ``ConduitUser``, whose tasks are tagged by scenario; run all of them (``mixed``,
the default) or pick one with Locust's own ``--tags``::

    locust -f bench/locustfile.py --host http://127.0.0.1:8000                  # mixed
    locust -f bench/locustfile.py --host http://127.0.0.1:8000 --tags read      # one scenario

| scenario | weight in mixed | what a user does |
| --- | --- | --- |
| ``read``  | 70 | anonymous: article list pages at offsets, by tag, by author, one article, its
  comments, a profile, the tag list |
| ``auth``  | 20 | signed in: current user, feed, lists and articles with per-viewer flags,
  favorite and unfavorite, follow and unfollow |
| ``write`` | 8  | authors: create, update and delete their own articles, add and delete comments |
| ``login`` | 2  | a login with email and password, so that password hashing is in the picture |

Every request checks its status and the shape of its answer; anything else is a failure.
Requests are named by route (``/api/articles/[slug]``). Signed-in users log in lazily as a
seeded user (``bench.credentials``; ``BENCH_DATASET_USERS`` says how many there are, default
1000) and register that user if the server does not know it. ``bench.locust_hooks`` adds
``--user-rate`` (a fixed arrival rate) and ``--warmup-seconds`` (uncounted warm-up).
"""

from __future__ import annotations

import itertools
import os
import random
from collections import deque
from collections.abc import Callable
from typing import Any

from locust import FastHttpUser, events, tag, task
from locust.env import Environment
from locust.exception import RescheduleTask

from bench import credentials
from bench.locust_hooks import Pacing

ARTICLE = frozenset(
    [
        "slug",
        "title",
        "description",
        "body",
        "tagList",
        "createdAt",
        "updatedAt",
        "favorited",
        "favoritesCount",
        "author",
    ]
)
LIST_ITEM = ARTICLE - {"body"}
PROFILE = frozenset({"username", "bio", "image", "following"})
COMMENT = frozenset({"id", "createdAt", "updatedAt", "body", "author"})
USER = frozenset({"email", "token", "username", "bio", "image"})
PAGE = 20
DEEPEST_PAGE = 50
OWN_ARTICLES_KEPT = 3
WRITTEN_TAG = "written-under-load"
WRITTEN_TITLE = "Notes on load"
_accounts = itertools.count(random.Random(os.getpid()).randrange(1_000_000))

Check = Callable[[Any], str | None]
# Following or favoriting twice (two users signed in as one seeded user do it at once) is no
# error in the project's contract; the RealWorld specification leaves it open, and another
# Conduit API may refuse it.
ALREADY = (400, 409, 422)


class Answers:
    """How closely answers are held: exactly the contract's fields, or (``--answers
    realworld``, for another Conduit API) at least them. Set when Locust starts."""

    exact = True


def _answers(environment: Environment, **_: Any) -> None:
    options = environment.parsed_options
    Answers.exact = getattr(options, "answers", "full") != "realworld"


events.init.add_listener(_answers)  # type: ignore[no-untyped-call]


def _has(value: Any, expected: frozenset[str] | set[str]) -> bool:
    """``value`` is an object with the ``expected`` keys (and, unless relaxed, no other)."""
    if not isinstance(value, dict):
        return False
    return value.keys() == expected if Answers.exact else expected <= value.keys()


def _keys(expected: frozenset[str], name: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"{name} is not an object"
        if not _has(value, expected):
            return f"{name} has keys {sorted(value)}"
        author = value.get("author")
        if author is not None and not _has(author, PROFILE):
            return f"{name}.author is not a profile"
        return None

    return check


_article = _keys(ARTICLE, "article")
_list_item = _keys(LIST_ITEM, "article")
_profile = _keys(PROFILE, "profile")
_comment = _keys(COMMENT, "comment")
_user = _keys(USER, "user")


def _wrapped(key: str, inner: Check, **expected: Any) -> Check:
    """``{key: value}`` whose value passes ``inner`` and holds the ``expected`` fields."""

    def check(body: Any) -> str | None:
        if not _has(body, {key}):
            return f"expected {{{key!r}: ...}}"
        problem = inner(body[key])
        if problem:
            return problem
        for field, value in expected.items():
            if body[key][field] != value:
                return f"{key}.{field} is {body[key][field]!r}, expected {value!r}"
        return None

    return check


def _article_list(limit: int, *, anonymous: bool) -> Check:
    def check(body: Any) -> str | None:
        if not _has(body, {"articles", "articlesCount"}):
            return "expected {'articles': [...], 'articlesCount': n}"
        articles, count = body["articles"], body["articlesCount"]
        if not isinstance(articles, list) or not isinstance(count, int) or len(articles) > limit:
            return f"{len(articles)} articles on a page of {limit}, count {count!r}"
        for article in articles:
            problem = _list_item(article)
            if problem:
                return problem
            if anonymous and (article["favorited"] or article["author"]["following"]):
                return "an anonymous reader sees per-viewer flags set"
        return None

    return check


def _list_of(key: str, inner: Check) -> Check:
    def check(body: Any) -> str | None:
        if not _has(body, {key}) or not isinstance(body[key], list):
            return f"expected {{{key!r}: [...]}}"
        for item in body[key]:
            problem = inner(item)
            if problem:
                return problem
        return None

    return check


def _tag(value: Any) -> str | None:
    return None if isinstance(value, str) and value else "a tag is not a non-empty string"


class ConduitUser(FastHttpUser):
    """A visitor of a Conduit site: reads, signs in, writes, as the scenario tags say."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.number = next(_accounts) % int(os.environ.get("BENCH_DATASET_USERS", "1000")) + 1
        self.token: str | None = None
        self.slugs: deque[str] = deque(maxlen=50)
        self.authors: deque[str] = deque(maxlen=50)
        self.tags: list[str] = []
        self.own_articles: deque[str] = deque()
        self.articles_count = 0
        self.pacing = Pacing()

    def wait_time(self) -> float:
        """Pace to ``--user-rate`` tasks per second, or none at all."""
        return self.pacing.wait(self.environment)

    # -- one checked request ----------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        name: str,
        status: int,
        check: Check | None = None,
        *,
        json: Any = None,
        signed_in: bool = False,
        open_statuses: tuple[int, ...] = (),
    ) -> Any:
        """Send one request; a wrong status or shape is a failure. Returns the body or None.
        ``open_statuses``: answers the RealWorld specification leaves open, no failure when
        answers are relaxed (``--answers realworld``)."""
        headers = {"Authorization": f"Token {self.sign_in()}"} if signed_in else None
        with self.client.request(
            method, path, name=name, json=json, headers=headers, catch_response=True
        ) as response:
            if not Answers.exact and response.status_code in open_statuses:
                response.success()
                return None
            if response.status_code != status:
                text = (response.text or "")[:200]
                response.failure(
                    f"{method} {path}: status {response.status_code}, not {status}: {text}"
                )
                return None
            if status == 204:
                if response.content:
                    response.failure("a 204 answer has a body")
                else:
                    response.success()
                return None
            try:
                body = response.json()
            except ValueError:
                response.failure("the answer is not JSON")
                return None
            problem = check(body) if check else None
            if problem:
                response.failure(problem)
                return None
            response.success()
            return body

    def sign_in(self) -> str:
        """The token of this user's seeded account, logging in (or registering) once."""
        if self.token is None:
            body = self._login(expect=(200, 401))
            if body is None:
                body = self.call(
                    "POST",
                    "/api/users",
                    "/api/users",
                    201,
                    _wrapped("user", _user),
                    json={"user": self._credentials(with_username=True)},
                )
            if body is None:
                raise RescheduleTask
            self.token = body["user"]["token"]
        return self.token

    def _credentials(self, *, with_username: bool = False) -> dict[str, str]:
        given = {
            "email": credentials.email(self.number),
            "password": credentials.password(self.number),
        }
        if with_username:
            given["username"] = credentials.username(self.number)
        return given

    def _login(self, expect: tuple[int, ...] = (200,)) -> Any:
        with self.client.post(
            "/api/users/login",
            name="/api/users/login",
            json={"user": self._credentials()},
            catch_response=True,
        ) as response:
            if response.status_code == 401 and 401 in expect:
                response.success()  # not seeded here: the caller registers the user
                return None
            problem = f"status {response.status_code}" if response.status_code != 200 else None
            body: Any = None if problem else response.json()
            problem = problem or _wrapped("user", _user)(body)
            if not problem and body["user"]["username"] != credentials.username(self.number):
                problem = "logged in as someone else"
            if problem:
                response.failure(problem)
                return None
            response.success()
            return body

    # -- what a page shows --------------------------------------------------------------------

    def list_articles(
        self, query: str, name: str, *, signed_in: bool = False, limit: int = PAGE
    ) -> Any:
        path = f"/api/articles?limit={limit}{query}"
        body = self.call(
            "GET",
            path,
            name,
            200,
            _article_list(limit, anonymous=not signed_in),
            signed_in=signed_in,
        )
        if body:
            for article in body["articles"]:
                if article["title"].startswith(WRITTEN_TITLE):
                    # Its author may delete it any moment. (Not told by its tags: a list read
                    # while the article is deleted may show it with none.)
                    continue
                self.slugs.append(article["slug"])
                self.authors.append(article["author"]["username"])
            if not query:
                self.articles_count = body["articlesCount"]
        return body

    def a_slug(self) -> str:
        if not self.slugs:
            self.list_articles("", "/api/articles")
        if not self.slugs:
            raise RescheduleTask
        return random.choice(self.slugs)

    def an_author(self) -> str:
        if not self.authors:
            self.list_articles("", "/api/articles")
        if not self.authors:
            raise RescheduleTask
        return random.choice(self.authors)

    def a_tag(self) -> str:
        if not self.tags:
            body = self.call("GET", "/api/tags", "/api/tags", 200, _list_of("tags", _tag))
            self.tags = body["tags"] if body else []
        if not self.tags:
            raise RescheduleTask
        # Popular tags are read more often: the first listed are not the most used, so a skew
        # over the list is enough to read some tags often and some rarely.
        return self.tags[min(int(random.expovariate(0.05)), len(self.tags) - 1)]

    # -- read: anonymous visitors (70) ------------------------------------------------------

    @tag("read")
    @task(20)
    def home_page(self) -> None:
        self.list_articles("", "/api/articles")

    @tag("read")
    @task(10)
    def later_page(self) -> None:
        pages = max(1, min(DEEPEST_PAGE, self.articles_count // PAGE))
        offset = PAGE * random.randrange(pages)
        self.list_articles(f"&offset={offset}", "/api/articles?offset=[n]")

    @tag("read")
    @task(8)
    def by_tag(self) -> None:
        self.list_articles(f"&tag={self.a_tag()}", "/api/articles?tag=[tag]")

    @tag("read")
    @task(6)
    def by_author(self) -> None:
        self.list_articles(f"&author={self.an_author()}", "/api/articles?author=[username]")

    @tag("read")
    @task(12)
    def article(self) -> None:
        self.call(
            "GET",
            f"/api/articles/{self.a_slug()}",
            "/api/articles/[slug]",
            200,
            _wrapped("article", _article, favorited=False),
        )

    @tag("read")
    @task(8)
    def comments(self) -> None:
        self.call(
            "GET",
            f"/api/articles/{self.a_slug()}/comments",
            "/api/articles/[slug]/comments",
            200,
            _list_of("comments", _comment),
        )

    @tag("read")
    @task(4)
    def profile(self) -> None:
        username = self.an_author()
        self.call(
            "GET",
            f"/api/profiles/{username}",
            "/api/profiles/[username]",
            200,
            _wrapped("profile", _profile, username=username, following=False),
        )

    @tag("read")
    @task(2)
    def tag_list(self) -> None:
        self.call("GET", "/api/tags", "/api/tags", 200, _list_of("tags", _tag))

    # -- auth: signed-in readers (20) -------------------------------------------------------

    @tag("auth")
    @task(2)
    def current_user(self) -> None:
        self.call(
            "GET",
            "/api/user",
            "/api/user",
            200,
            _wrapped("user", _user, username=credentials.username(self.number)),
            signed_in=True,
        )

    @tag("auth")
    @task(5)
    def feed(self) -> None:
        self.call(
            "GET",
            f"/api/articles/feed?limit={PAGE}",
            "/api/articles/feed",
            200,
            _article_list(PAGE, anonymous=False),
            signed_in=True,
        )

    @tag("auth")
    @task(5)
    def signed_in_home_page(self) -> None:
        self.list_articles("", "/api/articles (signed in)", signed_in=True)

    @tag("auth")
    @task(3)
    def signed_in_article(self) -> None:
        self.call(
            "GET",
            f"/api/articles/{self.a_slug()}",
            "/api/articles/[slug] (signed in)",
            200,
            _wrapped("article", _article),
            signed_in=True,
        )

    @tag("auth")
    @task(3)
    def favorite_and_unfavorite(self) -> None:
        path = f"/api/articles/{self.a_slug()}/favorite"
        name = "/api/articles/[slug]/favorite"
        self.call(
            "POST", path, name, 200, _wrapped("article", _article, favorited=True),
            signed_in=True, open_statuses=ALREADY,
        )  # fmt: skip
        self.call(
            "DELETE", path, name, 200, _wrapped("article", _article, favorited=False),
            signed_in=True, open_statuses=ALREADY,
        )  # fmt: skip

    @tag("auth")
    @task(2)
    def follow_and_unfollow(self) -> None:
        username = self.an_author()
        if username == credentials.username(self.number):
            return
        path = f"/api/profiles/{username}/follow"
        name = "/api/profiles/[username]/follow"
        self.call(
            "POST", path, name, 200, _wrapped("profile", _profile, following=True),
            signed_in=True, open_statuses=ALREADY,
        )  # fmt: skip
        self.call(
            "DELETE", path, name, 200, _wrapped("profile", _profile, following=False),
            signed_in=True, open_statuses=ALREADY,
        )  # fmt: skip

    # -- write: authors (8) -----------------------------------------------------------------

    @tag("write")
    @task(3)
    def publish(self) -> None:
        if len(self.own_articles) >= OWN_ARTICLES_KEPT:
            self.retire()
        title = f"{WRITTEN_TITLE} {random.randrange(10**9)}"
        draft = {
            "title": title,
            "description": "What a page under load taught us.",
            "body": "Measured, then written down. " * 20,
            "tagList": [WRITTEN_TAG, f"bench-{random.randrange(5)}"],
        }
        body = self.call(
            "POST",
            "/api/articles",
            "/api/articles [create]",
            201,
            _wrapped("article", _article, title=title),
            json={"article": draft},
            signed_in=True,
        )
        if not body:
            return
        slug = body["article"]["slug"]
        self.own_articles.append(slug)
        self.call(
            "PUT",
            f"/api/articles/{slug}",
            "/api/articles/[slug] [update]",
            200,
            _wrapped("article", _article, slug=slug, description="Revised."),
            json={"article": {"description": "Revised."}},
            signed_in=True,
        )

    @tag("write")
    @task(2)
    def retire(self) -> None:
        if not self.own_articles:
            self.publish()
            return
        slug = self.own_articles.popleft()
        self.call(
            "DELETE", f"/api/articles/{slug}", "/api/articles/[slug] [delete]", 204, signed_in=True
        )

    @tag("write")
    @task(3)
    def comment(self) -> None:
        slug = self.a_slug()
        body = self.call(
            "POST",
            f"/api/articles/{slug}/comments",
            "/api/articles/[slug]/comments [create]",
            201,
            _wrapped("comment", _comment, body="Thanks, this helped."),
            json={"comment": {"body": "Thanks, this helped."}},
            signed_in=True,
        )
        if body:
            self.call(
                "DELETE",
                f"/api/articles/{slug}/comments/{body['comment']['id']}",
                "/api/articles/[slug]/comments/[id] [delete]",
                204,
                signed_in=True,
            )

    # -- login (2) --------------------------------------------------------------------------

    @tag("login")
    @task(2)
    def login(self) -> None:
        self._login()
