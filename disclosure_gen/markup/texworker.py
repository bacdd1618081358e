"""The TeX worker process: typesets one formula per request with PyKaTeX, and nothing else.

PyKaTeX runs KaTeX in QuickJS inside the calling process, and QuickJS's recovery from a stack
overflow corrupts the C heap: a deeply nested formula aborted the whole ``check`` a few formulas
later (``malloc_consolidate(): unaligned fastbin chunk detected``, issue 13). So typesetting
happens here, in a child that the parent can lose: it reads requests on stdin and answers on
its own copy of stdout; the real stdout and stderr point at /dev/null, because QuickJS prints
KaTeX's warnings through C stdio.

Frames both ways: a 4-byte big-endian length, then UTF-8 JSON. Request ``[tex, display]``;
answer ``{"html": …}`` or ``{"error": …}`` (KaTeX's message as PyKaTeX gives it).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import BinaryIO

#: KaTeX options; the parent keys its cache on them (math.KATEX_OPTIONS repeats them).
OPTIONS = {
    "output": "htmlAndMathml",
    "throwOnError": True,
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


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer requests until the parent closes the pipe."""
    import pykatex

    while True:
        header = _read(requests, 4)
        if not header:
            return
        tex, display = json.loads(_read(requests, int.from_bytes(header, "big")))
        try:
            answer = {"html": pykatex.renderToString(tex, displayMode=display, **OPTIONS)}
        except pykatex.ParseError as exc:
            answer = {"error": str(exc.args[0]) if exc.args else str(exc)}
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        answers.write(len(data).to_bytes(4, "big") + data)
        answers.flush()


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
