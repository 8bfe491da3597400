"""A check every storage runs: deleting an article leaves no row that refers to it.

Through the API only the tag list shows what a delete left behind; this looks at the tables.
Each storage's tests call it with their own unit of work and a way to count rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from domain import services
from domain.passwords import Argon2Cost, PasswordHasher
from domain.ports import UnitOfWork
from domain.tokens import TokenCodec

# Tables that refer to an article, and the column that does.
ARTICLE_REFERENCES = {
    "article_tags": "article_id",
    "comments": "article_id",
    "favorites": "article_id",
}
CountRows = Callable[[str, str, int], int]


def assert_article_delete_leaves_no_orphans(
    new_uow: Callable[[], UnitOfWork], count_rows: CountRows
) -> None:
    """Delete one of two alike articles; ``count_rows(table, column, id)`` finds none for it."""
    run = uuid.uuid4().hex[:8]  # the database may hold other tests' data
    passwords = PasswordHasher(Argon2Cost(time_cost=1, memory_cost_kib=8, parallelism=1))
    tokens = TokenCodec("orphan-check-secret-long-enough-for-hs256", 3600)
    ids = []
    for name in (f"author{run}", f"reader{run}"):
        user = services.user_register(
            uow=new_uow(),
            passwords=passwords,
            tokens=tokens,
            username=name,
            email=f"{name}@example.com",
            password="password-of-" + name,
        )
        ids.append(tokens.verify(user.token))
    author, reader = ids
    slugs = []
    for title in (f"Doomed {run}", f"Kept {run}"):
        article = services.article_create(
            uow=new_uow(),
            user_id=author,
            title=title,
            description="d",
            body="b",
            tag_list=[f"shared{run}", f"only-{title.lower()}"],
        )
        slugs.append(article.slug)
        for user_id in (author, reader):
            services.article_favorite(uow=new_uow(), user_id=user_id, slug=article.slug)
            services.comment_add(uow=new_uow(), user_id=user_id, slug=article.slug, body="c")
    doomed, kept = (_article_id(new_uow(), slug) for slug in slugs)
    for table, column in ARTICLE_REFERENCES.items():
        assert count_rows(table, column, doomed) == 2, table

    services.article_delete(uow=new_uow(), user_id=author, slug=slugs[0])

    for table, column in ARTICLE_REFERENCES.items():
        assert count_rows(table, column, doomed) == 0, table
        assert count_rows(table, column, kept) == 2, table
    tags = set(services.tag_list(uow=new_uow()))
    assert {f"only-kept {run}", f"shared{run}"} <= tags
    assert f"only-doomed {run}" not in tags


def _article_id(uow: UnitOfWork, slug: str) -> int:
    with uow:
        article = uow.articles.get_by_slug(slug)
        assert article is not None
        return article.id
