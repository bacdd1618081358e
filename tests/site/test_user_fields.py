"""The user's mkdocs.yml values that the theme writes raw: escaped, refused at the key, or trusted.

Through ``disclosure-gen render`` (the same reading as ``build`` and the plugin, without the
SSG): a refusal exits 2 with ``mkdocs.yml:line:col`` at the key; an accepted value reaches the
generated mkdocs.yml in the form Material may print as it is. The pages built from such values
are opened in Chromium by tests/security (theme payloads).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitekit import TODAY, make_project

from disclosure_gen.site.build import UserLoader

HEAD = "site_name: x\ntheme:\n  name: material\n"

REFUSED = [
    # (mkdocs.yml text, line, column of the key, words of the message)
    ("copyright: '<!--><img src=x onerror=alert(1)>'\n", 1, 1, "HTML 标记"),
    ("copyright: x --!><img src=x onerror=alert(1)>\n", 1, 1, "HTML 标记"),
    ("copyright: '&copy; 2026'\n", 1, 1, "trusted_html"),
    ("site_author: '<svg><style><img src=x onerror=alert(1)>'\n", 1, 1, "HTML 标记"),
    ("site_author: [1, 2]\n", 1, 1, "应为文本"),
    (
        HEAD + "  palette:\n    - scheme: default\n      media: '(x)\" onclick=\"alert(1)'\n",
        6,
        7,
        "媒体查询",
    ),
    (HEAD + "  palette:\n    primary: 'red\" onclick=\"alert(1)'\n", 5, 5, "颜色"),
    (HEAD + "  palette:\n    accent: 'url(https://evil.example/x)'\n", 5, 5, "颜色"),
    (
        HEAD + "  palette:\n    - toggle:\n        icon: material/brightness-7\n"
        "        name: '<img src=x onerror=alert(1)>'\n",
        7,
        9,
        "HTML 标记",
    ),
    (
        HEAD + "  palette:\n    - toggle:\n        icon: ../../partials/x\n        name: ok\n",
        6,
        9,
        "图标名",
    ),
    (
        HEAD + "  icon:\n    admonition:\n      'x:1}</style><script>alert(1)</script>': "
        "material/alert\n",
        6,
        7,
        "类型名",
    ),
    (HEAD + "  icon:\n    logo: material/not-an-icon-of-the-theme\n", 5, 5, "没有图标"),
    (HEAD + "  logo: https://evil.example/logo.png\n", 4, 3, "图片文件"),
    (HEAD + "  favicon: /\\evil.example/f.ico\n", 4, 3, "图片文件"),
    (
        "extra:\n  social:\n    - icon: fontawesome/brands/github\n"
        '      link: "java\\tscript:alert(1)"\n',
        4,
        7,
        "https:",
    ),
    (
        "extra:\n  social:\n    - icon: fontawesome/brands/github\n"
        "      link: 'https://a.example/\" onmouseover=\"alert(1)'\n",
        4,
        7,
        "https:",
    ),
    ("extra:\n  homepage: //evil.example/\n", 2, 3, "相对路径"),
    ("extra:\n  homepage: '/\\evil.example'\n", 2, 3, "相对路径"),
    ("extra:\n  homepage: 'javascript:alert(1)'\n", 2, 3, "相对路径"),
    ("extra:\n  generator: '<script>'\n", 2, 3, "true 或 false"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p")


def _render(project: Path, run_cli, mkdocs: str, pyproject: str = ""):  # type: ignore[no-untyped-def]
    (project / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    if pyproject:
        (project / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return run_cli("render", "--out", "out", "--today", TODAY, cwd=project)


def _generated(project: Path) -> dict:
    return yaml.load((project / "out" / "mkdocs.yml").read_text("utf-8"), Loader=UserLoader)


@pytest.mark.parametrize(("text", "line", "column", "words"), REFUSED)
def test_unsafe_values_are_refused_at_their_key(  # type: ignore[no-untyped-def]
    project: Path, run_cli, text: str, line: int, column: int, words: str
) -> None:
    result = _render(project, run_cli, text)
    assert result.exit_code == 2, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: mkdocs.yml:{line}:{column}: "), first
    assert words in first
    assert "Traceback" not in result.stderr
    assert not (project / "out").exists()


def test_text_is_escaped_so_it_reads_as_written(project: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    text = (
        "copyright: 'A & B 公司 <2026>'\n"
        "site_author: 'Q\" onload=\"x'\n"
        + HEAD
        + "  palette:\n    - scheme: default\n      media: '(prefers-color-scheme: light)'\n"
        '      toggle:\n        icon: material/brightness-7\n        name: 切换到"深色"\n'
        "extra:\n  social:\n    - icon: fontawesome/brands/github\n"
        "      link: https://a.example/?a=1&b=2\n      name: <b>x</b>\n"
        "  homepage: ./\n"
    )
    result = _render(project, run_cli, text)
    assert result.exit_code == 0, result.stderr
    config = _generated(project)
    assert config["copyright"] == "A &amp; B 公司 &lt;2026&gt;"
    assert config["site_author"] == "Q&quot; onload=&quot;x"
    palette = config["theme"]["palette"][0]
    assert palette["toggle"]["name"] == "切换到&quot;深色&quot;"
    assert palette["media"] == "(prefers-color-scheme: light)"
    social = config["extra"]["social"][0]
    # Material escapes the name itself; the link it prints raw into href.
    assert social == {
        "icon": "fontawesome/brands/github",
        "link": "https://a.example/?a=1&amp;b=2",
        "name": "<b>x</b>",
    }


def test_trusted_copyright_is_published_as_written(project: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    html = '&copy; 2026 <a href="https://a.example/">青禾</a>'
    result = _render(
        project,
        run_cli,
        f"copyright: '{html}'\n",
        '[tool.disclosure-gen]\ntrusted_html = ["copyright"]\n',
    )
    assert result.exit_code == 0, result.stderr
    config = _generated(project)
    assert config["copyright"] == html


@pytest.mark.parametrize(
    "html",
    [
        "<img src=https://evil.example/x.png>",
        "<a href=x onclick=alert(1)>x</a>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<!--><img src=x onerror=alert(1)>-->",
        '<p style="background:\\75rl(https://evil.example/x)">x</p>',
        '<a href="java&#9;script:alert(1)">x</a>',
        '<img src="/\\evil.example/x.png">',
        "<div>unclosed",
        "</div></footer>x",
    ],
)
def test_trusted_html_must_still_pass_the_gate(project: Path, run_cli, html: str) -> None:  # type: ignore[no-untyped-def]
    result = _render(
        project,
        run_cli,
        "copyright: " + yaml.safe_dump(html, width=1000).split("\n")[0] + "\n",
        '[tool.disclosure-gen]\ntrusted_html = ["copyright"]\n',
    )
    assert result.exit_code == 2, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: mkdocs.yml:1:1: `copyright` 被列为可信 HTML，但不能发布："), (
        first
    )


def test_only_copyright_can_be_trusted(project: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _render(
        project,
        run_cli,
        "site_author: x\n",
        '[tool.disclosure-gen]\ntrusted_html = ["site_author"]\n',
    )
    assert result.exit_code == 2
    assert "`trusted_html` 中的 `site_author` 不能作为 HTML 发布" in result.stderr
