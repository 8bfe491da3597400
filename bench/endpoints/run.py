"""``python -m bench endpoints``: seed once, then for each serving copy, serve, check, and load
each endpoint alone; then the framework floor with the same settings."""

from __future__ import annotations

import json
import shlex
import urllib.request
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench import credentials
from bench.discovery import floor_module
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
from bench.endpoints.plan import Serving, plan
from bench.floors import BLOCKING_FLOOR_USER, FLOOR_USER
from bench.options import CompareOptions
from bench.plan import Run
from bench.progress import Progress
from bench.report_endpoints import endpoints_table, write_endpoint_reports
from bench.run import (
    STARTUP_ESTIMATE,
    Comparison,
    Served,
    describe,
    locust_command,
    worker_command,
)
from storage_sqlalchemy.engine import sqlalchemy_url

SIGNED_IN_USER = 1  # the seeded user whose token /api/user is loaded with
GATE_ESTIMATE = 10.0


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


class EndpointBench(Comparison):
    """One ``endpoints`` invocation: compare's machinery, a serving at a time."""

    def __init__(self, options: CompareOptions) -> None:
        super().__init__(options)
        with_floor = {name for name in options.impls if floor_module(name)}
        self.servings = plan(options.impls, options.rounds, options.users[0], with_floor)
        estimates = [
            (STARTUP_ESTIMATE if index == 0 else 0.0)
            + (GATE_ESTIMATE if index == 0 and not serving.server.floor else 0.0)
            + options.warmup
            + options.duration
            for serving in self.servings
            for index, _ in enumerate(serving.loads)
        ]
        self.progress = Progress(len(estimates), estimates)
        self.slugs_file = self.out / "slugs.txt"
        self.token = ""

    def _prepare(self) -> None:
        super()._prepare()
        assert self.template is not None
        found = seeded_slugs(self.template.url)
        self.slugs_file.write_text("\n".join(found) + "\n")
        self.progress.note(f"{len(found)} seeded slugs in {self.slugs_file}")

    def _context(self) -> dict[str, Any]:
        example = Run("NAME", 1, self.options.users[0], endpoint=BY_KEY["article"].key)
        return {
            **super()._context(),
            "kind": KIND,
            "endpoints": {key: endpoint.route for key, endpoint in BY_KEY.items()},
            "signed_in_user": credentials.username(SIGNED_IN_USER),
            "locust_command": shlex.join(
                self._locust_command(example, "URL", Path("runs/RUN/ENDPOINT/locust"), None)
            ),
        }

    def _measure(self) -> None:
        index = 0
        for sequence, serving in enumerate(self.servings):
            self._serving(sequence, serving, index)
            index += len(serving.loads)

    def _serving(self, sequence: int, serving: Serving, first: int) -> None:
        """Serve once, then load each of the serving's endpoints in turn."""
        run = serving.server
        folder, what, meta = self._run_folder(sequence, run)
        served = Served()
        self.progress.run(first)
        try:
            ready = self._serve(run, what, folder, meta, served)
            for offset, load in enumerate(serving.loads):
                self.progress.run(first + offset)
                if ready and self._alive(served, what, meta):
                    self._one_load(sequence, load, served, folder / load.endpoint)
                self.progress.remaining[first + offset] = 0
        finally:
            self._stop(what, folder, meta, served)
            (folder / "run.json").write_text(json.dumps(meta, indent=2) + "\n")

    def _alive(self, served: Served, what: str, meta: dict[str, Any]) -> bool:
        if served.server is not None and served.server.poll() is not None:
            self._problem(meta, f"{what}: the server is gone; the endpoints left are not loaded")
            return False
        return True

    def _one_load(self, sequence: int, load: Run, served: Served, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        what = load_label(load)
        meta: dict[str, Any] = {
            **asdict(load), "sequence": sequence, "label": load.label, "problems": [],
        }  # fmt: skip
        try:
            if load.endpoint == SIGNED_IN:
                self.progress.show(what, "signing in")
                try:
                    self.token = sign_in(served.url, SIGNED_IN_USER)
                except (OSError, ValueError, KeyError) as error:
                    self._problem(meta, f"{what}: could not sign in: {error}")
                    return
            self._load(load, what, served.url, folder, served.server, meta)
        finally:
            (folder / "run.json").write_text(json.dumps(meta, indent=2) + "\n")

    def _locust_command(
        self, run: Run, url: str, prefix: Path, master_port: int | None
    ) -> list[str]:
        return locust_command(self.options, run, url, prefix, master_port, _classes(run))

    def _worker_command(self, run: Run, master_port: int) -> list[str]:
        return worker_command(self.options, run, master_port, _classes(run))

    def _generator_environment(self) -> dict[str, str]:
        return {
            **super()._generator_environment(),
            SLUGS_FILE: str(self.slugs_file),
            TOKEN: self.token,
            USERNAME: credentials.username(SIGNED_IN_USER),
        }

    def _finish(self) -> int:
        summary = write_endpoint_reports(self.out)
        print(endpoints_table(summary))
        for warning in summary["warnings"]:
            print(f"warning: {warning}")
        print(f"report: {self.out / 'report.md'} and {self.out / 'report.html'}")
        if summary["failures"]:
            self.problems.append(f"{summary['failures']} requests failed")
        return self._exit_code()


def _classes(run: Run) -> list[str]:
    """The user class of a load: an endpoint's, or one of the floor's two views'."""
    if run.endpoint == BLOCKING_FLOOR:
        return [BLOCKING_FLOOR_USER]
    if run.floor or run.endpoint == FLOOR:
        return [FLOOR_USER]
    return [BY_KEY[run.endpoint].user_class]


def endpoints(options: CompareOptions) -> int:
    return EndpointBench(options).execute()
