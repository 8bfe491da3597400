"""Profiles, following and unfollowing."""

from __future__ import annotations

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

PROFILE_NOT_FOUND = {"profile": ["not found"]}


def profile_of(
    client: httpx.Client, username: str, reader: User | None = None
) -> dict[str, object]:
    headers = reader.headers if reader is not None else {}
    response = client.get(f"/profiles/{username}", headers=headers)
    profile: dict[str, object] = json_of(response, 200)["profile"]
    return profile


def test_get_profile_anonymously(client: httpx.Client, user: User) -> None:
    assert profile_of(client, user.username) == {
        "username": user.username,
        "bio": None,
        "image": None,
        "following": False,
    }


def test_profile_shows_bio_and_image(client: httpx.Client, user: User) -> None:
    fields = {"bio": "I write", "image": "https://example.com/me.png"}
    json_of(client.put("/user", json={"user": fields}, headers=user.headers), 200)
    profile = profile_of(client, user.username)
    assert profile["bio"] == fields["bio"]
    assert profile["image"] == fields["image"]


def test_own_profile_is_not_followed(client: httpx.Client, user: User) -> None:
    assert profile_of(client, user.username, reader=user)["following"] is False


def test_unknown_profile_is_404(client: httpx.Client, user: User) -> None:
    unknown = naming.username()
    assert_errors(client.get(f"/profiles/{unknown}"), 404, PROFILE_NOT_FOUND)
    assert_errors(client.get(f"/profiles/{unknown}", headers=user.headers), 404, PROFILE_NOT_FOUND)


def test_profile_lookup_is_an_exact_match(client: httpx.Client, user: User) -> None:
    assert_errors(client.get(f"/profiles/{user.username.upper()}"), 404, PROFILE_NOT_FOUND)


def test_follow_answers_the_followed_profile(
    client: httpx.Client, user: User, other_user: User
) -> None:
    response = client.post(f"/profiles/{other_user.username}/follow", headers=user.headers)
    assert json_of(response, 200)["profile"] == {
        "username": other_user.username,
        "bio": None,
        "image": None,
        "following": True,
    }


@pytest.mark.realworld
def test_following_shows_for_the_follower_only(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User
) -> None:
    conduit.follow(user, other_user.username)
    third = conduit.register()
    assert profile_of(client, other_user.username, reader=user)["following"] is True
    assert profile_of(client, other_user.username)["following"] is False
    assert profile_of(client, other_user.username, reader=third)["following"] is False
    assert profile_of(client, user.username, reader=other_user)["following"] is False


def test_follow_twice_answers_the_same_profile(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User
) -> None:
    first = conduit.follow(user, other_user.username)
    second = json_of(
        client.post(f"/profiles/{other_user.username}/follow", headers=user.headers), 200
    )["profile"]
    assert second == first
    assert second["following"] is True
    feed = conduit.feed(user)
    assert feed["articlesCount"] == 0


def test_unfollow_answers_the_profile_not_followed(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User
) -> None:
    conduit.follow(user, other_user.username)
    response = client.delete(f"/profiles/{other_user.username}/follow", headers=user.headers)
    assert json_of(response, 200)["profile"] == {
        "username": other_user.username,
        "bio": None,
        "image": None,
        "following": False,
    }
    assert profile_of(client, other_user.username, reader=user)["following"] is False


def test_unfollow_twice_or_never_followed_is_not_an_error(
    client: httpx.Client, user: User, other_user: User
) -> None:
    path = f"/profiles/{other_user.username}/follow"
    first = json_of(client.delete(path, headers=user.headers), 200)["profile"]
    second = json_of(client.delete(path, headers=user.headers), 200)["profile"]
    assert first == second
    assert second["following"] is False


def test_follow_yourself_is_422(client: httpx.Client, user: User) -> None:
    response = client.post(f"/profiles/{user.username}/follow", headers=user.headers)
    assert_errors(response, 422, {"profile": ["can't follow yourself"]})
    assert profile_of(client, user.username, reader=user)["following"] is False


def test_unfollow_yourself_answers_your_profile(client: httpx.Client, user: User) -> None:
    response = client.delete(f"/profiles/{user.username}/follow", headers=user.headers)
    assert json_of(response, 200)["profile"] == {
        "username": user.username,
        "bio": None,
        "image": None,
        "following": False,
    }


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_follow_or_unfollow_an_unknown_user_is_404(
    client: httpx.Client, user: User, method: str
) -> None:
    response = client.request(method, f"/profiles/{naming.username()}/follow", headers=user.headers)
    assert_errors(response, 404, PROFILE_NOT_FOUND)


def test_following_follows_a_username_change(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User
) -> None:
    conduit.follow(user, other_user.username)
    new_name = naming.username()
    json_of(
        client.put("/user", json={"user": {"username": new_name}}, headers=other_user.headers), 200
    )
    assert profile_of(client, new_name, reader=user)["following"] is True
