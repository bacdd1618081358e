"""The stable JSON report (schemas/report.schema.json)."""

from __future__ import annotations

import json

from disclosure_gen.check.findings import Report


def render(report: Report) -> str:
    """Render the report as indented JSON with non-ASCII kept readable."""
    return json.dumps(report.as_records(), ensure_ascii=False, indent=2) + "\n"
