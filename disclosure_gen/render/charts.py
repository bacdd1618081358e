"""Charts and mechanism diagrams → deterministic SVG bytes (matplotlib, Figure API only).

matplotlib is imported inside the functions, so `disclosure-gen check` never pays for it. Every
figure is drawn inside ``matplotlib.rc_context`` with a per-figure ``svg.hashsalt`` and no date in
the metadata: both are needed for byte-identical SVG (design §4.7). The one global effect is
registering Noto Sans SC by path with ``fontManager.addfont``, which is idempotent.

Specs hold only plain, already-localised strings and numbers, so a spec is also a cache key:
``spec_key(spec)`` hashes it together with the renderer version.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Callable, MutableMapping
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version
from typing import Any
from xml.sax.saxutils import escape

#: Bump when the drawing code changes, so cached SVGs are not reused.
RENDERER = "dg-svg-2"
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


def render_svg(
    spec: ChartSpec | DiagramSpec, cache: MutableMapping[str, bytes] | None = None
) -> bytes:
    """Render ``spec`` to SVG, looking it up in (and storing it into) ``cache`` when given."""
    key = spec_key(spec) if cache is not None else ""
    if cache is not None and key in cache:
        return cache[key]
    draw: Callable[[Any], None]
    if isinstance(spec, DiagramSpec):
        draw, size = _diagram_drawer(spec)
    else:
        draw, size = _chart_drawer(spec), (6.4, 3.6)
    svg = _render(draw, size=size, salt=spec.salt, title=spec.title)
    if cache is not None:
        cache[key] = svg
    return svg


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


def literal(text: str) -> str:
    r"""Text matplotlib draws as written: an even number of ``$`` would start mathtext.

    ``\$`` is matplotlib's escape for a literal dollar; mathtext would refuse most YAML text
    (``售价 $5 到 $10``) and crash the build, and could draw what the author did not write.
    """
    return text.replace("$", r"\$")


def _font_family() -> list[str]:
    """Register Noto Sans SC by path (idempotent) and return the family list to use."""
    from matplotlib import font_manager
    from pylopdf_fonts_zh_cn import sans_path

    path = str(sans_path())
    if all(f.fname != path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return ["DejaVu Sans", "Noto Sans SC"]


def _render(
    draw: Callable[[Any], None], *, size: tuple[float, float], salt: str, title: str
) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    rc = {
        "svg.fonttype": "path",
        "svg.hashsalt": salt,
        "font.family": _font_family(),
        "font.size": 10.0,
        "text.color": INK,
        "axes.labelcolor": INK,
        "axes.edgecolor": "#57606a",
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=size, dpi=72)
        draw(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return _add_title(buf.getvalue(), title)


def _add_title(svg: bytes, title: str) -> bytes:
    """Give the SVG an accessible name for readers who open the file itself."""
    text = svg.decode("utf-8")
    start = text.index("<svg ")
    end = text.index(">", start) + 1
    head = text[:end].replace("<svg ", '<svg role="img" ', 1)
    return (head + f"\n <title>{escape(title)}</title>" + text[end:]).encode("utf-8")


def _chart_drawer(spec: ChartSpec) -> Callable[[Any], None]:
    def draw(fig: Any) -> None:
        ax = fig.add_subplot()
        n = len(spec.categories)
        count = max(1, len(spec.series))
        width = 16 if spec.kind != "barh" else 20
        labels = [literal("\n".join(wrap(c, width))) for c in spec.categories]
        positions = list(range(n))
        if spec.kind == "line":
            for i, (name, values) in enumerate(spec.series):
                values = values[:n]  # an English category list may be shorter than the data
                ax.plot(
                    positions[: len(values)],
                    values,
                    marker="o",
                    color=PALETTE[i % 6],
                    label=literal(name),
                )
            ax.set_xticks(positions, labels)
        else:
            thickness = 0.8 / count
            for i, (name, values) in enumerate(spec.series):
                values = values[:n]
                offs = [p - 0.4 + thickness * (i + 0.5) for p in positions[: len(values)]]
                plot = ax.barh if spec.kind == "barh" else ax.bar
                bars = plot(
                    offs, values, thickness * 0.9, color=PALETTE[i % 6], label=literal(name)
                )
                if n * count <= 24:
                    ax.bar_label(bars, labels=[format_number(v) for v in values], padding=2)
            if spec.kind == "barh":
                ax.set_yticks(positions, labels)
                ax.invert_yaxis()
            else:
                ax.set_xticks(positions, labels)
            ax.margins(x=0.02, y=0.12) if spec.kind == "bar" else ax.margins(x=0.12, y=0.02)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x" if spec.kind == "barh" else "y", color="#d0d7de", linewidth=0.6)
        ax.set_axisbelow(True)
        if spec.x_label:
            ax.set_xlabel(literal(spec.x_label))
        if spec.y_label:
            ax.set_ylabel(literal(spec.y_label))
        if len(spec.series) > 1:
            ax.legend(frameon=False)
        fig.tight_layout()

    return draw


def _diagram_drawer(spec: DiagramSpec) -> tuple[Callable[[Any], None], tuple[float, float]]:
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    width_in, line_h, pad, gap = 5.0, 0.24, 0.14, 0.34
    wrapped = [wrap(step, 48) for step in spec.steps]
    heights = [len(lines) * line_h + 2 * pad for lines in wrapped]
    total = sum(heights) + gap * max(0, len(heights) - 1) + 0.1

    def draw(fig: Any) -> None:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width_in)
        ax.set_ylim(total, 0)
        ax.set_axis_off()
        y = 0.05
        for i, (lines, h) in enumerate(zip(wrapped, heights, strict=True)):
            box = FancyBboxPatch(
                (0.1, y),
                width_in - 0.2,
                h,
                boxstyle="round,pad=0,rounding_size=0.08",
                facecolor=BOX_FILL,
                edgecolor=ACCENT,
                linewidth=1.2,
            )
            ax.add_patch(box)
            ax.text(
                0.42, y + h / 2, str(i + 1), ha="center", va="center", fontsize=13, color=ACCENT
            )
            ax.text(
                0.75,
                y + h / 2,
                literal("\n".join(lines)),
                ha="left",
                va="center",
                fontsize=11,
                linespacing=1.3,
            )
            if i + 1 < len(heights):
                arrow = FancyArrowPatch(
                    (width_in / 2, y + h + 0.03),
                    (width_in / 2, y + h + gap - 0.03),
                    arrowstyle="-|>",
                    mutation_scale=14,
                    color=ACCENT,
                    linewidth=1.4,
                )
                ax.add_patch(arrow)
            y += h + gap

    return draw, (width_in, total)
