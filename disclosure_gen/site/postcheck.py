"""Scan a built site before it is published: nothing may run or load that we did not put there.

Design §4.3/§4.8: no request to another host (external ``src``, ``<link href>``, CSS ``url()``),
no unknown ``<script>``, no ``on*`` attributes, no ``javascript:``/``data:``/``vbscript:`` URLs,
no ``iframe``/``object``/``embed``. The renderers already escape everything; this is the last
gate, so it reads the HTML the SSG wrote, not what we meant it to write.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import posixpath
import re
import threading
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

#: Elements that embed other documents or plugins, or change how every URL resolves.
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base"})
#: Attributes holding a URL that a browser may follow or load.
URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "xlink:href",
        "background",
        "cite",
        "longdesc",
        "manifest",
        "ping",
        "lowsrc",
        "dynsrc",
    }
)
#: Elements whose URL attributes load a resource when the page opens.
LOADING = frozenset(
    {
        "script",
        "img",
        "image",
        "use",
        "audio",
        "video",
        "source",
        "track",
        "input",
        "link",
        "iframe",
        "embed",
        "object",
        "form",
        "button",
        "feimage",
    }
)
#: ``<link rel>`` values that never fetch anything (canonical, language alternates, prev/next).
INERT_RELS = frozenset(
    {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark", "me"}
)
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
#: The theme's own bundle; its search worker is loaded by the bundle, not by a tag.
THEME_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]{8,}\.min\.js$")
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.IGNORECASE)
_CSS_BAD = re.compile(r"expression\s*\(|javascript:|behaviou?r\s*:", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Problem:
    """One reason not to publish, located in the built site."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


def normalized_url(value: str) -> str:
    """The URL as a browser reads its scheme: whitespace and control characters dropped."""
    return _IGNORED_IN_URL.sub("", value).lower()


def is_external(value: str) -> bool:
    """True for an absolute URL (any scheme) or a protocol-relative one."""
    url = normalized_url(value)
    return (
        url.startswith("//")
        or url.startswith("\\\\")
        or bool(re.match(r"^[a-z][a-z0-9+.\-]*:", url))
    )


@cache
def theme_inline_scripts() -> tuple[re.Pattern[str], ...]:
    """Inline scripts Material may write, read from its installed templates.

    Each template's ``{{ … }}`` becomes a wildcard that cannot leave a string literal, so the
    allowlist follows the installed theme version without copying its code.
    """
    try:
        from importlib.resources import files

        folder = files("material").joinpath("templates", "partials", "javascripts")
        texts = [
            f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".html")
        ]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return ()
    patterns: list[re.Pattern[str]] = []
    for text in sorted(texts):
        for body in re.findall(r"<script>(.*?)</script>", text, re.DOTALL):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(
                re.compile(
                    "".join(
                        [re.escape(parts[0])] + [r"[^\"'<>\\]*" + re.escape(p) for p in parts[1:]]
                    )
                )
            )
    return tuple(patterns)


