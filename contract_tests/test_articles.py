"""Creating, reading, changing and deleting one article, and its slug."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, assert_no_content, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]
ARTICLE_NOT_FOUND = {"article": ["not found"]}
ARTICLE_FORBIDDEN = {"article": ["forbidden"]}
BLANK = ["can't be blank"]
SUFFIXED = re.compile(r"^(?P<base>.+)-[a-z0-9]{8}$")


def new_article(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": naming.title(),
        "description": "What it is about",
        "body": "The whole text",
    }
    fields.update(overrides)
    return {"article": {key: value for key, value in fields.items() if value is not ...}}


def update(client: httpx.Client, user: User, slug: str, /, **fields: Any) -> httpx.Response:
    return client.put(f"/articles/{slug}", json={"article": fields}, headers=user.headers)


# --- create -----------------------------------------------------------------------------------


def test_create_answers_201_with_the_article(client: httpx.Client, user: User) -> None:
    payload = new_article(tagList=["b-tag", "a-tag"])
    sent = payload["article"]
    article = json_of(client.post("/articles", json=payload, headers=user.headers), 201)["article"]
    assert article["title"] == sent["title"]
    assert article["description"] == sent["description"]
    assert article["body"] == sent["body"]
    assert article["tagList"] == ["a-tag", "b-tag"]
    assert article["favorited"] is False
    assert article["favoritesCount"] == 0
    assert article["author"] == {
        "username": user.username,
        "bio": None,
        "image": None,
        "following": False,
    }
    assert article["createdAt"] == article["updatedAt"]


def test_create_without_tag_list_has_no_tags(client: httpx.Client, user: User) -> None:
    article = json_of(client.post("/articles", json=new_article(), headers=user.headers), 201)
    assert article["article"]["tagList"] == []


def test_create_with_empty_tag_list(client: httpx.Client, user: User) -> None:
    response = client.post("/articles", json=new_article(tagList=[]), headers=user.headers)
    assert json_of(response, 201)["article"]["tagList"] == []


def test_tags_are_trimmed_merged_and_sorted(client: httpx.Client, user: User) -> None:
    prefix = naming.tag()
    tags = [f"{prefix}c", f" {prefix}a ", f"{prefix}b", f"{prefix}a", f"\t{prefix}c\n"]
    response = client.post("/articles", json=new_article(tagList=tags), headers=user.headers)
    expected = [f"{prefix}a", f"{prefix}b", f"{prefix}c"]
    article = json_of(response, 201)["article"]
    assert article["tagList"] == expected
    assert json_of(client.get(f"/articles/{article['slug']}"), 200)["article"]["tagList"] == (
        expected
    )


def test_tags_sort_by_code_point_whatever_the_collation(client: httpx.Client, user: User) -> None:
    prefix = naming.tag()
    tags = [f"b{prefix}", f"a{prefix}", f"B{prefix}", f"\u00e9{prefix}", f"A{prefix}"]
    response = client.post("/articles", json=new_article(tagList=tags), headers=user.headers)
    assert json_of(response, 201)["article"]["tagList"] == sorted(tags)
    assert sorted(tags)[:2] == [f"A{prefix}", f"B{prefix}"]  # capitals first
    listed = json_of(client.get("/tags"), 200)["tags"]
    assert [tag for tag in listed if tag.endswith(prefix)] == sorted(tags)


def test_values_are_stored_as_sent(client: httpx.Client, user: User) -> None:
    token = naming.token()
    payload = new_article(
        title=f"  Spaced {token}  ", description="  described  ", body="\n body \n"
    )
    created = json_of(client.post("/articles", json=payload, headers=user.headers), 201)
    stored = json_of(client.get(f"/articles/{created['article']['slug']}"), 200)["article"]
    assert stored["title"] == f"  Spaced {token}  "
    assert stored["description"] == "  described  "
    assert stored["body"] == "\n body \n"
    assert stored["slug"] == f"spaced-{token}"


def test_create_ignores_unknown_fields(client: httpx.Client, user: User) -> None:
    title = naming.title()
    payload = new_article(
        title=title,
        slug="chosen-by-client",
        favoritesCount=99,
        favorited=True,
        author={"username": "someone-else"},
        createdAt="2000-01-01T00:00:00.000Z",
        extra="x",
    )
    article = json_of(client.post("/articles", json=payload, headers=user.headers), 201)["article"]
    assert article["slug"] == title.lower().replace(" ", "-")
    assert article["favoritesCount"] == 0
    assert article["favorited"] is False
    assert article["author"]["username"] == user.username
    assert article["createdAt"] != "2000-01-01T00:00:00.000Z"


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"title": ...}, {"title": BLANK}),
        ({"title": None}, {"title": BLANK}),
        ({"title": ""}, {"title": BLANK}),
        ({"title": "   "}, {"title": BLANK}),
        ({"title": 12}, {"title": ["must be a string"]}),
        ({"title": "t" * 256}, {"title": ["is too long (maximum is 255 characters)"]}),
        ({"description": ...}, {"description": BLANK}),
        ({"description": None}, {"description": BLANK}),
        ({"description": " \t "}, {"description": BLANK}),
        ({"description": ["d"]}, {"description": ["must be a string"]}),
        ({"body": ...}, {"body": BLANK}),
        ({"body": None}, {"body": BLANK}),
        ({"body": ""}, {"body": BLANK}),
        ({"body": {"text": "b"}}, {"body": ["must be a string"]}),
        ({"tagList": None}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": "one-tag"}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": [1, 2]}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": ["ok", None]}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": {"a": "b"}}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": ["ok", ""]}, {"tagList": ["can't contain a blank tag"]}),
        ({"tagList": ["   "]}, {"tagList": ["can't contain a blank tag"]}),
        ({"tagList": ["x" * 65]}, {"tagList": ["is too long (maximum is 64 characters)"]}),
    ],
)
def test_create_validation_errors(
    client: httpx.Client,
    user: User,
    overrides: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    payload = new_article(**overrides)
    assert_errors(client.post("/articles", json=payload, headers=user.headers), 422, errors)
    listed = client.get("/articles", params={"author": user.username})
    assert json_of(listed, 200)["articlesCount"] == 0


def test_create_accepts_limits(client: httpx.Client, user: User) -> None:
    title = naming.token() + "t" * 243
    tag = naming.tag() + "x" * 49
    payload = new_article(title=title, tagList=[f"  {tag}  "])
    article = json_of(client.post("/articles", json=payload, headers=user.headers), 201)["article"]
    assert len(article["title"]) == 255
    assert article["tagList"] == [tag]
    assert len(tag) == 64


# --- slugs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello, World! {t}", "hello-world-{t}"),
        ("{t} -- Dashes  and   spaces --", "{t}-dashes-and-spaces"),
        ("Crème Brûlée à la {t}", "creme-brulee-a-la-{t}"),
        ("   ...{t}...   ", "{t}"),
        ("UPPER lower {t} 123", "upper-lower-{t}-123"),
        ("snake_case/and.dots {t}", "snake-case-and-dots-{t}"),
    ],
)
def test_slug_is_the_slugified_title(
    client: httpx.Client, user: User, title: str, slug: str
) -> None:
    token = naming.token()
    payload = new_article(title=title.format(t=token))
    article = json_of(client.post("/articles", json=payload, headers=user.headers), 201)["article"]
    assert article["slug"] == slug.format(t=token)
    fetched = json_of(client.get(f"/articles/{article['slug']}"), 200)["article"]
    assert fetched["title"] == title.format(t=token)


def test_slug_is_cut_to_100_characters(client: httpx.Client, user: User) -> None:
    token = naming.token(32)
    payload = new_article(title=f"{token} {'x' * 150}")
    article = json_of(client.post("/articles", json=payload, headers=user.headers), 201)["article"]
    assert article["slug"] == f"{token}-{'x' * 67}"
    assert len(article["slug"]) == 100


def test_title_without_letters_or_digits_gets_the_article_slug(
    client: httpx.Client, user: User
) -> None:
    payload = new_article(title="!!! ... ???")
    article = json_of(client.post("/articles", json=payload, headers=user.headers), 201)["article"]
    assert re.fullmatch(r"article(-[a-z0-9]{8})?", article["slug"])


def test_equal_titles_get_distinct_slugs(
    client: httpx.Client, user: User, other_user: User
) -> None:
    token = naming.token()
    title = f"Hello, World! {token}"
    first = json_of(
        client.post("/articles", json=new_article(title=title), headers=user.headers), 201
    )["article"]
    second = json_of(
        client.post("/articles", json=new_article(title=title), headers=other_user.headers), 201
    )["article"]
    third = json_of(
        client.post("/articles", json=new_article(title=title), headers=user.headers), 201
    )["article"]
    assert first["slug"] == f"hello-world-{token}"
    for later in (second, third):
        match = SUFFIXED.match(later["slug"])
        assert match is not None, later["slug"]
        assert match.group("base") == first["slug"]
    assert len({first["slug"], second["slug"], third["slug"]}) == 3
    assert (
        json_of(client.get(f"/articles/{second['slug']}"), 200)["article"]["author"]["username"]
        == other_user.username
    )


# --- read -------------------------------------------------------------------------------------


def test_get_article_anonymously(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user, tags=[naming.tag()])
    fetched = json_of(client.get(f"/articles/{created['slug']}"), 200)["article"]
    assert fetched == created


def test_get_article_with_a_token_shows_follow_state(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    slug = article_by(user)["slug"]
    conduit.follow(other_user, user.username)
    seen = json_of(client.get(f"/articles/{slug}", headers=other_user.headers), 200)["article"]
    assert seen["author"]["following"] is True
    anonymous = json_of(client.get(f"/articles/{slug}"), 200)["article"]
    assert anonymous["author"]["following"] is False


def test_get_unknown_article_is_404(client: httpx.Client, user: User) -> None:
    slug = f"missing-{naming.token()}"
    assert_errors(client.get(f"/articles/{slug}"), 404, ARTICLE_NOT_FOUND)
    assert_errors(client.get(f"/articles/{slug}", headers=user.headers), 404, ARTICLE_NOT_FOUND)


def test_a_slug_in_other_letter_case_names_no_article(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    """Slugs are compared exactly: the existing slug in capitals is another, unknown slug for
    every route that names an article, whatever the database's collation would match."""
    created = article_by(user)
    slug = created["slug"]
    shouted = slug.upper()
    assert shouted != slug
    asked = [
        client.get(f"/articles/{shouted}"),
        client.get(f"/articles/{shouted}/comments"),
        client.post(
            f"/articles/{shouted}/comments",
            json={"comment": {"body": "lost"}},
            headers=other_user.headers,
        ),
        client.post(f"/articles/{shouted}/favorite", headers=other_user.headers),
        client.delete(f"/articles/{shouted}/favorite", headers=other_user.headers),
        update(client, user, shouted, body="changed"),
        client.delete(f"/articles/{shouted}", headers=user.headers),
    ]
    for response in asked:
        assert_errors(response, 404, ARTICLE_NOT_FOUND)
    assert conduit.article(slug) == created
    assert conduit.comments(slug) == []


