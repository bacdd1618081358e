"""The external links of a built site and the pages they appear on (``disclosure-gen links``).

Nothing is fetched: the list is for a person or a separate link checker. A link is external
when it is an ``http(s)`` address on another host than the site's own (``site_url``, read from
the pages' canonical links), or protocol-relative. ``mailto:`` and ``tel:`` addresses are
contact details, not pages, and are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

#: Elements whose ``href`` a reader follows by clicking.
LINK_TAGS = frozenset({"a", "area"})


@dataclass(frozen=True)
class ExternalLink:
    url: str
    #: Page URLs relative to the site root (``algorithms/x/``), sorted.
    pages: tuple[str, ...]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in LINK_TAGS and values.get("href"):
            self.hrefs.append(values["href"].strip())
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.canonical = values.get("href", "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def page_url(rel: str) -> str:
    """``x/index.html`` → ``x/``; other files keep their path."""
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def external_links(site_dir: Path) -> list[ExternalLink]:
    """Every external link of the HTML pages under ``site_dir``, sorted by URL."""
    found: dict[str, set[str]] = {}
    own_host = ""
    for path in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        if parser.canonical and not own_host:
            own_host = (urlsplit(parser.canonical).hostname or "").lower()
        rel = path.relative_to(site_dir).as_posix()
        for href in parser.hrefs:
            found.setdefault(href, set()).add(page_url(rel))
    return [
        ExternalLink(url, tuple(sorted(pages)))
        for url, pages in sorted(found.items())
        if _is_external(url, own_host)
    ]


def _is_external(url: str, own_host: str) -> bool:
    if url.startswith("//"):
        return (urlsplit("https:" + url).hostname or "").lower() != own_host
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return False
    return (parts.hostname or "").lower() != own_host


def format_links(links: list[ExternalLink], fmt: str) -> str:
    """``text``: each URL, then its pages indented; ``json``: a list of {url, pages}."""
    if fmt == "json":
        records = [{"url": link.url, "pages": list(link.pages)} for link in links]
        return json.dumps({"links": records}, ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    for link in links:
        lines.append(link.url)
        lines += [f"    {page or '/'}" for page in link.pages]
    return "\n".join(lines) + ("\n" if lines else "")
