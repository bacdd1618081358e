"""Rich text without Markdown syntax skips markdown-it; its tokens must be markdown-it's own.

``richtext.parse`` and ``parse_inline`` build the tokens of syntax-free prose themselves. Every
renderer (site pages, exports, plain text) reads those tokens, so equal tokens mean equal
output. The texts come from the demo and from Hypothesis over an alphabet heavy in Markdown
syntax, Chinese, white space and line breaks.
"""

from __future__ import annotations

import collections
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT, TODAY

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.markup import richtext

MD = richtext._parser()
PROSE = list("推荐算法，。；：、（）「」") + list("abcXYZ019 \n\t\r\u3000\u00a0\u2028")
SYNTAX = list("\\`*_[]<>&#|~+-=!.()'\":;,?%@/^$")
BLOCKS = ["1.", "1)", "- ", "* ", "> ", "    ", "\n\n"]
ALPHABET = PROSE + SYNTAX + BLOCKS
MILD = [*".,;:'\"()!?%/@^$-=+", "1", "\n", "\n\n"]
texts = st.one_of(
    st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join),
    # Mostly prose, so that many examples take the shortcut.
    st.lists(st.sampled_from(PROSE[:15] * 3 + MILD), max_size=40).map("".join),
)


def _dump(tokens: list) -> list[dict]:  # type: ignore[type-arg]
    return [t.as_dict() for t in tokens]


def _assert_same(text: str) -> str:
    """Compare the tokens; return which way ``parse`` went."""
    fast = richtext.parse(text)
    assert _dump(fast) == _dump(MD.parse(text.strip())), repr(text)
    inline = richtext.parse_inline(text)
    assert _dump(inline) == _dump(MD.parseInline(" ".join(text.split()))), repr(text)
    took = richtext._plain_paragraphs(text.strip()) is not None
    return "without markdown-it" if took else "through markdown-it"


def test_demo_texts_give_markdown_its_tokens() -> None:
    checked = check_paths([ROOT / "content"], CheckOptions(today=TODAY))
    ways = collections.Counter(
        _assert_same(value)
        for algo in checked.algorithms
        for _, text in algo.texts
        for value in (text.zh, text.en)
    )
    # The demo is mostly plain prose: the shortcut must actually be taken.
    assert ways["without markdown-it"] > ways["through markdown-it"], ways


@settings(
    max_examples=2000,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=texts)
def test_generated_texts_give_markdown_its_tokens(text: str) -> None:
    _assert_same(text)


def test_seeded_texts_take_both_ways_with_the_same_tokens() -> None:
    """2,000 texts from the same two mixes, seeded: both ways are exercised, tokens agree."""
    rng = random.Random(16)
    mixes = (ALPHABET, PROSE[:15] * 3 + MILD)
    ways = collections.Counter(
        _assert_same("".join(rng.choices(mixes[i % 2], k=rng.randint(0, 40)))) for i in range(2000)
    )
    print(f"\nrich text: {dict(ways)}")
    assert ways["without markdown-it"] >= 500 and ways["through markdown-it"] >= 500, ways


def test_rendered_html_of_plain_prose() -> None:
    text = "第一行 CTR\n第二行（说明）\n\n第二段 100%"
    assert richtext.render_block(text) == MD.render(text)
    assert richtext.render_block(text) == "<p>第一行 CTR\n第二行（说明）</p>\n<p>第二段 100%</p>\n"
    assert richtext.render_inline(" 一  二 ") == "一 二"
