"""The site store: every file of the last built site, content-addressed, and what each came from.

It lives in the cache (``.disclosure-gen-cache/site/``). ``objects/<digest>`` holds each output
file once; the incremental driver places them into a new tree as hard links, so a published site
and the store share their files and keeping both costs no space (a copy where links cannot be
made: another file system). ``manifest.json`` records, per page and per static file, the digest of
its source and of its output and the facts checked before the output is reused. It describes
the store, not the published site: a build refused after the SSG (postcheck) leaves it valid.

A reused object is trusted only while its size and modification time are those recorded when it
was stored, so a site file edited in place (it is the same inode) is rendered again, not
republished. The store is as trusted as the content folder: postcheck verdicts are carried
forward by digest, so a cache must never be restored from an untrusted source.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Bump when the manifest's meaning changes; another version is read as no manifest.
MANIFEST_VERSION = 1
#: errno values that mean "no hard link here": copy instead.
_NO_LINK = frozenset({errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP})


def digest(data: bytes) -> str:
    """The content digest that names an object."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def clear(path: Path | str) -> None:
    """Remove whatever is at ``path`` (file, link or folder), so a new file can take its place."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            raise


def make_dirs(folder: str, root: Path | str) -> None:
    """``os.makedirs`` under ``root``, removing a file that stands where a folder must be."""
    try:
        os.makedirs(folder, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        rel = os.path.relpath(folder, root)
        current = str(root)
        for part in rel.split(os.sep):
            current = os.path.join(current, part)
            if os.path.lexists(current) and not os.path.isdir(current):
                os.unlink(current)
        os.makedirs(folder, exist_ok=True)


def remove_strays(out: Path, keep: set[str]) -> int:
    """Delete files under ``out`` whose relative path is not in ``keep``, then empty folders."""
    removed = 0
    emptied: set[str] = set()
    root = os.fspath(out)
    for folder, dirs, names in os.walk(root, topdown=False):
        base = folder[len(root) + 1 :].replace(os.sep, "/")
        left = len(names) + len(dirs)
        for name in names:
            if (f"{base}/{name}" if base else name) not in keep:
                os.unlink(os.path.join(folder, name))
                removed += 1
                left -= 1
        for name in dirs:
            path = os.path.join(folder, name)
            if path in emptied:
                left -= 1
            elif os.path.islink(path):
                os.unlink(path)
                left -= 1
        if left == 0 and folder != root:
            os.rmdir(folder)
            emptied.add(folder)
    return removed


def file_digest(path: Path | str) -> str:
    """``digest`` of a file's bytes, read in chunks."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=20)).hexdigest()


@dataclass(frozen=True)
class Ref:
    """An object and the stat facts it had when stored."""

    digest: str
    size: int
    mtime_ns: int

    def as_json(self) -> list[Any]:
        return [self.digest, self.size, self.mtime_ns]

    @classmethod
    def of(cls, value: Any) -> Ref | None:
        if (
            isinstance(value, list)
            and len(value) == 3
            and isinstance(value[0], str)
            and all(isinstance(v, int) for v in value[1:])
        ):
            return cls(value[0], value[1], value[2])
        return None


class Store:
    """``objects/`` and ``manifest.json`` under ``root``; the caller holds the state lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.manifest_path = root / "manifest.json"
        self._objects = os.fspath(self.objects)
        self._links = True
        self._made: set[str] = set()
        self._inodes: dict[str, tuple[int, int]] = {}
        self._added: dict[str, Ref] = {}

    def path(self, name: str) -> Path:
        return self.objects / name

    def valid(self, ref: Ref) -> bool:
        """True if the object is there and unchanged since it was stored."""
        try:
            st = os.stat(os.path.join(self._objects, ref.digest))
        except OSError:
            return False
        self._inodes[ref.digest] = (st.st_dev, st.st_ino)
        return st.st_size == ref.size and st.st_mtime_ns == ref.mtime_ns

    def add(self, path: Path | str, name: str) -> Ref:
        """Store the finished file at ``path`` (its digest is ``name``); it stays where it is."""
        known = self._added.get(name)
        if known is not None:  # several files with the same bytes share one object
            return known
        self.objects.mkdir(parents=True, exist_ok=True)
        target = os.path.join(self._objects, name)
        try:
            kept = file_digest(target) == name  # an object from an earlier run, intact
        except OSError:
            kept = False
        if not kept:
            tmp = os.path.join(self._objects, f".{name}.{os.getpid()}.tmp")
            if not self._link(path, tmp):
                shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        st = os.stat(target)
        ref = self._added[name] = Ref(name, st.st_size, st.st_mtime_ns)
        self._inodes[name] = (st.st_dev, st.st_ino)
        return ref

    def place(self, ref: Ref, dest: str, out: Path) -> None:
        """Make ``out/dest`` the object: kept if it already is (the same inode), else linked.

        ``out`` may be an older tree being brought up to date (the spare): a file there is
        never written into, only replaced, since it may share its inode with a published site.
        """
        target = os.path.join(out, dest)
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            st = None
        if st is not None:
            inode = self._inodes.get(ref.digest)
            if inode is None:
                obj = os.stat(os.path.join(self._objects, ref.digest))
                inode = self._inodes[ref.digest] = (obj.st_dev, obj.st_ino)
            if (st.st_dev, st.st_ino) == inode:
                return
            clear(target)
        folder = os.path.dirname(target)
        if folder not in self._made:
            make_dirs(folder, out)
            self._made.add(folder)
        source = os.path.join(self._objects, ref.digest)
        if not self._link(source, target):
            shutil.copyfile(source, target)

    def _link(self, source: Path | str, target: Path | str) -> bool:
        if not self._links:
            return False
        try:
            os.link(source, target)
            return True
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            self._links = False
            return False

    def read_manifest(self) -> dict[str, Any] | None:
        """The last manifest, or None (absent, unreadable or of another version)."""
        try:
            data = json.loads(self.manifest_path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return None
        return data

    def write_manifest(self, data: Mapping[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({**data, "version": MANIFEST_VERSION}, fh, separators=(",", ":"))
            os.replace(tmp, self.manifest_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, keep: Iterable[str]) -> int:
        """Delete objects not named in ``keep`` (and temp files a killed run left)."""
        if not self.objects.is_dir():
            return 0
        wanted = set(keep)
        removed = 0
        for entry in os.scandir(self.objects):
            if entry.name not in wanted:
                os.unlink(entry.path)
                removed += 1
        return removed
