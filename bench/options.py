"""``python -m bench`` command line: ``compare`` and ``endpoints`` (run and report), ``report``
(rebuild), ``seed`` and ``footprint``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import dbproxy
from bench.discovery import PROJECT_ROOT, variants
from bench.gate import LEVELS as GATE_LEVELS
from bench.plan import Condition, conditions
from bench.versions import Pinned, parse_pinned, served_variants

SCENARIOS = ("mixed", "read", "auth", "write", "login")
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): real hashing, affordable on 2 cores.
DEFAULT_ARGON2 = (2, 19456, 1)
ENDPOINT_USERS = 32  # python -m bench endpoints: enough to keep one server CPU busy


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Everything ``compare`` was asked to do, checked."""

    impls: list[str]
    targets: dict[str, str]
    db: str  # "sqlite", or a PostgreSQL server URL
    scenario: str
    users: list[int]
    duration: float
    warmup: float
    rounds: int
    workers: dict[str, int]
    rate: float | None
    out: Path
    dataset_scale: float
    locust_workers: int
    argon2: tuple[int, int, int]
    gate: str
    floors: bool
    floor_duration: float
    pin: bool
    seed: int
    profile: bool = False
    footprint: str = "cached"  # dependencies: "cached", "fresh", or "off" (no footprint)
    db_latencies: list[float | None] = field(default_factory=lambda: [None])  # None: direct
    threads: list[int | None] = field(default_factory=lambda: [None])  # None: serve's default
    pool_sizes: list[int | None] = field(default_factory=lambda: [None])
    pinned: list[Pinned] = field(default_factory=list)  # --with, before its environments exist
    interpreters: dict[str, str] = field(default_factory=dict)  # a --with variant's Python
    pinned_versions: dict[str, dict[str, str]] = field(default_factory=dict)  # ... its versions
    started: str = ""  # when the run was asked for (UTC, ISO 8601)
    command: str = ""  # the command line that asked for it

    def python_for(self, name: str) -> str:
        """The interpreter that serves ``name``: its ``--with`` environment's, or the bench's."""
        return self.interpreters.get(name, sys.executable)

    @property
    def sweep(self) -> list[Condition]:
        """Every condition the run measures each variant in."""
        return conditions(self.users, self.db_latencies, self.threads, self.pool_sizes)

    @property
    def database_kind(self) -> str:
        return "sqlite" if self.db == "sqlite" else "postgresql"

    def workers_for(self, name: str) -> int:
        return self.workers.get(name, self.workers.get("*", 1))


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _user_counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not N or N,N,...") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: user counts must be positive")
    return counts


DIRECT = "direct"  # --db-latency's word for the database reached without the proxy


def _milliseconds(text: str) -> list[float | None]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    try:
        values = [None if part == DIRECT else float(part.removesuffix("ms")) for part in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not MS or MS,MS,...") from None
    if not values or min((value for value in values if value is not None), default=0) < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: latencies are milliseconds, 0 or more")
    return values


def _counts(text: str) -> list[int | None]:
    return list(_user_counts(text))


def _seconds(text: str) -> float:
    value = float(text.removesuffix("s"))
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def _argon2(text: str) -> tuple[int, int, int]:
    try:
        time_cost, memory, lanes = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("--argon2 is TIME,MEMORY_KIB,PARALLELISM") from None
    return time_cost, memory, lanes


def parser() -> argparse.ArgumentParser:
    """The parser of ``python -m bench``."""
    main = argparse.ArgumentParser(
        prog="python -m bench",
        description="Compare the implementations under the same load, and report.",
    )
    commands = main.add_subparsers(dest="command", required=True)
    shared = argparse.ArgumentParser(add_help=False)  # compare's options, profile's too
    _load_options(shared)
    shared.add_argument(
        "--users", type=_user_counts, default=[16], help="N, or a sweep N,N,... (default 16)"
    )
    shared.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="a running Conduit API to load too (repeatable); its server is not started",
    )
    shared.add_argument(
        "--scenario", choices=SCENARIOS, default="mixed", help="Locust scenario (default mixed)"
    )
    shared.add_argument(
        "--rate",
        type=float,
        help="fixed arrival rate: tasks per second over all users (default: as fast as served)",
    )
    shared.add_argument(
        "--no-floors", action="store_true", help="skip the frameworks' minimal endpoints"
    )
    shared.add_argument(
        "--floor-duration", type=_seconds, help="measured seconds of a floor (default: half)"
    )
    shared.add_argument(
        "--profile",
        action="store_true",
        help="sample each server with py-spy while it is measured; the report links the profiles",
    )
    shared.add_argument(
        "--no-footprint",
        action="store_true",
        help="skip the footprint (code, dependencies, start-up, code side by side, documents)",
    )
    shared.add_argument(
        "--footprint-fresh",
        action="store_true",
        help="read dependencies from fresh venvs (default: their cached answer, else this venv)",
    )
    commands.add_parser(
        "compare",
        parents=[shared],
        help="seed, serve, check and load every implementation, then write the report",
        description="Each round copies one seeded database per implementation, starts the "
        "server, runs a correctness gate, warms up, measures with Locust, and stops it.",
    )
    commands.add_parser(
        "profile",
        parents=[shared],
        help="compare with --profile and no floors: where each server's time goes",
        description="As compare, sampling each implementation's server with py-spy while it "
        "is measured: one flame graph per implementation and scenario, linked from the report.",
    )
    _endpoints_parser(commands)
    _footprint_parser(commands)
    dbproxy.add_parser(commands)
    _diff_parser(commands)
    _publish_parser(commands)
    report = commands.add_parser("report", help="rebuild report.md, report.html, summary.json")
    report.add_argument("directory", type=Path)
    seed = commands.add_parser(
        "seed", help="migrate and seed a database unless it holds users (for containers)"
    )
    seed.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    seed.add_argument("--dataset-scale", type=float, default=1.0)
    seed.add_argument("--seed", type=int, default=20260101)
    seed.add_argument("--argon2", type=_argon2, default=DEFAULT_ARGON2, metavar="T,M,P")
    return main


