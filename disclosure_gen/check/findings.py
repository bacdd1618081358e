"""Findings and the report: the data every reporter, waiver and exit code works from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: the YAML path first, then file:line:col (1-based code points)."""

    path: str
    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem in one file. ``citation`` is empty for tool checks (DG-*)."""

    code: str
    name: str
    severity: Severity
    message: str
    fix: str
    location: Location
    citation: str = ""
    quote: str = ""
    binding: bool = True
    waived: str = ""
    #: The rule's test is a threshold of the tool's own, not the words of the law.
    heuristic: bool = False
    #: Set when a project setting changed the rule's severity: who changed it, from what.
    severity_source: str = ""
    default_severity: Severity | None = None

    @property
    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, loc.path, self.message)

    def as_record(self) -> dict[str, Any]:
        """The stable JSON shape of one finding (see schemas/report.schema.json)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
            "path": self.location.path,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "citation": self.citation or None,
            "quote": self.quote or None,
            "binding": self.binding,
            "waived": self.waived or None,
            "heuristic": self.heuristic,
            "default_severity": (self.default_severity or self.severity).value,
            "severity_source": self.severity_source or None,
        }


@dataclass(frozen=True)
class Report:
    """All findings of one run, sorted, plus the files that were checked."""

    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = field(default=())
    #: Binding rules this run did not apply, with what left them out (``--select``/``--ignore``).
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings that are not waived."""
        return tuple(f for f in self.findings if not f.waived)

    def count(self, severity: Severity) -> int:
        """Count active findings of ``severity``."""
        return sum(1 for f in self.active if f.severity is severity)

    def fails(self, threshold: Severity | None) -> bool:
        """True when an active finding is at or above ``threshold`` (None: never fails)."""
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.active)

    def as_records(self) -> dict[str, Any]:
        """The whole report in its stable JSON shape."""
        return {
            "version": 1,
            "files": list(self.files),
            "summary": {
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "waived": sum(1 for f in self.findings if f.waived),
            },
            "findings": [f.as_record() for f in self.findings],
            "skipped_binding": [{"code": c, "by": by} for c, by in self.skipped],
        }
