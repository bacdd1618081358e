"""Reading a built site the way a browser would: every tag, attribute, link target and id.

Independent of ``disclosure_gen.site.postcheck`` on purpose: a test that reused the gate could not
catch a hole in the gate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: Elements that embed another document or plugin, or re-base every relative URL.
EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base"})
#: Attributes that hold a URL a click or a page load may follow.
URL_ATTRS = frozenset(
    {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "ping"}
)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def scheme(url: str) -> str:
    """The scheme as a browser reads it (control characters and spaces dropped), or ''."""
    match = _SCHEME.match(_IGNORED.sub("", url))
    return match.group(1).lower() if match else ""


@dataclass
class Page:
    """What one HTML file contains."""

    rel: str
    lang: str = ""
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)  # (attrs, text)
    headings: list[tuple[int, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def links(self) -> list[tuple[str, str, str]]:
        """(tag, attribute, value) of every URL attribute."""
        return [(t, a, v) for t, attrs in self.tags for a, v in attrs.items() if a in URL_ATTRS]


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []
        self._heading: int | None = None
        self._heading_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        self.page.tags.append((tag, values))
        for key in ("id", "name"):
            if values.get(key):
                self.page.ids.add(values[key])
        if tag == "html":
            self.page.lang = values.get("lang", "")
        if tag == "script":
            self._script = values
            self._script_text = []
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self._heading_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.page.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if self._heading is not None and tag == f"h{self._heading}":
            self.page.headings.append(
                (self._heading, " ".join("".join(self._heading_text).split()))
            )
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.page.text.append(data)
        if self._heading is not None:
            self._heading_text.append(data)


def read_page(rel: str, html: str) -> Page:
    page = Page(rel)
    parser = _Parser(page)
    parser.feed(html)
    parser.close()
    return page


def read_site(root: Path) -> dict[str, Page]:
    """Every HTML page of a built site by its path relative to ``root``."""
    return {
        p.relative_to(root).as_posix(): read_page(
            p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")
        )
        for p in sorted(root.rglob("*.html"))
    }


def active_content(page: Page, *, theme_scripts: re.Pattern[str]) -> list[str]:
    """Everything on ``page`` that could run script or load another document.

    ``theme_scripts`` matches the src of the scripts the site itself ships.
    """
    problems: list[str] = []
    for tag, attrs in page.tags:
        if tag in EMBEDDING:
            problems.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRS and scheme(value) in ("javascript", "data", "vbscript"):
                problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and re.search(r"url\(|expression\(|@import", value, re.I):
                problems.append(f"<{tag} style={value[:60]!r}>")
    for attrs, body in page.scripts:
        src = attrs.get("src", "")
        if src:
            if not theme_scripts.search(src):
                problems.append(f"<script src={src!r}>")
        elif not _theme_inline(attrs, body):
            problems.append(f"inline <script>: {body.strip()[:60]!r}")
    return problems


def _theme_inline(attrs: dict[str, str], body: str) -> bool:
    """Material's own inline scripts: its JSON config and the snippets of its templates."""
    from disclosure_gen.site.postcheck import theme_inline_scripts

    if attrs.get("type") == "application/json" and attrs.get("id") == "__config":
        try:
            json.loads(body)
        except ValueError:
            return False
        return True
    return any(p.fullmatch(body.strip()) for p in theme_inline_scripts())