class _Scanner(HTMLParser):
    def __init__(
        self,
        rel: str,
        *,
        allowed_scripts: Collection[str],
        inline: Sequence[re.Pattern[str]],
        site_files: Collection[str] | None,
        base_path: str,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.base_path = base_path
        self.rel = rel
        self.allowed_scripts = allowed_scripts
        self.inline = inline
        self.site_files = site_files
        self.problems: list[Problem] = []
        #: Local scripts the document loads (an early scan checks them against the final site).
        self.scripts: list[str] = []
        self._script: tuple[int, int, str] | None = None
        self._script_text: list[str] = []
        self._style: tuple[int, int] | None = None
        self._style_text: list[str] = []

    def _add(self, message: str, pos: tuple[int, int] | None = None) -> None:
        line, col = pos or self.getpos()
        self.problems.append(Problem(self.rel, line, col + 1, message))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        tag = tag.lower()
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in FORBIDDEN_ELEMENTS:
            self._add(f"<{tag}> is not allowed")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._add("<meta http-equiv=refresh> is not allowed")
        for name, value in values.items():
            if name.startswith("on"):
                self._add(f"event-handler attribute {name}= on <{tag}>")
            if name == "style":
                self._css(value, "style attribute")
            if name not in URL_ATTRS:
                continue
            urls = (
                [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
            )
            for url in urls:
                self._url(tag, name, url, values)
        if tag == "script" and not closed:
            self._script = (*self.getpos(), values.get("src", ""))
            self._script_text = []
            if values.get("type", "").lower() in DATA_SCRIPT_TYPES and "src" not in values:
                self._script = (*self.getpos(), "\0data")
        elif tag == "script":
            self._check_script(values.get("src", ""), "", self.getpos())
        if tag == "style" and not closed:
            self._style = self.getpos()
            self._style_text = []

    def _url(self, tag: str, name: str, url: str, values: dict[str, str]) -> None:
        low = normalized_url(url)
        if low.startswith(BAD_SCHEMES):
            self._add(f"{low.split(':', 1)[0]}: URL in <{tag} {name}>")
            return
        if not is_external(url) or tag not in LOADING:
            return
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels and rels <= INERT_RELS:
                return
        if tag in ("form", "button") and name not in ("action", "formaction"):
            return
        self._add(f"<{tag} {name}> loads from another host: {url[:120]}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        elif self._style is not None:
            self._style_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "script" and self._script is not None:
            line, col, src = self._script
            self._script = None
            if src != "\0data":
                self._check_script(src, "".join(self._script_text), (line, col))
        elif tag == "style" and self._style is not None:
            self._css("".join(self._style_text), "<style>", self._style)
            self._style = None

    def _check_script(self, src: str, body: str, pos: tuple[int, int]) -> None:
        if src:
            if is_external(src):
                return  # already reported as loading from another host
            path = src.split("?")[0]
            if path.startswith("/"):
                # Root-relative (404.html): relative to the site's path on its host.
                path = path[len(self.base_path) :] if path.startswith(self.base_path) else path
                target = posixpath.normpath(path)
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(self.rel), path))
            if not (THEME_BUNDLE.match(target) or target in self.allowed_scripts):
                self._add(f"unknown script {src}", pos)
            elif self.site_files is not None and target not in self.site_files:
                self._add(f"script {src} is missing from the site", pos)
            self.scripts.append(target)
            return
        text = body.strip()
        if not any(p.fullmatch(text) for p in self.inline):
            self._add(f"unknown inline script: {text[:60]!r}", pos)

    def _css(self, text: str, where: str, pos: tuple[int, int] | None = None) -> None:
        for message in css_problems(text):
            self._add(f"{where}: {message}", pos)


def css_problems(text: str) -> Iterator[str]:
    """External ``url()``/``@import`` and script-like constructs in CSS text."""
    for regex in (_CSS_URL, _CSS_IMPORT):
        for match in regex.finditer(text):
            url = match.group(2)
            if normalized_url(url).startswith(("javascript:", "vbscript:")):
                yield f"script URL in CSS: {url[:80]}"
            elif is_external(url) and not normalized_url(url).startswith("data:"):
                yield f"CSS loads from another host: {url[:120]}"
    if _CSS_BAD.search(text):
        yield "script-like construct in CSS"


def check_html(
    rel: str,
    html: str,
    *,
    allowed_scripts: Collection[str] = (),
    inline: Sequence[re.Pattern[str]] | None = None,
    site_files: Collection[str] | None = None,
    base_path: str = "/",
) -> list[Problem]:
    """Problems in one HTML (or SVG) document; ``rel`` is its path in the site.

    ``base_path`` is the site's path on its host (from ``site_url``), for root-relative URLs.
    """
    return _scan_html(
        rel,
        html,
        allowed_scripts=allowed_scripts,
        inline=inline,
        site_files=site_files,
        base_path=base_path,
    ).problems


def _scan_html(
    rel: str,
    html: str,
    *,
    allowed_scripts: Collection[str],
    inline: Sequence[re.Pattern[str]] | None,
    site_files: Collection[str] | None,
    base_path: str,
) -> _Scanner:
    scanner = _Scanner(
        rel,
        allowed_scripts=allowed_scripts,
        inline=theme_inline_scripts() if inline is None else inline,
        site_files=site_files,
        base_path=base_path,
    )
    scanner.feed(html)
    scanner.close()
    return scanner


#: Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 300


def postcheck(
    site_dir: Path,
    *,
    allowed_scripts: Collection[str] = (),
    base_path: str = "/",
    jobs: int | None = None,
) -> list[Problem]:
    """Scan every HTML, SVG and CSS file of a built site; an empty list means publishable.

    Large sites are scanned by ``jobs`` worker processes (default: one per CPU): the stdlib HTML
    parser is the cost, about 60 ms per MB.
    """
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    rels = frozenset(p.relative_to(site_dir).as_posix() for p in files)
    todo = [p.relative_to(site_dir).as_posix() for p in files if p.suffix.lower() in SCANNED]
    return _run(_Job(site_dir, tuple(allowed_scripts), base_path, rels), todo, jobs)


def _run(job: _Job, todo: Sequence[str], jobs: int | None) -> list[Problem]:
    """Scan ``todo`` in order, in worker processes when there are many files."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(todo) < PARALLEL_MIN_FILES:
        return job(todo)
    size = -(-len(todo) // (workers * 4))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    # spawn, not fork: the caller may have threads (a server, a browser driver).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [p for found in pool.map(job, batches) for p in found]


SCANNED = frozenset({".html", ".htm", ".svg", ".xhtml", ".css"})


@dataclass(frozen=True)
class _Job:
    """Scan a batch of files (picklable, for the process pool)."""

    site_dir: Path
    allowed_scripts: tuple[str, ...]
    base_path: str
    #: Every file of the site; None while the SSG is still writing it (an early scan).
    site_files: frozenset[str] | None

    def __call__(self, rels: Sequence[str]) -> list[Problem]:
        problems: list[Problem] = []
        for rel in rels:
            path = self.site_dir / rel
            problems += self.scan(rel, path.read_text(encoding="utf-8", errors="replace"))[0]
        return problems

    def scan(self, rel: str, text: str) -> tuple[list[Problem], list[str]]:
        """Problems in one file, and the local scripts it loads."""
        suffix = posixpath.splitext(rel)[1].lower()
        if suffix == ".css":
            return [Problem(rel, 1, 1, m) for m in css_problems(text)], []
        svg = suffix == ".svg"
        # An SVG opened on its own runs its scripts with the site's origin: allow none.
        scanner = _scan_html(
            rel,
            text,
            allowed_scripts=() if svg else self.allowed_scripts,
            inline=() if svg else None,
            site_files=self.site_files,
            base_path=self.base_path,
        )
        return scanner.problems, scanner.scripts


@dataclass(frozen=True)
class SiteFacts:
    """What a file is judged against: where the site lives and which scripts it may load."""

    #: The public URL of the site's root (``site_url``); empty: served from the host's root.
    site_url: str = ""
    #: Our own scripts (paths from the site root) besides the theme's bundle.
    allowed_scripts: frozenset[str] = frozenset()
    #: Every file of the finished site; None while the SSG is still writing (an early scan).
    site_files: frozenset[str] | None = None


@dataclass(frozen=True)
class Scan:
    """One file judged: its problems and the local scripts it loads."""

    problems: tuple[Problem, ...] = ()
    scripts: tuple[str, ...] = ()


def scanned(rel: str) -> bool:
    """True for the files postcheck judges (the others cannot run or load anything)."""
    return posixpath.splitext(rel)[1].lower() in SCANNED


def scan_file(rel: str, data: bytes, facts: SiteFacts) -> Scan:
    """Judge one file of the site (``rel``: its path from the site root) on its own.

    An incremental build scans only the files it wrote and carries the verdicts of the others
    by digest; ``postcheck`` and ``EarlyScan`` give the same verdicts for a whole tree.
    """
    base_path = urlsplit(facts.site_url).path or "/"
    job = _Job(Path("."), tuple(sorted(facts.allowed_scripts)), base_path, facts.site_files)
    problems, scripts = job.scan(rel, data.decode("utf-8", errors="replace"))
    return Scan(tuple(problems), tuple(scripts))


@dataclass(frozen=True)
class _Seen:
    """What an early scan read: the bytes' digest, whether they were clean, their scripts."""

    digest: bytes
    clean: bool
    scripts: tuple[str, ...]


class EarlyScan:
    """Scan a site while the SSG is still writing it, so that postcheck overlaps the build.

    MkDocs builds on one core; a thread here scans each file as soon as it appears (MkDocs
    writes a file in one go; one caught half-written is simply scanned again). ``finish()``
    reads every file of the finished site again: a file whose bytes differ from what was
    scanned, that had a problem, or that loads a script the finished site lacks goes through
    ``postcheck``'s own scan. The verdict is therefore exactly ``postcheck(site_dir, …)``'s;
    only the time it takes changes.
    """

    def __init__(
        self,
        site_dir: Path,
        *,
        allowed_scripts: Collection[str] = (),
        base_path: str = "/",
        interval: float = 0.25,
    ) -> None:
        self.site_dir = site_dir
        self.allowed_scripts = tuple(allowed_scripts)
        self.base_path = base_path
        self.interval = interval
        self.seen: dict[str, _Seen] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="early-postcheck", daemon=True)

    def __enter__(self) -> EarlyScan:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        job = _Job(self.site_dir, self.allowed_scripts, self.base_path, None)
        while not self._stop.wait(self.interval):
            for rel in self._files():
                if rel in self.seen or self._stop.is_set():
                    continue
                try:
                    data = (self.site_dir / rel).read_bytes()
                except OSError:
                    continue
                text = data.decode("utf-8", errors="replace")
                problems, scripts = job.scan(rel, text)
                self.seen[rel] = _Seen(_digest(data), not problems, tuple(scripts))

    def _files(self) -> list[str]:
        found: list[str] = []
        for folder, _dirs, names in os.walk(self.site_dir):
            base = os.path.relpath(folder, self.site_dir).replace(os.sep, "/")
            found += [
                name if base == "." else f"{base}/{name}"
                for name in names
                if os.path.splitext(name)[1].lower() in SCANNED
            ]
        return sorted(found)

    def finish(self, *, jobs: int | None = None) -> list[Problem]:
        """Stop scanning; return ``postcheck``'s problems for the finished site."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        files = sorted(p for p in self.site_dir.rglob("*") if p.is_file())
        rels = frozenset(p.relative_to(self.site_dir).as_posix() for p in files)
        todo: list[str] = []
        for path in files:
            rel = path.relative_to(self.site_dir).as_posix()
            if path.suffix.lower() not in SCANNED:
                continue
            seen = self.seen.get(rel)
            if (
                seen is None
                or not seen.clean
                or not all(s in rels for s in seen.scripts)
                or _digest(path.read_bytes()) != seen.digest
            ):
                todo.append(rel)
        job = _Job(self.site_dir, self.allowed_scripts, self.base_path, rels)
        return _run(job, todo, jobs)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()
