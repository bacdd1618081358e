"""Rich-text fields (limited Markdown) → safe HTML, with markdown-it-py.

YAML text is untrusted and ends up on a public page, so the parser runs with raw HTML off,
headings and images off (page structure and assets are ours), and links limited to https:,
mailto: and same-site relative addresses. Anything else renders as plain text.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

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


def render_block(text: str) -> str:
    """Render paragraphs, lists, emphasis, code and links as HTML."""
    return _parser().render(text.strip())


def render_inline(text: str) -> str:
    """Render one line (emphasis, code, links) without a wrapping paragraph."""
    return _parser().renderInline(" ".join(text.split()))


def plain_text(text: str) -> str:
    """Strip the Markdown markup, keeping the words and link texts (for txt exports, alt text)."""
    tokens = _parser().parse(text.strip())
    out: list[str] = []
    for tok in tokens:
        if tok.type == "inline" and tok.children is not None:
            out.append("".join(c.content for c in tok.children if c.type in ("text", "code_inline")))
        elif tok.type in ("paragraph_close", "list_item_close") and out and out[-1] != "\n":
            out.append("\n")
        elif tok.type in ("code_block", "fence"):
            out.append(tok.content)
    return re.sub(r"\n{2,}", "\n", "".join(out)).strip()
