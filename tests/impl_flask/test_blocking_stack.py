"""Flask runs on the blocking stack alone: its extra installs no greenlet, so neither the app,
its commands nor the storage under them may import SQLAlchemy's asyncio extension."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests import servers
from tests.conftest import PROJECT_ROOT

# greenlet made unimportable, as in an environment with only the ``flask`` extra; then the
# migration, the app and one request, and the modules loaded on the way.
PROGRAM = textwrap.dedent(
    """
    import json, sys
    sys.modules["greenlet"] = None
    import impl_flask.__main__
    from domain.settings import Settings
    from impl_flask import create_app
    from storage_sqlalchemy.migrate import migrate
    settings = Settings.from_env()
    migrate(settings.database_url)
    response = create_app(settings).test_client().get("/api/tags")
    print(json.dumps({
        "status": response.status_code,
        "body": response.get_json(),
        "asyncio_extension": "sqlalchemy.ext.asyncio" in sys.modules,
    }))
    """
)


def test_the_app_migrates_and_answers_without_greenlet(database_url: str) -> None:
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed program
        [sys.executable, "-c", PROGRAM],
        env=servers.environment(database_url, "k" * 40),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome == {"status": 200, "body": {"tags": []}, "asyncio_extension": False}
