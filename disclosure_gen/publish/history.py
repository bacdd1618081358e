"""Past versions from git: every committed state of each algorithm, and what each commit changed.

This is where the site's history is computed (git I/O and field diffs); ``site/render/history.py``
only lays out what it is handed.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path, PurePosixPath

from disclosure_gen.check.schema import validate, validator
from disclosure_gen.content.loader import InputError, load_bytes
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.publish.diff import FieldChange, compare_documents, label_for
from disclosure_gen.publish.history_git import GitError, Repo, git_env
from disclosure_gen.site.render.history import Change, Revision, SiteHistory, newest

#: Paths whose changes the change log does not list: never published (waivers, stamps), or the
#: version entry itself, which is the row the fields are listed on.
_SKIP = re.compile(r"^(waivers|versions)\b|\.en_source$|^filing\.disclosure_hash$")


def read_history(content_dir: Path, site: Site, env: Mapping[str, str]) -> SiteHistory:
    """Every committed state of every algorithm file under ``content_dir``, for archive pages.

    Empty when the folder is not in a git work tree, git is missing, or nothing is committed.
    Two git processes in all: one ``log`` listing the commits that touched the folder
    (first-parent, so a merge counts once, on the day it landed) and one ``cat-file --batch``
    reading every file version. States that are not valid under today's schema are left out.
    """
    try:
        repo = Repo.find(content_dir, git_env(env))
        folder = repo.relative(content_dir)
        log = repo.run(
            "log", "--first-parent", "--format=@%H %cs", "--name-only", "--", folder or "."
        ).decode("utf-8")
    except GitError:
        return SiteHistory()
    wanted: list[tuple[int, str, date, str]] = []  # (age, commit, day, path in repo)
    commit, day = "", date.min
    for line in log.splitlines():
        if line.startswith("@"):
            commit, stamp = line[1:].split(" ", 1)
            day = date.fromisoformat(stamp)
        elif line.endswith((".yaml", ".yml")) and PurePosixPath(line).name != "site.yaml":
            wanted.append((len(wanted), commit, day, line))
    blobs = _cat_batch(repo, [f"{c}:{p}" for _, c, _, p in wanted])
    check = validator("algorithm", documents=len(wanted))
    found: dict[str, list[tuple[int, Revision]]] = {}
    for (age, sha, when, path), raw in zip(wanted, blobs, strict=True):
        if raw is None:
            continue  # deleted in that commit
        try:
            doc = load_bytes(raw, file=f"{sha[:7]}:{path}")
        except InputError:
            continue
        if validate(doc, check):
            continue
        algo = Algorithm.from_data(doc.data, site, source=path)
        found.setdefault(algo.id, []).append((-age, Revision(sha[:7], when, doc.data, algo)))
    # git's order, not the dates: committer dates need not grow (rebases, skewed clocks).
    ordered = {k: tuple(r for _, r in sorted(v, key=lambda e: e[0])) for k, v in found.items()}
    langs = ("zh", "en") if "en" in site.site.languages else ("zh",)
    notes = {(k, lang): tuple(changes(v, lang)) for k, v in ordered.items() for lang in langs}
    return SiteHistory(dict(sorted(ordered.items())), dict(sorted(notes.items())))


def _cat_batch(repo: Repo, specs: list[str]) -> list[bytes | None]:
    """Read many ``<commit>:<path>`` blobs through one ``git cat-file --batch``."""
    if not specs:
        return []
    try:
        proc = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=repo.root,
            env=dict(repo.env),
            input="".join(f"{s}\n" for s in specs).encode("utf-8"),
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return [None] * len(specs)
    out: list[bytes | None] = []
    data, pos = proc.stdout, 0
    for _ in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split(b" ")
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            out.append(data[pos : pos + size])
            pos += size + 1
        else:
            out.append(None)  # "<spec> missing", or not a blob
    return out


def changes(revisions: Sequence[Revision], lang: str) -> list[Change]:
    """What each commit changed in published fields; commits changing nothing are left out."""
    out = []
    for before, after in itertools.pairwise(revisions):
        found = [
            c
            for c in compare_documents(dict(before.data), dict(after.data), "algorithm", lang)
            if not _SKIP.search(c.path)
        ]
        labels = _sections(found, lang)
        if not labels:
            continue
        old = {v.version for v in before.algo.versions}
        top = newest(after.algo)
        version = top.version if top is not None and top.version not in old else ""
        out.append(Change(after.date, after.commit, version, labels))
    return out


def _sections(found: Sequence[FieldChange], lang: str) -> tuple[str, ...]:
    """One label per top-level field, marked with the language when only one changed."""
    langs: dict[str, set[str]] = {}
    for c in found:
        top = re.split(r"[.\[]", c.path, maxsplit=1)[0]
        tail = c.path.rsplit(".", 1)[-1]
        langs.setdefault(top, set()).add(tail if tail in ("zh", "en") else "")
    out = []
    for top, seen in langs.items():
        label = label_for((top,), "algorithm", None, lang)
        if len(seen) == 1 and next(iter(seen)):
            label = label_for((top, next(iter(seen))), "algorithm", None, lang)
        out.append(label)
    return tuple(out)
