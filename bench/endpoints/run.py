"""``python -m bench endpoints``: seed once, then for each serving copy, serve, check, and load
each endpoint alone; then the framework floor with the same settings."""

from __future__ import annotations

import json
import shlex
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench import credentials
from bench.cell import describe
from bench.discovery import floor_module, knobs
from bench.endpoints import (
    BLOCKING_FLOOR,
    BY_KEY,
    FLOOR,
    KIND,
    SIGNED_IN,
    SLUGS_FILE,
    TOKEN,
    USERNAME,
)
from bench.endpoints.plan import plan
from bench.floors import BLOCKING_FLOOR_USER, FLOOR_USER
from bench.generator import locust_command
from bench.matrix import Matrix
from bench.options import CompareOptions
from bench.plan import Run
from bench.report_endpoints import endpoints_table, write_endpoint_reports
from storage_sqlalchemy.engine import sqlalchemy_url

SIGNED_IN_USER = 1  # the seeded user whose token /api/user is loaded with


def seeded_slugs(database_url: str) -> list[str]:
    """Every seeded article's slug, in the order they were written."""
    engine = create_engine(sqlalchemy_url(database_url), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text("SELECT slug FROM articles ORDER BY id")).scalars())
    finally:
        engine.dispose()


def sign_in(url: str, number: int) -> str:
    """Log seeded user ``number`` in and return its token; OSError (a refusal included),
    ValueError or KeyError when no token comes back."""
    body = json.dumps(
        {"user": {"email": credentials.email(number), "password": credentials.password(number)}}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - our own server's URL
        f"{url}/api/users/login",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - our URL
        token: str = json.loads(answer.read())["user"]["token"]
    return token


def load_label(load: Run) -> str:
    """How the progress line and problems name a load: its serving, and its route."""
    if load.endpoint == BLOCKING_FLOOR:
        return f"{describe(load)}, blocking view"
    return describe(load) if load.floor else f"{describe(load)}, {BY_KEY[load.endpoint].route}"


class EndpointBench(Matrix):
    """One ``endpoints`` invocation: each cell serves once and loads its endpoints in turn."""

    def __init__(self, options: CompareOptions) -> None:
        with_floor = {name for name in options.impls if floor_module(name)}
        cells = plan(options.impls, options.rounds, options.sweep, with_floor, knobs(options.impls))
        super().__init__(options, cells)
        self.slugs_file = self.out / "slugs.txt"
        self.token = ""

    def prepare(self) -> None:
        super().prepare()
        assert self.template is not None
        found = seeded_slugs(self.template.url)
        self.slugs_file.write_text("\n".join(found) + "\n")
        self.progress.note(f"{len(found)} seeded slugs in {self.slugs_file}")

    def context(self) -> dict[str, Any]:
        example = Run("NAME", 1, self.options.users[0], endpoint=BY_KEY["article"].key)
        return {
            **super().context(),
            "kind": KIND,
            "endpoints": {key: endpoint.route for key, endpoint in BY_KEY.items()},
            "signed_in_user": credentials.username(SIGNED_IN_USER),
            "locust_command": shlex.join(
                locust_command(
                    self.options,
                    example,
                    "URL",
                    Path("runs/RUN/ENDPOINT/locust"),
                    None,
                    self.user_classes(example),
                )
            ),
        }

    def user_classes(self, load: Run) -> list[str]:
        """The user class of a load: an endpoint's, or one of the floor's two views'."""
        if load.endpoint == BLOCKING_FLOOR:
            return [BLOCKING_FLOOR_USER]
        if load.floor or load.endpoint == FLOOR:
            return [FLOOR_USER]
        return [BY_KEY[load.endpoint].user_class]

    def describe_load(self, load: Run) -> str:
        return load_label(load)

    def before_load(self, load: Run, url: str, what: str, meta: dict[str, Any]) -> bool:
        """The signed-in endpoint's load first signs the seeded user in."""
        if load.endpoint != SIGNED_IN:
            return True
        self.progress.show(what, "signing in")
        try:
            self.token = sign_in(url, SIGNED_IN_USER)
        except (OSError, ValueError, KeyError) as error:
            self.problem(meta, f"{what}: could not sign in: {error}")
            return False
        return True

    def generator_environment(self) -> dict[str, str]:
        return {
            **super().generator_environment(),
            SLUGS_FILE: str(self.slugs_file),
            TOKEN: self.token,
            USERNAME: credentials.username(SIGNED_IN_USER),
        }

    def finish(self) -> int:
        summary = write_endpoint_reports(self.out)
        print(endpoints_table(summary))
        for warning in summary["warnings"]:
            print(f"warning: {warning}")
        print(f"report: {self.out / 'report.md'} and {self.out / 'report.html'}")
        if summary["failures"]:
            self.problems.append(f"{summary['failures']} requests failed")
        return self.exit_code()


def endpoints(options: CompareOptions) -> int:
    return EndpointBench(options).execute()
