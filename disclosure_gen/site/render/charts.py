"""Charts and mechanism diagrams → deterministic SVG bytes.

The layout follows what matplotlib's defaults gave (tight layout, "nice" value ticks, bar labels,
best legend corner), but the SVG is written directly by ``svgdraw`` with text as glyph outlines:
drawing a matplotlib Figure cost about 150 ms per SVG, the largest part of a big build. Text is
drawn as written (no mathtext), so a ``$`` in YAML is just a dollar sign. matplotlib is imported
only for its FreeType fonts, inside the functions, so `disclosure-gen check` never pays for it.

Specs (``chartspec``) hold only plain, already-localised strings and numbers, so a spec is also a
cache key. Bar and line charts are drawn by ``plot``, diagrams here.
"""

from __future__ import annotations

import math
from collections.abc import MutableMapping
from typing import TYPE_CHECKING

from disclosure_gen.site.render.chartspec import (
    ACCENT,
    BOX_FILL,
    INK,
    ChartSpec,
    DiagramSpec,
    spec_key,
    wrap,
)

if TYPE_CHECKING:
    from disclosure_gen.site.render.svgdraw import Canvas


def render_svg(
    spec: ChartSpec | DiagramSpec, cache: MutableMapping[str, bytes] | None = None
) -> bytes:
    """Render ``spec`` to SVG, looking it up in (and storing it into) ``cache`` when given."""
    key = spec_key(spec) if cache is not None else ""
    if cache is not None and key in cache:
        return cache[key]
    if isinstance(spec, DiagramSpec):
        canvas = _draw_diagram(spec)
    else:
        from disclosure_gen.site.render.plot import draw_chart

        canvas = draw_chart(spec)
    svg = canvas.svg(spec.title)
    if cache is not None:
        cache[key] = svg
    return svg


def _draw_diagram(spec: DiagramSpec) -> Canvas:
    """Numbered boxes joined by arrows, one per step, top to bottom (sizes in inches × 72)."""
    from disclosure_gen.site.render.svgdraw import Canvas, num

    width_in, line_h, pad, gap = 5.0, 0.24, 0.14, 0.34
    wrapped = [wrap(step, 48) for step in spec.steps]
    heights = [len(lines) * line_h + 2 * pad for lines in wrapped]
    total = sum(heights) + gap * max(0, len(heights) - 1) + 0.1
    canvas = Canvas(width_in * 72, total * 72)
    canvas.rect(0, 0, width_in * 72, total * 72, "#ffffff")
    # The arrow head of matplotlib's "-|>" at mutation scale 14, pulled back so that the
    # stroke's mitred tip ends where the arrow should.
    head_l, head_w, stroke = 0.4 * 14, 0.2 * 14, 1.4
    tip_back = (stroke / 2) / math.sin(math.atan2(head_w, head_l))
    mid_x = width_in * 72 / 2
    y = 0.05
    for i, (lines, h) in enumerate(zip(wrapped, heights, strict=True)):
        canvas.rect(
            7.2,
            y * 72,
            (width_in - 0.2) * 72,
            h * 72,
            BOX_FILL,
            f' rx="5.76" stroke="{ACCENT}" stroke-width="1.2"',
        )
        centre = (y + h / 2) * 72
        canvas.text(
            [str(i + 1)], 0.42 * 72, centre, size=13, color=ACCENT, ha="center", va="center"
        )
        canvas.text(lines, 0.75 * 72, centre, size=11, color=INK, va="center", linespacing=1.3)
        if i + 1 < len(heights):
            start = (y + h + 0.03) * 72 + 2  # matplotlib shrinks both ends by 2 pt
            tip = (y + h + gap - 0.03) * 72 - 2 - tip_back
            base = tip - head_l
            canvas.add(
                f'<path d="M{num(mid_x)} {num(start)}V{num(tip)}" fill="none" stroke="{ACCENT}" '
                f'stroke-width="{stroke}" stroke-linecap="round"/>'
                f'<path d="M{num(mid_x + head_w)} {num(base)}L{num(mid_x)} {num(tip)}'
                f'L{num(mid_x - head_w)} {num(base)}z" fill="{ACCENT}" stroke="{ACCENT}" '
                f'stroke-width="{stroke}" stroke-linejoin="round"/>'
            )
        y += h + gap
    return canvas