def _diff_parser(commands: Any) -> None:
    diff = commands.add_parser(
        "diff",
        help="hold a run against an earlier one: what changed, outside the noise",
        description="Every variant and condition (or endpoint) present in both runs: the change "
        "in requests/s and p99, marked only where the rounds' min-max ranges do not overlap "
        "and the change exceeds either run's own range. Writes diff.md and diff.html.",
    )
    diff.add_argument("old", type=Path, help="the earlier run: a results folder or a summary.json")
    diff.add_argument("new", type=Path, help="the later run: a results folder or a summary.json")
    diff.add_argument(
        "--out", type=Path, help="where diff.md and diff.html go (default: the new run's folder)"
    )
    diff.add_argument(
        "--fail-over",
        type=_percent,
        metavar="PCT%",
        help="exit 1 when a figure got worse, outside the noise, by more than this (10%%)",
    )


def _publish_parser(commands: Any) -> None:
    publish = commands.add_parser(
        "publish",
        help="keep a compare run in docs/results/ and show it in the README",
        description="Copy a compare run's report.md and summary.json into "
        "docs/results/<date>-<name>/ with summary.md (machine, versions, command, the headline "
        "table) and chart.svg (requests/s per variant), then rewrite the README's published "
        "block from that folder. A run with failed requests or a variant without numbers is "
        "refused.",
    )
    publish.add_argument("directory", type=Path, help="the compare run's results folder")
    publish.add_argument(
        "--name", help="the folder's name after its date (default: <database>-<scenario>)"
    )
    publish.add_argument(
        "--docs",
        type=Path,
        default=PROJECT_ROOT / "docs" / "results",
        help="where (default: the project's docs/results)",
    )
    publish.add_argument(
        "--readme",
        type=Path,
        default=PROJECT_ROOT / "README.md",
        help="the README (default: the project's README.md)",
    )


def _percent(text: str) -> float:
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage (10%, say)") from None
    if not 0 <= value < 1000:
        raise argparse.ArgumentTypeError(f"{text!r}: a percentage from 0 up, such as 10%")
    return value


