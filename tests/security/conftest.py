"""The hostile catalogue, checked and built once per session (the slow part of the corpus tests)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from security_support import TODAY, Hostile, cli, load_corpus, write_hostile_project

from disclosure_gen.check.engine import CheckOptions, check_paths


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """Every payload in every field, checked, then built as a draft (--allow-errors).

    A draft is the hardest case: content with findings is rendered anyway, so the site must be
    inert by construction, not because the check stopped the build.
    """
    project = tmp_path_factory.mktemp("hostile") / "p"
    payloads = load_corpus()
    ledger = write_hostile_project(project, payloads)
    options = CheckOptions(today=date.fromisoformat(TODAY), jobs=os.cpu_count() or 1)
    checked = check_paths([project / "content"], options)
    assert not checked.input_errors and checked.site is not None
    findings: dict[str, list[dict]] = {}
    for finding in checked.report.findings:
        findings.setdefault(Path(finding.location.file).name, []).append(finding.as_record())
    built = cli(
        project,
        "build",
        "--today",
        TODAY,
        "--allow-errors",
        "--no-cache",
        "--nav-page-limit",
        "1000",
    )
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Traceback" not in built.stderr
    return Hostile(
        project,
        project / "site",
        payloads,
        ledger,
        findings,
        built.stderr,
        built.stdout,
        checked.site,
        checked.algorithms,
    )
