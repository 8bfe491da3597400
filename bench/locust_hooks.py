"""Command-line options and events shared by the locustfiles: pacing, warm-up, answer checks.

``--user-rate R`` paces each user to R tasks per second (a fixed arrival rate);
``--warmup-seconds S`` resets the statistics S seconds after the start, so warm-up is not
counted; ``--answers realworld`` lets answers carry fields beyond the contract's (another
Conduit API's, gated at the realworld level). Importing this module registers them.
"""

from __future__ import annotations

import time
from typing import Any

import gevent
from locust import events
from locust.env import Environment
from locust.runners import WorkerRunner
from locust.stats import CSV_STATS_INTERVAL_SEC


def _options(parser: Any) -> None:
    parser.add_argument(
        "--user-rate",
        type=float,
        default=0.0,
        env_var="BENCH_USER_RATE",
        help="tasks per second per user (a fixed arrival rate); 0 runs tasks back to back",
    )
    parser.add_argument(
        "--answers",
        choices=("full", "realworld"),
        default="full",
        env_var="BENCH_ANSWERS",
        help="full: answers hold exactly the contract's fields; realworld: at least the "
        "RealWorld specification's (an extra field is no failure)",
    )
    parser.add_argument(
        "--warmup-seconds",
        type=float,
        default=0.0,
        env_var="BENCH_WARMUP_SECONDS",
        help="reset the statistics this many seconds after the start",
    )


def _schedule_warmup_reset(environment: Environment, **_: Any) -> None:
    options = environment.parsed_options
    seconds = getattr(options, "warmup_seconds", 0.0) if options else 0.0
    if seconds > 0 and not isinstance(environment.runner, WorkerRunner):
        gevent.spawn_later(seconds, environment.stats.reset_all)


def _let_the_csv_catch_up(environment: Environment, **_: Any) -> None:
    """Locust writes its CSV files on a timer, every ``CSV_STATS_INTERVAL_SEC``, and not again
    when it quits: the requests of the last tick would be missing from them (all of a short
    load's, on a busy machine). Quitting waits one tick more, so that the files hold the final
    statistics, as the printed summary does."""
    if environment.parsed_options and environment.parsed_options.csv_prefix:
        gevent.sleep(1.5 * CSV_STATS_INTERVAL_SEC)


events.init_command_line_parser.add_listener(_options)  # type: ignore[no-untyped-call]
events.test_start.add_listener(_schedule_warmup_reset)  # type: ignore[no-untyped-call]
events.quitting.add_listener(_let_the_csv_catch_up)  # type: ignore[no-untyped-call]


class Pacing:
    """``wait_time`` for a fixed arrival rate: each task starts 1/R seconds after the last."""

    def __init__(self) -> None:
        self._woke = time.monotonic()

    def wait(self, environment: Environment) -> float:
        options = environment.parsed_options
        rate = getattr(options, "user_rate", 0.0) if options else 0.0
        now = time.monotonic()
        wait = max(0.0, 1 / rate - (now - self._woke)) if rate > 0 else 0.0
        self._woke = now + wait
        return wait
