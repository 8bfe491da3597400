"""Foreign keys named as the shared schema names them, cascading in the database."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models.constraints import BaseConstraint

_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class CascadingForeignKey(BaseConstraint):
    """``CONSTRAINT <name> FOREIGN KEY (<column>) REFERENCES <table> (id) ON DELETE CASCADE``.

    Django names foreign keys with a hash (inline and unnamed on SQLite) and cascades in
    Python. The model's ``ForeignKey`` therefore has ``db_constraint=False`` and
    ``on_delete=DO_NOTHING``; this constraint states the key in the table itself, so that
    Django's migrations (table rebuilds on SQLite included) create it by its shared name.

    The name is written unquoted, as Alembic writes it: SQLAlchemy's SQLite reflection misreads
    a quoted foreign key name that follows another quoted constraint.
    """

    def __init__(self, *, field: str, name: str) -> None:
        if not _PLAIN_NAME.fullmatch(name):
            raise ValueError(f"foreign key names are plain lower-case identifiers, not {name!r}")
        super().__init__(name=name)
        self.field = field

    def _sql(self, model: type[models.Model], editor: BaseDatabaseSchemaEditor) -> str:
        field = model._meta.get_field(self.field)
        if not isinstance(field, models.ForeignKey):
            raise TypeError(f"{model.__name__}.{self.field} is not a foreign key")
        target = field.target_field
        column, target_column = field.column, target.column
        if column is None or target_column is None:
            raise TypeError(f"{model.__name__}.{self.field} has no column")
        quote = editor.quote_name
        return (
            f"CONSTRAINT {self.name} FOREIGN KEY ({quote(column)}) "
            f"REFERENCES {quote(target.model._meta.db_table)} ({quote(target_column)}) "
            "ON DELETE CASCADE"
        )

    def constraint_sql(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        return self._sql(*_given(model, schema_editor))

    def create_sql(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        model, editor = _given(model, schema_editor)
        table = editor.quote_name(model._meta.db_table)
        return f"ALTER TABLE {table} ADD {self._sql(model, editor)}"

    def remove_sql(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        model, editor = _given(model, schema_editor)
        table = editor.quote_name(model._meta.db_table)
        return f"ALTER TABLE {table} DROP CONSTRAINT {self.name}"

    def validate(self, *args: Any, **kwargs: Any) -> None:
        """The ``ForeignKey`` field validates the reference; nothing to add."""

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "field": self.field}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CascadingForeignKey):
            return (self.name, self.field) == (other.name, other.field)
        return super().__eq__(other)

    __hash__ = BaseConstraint.__hash__


def _given(
    model: type[models.Model] | None, editor: BaseDatabaseSchemaEditor | None
) -> tuple[type[models.Model], BaseDatabaseSchemaEditor]:
    """Django always passes both; the signature it declares allows None."""
    if model is None or editor is None:
        raise TypeError("a foreign key constraint needs its model and a schema editor")
    return model, editor
