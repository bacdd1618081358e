r"""The TeX worker process: typesets one formula per request with PyKaTeX, and nothing else.

PyKaTeX runs KaTeX in QuickJS inside the calling process, and QuickJS's recovery from a stack
overflow corrupts the C heap: a deeply nested formula aborted the whole ``check`` a few formulas
later (``malloc_consolidate(): unaligned fastbin chunk detected``, issue 13). So typesetting
happens here, in a child that the parent can lose: it reads requests on stdin and answers on
its own copy of stdout; the real stdout and stderr point at /dev/null, because QuickJS prints
KaTeX's warnings through C stdio.

Errors: PyKaTeX's C error path frees the error's ``name`` once too often. A KaTeX
``ParseError`` carries its own name and the leaked error object keeps it alive, but any other
error (KaTeX's internal assertions on odd input, QuickJS's stack overflow) takes one reference
from a shared prototype string, and a few of them corrupt the heap (measured: the fourth
``\boxed{\begin{cases}&\end{ca\verb|}|ses}}`` in one process aborted it). So the first
call runs with ``throwOnError`` off, where KaTeX renders its own parse errors instead of
throwing them: an exception that still arrives is another kind, answered as ``internal`` and
followed by this worker's exit. Only when an undefined command was drawn in the marker colour
(the one thing ``throwOnError`` off accepts silently) is the formula typeset again with it on,
for KaTeX's own message; that exception can only be a ``ParseError``.

Frames both ways: a 4-byte big-endian length, then UTF-8 JSON. Request ``[tex, display]``;
answer ``{"html": …}``, ``{"error": …}`` (KaTeX's parse error) or ``{"internal": …}``
(another error; the worker exits after it).
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import sys
from typing import BinaryIO

#: KaTeX options; the parent keys its cache on them (math.katex_build).
OPTIONS = {
    "output": "htmlAndMathml",
    # Off: parse errors come back as an error span (see the module docstring).
    "throwOnError": False,
    # Undefined commands are drawn in this colour when throwOnError is off. \\color accepts only
    # hex digits and letters, so a formula cannot produce it.
    "errorColor": "dg-undefined",
    # 'ignore' keeps KaTeX from printing warnings (e.g. Chinese in \text).
    "strict": "ignore",
    # Caps sizes the author writes (\rule{9999em}{9999em}, \kern, \hspace).
    "maxSize": 10,
}


def _read(stream: BinaryIO, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return b""
        data += chunk
    return data


#: KaTeX's error span when throwOnError is off: its title is ``ParseError: KaTeX parse error: …``.
_ERROR_SPAN = re.compile(
    r'<span class="katex-error" title="(?:ParseError: )?(?:KaTeX parse error: )?([^"]*)"'
)


def typeset(tex: str, display: bool) -> dict[str, str]:
    """One answer: ``html``, ``error`` (a parse error) or ``internal`` (any other error)."""
    import pykatex

    try:
        out = pykatex.renderToString(tex, displayMode=display, **OPTIONS)
    except pykatex.ParseError as exc:
        return {"internal": str(exc.args[0]) if exc.args else str(exc)}
    span = _ERROR_SPAN.match(out)
    if span:
        return {"error": html.unescape(span.group(1))}
    if OPTIONS["errorColor"] not in out:
        return {"html": out}
    strict = {**OPTIONS, "throwOnError": True}
    try:
        return {"html": pykatex.renderToString(tex, displayMode=display, **strict)}
    except pykatex.ParseError as exc:
        return {"error": str(exc.args[0]) if exc.args else str(exc)}


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer requests until the parent closes the pipe or an internal error."""
    while True:
        header = _read(requests, 4)
        if not header:
            return
        tex, display = json.loads(_read(requests, int.from_bytes(header, "big")))
        answer = typeset(tex, display)
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        answers.write(len(data).to_bytes(4, "big") + data)
        answers.flush()
        if "internal" in answer:
            return  # this process's heap is no longer to be trusted


def main() -> None:
    """Serve on stdin/stdout with the real stdout and stderr silenced."""
    # Ctrl-C reaches the whole process group: the parent decides, and closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    answers = os.fdopen(os.dup(1), "wb", buffering=0)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as we do
    serve(requests, answers)


if __name__ == "__main__":
    main()
