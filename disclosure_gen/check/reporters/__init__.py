"""Report formats: each module turns a Report into a string."""

from __future__ import annotations

from collections.abc import Callable

from disclosure_gen.check.findings import Report
from disclosure_gen.check.reporters import github, json, sarif, text

REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "github": github.render,
}
