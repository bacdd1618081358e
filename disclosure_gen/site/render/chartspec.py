"""What a chart or diagram shows, as plain localised strings and numbers; shared text helpers.

The text helpers are those both drawing modules use. A spec is also a cache key:
``spec_key(spec)`` hashes it together with the renderer version.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version

#: Bump when the drawing code changes, so cached SVGs are not reused.
RENDERER = "dg-svg-3"
#: Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
INK = "#1f2328"
ACCENT = "#3949ab"
BOX_FILL = "#eef1fb"


@dataclass(frozen=True)
class ChartSpec:
    """A bar, barh or line chart with localised labels."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    title: str
    x_label: str = ""
    y_label: str = ""
    salt: str = "chart"


@dataclass(frozen=True)
class DiagramSpec:
    """An ordered pipeline of stages drawn as numbered boxes joined by arrows."""

    steps: tuple[str, ...]
    title: str
    salt: str = "diagram"


def spec_key(spec: ChartSpec | DiagramSpec) -> str:
    """Return the sha256 of everything that affects the SVG (spec, renderer, matplotlib)."""
    payload = {
        "renderer": RENDERER,
        "matplotlib": _matplotlib_version(),
        "type": type(spec).__name__,
        "spec": asdict(spec),
    }
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@cache
def _matplotlib_version() -> str:
    # Reading package metadata costs milliseconds; a build asks once per SVG.
    return version("matplotlib")


def format_number(value: float) -> str:
    """Show a number without float noise: 1.25, 30, -4 (explorable.js uses the same rule)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def display_width(text: str) -> int:
    """Width in half-width units: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, *, max_lines: int = 3) -> list[str]:
    """Wrap ``text`` to ``width`` half-width units: at spaces for Latin, anywhere for CJK."""
    tokens = re.findall(r"[A-Za-z0-9'’.,:;!?()\-/%]+\s*|\s+|.", text.strip())
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if line and display_width(line + tok.rstrip()) > width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip() + "…"]
        lines[-1] = lines[-1] if display_width(lines[-1]) <= width + 1 else lines[-1][:-2] + "…"
    return lines or [""]
