r"""Scan a built site before it is published: nothing may run or load that we did not put there.

The gate reads files the way a browser does, because a gate that parses differently from the
browser can be talked past (issue 13: ``<!-->``, ``--!>`` and ``<svg><style>`` all hid markup
from ``html.parser`` that Chromium then ran):

* HTML is parsed by two WHATWG parsers: html5ever (markupever) must report no parse error at all,
  so nothing is left for a browser's error recovery to guess, and lexbor (selectolax) gives the
  tree that is judged. A document without parse errors has one tree in every conforming browser.
* CSS is tokenized as CSS Syntax Level 3 says (tinycss2: escapes resolved, ``url(`` in any
  spelling, strings in ``image-set()``); CSS parse errors are refused for the same reason.
* URLs are parsed with the WHATWG URL rules (ada-url): tabs and newlines inside schemes, ``/\``
  network paths, backslashes. Links may go to the site itself, relative URLs, ``https:`` and
  ``mailto:``; resources may only load from the site's own origin.
* SVG and XML files are parsed as XML, as a browser opens them: no script, no processing
  instruction but the XML declaration, no entity declarations.
* JavaScript files must be byte-identical to a file the theme or this package ships.
* The search index's titles and texts are HTML that the theme inserts into search results:
  each is judged as a fragment.

``scan_file`` judges one file given the site's facts, so an incremental build can scan only the
pages it rewrote; ``postcheck`` scans a whole tree, ``EarlyScan`` overlaps that with the SSG.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import posixpath
import re
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import ada_url
import markupever
import tinycss2
from selectolax.lexbor import LexborHTMLParser

#: Elements that embed documents or plugins, re-base URLs, hold markup a parser flag decides
#: (noscript, template), animate attributes into URLs (SVG animation), or are obsolete raw-text
#: containers. None of them is in a page we build.
FORBIDDEN_ELEMENTS = frozenset(
    {
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "portal",
        "fencedframe",
        "noscript",
        "template",
        "noembed",
        "noframes",
        "plaintext",
        "xmp",
        "foreignobject",
        "animate",
        "set",
        "animatemotion",
        "animatetransform",
        "handler",
        "listener",
    }
)
#: Attributes whose value a click follows (navigation, never a load on opening the page).
LINK_ATTRS = {"a": ("href", "xlink:href"), "area": ("href",)}
#: Attributes holding URLs that load when the page opens (or on a form submit / ping).
RESOURCE_ATTRS = frozenset(
    {
        "src",
        "href",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "longdesc",
        "manifest",
        "ping",
        "lowsrc",
        "dynsrc",
        "codebase",
        "archive",
        "classid",
        "icon",
        "profile",
        "cite",
    }
)
SRCSET_ATTRS = frozenset({"srcset", "imagesrcset"})
#: Elements whose ``href``/``xlink:href`` loads a resource rather than being followed.
_HREF_LOADS = frozenset({"link", "image", "use", "feimage", "script", "tref", "mpath", "cursor"})
_SCRIPT_SRC = frozenset({"src", "href", "xlink:href"})
#: ``<link rel>`` values that never fetch anything.
INERT_RELS = frozenset(
    {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark", "me"}
)
#: The theme's own bundle; its search worker is loaded by the bundle, not by a tag.
THEME_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]{8,}\.min\.js$")
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
XML_SUFFIXES = frozenset({".svg", ".xml", ".xhtml", ".xht", ".xsl", ".xslt"})
#: Files a browser may run or render actively that no build of ours writes.
REFUSED_SUFFIXES = frozenset({".svgz", ".swf", ".mht", ".mhtml", ".shtml", ".xbl", ".htc"})
SCANNED = HTML_SUFFIXES | XML_SUFFIXES | REFUSED_SUFFIXES | {".css", ".js", ".mjs"}
SEARCH_INDEX = "search/search_index.json"
#: A fragment is judged inside a minimal conforming document.
_FRAGMENT_HEAD = "<!doctype html><html><head><meta charset=utf-8><title>-</title></head><body>"
#: When the site has no ``site_url``: a stand-in origin no real page shares.
PLACEHOLDER_ORIGIN = "https://site.invalid/"
_CHARSET = re.compile(rb"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
#: SVG presentation attributes that take a CSS value with a URL in it.
CSS_VALUE_ATTRS = frozenset(
    {
        "fill",
        "stroke",
        "filter",
        "mask",
        "clip-path",
        "marker",
        "marker-start",
        "marker-mid",
        "marker-end",
        "cursor",
    }
)
#: A style declaration list with nothing that can load, escape or fail to parse: names, numbers,
#: dimensions, percentages, hex colours and keywords only.
_PLAIN_STYLE = re.compile(r"(\s*-?[a-z][a-z0-9-]*\s*:\s*[-+a-z0-9.%#, ]*;?)*\s*\Z", re.IGNORECASE)
#: A URL that the WHATWG parser resolves within the base's origin whatever the base: no
#: scheme (no colon), no backslash, control character or space, and no leading ``//``.
_SAME_ORIGIN = re.compile(r"(?![/\\]{2})[^:\\\x00-\x20\x7f]*\Z")


@dataclass(frozen=True)
class Problem:
    """One reason not to publish, located in the built site."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class SiteFacts:
    """What a file is judged against: where the site lives and which scripts it may load."""

    #: The public URL of the site's root (``site_url``); empty: a placeholder origin.
    site_url: str = ""
    #: Our own scripts (paths from the site root) besides the theme's bundle.
    allowed_scripts: frozenset[str] = frozenset()
    #: Every file of the finished site; None while the SSG is still writing (an early scan).
    site_files: frozenset[str] | None = None

    @property
    def root(self) -> str:
        url = self.site_url or PLACEHOLDER_ORIGIN
        return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class Scan:
    """One file judged: its problems and the local scripts it loads."""

    problems: tuple[Problem, ...] = ()
    scripts: tuple[str, ...] = ()


