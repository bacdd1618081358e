"""Helpers for the render tests: Markdown conversion as MkDocs does it, and an HTML scanner."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
from pymdownx.slugs import slugify


def to_html(source: str) -> str:
    """Convert page Markdown the way the generated mkdocs.yml does (md_in_html off)."""
    md = markdown.Markdown(
        extensions=["attr_list", "tables", "admonition", "toc"],
        extension_configs={"toc": {"slugify": slugify(case="lower")}},
    )
    return md.convert(source)


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    return tags
