"""Rich-text fields (limited Markdown) → safe HTML, with markdown-it-py.

YAML text is untrusted and ends up on a public page, so the parser runs with raw HTML off,
headings and images off (page structure and assets are ours), and links limited to https:,
mailto: and same-site relative addresses. Anything else renders as plain text.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urljoin

from markdown_it import MarkdownIt
from markdown_it.token import Token

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_link(url: str) -> bool:
    """Allow https:, mailto: and relative links that cannot be read as another scheme."""
    url = url.strip()
    match = _SCHEME.match(url)
    if match:
        return match.group(1).lower() in ("https", "mailto")
    if url.startswith("//") or url.startswith("\\"):
        return False
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in head and "%3a" not in head.lower()


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.disable(["heading", "lheading", "image", "html_block", "html_inline", "reference"])
    md.validateLink = safe_link  # type: ignore[method-assign]

    # Links open in the same tab and never pass on the referrer to other hosts.
    def link_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        href = str(tokens[idx].attrGet("href") or "")
        if href.lower().startswith("https://"):
            tokens[idx].attrSet("rel", "noopener noreferrer")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


#: Characters that can take part in Markdown syntax anywhere in a line, or that markdown-it
#: rewrites (NUL, CR) or treats as indentation (tab).
_SYNTAX = re.compile(r"[\\`*_\[\]<>&#|~\t\r\x00\x0b\x0c]")
#: Line starts that can open a block: list markers, quotes, headings, rules, numbered items.
_BLOCK_START = re.compile(r"^[-+=*>#\d]", re.MULTILINE)


def _plain_paragraphs(text: str) -> list[tuple[int, list[str]]] | None:
    """``text`` as (first line, lines) paragraphs when it has no Markdown syntax at all, else None.

    Most YAML prose is such text, and markdown-it spends most of a build parsing it. The
    tokens built from this are the ones markdown-it would build (tests compare them).
    """
    if not text or _SYNTAX.search(text) or _BLOCK_START.search(text):
        return None
    paragraphs: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(text.split("\n")):
        if not line:
            current = None
        elif line != line.strip():
            return None  # indentation, trailing spaces (hard breaks), other white space
        else:
            if current is None:
                current = []
                paragraphs.append((number, current))
            current.append(line)
    return paragraphs


def _paragraph_tokens(paragraphs: list[tuple[int, list[str]]]) -> list[Token]:
    tokens: list[Token] = []
    for first, lines in paragraphs:
        span = [first, first + len(lines)]
        children: list[Token] = []
        for line in lines:
            if children:
                children.append(Token("softbreak", "br", 0))
            children.append(Token("text", "", 0, content=line))
        tokens += [
            Token("paragraph_open", "p", 1, map=span, block=True),
            Token(
                "inline",
                "",
                0,
                map=list(span),
                level=1,
                children=children,
                block=True,
                content="\n".join(lines),
            ),
            Token("paragraph_close", "p", -1, block=True),
        ]
    return tokens


def parse(text: str) -> list[Token]:
    """Parse rich text into markdown-it block tokens; only safe links survive as links."""
    text = text.strip()
    paragraphs = _plain_paragraphs(text)
    if paragraphs is not None:
        return _paragraph_tokens(paragraphs)
    return _parser().parse(text)


def parse_inline(text: str) -> list[Token]:
    """Parse one line of rich text (white space runs become one space) into inline tokens."""
    line = " ".join(text.split())
    if line and _plain_paragraphs(line) is not None:
        children = [Token("text", "", 0, content=line)]
        return [Token("inline", "", 0, map=[0, 1], children=children, content=line)]
    return _parser().parseInline(line)


def render_block(text: str, *, absolute_base: str | None = None) -> str:
    """Render paragraphs, lists, emphasis, code and links as HTML.

    With ``absolute_base`` (for HTML meant to be pasted into another site), relative links are
    resolved against it, and links that still are not https:/mailto: become plain text.
    """
    md = _parser()
    tokens = parse(text)
    if absolute_base is not None:
        _absolutise(tokens, absolute_base)
    return str(md.renderer.render(tokens, md.options, {}))


def render_inline(text: str, *, absolute_base: str | None = None) -> str:
    """Render one line (emphasis, code, links) without a wrapping paragraph."""
    md = _parser()
    tokens = parse_inline(text)
    if absolute_base is not None:
        _absolutise(tokens, absolute_base)
    return str(md.renderer.render(tokens, md.options, {}))


def _absolutise(tokens: list[Token], base: str) -> None:
    unlink = False
    for tok in tokens:
        if tok.children:
            _absolutise(tok.children, base)
        if tok.type == "link_open":
            href = urljoin(base, str(tok.attrGet("href") or ""))
            unlink = not (_SCHEME.match(href) and safe_link(href))
            if not unlink:
                tok.attrSet("href", href)
        if unlink and tok.type in ("link_open", "link_close"):
            # Both ends render as empty text; the link text stays.
            unlink = tok.type == "link_open"
            tok.type, tok.tag, tok.content, tok.attrs = "text", "", "", {}


def plain_text(text: str) -> str:
    """Strip the Markdown markup, keeping the words and link texts (for txt exports, alt text)."""
    tokens = parse(text)
    out: list[str] = []
    for tok in tokens:
        if tok.type == "inline" and tok.children is not None:
            out.append(_inline_plain(tok.children))
        elif tok.type in ("paragraph_close", "list_item_close") and out and out[-1] != "\n":
            out.append("\n")
        elif tok.type in ("code_block", "fence"):
            out.append(tok.content)
    return re.sub(r"\n{2,}", "\n", "".join(out)).strip()


_CJK_END = re.compile(r"[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]$")
_CJK_START = re.compile(r"^[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _inline_plain(children: list[Token]) -> str:
    # A line break inside a paragraph reads as nothing between two CJK characters (that is how
    # browsers lay Chinese out) and as a space anywhere else.
    out = ""
    for i, c in enumerate(children):
        if c.type in ("text", "code_inline"):
            out += c.content
        elif c.type in ("softbreak", "hardbreak"):
            nxt = next((n.content for n in children[i + 1 :] if n.content), "")
            if not (_CJK_END.search(out) and _CJK_START.search(nxt)):
                out += " "
    return out
