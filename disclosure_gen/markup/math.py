r"""TeX → HTML+MathML at build time (PyKaTeX), behind a list of refused commands.

KaTeX itself escapes ``\\text{<script>}``, but some commands reach outside the formula (links,
classes, styles, macro definitions that can loop). We refuse those before KaTeX sees the text,
so a formula can never carry a link or markup onto the public page.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache

import pykatex

MAX_TEX = 2000
#: Largest size in em a formula may ask for; sizes above it are drawn at this size.
MAX_SIZE_EM = 10

_REFUSED = re.compile(
    r"\\(href|url|html[A-Za-z]*|includegraphics|def|gdef|edef|xdef|let|futurelet"
    r"|newcommand|renewcommand|providecommand|class|cssId|style|data|raisebox)(?![A-Za-z])"
)


@dataclass(frozen=True)
class TexProblem:
    """Why a formula cannot be rendered, and (0-based) where in the TeX source."""

    message: str
    offset: int = 0


def tex_problem(tex: str) -> TexProblem | None:
    """Return the first problem with ``tex``, or None when it renders."""
    return _try_render(tex, display=True)[1]


def render_tex(tex: str, *, display: bool = True) -> str:
    """Render checked TeX to KaTeX HTML with MathML; raise ValueError if it is not allowed."""
    html, problem = _try_render(tex, display=display)
    if problem:
        raise ValueError(problem.message)
    return html


@lru_cache(maxsize=2048)
def _try_render(tex: str, *, display: bool) -> tuple[str, TexProblem | None]:
    # One KaTeX call serves both the check and the page: rendering is the expensive part, and
    # symbols (`S`, `w_i`) recur across algorithms. Keyed by the TeX itself; results are
    # immutable (a str and a frozen TexProblem).
    if len(tex) > MAX_TEX:
        return "", TexProblem(f"公式过长（{len(tex)} 个字符，上限 {MAX_TEX}）")
    refused = _REFUSED.search(tex)
    if refused:
        return "", TexProblem(f"不允许使用命令 `{refused.group(0)}`", refused.start())
    try:
        return _render(tex, display=display), None
    except pykatex.ParseError as exc:
        text = str(exc.args[0]) if exc.args else str(exc)
        match = re.search(r"at position (\d+)", text)
        # KaTeX appends the source with combining underlines; the position says the same.
        text = re.sub(r" at position \d+:.*$", "", text, flags=re.S)
        offset = int(match.group(1)) - 1 if match else 0
        return "", TexProblem(f"LaTeX 无法解析：{text}", offset)


def _render(tex: str, *, display: bool) -> str:
    with _quiet_stdout():
        return str(
            pykatex.renderToString(
                tex,
                displayMode=display,
                output=pykatex.OUTPUT_HTML_AND_MATHML,
                throwOnError=True,
                # 'ignore' keeps KaTeX from printing warnings (e.g. Chinese in \text) to stdout.
                strict=pykatex.STRICT_IGNORE,
                # Caps sizes the author writes (\rule{9999em}{9999em}, \kern, \hspace): a
                # formula cannot paint over or stretch the page.
                maxSize=MAX_SIZE_EM,
            )
        )


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Send what KaTeX prints during one call to /dev/null.

    KaTeX still prints "No character metrics for '℃'" (also for €, ½, emoji, bidi controls)
    through the JS engine's C stdout, below Python's sys.stdout; that text would land inside
    `check --format json` or `export` output. So file descriptor 1 points at /dev/null for the
    call, and C's stdout buffer is flushed before it points back.
    """
    try:
        saved = os.dup(1)
    except OSError:  # no stdout at all: nothing to protect
        yield
        return
    libc = _libc()
    if sys.stdout is not None:
        sys.stdout.flush()
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        if libc is not None:
            libc.fflush(None)
        os.dup2(null, 1)
        yield
    finally:
        if libc is not None:
            libc.fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None
