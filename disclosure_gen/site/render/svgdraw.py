"""A small SVG writer whose text is drawn as glyph outlines (design §4.7: readers may lack Noto).

Charts and diagrams used to go through a matplotlib Figure, which cost about 150 ms per SVG:
with three SVGs per algorithm that made drawing the slowest part of a large build. This writer
emits the few shapes the charts need directly and reads glyph outlines from the same two fonts
(DejaVu Sans, then Noto Sans SC for what DejaVu lacks) through matplotlib's FreeType wrapper,
caching each glyph, so an SVG takes a few milliseconds.

Glyphs are ``<path>`` definitions named ``<PostScript name>-<glyph index in hex>`` (the names
matplotlib uses), placed with ``<use>``. Outlines are read at 100 px like matplotlib's
``TextToPath``; a text group scales them to its font size. Nothing here reads the clock or global
state, so the same calls give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

#: Size at which outlines are read (px at 72 dpi); text groups scale by ``size / FONT_SCALE``.
FONT_SCALE = 100.0


@dataclass(frozen=True)
class Glyph:
    """One glyph: its id in ``<defs>``, outline (y up, at FONT_SCALE) and metrics."""

    ref: str
    path: str
    advance: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Run:
    """One line of shaped text at FONT_SCALE: glyphs with their x offsets, and its extent."""

    glyphs: tuple[tuple[Glyph, float], ...]
    width: float
    ascent: float
    descent: float


@dataclass(frozen=True)
class Placed:
    """A line of text positioned on the canvas: baseline origin, size and colour."""

    run: Run
    x: float
    y: float
    size: float


@cache
def _faces() -> tuple[Any, Any]:
    """DejaVu Sans (matplotlib's own copy) and Noto Sans SC, opened by path."""
    from matplotlib import get_data_path
    from matplotlib.ft2font import FT2Font
    from pylopdf_fonts_zh_cn import sans_path

    latin = FT2Font(str(Path(get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"))
    cjk = FT2Font(str(sans_path()))
    for face in (latin, cjk):
        face.set_size(FONT_SCALE, 72)
    return latin, cjk


@cache
def line_metrics() -> tuple[float, float, float]:
    """Ascent, descent and line gap of the first font at FONT_SCALE (matplotlib's minimums)."""
    latin = _faces()[0]
    os2 = latin.get_sfnt_table("OS/2")
    scale = FONT_SCALE / latin.get_sfnt_table("head")["unitsPerEm"]
    return (
        os2["sTypoAscender"] * scale,
        -os2["sTypoDescender"] * scale,
        os2["sTypoLineGap"] * scale,
    )


@lru_cache(maxsize=8192)
def _glyph(char: str) -> tuple[int, int, Glyph]:
    """(face number, glyph index, glyph) for one character; the first face that has it wins."""
    from matplotlib.ft2font import LoadFlags

    faces = _faces()
    # Tabs, line breaks (a label is one line here) and other spaces are drawn as a space.
    code = 0x20 if char.isspace() else ord(char)
    number = next((n for n, f in enumerate(faces) if f.get_char_index(code)), len(faces) - 1)
    face = faces[number]
    index = face.get_char_index(code)
    # A character no font has (a control or private-use one in YAML text) gets the font's
    # "missing" box, as matplotlib draws it; FreeType refuses to load it by character code.
    loaded = (
        face.load_char(code, flags=LoadFlags.NO_HINTING)
        if index
        else face.load_glyph(0, flags=LoadFlags.NO_HINTING)
    )
    vertices, codes = face.get_path()
    ys = [v[1] for v in vertices] or [0.0]
    glyph = Glyph(
        ref=f"{face.postscript_name}-{index:x}",
        path=_path_data(vertices, codes),
        advance=loaded.linearHoriAdvance / 65536,
        top=max(ys),
        bottom=min(ys),
    )
    return number, index, glyph


@lru_cache(maxsize=4096)
def _kerning(number: int, left: int, right: int) -> float:
    from matplotlib.ft2font import Kerning

    return _faces()[number].get_kerning(left, right, Kerning.UNFITTED) / 64


@lru_cache(maxsize=16384)
def shape(text: str) -> Run:
    """Lay out one line: advances plus pair kerning within a font (as matplotlib does)."""
    glyphs: list[tuple[Glyph, float]] = []
    x = 0.0
    previous: tuple[int, int] | None = None
    for char in text:
        number, index, glyph = _glyph(char)
        if previous is not None and previous[0] == number:
            x += _kerning(number, previous[1], index)
        glyphs.append((glyph, x))
        x += glyph.advance
        previous = (number, index)
    inked = [g for g, _ in glyphs if g.path]
    return Run(
        tuple(glyphs),
        x,
        max((g.top for g in inked), default=0.0),
        max((-g.bottom for g in inked), default=0.0),
    )


def _path_data(vertices: Any, codes: Any) -> str:
    """FreeType outline (matplotlib Path codes) → compact SVG path data, in 1/64 px units."""
    out: list[str] = []
    letters = {1: "M", 2: "L", 3: "Q", 4: "C"}
    i, n = 0, len(codes)
    while i < n:
        code = int(codes[i])
        if code == 79:  # CLOSEPOLY
            out.append("z")
            i += 1
            continue
        if code == 0:  # STOP
            break
        count = {1: 1, 2: 1, 3: 2, 4: 3}[code]
        points = " ".join(
            f"{round(vertices[j][0] * 64)} {round(vertices[j][1] * 64)}"
            for j in range(i, i + count)
        )
        out.append(letters[code] + points)
        i += count
    return "".join(out)


def num(value: float) -> str:
    """A coordinate with at most three decimals and no float noise."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def block(
    lines: Sequence[str], size: float, *, linespacing: float | None = None
) -> tuple[list[Run], list[float], float, float]:
    """Lay out lines of text as matplotlib does: runs, baselines from the top, width, height.

    Each line is at least as tall as the font's ascent and descent; with a fixed
    ``linespacing`` every line is that many times their sum, split evenly around the ink.
    """
    scale = size / FONT_SCALE
    min_ascent, min_descent, gap = (m * scale for m in line_metrics())
    if len(lines) == 1:
        gap = 0.0
    runs = [shape(line) for line in lines]
    baselines: list[float] = []
    y = 0.0
    for run in runs:
        ascent, descent = run.ascent * scale, run.descent * scale
        if linespacing is None:
            ascent = max(ascent, min_ascent) + gap / 2
            descent = max(descent, min_descent) + gap / 2
        else:
            leading = linespacing * (min_ascent + min_descent) - (ascent + descent)
            ascent += leading / 2
            descent += leading / 2
        baselines.append(y + ascent)
        y += ascent + descent
    width = max((r.width for r in runs), default=0.0) * scale
    return runs, baselines, width, y


class Canvas:
    """Collects shapes and text for one SVG document (sizes in points, y pointing down)."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.body: list[str] = []
        self._defs: dict[str, str] = {}

    def add(self, element: str) -> None:
        self.body.append(element)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> None:
        self.add(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
            f'fill="{fill}"{extra}/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float) -> None:
        self.add(
            f'<path d="M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}" fill="none" '
            f'stroke="{stroke}" stroke-width="{num(width)}"/>'
        )

    def text(
        self,
        lines: Sequence[str],
        x: float,
        y: float,
        *,
        size: float,
        color: str,
        ha: str = "left",
        va: str = "baseline",
        linespacing: float | None = None,
        rotate: bool = False,
    ) -> tuple[float, float, float, float]:
        """Draw text anchored at (x, y); returns its box (x0, y0, x1, y1) on the canvas.

        ``va`` is top, center, bottom or baseline (of the first line); ``rotate`` turns the
        text 90° counter-clockwise about the anchor (a y-axis label).
        """
        runs, baselines, width, height = block(lines, size, linespacing=linespacing)
        top = {
            "top": 0.0,
            "center": -height / 2,
            "bottom": -height,
            "baseline": -baselines[0],
        }[va]
        left = {"left": 0.0, "center": -width / 2, "right": -width}[ha]
        scale = size / FONT_SCALE
        # One group per line, in glyph units (1/64 px at FONT_SCALE): uses only need an x.
        unit = f"{scale / 64:.6g}"
        groups: list[str] = []
        for run, base in zip(runs, baselines, strict=True):
            shift = {"left": 0.0, "center": (width - run.width * scale) / 2}.get(
                ha, width - run.width * scale
            )
            uses: list[str] = []
            for glyph, gx in run.glyphs:
                if not glyph.path:
                    continue
                self._defs.setdefault(glyph.ref, glyph.path)
                at = f' x="{num(gx * 64)}"' if gx else ""
                uses.append(f'<use xlink:href="#{glyph.ref}"{at}/>')
            if uses:
                groups.append(
                    f'<g transform="translate({num(left + shift)} {num(top + base)}) '
                    f'scale({unit} -{unit})">{"".join(uses)}</g>'
                )
        where = f"translate({num(x)} {num(y)})" + (" rotate(-90)" if rotate else "")
        self.add(f'<g transform="{where}" fill="{color}">{"".join(groups)}</g>')
        if rotate:
            return (x + top, y - left - width, x + top + height, y - left)
        return (x + left, y + top, x + left + width, y + top + height)

    def svg(self, title: str) -> bytes:
        """The document: XML declaration, accessible name, glyph definitions, then the body."""
        defs = "".join(f'<path id="{ref}" d="{d}"/>' for ref, d in sorted(self._defs.items()))
        head = (
            '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
            f'<svg role="img" xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
            f'width="{num(self.width)}pt" height="{num(self.height)}pt" '
            f'viewBox="0 0 {num(self.width)} {num(self.height)}">\n'
            f" <title>{escape(title)}</title>\n"
        )
        body = "\n".join(f" {part}" for part in self.body)
        return (head + f" <defs>{defs}</defs>\n" + body + "\n</svg>\n").encode("utf-8")
