"""Sessions for linting, the domain tests and the contract suite per implementation and database.

``scripts/test`` runs them all, side by side on every core (``nox --parallel auto``), and ends
with a table of each session's wall time and test counts; ``nox -s "contract(fastapi-postgres)"``
runs one; arguments after ``--`` go to pytest (``nox -s domain -- -k slug``). ``nox -s quick`` is
the development loop. Each session has its own environment (built by uv when it is installed,
as ``scripts/bootstrap`` installs it), its own databases, ports and temporary folder, so any two
may run at once; those that measure (``compare``, ``mutation``) run alone.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|venv"
nox.options.error_on_missing_interpreters = True
nox.options.allow_parallel = True
# The order the parallel scheduler starts them in: the longest first, so that the two lanes
# end together (``scripts/test`` prints each session's time).
nox.options.sessions = [
    "bench",
    "live",
    "hardening",
    "contract",
    "lint",
    "fuzz",
    "one_database",
    "browser",
    "posture",
    "storage",
    "domain",
]

IMPLEMENTATIONS = ["fastapi", "flask", "django"]
# Each implementation as it is served (``bench.discovery.variants``): FastAPI on its event loop
# and, as ``fastapi-sync``, in its thread pool; Django on WSGI and, as ``django-asgi``, on ASGI.
VARIANTS = ["fastapi", "fastapi-sync", "flask", "django", "django-asgi"]
DATABASES = ["sqlite", "postgres"]
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROOT = Path(__file__).parent
CHEAP_HASHING = {"ARGON2_TIME_COST": "1", "ARGON2_MEMORY_COST": "8", "ARGON2_PARALLELISM": "1"}


def _postgres_or_skip(session: nox.Session) -> None:
    """Skip, with the reason, when PostgreSQL is unreachable; on CI that is a failure."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    parts = urlsplit(POSTGRES_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 3):
            return
    except OSError as error:
        reason = f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is unreachable ({error})"
    if ON_CI:
        session.error(f"{reason}; CI must test PostgreSQL")
    session.skip(reason)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format), mypy, and the checks of the project's own files."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("pytest", "tests/project", *session.posargs)


@nox.session
def domain(session: nox.Session) -> None:
    """The domain's own tests, with no database, and their line coverage."""
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "tests/domain",
        "--cov=domain",
        "--cov-report=term-missing",
        "--cov-fail-under=90",
        *session.posargs,
    )


