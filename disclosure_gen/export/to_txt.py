"""Blocks → plain text for pasting into app text views, forms and e-mails.

Lines are not wrapped (the place it is pasted into wraps them). Headings are marked with rules
and symbols, lists keep their numbers, tables become one entry per row with 'column: value'
lines (column widths do not survive mixed Chinese and Latin text), links show their address,
and formulas show the words and then the TeX source.
"""

from __future__ import annotations

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
    Table,
    absolute,
)
from disclosure_gen.export.common import colon, t


def render(doc: Document) -> str:
    """Render ``doc`` as plain text."""
    return "\n\n".join(_block(b, doc) for b in doc.blocks).rstrip() + "\n"


def _block(block: Block, doc: Document) -> str:
    if isinstance(block, Heading):
        if block.level == 1:
            return f"{block.text}\n{'=' * 40}"
        if block.level == 2:
            return f"{block.text}\n{'-' * 40}"
        return ("■ " if block.level == 3 else "● ") + block.text
    if isinstance(block, Paragraph):
        return inline_text(block.parts, doc)
    if isinstance(block, Rich):
        return "\n\n".join(_block(b, doc) for b in block.blocks)
    if isinstance(block, ListBlock):
        return _list(block, doc)
    if isinstance(block, Table):
        return _table(block, doc)
    if isinstance(block, Definitions):
        sep = colon(doc.lang)
        return "\n".join(f"{term}{sep}{inline_text((v,), doc)}" for term, v in block.items)
    if isinstance(block, Formula):
        sep = colon(doc.lang)
        return f"{block.title}{sep}{block.text}\n    TeX{sep}{block.tex}"
    raise TypeError(block)


def _list(block: ListBlock, doc: Document) -> str:
    lines: list[str] = []
    for n, item in enumerate(block.items, start=block.start):
        marker = f"{n}. " if block.ordered else "• "
        body = "\n".join(_block(b, doc) for b in item)
        first, *rest = body.split("\n") or [""]
        lines.append(marker + first)
        lines += [" " * len(marker) + line if line else "" for line in rest]
    return "\n".join(lines)


def _table(block: Table, doc: Document) -> str:
    sep = colon(doc.lang)
    lines = [f"{block.caption}{sep}"] if block.caption else []
    for cells in block.rows:
        first, *rest = cells
        lines.append("• " + inline_text((first,), doc))
        lines += [
            f"  {head}{sep}{inline_text((cell,), doc)}"
            for head, cell in zip(block.header[1:], rest, strict=False)
        ]
    return "\n".join(lines)


def inline_text(parts: tuple[Inline, ...], doc: Document) -> str:
    """The words of ``parts``; a link shows its address after its text."""
    out = []
    for part in parts:
        for span in part.spans:
            href = absolute(span.href, doc.base_url) if span.href else ""
            shown = href.removeprefix("mailto:")
            if href and span.text not in (href, shown):
                out.append(f"{span.text}{t(doc.lang, '（', ' (')}{shown}{t(doc.lang, '）', ')')}")
            else:
                out.append(span.text)
    return "".join(out)
