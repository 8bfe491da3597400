"""The seeded dataset: its size, and its rows generated from a fixed seed.

The same specification always gives the same rows, byte for byte, so every implementation and
every round is measured on identical data. Timestamps are fixed instants, not "now".
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import credentials

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = (  # noqa: SIM905 - a word list reads best as text
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
    "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu framework "
    "request response latency throughput database schema index query cache worker process "
    "thread event loop router handler template model view serializer session token article "
    "comment profile follow favorite tag feed reader writer author editor draft review"
).split()

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DatasetSpec:
    """How much data to seed; ``seed`` fixes every random choice."""

    users: int = 1000
    articles: int = 10_000
    comments: int = 50_000
    tags: int = 100
    follows_per_user: int = 10
    favorites_per_user: int = 20
    max_tags_per_article: int = 4
    seed: int = 20260101

    def scaled(self, factor: float) -> DatasetSpec:
        """The same shape with every count multiplied by ``factor`` (at least a few of each)."""

        def times(count: int, least: int) -> int:
            return max(least, round(count * factor))

        return replace(
            self,
            users=times(self.users, 20),
            articles=times(self.articles, 40),
            comments=times(self.comments, 40),
            tags=times(self.tags, 10),
        )

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Rows:
    """Every row of a dataset, table by table, in insertion order, ids included."""

    users: list[Row]
    follows: list[Row]
    tags: list[Row]
    articles: list[Row]
    article_tags: list[Row]
    favorites: list[Row]
    comments: list[Row]

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.__dataclass_fields__}


def generate(spec: DatasetSpec, password_hashes: dict[str, str]) -> Rows:
    """The dataset's rows; ``password_hashes`` maps each distinct password to its hash."""
    rng = random.Random(spec.seed)
    users = [_user(rng, number, password_hashes) for number in range(1, spec.users + 1)]
    tags = [
        {"id": number, "name": f"{rng.choice(WORDS)}-{number}"}
        for number in range(1, spec.tags + 1)
    ]
    articles = [_article(rng, spec, number) for number in range(1, spec.articles + 1)]
    return Rows(
        users=users,
        follows=list(
            _pairs(
                rng,
                spec.users,
                spec.users,
                spec.follows_per_user,
                "follower_id",
                "followed_id",
                allow_same=False,
            )
        ),
        tags=tags,
        articles=articles,
        article_tags=list(_article_tags(rng, spec)),
        favorites=list(
            _pairs(
                rng,
                spec.users,
                spec.articles,
                spec.favorites_per_user,
                "user_id",
                "article_id",
                allow_same=True,
            )
        ),
        comments=list(_comments(rng, spec, articles)),
    )


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _user(rng: random.Random, number: int, password_hashes: dict[str, str]) -> Row:
    return {
        "id": number,
        "username": credentials.username(number),
        "email": credentials.email(number),
        "password_hash": password_hashes[credentials.password(number)],
        "bio": _sentence(rng, 12).capitalize() + "." if number % 3 else None,
        "image": f"https://images.bench.example/{number}.png" if number % 2 else None,
    }


def _article(rng: random.Random, spec: DatasetSpec, number: int) -> Row:
    title = f"{_sentence(rng, rng.randint(3, 7)).capitalize()} {number}"
    created = EPOCH + timedelta(minutes=10 * number, milliseconds=rng.randrange(600_000))
    updated = created + timedelta(minutes=rng.choice((0, 0, 0, 5, 60)))
    paragraphs = [_sentence(rng, rng.randint(40, 90)).capitalize() + "." for _ in range(3)]
    return {
        "id": number,
        "slug": "-".join(title.lower().split()),
        "title": title,
        "description": _sentence(rng, 14).capitalize() + ".",
        "body": "\n\n".join(paragraphs),
        "author_id": rng.randint(1, spec.users),
        "created_at": created,
        "updated_at": updated,
    }


def _pairs(
    rng: random.Random,
    owners: int,
    targets: int,
    per_owner: int,
    owner_key: str,
    target_key: str,
    *,
    allow_same: bool,
) -> Iterator[Row]:
    row_id = 0
    for owner in range(1, owners + 1):
        chosen = set(rng.sample(range(1, targets + 1), min(per_owner + 1, targets)))
        if not allow_same:
            chosen.discard(owner)
        for target in sorted(chosen)[:per_owner]:
            row_id += 1
            yield {"id": row_id, owner_key: owner, target_key: target}


def _article_tags(rng: random.Random, spec: DatasetSpec) -> Iterator[Row]:
    row_id = 0
    # A few popular tags, many rare ones: tag 1 is on far more articles than tag 100.
    weights = [1 / rank for rank in range(1, spec.tags + 1)]
    for article in range(1, spec.articles + 1):
        count = rng.randint(0, spec.max_tags_per_article)
        chosen = set(rng.choices(range(1, spec.tags + 1), weights=weights, k=count))
        for tag in sorted(chosen):
            row_id += 1
            yield {"id": row_id, "article_id": article, "tag_id": tag}


def _comments(rng: random.Random, spec: DatasetSpec, articles: list[Row]) -> Iterator[Row]:
    for number in range(1, spec.comments + 1):
        article = articles[rng.randrange(len(articles))]
        created = article["created_at"] + timedelta(minutes=rng.randint(1, 60 * 24 * 30))
        yield {
            "id": number,
            "body": _sentence(rng, rng.randint(8, 40)).capitalize() + ".",
            "article_id": article["id"],
            "author_id": rng.randint(1, spec.users),
            "created_at": created,
            "updated_at": created,
        }
