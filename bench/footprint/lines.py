"""Counting a Python file's lines: code, blank, and comment or docstring lines apart."""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineCounts:
    """Lines of one or more files. A line with code and a trailing comment is code."""

    code: int = 0
    blank: int = 0
    comment: int = 0  # comment lines and docstring lines

    def __add__(self, other: LineCounts) -> LineCounts:
        return LineCounts(
            self.code + other.code, self.blank + other.blank, self.comment + other.comment
        )

    @property
    def total(self) -> int:
        return self.code + self.blank + self.comment


def _docstring_lines(tree: ast.AST) -> set[int]:
    """The lines of every module, class and function docstring."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            last = body[0].end_lineno or body[0].lineno
            found.update(range(body[0].lineno, last + 1))
    return found


def count_lines(source: str) -> LineCounts:
    """Classify every line of ``source`` (Python) as code, blank or comment/docstring."""
    lines = source.splitlines()
    docstrings = _docstring_lines(ast.parse(source))
    code: set[int] = set()
    comments: set[int] = set()
    ignored = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in ignored:
            continue
        rows = range(token.start[0], token.end[0] + 1)
        if token.type == tokenize.COMMENT:
            comments.update(rows)
        elif token.start[0] not in docstrings:
            code.update(rows)
    counts = {"code": 0, "blank": 0, "comment": 0}
    for number, text in enumerate(lines, start=1):
        if number in code:
            counts["code"] += 1
        elif number in docstrings or number in comments:
            counts["comment"] += 1
        elif not text.strip():
            counts["blank"] += 1
        else:  # the inside of a multi-line string that is not a docstring
            counts["code"] += 1
    return LineCounts(**counts)