def _load_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that serves and loads the implementations (but --users)."""
    parser.add_argument(
        "--impls",
        "--impl",
        help="comma-separated variants (fastapi, fastapi-sync, flask, ...), or none (default: "
        "every variant that exists)",
    )
    parser.add_argument(
        "--with",
        dest="with_requirements",
        action="append",
        default=[],
        metavar="REQUIREMENT",
        help="serve an implementation with this version of its framework, from a virtual "
        "environment of its own (repeatable): --with fastapi==0.138.0 is the variant "
        "fastapi@0.138.0; several requirements in one (quoted) make one set. Without --impls "
        "only these variants run",
    )
    parser.add_argument(
        "--db",
        default="sqlite",
        help="sqlite, postgres ($POSTGRES_URL or the local server) or a PostgreSQL server URL",
    )
    parser.add_argument(
        "--duration", type=_seconds, default=15.0, help="measured seconds (default 15)"
    )
    parser.add_argument(
        "--warmup", type=_seconds, default=5.0, help="uncounted seconds first (default 5)"
    )
    parser.add_argument(
        "--rounds", type=_positive_int, default=1, help="rounds, interleaved (default 1)"
    )
    parser.add_argument(
        "--workers",
        action="append",
        default=[],
        metavar="N|NAME=N",
        help="server worker processes, for all or one implementation (default 1)",
    )
    parser.add_argument("--out", type=Path, help="report folder (default bench/results/<time>)")
    parser.add_argument(
        "--dataset-scale",
        type=float,
        default=1.0,
        help="dataset size factor: 1 is 1,000 users, 10,000 articles, 50,000 comments",
    )
    parser.add_argument("--seed", type=int, default=20260101, help="the dataset's random seed")
    parser.add_argument(
        "--locust-workers",
        type=int,
        default=0,
        help="run Locust distributed: a master and N workers (default 0: one process)",
    )
    parser.add_argument(
        "--argon2",
        type=_argon2,
        default=DEFAULT_ARGON2,
        metavar="T,M,P",
        help="argon2id time cost, memory (KiB), parallelism (default 2,19456,1)",
    )
    parser.add_argument(
        "--gate",
        choices=GATE_LEVELS,
        default="quick",
        help="contract tests run against each live server before it is measured: quick (a "
        "few files), full (the suite), realworld (only what the RealWorld specification "
        "fixes, so that any Conduit API can pass; a --target's answers under load are held "
        "to that level too), off",
    )
    parser.add_argument(
        "--no-pin", action="store_true", help="do not pin server and Locust to separate CPUs"
    )
    parser.add_argument(
        "--db-latency",
        type=_milliseconds,
        default=[None],
        metavar="MS[,MS...]",
        help="milliseconds added to each database round trip by a proxy in front of PostgreSQL "
        f"(python -m bench dbproxy); a list sweeps them, '{DIRECT}' naming the database without "
        f"the proxy (default: {DIRECT})",
    )
    parser.add_argument(
        "--threads",
        type=_counts,
        default=[None],
        metavar="N[,N...]",
        help="serve --threads for the variants serving each request on a thread; a list sweeps "
        "them (default: serve's own, 8)",
    )
    parser.add_argument(
        "--pool-size",
        type=_counts,
        default=[None],
        metavar="N[,N...]",
        help="serve --pool-size (database connections) for the variants on an event loop; a "
        "list sweeps them (default: serve's own)",
    )


def _endpoints_parser(commands: Any) -> None:
    endpoints = commands.add_parser(
        "endpoints",
        help="load four endpoints one at a time and set each against its framework's floor",
        description="Each round and implementation: serve on a copy of the seeded database, "
        "run the correctness gate, then load GET /api/articles/:slug, GET /api/articles, "
        "GET /api/tags and GET /api/user (signed in) each alone, then the framework's floor "
        "with the same users, duration and workers. Reports requests/s as a share of the floor.",
    )
    _load_options(endpoints)
    endpoints.add_argument(
        "--users",
        type=_positive_int,
        default=ENDPOINT_USERS,
        help=f"concurrent users, each asking back to back (default {ENDPOINT_USERS})",
    )
    endpoints.set_defaults(
        target=[],
        scenario="mixed",
        rate=None,
        no_floors=False,
        floor_duration=None,
        profile=False,
        no_footprint=True,
        footprint_fresh=False,
    )


def _footprint_parser(commands: Any) -> None:
    footprint = commands.add_parser(
        "footprint",
        help="what each implementation costs to write and to run: code, dependencies, "
        "start-up, memory, code side by side, generated documents",
        description="Writes footprint.json into DIRECTORY and rebuilds its reports. A "
        "comparison's folder lends its memory under load; any other folder gets a report of "
        "the footprint alone.",
    )
    footprint.add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="report folder (default: a new bench/results/<time>-footprint)",
    )
    footprint.add_argument("--impls", help="comma-separated implementations (default: all)")
    footprint.add_argument(
        "--current-env",
        action="store_true",
        help="skip the fresh virtual environments: read dependencies from this one",
    )
    footprint.add_argument(
        "--refresh", action="store_true", help="new fresh environments even when cached"
    )
    footprint.add_argument(
        "--repeat", type=_positive_int, default=3, help="start-up runs per figure (default 3)"
    )


def compare_options(
    args: argparse.Namespace, available: list[str] | None = None, now: datetime | None = None
) -> CompareOptions:
    """Check ``compare``'s arguments against what exists; raise ValueError with the reason."""
    available = variants() if available is None else available
    with_requirements = getattr(args, "with_requirements", [])
    if args.impls == "none":
        impls = []
    elif args.impls:
        impls = [name.strip() for name in args.impls.split(",") if name.strip()]
        unknown = sorted(set(impls) - set(available))
        if unknown:
            raise ValueError(f"no implementation {unknown}; there are {available}")
    else:  # every variant; with --with, the pinned versions alone
        impls = [] if with_requirements else list(available)
    # With --impls too, a listed variant runs as installed here and at each pinned version.
    pinned = [served_variants(parse_pinned(text), impls) for text in with_requirements]
    targets = dict(_pair(text, "--target") for text in args.target)
    clash = sorted(set(targets) & set(impls))
    if clash:
        raise ValueError(f"--target names {clash} are implementations' names")
    if not impls and not targets and not pinned:
        raise ValueError("nothing to compare: no implementation and no --target")
    workers: dict[str, int] = {}
    for text in args.workers:
        name, count = _pair(text, "--workers") if "=" in text else ("*", text)
        workers[name] = _positive_int(count)
    db = _database(args.db)
    if db == "sqlite" and args.db_latency != [None]:
        raise ValueError("--db-latency needs PostgreSQL (--db postgres): SQLite has no network")
    if args.rate is not None and args.rate <= 0:
        raise ValueError("--rate must be positive")
    if args.locust_workers < 0:
        raise ValueError("--locust-workers cannot be negative")
    if args.dataset_scale <= 0:
        raise ValueError("--dataset-scale must be positive")
    started = now or datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    return CompareOptions(
        impls=impls,
        targets=targets,
        db=db,
        scenario=args.scenario,
        users=args.users,
        duration=args.duration,
        warmup=args.warmup,
        rounds=args.rounds,
        workers=workers,
        rate=args.rate,
        out=args.out or PROJECT_ROOT / "bench" / "results" / stamp,
        dataset_scale=args.dataset_scale,
        locust_workers=args.locust_workers,
        argon2=args.argon2,
        gate=args.gate,
        floors=not args.no_floors and args.command != "profile",
        floor_duration=args.floor_duration
        if args.floor_duration is not None
        else args.duration / 2,
        pin=not args.no_pin,
        seed=args.seed,
        profile=args.profile or args.command == "profile",
        footprint="off"
        if args.no_footprint or args.command == "profile"
        else "fresh"
        if args.footprint_fresh
        else "cached",
        db_latencies=args.db_latency,
        threads=args.threads,
        pool_sizes=args.pool_size,
        pinned=pinned,
        started=started.isoformat(timespec="seconds"),
        command=getattr(args, "invocation", ""),
    )


