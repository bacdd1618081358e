"""postcheck: the last gate before publishing reads the built HTML, SVG and CSS."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_gen.site.postcheck import check_html, css_problems, postcheck, theme_inline_scripts


def _page(head: str = "", body: str = "") -> str:
    return (
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>t</title>"
        f"{head}</head><body>{body}</body></html>"
    )


def _messages(html: str, **kwargs: object) -> list[str]:
    return [p.message for p in check_html("algorithms/x/index.html", html, **kwargs)]  # type: ignore[arg-type]


BAD = {
    "external script": '<script src="https://cdn.example/x.js"></script>',
    "protocol-relative script": '<script src="//cdn.example/x.js"></script>',
    "external stylesheet": '<link rel="stylesheet" href="https://fonts.googleapis.com/css">',
    "preconnect": '<link rel="preconnect" href="https://fonts.gstatic.com">',
    "external image": '<img src="http://tracker.example/p.gif" alt="x">',
    "external srcset": '<img src="a.png" srcset="a.png 1x, https://x.example/b.png 2x" alt="">',
    "unknown local script": '<script src="../../assets/evil.js"></script>',
    "unknown inline script": "<script>alert(1)</script>",
    "onerror": '<img src="x" onerror="alert(1)" alt="">',
    "onclick on p": '<p onclick="alert(1)">x</p>',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "entity-encoded javascript": '<a href="jav&#x61;script:alert(1)">x</a>',
    "tab inside scheme": '<a href="java\tscript:alert(1)">x</a>',
    "upper-case scheme": '<a href=" JAVASCRIPT:alert(1)">x</a>',
    "data link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript": '<a href="vbscript:msgbox">x</a>',
    "iframe": '<iframe src="page.html"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "base": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "style attribute url": '<p style="background:url(https://x.example/a.png)">x</p>',
    "style element import": "<style>@import 'https://x.example/a.css';</style>",
    "svg use href": '<svg><use href="https://x.example/s.svg#i"></use></svg>',
    # Issue 13: html.parser read these differently from Chromium, which ran or fetched them.
    "empty comment closes at once": "<p><!--><img src=x onerror=alert(1)>--></p>",
    "comment closed by --!>": "<p><!-- x --!><img src=x onerror=alert(1)>--></p>",
    "svg style is foreign content": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "math style is foreign content": "<math><style><img src=x onerror=alert(1)></style></math>",
    "backslash network path": '<img src="/\\evil.example/x.png" alt="x">',
    "css escaped import": "<style>@\\69mport 'https://evil.example/a.css';</style>",
    "css escaped url": "<style>p{background:\\75rl(https://evil.example/b.png)}</style>",
    "css image-set": "<style>p{background:image-set('https://evil.example/c.png' 1x)}</style>",
    "noscript": "<noscript><p>x</p></noscript>",
    "template": "<template><img src=x onerror=alert(1)></template>",
    "second config": '<script id="x" type="application/json">{}</script>',
    "svg animate": "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
    "http link": '<a href="http://evil.example/">x</a>',
    "other scheme without slashes": '<img src="http:evil.example/x.png" alt="x">',
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_unsafe_construct_is_reported_with_its_location(name: str) -> None:
    html = _page(body="\n" + BAD[name])
    problems = check_html("algorithms/x/index.html", html, allowed_scripts=["assets/dg/x.js"])
    assert problems, name
    assert (problems[0].file, problems[0].line) == ("algorithms/x/index.html", 2)
    assert str(problems[0]).startswith("algorithms/x/index.html:2:")


GOOD = {
    "canonical to the public host": '<link rel="canonical" href="https://algo.example.cn/x/">',
    "language alternate": '<link rel="alternate" href="../../en/" hreflang="en">',
    "theme bundle": '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    "our script": '<script src="../../assets/dg/x.js"></script>',
    "json config": '<script id="__config" type="application/json">{"a": 1}</script>',
    "external plain link": '<a href="https://beian.cac.gov.cn/#/index" rel="noopener">备案</a>',
    "mailto": '<a href="mailto:a@example.cn">mail</a>',
    "local image": '<img src="../../assets/dg/x/pipeline.zh.svg" alt="流程图">',
    "local css url": "<style>.a{background:url(../img/a.png)}</style>",
    "text that mentions javascript": "<p>javascript: is not a link here; onclick=alert(1)</p>",
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_what_the_site_needs_passes(name: str) -> None:
    html = _page(body=GOOD[name])
    assert _messages(html, allowed_scripts=["assets/dg/x.js"]) == []


def test_material_inline_scripts_pass_and_a_modified_one_does_not() -> None:
    patterns = theme_inline_scripts()
    assert patterns, "Material's inline script templates were not found"
    good = '<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>'  # noqa: E501
    assert _messages(_page(head=good)) == []
    tampered = good.replace('"../.."', '"../.."+alert(1)+"')
    assert _messages(_page(head=tampered))


def test_root_relative_scripts_resolve_against_the_site_path() -> None:
    html = _page(body='<script src="/docs/assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    assert check_html("404.html", html, site_url="https://a.example/docs/") == []
    assert check_html("404.html", html, site_url="https://a.example/")


def test_css_url_and_import_checks() -> None:
    assert list(css_problems("a{background:url('fonts/KaTeX_Main.woff2')}")) == []
    assert list(css_problems('a{mask:url("data:image/svg+xml;charset=utf-8,<svg/>")}')) == []
    assert list(css_problems("@import url(https://fonts.googleapis.com/css);"))
    assert list(css_problems("a{background:url(//x.example/a.png)}"))
    assert list(css_problems("a{width:expression(alert(1))}"))


def test_scan_of_a_built_tree(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(_page(body="<p>ok</p>"), encoding="utf-8")
    (tmp_path / "assets" / "a.css").write_text(
        "@font-face{src:url(https://x.example/f.woff2)}", encoding="utf-8"
    )
    (tmp_path / "assets" / "d.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8"
    )
    problems = postcheck(tmp_path)
    assert sorted(p.file for p in problems) == ["assets/a.css", "assets/d.svg"]
    (tmp_path / "assets" / "a.css").unlink()
    (tmp_path / "assets" / "d.svg").unlink()
    assert postcheck(tmp_path) == []


def test_missing_allowed_script_is_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        _page(body='<script src="assets/dg/x.js"></script>'), encoding="utf-8"
    )
    problems = postcheck(tmp_path, allowed_scripts=["assets/dg/x.js"])
    assert [p.message for p in problems] == ["站点中缺少脚本 assets/dg/x.js"]


def test_parallel_scan_finds_the_same_problems(tmp_path: Path) -> None:
    from disclosure_gen.site.postcheck import PARALLEL_MIN_FILES

    for i in range(PARALLEL_MIN_FILES + 10):
        body = '<img src="x" onerror="alert(1)" alt="">' if i in (3, 200) else "<p>ok</p>"
        (tmp_path / f"p{i:04}.html").write_text(_page(body=body), encoding="utf-8")
    serial = postcheck(tmp_path, jobs=1)
    assert [p.file for p in serial] == ["p0003.html", "p0200.html"]
    assert postcheck(tmp_path, jobs=2) == serial


def test_build_exits_2_with_located_problems_when_postcheck_refuses(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An SSG (here a stub) that writes a page with an event handler: the input produced a page
    # that cannot be published, which is exit 2, not a finding.
    from sitekit import TODAY, make_project, stub_mkdocs

    project = make_project(tmp_path / "p")
    stub = stub_mkdocs(
        tmp_path / "stub",
        "import pathlib, sys\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('-d') + 1])\n"
        "out.mkdir(parents=True, exist_ok=True)\n"
        "(out / 'index.html').write_text(\"<!doctype html><html><head><meta charset=utf-8>"
        '<title>t</title></head><body>\\n<p onclick=alert(1)>x</p></body></html>")\n',
    )
    monkeypatch.setenv("PYTHONPATH", str(stub))
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.exit_code == 2
    assert "index.html:2:4: 事件属性 onclick= 出现在 <p> 上" in result.stderr
    assert "站点未发布" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()
