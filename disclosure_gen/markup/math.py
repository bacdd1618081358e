r"""TeX → HTML+MathML at build time (KaTeX via PyKaTeX), behind refused commands and a depth bound.

KaTeX escapes ``\text{<script>}`` itself, but some commands reach outside the formula (links,
classes, styles, macro definitions that can loop); those are refused before KaTeX sees the
text. KaTeX runs in QuickJS, whose stack overflow on deeply nested input corrupts the heap of
the process it runs in (issue 13), so two more guards stand in front of it:

* a nesting bound, checked here on the source: groups, ``\left``, environments and the
  switches that open an implicit group (``\displaystyle``, ``\color``, ``\rm`` …) may nest at
  most ``MAX_DEPTH`` deep. The deepest chain of KaTeX's costliest construct measured
  (``\underbrace{…}_{a}``) overflowed at 18 levels, so everything within the bound typesets;
* typesetting in a worker process (``texworker.py``): if it dies or hangs anyway, that formula
  gets a finding and a fresh worker typesets the rest.

Results are cached per TeX in memory and, given a folder, on disk, keyed by the KaTeX build and
options, so a warm ``check`` starts no worker at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_gen.markup.jsonfile import write_entry

if TYPE_CHECKING:
    from disclosure_gen.content.model.algorithm import Algorithm

MAX_TEX = 2000
#: Largest size in em a formula may ask for; sizes above it are drawn at this size.
MAX_SIZE_EM = 10
#: Deepest nesting of groups a formula may have (see the module docstring).
MAX_DEPTH = 12
#: Seconds one formula may take before its worker is killed. Generous: under load on two cores
#: a formula that takes milliseconds idle must never time out.
TIMEOUT = 20.0
#: The worker command (``python -m disclosure_gen.markup.texworker``).
WORKER = (sys.executable, "-m", "disclosure_gen.markup.texworker")

_REFUSED = re.compile(
    r"\\(href|url|html[A-Za-z]*|includegraphics|def|gdef|edef|xdef|let|futurelet"
    r"|newcommand|renewcommand|providecommand|class|cssId|style|data|raisebox)(?![A-Za-z])"
)
_TOKEN = re.compile(r"\\(?:[A-Za-z@]+|.)|[{}$%]|\n", re.DOTALL)
_OPEN = frozenset({"{", r"\bgroup", r"\begingroup", r"\left", r"\begin", r"\(", r"\["})
_CLOSE = frozenset({"}", r"\egroup", r"\endgroup", r"\right", r"\end", r"\)", r"\]"})
#: Switches that apply to the rest of their group: KaTeX parses that rest one level deeper.
_SWITCHES = frozenset(
    {
        r"\displaystyle",
        r"\textstyle",
        r"\scriptstyle",
        r"\scriptscriptstyle",
        r"\color",
        r"\tiny",
        r"\sixptsize",
        r"\scriptsize",
        r"\footnotesize",
        r"\small",
        r"\normalsize",
        r"\large",
        r"\Large",
        r"\LARGE",
        r"\huge",
        r"\Huge",
        r"\rm",
        r"\sf",
        r"\tt",
        r"\bf",
        r"\it",
        r"\cal",
        r"\mit",
        r"\frak",
        r"\Bbb",
        r"\bold",
        r"\boldsymbol",
        r"\bm",
        r"\em",
    }
)


DEPTH_FIX = "减少嵌套：把公式拆成几个较短的公式，或把重复的部分记为一个符号并在符号表中解释"
DEPTH_MESSAGE = (
    f"公式嵌套过深（超过 {MAX_DEPTH} 层）：花括号、\\left…\\right、环境和 \\displaystyle 等开关"
    "都算一层"
)


@dataclass(frozen=True)
class TexProblem:
    """Why a formula cannot be rendered, and (0-based) where in the TeX source."""

    message: str
    offset: int = 0
    #: How to fix it, when that differs from the general DG-TEX advice.
    fix: str = ""


def nesting_problem(tex: str) -> TexProblem | None:
    r"""The first place where ``tex`` nests deeper than ``MAX_DEPTH``, or None.

    An upper bound of KaTeX's own nesting: every group opener counts, an implicit switch counts
    until its group closes, ``$`` toggles math inside text; comments and ``\verb`` are skipped.
    """
    # Each stack entry: how many levels closing this group removes (itself plus its switches).
    stack: list[int] = [0]
    depth = 0
    math_shift = False
    pos = 0
    while True:
        match = _TOKEN.search(tex, pos)
        if match is None:
            return None
        token, pos = match.group(0), match.end()
        if token == "%":
            newline = tex.find("\n", pos)
            pos = len(tex) if newline < 0 else newline
            continue
        if token == r"\verb" and pos < len(tex):
            end = tex.find(tex[pos], pos + 1)
            pos = len(tex) if end < 0 else end + 1
            continue
        if token in _OPEN or (token == "$" and not math_shift):
            math_shift = math_shift or token == "$"
            stack.append(1)
            depth += 1
        elif token in _SWITCHES:
            stack[-1] += 1
            depth += 1
        elif token in _CLOSE or token == "$":
            math_shift = False if token == "$" else math_shift
            if len(stack) > 1:
                depth -= stack.pop()
            continue
        else:
            continue
        if depth > MAX_DEPTH:
            return TexProblem(DEPTH_MESSAGE, match.start(), DEPTH_FIX)


def precheck(tex: str) -> TexProblem | None:
    """Problems found without typesetting: length, refused commands, nesting."""
    if len(tex) > MAX_TEX:
        return TexProblem(f"公式过长（{len(tex)} 个字符，上限 {MAX_TEX}）")
    refused = _REFUSED.search(tex)
    if refused:
        return TexProblem(f"不允许使用命令 `{refused.group(0)}`", refused.start())
    return nesting_problem(tex)


Outcome = tuple[str, TexProblem | None]


@cache
def katex_build() -> str:
    """What a cached result depends on besides the TeX: the KaTeX build and our options."""
    from disclosure_gen.markup import texworker

    options = json.dumps(texworker.OPTIONS, sort_keys=True)
    return f"pykatex {version('PyKaTeX')} (KaTeX 0.16.22) {options} cache-v1"


class TexCache:
    """Typeset results on disk, one file per (TeX, display), written atomically.

    Concurrent builds share the folder: a writer renames a finished temp file into place, so a
    reader sees a whole entry or none; two writers of one key write the same bytes.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.stored = 0

    def _file(self, tex: str, display: bool) -> Path:
        key = hashlib.blake2b(
            f"{katex_build()}\0{int(display)}\0{tex}".encode(), digest_size=20
        ).hexdigest()
        return self.root / f"{key}.json"

    def get(self, tex: str, display: bool) -> Outcome | None:
        try:
            data = json.loads(self._file(tex, display).read_bytes())
        except (OSError, ValueError):
            return None
        self.hits += 1
        if "html" in data:
            return data["html"], None
        return "", TexProblem(data["error"], data.get("offset", 0), data.get("fix", ""))

    def put(self, tex: str, display: bool, outcome: Outcome) -> None:
        """Store ``outcome``; a folder that cannot be written only means no cache."""
        html, problem = outcome
        record: dict[str, object] = {"html": html}
        if problem is not None:
            record = {"error": problem.message, "offset": problem.offset, "fix": problem.fix}
        if not write_entry(self._file(tex, display), record):
            return
        self.stored += 1