@nox.session
def quick(session: nox.Session) -> None:
    """The development loop (not in CI, which runs all of it): lint, then SQLite's suites.

    ruff and mypy, then the domain's, the storage's and the project's tests, the contract suite
    in-process for every variant, and each adapter's own tests, on SQLite, spread over every
    core by pytest-xdist.
    """
    session.install("-e", ".[lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    every_core = ("--numprocesses", "auto")
    # One run for every folder of tests/ (one start of the workers), one per variant for the
    # contract suite, which takes its target as an option.
    adapters = [f"tests/impl_{impl}" for impl in IMPLEMENTATIONS]
    session.run(
        "pytest", "tests/project", "tests/domain", "tests/storage_sqlalchemy", *adapters,
        *every_core, *session.posargs,
    )  # fmt: skip
    for impl in VARIANTS:
        session.run("pytest", "contract_tests", "--impl", impl, *every_core, *session.posargs)


@nox.session
@nox.parametrize("db", DATABASES)
def storage(session: nox.Session, db: str) -> None:
    """The shared SQLAlchemy storage, blocking and async: schema, migrations, URLs, repositories,
    on one database."""
    if db == "postgres":
        _postgres_or_skip(session)
    session.install("-e", ".[sql-async,test]")
    session.run("pytest", "tests/storage_sqlalchemy", "--db", db, *session.posargs)


CASES = [(variant, db) for variant in VARIANTS for db in DATABASES]
# The contract suite in-process runs on PostgreSQL; on SQLite every variant meets it in its
# ``live`` session, through its own server, where its adapter's tests then run on SQLite.
IN_PROCESS = [(variant, db) for variant, db in CASES if db == "postgres"]


def _implementation(variant: str) -> str:
    """The implementation a variant serves: ``fastapi`` for ``fastapi-sync``."""
    return variant.partition("-")[0]


@nox.session
@nox.parametrize(("impl", "db"), IN_PROCESS, ids=[f"{impl}-{db}" for impl, db in IN_PROCESS])
def contract(session: nox.Session, impl: str, db: str) -> None:
    """The contract suite in-process, then the adapter's own tests, on one database."""
    if db == "postgres":
        _postgres_or_skip(session)
    name = _implementation(impl)
    session.install("-e", f".[{name},test]")
    session.run("pytest", "contract_tests", "--impl", impl, "--db", db, *session.posargs)
    _adapter_tests(session, impl, db)


def _adapter_tests(session: nox.Session, impl: str, db: str) -> None:
    """The adapter's own tests for ``impl`` on ``db``. Django's run in each of its modes
    (``--impl django-asgi``: those that depend on it); a FastAPI variant in another mode than
    the default has none of its own (FastAPI's own tests cover both of its modes)."""
    name = _implementation(impl)
    if name == "django":
        session.run("pytest", "tests/impl_django", "--db", db, "--impl", impl, *session.posargs)
    elif impl == name:
        session.run("pytest", f"tests/impl_{name}", "--db", db, *session.posargs)


@nox.session
@nox.parametrize("impl", VARIANTS, ids=VARIANTS)
def live(session: nox.Session, impl: str) -> None:
    """Start ``python -m impl_<impl> serve`` (in the variant's mode) on SQLite and run the suite
    against it over HTTP, then the adapter's own tests on SQLite (the in-process ``contract``
    session runs them on PostgreSQL)."""
    name, _, mode = impl.partition("-")
    session.install("-e", f".[{name},test]")
    tmp = Path(session.create_tmp())
    database = tmp / f"live-{impl}.sqlite3"
    database.unlink(missing_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": os.urandom(32).hex(),
        **CHEAP_HASHING,
        "TEST_CLOCK": "1",
    }
    python = Path(session.bin) / "python"
    with (tmp / f"live-{impl}.log").open("w") as log:
        command = [str(python), "-m", f"impl_{name}", "serve", "--port", str(port)]
        server = subprocess.Popen(  # noqa: S603 - fixed command line
            [*command, *(["--mode", mode] if mode else [])],
            cwd=ROOT,
            env=env,
            stderr=log,
        )
        try:
            _wait_for_port(session, port, server)
            session.run(
                "pytest",
                "contract_tests",
                "--base-url",
                f"http://127.0.0.1:{port}",
                "--test-clock",
                *session.posargs,
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    if (impl, "sqlite") not in IN_PROCESS:
        _adapter_tests(session, impl, "sqlite")


@nox.session(allow_parallel=False)
def mutation(session: nox.Session) -> None:
    """Mutants of the shared storage and the FastAPI adapter against the contract suite.

    Not part of CI. mutmut runs for at most ``MUTATION_BUDGET`` seconds (default 1800); then
    every survivor meets the whole suite once more (``scripts/mutation_survivors.py``), which
    prints the kill rate and lists what survives in ``mutants/survivors.md``.
    """
    session.install("-e", ".[fastapi,test,mutation]")
    budget = os.environ.get("MUTATION_BUDGET", "1800")
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    session.run(
        "timeout",
        "--signal=INT",
        budget,
        "mutmut",
        "run",
        "--max-children",
        "2",
        external=True,
        success_codes=[0, 124],
    )
    session.run("python", "scripts/mutation_survivors.py", "--impl", "fastapi", *session.posargs)


@nox.session
@nox.parametrize("db", DATABASES, ids=DATABASES)
def one_database(session: nox.Session, db: str) -> None:
    """Each implementation reads back, through its API, what every other wrote to one database."""
    if db == "postgres":
        _postgres_or_skip(session)
    session.install("-e", f".[{','.join(IMPLEMENTATIONS)},test]")
    session.run("pytest", "tests/test_one_database.py", "--db", db, *session.posargs)


@nox.session
@nox.parametrize("impl", VARIANTS, ids=VARIANTS)
def hardening(session: nox.Session, impl: str) -> None:
    """Races, database faults and signals against ``python -m impl_<impl> serve`` on PostgreSQL
    (``tests/hardening``): a few server starts and about a minute per variant."""
    _postgres_or_skip(session)
    session.install("-e", f".[{_implementation(impl)},test]")
    session.run("pytest", "tests/hardening", "--impl", impl, *session.posargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(session: nox.Session, port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            session.error(f"the server exited with code {server.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), 1):
                return
        except OSError:
            time.sleep(0.2)
    session.error("the server did not start listening within 60 seconds")


def _bench_extras() -> str:
    return ",".join(["bench", "floors", *IMPLEMENTATIONS])


@nox.session(allow_parallel=False)
def compare(session: nox.Session) -> None:
    """The comparison run (what ``scripts/compare`` runs), alone; options after ``--``."""
    session.install("-e", f".[{_bench_extras()}]")
    session.run("python", "-m", "bench", "compare", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """The bench's own tests, then a smoke comparison of every implementation (tiny dataset,
    a few seconds each) whose report must list them all with no failed request."""
    session.install("-e", f".[{_bench_extras()},test]")
    session.run("pytest", "tests/bench", "-m", "not smoke", *session.posargs)
    report = Path(session.create_tmp()) / "smoke"
    session.run(
        "python", "-m", "bench", "compare",
        "--users", "4", "--duration", "3", "--warmup", "0", "--floor-duration", "3",
        "--dataset-scale", "0.02", "--gate", "off", "--out", str(report),
    )  # fmt: skip
    session.run(
        "pytest", "tests/bench", "-m", "smoke", "--smoke-report", str(report), *session.posargs
    )


# --- Fuzzing: schemathesis against the project's own OpenAPI document ----------------------

FUZZ_EXAMPLES = 40  # test cases per operation and phase: about half a minute per case on 2 cores
FUZZ_LONG_EXAMPLES = 1000
# CI's fuzzing is reproducible: one seed (FUZZ_SEED, or ``-- --seed N``) unless told otherwise;
# ``fuzz_long`` draws a new seed each run, to explore.
FUZZ_SEED = os.environ.get("FUZZ_SEED", "20261125")


def _fuzz(session: nox.Session, impl: str, db: str, examples: int, *seed: str) -> None:
    if db == "postgres":
        _postgres_or_skip(session)
    session.install("-e", f".[{_implementation(impl)},test,fuzz]")
    if "--seed" in session.posargs:
        seed = ()
    session.run(
        "python", "-m", "contract_tests.fuzz", "--impl", impl, "--db", db,
        "--max-examples", str(examples), "--", *seed, *session.posargs,
    )  # fmt: skip


@nox.session
@nox.parametrize(("impl", "db"), CASES, ids=[f"{impl}-{db}" for impl, db in CASES])
def fuzz(session: nox.Session, impl: str, db: str) -> None:
    """schemathesis against ``python -m impl_<impl> serve`` on a fresh database, signed in.

    Every check and every phase (examples, coverage, fuzzing, stateful along the document's
    links) over ``contract_tests/openapi.yml``; any failure, or a traceback in the server's
    log, fails the session (``python -m contract_tests.fuzz``). Arguments after ``--`` go to
    ``schemathesis run`` (``-- --seed 1``, ``-- --max-examples 200``).

    No check is switched off. One expectation is widened, in ``contract_tests/schemathesis.toml``:
    ``POST /profiles/{username}/follow`` may answer 422 to a valid request, since following
    yourself is refused and no schema can tell the caller's own name from another's. One kind
    of failure is dropped where the contract makes it right, in ``contract_tests/fuzz_hooks.py``:
    "created resource not found" (ST302) for a slug that an update moved the article away from.
    """
    _fuzz(session, impl, db, FUZZ_EXAMPLES, "--seed", FUZZ_SEED)


@nox.session
@nox.parametrize(("impl", "db"), CASES, ids=[f"{impl}-{db}" for impl, db in CASES])
def fuzz_long(session: nox.Session, impl: str, db: str) -> None:
    """``fuzz`` with a far larger budget (not part of CI): many minutes per case."""
    _fuzz(session, impl, db, FUZZ_LONG_EXAMPLES)


# --- Browsers: CORS in a real browser, and the production posture ------------------------------

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def _chromium(session: nox.Session) -> None:
    """The system's Chromium (Playwright may not download browsers of its own): installed with
    apt when it is missing, which takes root, as CI has. Browser sessions running side by side
    take turns: the first installs, the others wait for it and find Chromium there."""
    if CHROMIUM.exists():
        return
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        session.error(
            f"no Chromium at {CHROMIUM}: install it (as root: apt-get install -y chromium) "
            "or set CHROMIUM to a Chromium binary"
        )
    lock_path = ROOT / ".nox" / "chromium.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if CHROMIUM.exists():
            return
        apt = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", external=True, env=apt)
        session.run("apt-get", "install", "-y", "chromium", external=True, env=apt)
    if not CHROMIUM.exists():
        session.error(f"apt-get installed chromium, but not at {CHROMIUM}")


@nox.session
def browser(session: nox.Session) -> None:
    """Headless Chromium, driven by Playwright, uses ``python -m impl_<impl> serve`` of every
    variant (or of those ``-- --impl NAME`` names) from a page served on another origin; one
    session, one browser install, for them all. The screenshots' folder is printed."""
    _chromium(session)
    session.install("-e", f".[{','.join(IMPLEMENTATIONS)},test,browser]")
    screenshots = Path(session.create_tmp()).resolve() / "screenshots"
    session.run(
        "pytest",
        "tests/browser",
        *session.posargs,
        env={"BROWSER_SCREENSHOTS": str(screenshots), "CHROMIUM": str(CHROMIUM), **CHEAP_HASHING},
    )
    session.log(f"screenshots after each article was published: {screenshots}/browser-*.png")


@nox.session
@nox.parametrize("db", DATABASES, ids=DATABASES)
def posture(session: nox.Session, db: str) -> None:
    """A configured CORS_ALLOWED_ORIGINS and the production refusal, through every
    implementation's ``serve``."""
    if db == "postgres":
        _postgres_or_skip(session)
    session.install("-e", f".[{','.join(IMPLEMENTATIONS)},test]")
    session.run(
        "pytest",
        "tests/test_cors_settings.py",
        "tests/test_production.py",
        "--db",
        db,
        *session.posargs,
    )
