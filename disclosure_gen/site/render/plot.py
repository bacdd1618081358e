"""Bar, barh and line charts on an ``svgdraw.Canvas``, laid out as matplotlib's defaults did.

The geometry copies what the charts looked like when a matplotlib Figure drew them: a 6.4 × 3.6
inch figure, 10 pt text, ``tight_layout`` padding, value ticks from the MaxNLocator algorithm
(steps 1, 2, 2.5, 5, 10), 12 % value margins with bars standing on zero, bar labels 2 pt from the
bar ends, a frameless legend in the first corner that hides the fewest marks.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

from disclosure_gen.site.render.chartspec import INK, PALETTE, ChartSpec, format_number, wrap
from disclosure_gen.site.render.svgdraw import Canvas, block, num

#: Sizes in points (one SVG unit; 72 per inch).
FIG_W, FIG_H = 6.4 * 72, 3.6 * 72
FONT = 10.0
PAD = 1.08 * FONT  # tight_layout's padding around everything
TICK, TICK_PAD, LABEL_PAD = 3.5, 3.5, 4.0
SPINE, GRID = "#57606a", "#d0d7de"
#: Tick steps tried for the value axis, times a power of ten.
STEPS = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0)
#: Legend spots in the order matplotlib's "best" tries them (vertical, horizontal).
SPOTS = ("ur", "ul", "dl", "dr", "mr", "ml", "dc", "uc", "mc")

Box = tuple[float, float, float, float]
Labels = list[tuple[float, list[str]]]


@dataclass(frozen=True)
class _Bar:
    series: int
    at: float  # centre on the category axis
    span: float  # thickness on the category axis
    value: float


@dataclass(frozen=True)
class _Axes:
    """The plot area on the canvas and the data limits mapped onto it."""

    left: float
    top: float
    width: float
    height: float
    cat: tuple[float, float]  # category-axis limits
    val: tuple[float, float]  # value-axis limits
    horizontal: bool  # barh: categories down the y axis (first at the top), values along x

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def point(self, c: float, v: float) -> tuple[float, float]:
        """Canvas (x, y) of category coordinate ``c`` and value ``v``."""
        fc = (c - self.cat[0]) / ((self.cat[1] - self.cat[0]) or 1.0)
        fv = (v - self.val[0]) / ((self.val[1] - self.val[0]) or 1.0)
        if self.horizontal:
            return self.left + fv * self.width, self.top + fc * self.height
        return self.left + fc * self.width, self.bottom - fv * self.height

    def at(self, pos: float, axis: str) -> float:
        """Canvas coordinate of a tick on the x or y axis."""
        categories = (axis == "y") == self.horizontal
        x, y = self.point(pos, self.val[0]) if categories else self.point(self.cat[0], pos)
        return x if axis == "x" else y


def draw_chart(spec: ChartSpec) -> Canvas:
    """The chart of ``spec`` on a new canvas."""
    n = len(spec.categories)
    horizontal = spec.kind == "barh"
    series = [(name, values[:n]) for name, values in spec.series]  # en may list fewer
    count = max(1, len(series))
    values = [v for _, vs in series for v in vs]
    bars: list[_Bar] = []
    if spec.kind == "line":
        longest = max((len(vs) for _, vs in series), default=1)
        cat = _margins(0.0, float(max(longest - 1, 0)), 0.05)
        val = _margins(min(values, default=0.0), max(values, default=1.0), 0.05)
    else:
        thickness = 0.8 / count
        bars = [
            _Bar(i, p - 0.4 + thickness * (i + 0.5), thickness * 0.9, v)
            for i, (_, vs) in enumerate(series)
            for p, v in enumerate(vs)
        ]
        edges = [b.at + s * b.span / 2 for b in bars for s in (-1, 1)] or [-0.5, 0.5]
        cat = _margins(min(edges), max(edges), 0.02)
        val = _margins(min(0.0, *values), max(0.0, *values), 0.12, sticky=0.0)
    categories: Labels = [
        (float(i), wrap(c, 20 if horizontal else 16)) for i, c in enumerate(spec.categories)
    ]
    axes, ticks, x_items, y_items = _layout(spec, cat, val, categories)
    canvas = Canvas(FIG_W, FIG_H)
    canvas.rect(0, 0, FIG_W, FIG_H, "#ffffff")
    # A clip path like matplotlib's; its id comes from the salt, so two charts never share one.
    clip = "c" + hashlib.sha256(spec.salt.encode("utf-8")).hexdigest()[:10]
    canvas.add(
        f'<clipPath id="{clip}"><rect x="{num(axes.left)}" y="{num(axes.top)}" '
        f'width="{num(axes.width)}" height="{num(axes.height)}"/></clipPath>'
    )
    _grid_and_ticks(canvas, axes, ticks, x_items, y_items, clip)
    marks = _data(canvas, axes, spec.kind, series, bars, clip)
    canvas.line(axes.left, axes.top, axes.left, axes.bottom, SPINE, 0.8)
    canvas.line(axes.left, axes.bottom, axes.right, axes.bottom, SPINE, 0.8)
    below = axes.bottom + TICK + TICK_PAD
    for pos, lines in x_items:
        canvas.text(lines, axes.at(pos, "x"), below, size=FONT, color=INK, ha="center", va="top")
    beside = axes.left - TICK - TICK_PAD
    for pos, lines in y_items:
        canvas.text(lines, beside, axes.at(pos, "y"), size=FONT, color=INK, ha="right", va="center")
    if spec.x_label:
        y = below + _extent(x_items, 3) + LABEL_PAD
        mid = axes.left + axes.width / 2
        canvas.text([spec.x_label], mid, y, size=FONT, color=INK, ha="center", va="top")
    if spec.y_label:
        x = beside - _extent(y_items, 2) - LABEL_PAD
        mid = axes.top + axes.height / 2
        canvas.text(
            [spec.y_label], x, mid, size=FONT, color=INK, ha="center", va="bottom", rotate=True
        )
    if n * count <= 24:
        _bar_labels(canvas, axes, bars)
    if len(series) > 1:
        _legend(canvas, axes, [name for name, _ in series], spec.kind, marks)
    return canvas


def _layout(
    spec: ChartSpec, cat: tuple[float, float], val: tuple[float, float], categories: Labels
) -> tuple[_Axes, list[float], Labels, Labels]:
    """tight_layout: measure what sits outside the plot area, place the area, measure again."""
    horizontal = spec.kind == "barh"
    axes = _Axes(PAD, PAD, FIG_W - 2 * PAD, FIG_H - 2 * PAD, cat, val, horizontal)
    label_h = block(["Ag"], FONT)[3]
    ticks: list[float] = []
    x_items = y_items = categories
    for _ in range(2):
        # Tick density as matplotlib's "auto": one tick per 3 (x) or 2 (y) label heights.
        length = axes.width if horizontal else axes.height
        ticks = _ticks(*val, max(1, min(int(length // (FONT * (3 if horizontal else 2))), 9)))
        numbers: Labels = [(v, [t]) for v, t in zip(ticks, _tick_labels(ticks), strict=True)]
        x_items, y_items = (numbers, categories) if horizontal else (categories, numbers)
        left = TICK + TICK_PAD + _extent(y_items, 2) + (LABEL_PAD + label_h if spec.y_label else 0)
        bottom = (
            TICK + TICK_PAD + _extent(x_items, 3) + (LABEL_PAD + label_h if spec.x_label else 0)
        )
        before_x, after_x = _overhang(axes, x_items, "x")
        before_y, after_y = _overhang(axes, y_items, "y")
        left, bottom = max(left, before_x), max(bottom, after_y)
        axes = _Axes(
            PAD + left,
            PAD + before_y,
            FIG_W - 2 * PAD - left - after_x,
            FIG_H - 2 * PAD - bottom - before_y,
            cat,
            val,
            horizontal,
        )
    return axes, ticks, x_items, y_items


def _extent(items: Labels, index: int) -> float:
    """The widest (index 2) or tallest (index 3) of some tick labels."""
    return max((block(lines, FONT)[index] for _, lines in items), default=0.0)


def _margins(
    lo: float, hi: float, margin: float, sticky: float | None = None
) -> tuple[float, float]:
    """Data limits widened by ``margin`` of their span; a sticky edge (a bar's base) stays put."""
    if hi == lo:
        lo, hi = (lo - abs(lo) * 0.05, hi + abs(hi) * 0.05) if lo else (-0.05, 0.05)
    delta = (hi - lo) * margin
    return (
        lo if lo == sticky else lo - delta,
        hi if hi == sticky else hi + delta,
    )


def _ticks(lo: float, hi: float, bins: int) -> list[float]:
    """Round tick values inside [lo, hi] (the MaxNLocator algorithm, without an offset)."""
    span = hi - lo
    scale = 10 ** math.floor(math.log10(span / bins))
    steps = [s * scale for s in STEPS]
    last = next((i for i, s in enumerate(steps) if s >= span / bins * (1 - 1e-12)), len(steps) - 1)
    eps = 1e-9 * span
    ticks: list[float] = []
    for step in reversed(steps[: last + 1]):
        base = (lo // step) * step
        low = _edge((lo - base) / step, up=False)
        high = _edge((hi - base) / step, up=True)
        ticks = [k * step + base for k in range(low, high + 1)]
        if sum(lo - eps <= t <= hi + eps for t in ticks) >= 2:
            break
    return [t for t in ticks if lo - eps <= t <= hi + eps]


def _edge(x: float, *, up: bool) -> int:
    whole, part = divmod(x, 1.0)
    if up:
        return int(whole) if abs(part) < 1e-10 else int(whole) + 1
    return int(whole) + 1 if abs(part - 1) < 1e-10 else int(whole)


def _tick_labels(ticks: Sequence[float]) -> list[str]:
    """One number format for all ticks, with as few decimals as show them all exactly."""
    if len(ticks) < 2:
        return [format_number(t) for t in ticks]
    oom = math.floor(math.log10(max(ticks) - min(ticks)))
    digits = max(0, 3 - oom)
    while digits >= 0 and max(abs(t - round(t, digits)) for t in ticks) < 1e-3 * 10**oom:
        digits -= 1
    digits += 1
    texts = [f"{t:.{digits}f}" for t in ticks]
    return [t[1:] if t.startswith("-") and not t.strip("-0.") else t for t in texts]


def _overhang(axes: _Axes, items: Labels, axis: str) -> tuple[float, float]:
    """How far centred tick labels reach past the two ends of their axis."""
    before = after = 0.0
    for pos, lines in items:
        _, _, w, h = block(lines, FONT)
        half = (w if axis == "x" else h) / 2
        at = axes.at(pos, axis)
        start, end = (axes.left, axes.right) if axis == "x" else (axes.top, axes.bottom)
        before = max(before, half - (at - start))
        after = max(after, at + half - end)
    return before, after


def _grid_and_ticks(
    canvas: Canvas, axes: _Axes, ticks: Sequence[float], x_items: Labels, y_items: Labels, clip: str
) -> None:
    lines = []
    for v in ticks:
        x, y = axes.point(axes.cat[0], v)
        if axes.horizontal:
            lines.append(f"M{num(x)} {num(axes.top)}V{num(axes.bottom)}")
        else:
            lines.append(f"M{num(axes.left)} {num(y)}H{num(axes.right)}")
    canvas.add(
        f'<path d="{"".join(lines)}" fill="none" stroke="{GRID}" stroke-width="0.6" '
        f'clip-path="url(#{clip})"/>'
    )
    marks = [f"M{num(axes.at(p, 'x'))} {num(axes.bottom)}v{TICK}" for p, _ in x_items]
    marks += [f"M{num(axes.left)} {num(axes.at(p, 'y'))}h-{TICK}" for p, _ in y_items]
    canvas.add(f'<path d="{"".join(marks)}" fill="none" stroke="{INK}" stroke-width="0.8"/>')


def _data(
    canvas: Canvas,
    axes: _Axes,
    kind: str,
    series: Sequence[tuple[str, Sequence[float]]],
    bars: Sequence[_Bar],
    clip: str,
) -> list[Box]:
    """Bars, or lines with round markers; returns their boxes (for placing the legend)."""
    boxes: list[Box] = []
    parts: list[str] = []
    for bar in bars:
        x0, y0 = axes.point(bar.at - bar.span / 2, 0.0)
        x1, y1 = axes.point(bar.at + bar.span / 2, bar.value)
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        boxes.append(box)
        parts.append(
            f'<rect x="{num(box[0])}" y="{num(box[1])}" width="{num(box[2] - box[0])}" '
            f'height="{num(box[3] - box[1])}" fill="{PALETTE[bar.series % 6]}"/>'
        )
    for i, (_, values) in enumerate(series if kind == "line" else ()):
        colour = PALETTE[i % 6]
        points = [axes.point(float(p), v) for p, v in enumerate(values)]
        path = "".join(f"{'L' if j else 'M'}{num(x)} {num(y)}" for j, (x, y) in enumerate(points))
        if points:
            parts.append(
                f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.5" '
                'stroke-linecap="square"/>'
            )
        parts += [f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="{colour}"/>' for x, y in points]
        boxes += [(x - 3, y - 3, x + 3, y + 3) for x, y in points]
    canvas.add(f'<g clip-path="url(#{clip})">{"".join(parts)}</g>')
    return boxes


def _bar_labels(canvas: Canvas, axes: _Axes, bars: Sequence[_Bar]) -> None:
    for bar in bars:
        x, y = axes.point(bar.at, bar.value)
        text, up = [format_number(bar.value)], bar.value >= 0
        if axes.horizontal:
            x += 2 if up else -2
            ha = "left" if up else "right"
            canvas.text(text, x, y, size=FONT, color=INK, ha=ha, va="center")
        else:
            y += -2 if up else 2
            va = "bottom" if up else "top"
            canvas.text(text, x, y, size=FONT, color=INK, ha="center", va=va)


def _legend(
    canvas: Canvas, axes: _Axes, names: Sequence[str], kind: str, marks: Sequence[Box]
) -> None:
    """A frameless legend in the first spot that covers the fewest bars or points."""
    rows = [block([name], FONT) for name in names]
    heights = [max(r[3], 0.7 * FONT) for r in rows]
    width = 3.6 * FONT + max(r[2] for r in rows)
    height = 0.8 * FONT + sum(heights) + 0.5 * FONT * (len(rows) - 1)
    inset = 0.5 * FONT
    xs = {
        "l": axes.left + inset,
        "c": axes.left + (axes.width - width) / 2,
        "r": axes.right - inset - width,
    }
    ys = {
        "u": axes.top + inset,
        "m": axes.top + (axes.height - height) / 2,
        "d": axes.bottom - inset - height,
    }

    def covered(spot: str) -> int:
        x0, y0 = xs[spot[1]], ys[spot[0]]
        return sum(
            not (m[2] < x0 or m[0] > x0 + width or m[3] < y0 or m[1] > y0 + height) for m in marks
        )

    spot = min(SPOTS, key=lambda s: (covered(s), SPOTS.index(s)))
    x, y = xs[spot[1]] + 0.4 * FONT, ys[spot[0]] + 0.4 * FONT
    for i, (name, h) in enumerate(zip(names, heights, strict=True)):
        mid, colour = y + h / 2, PALETTE[i % 6]
        if kind == "line":
            canvas.add(
                f'<path d="M{num(x)} {num(mid)}h{num(2 * FONT)}" stroke="{colour}" '
                f'stroke-width="1.5"/><circle cx="{num(x + FONT)}" cy="{num(mid)}" r="3" '
                f'fill="{colour}"/>'
            )
        else:
            canvas.rect(x, mid - 0.35 * FONT, 2 * FONT, 0.7 * FONT, colour)
        canvas.text([name], x + 2.8 * FONT, mid, size=FONT, color=INK, ha="left", va="center")
        y += h + 0.5 * FONT
