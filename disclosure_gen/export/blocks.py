"""A small format-neutral document model that every export is rendered from.

Builders (privacy.py, filing.py) describe *what* a document says with these frozen blocks; the
writers (to_md, to_html, to_txt, to_docx) decide *how* it looks. Rich text from YAML is parsed
once, through ``render/richtext.py``, into spans, so its emphasis, lists and checked links survive
into every format; the HTML writer still renders the original source with ``richtext`` itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from markdown_it.token import Token

from disclosure_gen.markup.richtext import parse, safe_link

_CJK = r"[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_END = re.compile(_CJK + "$")
_CJK_START = re.compile("^" + _CJK)


@dataclass(frozen=True)
class Span:
    """A run of text with one style; ``href`` is a link that passed ``safe_link``."""

    text: str
    strong: bool = False
    em: bool = False
    code: bool = False
    href: str = ""


@dataclass(frozen=True)
class Inline:
    """Spans in a row. ``source`` is the YAML rich text they came from (HTML renders it)."""

    spans: tuple[Span, ...]
    source: str | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the document's own title
    text: str


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Definitions:
    """Term–value pairs, such as a contact block."""

    items: tuple[tuple[str, Inline], ...]


@dataclass(frozen=True)
class Formula:
    """A formula as words; ``tex`` is its source, shown where a reader can use it."""

    title: str
    text: str
    tex: str


@dataclass(frozen=True)
class Rich:
    """Block rich text from YAML: ``blocks`` for md/txt/docx; HTML renders ``source``."""

    source: str
    blocks: tuple[Block, ...]


Block = Heading | Paragraph | ListBlock | Table | Definitions | Formula | Rich


@dataclass(frozen=True)
class Document:
    title: str
    lang: str
    blocks: tuple[Block, ...]
    base_url: str = ""
    author: str = ""
    date: date | None = None


# -- building helpers ---------------------------------------------------------------------------


def text(value: str, *, strong: bool = False) -> Inline:
    """Literal text (never interpreted as Markdown)."""
    return Inline((Span(value, strong=strong),))


def link(label: str, href: str) -> Inline:
    """A link we write ourselves; ``href`` must be https: or mailto:."""
    return Inline((Span(label, href=href if safe_link(href) else ""),))


def para(*parts: Inline | str) -> Paragraph:
    """A paragraph from inlines and literal strings."""
    return Paragraph(tuple(text(p) if isinstance(p, str) else p for p in parts))


def rich(source: str) -> Rich:
    """Parse YAML rich text into blocks."""
    return Rich(source, tuple(_blocks(parse(source), 0, "")[0]))


def rich_inline(source: str) -> Inline:
    """Parse YAML rich text as one line (lists and paragraphs run together)."""
    spans: list[Span] = []
    for tok in parse(source):
        if tok.type == "inline" and tok.children is not None:
            if spans:
                spans.append(Span(_gap(spans, tok.children)))
            spans += _spans(tok.children)
    return Inline(tuple(spans), source)


def labelled(label: str, source: str, *, colon: str) -> tuple[Block, ...]:
    """``label：text`` as one paragraph when the text is one paragraph, else label then text."""
    # The colon stays outside the bold: CommonMark does not close ``**`` between a CJK colon
    # and a letter, so ``**标签：**正文`` would show its asterisks.
    body = rich(source)
    if len(body.blocks) == 1 and isinstance(body.blocks[0], Paragraph):
        return (para(text(label, strong=True), text(colon), *body.blocks[0].parts),)
    return (para(text(label, strong=True), text(colon.rstrip())), body)


def plain(block: Block | Inline) -> str:
    """The words of a block or inline, for character counts and plain-text fields."""
    if isinstance(block, Inline | Paragraph):
        return block.text
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Rich):
        return "\n".join(plain(b) for b in block.blocks)
    if isinstance(block, ListBlock):
        return "\n".join("\n".join(plain(b) for b in item) for item in block.items)
    if isinstance(block, Table):
        return "\n".join("\t".join(c.text for c in row) for row in block.rows)
    if isinstance(block, Definitions):
        return "\n".join(f"{k}：{v.text}" for k, v in block.items)
    return block.text


def plain_rich(source: str) -> str:
    """Plain text of YAML rich text, one line per paragraph or list item."""
    return plain(rich(source))


def absolute(href: str, base_url: str) -> str:
    """Resolve a checked link for a document read elsewhere; '' when it cannot be made absolute."""
    url = urljoin(base_url, href) if base_url else href
    return url if re.match(r"^(https://|mailto:)", url, re.I) and safe_link(url) else ""


# -- markdown-it tokens → blocks ----------------------------------------------------------------


def _blocks(tokens: list[Token], i: int, stop: str) -> tuple[list[Block], int]:
    out: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == stop:
            return out, i + 1
        if tok.type in ("paragraph_open", "th_open", "td_open"):
            inline = tokens[i + 1]
            out.append(Paragraph((Inline(tuple(_spans(inline.children or [])), inline.content),)))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            close = tok.type.replace("_open", "_close")
            items: list[tuple[Block, ...]] = []
            i += 1
            while tokens[i].type != close:
                item, i = _blocks(tokens, i + 1, "list_item_close")
                items.append(tuple(item))
            ordered = tok.type == "ordered_list_open"
            start = int(str(tok.attrGet("start") or 1))
            out.append(ListBlock(tuple(items), ordered, start))
            i += 1
        elif tok.type in ("code_block", "fence"):
            out.append(Paragraph((Inline((Span(tok.content.rstrip("\n"), code=True),)),)))
            i += 1
        elif tok.type == "table_open":
            table, i = _table(tokens, i + 1)
            out.append(table)
        else:
            # blockquote/hr wrappers: keep what is inside, drop the wrapper.
            i += 1
    return out, i


def _table(tokens: list[Token], i: int) -> tuple[Table, int]:
    rows: list[tuple[Inline, ...]] = []
    row: list[Inline] = []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "inline":
            row.append(Inline(tuple(_spans(tok.children or [])), tok.content))
        elif tok.type == "tr_close":
            rows.append(tuple(row))
            row = []
        i += 1
    header = tuple(c.text for c in rows[0]) if rows else ()
    return Table(header, tuple(rows[1:])), i + 1


def _gap(before: list[Span], after: list[Token]) -> str:
    prev = before[-1].text if before else ""
    nxt = next((t.content for t in after if t.content), "")
    return "" if _CJK_END.search(prev) and _CJK_START.search(nxt) else " "


def _spans(children: list[Token]) -> list[Span]:
    spans: list[Span] = []
    strong = em = 0
    href = ""
    for i, tok in enumerate(children):
        kind = tok.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            em += 1
        elif kind == "em_close":
            em -= 1
        elif kind == "link_open":
            href = str(tok.attrGet("href") or "")
        elif kind == "link_close":
            href = ""
        elif kind in ("softbreak", "hardbreak"):
            # A line break reads as nothing between CJK characters, as a space elsewhere.
            spans.append(Span(_gap(spans, children[i + 1 :])))
        elif kind in ("text", "code_inline"):
            spans.append(
                Span(tok.content, strong > 0, em > 0, kind == "code_inline", href if href else "")
            )
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if not s.text:
            continue
        last = out[-1] if out else None
        if last and (last.strong, last.em, last.code, last.href) == (
            s.strong,
            s.em,
            s.code,
            s.href,
        ):
            out[-1] = Span(last.text + s.text, s.strong, s.em, s.code, s.href)
        else:
            out.append(s)
    return out