def endpoint_options(
    args: argparse.Namespace, available: list[str] | None = None, now: datetime | None = None
) -> CompareOptions:
    """``endpoints``' arguments, checked as ``compare``'s: one user count, a floor measured as
    long as each endpoint, no footprint, no profile."""
    options = compare_options(
        argparse.Namespace(**{**vars(args), "users": [args.users]}), available, now
    )
    if not options.impls and not options.pinned:
        raise ValueError("nothing to measure: no implementation")
    out = options.out if args.out else options.out.with_name(f"{options.out.name}-endpoints")
    return replace(options, floor_duration=options.duration, out=out)


def parse_endpoints(
    argv: Sequence[str], available: list[str] | None = None, now: datetime | None = None
) -> CompareOptions:
    """``endpoints`` options from a command line (without the word ``endpoints``)."""
    return endpoint_options(parser().parse_args(["endpoints", *argv]), available, now)


def parse_compare(
    argv: Sequence[str], available: list[str] | None = None, now: datetime | None = None
) -> CompareOptions:
    """``compare`` options from a command line (without the word ``compare``)."""
    args = parser().parse_args(["compare", *argv])
    return compare_options(args, available, now)


def _database(text: str) -> str:
    if text == "sqlite":
        return "sqlite"
    if text == "postgres":
        return os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    if text.startswith(("postgresql://", "postgres://")):
        return text
    raise ValueError(f"--db must be sqlite, postgres or a PostgreSQL URL, not {text!r}")


def _pair(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise ValueError(f"{option} takes NAME=VALUE, not {text!r}")
    return name.strip(), value.strip()
