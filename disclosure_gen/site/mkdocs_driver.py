"""The incremental SSG: ``python -m disclosure_gen.site.mkdocs_driver STATE [--jobs N]``.

Started early by the build, it warms up (imports MkDocs, loads jieba's dictionary, compiles the
theme's templates) while the build still renders pages, then reads its job from stdin, one JSON
line: ``{"project", "out", "report", "epoch"}``. It writes into ``out`` what ``mkdocs build
--strict -f PROJECT/mkdocs.yml -d OUT`` would, byte for byte, rendering only the pages whose
inputs changed since the build recorded in STATE (the site store, ``sitestore``); the work is
``mkdocs_incremental``'s. The report (JSON) gets the mode and why, the page counts and every
output file with its digest, so that the caller postchecks only what is new. It runs in the
SSG's environment (``build.ssg_env``), ``SOURCE_DATE_EPOCH`` taken from the job.

Exit status: 0 built, or stdin closed without a job (the build stopped before); 1 MkDocs failed
(its messages on stderr, as ``mkdocs build`` prints them, warnings included under
``--strict``); ``UNSUPPORTED`` the project needs plain MkDocs (another plugin, extension or
version, or no MkDocs to import): the caller then runs that.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: Exit status when the project needs plain MkDocs.
UNSUPPORTED = 3


def main(argv: Sequence[str] | None = None) -> int:
    """Warm up, take the job, build; the exit status above."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("state", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        from mkdocs.exceptions import MkDocsException

        from disclosure_gen.site.mkdocs_incremental import Build, warm_up
        from disclosure_gen.site.mkdocs_inputs import Unsupported
    except ImportError as exc:  # another SSG stands in for MkDocs: let the caller run it
        print(f"DG-UNSUPPORTED MkDocs cannot be imported: {exc}", flush=True)
        return UNSUPPORTED
    _log_like_mkdocs()
    state = args.state.absolute()
    compiled = warm_up(state)
    line = sys.stdin.readline()
    if not line:
        return 0
    job = json.loads(line)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(job["epoch"]))
    try:
        paths = (Path(job["project"]).absolute(), Path(job["out"]).absolute(), state)
        report = Build(*paths, args.jobs, compiled).run()
    except Unsupported as exc:
        print(f"DG-UNSUPPORTED {exc}", flush=True)
        return UNSUPPORTED
    except MkDocsException as exc:
        print(f"ERROR    -  {exc}", file=sys.stderr, flush=True)  # as `mkdocs build` words it
        return 1
    Path(job["report"]).write_text(json.dumps(report.as_json()), encoding="utf-8")
    return 0


def _log_like_mkdocs() -> None:
    """Warnings and errors on stderr with MkDocs' own prefixes (``WARNING -  …``)."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
