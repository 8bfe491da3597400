"""Registration, login, and reading and changing the current user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

BLANK = ["can't be blank"]
NOT_A_STRING = ["must be a string"]
INVALID = ["is invalid"]
TAKEN = ["has already been taken"]
PASSWORD_TOO_SHORT = ["is too short (minimum is 8 characters)"]
PASSWORD_TOO_LONG = ["is too long (maximum is 128 characters)"]


def registration(**overrides: Any) -> dict[str, Any]:
    name = naming.username()
    fields: dict[str, Any] = {
        "username": name,
        "email": naming.email(name),
        "password": naming.password(),
    }
    fields.update(overrides)
    return {"user": {key: value for key, value in fields.items() if value is not ...}}


def update_user(client: httpx.Client, user: User, **fields: Any) -> httpx.Response:
    return client.put("/user", json={"user": fields}, headers=user.headers)


# --- registration ---------------------------------------------------------------------------


def test_register_answers_201_with_the_user_and_a_token(client: httpx.Client) -> None:
    payload = registration()
    sent = payload["user"]
    user = json_of(client.post("/users", json=payload), 201)["user"]
    assert user["username"] == sent["username"]
    assert user["email"] == sent["email"]
    assert user["bio"] is None
    assert user["image"] is None
    assert user["token"].count(".") == 2


def test_registration_token_authenticates(client: httpx.Client) -> None:
    payload = registration()
    token = json_of(client.post("/users", json=payload), 201)["user"]["token"]
    me = json_of(client.get("/user", headers={"Authorization": f"Token {token}"}), 200)["user"]
    assert me["username"] == payload["user"]["username"]
    assert me["email"] == payload["user"]["email"]
    assert me["token"] == token


@pytest.mark.parametrize("length", [8, 64, 128])
def test_register_accepts_password_lengths_in_range(
    conduit: Conduit, client: httpx.Client, length: int
) -> None:
    password = "p" * length
    user = conduit.register(password=password)
    logged_in = json_of(conduit.login(user.email, password), 200)["user"]
    assert logged_in["username"] == user.username


@pytest.mark.parametrize(
    ("length", "errors"),
    [(7, PASSWORD_TOO_SHORT), (1, PASSWORD_TOO_SHORT), (129, PASSWORD_TOO_LONG)],
)
def test_register_refuses_password_lengths_out_of_range(
    client: httpx.Client, length: int, errors: list[str]
) -> None:
    payload = registration(password="p" * length)
    assert_errors(client.post("/users", json=payload), 422, {"password": errors})
    payload["user"]["password"] = "p" * 8
    created = json_of(client.post("/users", json=payload), 201)["user"]
    assert created["username"] == payload["user"]["username"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", ..., BLANK),
        ("username", None, BLANK),
        ("username", "", BLANK),
        ("username", "   ", BLANK),
        ("username", 42, NOT_A_STRING),
        ("username", ["a"], NOT_A_STRING),
        ("username", {"a": 1}, NOT_A_STRING),
        ("username", True, NOT_A_STRING),
        ("username", "has space", INVALID),
        ("username", "semi;colon", INVALID),
        ("username", "slash/name", INVALID),
        ("username", "at@name", INVALID),
        ("username", "u" * 65, ["is too long (maximum is 64 characters)"]),
        ("email", ..., BLANK),
        ("email", None, BLANK),
        ("email", "", BLANK),
        ("email", "  ", BLANK),
        ("email", 7, NOT_A_STRING),
        ("email", "plain", INVALID),
        ("email", "@example.com", INVALID),
        ("email", "someone@", INVALID),
        ("email", "some one@example.com", INVALID),
        ("email", f"{'e' * 243}@example.com", ["is too long (maximum is 254 characters)"]),
        ("password", ..., BLANK),
        ("password", None, BLANK),
        ("password", "", BLANK),
        ("password", "          ", BLANK),
        ("password", 12345678, NOT_A_STRING),
    ],
)
def test_register_validation_errors(
    client: httpx.Client, field: str, value: object, message: list[str]
) -> None:
    payload = registration(**{field: value})
    assert_errors(client.post("/users", json=payload), 422, {field: message})


def test_register_accepts_the_longest_username_and_email(conduit: Conduit) -> None:
    name = naming.username()
    username = name + "x" * (64 - len(name))
    local = naming.token() + "e" * (254 - 12 - len("@example.com"))
    user = conduit.register(username=username, email=f"{local}@example.com")
    me = conduit.current_user(user)
    assert me["username"] == username
    assert len(me["email"]) == 254


def test_register_accepts_dots_dashes_and_underscores(conduit: Conduit) -> None:
    username = f"a.b-c_{naming.token()}"
    user = conduit.register(username=username)
    assert conduit.current_user(user)["username"] == username


@pytest.mark.parametrize("field", ["username", "email"])
def test_register_refuses_a_taken_value(client: httpx.Client, user: User, field: str) -> None:
    payload = registration(**{field: getattr(user, field)})
    assert_errors(client.post("/users", json=payload), 409, {field: TAKEN})
    login = {"user": {"email": payload["user"]["email"], "password": payload["user"]["password"]}}
    refused = client.post("/users/login", json=login)
    assert refused.status_code == 401


@pytest.mark.parametrize("field", ["username", "email"])
def test_uniqueness_is_an_exact_match(conduit: Conduit, user: User, field: str) -> None:
    value = getattr(user, field).upper()
    other = conduit.register(**{field: value})
    assert conduit.current_user(other)[field] == value


def test_register_ignores_unknown_fields(client: httpx.Client) -> None:
    payload = registration(admin=True, id=1, token="forged", following=True)
    user = json_of(client.post("/users", json=payload), 201)["user"]
    assert set(user) == {"username", "email", "token", "bio", "image"}
    assert user["token"] != "forged"


# --- login ------------------------------------------------------------------------------------


def test_login_answers_the_user_with_a_working_token(conduit: Conduit, user: User) -> None:
    logged_in = json_of(conduit.login(user.email, user.password), 200)["user"]
    assert logged_in["username"] == user.username
    assert logged_in["email"] == user.email
    assert logged_in["bio"] is None
    assert logged_in["image"] is None
    me = json_of(
        conduit.client.get("/user", headers={"Authorization": f"Token {logged_in['token']}"}), 200
    )
    assert me["user"]["username"] == user.username


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "password of another user"])
def test_login_refuses_bad_credentials(
    conduit: Conduit, user: User, other_user: User, case: str
) -> None:
    email, password = {
        "wrong password": (user.email, user.password + "x"),
        "unknown email": (naming.email(), user.password),
        "password of another user": (user.email, other_user.password),
    }[case]
    assert_errors(conduit.login(email, password), 401, {"credentials": ["invalid"]})


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"password": "whatever-password"}, {"email": BLANK}),
        ({"email": "someone@example.com"}, {"password": BLANK}),
        ({"email": None, "password": "whatever-password"}, {"email": BLANK}),
        ({"email": "someone@example.com", "password": None}, {"password": BLANK}),
        ({"email": "", "password": "whatever-password"}, {"email": BLANK}),
        ({"email": "someone@example.com", "password": ""}, {"password": BLANK}),
        ({"email": 1, "password": "whatever-password"}, {"email": NOT_A_STRING}),
        ({"email": "someone@example.com", "password": ["x"]}, {"password": NOT_A_STRING}),
    ],
)
def test_login_validation_errors(
    client: httpx.Client, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    assert_errors(client.post("/users/login", json={"user": fields}), 422, errors)


# --- current user -----------------------------------------------------------------------------


def test_get_current_user(client: httpx.Client, user: User) -> None:
    me = json_of(client.get("/user", headers=user.headers), 200)["user"]
    assert me == {
        "username": user.username,
        "email": user.email,
        "token": user.token,
        "bio": None,
        "image": None,
    }


def test_get_current_user_needs_a_token(client: httpx.Client) -> None:
    assert_errors(client.get("/user"), 401, {"token": ["is missing"]})


def test_update_answers_the_token_the_request_carried(client: httpx.Client, user: User) -> None:
    updated = json_of(update_user(client, user, bio="New bio"), 200)["user"]
    assert updated["token"] == user.token
    assert updated["bio"] == "New bio"


def test_update_changes_only_the_fields_sent(
    client: httpx.Client, conduit: Conduit, user: User
) -> None:
    json_of(update_user(client, user, bio="Bio", image="https://example.com/a.png"), 200)
    updated = json_of(update_user(client, user, bio="Other bio"), 200)["user"]
    assert updated["bio"] == "Other bio"
    assert updated["image"] == "https://example.com/a.png"
    assert updated["username"] == user.username
    assert updated["email"] == user.email
    assert conduit.current_user(user) == updated


@pytest.mark.realworld
def test_update_several_fields_at_once(client: httpx.Client, conduit: Conduit, user: User) -> None:
    name = naming.username()
    fields = {
        "username": name,
        "email": naming.email(name),
        "bio": "All at once",
        "image": "https://example.com/b.png",
    }
    updated = json_of(update_user(client, user, **fields), 200)["user"]
    assert {key: updated[key] for key in fields} == fields
    now = replace(user, token=updated["token"])  # the token the answer gives (the same, here)
    assert {key: value for key, value in conduit.current_user(now).items() if key in fields} == (
        fields
    )


@pytest.mark.parametrize("field", ["bio", "image"])
@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_bio_and_image_read_back_as_null(
    client: httpx.Client, conduit: Conduit, user: User, field: str, blank: str | None
) -> None:
    json_of(update_user(client, user, **{field: "something"}), 200)
    assert json_of(update_user(client, user, **{field: blank}), 200)["user"][field] is None
    assert conduit.current_user(user)[field] is None
    profile = json_of(client.get(f"/profiles/{user.username}"), 200)["profile"]
    assert profile[field] is None


@pytest.mark.parametrize("field", ["bio", "image"])
def test_bio_and_image_are_stored_as_sent(
    client: httpx.Client, conduit: Conduit, user: User, field: str
) -> None:
    value = "  padded value  "
    assert json_of(update_user(client, user, **{field: value}), 200)["user"][field] == value
    assert conduit.current_user(user)[field] == value


def test_username_change_keeps_the_token_working(
    client: httpx.Client, conduit: Conduit, user: User
) -> None:
    new_name = naming.username()
    json_of(update_user(client, user, username=new_name), 200)
    assert conduit.current_user(user)["username"] == new_name
    assert json_of(client.get(f"/profiles/{new_name}"), 200)["profile"]["username"] == new_name
    assert_errors(client.get(f"/profiles/{user.username}"), 404, {"profile": ["not found"]})


def test_email_change_moves_the_login(client: httpx.Client, conduit: Conduit, user: User) -> None:
    new_email = naming.email()
    json_of(update_user(client, user, email=new_email), 200)
    assert json_of(conduit.login(new_email, user.password), 200)["user"]["email"] == new_email
    assert_errors(conduit.login(user.email, user.password), 401, {"credentials": ["invalid"]})


@pytest.mark.parametrize("length", [8, 64, 128])
def test_password_change_moves_the_login(
    client: httpx.Client, conduit: Conduit, user: User, length: int
) -> None:
    new_password = "n" * length
    json_of(update_user(client, user, password=new_password), 200)
    logged_in = json_of(conduit.login(user.email, new_password), 200)["user"]
    assert logged_in["username"] == user.username
    assert_errors(conduit.login(user.email, user.password), 401, {"credentials": ["invalid"]})


@pytest.mark.parametrize(("length", "errors"), [(7, PASSWORD_TOO_SHORT), (129, PASSWORD_TOO_LONG)])
def test_refused_password_change_keeps_the_old_password(
    client: httpx.Client, conduit: Conduit, user: User, length: int, errors: list[str]
) -> None:
    refused = update_user(client, user, password="q" * length)
    assert_errors(refused, 422, {"password": errors})
    assert json_of(conduit.login(user.email, user.password), 200)["user"]["email"] == user.email
    assert_errors(conduit.login(user.email, "q" * length), 401, {"credentials": ["invalid"]})


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"email": None}, {"email": BLANK}),
        ({"email": ""}, {"email": BLANK}),
        ({"email": " "}, {"email": BLANK}),
        ({"email": 3}, {"email": NOT_A_STRING}),
        ({"email": "not-an-email"}, {"email": INVALID}),
        ({"username": None}, {"username": BLANK}),
        ({"username": ""}, {"username": BLANK}),
        ({"username": "  "}, {"username": BLANK}),
        ({"username": False}, {"username": NOT_A_STRING}),
        ({"username": "no spaces allowed"}, {"username": INVALID}),
        ({"username": "x" * 65}, {"username": ["is too long (maximum is 64 characters)"]}),
        ({"password": None}, {"password": BLANK}),
        ({"password": ""}, {"password": BLANK}),
        ({"password": 123456789}, {"password": NOT_A_STRING}),
        ({"bio": 5}, {"bio": NOT_A_STRING}),
        ({"bio": ["list"]}, {"bio": NOT_A_STRING}),
        ({"image": {"url": "x"}}, {"image": NOT_A_STRING}),
        ({"image": True}, {"image": NOT_A_STRING}),
        ({}, {"user": BLANK}),
        ({"token": "ignored", "admin": True}, {"user": BLANK}),
    ],
)
def test_update_validation_errors_change_nothing(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    fields: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    before = conduit.current_user(user)
    assert_errors(update_user(client, user, **fields), 422, errors)
    assert conduit.current_user(user) == before


@pytest.mark.parametrize("field", ["username", "email"])
def test_update_to_a_taken_value_is_409_and_changes_nothing(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    field: str,
) -> None:
    json_of(update_user(client, user, bio="kept"), 200)
    before = conduit.current_user(user)
    refused = update_user(client, user, **{field: getattr(other_user, field)})
    assert_errors(refused, 409, {field: TAKEN})
    assert conduit.current_user(user) == before
    assert json_of(conduit.login(user.email, user.password), 200)["user"]["username"] == (
        user.username
    )


def test_conflicting_update_sent_with_other_fields_changes_nothing(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User
) -> None:
    before = conduit.current_user(user)
    refused = update_user(client, user, username=other_user.username, bio="should not stick")
    assert_errors(refused, 409, {"username": TAKEN})
    assert conduit.current_user(user) == before


@pytest.mark.parametrize("field", ["username", "email"])
def test_update_to_your_own_value_is_not_a_conflict(
    client: httpx.Client, user: User, field: str
) -> None:
    updated = json_of(update_user(client, user, **{field: getattr(user, field)}), 200)["user"]
    assert updated[field] == getattr(user, field)


def test_update_ignores_unknown_fields_next_to_known_ones(client: httpx.Client, user: User) -> None:
    updated = json_of(
        update_user(client, user, bio="Known", token="forged", createdAt="never"), 200
    )["user"]
    assert updated["bio"] == "Known"
    assert updated["token"] == user.token


def test_update_needs_a_token(client: httpx.Client) -> None:
    assert_errors(client.put("/user", json={"user": {"bio": "x"}}), 401, {"token": ["is missing"]})


def test_each_registration_is_its_own_user(make_user: Callable[..., User]) -> None:
    first, second = make_user(), make_user()
    assert first.username != second.username
    assert first.token != second.token
