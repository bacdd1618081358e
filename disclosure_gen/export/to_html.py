"""Blocks → an HTML fragment to paste into a privacy-policy page.

The fragment is inert wherever it lands: no ``<script>``, no ``style`` or ``on*`` attributes, no
ids (they could clash with the host page), no images or other assets, and only https: and
mailto: links. Our own text is escaped here; rich text from YAML is rendered by
``render/richtext.py`` (``absolute_base`` turns same-site links into https: ones or drops them).
"""

from __future__ import annotations

from html import escape

from disclosure_gen.export.blocks import (
    Block,
    Definitions,
    Document,
    Formula,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Rich,
    Span,
    Table,
    absolute,
)
from disclosure_gen.export.common import colon
from disclosure_gen.markup.richtext import render_block, render_inline


def render(doc: Document, *, base_level: int = 2) -> str:
    """Render ``doc`` as a ``<section>``; its level-1 heading becomes ``<h{base_level}>``."""
    lang = "en" if doc.lang == "en" else "zh-CN"
    body = "\n".join(_block(b, doc, base_level - 1) for b in doc.blocks)
    return f'<section class="dg-privacy" lang="{lang}">\n{body}\n</section>\n'


def _block(block: Block, doc: Document, shift: int) -> str:
    if isinstance(block, Heading):
        level = min(block.level + shift, 6)
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_inlines(block.parts, doc)}</p>"
    if isinstance(block, Rich):
        return render_block(block.source, absolute_base=doc.base_url).strip()
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        lis = "".join(f"<li>{_item(item, doc, shift)}</li>\n" for item in block.items)
        return f"<{tag}{start}>\n{lis}</{tag}>"
    if isinstance(block, Table):
        return _table(block, doc)
    if isinstance(block, Definitions):
        pairs = "".join(
            f"<dt>{escape(term)}</dt><dd>{_inlines((value,), doc)}</dd>\n"
            for term, value in block.items
        )
        return f"<dl>\n{pairs}</dl>"
    if isinstance(block, Formula):
        return (
            f"<p><strong>{escape(block.title)}</strong>{escape(colon(doc.lang))}"
            f"{escape(block.text)}</p>"
        )
    raise TypeError(block)


def _item(item: tuple[Block, ...], doc: Document, shift: int) -> str:
    # A list item that is one paragraph renders tight, as a browser user would expect.
    if len(item) == 1 and isinstance(item[0], Paragraph):
        return _inlines(item[0].parts, doc)
    return "\n".join(_block(b, doc, shift) for b in item)


def _table(block: Table, doc: Document) -> str:
    caption = f"<caption>{escape(block.caption)}</caption>\n" if block.caption else ""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_inlines((c,), doc)}</td>" for c in cells) + "</tr>\n"
        for cells in block.rows
    )
    return f"<table>\n{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>"


def _inlines(parts: tuple[Inline, ...], doc: Document) -> str:
    out = []
    for part in parts:
        if part.source is not None:
            out.append(render_inline(part.source, absolute_base=doc.base_url))
        else:
            out.append("".join(_span(s, doc) for s in part.spans))
    return "".join(out)


def _span(span: Span, doc: Document) -> str:
    body = escape(span.text)
    if span.code:
        body = f"<code>{body}</code>"
    if span.em:
        body = f"<em>{body}</em>"
    if span.strong:
        body = f"<strong>{body}</strong>"
    href = absolute(span.href, doc.base_url) if span.href else ""
    if not href:
        return body
    rel = ' rel="noopener noreferrer"' if href.lower().startswith("https:") else ""
    return f'<a href="{escape(href)}"{rel}>{body}</a>'
