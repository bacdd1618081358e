r"""Read the symbols and numeric constants out of a formula's TeX (a helper, not a rule module).

A deliberately small scanner, not a TeX parser. It knows:

* identifiers: a run of Latin letters (``T``, ``CTR``), a Greek command (``\lambda``) or
  a Unicode Greek letter, a styled name (``\mathrm{CTR}``), an accented one (``\hat{y}``),
  each with an optional subscript that is part of its name (``P_k``, ``T_{m}``, ``x_1``);
* operators and functions (``\sum``, ``\max``, ``\left``, ``\times``, ``log``): ignored,
  but the indices in their scripts (``\sum_{k}``) are identifiers;
* ``\text{…}`` / ``\operatorname{…}`` / ``\mathbb{…}``: words and sets, ignored;
* numbers: reported unless 0 or 1, or an integer inside a sub/superscript (an index, a
  bound, a square). Decimals are reported everywhere, exponents included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# fmt: off
_GREEK_NAMES = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
    "Omega",
)
GREEK = frozenset(
    (*_GREEK_NAMES, "varepsilon", "vartheta", "varpi", "varrho", "varsigma", "varphi")
)
_UNICODE_GREEK = dict(zip("αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ", _GREEK_NAMES, strict=True))
_ACCENTS = frozenset((
    "hat", "bar", "tilde", "vec", "dot", "ddot", "overline", "widehat", "widetilde", "check",
    "breve",
))
_STYLES = frozenset(
    ("mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "boldsymbol", "bm")
)
_WORDS = frozenset(("text", "textrm", "textit", "textbf", "mbox", "operatorname", "mathbb"))
#: Letter runs that are function names or words, not symbols.
FUNCTIONS = frozenset((
    "max", "min", "log", "ln", "exp", "sin", "cos", "tan", "sum", "arg", "argmax", "argmin",
    "softmax", "sigmoid", "lim", "sup", "inf", "det", "mod", "if", "and", "or", "for",
    "otherwise",
))
# fmt: on
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")


@dataclass
class Scan:
    """What one formula uses: identifiers in order of first use, and suspicious numbers."""

    identifiers: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


def key(symbol: str) -> str:
    """Compare symbols without spaces or braces: ``T_{m}`` and ``T_m`` are the same."""
    return re.sub(r"[\s{}]", "", symbol)


def scan(tex: str) -> Scan:
    """Scan ``tex`` for identifiers and for numbers that may be weights or thresholds."""
    out = Scan()
    _scan(tex, out, in_script=False)
    return out


def entry_key(symbol: str) -> str:
    r"""The key of a ``symbols[].symbol`` entry; ``\lambda(t)`` names the function ``\lambda``."""
    head = re.sub(r"\s*(?:\\left)?\((?:[^()]*)(?:\\right)?\)\s*$", "", symbol) or symbol
    found = scan(head).identifiers
    return key(found[0]) if len(found) == 1 else key(symbol)


def _arg(tex: str, i: int) -> tuple[str, int]:
    """Read one argument at ``i``: a brace group (without its braces), a command or a char."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i >= len(tex):
        return "", i
    if tex[i] == "{":
        depth = 0
        for j in range(i, len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[j], 0)
            if depth == 0:
                return tex[i + 1 : j], j + 1
        return tex[i + 1 :], len(tex)
    command = _COMMAND.match(tex, i)
    if command:
        return command.group(0), command.end()
    return tex[i], i + 1


def _name(tex: str, i: int, base: str, out: Scan) -> int:
    """Record ``base`` with its subscript, if any; return the index after it."""
    j = i
    while j < len(tex) and tex[j] in " '":
        j += 1
    if j < len(tex) and tex[j] == "_":
        sub, i = _arg(tex, j + 1)
        base = f"{base}_{sub}" if len(sub) == 1 else f"{base}_{{{sub}}}"
    if key(base) not in {key(x) for x in out.identifiers}:
        out.identifiers.append(base)
    return i


def _scan(tex: str, out: Scan, *, in_script: bool) -> None:
    i = 0
    while i < len(tex):
        c = tex[i]
        command = _COMMAND.match(tex, i)
        if command:
            name, i = command.group(1), command.end()
            if name in GREEK:
                i = _name(tex, i, f"\\{name}", out)
            elif name in _ACCENTS or name in _STYLES:
                inner, i = _arg(tex, i)
                base = key(inner) if name in _STYLES else f"\\{name}{{{key(inner)}}}"
                if base:
                    i = _name(tex, i, base, out)
            elif name in _WORDS:
                _, i = _arg(tex, i)
        elif c == "\\":
            i += 2  # \, \; \{ and other one-character commands
        elif c in "_^":
            inner, i = _arg(tex, i + 1)
            _scan(inner, out, in_script=True)
        elif c.isascii() and c.isalpha():
            run = re.match(r"[A-Za-z]+", tex[i:])
            assert run is not None
            word, i = run.group(0), i + run.end()
            euler = word == "e" and tex[i:].lstrip().startswith("^")
            if word not in FUNCTIONS and not euler:
                i = _name(tex, i, word, out)
        elif c in _UNICODE_GREEK:
            i = _name(tex, i + 1, f"\\{_UNICODE_GREEK[c]}", out)
        elif c.isdigit() or (c == "." and tex[i + 1 : i + 2].isdigit()):
            number = _NUMBER.match(tex, i)
            assert number is not None
            text, i = number.group(0), number.end()
            structural = in_script and "." not in text
            if float(text) not in (0.0, 1.0) and not structural:
                out.numbers.append(text)
        else:
            i += 1
