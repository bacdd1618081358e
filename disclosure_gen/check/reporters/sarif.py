"""SARIF 2.1.0, for code-scanning uploads."""

from __future__ import annotations

import json
from typing import Any

from disclosure_gen import __version__
from disclosure_gen.check.findings import Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(report: Report) -> str:
    """Render the report as one SARIF run; rules carry their citation and fix."""
    from disclosure_gen.check.engine import TOOL_CODES
    from disclosure_gen.check.rules import RULES

    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in RULES:
        index[rule.code] = len(descriptors)
        descriptors.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.message},
                "help": {"text": f"{rule.fix}\n{rule.citation or ''}"},
                "defaultConfiguration": {"level": level[rule.severity]},
                "properties": {
                    "citation": str(rule.citation) if rule.citation else None,
                    "binding": rule.citation.binding if rule.citation else None,
                    "heuristic": rule.heuristic,
                },
            }
        )
    for code, text in sorted(TOOL_CODES.items()):
        index[code] = len(descriptors)
        descriptors.append({"id": code, "name": code.lower(), "shortDescription": {"text": text}})
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": level[f.severity],
            "message": {"text": f"{f.message}（{f.citation}）" if f.citation else f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.location.file},
                        "region": {"startLine": f.location.line, "startColumn": f.location.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.location.path, "kind": "member"}],
                }
            ],
            "properties": {"fix": f.fix, "heuristic": f.heuristic},
        }
        if f.severity_source:
            result["properties"]["severitySource"] = f.severity_source
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.waived:
            result["suppressions"] = [{"kind": "inSource", "justification": f.waived}]
        results.append(result)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "disclosure-gen",
                        "version": __version__,
                        "rules": descriptors,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
