r"""Blocks → Markdown that is safe to paste into any Markdown pipeline.

YAML text is untrusted, so every character of it that Markdown (or a common extension) could
read as syntax is escaped. Emphasis, attribute lists (``{: …}``) and snippets
(``--8<--``) get a backslash. Raw HTML, entities, links, table pipes, math (``$``) and the
``~ ^ =`` of strike/sub/sup/mark extensions become character references: Python-Markdown (as in
MkDocs) honours backslash escapes only for ``\`*_{}[]()>#+-.!`` and keeps ``\<script>`` as raw
HTML, and its arithmatex extension reads ``\(…\)`` and ``\[…\]`` as math, while a character
reference is plain text in CommonMark and Python-Markdown alike.
Emphasis, code and lists from rich-text fields are re-emitted from the parsed spans, and links
only when ``safe_link`` accepts them after being made absolute. Formulas appear as words; their
TeX source is not Markdown-safe and stays on the site, in the JSON, the DOCX and the plain text.
"""

from __future__ import annotations

import re

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

#: Punctuation both CommonMark and Python-Markdown accept a backslash escape for.
_BACKSLASH = re.compile(r"([\\`*_{}#+\-.!])")
#: Syntax characters written as character references instead (see the module docstring).
_REFERENCES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
}
_REFERENCE = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")
_SPACE = re.compile(r"\s+")
#: Characters that may not appear unencoded in an autolink or a link destination.
_URL_UNSAFE = re.compile(r"[\s<>()\\`\[\]{}|^\"']")


def escape(value: str) -> str:
    """Escape Markdown syntax and HTML in literal text; runs of whitespace become one space."""
    value = _BACKSLASH.sub(r"\\\1", _SPACE.sub(" ", value))
    return _REFERENCE.sub(lambda m: _REFERENCES[m.group(0)], value)


def render(doc: Document, *, base_level: int = 1) -> str:
    """Render ``doc``; its level-1 heading becomes ``base_level``."""
    out = [_block(b, doc, base_level - 1) for b in doc.blocks]
    return "\n\n".join(s for s in out if s) + "\n"


def _block(block: Block, doc: Document, shift: int) -> str:
    if isinstance(block, Heading):
        return "#" * min(block.level + shift, 6) + " " + escape(block.text)
    if isinstance(block, Paragraph):
        return "".join(_inline(p, doc) for p in block.parts)
    if isinstance(block, Rich):
        return "\n\n".join(_block(b, doc, shift) for b in block.blocks)
    if isinstance(block, ListBlock):
        return _list(block, doc, shift)
    if isinstance(block, Table):
        return _table(block, doc)
    if isinstance(block, Definitions):
        sep = colon(doc.lang)
        return "\n".join(
            f"- **{escape(term)}**{escape(sep)}{_inline(value, doc)}" for term, value in block.items
        )
    if isinstance(block, Formula):
        return f"**{escape(block.title)}**{escape(colon(doc.lang))}{escape(block.text)}"
    raise TypeError(block)


def _list(block: ListBlock, doc: Document, shift: int) -> str:
    lines: list[str] = []
    for n, item in enumerate(block.items, start=block.start):
        marker = f"{n}. " if block.ordered else "- "
        indent = " " * len(marker)
        body = "\n\n".join(_block(b, doc, shift) for b in item)
        first, *rest = body.split("\n")
        lines.append(marker + first)
        lines += [indent + line if line else "" for line in rest]
    return "\n".join(lines)


def _table(block: Table, doc: Document) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c or " " for c in cells) + " |"

    lines = []
    if block.caption:
        lines += [f"**{escape(block.caption)}**", ""]
    lines.append(row([escape(h) for h in block.header]))
    lines.append(row(["---"] * len(block.header)))
    lines += [row([_inline(c, doc, in_table=True) for c in cells]) for cells in block.rows]
    return "\n".join(lines)


def _inline(inline: Inline, doc: Document, *, in_table: bool = False) -> str:
    return "".join(_span(s, doc, in_table) for s in inline.spans)


def _span(span: Span, doc: Document, in_table: bool = False) -> str:
    # A pipe splits a table cell even inside a code span, so code in cells is plain text.
    if span.code and not in_table:
        body = _code(span.text)
    else:
        body = escape(span.text)
        if not body.strip():
            return body
        if span.em:
            body = f"*{body}*"
        if span.strong:
            body = f"**{body}**"
    href = absolute(span.href, doc.base_url) if span.href else ""
    if not href:
        return body
    target = _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", href)
    if span.text == href and not span.code:
        return f"<{target}>"
    return f"[{body}]({target})"


def _code(value: str) -> str:
    value = _SPACE.sub(" ", value)
    longest = max((len(m) for m in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"
