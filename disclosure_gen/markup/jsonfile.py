"""Cache entries as JSON files that concurrent runs sharing a folder read whole or not at all."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path


def write_entry(path: Path, record: object) -> bool:
    """Write ``record`` as JSON to ``path``; False when the folder cannot be written.

    The entry goes to a temp file no other writer uses (process and thread in its name), and
    the rename publishes it at once. A cache that cannot be written only means no cache.
    """
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        os.replace(tmp, path)
    except (OSError, ValueError):  # ValueError: a value JSON cannot hold
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True
