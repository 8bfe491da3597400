"""Tags in use (docs/contract.md, "Tags")."""

from __future__ import annotations

from domain import services
from tests.domain.support import Member, World


def test_no_articles_no_tags(world: World) -> None:
    assert services.tag_list(uow=world.uow) == []


def test_every_tag_in_use_sorted_and_once(world: World, alice: Member, bob: Member) -> None:
    world.publish(alice, "One", tags=["zeta", "alpha"])
    world.publish(bob, "Two", tags=[" alpha ", "Beta", "mu"])
    world.publish(bob, "Three")
    assert services.tag_list(uow=world.uow) == ["Beta", "alpha", "mu", "zeta"]


def test_tags_no_article_uses_anymore_are_gone(world: World, alice: Member) -> None:
    one = world.publish(alice, "One", tags=["shared", "only-one"])
    two = world.publish(alice, "Two", tags=["shared", "only-two"])
    services.article_update(uow=world.uow, user_id=alice.id, slug=one.slug, tag_list=["shared"])
    assert services.tag_list(uow=world.uow) == ["only-two", "shared"]
    services.article_delete(uow=world.uow, user_id=alice.id, slug=two.slug)
    assert services.tag_list(uow=world.uow) == ["shared"]
    services.article_update(uow=world.uow, user_id=alice.id, slug=one.slug, tag_list=[])
    assert services.tag_list(uow=world.uow) == []