class _WorkerLost(Exception):
    """The worker died or did not answer in time."""


class _Worker:
    """One texworker process and its pipes."""

    def __init__(self, argv: Sequence[str]) -> None:
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def call(self, tex: str, display: bool, timeout: float) -> dict[str, str]:
        self.timeout = timeout
        assert self.proc.stdin is not None and self.proc.stdout is not None
        data = json.dumps([tex, display]).encode("utf-8")
        try:
            self.proc.stdin.write(len(data).to_bytes(4, "big") + data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise _WorkerLost(self._death()) from None
        deadline = time.monotonic() + timeout
        header = self._read(4, deadline)
        body = self._read(int.from_bytes(header, "big"), deadline)
        return json.loads(body)  # type: ignore[no-any-return]

    def _read(self, size: int, deadline: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        data = b""
        while len(data) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self.kill()
                raise _WorkerLost(f"排版超过 {self.timeout:g} 秒未完成")
            chunk = os.read(fd, size - len(data))
            if not chunk:
                raise _WorkerLost(self._death())
            data += chunk
        return data

    def _death(self) -> str:
        code = self.proc.wait()
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            return f"排版进程崩溃（信号 {name}）"
        return f"排版进程意外退出（退出码 {code}）"

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


#: PyKaTeX cuts 19 characters ("KaTeX parse error: ") off every message, so QuickJS's
#: "Maximum call stack size exceeded" arrives as this.
_STACK_OVERFLOW = "size exceeded"
INTERNAL_MESSAGE = "KaTeX 内部错误，无法排版该公式（常见于 \\begin…\\end 或 \\verb 被拆开的写法）"
INTERNAL_FIX = "检查 \\begin{…} 与 \\end{…}、\\verb|…| 和花括号是否完整配对"


class Typesetter:
    """Typesets TeX in a worker process; results kept in memory and, if given, on disk.

    ``worker`` is the command that starts a worker (tests start one that crashes or hangs).
    """

    def __init__(self, *, timeout: float = TIMEOUT, worker: Sequence[str] = WORKER) -> None:
        self.timeout = timeout
        self.worker = tuple(worker)
        self.memory: dict[tuple[str, bool], Outcome] = {}
        #: Formulas sent to a worker, and workers started, since this object was made.
        self.typeset_count = 0
        self.workers_started = 0
        #: (seconds, TeX) of the slowest formula typeset.
        self.slowest: tuple[float, str] = (0.0, "")
        #: (why, TeX) of every worker lost: died, hung, or stopped after an internal error.
        self.lost: list[tuple[str, str]] = []
        #: (TeX, display) whose outcome may not recur (a crash, a timeout): not kept on disk,
        #: nor is what was judged from it (check's results cache).
        self.unkept: set[tuple[str, bool]] = set()
        self._worker: _Worker | None = None

    def outcome(self, tex: str, display: bool = True, *, cache: TexCache | None = None) -> Outcome:
        """HTML and None, or "" and the problem; from memory, ``cache`` or a worker."""
        key = (tex, display)
        found = self.memory.get(key)
        if found is not None:
            return found
        problem = precheck(tex)
        if problem is not None:
            found = ("", problem)
        else:
            found = cache.get(tex, display) if cache is not None else None
            if found is None:
                found, keep = self._typeset(tex, display)
                if not keep:
                    self.unkept.add(key)
                elif cache is not None:
                    cache.put(tex, display, found)
        self.memory[key] = found
        return found

    def forget(self) -> None:
        """Drop what is kept in memory (the next outcome asks the disk cache or a worker)."""
        self.memory.clear()

    def _typeset(self, tex: str, display: bool) -> tuple[Outcome, bool]:
        """The outcome, and whether it may be cached (a crash or a timeout may not recur)."""
        self.typeset_count += 1
        for attempt in (1, 2):
            worker = self._worker or self._start()
            start = time.perf_counter()
            try:
                answer = worker.call(tex, display, self.timeout)
            except _WorkerLost as lost:
                self.lost.append((str(lost), tex))
                self._stop()
                if attempt == 2:  # it failed in a fresh worker too: this formula is the cause
                    return ("", TexProblem(f"{lost}，该公式无法排版")), False
                continue
            self.slowest = max(self.slowest, (time.perf_counter() - start, tex))
            if "html" in answer:
                return (answer["html"], None), True
            if "error" in answer:
                return ("", _parse_error(answer["error"])), True
            # Not a parse error: the worker has exited, its heap no longer to be trusted
            # (texworker.py). The same TeX fails the same way, so the outcome is kept.
            self.lost.append(("内部错误", tex))
            self._stop()
            if answer["internal"] == _STACK_OVERFLOW:
                return ("", TexProblem("公式嵌套过深，排版器栈溢出", 0, DEPTH_FIX)), True
            return ("", TexProblem(INTERNAL_MESSAGE, 0, INTERNAL_FIX)), True
        raise AssertionError("unreachable")

    def _start(self) -> _Worker:
        self._worker = _Worker(self.worker)
        self.workers_started += 1
        return self._worker

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None

    def close(self) -> None:
        self._stop()

    def __del__(self) -> None:
        self._stop()


def _parse_error(text: str) -> TexProblem:
    match = re.search(r"at position (\d+)", text)
    # KaTeX appends the source with combining underlines; the position says the same.
    message = re.sub(r" at position \d+:.*$", "", text, flags=re.S)
    offset = int(match.group(1)) - 1 if match else 0
    return TexProblem(f"LaTeX 无法解析：{message}", offset)


@dataclass(frozen=True)
class TexSettings:
    """How ``check`` typesets: the folder of results kept across runs, the worker, its timeout.

    Tests start a worker that crashes or hangs; a short timeout keeps them fast.
    """

    #: Typeset results kept across runs (``.disclosure-gen-cache/tex``); None: memory only.
    cache_dir: Path | None = None
    timeout: float = TIMEOUT
    worker: tuple[str, ...] = WORKER


def typesetter(timeout: float = TIMEOUT, worker: tuple[str, ...] = WORKER) -> Typesetter:
    """The process's typesetter: one memory of results and at most one worker per process.

    One per (timeout, worker), however the arguments are spelled.
    """
    return _typesetter(float(timeout), tuple(worker))


@cache
def _typesetter(timeout: float, worker: tuple[str, ...]) -> Typesetter:
    return Typesetter(timeout=timeout, worker=worker)


@cache
def disk_cache(folder: Path) -> TexCache:
    """The on-disk cache in ``folder`` (one object per folder and process)."""
    return TexCache(folder)


def _outcome(tex: str, display: bool, settings: TexSettings) -> Outcome:
    folder = settings.cache_dir
    cache = disk_cache(folder.absolute()) if folder is not None else None
    return typesetter(settings.timeout, settings.worker).outcome(tex, display, cache=cache)


def tex_problem(
    tex: str, *, display: bool = True, settings: TexSettings = TexSettings()
) -> TexProblem | None:
    """Return the first problem with ``tex``, or None when it renders."""
    return _outcome(tex, display, settings)[1]


def settled(tex: str, *, display: bool = True, settings: TexSettings = TexSettings()) -> bool:
    """False if ``tex``'s outcome came from a worker that died or hung (it may not recur)."""
    return (tex, display) not in typesetter(settings.timeout, settings.worker).unkept


def formula_tex(algo: Algorithm) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """(YAML path, TeX, display) of every TeX an algorithm's page typesets.

    Formulas are display math, symbols inline: ``check`` typesets each the way the page does,
    so the page finds every result already typeset.
    """
    for i, formula in enumerate(algo.formulas):
        yield ("formulas", i, "tex"), formula.tex, True
        for j, symbol in enumerate(formula.symbols):
            yield ("formulas", i, "symbols", j, "symbol"), symbol.symbol, False


def load_typeset(algorithms: Iterable[Algorithm], cache_dir: Path) -> None:
    """Have every formula of ``algorithms`` in this process's memory before pages render.

    For spawned render workers: what ``check`` typeset is read from ``cache_dir``, so a build
    after a check typesets nothing again.
    """
    settings = TexSettings(cache_dir)
    for algo in algorithms:
        for _path, tex, display in formula_tex(algo):
            _outcome(tex, display, settings)


def render_tex(tex: str, *, display: bool = True) -> str:
    """Render checked TeX to KaTeX HTML with MathML; raise ValueError if it is not allowed."""
    html, problem = _outcome(tex, display, TexSettings())
    if problem:
        raise ValueError(problem.message)
    # KaTeX copies the TeX, newlines included, into <annotation>. The page embeds this HTML in a
    # Markdown HTML block, which a blank line would end: the rest then became Markdown and the
    # markup broke (postcheck refused it). &#10; is the same newline to an HTML parser.
    return html.replace("\n", "&#10;")
