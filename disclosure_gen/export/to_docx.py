"""Blocks → DOCX (python-docx) with real structure, byte-for-byte reproducible.

Headings use Word's Heading styles (so the navigation pane and a table of contents work),
numbered lists restart at each list (python-docx would otherwise continue one global count),
tables have a repeating header row and a caption, links are real hyperlinks, and formulas show
their words with the TeX source beneath. python-docx stamps the zip with the current time and
the core properties with its own; both are replaced by the content's newest version date, and
the zip is rewritten with sorted entries so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

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
from disclosure_gen.export.common import colon

#: Used when the content has no version dates at all (DOS zip time cannot go lower).
_EPOCH = date(1980, 1, 1)
_MONO = "Courier New"


def render(doc: Document) -> bytes:
    """Render ``doc`` as DOCX bytes."""
    word = docx.Document()
    _styles(word, doc.lang)
    writer = _Writer(word, doc)
    for block in doc.blocks:
        writer.block(word, block, 0)
    when = doc.date or _EPOCH
    stamp = datetime(when.year, when.month, when.day, tzinfo=UTC)
    core = word.core_properties
    core.title = doc.title
    core.author = doc.author
    core.last_modified_by = doc.author
    core.created = stamp
    core.modified = stamp
    core.revision = 1
    core.language = "en-GB" if doc.lang == "en" else "zh-CN"
    core.comments = ""
    core.keywords = ""
    core.subject = ""
    core.category = ""
    out = io.BytesIO()
    word.save(out)
    return _rezip(out.getvalue(), when)


def _styles(word: Any, lang: str) -> None:
    # The template says its East Asian text is en-US; marking it zh-CN makes Word pick the
    # theme's Simplified Chinese font (宋体) and LibreOffice a Simplified Chinese fallback.
    defaults = word.styles.element.find(qn("w:docDefaults"))
    lang_el = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang_el.set(qn("w:val"), "en-GB" if lang == "en" else "zh-CN")
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    word.styles["Normal"].font.size = Pt(10.5)
    link = word.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)


class _Writer:
    def __init__(self, word: Any, doc: Document) -> None:
        self.word = word
        self.doc = doc

    def block(self, container: Any, block: Block, level: int) -> None:
        if isinstance(block, Heading):
            self.word.add_heading(block.text, min(block.level, 9))
        elif isinstance(block, Paragraph):
            self.inlines(container.add_paragraph(), block.parts)
        elif isinstance(block, Rich):
            for b in block.blocks:
                self.block(container, b, level)
        elif isinstance(block, ListBlock):
            self.listing(container, block, level)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Definitions):
            for term, value in block.items:
                p = container.add_paragraph()
                p.add_run(term + colon(self.doc.lang)).bold = True
                self.inlines(p, (value,))
        elif isinstance(block, Formula):
            p = container.add_paragraph()
            p.add_run(block.title + colon(self.doc.lang)).bold = True
            p.add_run(block.text)
            tex = container.add_paragraph()
            tex.add_run("TeX" + colon(self.doc.lang))
            tex.add_run(block.tex).font.name = _MONO
        else:
            raise TypeError(block)

    def listing(self, container: Any, block: ListBlock, level: int) -> None:
        kind = "List Number" if block.ordered else "List Bullet"
        style = kind if level == 0 else f"{kind} {min(level + 1, 3)}"
        num_id = self._restart(style, block.start) if block.ordered else None
        for item in block.items:
            first = True
            for b in item:
                if isinstance(b, Paragraph) and first:
                    p = container.add_paragraph(style=style)
                    if num_id is not None:
                        _set_num(p, num_id)
                    self.inlines(p, b.parts)
                elif isinstance(b, Paragraph):
                    self.inlines(container.add_paragraph(style="List Continue"), b.parts)
                else:
                    self.block(container, b, level + 1)
                first = False

    def _restart(self, style: str, start: int) -> int:
        # Each list gets its own w:num over the style's abstract numbering, starting afresh.
        numbering = self.word.part.numbering_part.element
        style_num = self.word.styles[style].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)

    def table(self, block: Table) -> None:
        if block.caption:
            self.word.add_paragraph(block.caption, style="Caption")
        table = self.word.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = self.word.styles["Table Grid"]
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, head in zip(header.cells, block.header, strict=True):
            cell.paragraphs[0].add_run(head).bold = True
        for row, cells in zip(table.rows[1:], block.rows, strict=True):
            # A row split by a page break tears a filing number or a step in two.
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell, value in zip(row.cells, cells, strict=True):
                self.inlines(cell.paragraphs[0], (value,))

    def inlines(self, p: DocxParagraph, parts: tuple[Inline, ...]) -> None:
        for part in parts:
            for span in part.spans:
                href = absolute(span.href, self.doc.base_url) if span.href else ""
                run = p.add_run(span.text)
                run.bold = span.strong or None
                run.italic = span.em or None
                if span.code:
                    run.font.name = _MONO
                if href:
                    run.style = self.word.styles["Hyperlink"]
                    rid = p.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                    link = OxmlElement("w:hyperlink")
                    link.set(qn("r:id"), rid)
                    p._p.append(link)
                    link.append(run._r)


def _set_num(p: DocxParagraph, num_id: int) -> None:
    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _rezip(data: bytes, when: date) -> bytes:
    day = max(when, _EPOCH)
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()
