"""``python -m bench compare`` (and ``profile``): every variant under the scenario's mix, in
every condition of the sweep, interleaved across rounds; then the footprint and the report."""

from __future__ import annotations

import subprocess

from bench.discovery import floor_module, implementations_of, knobs
from bench.matrix import Matrix
from bench.options import CompareOptions
from bench.plan import plan
from bench.reporting import write_reports

FOOTPRINT_REPEAT = 1  # start-up runs per figure in a comparison (python -m bench footprint: 3)


class Comparison(Matrix):
    """One ``compare``: the scenario's mix on each cell, then the footprint and the report."""

    def __init__(self, options: CompareOptions) -> None:
        names = options.impls + list(options.targets)
        with_floor = {n for n in options.impls if options.floors and floor_module(n)}
        super().__init__(
            options, plan(names, options.rounds, options.sweep, with_floor, knobs(options.impls))
        )

    def finish(self) -> int:
        """The footprint, the reports and the printed table; the exit code."""
        if self.options.footprint != "off" and self.options.impls:
            self._footprint()
        summary = write_reports(self.out)
        from bench.report_md import comparison_table  # noqa: PLC0415

        print(comparison_table(summary))
        for warning in summary["warnings"]:
            print(f"warning: {warning}")
        print(f"report: {self.out / 'report.md'} and {self.out / 'report.html'}")
        failures = sum(
            r.get("failures", 0) for t in summary["results"].values() for r in t.values()
        )
        if failures:
            self.problems.append(f"{failures} requests failed")
        return self.exit_code()

    def _footprint(self) -> None:
        """Code, dependencies, start-up, code side by side and documents: ``footprint.json``."""
        from bench.footprint.collect import measure  # noqa: PLC0415
        from bench.footprint.files import write_footprint  # noqa: PLC0415

        self.progress.note("footprint: measuring what each implementation costs to write and run")
        try:
            found = measure(
                implementations_of(self.options.impls),
                dependency_mode=self.options.footprint,
                repeat=FOOTPRINT_REPEAT,
                say=self.progress.note,
            )
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            self.problems.append(f"the footprint could not be measured: {error}")
            return
        write_footprint(self.out, found)
        self.progress.note(f"footprint: measured in {found['seconds']['total']:.0f} s")


def compare(options: CompareOptions) -> int:
    return Comparison(options).execute()
