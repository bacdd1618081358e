"""Generated TeX for the typesetting tests: nesting of KaTeX's costliest constructs, plus noise.

One grammar serves Hypothesis (``choose`` draws from ``st.data()``) and the seeded batch of
10,000 formulas (``choose`` is ``random.Random.randrange``).
"""

from __future__ import annotations

from collections.abc import Callable

#: (opening, closing) of constructs that nest; the costliest per level come first (measured:
#: QuickJS's stack overflowed at 18 levels of \underbrace{…}_{a}^{b}, 151 of plain braces).
WRAPPERS = (
    ("\\underbrace{", "}_{a}^{b}"),
    ("\\overbrace{\\overset{a}{", "}}^{b}"),
    ("\\sum_{\\substack{", "}}"),
    ("\\begin{pmatrix}", "\\end{pmatrix}^{a}_{b}"),
    ("\\begin{cases}", "\\end{cases}"),
    ("\\begin{array}{c}", "\\end{array}"),
    ("\\boxed{", "}^{a}_{b}"),
    ("\\frac{", "}{y}"),
    ("\\cfrac{", "}{2}"),
    ("\\sqrt{", "}"),
    ("x^{", "}"),
    ("x_{", "}"),
    ("\\binom{", "}{n}"),
    ("\\xrightarrow[a]{", "}"),
    ("\\left(", "\\right)"),
    ("\\text{$", "$}"),
    ("\\mathbf{", "}"),
    ("{", "}"),
    ("\\bgroup ", "\\egroup "),
    ("\\displaystyle ", ""),
    ("\\color{red}", ""),
)
ATOMS = ("x", "\\alpha", "1", "w_{i}", "\\sum_{j}", "+", "\\cdot", "\\text{中文}", "&", "\\\\", "")
#: Tokens that unbalance or confuse a parser: KaTeX must refuse them, never crash on them.
NOISE = (
    "{",
    "}",
    "\\",
    "%",
    "^",
    "_",
    "$",
    "\\left",
    "\\right)",
    "\\end{matrix}",
    "\\verb|}|",
    "#",
    "\\over",
    "\\begin{foo}",
    "\\sqrt[",
    "\\frac",
    "\u200b",
)

Choose = Callable[[int], int]


def nested_tex(choose: Choose, limit: int) -> str:
    """A formula of at most ``limit`` characters: nested wrappers around atoms, maybe noise."""
    # Mostly within the bound (those reach KaTeX), a quarter up to three times as deep.
    depth = choose(41) if choose(4) == 0 else choose(13)
    body = ATOMS[choose(len(ATOMS))]
    for _ in range(depth):
        opening, closing = WRAPPERS[choose(len(WRAPPERS))]
        if choose(4) == 0:  # a sibling beside the nested part
            body = f"{body} {ATOMS[choose(len(ATOMS))]}"
        body = f"{opening}{body}{closing}"
    for _ in range(choose(3) if choose(3) == 0 else 0):
        at = choose(len(body) + 1)
        body = body[:at] + NOISE[choose(len(NOISE))] + body[at:]
    return body[:limit] or "x"
