"""The browser's tests run once per variant, or per ``--impl`` (repeatable)."""

from __future__ import annotations

import pytest

from tests import servers


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    servers.parametrize_variants(metafunc)
