"""Session set-up of the contract suite: options, target, clients, factories and counters."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

pytest.register_assert_rewrite("contract_tests.support")

import httpx  # noqa: E402

from contract_tests.support.conduit import Conduit, User, contract_client  # noqa: E402
from contract_tests.support.network import tls  # noqa: E402
from contract_tests.support.openapi_contract import FULL, LEVELS, REALWORLD  # noqa: E402
from contract_tests.support.targets import (  # noqa: E402
    Target,
    TargetError,
    in_process_target,
    live_target,
)


@dataclass
class SuiteCounters:
    """What the terminal summary reports."""

    test_cases: int = 0
    assertions: int = 0


COUNTERS = pytest.StashKey[SuiteCounters]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "Triptych contract suite")
    group.addoption(
        "--impl",
        metavar="NAME",
        help="run the package impl_NAME in-process against a fresh database (NAME-MODE: in "
        "its serving mode MODE, e.g. fastapi-sync)",
    )
    group.addoption(
        "--base-url",
        metavar="URL",
        help="test a running server whose API lives under URL/api",
    )
    group.addoption(
        "--level",
        choices=LEVELS,
        default=FULL,
        help="full: the project's whole contract (default); realworld: only the tests marked "
        "realworld, which check what the RealWorld specification itself fixes, with answers "
        "held to the document without the project's own rules (for any Conduit API)",
    )
    group.addoption(
        "--test-clock",
        action="store_true",
        help="the --base-url server runs with TEST_CLOCK=1 and honours X-Test-Clock",
    )
    group.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="database for --impl runs (postgres uses $POSTGRES_URL); default: sqlite",
    )


def pytest_configure(config: pytest.Config) -> None:
    impl = config.getoption("--impl")
    base_url = config.getoption("--base-url")
    if config.getoption("help"):  # pytest contract_tests --help names the suite's options
        return
    if (impl is None) == (base_url is None):
        raise pytest.UsageError(
            "the contract suite needs exactly one of --impl NAME (e.g. --impl fastapi) "
            "or --base-url http://HOST:PORT"
        )
    if impl is not None and not all(part.isidentifier() for part in impl.split("-", 1)):
        raise pytest.UsageError(
            f"--impl {impl!r} is not an implementation, or an implementation and its mode "
            "(fastapi, fastapi-sync)"
        )
    config.stash[COUNTERS] = SuiteCounters()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """At the realworld level, only the tests marked ``realworld`` run."""
    if config.getoption("--level") != REALWORLD:
        return
    kept = [item for item in items if item.get_closest_marker(REALWORLD)]
    deselected = [item for item in items if not item.get_closest_marker(REALWORLD)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def target_description(config: pytest.Config) -> str:
    """The target as the summary names it."""
    base_url = config.getoption("--base-url")
    if base_url is not None:
        return str(base_url)
    return f"{config.getoption('--impl')}/{config.getoption('--db')}"


def _asserting_module() -> str:
    """The module whose assert statement triggered the pass hook."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if not module.startswith(("pluggy", "_pytest")):
            return module
        frame = frame.f_back
    return ""


def pytest_assertion_pass(item: pytest.Item, lineno: int, orig: str, expl: str) -> None:
    # Installed pytest plugins (anyio, for one) have their asserts rewritten too; count ours.
    if _asserting_module().startswith(f"{__package__}."):
        item.config.stash[COUNTERS].assertions += 1


def pytest_runtest_call(item: pytest.Item) -> None:
    item.config.stash[COUNTERS].test_cases += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A pytest-xdist worker hands its counters to the controller, which prints the summary."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        counters = session.config.stash[COUNTERS]
        workeroutput["contract_counters"] = [counters.test_cases, counters.assertions]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """pytest-xdist's controller adds up what each worker counted."""
    test_cases, assertions = node.workeroutput.get("contract_counters", (0, 0))
    counters = node.config.stash[COUNTERS]
    counters.test_cases += test_cases
    counters.assertions += assertions


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    counters = config.stash.get(COUNTERS, None)
    if counters is None:
        return
    assertions = (
        f"{counters.assertions} assertions passed"
        if config.getini("enable_assertion_pass_hook")
        else "assertions not counted (-o enable_assertion_pass_hook=true counts them)"
    )
    terminalreporter.write_line(
        f"contract suite: {counters.test_cases} test cases, {assertions}, "
        f"target {target_description(config)}"
    )


@pytest.fixture(scope="session")
def target(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    """The server under test, prepared once per session."""
    base_url = pytestconfig.getoption("--base-url")
    level = pytestconfig.getoption("--level")
    if base_url is not None:
        live = live_target(base_url, test_clock=pytestconfig.getoption("--test-clock"))
        yield replace(live, level=level)
        return
    with ExitStack() as stack:
        try:
            prepared = in_process_target(
                impl=pytestconfig.getoption("--impl"),
                db=pytestconfig.getoption("--db"),
                tmp_dir=tmp_path_factory.mktemp("database"),
                project_root=Path(pytestconfig.rootpath),
                stack=stack,
            )
        except TargetError as error:
            pytest.exit(str(error), returncode=pytest.ExitCode.TESTS_FAILED)
        yield replace(prepared, level=level)


@pytest.fixture
def client(target: Target) -> Iterator[httpx.Client]:
    """An httpx client that checks every response against the contract."""
    with contract_client(target) as http:
        yield http


@pytest.fixture
def raw_client(target: Target) -> Iterator[httpx.Client]:
    """A client that does not hold answers against the OpenAPI document."""
    with httpx.Client(
        base_url=target.api_url, transport=target.transport, timeout=30.0, verify=tls()
    ) as http:
        yield http


@pytest.fixture
def conduit(client: httpx.Client) -> Conduit:
    """Calls that arrange test data through the API."""
    return Conduit(client)


@pytest.fixture
def make_user(conduit: Conduit) -> Callable[..., User]:
    """A factory of freshly registered users."""
    return conduit.register


@pytest.fixture
def user(conduit: Conduit) -> User:
    """A freshly registered user."""
    return conduit.register()


@pytest.fixture
def other_user(conduit: Conduit) -> User:
    """Another freshly registered user."""
    return conduit.register()


@pytest.fixture
def article_by(conduit: Conduit) -> Callable[..., dict[str, Any]]:
    """A factory: `article_by(author, title=..., tags=[...])` publishes an article."""
    return conduit.create_article


@pytest.fixture
def signing_secret(target: Target) -> str:
    """The SECRET_KEY of an in-process target; live servers keep theirs to themselves."""
    if target.secret_key is None:
        pytest.skip("the signing secret of a live server is unknown")
    return target.secret_key


@pytest.fixture
def clock_at(target: Target) -> Callable[[str], dict[str, str]]:
    """Headers that make the server handle a request at an instant the test chooses."""
    if not target.test_clock:
        pytest.skip("the server's clock cannot be set: run it with TEST_CLOCK=1, pass --test-clock")

    def headers(instant: str) -> dict[str, str]:
        return {"X-Test-Clock": instant}

    return headers
