"""Answers rendered as the output serializers declare them, without a serializer round trip.

For every answer DRF would build a serializer, deep-copy its fields and walk them. Here each
output serializer's fields are read once into a plan (JSON key, attribute, how to render it),
which then renders any of the domain's read models straight into the dict DRF would have made:
the serializers stay the one declaration of each answer, and of its documentation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from rest_framework import serializers

Convert = Callable[[Any], Any]
Plan = tuple[tuple[str, str, Convert], ...]


def render(serializer_class: type[serializers.Serializer[Any]], instance: Any) -> dict[str, Any]:
    """``instance`` as ``serializer_class(instance).data`` has it."""
    return _rendered(_plan(serializer_class), instance)


@cache
def _plan(serializer_class: type[serializers.Serializer[Any]]) -> Plan:
    fields = serializer_class().fields
    return tuple((key, field.source or key, _converter(field)) for key, field in fields.items())


def _converter(field: serializers.Field[Any, Any, Any, Any]) -> Convert:
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        assert field.child is not None  # every list the serializers declare says of what
        item = _converter(field.child)
        return lambda values: [item(value) for value in values]
    if isinstance(field, serializers.Serializer):
        plan = _plan(type(field))
        return lambda value: _rendered(plan, value)
    return field.to_representation


def _rendered(plan: Plan, instance: Any) -> dict[str, Any]:
    answer = {}
    for key, source, convert in plan:
        value = instance[source] if isinstance(instance, Mapping) else getattr(instance, source)
        answer[key] = None if value is None else convert(value)
    return answer