# --- URLs -------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _resolve(value: str, base: str) -> tuple[str, str, str] | None:
    """(protocol, host with port, path) of ``value`` resolved against ``base``; None: invalid."""
    try:
        url = ada_url.URL(value, base)
    except ValueError:
        return None
    return url.protocol, url.host, url.pathname


def _origin(url: str) -> tuple[str, str]:
    parsed = _resolve(url, PLACEHOLDER_ORIGIN)
    assert parsed is not None, url
    return parsed[0], parsed[1]


def url_problem(value: str, *, base: str, root: str, link: bool) -> str | None:
    """Why ``value`` (an attribute or CSS URL) may not be published, or None.

    ``link``: followed on a click (https/mailto anywhere allowed); otherwise loaded.
    """
    if _SAME_ORIGIN.match(value):
        return None
    parsed = _resolve(value, base)
    if parsed is None:
        return f"无法解析的 URL：{value[:120]!r}"
    protocol, host, _ = parsed
    own_protocol, own_host = _origin(root)
    if host == own_host and protocol in ("https:", "http:") and protocol == own_protocol:
        return None
    if link and protocol in ("https:", "mailto:"):
        return None
    if protocol in ("javascript:", "vbscript:", "data:"):
        return f"{protocol} URL：{value[:120]!r}"
    what = "链接" if link else "资源"
    return f"{what}指向其他来源（{protocol}//{host}）：{value[:120]!r}"


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` value, split as the HTML standard's algorithm splits it."""
    urls: list[str] = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos] in " \t\n\r\f,"):
            pos += 1
        start = pos
        while pos < end and value[pos] not in " \t\n\r\f":
            pos += 1
        url = value[start:pos]
        if not url:
            break
        stripped = url.rstrip(",")
        urls.append(stripped)
        if stripped != url:
            continue
        depth = 0
        while pos < end:  # descriptors: up to a comma outside parentheses
            ch = value[pos]
            depth += ch == "("
            depth -= ch == ")"
            pos += 1
            if ch == "," and depth <= 0:
                break
    return urls


# --- CSS --------------------------------------------------------------------------------------

#: Functions whose string arguments are URLs.
_URL_FUNCTIONS = frozenset({"url", "src", "image-set", "-webkit-image-set", "image", "cross-fade"})
#: Property names and functions that run script in some browser.
_SCRIPT_IDENTS = frozenset({"behavior", "behaviour", "-moz-binding", "expression"})


def css_problems(
    text: str,
    *,
    base: str = PLACEHOLDER_ORIGIN,
    root: str = PLACEHOLDER_ORIGIN,
    kind: str = "stylesheet",
) -> Iterator[str]:
    """What in CSS text could load from elsewhere or run script; CSS parse errors included.

    ``kind``: ``stylesheet``, ``declarations`` (a ``style`` attribute) or ``value`` (an SVG
    presentation attribute).
    """
    yield from _css_cached(text, base, root, kind)


@lru_cache(maxsize=16384)
def _css_cached(text: str, base: str, root: str, kind: str) -> tuple[str, ...]:
    if kind == "declarations":
        nodes = tinycss2.parse_blocks_contents(text)
    elif kind == "value":
        nodes = tinycss2.parse_component_value_list(text)
    else:
        nodes = tinycss2.parse_stylesheet(text)
    return tuple(_css_walk(nodes, base, root))


def _css_walk(
    nodes: Iterable[object], base: str, root: str, in_url_fn: bool = False
) -> Iterator[str]:
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "error":
            yield f"CSS 解析错误（浏览器需要猜测）：{node.message}"  # type: ignore[attr-defined]
        elif kind == "url" or (kind == "string" and in_url_fn):
            yield from _css_url(node.value, base, root)  # type: ignore[attr-defined]
        elif kind == "ident" and node.lower_value in _SCRIPT_IDENTS:  # type: ignore[attr-defined]
            yield f"CSS 中的脚本构造：{node.value}"  # type: ignore[attr-defined]
        elif kind == "function":
            name = node.lower_name  # type: ignore[attr-defined]
            if name in _SCRIPT_IDENTS:
                yield f"CSS 中的脚本构造：{name}()"
            yield from _css_walk(node.arguments, base, root, name in _URL_FUNCTIONS)  # type: ignore[attr-defined]
        elif kind == "at-rule":
            keyword = node.lower_at_keyword  # type: ignore[attr-defined]
            if keyword in ("document", "-moz-document"):
                yield f"CSS 中不允许 @{keyword}"
            yield from _css_walk(node.prelude, base, root, keyword == "import")  # type: ignore[attr-defined]
            yield from _css_walk(node.content or (), base, root)  # type: ignore[attr-defined]
        elif kind == "qualified-rule":
            yield from _css_walk(node.prelude, base, root)  # type: ignore[attr-defined]
            yield from _css_walk(node.content, base, root)  # type: ignore[attr-defined]
        elif kind == "declaration":
            if node.lower_name in _SCRIPT_IDENTS:  # type: ignore[attr-defined]
                yield f"CSS 中的脚本构造：{node.name}"  # type: ignore[attr-defined]
            yield from _css_walk(node.value, base, root)  # type: ignore[attr-defined]
        elif kind in ("() block", "[] block", "{} block"):
            yield from _css_walk(node.content, base, root, in_url_fn)  # type: ignore[attr-defined]


def _css_url(value: str, base: str, root: str) -> Iterator[str]:
    if value.strip().lower().startswith("data:image/"):
        return  # an image in the stylesheet itself: no request, and no script in CSS images
    problem = url_problem(value, base=base, root=root, link=False)
    if problem:
        yield f"CSS {problem}"


# --- HTML -------------------------------------------------------------------------------------


def html_parse_errors(html: str, *, exact: bool = False) -> list[str]:
    """html5ever's parse errors: every place a browser has to recover from, i.e. guess."""
    parser = markupever.Parser(markupever.HtmlOptions(exact_errors=exact))
    parser.process(html)
    parser.finish()
    return list(parser.errors())


def _error_line(html: str) -> int:
    """The line of html5ever's first error (only asked when there is one).

    html5ever reports no positions, but it reports errors in document order as it reads: a
    prefix that ends after the error reports it first, one that ends before does not.
    """
    first = html_parse_errors(html, exact=True)[:1]
    ends = [i + 1 for i, ch in enumerate(html) if ch == "\n"] + [len(html)]
    lo, hi = 0, len(ends) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if html_parse_errors(html[: ends[mid]], exact=True)[:1] == first:
            hi = mid
        else:
            lo = mid + 1
    return lo + 1


def _locate(text: str, needles: Sequence[str]) -> tuple[int, int]:
    """1-based line and column of the first of ``needles`` found in ``text`` (any case).

    lexbor keeps no source positions, so a problem is located by searching for what it names;
    entity-encoded values fall back to the attribute name or the tag.
    """
    low = text.lower()
    for needle in needles:
        at = low.find(needle.lower()) if needle else -1
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            return line, at - (text.rfind("\n", 0, at) + 1) + 1
    return 1, 1


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


@cache
def shipped_scripts() -> frozenset[bytes]:
    """Digests of every JavaScript file the theme and this package ship."""
    from importlib.resources import files

    digests: set[bytes] = set()
    roots = [
        files("material").joinpath("templates"),
        files("disclosure_gen").joinpath("site", "render", "assets"),
    ]
    for root in roots:
        for path in Path(str(root)).rglob("*.js"):
            digests.add(_digest(path.read_bytes()))
    return frozenset(digests)


def _attr_kinds() -> dict[str, str]:
    kinds = dict.fromkeys(RESOURCE_ATTRS, "load")
    kinds.update(dict.fromkeys(("cite", "longdesc"), "link"))
    kinds.update(dict.fromkeys(("href", "xlink:href"), "href"))
    kinds.update(dict.fromkeys(SRCSET_ATTRS, "srcset"))
    kinds.update(dict.fromkeys(CSS_VALUE_ATTRS, "css"))
    kinds.update({"style": "style", "srcdoc": "srcdoc", "http-equiv": "http-equiv"})
    return kinds


_ATTR_KIND = _attr_kinds()


class _Judge:
    """Judges one HTML document or fragment as lexbor parsed it."""

    def __init__(
        self,
        rel: str,
        text: str,
        facts: SiteFacts,
        *,
        inline: Sequence[re.Pattern[str]],
        allowed_scripts: Collection[str],
    ) -> None:
        self.rel = rel
        self.text = text
        self.facts = facts
        self.root = facts.root
        self.base = facts.root + (rel if not rel.endswith(".json") else "")
        self.inline = inline
        self.allowed_scripts = allowed_scripts
        self.problems: list[Problem] = []
        self.scripts: list[str] = []
        self.data_scripts = 0

    def add(self, message: str, *needles: str) -> None:
        line, col = _locate(self.text, needles)
        self.problems.append(Problem(self.rel, line, col, message))

    def run(self, parser: LexborHTMLParser) -> None:
        for node in parser.root.traverse(include_text=False):
            tag = node.tag
            if not tag or tag[0] in "-_#!":
                continue
            self.element(tag.lower(), node)

    def element(self, tag: str, node: object) -> None:
        attrs: dict[str, str | None] = node.attributes  # type: ignore[attr-defined]
        if tag in FORBIDDEN_ELEMENTS:
            self.add(f"不允许 <{tag}> 元素", f"<{tag}")
        for raw_name, raw_value in attrs.items():
            name = raw_name.lower()
            if name[:2] == "on":
                self.add(f"事件属性 {name}= 出现在 <{tag}> 上", raw_name)
                continue
            kind = _ATTR_KIND.get(name)
            if kind is None:
                continue
            value = raw_value or ""
            if kind == "style":
                if not _PLAIN_STYLE.match(value):
                    for message in css_problems(
                        value, base=self.base, root=self.root, kind="declarations"
                    ):
                        self.add(f"<{tag} style>：{message}", value[:40], raw_name)
            elif kind == "css":
                # SVG presentation attributes (fill, filter, mask …) are CSS values.
                if not _PLAIN_STYLE.match(value):
                    for message in css_problems(
                        value, base=self.base, root=self.root, kind="value"
                    ):
                        self.add(f"<{tag} {name}>：{message}", raw_name)
            elif kind == "srcset":
                for url in srcset_urls(value):
                    self.url(tag, name, url, link=False)
            elif kind == "srcdoc":
                self.add(f"不允许 srcdoc 属性（<{tag}>）", raw_name)
            elif kind == "http-equiv":
                if tag == "meta" and value.strip().lower() == "refresh":
                    self.add("不允许 <meta http-equiv=refresh>", raw_name)
            elif tag == "script" and name in _SCRIPT_SRC:
                continue  # judged with the script below
            elif kind == "href":
                self.url(tag, name, value, link=self._href_is_link(tag, attrs))
            else:
                self.url(tag, name, value, link=kind == "link")
        if tag == "script":
            self.script(attrs, node)
        elif tag == "style":
            css = node.text(deep=True)  # type: ignore[attr-defined]
            for message in css_problems(css, base=self.base, root=self.root):
                self.add(f"<style>：{message}", "<style")

    @staticmethod
    def _href_is_link(tag: str, attrs: dict[str, str | None]) -> bool:
        """``href`` is followed on a click except on elements that load it."""
        if tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            return bool(rels) and rels <= INERT_RELS
        return tag not in _HREF_LOADS

    def url(self, tag: str, name: str, value: str, *, link: bool) -> None:
        problem = url_problem(value, base=self.base, root=self.root, link=link)
        if problem:
            self.add(f"<{tag} {name}>：{problem}", value[:40], f"{name}=", f"<{tag}")

    def script(self, attrs: dict[str, str | None], node: object) -> None:
        src = attrs.get("src") or attrs.get("href") or attrs.get("xlink:href")
        kind = (attrs.get("type") or "").strip().lower()
        if src is None and kind in DATA_SCRIPT_TYPES:
            # Material reads its settings (search worker, base path) from the first #__config:
            # one more would be a second say in them.
            self.data_scripts += 1
            if attrs.get("id") != "__config" or self.data_scripts > 1:
                self.add("数据脚本只允许主题的一个 #__config", "<script")
            return
        if src is None:
            body = node.text(deep=True).strip()  # type: ignore[attr-defined]
            if not any(p.fullmatch(body) for p in self.inline):
                self.add(f"未知的内联脚本：{body[:60]!r}", "<script")
            return
        parsed = _resolve(src, self.base)
        own_protocol, own_host = _origin(self.root)
        root_path = _resolve(self.root, PLACEHOLDER_ORIGIN)
        if (
            parsed is None
            or parsed[1] != own_host
            or parsed[0] != own_protocol
            or root_path is None
        ):
            self.add(f"脚本来自其他来源：{src[:120]}", src[:40], "<script")
            return
        path = parsed[2]
        if not path.startswith(root_path[2]):
            self.add(f"脚本不在站点内：{src[:120]}", src[:40], "<script")
            return
        target = posixpath.normpath(path[len(root_path[2]) :])
        if not (THEME_BUNDLE.match(target) or target in self.allowed_scripts):
            self.add(f"未知的脚本 {src}", src[:40], "<script")
        elif self.facts.site_files is not None and target not in self.facts.site_files:
            self.add(f"站点中缺少脚本 {src}", src[:40], "<script")
        self.scripts.append(target)


def _judge_html(
    rel: str,
    text: str,
    facts: SiteFacts,
    *,
    fragment: bool,
    inline: Sequence[re.Pattern[str]],
    allowed_scripts: Collection[str],
) -> _Judge:
    judge = _Judge(rel, text, facts, inline=inline, allowed_scripts=allowed_scripts)
    document = text
    if fragment:
        document = f"{_FRAGMENT_HEAD}{text}</body></html>"
    errors = html_parse_errors(document)
    if errors:
        line = _error_line(text)
        judge.problems.append(
            Problem(rel, line, 1, f"HTML 解析错误，浏览器需要猜测其含义：{errors[0]}")
        )
    judge.run(LexborHTMLParser(document))
    return judge


def fragment_problems(html: str, *, site_url: str = "") -> list[str]:
    """Why an HTML fragment (e.g. trusted HTML from mkdocs.yml) may not go into a page, or []."""
    judge = _judge_html(
        "-", html, SiteFacts(site_url), fragment=True, inline=(), allowed_scripts=()
    )
    return [p.message for p in judge.problems]


def check_html(
    rel: str,
    html: str,
    *,
    allowed_scripts: Collection[str] = (),
    inline: Sequence[re.Pattern[str]] | None = None,
    site_files: Collection[str] | None = None,
    site_url: str = "",
) -> list[Problem]:
    """Problems in one HTML document; ``rel`` is its path in the site."""
    facts = SiteFacts(
        site_url, frozenset(allowed_scripts), None if site_files is None else frozenset(site_files)
    )
    return list(_scan_html(rel, html, facts, inline=inline).problems)


def _scan_html(
    rel: str, text: str, facts: SiteFacts, *, inline: Sequence[re.Pattern[str]] | None = None
) -> Scan:
    head = text[:1024].encode("utf-8", "replace")
    judge = _judge_html(
        rel,
        text,
        facts,
        fragment=False,
        inline=theme_inline_scripts() if inline is None else inline,
        allowed_scripts=facts.allowed_scripts,
    )
    problems = list(judge.problems)
    if not _CHARSET.search(head):
        # Without a declared encoding a browser guesses one (ISO-2022-JP sniffing turns bytes
        # into markup).
        problems.insert(0, Problem(rel, 1, 1, '页面未在开头声明 <meta charset="utf-8">'))
    return Scan(tuple(problems), tuple(judge.scripts))


# --- XML (SVG files) --------------------------------------------------------------------------


def _scan_xml(rel: str, text: str, facts: SiteFacts) -> Scan:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    problems: list[Problem] = []

    def add(message: str, line: int | None = None) -> None:
        problems.append(Problem(rel, line or 1, 1, message))

    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        return Scan((Problem(rel, exc.lineno or 1, exc.offset or 1, f"XML 无法解析：{exc.msg}"),))
    doc = root.getroottree()
    if doc.docinfo.internalDTD is not None and doc.docinfo.internalDTD.iterentities():
        add("XML 中不允许声明实体")
    base = facts.root + rel
    for sibling in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        if isinstance(sibling, etree._ProcessingInstruction):
            add(f"XML 中不允许处理指令 <?{sibling.target}?>", sibling.sourceline)
    for el in root.iter():
        if isinstance(el, etree._ProcessingInstruction):
            add(f"XML 中不允许处理指令 <?{el.target}?>", el.sourceline)
            continue
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname.lower()
        if tag in FORBIDDEN_ELEMENTS or tag == "script":
            add(f"不允许 <{tag}> 元素", el.sourceline)
        for raw, value in el.attrib.items():
            qname = etree.QName(raw)
            name = qname.localname.lower()
            if qname.namespace == "http://www.w3.org/1999/xlink":
                name = "xlink:" + name
            if name.startswith("on"):
                add(f"事件属性 {name}= 出现在 <{tag}> 上", el.sourceline)
            elif name in ("href", "xlink:href", "src"):
                problem = url_problem(value, base=base, root=facts.root, link=tag == "a")
                if problem:
                    add(f"<{tag} {name}>：{problem}", el.sourceline)
            elif name == "style" or name in CSS_VALUE_ATTRS:
                kind = "declarations" if name == "style" else "value"
                for message in css_problems(value, base=base, root=facts.root, kind=kind):
                    add(f"<{tag} {name}>：{message}", el.sourceline)
        if tag == "style":
            for message in css_problems("".join(el.itertext()), base=base, root=facts.root):
                add(f"<style>：{message}", el.sourceline)
    return Scan(tuple(problems))


# --- files ------------------------------------------------------------------------------------


def scan_file(rel: str, data: bytes, facts: SiteFacts) -> Scan:
    """Judge one file of the site (``rel``: its path from the site root) on its own."""
    suffix = posixpath.splitext(rel)[1].lower()
    if suffix in REFUSED_SUFFIXES:
        return Scan((Problem(rel, 1, 1, f"站点中不允许 {suffix} 文件"),))
    if suffix in (".js", ".mjs"):
        if _digest(data) in shipped_scripts():
            return Scan()
        return Scan((Problem(rel, 1, 1, "脚本文件不是主题或本工具自带的文件"),))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Scan((Problem(rel, 1, 1, f"不是 UTF-8 文本（第 {exc.start} 字节）"),))
    if suffix == ".css":
        problems = [
            Problem(rel, 1, 1, m)
            for m in css_problems(text, base=facts.root + rel, root=facts.root)
        ]
        return Scan(tuple(problems))
    if suffix in XML_SUFFIXES:
        return _scan_xml(rel, text, facts)
    if rel == SEARCH_INDEX:
        return _scan_search_index(rel, text, facts)
    if suffix in HTML_SUFFIXES:
        return _scan_html(rel, text, facts)
    return Scan()


def _scan_search_index(rel: str, text: str, facts: SiteFacts) -> Scan:
    """The theme renders each entry's title and text as HTML in the search results."""
    try:
        docs = json.loads(text)["docs"]
    except (ValueError, KeyError, TypeError):
        return Scan((Problem(rel, 1, 1, "搜索索引不是预期的 JSON"),))
    return Scan(tuple(search_entry_problems(rel, docs, facts)))


def search_entry_problems(
    rel: str, docs: Sequence[Any], facts: SiteFacts, first: int = 0
) -> list[Problem]:
    """Problems of search index entries, ``docs[first]`` on: the HTML in titles and texts.

    Each entry is judged on its own, so an incremental build judges only new pages' entries.
    """
    problems: list[Problem] = []
    for n, doc in enumerate(docs, first):
        if not isinstance(doc, dict):
            problems.append(Problem(rel, 1, 1, f"搜索索引条目 docs[{n}] 不是对象"))
            continue
        for key in ("title", "text"):
            value = doc.get(key) or ""
            if not isinstance(value, str):
                problems.append(Problem(rel, 1, 1, f"搜索索引条目 docs[{n}].{key} 不是文本"))
                continue
            if "<" not in value and "&" not in value:
                continue
            where = f"{rel}#docs[{n}].{key}"
            judge = _judge_html(where, value, facts, fragment=True, inline=(), allowed_scripts=())
            problems += judge.problems
    return problems


#: Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 300


def postcheck(
    site_dir: Path,
    *,
    allowed_scripts: Collection[str] = (),
    site_url: str = "",
    jobs: int | None = None,
) -> list[Problem]:
    """Scan every file of a built site that a browser could run or render; [] means publishable."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    rels = frozenset(p.relative_to(site_dir).as_posix() for p in files)
    todo = [r for r in sorted(rels) if scanned(r)]
    facts = SiteFacts(site_url, frozenset(allowed_scripts), rels)
    return in_batches(_Job(site_dir, facts), todo, jobs)


def scanned(rel: str) -> bool:
    """True for the files postcheck judges (the others cannot run or load anything)."""
    return rel == SEARCH_INDEX or posixpath.splitext(rel)[1].lower() in SCANNED


def in_batches(job: _Job, todo: Sequence[str], jobs: int | None) -> list[Problem]:
    """``job`` over ``todo`` in order, in worker processes when there are many files.

    Any picklable job that maps a batch of paths to a list works (site/verdicts.py).
    """
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(todo) < PARALLEL_MIN_FILES:
        return job(todo)
    size = -(-len(todo) // (workers * 4))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [p for found in pool.map(job, batches) for p in found]


@dataclass(frozen=True)
class _Job:
    """Scan a batch of files (picklable, for the process pool)."""

    site_dir: Path
    facts: SiteFacts

    def __call__(self, rels: Sequence[str]) -> list[Problem]:
        problems: list[Problem] = []
        for rel in rels:
            problems += scan_file(rel, (self.site_dir / rel).read_bytes(), self.facts).problems
        return problems


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


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
        site_url: str = "",
        interval: float = 0.25,
    ) -> None:
        self.site_dir = site_dir
        self.facts = SiteFacts(site_url, frozenset(allowed_scripts))
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
        while not self._stop.wait(self.interval):
            for rel in self._files():
                if rel in self.seen or self._stop.is_set():
                    continue
                try:
                    data = (self.site_dir / rel).read_bytes()
                except OSError:
                    continue
                scan = scan_file(rel, data, self.facts)
                self.seen[rel] = _Seen(_digest(data), not scan.problems, scan.scripts)

    def _files(self) -> list[str]:
        found: list[str] = []
        for folder, _dirs, names in os.walk(self.site_dir):
            base = os.path.relpath(folder, self.site_dir).replace(os.sep, "/")
            found += [name if base == "." else f"{base}/{name}" for name in names]
        return sorted(rel for rel in found if scanned(rel))

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
            if not scanned(rel):
                continue
            seen = self.seen.get(rel)
            if (
                seen is None
                or not seen.clean
                or not all(s in rels for s in seen.scripts)
                or _digest(path.read_bytes()) != seen.digest
            ):
                todo.append(rel)
        facts = SiteFacts(self.facts.site_url, self.facts.allowed_scripts, rels)
        return in_batches(_Job(self.site_dir, facts), todo, jobs)
