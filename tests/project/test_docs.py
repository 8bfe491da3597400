"""The docs cannot rot: every command a shell block in README.md or docs/ shows exists, with
every option it shows (asked of the program's own parser, through its --help), and every
relative link in them leads to a file of the project."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(sh|bash|console|shell)\n(.*?)^```", re.DOTALL | re.MULTILINE)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
SEPARATORS = {"&&", "||", ";", "|"}


@dataclass(frozen=True)
class Command:
    """One command of a shell block: where it is, the program asked, and the options shown."""

    where: str
    program: tuple[str, ...]  # what --help is appended to
    options: tuple[str, ...]


def documents(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").rglob("*.md"))]


def _lines(block: str) -> Iterator[str]:
    """The block's logical lines: continuations joined, comments and prompts dropped."""
    for line in block.replace("\\\n", " ").splitlines():
        text = line.strip().removeprefix("$ ")
        if text and not text.startswith("#"):
            yield text


def _segments(tokens: list[str]) -> Iterator[list[str]]:
    segment: list[str] = []
    for token in tokens:
        if token in SEPARATORS:
            yield segment
            segment = []
        else:
            segment.append(token)
    yield segment


def _subcommand(words: list[str]) -> tuple[list[str], list[str]]:
    """A leading word that is no option, and the words after it."""
    if words and not words[0].startswith("-"):
        return words[:1], words[1:]
    return [], words


def _program(words: list[str]) -> tuple[tuple[str, ...], list[str]] | None:
    """The program a command runs (as --help is asked of it) and its remaining words, for the
    programs the docs test knows; None for any other command."""
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        words = words[1:]  # VARIABLE=value before the command
    head, rest = (words[0], words[1:]) if words else ("", [])
    if Path(head).name.startswith("python") and rest[:1] == ["-m"] and len(rest) >= 2:
        head, rest = rest[1], rest[2:]  # python -m MODULE: the module is the program
    known: tuple[tuple[str, ...], list[str]] | None = None
    if head == "bench" or head.startswith("impl_"):
        sub, rest = _subcommand(rest)
        known = (head, *sub), rest
    elif head == "pytest" and rest[:1] == ["contract_tests"]:
        known = ("pytest", "contract_tests"), rest[1:]
    elif head.removeprefix("./") == "scripts/compare":  # python -m bench compare's options
        known = ("bench", "compare"), rest
    elif head.removeprefix("./") == "scripts/serve":  # python -m impl_NAME serve's options
        impl, rest = _subcommand(rest)
        known = (f"impl_{(impl or ['fastapi'])[0]}", "serve"), rest
    elif head.startswith(("scripts/", "./scripts/")):
        known = ("script", head.removeprefix("./")), []
    return known


def commands(path: Path, root: Path = ROOT) -> list[Command]:
    """The commands of ``path``'s shell blocks that run the project's programs (named in
    messages by their place under ``root``)."""
    found = []
    text = path.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        first_line = text[: match.start()].count("\n") + 1
        for line in _lines(match.group(2)):
            try:
                tokens = shlex.split(line, comments=True)
            except ValueError:
                continue
            for segment in _segments(tokens):
                known = _program(segment)
                if known is None:
                    continue
                program, rest = known
                options = tuple(word.split("=", 1)[0] for word in rest if word.startswith("--"))
                where = f"{path.relative_to(root)}:{first_line} `{line}`"
                found.append(Command(where, program, options))
    return found


@cache
def help_text(program: tuple[str, ...]) -> tuple[int, str]:
    """The program's own --help (exit code and text)."""
    if program[0] == "script":
        script = ROOT / program[1]
        return (0 if script.is_file() else 1), ""
    if program[0] == "pytest":
        argv = [sys.executable, "-m", "pytest", *program[1:], "--help", "-p", "no:cacheprovider"]
    else:
        argv = [sys.executable, "-m", *program, "--help"]
    done = subprocess.run(  # noqa: S603 - the project's own programs
        argv, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    return done.returncode, done.stdout + done.stderr


def problems(command: Command) -> list[str]:
    """What is wrong with a documented command: a program or subcommand that does not exist,
    or an option its parser does not take."""
    code, text = help_text(command.program)
    if code != 0:
        return [f"{command.where}: `{' '.join(command.program)}` does not exist (exit {code})"]
    return [
        f"{command.where}: `{' '.join(command.program)}` takes no option {option}"
        for option in command.options
        if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text)
    ]


def broken_links(path: Path, root: Path = ROOT) -> list[str]:
    """Relative links of ``path`` that lead nowhere."""
    broken = []
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a web address, or an anchor in the same page
        file = (path.parent / target.split("#", 1)[0]).resolve()
        if not file.exists():
            broken.append(f"{path.relative_to(root)}: link to {target} leads nowhere")
    return broken


@pytest.mark.parametrize("path", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_documented_command_and_option_exists(path: Path) -> None:
    found = [problem for command in commands(path) for problem in problems(command)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file(path: Path) -> None:
    assert not broken_links(path)


def test_the_readme_shows_the_two_commands_it_promises() -> None:
    shown = {command.program for command in commands(ROOT / "README.md")}
    assert ("bench", "compare") in shown
    assert ("script", "scripts/test") in shown


def test_a_planted_wrong_option_and_a_broken_link_are_caught(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "page.md"
    page.write_text(
        "See [the contract](contract.md) and [nothing](missing.md#part).\n\n"
        "```sh\n"
        "python -m bench compare --users 16 --no-such-option 3 \\\n"
        "  --rounds 2\n"
        "DATABASE_URL=sqlite:///x python -m impl_flask serve --port 8000 && "
        "python -m bench no-such-command\n"
        "pytest contract_tests --base-url http://127.0.0.1:8000 --levels realworld\n"
        "```\n"
    )
    (docs / "contract.md").write_text("# Contract\n")
    found = [problem for command in commands(page, tmp_path) for problem in problems(command)]
    assert len(found) == 3, found
    assert "takes no option --no-such-option" in found[0]
    assert "`bench no-such-command` does not exist" in found[1]
    assert "takes no option --levels" in found[2]
    assert broken_links(page, tmp_path) == ["docs/page.md: link to missing.md#part leads nowhere"]
