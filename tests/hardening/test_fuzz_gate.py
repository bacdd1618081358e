"""Fuzzing the publish gate and the typesetter with Hypothesis (issue 13).

* Generated mixes of comment syntax, foreign content, raw-text elements, CSS escapes and URL
  tricks: what the renderers make of them as YAML text passes the gate, and what the gate
  passes as raw HTML runs and loads nothing in Chromium (the gate may refuse more than the
  browser would run, never less).
* Generated nested TeX (tests/hardening/tex_gen.py): typeset, or refused at a position inside
  the formula; no worker dies or hangs; what KaTeX writes passes the gate.

Example counts are fixed and derandomized, as in test_fuzz.py; ``-s`` prints the figures.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from typing import Any

import pytest
from hardening.browser_support import chromium, live_problems, watched_page
from hardening.hardening_support import FUZZ_SETTINGS as SETTINGS
from hardening.tex_gen import nested_tex
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from disclosure_gen.markup import richtext
from disclosure_gen.markup.math import MAX_TEX, Typesetter
from disclosure_gen.site.postcheck import fragment_problems

RAN: collections.Counter[str] = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def _figures() -> Iterator[None]:
    # After this module's tests (in this process): the counts, seen with -n 0 -s.
    yield
    if RAN:
        print("\nGate fuzzing: " + "; ".join(f"{k}: {v}" for k, v in sorted(RAN.items())))


#: Pieces that make browsers and naive parsers disagree, and pieces that load or run.
HOSTILE = (
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!--->",
    "<!",
    "<?",
    "</",
    ">",
    '"',
    "'",
    "<![CDATA[",
    "]]>",
    "<svg>",
    "</svg>",
    "<math>",
    "</math>",
    "<mtext>",
    "<mglyph>",
    "<desc>",
    "<foreignObject>",
    '<annotation-xml encoding="text/html">',
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<textarea>",
    "</textarea>",
    "<noscript>",
    "<template>",
    "<table>",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<a href=",
    "<img src=",
    "<div style=",
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "/\\evil.example/x.png",
    "//evil.example/x.png",
    "https://evil.example/x.png",
    "http:\\\\evil.example\\x.png",
    "@\\69mport 'https://evil.example/a.css';",
    "@import url(//evil.example/a.css);",
    "background:\\75rl(https://evil.example/b.png)",
    "background:image-set('https://evil.example/c.png' 1x)",
    "background:url(/\\evil.example/d.png)",
    "url(",
    ")",
    "{",
    "}",
)
#: Pieces of ordinary, publishable markup, so that the gate also has mixes to accept.
BENIGN = (
    "<p>",
    "</p>",
    "<em>x</em>",
    "<span>",
    "</span>",
    '<a href="https://a.example/">a</a>',
    '<a href="../x/">x</a>',
    '<img src="x.png" alt="x">',
    "<svg><title>t</title></svg>",
    "<math><mi>x</mi></math>",
    '<div style="color:red">x</div>',
    "<style>p{color:red}</style>",
    "<!-- note -->",
    "&lt;",
    "&amp;",
    "文本",
    " ",
    "\n",
    "x",
)
mixes = st.lists(st.sampled_from(HOSTILE + BENIGN), min_size=1, max_size=12).map("".join)


# --- YAML text through the renderers ---------------------------------------------------------


@settings(max_examples=500, **SETTINGS)
@given(text=mixes)
def test_generated_markup_as_yaml_text_renders_into_what_the_gate_passes(text: str) -> None:
    RAN["renderers"] += 1
    rendered = {
        "rich text block": richtext.render_block(text),
        "rich text line": richtext.render_inline(text.replace("\n", " ")),
        "plain text": f"<p>{escape(text)}</p>",
    }
    for kind, html in rendered.items():
        assert fragment_problems(html) == [], (kind, text, html)


# --- raw HTML: the gate against Chromium -------------------------------------------------------

SITE = "http://site.test/"


@pytest.fixture(scope="module")
def tab() -> Iterator[tuple[Any, Any, dict[str, str]]]:
    """One Chromium tab whose ``http://site.test/`` answers with the current document."""
    with chromium() as browser:
        page, watch = watched_page(browser)
        current = {"html": ""}

        def answer(route: Any) -> None:
            if route.request.url == SITE:
                route.fulfill(body=current["html"], content_type="text/html; charset=utf-8")
            else:
                route.fulfill(status=404, body="")

        page.route(SITE + "**", answer)
        # Requests elsewhere are recorded by the watch and never leave the machine.
        page.route(lambda url: not url.startswith(SITE), lambda route: route.abort())
        try:
            yield page, watch, current
        finally:
            page.context.close()


def _document(fragment: str) -> str:
    return (
        "<!doctype html><html lang=zh><head><meta charset=utf-8><title>t</title></head>"
        f"<body>{fragment}</body></html>"
    )


@settings(max_examples=150, **SETTINGS)
@given(fragment=mixes)
def test_what_the_gate_passes_runs_and_loads_nothing_in_chromium(tab, fragment: str) -> None:  # type: ignore[no-untyped-def]
    page, watch, current = tab
    verdict = fragment_problems(fragment, site_url=SITE)
    watch.dialogs.clear()
    watch.hosts.clear()
    watch.errors.clear()
    current["html"] = _document(fragment)
    page.goto(SITE, wait_until="load")
    page.wait_for_timeout(30)  # error events of failed image loads
    active = live_problems(page)
    elsewhere = watch.hosts - {"site.test"}
    seen = bool(watch.dialogs or elsewhere or active)
    RAN["gate accepted" if not verdict else "gate refused"] += 1
    if verdict and seen:
        RAN["gate refused, Chromium ran or loaded something"] += 1
    assert not (seen and not verdict), (fragment, watch.dialogs, elsewhere, active)


# --- nested TeX --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def typesetter() -> Iterator[Typesetter]:
    ts = Typesetter()
    yield ts
    ts.close()


@settings(max_examples=300, **SETTINGS)
@given(data=st.data())
def test_generated_nested_tex_is_typeset_or_refused_at_a_position(typesetter, data) -> None:  # type: ignore[no-untyped-def]
    tex = nested_tex(lambda n: data.draw(st.integers(0, n - 1)), MAX_TEX)
    html, problem = typesetter.outcome(tex)
    RAN["tex"] += 1
    if problem is None:
        RAN["tex typeset"] += 1
        assert fragment_problems(html) == [], tex
    else:
        assert problem.message and 0 <= problem.offset <= len(tex), (tex, problem)
    # Internal KaTeX errors end their worker on purpose; a death or a timeout never happens.
    assert [why for why, _ in typesetter.lost if why != "内部错误"] == []
