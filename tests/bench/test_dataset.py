"""The seeded dataset: deterministic rows, consistent credentials, a template and its copies."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from bench import credentials
from bench.dataset import DatasetSpec, generate
from bench.seed import build_template, password_hashes
from domain.passwords import Argon2Cost, PasswordHasher

CHEAP = Argon2Cost(time_cost=1, memory_cost_kib=8, parallelism=1)
SMALL = DatasetSpec(users=30, articles=60, comments=120, tags=8, follows_per_user=3,
                    favorites_per_user=4)  # fmt: skip
FAKE_HASHES = {credentials.password(n): f"hash-{n}" for n in range(credentials.PASSWORD_VARIANTS)}


def test_the_same_spec_gives_the_same_rows() -> None:
    assert generate(SMALL, FAKE_HASHES) == generate(SMALL, FAKE_HASHES)


def test_another_seed_gives_other_rows() -> None:
    other = DatasetSpec(**{**SMALL.as_dict(), "seed": SMALL.seed + 1})
    assert generate(other, FAKE_HASHES).articles != generate(SMALL, FAKE_HASHES).articles


def test_rows_have_the_spec_s_counts_and_unique_keys() -> None:
    rows = generate(SMALL, FAKE_HASHES)
    assert (len(rows.users), len(rows.articles), len(rows.comments), len(rows.tags)) == (
        30, 60, 120, 8,
    )  # fmt: skip
    assert len(rows.follows) == 30 * 3
    assert len(rows.favorites) == 30 * 4
    assert len({a["slug"] for a in rows.articles}) == 60
    assert all(f["follower_id"] != f["followed_id"] for f in rows.follows)
    assert len({(f["follower_id"], f["followed_id"]) for f in rows.follows}) == len(rows.follows)
    assert len({(t["article_id"], t["tag_id"]) for t in rows.article_tags}) == len(
        rows.article_tags
    )


def test_user_number_gives_its_credentials() -> None:
    rows = generate(SMALL, FAKE_HASHES)
    user = rows.users[6]
    assert user["username"] == credentials.username(7) == "reader7"
    assert user["email"] == credentials.email(7)
    assert user["password_hash"] == FAKE_HASHES[credentials.password(7)]


def test_scaling_keeps_a_few_of_each() -> None:
    tiny = DatasetSpec().scaled(0.0001)
    assert tiny.users >= 20
    assert tiny.articles >= 40
    assert DatasetSpec().scaled(0.1).comments == 5000


def test_password_hashes_verify_with_the_run_s_cost() -> None:
    hashes = password_hashes(CHEAP)
    assert len(hashes) == credentials.PASSWORD_VARIANTS
    hasher = PasswordHasher(CHEAP)
    assert hasher.verify(hashes[credentials.password(3)], credentials.password(3))
    assert not hasher.needs_rehash(hashes[credentials.password(3)])


@pytest.fixture(scope="module")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("template")


def test_sqlite_template_is_seeded_and_copied_whole(template_dir: Path) -> None:
    template = build_template(SMALL, CHEAP, server_url=None, directory=template_dir)
    assert template.counts["articles"] == 60
    url = template.copy("copy_one", template_dir)
    copied = Path(url.removeprefix("sqlite:///"))

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert digest(copied) == digest(Path(template.location))
    with sqlite3.connect(copied) as connection:
        assert connection.execute("SELECT count(*) FROM comments").fetchone() == (120,)
        assert connection.execute("SELECT username FROM users WHERE id = 1").fetchone() == (
            "reader1",
        )
    template.discard(url)
    assert not copied.exists()
    template.drop()
    assert not Path(template.location).exists()


def test_two_templates_of_one_spec_hold_the_same_data(tmp_path: Path) -> None:
    dumps = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        template = build_template(SMALL, CHEAP, server_url=None, directory=tmp_path / name)
        with sqlite3.connect(template.location) as connection:
            dumps.append(
                [
                    line
                    for line in connection.iterdump()
                    if "password_hash" not in line and not line.startswith('INSERT INTO "users"')
                ]
            )
    assert dumps[0] == dumps[1]
