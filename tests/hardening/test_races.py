"""Requests released together on ``serve --workers 4``: each race has one right outcome, and
no request fails with a 5xx (the contract client refuses any status it does not document)."""

from __future__ import annotations

import random
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_no_content, json_of
from contract_tests.support.conduit import Conduit, User
from tests.hardening.live import LiveServer
from tests.hardening.storm import together

CLIENTS = 16
STEPS = 6  # operations per user in a storm
TAKEN = ["has already been taken"]


def _users(api: Conduit, count: int) -> list[User]:
    return [api.register() for _ in range(count)]


@pytest.mark.parametrize("shared", ["username", "email"])
def test_one_name_registered_many_times_at_once(
    live_server: LiveServer, api: Conduit, shared: str
) -> None:
    """Exactly one registration wins; every other gets the 409 of the shared field alone."""
    name, mail, password = naming.username(), naming.email(), naming.password()

    def register(index: int, client: Conduit) -> tuple[int, dict[str, Any], dict[str, str]]:
        user = {
            "username": name if shared == "username" else f"{name}_{index}",
            "email": mail if shared == "email" else naming.email(f"{name}_{index}"),
            "password": password,
        }
        response = client.client.post("/users", json={"user": user})
        return response.status_code, response.json(), user

    answers = together(live_server.base_url, CLIENTS, register)

    winners = [user for status, _, user in answers if status == 201]
    assert len(winners) == 1, [status for status, _, _ in answers]
    winner = winners[0]
    for status, body, _ in answers:
        if status != 201:
            assert (status, body) == (409, {"errors": {shared: TAKEN}})
    login = json_of(api.login(winner["email"], password), 200)
    assert login["user"]["username"] == winner["username"]
    for _, _, user in answers:  # no loser left a trace
        if user["email"] != winner["email"]:
            assert api.login(user["email"], password).status_code == 401
        if user["username"] != winner["username"]:
            profile = api.client.get(f"/profiles/{user['username']}")
            assert profile.status_code == 404


