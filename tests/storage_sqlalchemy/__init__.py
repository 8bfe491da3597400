"""Tests of the shared SQLAlchemy storage: schema, migrations, URLs, repositories."""