def test_author_profile_follows_the_author_changes(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    fields = {"bio": "New bio", "image": "https://example.com/i.png"}
    json_of(client.put("/user", json={"user": fields}, headers=user.headers), 200)
    author = json_of(client.get(f"/articles/{slug}"), 200)["article"]["author"]
    assert author["bio"] == fields["bio"]
    assert author["image"] == fields["image"]


# --- update -----------------------------------------------------------------------------------


def test_update_changes_only_the_fields_sent(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    tags = sorted([naming.tag(), naming.tag()])
    created = article_by(user, tags=tags)
    updated = json_of(update(client, user, created["slug"], description="Changed"), 200)["article"]
    assert updated["description"] == "Changed"
    for field in ("slug", "title", "body", "tagList", "createdAt", "author"):
        assert updated[field] == created[field], field
    assert json_of(client.get(f"/articles/{created['slug']}"), 200)["article"] == updated


@pytest.mark.realworld
def test_update_body(client: httpx.Client, user: User, article_by: ArticleFactory) -> None:
    created = article_by(user)
    updated = json_of(update(client, user, created["slug"], body="New body"), 200)["article"]
    assert updated["body"] == "New body"
    assert updated["title"] == created["title"]


def test_title_change_moves_the_slug(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    token = naming.token()
    response = update(client, user, created["slug"], title=f"Brand New {token}")
    updated = json_of(response, 200)["article"]
    assert updated["title"] == f"Brand New {token}"
    assert updated["slug"] == f"brand-new-{token}"
    assert_errors(client.get(f"/articles/{created['slug']}"), 404, ARTICLE_NOT_FOUND)
    fetched = json_of(client.get(f"/articles/{updated['slug']}"), 200)["article"]
    assert fetched["title"] == f"Brand New {token}"
    assert fetched["createdAt"] == created["createdAt"]


def test_unchanged_title_keeps_the_slug(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    title = naming.title()
    article_by(user, title=title)
    duplicate = article_by(user, title=title)
    assert SUFFIXED.match(duplicate["slug"])
    updated = json_of(update(client, user, duplicate["slug"], title=title, body="b2"), 200)
    assert updated["article"]["slug"] == duplicate["slug"]
    assert json_of(client.get(f"/articles/{duplicate['slug']}"), 200)["article"]["body"] == "b2"


@pytest.mark.parametrize("variant", [str.upper, lambda title: f"  {title}!", str.lower])
def test_a_title_that_slugifies_alike_keeps_the_slug(
    client: httpx.Client,
    user: User,
    article_by: ArticleFactory,
    variant: Callable[[str], str],
) -> None:
    created = article_by(user)
    title = variant(created["title"])
    assert title != created["title"]
    updated = json_of(update(client, user, created["slug"], title=title), 200)["article"]
    assert (updated["slug"], updated["title"]) == (created["slug"], title)
    assert json_of(client.get(f"/articles/{created['slug']}"), 200)["article"]["title"] == title


def test_a_suffixed_slug_survives_a_title_that_slugifies_alike(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    title = naming.title()
    first = article_by(user, title=title)
    duplicate = article_by(user, title=title)
    assert SUFFIXED.match(duplicate["slug"])
    response = update(client, user, duplicate["slug"], title=f"{title.upper()}.")
    updated = json_of(response, 200)["article"]
    assert updated["slug"] == duplicate["slug"]
    assert conduit_title(client, first["slug"]) == title
    assert conduit_title(client, duplicate["slug"]) == f"{title.upper()}."


def conduit_title(client: httpx.Client, slug: str) -> str:
    title: str = json_of(client.get(f"/articles/{slug}"), 200)["article"]["title"]
    return title


def test_title_change_to_a_taken_slug_gets_a_suffix(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    first = article_by(user)
    second = article_by(user)
    moved = json_of(update(client, user, second["slug"], title=first["title"]), 200)["article"]
    match = SUFFIXED.match(moved["slug"])
    assert match is not None
    assert match.group("base") == first["slug"]
    assert (
        json_of(client.get(f"/articles/{first['slug']}"), 200)["article"]["body"] == (first["body"])
    )


def test_tag_list_left_out_keeps_the_tags(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    tags = sorted([naming.tag(), naming.tag()])
    created = article_by(user, tags=tags)
    updated = json_of(update(client, user, created["slug"], title=naming.title()), 200)["article"]
    assert updated["tagList"] == tags


def test_empty_tag_list_clears_the_tags(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user, tags=[naming.tag()])
    updated = json_of(update(client, user, created["slug"], tagList=[]), 200)["article"]
    assert updated["tagList"] == []
    assert json_of(client.get(f"/articles/{created['slug']}"), 200)["article"]["tagList"] == []


def test_tag_list_replaces_the_tags(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user, tags=[naming.tag()])
    new_tags = [naming.tag(), naming.tag()]
    response = update(client, user, created["slug"], tagList=[*new_tags, f" {new_tags[0]} "])
    assert json_of(response, 200)["article"]["tagList"] == sorted(new_tags)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"tagList": None}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": "x"}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": [True]}, {"tagList": ["must be an array of strings"]}),
        ({"tagList": [""]}, {"tagList": ["can't contain a blank tag"]}),
        ({"title": None}, {"title": BLANK}),
        ({"title": ""}, {"title": BLANK}),
        ({"title": "  "}, {"title": BLANK}),
        ({"title": 1}, {"title": ["must be a string"]}),
        ({"title": "t" * 256}, {"title": ["is too long (maximum is 255 characters)"]}),
        ({"description": None}, {"description": BLANK}),
        ({"description": ""}, {"description": BLANK}),
        ({"body": None}, {"body": BLANK}),
        ({"body": "   "}, {"body": BLANK}),
        ({"body": 3.5}, {"body": ["must be a string"]}),
        ({}, {"article": BLANK}),
        ({"slug": "new-slug", "favoritesCount": 5}, {"article": BLANK}),
    ],
)
def test_refused_update_changes_nothing(
    client: httpx.Client,
    user: User,
    article_by: ArticleFactory,
    fields: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    created = article_by(user, tags=[naming.tag(), naming.tag()])
    assert_errors(update(client, user, created["slug"], **fields), 422, errors)
    assert json_of(client.get(f"/articles/{created['slug']}"), 200)["article"] == created


def test_update_ignores_unknown_fields_next_to_known_ones(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    response = update(client, user, created["slug"], body="B2", slug="hijack", favoritesCount=7)
    updated = json_of(response, 200)["article"]
    assert updated["body"] == "B2"
    assert updated["slug"] == created["slug"]
    assert updated["favoritesCount"] == 0


def test_update_by_another_user_is_403_and_changes_nothing(
    client: httpx.Client, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    refused = update(client, other_user, created["slug"], title="Stolen", body="Stolen")
    assert_errors(refused, 403, ARTICLE_FORBIDDEN)
    assert json_of(client.get(f"/articles/{created['slug']}"), 200)["article"] == created


def test_update_unknown_article_is_404(client: httpx.Client, user: User) -> None:
    refused = update(client, user, f"missing-{naming.token()}", body="x")
    assert_errors(refused, 404, ARTICLE_NOT_FOUND)


# --- delete -----------------------------------------------------------------------------------


def test_delete_answers_204_and_the_article_is_gone(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    assert_no_content(client.delete(f"/articles/{slug}", headers=user.headers))
    assert_errors(client.get(f"/articles/{slug}"), 404, ARTICLE_NOT_FOUND)
    listed = json_of(client.get("/articles", params={"author": user.username}), 200)
    assert listed == {"articles": [], "articlesCount": 0}


def test_delete_twice_is_404(client: httpx.Client, user: User, article_by: ArticleFactory) -> None:
    slug = article_by(user)["slug"]
    assert_no_content(client.delete(f"/articles/{slug}", headers=user.headers))
    assert_errors(client.delete(f"/articles/{slug}", headers=user.headers), 404, ARTICLE_NOT_FOUND)


def test_delete_by_another_user_is_403_and_deletes_nothing(
    client: httpx.Client, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    refused = client.delete(f"/articles/{created['slug']}", headers=other_user.headers)
    assert_errors(refused, 403, ARTICLE_FORBIDDEN)
    assert json_of(client.get(f"/articles/{created['slug']}"), 200)["article"] == created


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_missing_article_of_anyone_is_404_before_403(
    client: httpx.Client,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
    method: str,
) -> None:
    slug = article_by(user)["slug"]
    assert_no_content(client.delete(f"/articles/{slug}", headers=user.headers))
    body = {"article": {"body": "x"}} if method == "PUT" else None
    response = client.request(method, f"/articles/{slug}", json=body, headers=other_user.headers)
    assert_errors(response, 404, ARTICLE_NOT_FOUND)


def test_deleted_slug_can_be_reused(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    title = naming.title()
    first = article_by(user, title=title)
    assert_no_content(client.delete(f"/articles/{first['slug']}", headers=user.headers))
    again = article_by(user, title=title)
    assert again["slug"] == first["slug"]
    assert json_of(client.get(f"/articles/{again['slug']}"), 200)["article"]["title"] == title