def test_many_users_favoriting_one_article_at_once(live_server: LiveServer, api: Conduit) -> None:
    """Each of eight users favorites twice, all at once: eight favorites, no more."""
    author, *fans = _users(api, 1 + CLIENTS // 2)
    slug = api.create_article(author)["slug"]

    def favorite(index: int, client: Conduit) -> dict[str, Any]:
        return client.favorite(fans[index // 2], slug)

    for article in together(live_server.base_url, CLIENTS, favorite):
        assert article["favorited"] is True
        assert 1 <= article["favoritesCount"] <= len(fans)
    assert api.article(slug)["favoritesCount"] == len(fans)
    for fan in fans:
        assert api.article(slug, fan)["favorited"] is True


def _plans(seed: int, count: int) -> list[list[bool]]:
    """For each user, a random run of on (True) and off (False) operations."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible plan, not a secret
    return [[rng.random() < 0.5 for _ in range(STEPS)] for _ in range(count)]


def _switch(api: Conduit, path: str, user: User, *, on: bool) -> httpx.Response:
    """POST (on) or DELETE (off) ``path`` as ``user``."""
    send = api.client.post if on else api.client.delete
    return send(path, headers=user.headers)


def test_favorite_storm_ends_with_each_users_last_word(
    live_server: LiveServer, api: Conduit
) -> None:
    """Users favorite and unfavorite at random, all at once, while others try to change and
    delete the article: the count is that of the users whose last call was a favorite, and the
    refused calls change nothing."""
    author, *users = _users(api, 1 + CLIENTS)
    tags = [naming.tag(), naming.tag()]
    before = api.create_article(author, tags=tags)
    slug = before["slug"]
    fans, intruders = users[: CLIENTS // 2], users[CLIENTS // 2 :]
    plans = _plans(seed=len(slug), count=len(fans))

    def storm(index: int, client: Conduit) -> None:
        if index < len(fans):
            for on in plans[index]:
                answer = _switch(client, f"/articles/{slug}/favorite", fans[index], on=on)
                assert json_of(answer, 200)["article"]["favorited"] is on
            return
        intruder = intruders[index - len(fans)]
        for step in range(STEPS):
            change = {"article": {"title": f"Hijacked {step}", "tagList": ["hijacked"]}}
            refused = client.client.put(f"/articles/{slug}", json=change, headers=intruder.headers)
            assert refused.status_code == 403
            refused = client.client.delete(f"/articles/{slug}", headers=intruder.headers)
            assert refused.status_code == 403

    together(live_server.base_url, CLIENTS, storm)

    after = api.article(slug)
    assert after["favoritesCount"] == sum(plan[-1] for plan in plans)
    assert {**after, "favoritesCount": 0} == {**before, "favoritesCount": 0}
    for fan, plan in zip(fans, plans, strict=True):
        assert api.article(slug, fan)["favorited"] is plan[-1]
    favorited_by = {fan.username for fan, plan in zip(fans, plans, strict=True) if plan[-1]}
    for fan in fans:
        listed = api.articles(favorited=fan.username)["articlesCount"]
        assert listed == (1 if fan.username in favorited_by else 0)


def test_follow_storm_ends_with_each_users_last_word(live_server: LiveServer, api: Conduit) -> None:
    """Users follow and unfollow one author at random, all at once: each ends as its last call
    left it, and the author's article is in the feed of exactly those who follow."""
    star, *users = _users(api, 1 + CLIENTS)
    api.create_article(star)
    plans = _plans(seed=len(star.username), count=len(users))

    def storm(index: int, client: Conduit) -> None:
        for on in plans[index]:
            answer = _switch(client, f"/profiles/{star.username}/follow", users[index], on=on)
            assert json_of(answer, 200)["profile"]["following"] is on

    together(live_server.base_url, CLIENTS, storm)

    for user, plan in zip(users, plans, strict=True):
        profile = json_of(api.client.get(f"/profiles/{star.username}", headers=user.headers), 200)
        assert profile["profile"]["following"] is plan[-1]
        assert api.feed(user)["articlesCount"] == (1 if plan[-1] else 0)


def test_many_articles_with_one_title_at_once(live_server: LiveServer, api: Conduit) -> None:
    """Sixteen articles with one title and the same new tags (in various orders), all at once:
    every one is created, under a slug of its own, with all its tags."""
    authors = _users(api, 4)
    title = naming.title()
    tags = sorted(naming.tag() for _ in range(4))

    def publish(index: int, client: Conduit) -> dict[str, Any]:
        shuffled = random.Random(index).sample(tags, len(tags))  # noqa: S311
        return client.create_article(authors[index % len(authors)], title=title, tags=shuffled)

    articles = together(live_server.base_url, CLIENTS, publish)

    slugs = {article["slug"] for article in articles}
    assert len(slugs) == CLIENTS
    for article in articles:
        stored = api.article(article["slug"])
        assert (stored["title"], stored["tagList"]) == (title, tags)
    assert api.articles(tag=tags[0], limit=100)["articlesCount"] == CLIENTS
    assert set(tags) <= set(api.tags())


def test_an_article_deleted_during_a_storm_of_favorites_and_comments(
    live_server: LiveServer, api: Conduit
) -> None:
    """While readers favorite and comment on an article, its author deletes it: every answer is
    a success or a 404 of the article, and nothing of the article remains."""
    author, *readers = _users(api, CLIENTS)
    slug = api.create_article(author, tags=[naming.tag()])["slug"]

    def storm(index: int, client: Conduit) -> list[int]:
        if index == 0:
            assert_no_content(client.client.delete(f"/articles/{slug}", headers=author.headers))
            return []
        reader = readers[index - 1]
        statuses = []
        for step in range(STEPS):
            if step % 2:
                payload = {"comment": {"body": f"Comment {step}"}}
                answer = client.client.post(
                    f"/articles/{slug}/comments", json=payload, headers=reader.headers
                )
            else:
                answer = client.client.post(f"/articles/{slug}/favorite", headers=reader.headers)
            if answer.status_code == 404:
                assert answer.json() == {"errors": {"article": ["not found"]}}
            statuses.append(answer.status_code)
        return statuses

    answers = together(live_server.base_url, CLIENTS, storm)

    assert {status for statuses in answers for status in statuses} <= {200, 201, 404}
    assert api.client.get(f"/articles/{slug}").status_code == 404
    assert api.client.get(f"/articles/{slug}/comments").status_code == 404
    for reader in readers:
        assert api.articles(favorited=reader.username)["articlesCount"] == 0
