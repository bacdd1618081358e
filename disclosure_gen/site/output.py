"""The only module that writes output: atomic single files and atomic directory swaps."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates 0600: keep a replaced file's mode, give new files the usual rw-r--r--.
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _inside(root: Path, rel: str) -> Path:
    """Resolve the relative POSIX path ``rel`` under ``root``, refusing anything that escapes."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a safe relative path: {rel!r}")
    return root.joinpath(*parts)


def write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``{relative path: bytes}`` under ``root`` (a staging dir; atomicity is the swap's)."""
    for rel in sorted(files):
        target = _inside(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])


def stage_dir(target: Path, kind: str = "tmp") -> Path:
    """Create an empty staging dir beside ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-", dir=target.parent))
    # mkdtemp makes it private (0700); swapped in, it is the site's root, which a web server
    # running as another user must read.
    staged.chmod(0o755)
    return staged


def old_dir(target: Path) -> Path:
    """Where the previous tree waits during a swap."""
    return target.with_name(f"{target.name}.old")


def looks_replaceable(target: Path) -> bool:
    """True if ``target`` is absent, empty, or holds a tree this tool writes (site or project).

    Guards against ``--site-dir .`` or ``--site-dir content``: those would be swapped away.
    """
    if not target.exists():
        return True
    if not target.is_dir() or target.is_symlink():
        return False
    return not any(target.iterdir()) or any(
        (target / marker).is_file() for marker in ("index.html", "mkdocs.yml")
    )


def clean_stale(target: Path) -> list[Path]:
    """Finish or undo what a killed build left beside ``target``; call with the lock held.

    A kill between the two renames of a swap leaves ``<name>.old`` and no ``<name>``: the old tree
    goes back. Staging dirs of killed builds are deleted; trash dirs a background deletion has
    not finished (or that a kill stopped) go to a new one. Returns what was removed or restored.
    """
    touched: list[Path] = []
    old = old_dir(target)
    if old.is_dir():
        if target.exists():
            shutil.rmtree(old)
        else:
            os.rename(old, target)
        touched.append(old)
    if target.parent.is_dir():
        for kind in ("tmp", "project"):
            for stray in sorted(target.parent.glob(f".{target.name}.{kind}-*")):
                if stray.is_dir():
                    shutil.rmtree(stray, ignore_errors=True)
                    touched.append(stray)
        trash = sorted(target.parent.glob(f".{target.name}.trash-*"))
        discard(trash, background=True)
        touched += trash
    return touched


def replace_dir(target: Path, staged: Path, *, background: bool = False) -> None:
    """Swap ``staged`` into place so that ``target`` is never missing or half written.

    Where the OS can exchange two directories in one step (Linux ``renameat2``), the trees trade
    places and the old one, now at ``staged``, is deleted: a kill at any moment leaves either
    tree whole at ``target``, and a stray dir for ``clean_stale``. Elsewhere: target →
    target.old, staged → target, delete target.old (``clean_stale`` undoes a kill in between).
    ``background``: the old tree is renamed to a trash dir and deleted off the critical path.
    """
    if not looks_replaceable(target):
        raise FileExistsError(f"{target} exists and is not a tree written by disclosure-gen")
    old = old_dir(target)
    if old.exists():
        shutil.rmtree(old)
    if target.is_dir() and _exchange(staged, target):
        discard([staged], background=background, beside=target)
        return
    if target.exists():
        os.rename(target, old)
    os.rename(staged, target)
    discard([old], background=background, beside=target)


def swap_in(target: Path, staged: Path) -> None:
    """Put ``staged`` at ``target`` in one step; the old tree takes ``staged``'s place.

    For a staging tree that is kept between builds (the incremental build's spare, in the
    cache): nothing is deleted. Where the OS cannot exchange two paths, the old tree goes and
    an empty folder is left at ``staged``.
    """
    if not looks_replaceable(target):
        raise FileExistsError(f"{target} exists and is not a tree written by disclosure-gen")
    if not target.exists():
        os.rename(staged, target)
    elif not (target.is_dir() and _exchange(staged, target)):
        replace_dir(target, staged, background=True)
    staged.mkdir(exist_ok=True)


def _to_trash(tree: Path, target: Path) -> Path:
    """Rename a tree no longer needed to ``.<name>.trash-*`` beside ``target`` (same device)."""
    trash = Path(tempfile.mkdtemp(prefix=f".{target.name}.trash-", dir=target.parent))
    os.rename(tree, trash / "tree")
    return trash


#: A process that detaches (new session, parent exits at once) and deletes its arguments.
_DETACHED_RMTREE = (
    "import os, shutil, sys\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    for path in sys.argv[1:]:\n"
    "        shutil.rmtree(path, ignore_errors=True)\n"
    "    os._exit(0)\n"
)


def discard(trees: Sequence[Path], *, background: bool = False, beside: Path | None = None) -> None:
    """Delete trees; ``background``: without waiting, by a detached process (POSIX).

    Deleting the previous site took 2.1 s of a 1,000-algorithm build. A tree deleted in the
    background is first renamed to a trash dir beside ``beside`` (a site or staging dir), which
    nothing reads; ``clean_stale`` hands any that a killed deleter left to a new one.
    """
    trees = [t for t in trees if t.exists()]
    if not trees:
        return
    if not background or os.name != "posix":
        for tree in trees:
            shutil.rmtree(tree, ignore_errors=True)
        return
    if beside is not None:
        trees = [_to_trash(t, beside) for t in trees]
    subprocess.run(
        [sys.executable, "-I", "-S", "-c", _DETACHED_RMTREE, *map(str, trees)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )


def sync_tree(
    root: Path, files: Mapping[str, bytes], digest_of: Callable[[str], str], listing: Path
) -> int:
    """Make ``root`` hold exactly ``files``, writing only those that changed; returns how many.

    ``listing`` (JSON) records each file's digest, size and mtime as written; a file is trusted
    unchanged only while its stat matches. It is marked incomplete while the tree changes, so a
    killed sync is followed by a full walk (no stray file survives, as MkDocs would publish it).
    """
    try:
        old = json.loads(listing.read_bytes())
        known: dict[str, list] = old["files"] if old.get("complete") else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        known = {}
    present = set(known)
    if not known and root.is_dir():
        for folder, _dirs, names in os.walk(root):
            base = Path(folder).relative_to(root).as_posix()
            present.update(n if base == "." else f"{base}/{n}" for n in names)
    write_file(listing, json.dumps({"complete": False, "files": {}}).encode())
    written = 0
    records: dict[str, list] = {}
    for rel in sorted(files):
        path = _inside(root, rel)
        digest = digest_of(rel)
        rec = known.get(rel)
        if isinstance(rec, list) and len(rec) == 3 and rec[0] == digest:
            try:
                st = path.stat()
            except OSError:
                st = None
            if st is not None and [st.st_size, st.st_mtime_ns] == rec[1:]:
                records[rel] = rec
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # never write through a hard link into another tree
        path.write_bytes(files[rel])
        st = path.stat()
        records[rel] = [digest, st.st_size, st.st_mtime_ns]
        written += 1
    for rel in sorted(present - set(files)):
        path = _inside(root, rel)
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == root or any(parent.iterdir()):
                break
            parent.rmdir()
    write_file(listing, json.dumps({"complete": True, "files": records}).encode())
    return written


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths on one file system; False where the OS cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a libc without renameat2 (glibc < 2.28, musl < 1.2.3?)
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or file system says no
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


@contextmanager
def dir_lock(target: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock for ``target`` so that concurrent builds take turns.

    The lock file stays beside the target: deleting it would let a waiting process lock a file
    that a third process can no longer see.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent / f".{target.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def remove_tree(path: Path) -> None:
    """Delete a staging dir (used when a build fails before the swap)."""
    shutil.rmtree(path, ignore_errors=True)


_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


class DiskCache(MutableMapping[str, bytes]):
    """A content-addressed cache of rendered assets in a folder (``.disclosure-gen-cache/svg``).

    Keys are content hashes chosen by the renderer, so an entry never goes stale; entries not
    read or written during this run are removed by ``prune()`` after a successful build. The
    counters let callers (tests, benchmarks) see how much was re-rendered.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0
        self.stored: list[str] = []
        self._used: set[str] = set()

    def _file(self, key: str) -> Path:
        name = key if _SAFE_KEY.match(key) and not key.startswith(".") else _digest(key)
        return self.root / f"{name}.bin"

    def __getitem__(self, key: str) -> bytes:
        try:
            data = self._file(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            self.misses += 1
            raise KeyError(key) from None
        self.hits += 1
        self._used.add(self._file(key).name)
        return data

    def __contains__(self, key: object) -> bool:
        # Without this, Mapping.__contains__ would read the whole file once more.
        if not isinstance(key, str):
            return False
        path = self._file(key)
        if path.is_file():
            self._used.add(path.name)
            return True
        self.misses += 1
        return False

    def __setitem__(self, key: str, value: bytes) -> None:
        write_file(self._file(key), value)
        self.stored.append(key)
        self._used.add(self._file(key).name)

    def __delitem__(self, key: str) -> None:
        try:
            self._file(key).unlink()
        except FileNotFoundError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        if self.root.is_dir():
            yield from sorted(p.name[: -len(".bin")] for p in self.root.glob("*.bin"))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """Hold a shared lock while rendering, so that another build's prune waits its turn."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def prune(self) -> int:
        """Delete entries this run did not use; returns how many.

        Skipped (returns 0) while another process renders with this cache: it may be about to
        read an entry this run did not need.
        """
        if not self.root.is_dir():
            return 0
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return 0
            removed = 0
            for path in sorted(self.root.glob("*.bin")):
                if path.name not in self._used:
                    path.unlink(missing_ok=True)
                    removed += 1
            return removed
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
