"""`disclosure-gen build` / `render` and the library API: check gate, atomic output, determinism."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sys
import threading
from datetime import date
from pathlib import Path

import pathspec
import pytest
import yaml
from mkdocs.utils.yaml import yaml_load
from sitekit import TODAY, cli, make_project, stub_mkdocs, tree
from support import ROOT, load_base, set_path, unset_path, write_content

from disclosure_gen.check.engine import Checked, CheckOptions, check_paths
from disclosure_gen.content.loader import InputError
from disclosure_gen.site import output
from disclosure_gen.site.build import (
    BuildOptions,
    PostcheckError,
    SSGError,
    build_site,
    read_user_config,
    source_date_epoch,
)
from disclosure_gen.site.postcheck import postcheck
from disclosure_gen.site.render.project import (
    ProjectOptions,
    build_project,
    render_project,
    user_choices,
)


def _checked(content: Path) -> Checked:
    checked = check_paths([content], CheckOptions(today=date.fromisoformat(TODAY)))
    assert checked.site is not None and not checked.input_errors
    return checked


def _html_pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


# --- the generated project -------------------------------------------------------------------


def test_generated_mkdocs_yml_of_the_demo(golden) -> None:
    user = read_user_config(ROOT / "mkdocs.yml", ROOT / "content")
    checked = _checked(ROOT / "content")
    assert checked.site is not None
    files = render_project(checked.site, checked.algorithms, options=ProjectOptions(user=user))
    golden("site/mkdocs.yml", files["mkdocs.yml"])


def test_generated_config_forces_the_safe_settings() -> None:
    checked = _checked(ROOT / "content")
    assert checked.site is not None
    raw = {
        "theme": {
            "name": "material",
            "font": {"text": "Roboto"},
            "language": "en",
            "custom_dir": "mine",
            "features": ["navigation.instant", "navigation.expand", "search.share", "toc.follow"],
            "palette": {"primary": "teal"},
        },
        "repo_url": "https://example.invalid/x",
        "markdown_extensions": ["md_in_html", "pymdownx.snippets"],
        "plugins": ["search", "privacy", "offline"],
        "extra": {
            "analytics": {"provider": "google"},
            "social": [{"icon": "x", "link": "https://a.cn"}],
        },
        "extra_javascript": ["https://cdn.example/x.js"],
    }
    user = user_choices(raw)
    assert {"repo_url", "markdown_extensions", "extra_javascript", "extra.analytics"} <= set(
        user.ignored
    )
    project = build_project(checked.site, checked.algorithms, options=ProjectOptions(user=user))
    config = yaml_load(project.tree()["mkdocs.yml"].decode("utf-8"))
    theme = config["theme"]
    assert (theme["font"], theme["language"], theme["custom_dir"]) == (False, "zh", "overrides")
    assert theme["palette"] == {"primary": "teal"}
    assert "navigation.prune" in theme["features"] and "toc.follow" in theme["features"]
    assert not {"navigation.instant", "navigation.expand", "search.share"} & set(theme["features"])
    assert config["plugins"] == [{"search": {"lang": ["zh", "en"], "pipeline": ["trimmer"]}}]
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert "md_in_html" not in names and not any("snippets" in n for n in names)
    assert not any("arithmatex" in n or "mermaid" in n for n in names)
    slugify = config["markdown_extensions"][-1]["toc"]["slugify"]
    assert slugify("基本原理 Overview", "-") == "基本原理-overview"
    assert "repo_url" not in config and "analytics" not in config["extra"]
    assert config["extra"]["social"] == raw["extra"]["social"]
    assert all(not u.startswith(("http:", "https:", "//")) for u in config["extra_javascript"])


def test_nav_lists_algorithm_pages_only_up_to_the_limit() -> None:
    checked = _checked(ROOT / "content")
    assert checked.site is not None
    n = len(checked.algorithms)

    def nav_paths(limit: int) -> tuple[set[str], str]:
        config = build_project(
            checked.site, checked.algorithms, options=ProjectOptions(nav_page_limit=limit)
        ).config
        found: set[str] = set()

        def walk(node: object) -> None:
            if isinstance(node, str):
                found.add(node)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, dict):
                for item in node.values():
                    walk(item)

        walk(config["nav"])
        return found, config.get("not_in_nav", "")

    listed, hidden = nav_paths(n)
    assert {f"algorithms/{a.id}.md" for a in checked.algorithms} <= listed
    assert {"index.md", "controls.md", "complaints.md", "changelog.md", "filing.md"} <= listed
    assert any(p.startswith("categories/") for p in listed)
    assert hidden == ""
    listed, hidden = nav_paths(n - 1)
    assert not any(p.startswith(("algorithms/", "en/algorithms/")) for p in listed)
    assert any(p.startswith("categories/") for p in listed)
    # not_in_nav (gitignore patterns, folders where possible) matches exactly the unlisted pages.
    spec = pathspec.GitIgnoreSpec.from_lines(hidden.splitlines())  # as MkDocs reads it
    pages = [p.path for p in build_project(checked.site, checked.algorithms).pages]
    assert {p for p in pages if spec.match_file(p)} == {p for p in pages if p not in listed}
    assert f"algorithms/{checked.algorithms[0].id}.md" not in listed


def test_names_reach_the_config_only_through_the_yaml_emitter(tmp_path: Path) -> None:
    # The schema keeps names free of <>&"'{}[]`; YAML syntax such as ': ' and '#' is allowed and
    # must survive as data.
    site, algo = load_base()
    name = "示例: #推荐 *算法* - !tag %x @y |z"
    set_path(algo, "name.zh", name)
    checked = _checked(write_content(tmp_path, site, [algo]))
    assert checked.site is not None
    project = build_project(checked.site, checked.algorithms)
    config = yaml_load(project.tree()["mkdocs.yml"].decode("utf-8"))
    assert name in [title for entry in _flatten(config["nav"]) for title in entry]


def _flatten(nav: list) -> list[dict]:
    out: list[dict] = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append(entry)
            for value in entry.values():
                if isinstance(value, list):
                    out += _flatten(value)
    return out


# --- the CLI build ---------------------------------------------------------------------------


def test_build_publishes_the_demo_and_prints_where(demo_project: Path) -> None:
    site = demo_project / "site"
    pages = _html_pages(site)
    assert "index.html" in pages and "algorithms/feed-recommendation/index.html" in pages
    assert "en/algorithms/feed-recommendation/index.html" in pages
    for rel, html in pages.items():
        lang = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", html)
        assert lang, rel
        english = rel.startswith("en/")
        assert lang.group(1) == ("en" if english else "zh-CN"), rel
        # Material's own interface text follows the page's language too.
        search = re.search(r'class="md-search__input"[^>]*placeholder="([^"]+)"', html)
        assert search and search.group(1) == ("Search" if english else "搜索"), rel
    assert postcheck(site, allowed_scripts=["assets/dg/explorable.js"]) == []
    # Nothing left beside the site from staging.
    assert sorted(p.name for p in demo_project.iterdir() if p.name.startswith(".site")) == [
        ".site.lock"
    ]


def test_build_stdout_names_the_absolute_index(tmp_path: Path, run_cli) -> None:
    project = make_project(tmp_path / "p")
    result = run_cli("build", "--today", TODAY, "--site-dir", "out/public", cwd=project)
    assert result.exit_code == 0, result.stderr
    index = project / "out" / "public" / "index.html"
    assert index.is_file()
    assert str(index) in result.stdout
    assert "Traceback" not in result.stderr


def test_site_is_self_contained(demo_project: Path) -> None:
    site = demo_project / "site"
    external = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)
    for rel, html in _html_pages(site).items():
        for match in external.finditer(html):
            tag_start = html.rfind("<", 0, match.start())
            tag = html[tag_start : match.end()]
            # Plain links and the canonical URL are not requests.
            assert tag.startswith(("<a ", '<link rel="canonical"')), (rel, tag)
    assert "fonts.googleapis" not in "".join(_html_pages(site).values())


def test_sitemaps_are_stable_with_source_date_epoch(demo_project: Path) -> None:
    checked = _checked(demo_project / "content")
    epoch = source_date_epoch(checked.algorithms)
    newest = max(v.date for a in checked.algorithms for v in a.versions)
    sitemap = (demo_project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {newest.isoformat()}
    raw = (demo_project / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == epoch  # gzip header MTIME
    assert gzip.decompress(raw).decode("utf-8") == sitemap
    en = (demo_project / "site" / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/en/algorithms/feed-recommendation/</loc>" in en


def test_two_builds_under_different_hash_seeds_are_identical(demo_project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    for name, seed in (("site-a", "1"), ("site-b", "2")):
        result = cli(
            demo_project,
            "build",
            "--today",
            TODAY,
            "--site-dir",
            name,
            "--no-cache",
            env={**env, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
    a, b = tree(demo_project / "site-a"), tree(demo_project / "site-b")
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    # And the session build (with the cache) matches too.
    assert tree(demo_project / "site") == a


def _broken_project(tmp_path: Path) -> Path:
    site, algo = load_base()
    unset_path(algo, "principles")
    project = tmp_path / "p"
    write_content(project, site, [algo])
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def _old_site(project: Path) -> Path:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("old site", encoding="utf-8")
    return site


def test_check_errors_refuse_to_publish_and_leave_the_site_alone(tmp_path: Path, run_cli) -> None:
    project = _broken_project(tmp_path)
    site = _old_site(project)
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.exit_code == 1
    assert "A16-PRINCIPLE" in result.stderr and "未发布站点" in result.stderr
    assert tree(site) == {"index.html": b"old site"}


def test_allow_errors_publishes_a_draft_on_every_page(tmp_path: Path, run_cli) -> None:
    project = _broken_project(tmp_path)
    _old_site(project)
    result = run_cli("build", "--today", TODAY, "--allow-errors", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "草稿" in result.stdout
    pages = _html_pages(project / "site")
    content_pages = {k: v for k, v in pages.items() if k != "404.html"}
    assert content_pages and all('class="dg-draft"' in v for v in content_pages.values())


def test_ssg_crash_exits_2_with_its_message_and_keeps_the_old_site(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p")
    site = _old_site(project)
    stub = stub_mkdocs(
        tmp_path / "stub",
        "import sys\nprint('ERROR    -  Config value theme: the SSG broke here')\nsys.exit(1)\n",
    )
    monkeypatch.setenv("PYTHONPATH", str(stub))
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.exit_code == 2
    assert "the SSG broke here" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree(site) == {"index.html": b"old site"}
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == [".site.lock"]


def test_failed_postcheck_keeps_the_old_site(tmp_path: Path) -> None:
    checked = _checked(ROOT / "content")
    assert checked.site is not None
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old site", encoding="utf-8")
    evil = (
        "import pathlib, sys\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('-d') + 1])\n"
        "(out / 'index.html').write_text('<p onclick=alert(1)>x</p>')\n"
    )

    def argv(python: str, config: Path, out: Path) -> list[str]:
        return [python, "-c", evil, "-d", str(out)]

    with pytest.raises(PostcheckError) as info:
        build_site(
            checked.site,
            checked.algorithms,
            BuildOptions(site_dir=target, env=os.environ, argv=argv),
        )
    assert [str(p) for p in info.value.problems] == [
        'index.html:1:1: 页面未在开头声明 <meta charset="utf-8">',
        "index.html:1:1: HTML 解析错误，浏览器需要猜测其含义：Unexpected token",
        "index.html:1:4: 事件属性 onclick= 出现在 <p> 上",
    ]
    assert tree(target) == {"index.html": b"old site"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_stale_staging_dirs_are_cleaned_and_an_interrupted_swap_is_undone(tmp_path: Path) -> None:
    target = tmp_path / "site"
    # A killed build: staging dirs left behind, and the old site moved aside mid-swap.
    (tmp_path / ".site.tmp-abc123").mkdir()
    (tmp_path / ".site.project-def456").mkdir()
    old = tmp_path / "site.old"
    old.mkdir()
    (old / "index.html").write_text("previous", encoding="utf-8")
    with output.dir_lock(target):
        output.clean_stale(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]
    assert (target / "index.html").read_text(encoding="utf-8") == "previous"


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path, run_cli) -> None:
    project = make_project(tmp_path / "p")
    result = run_cli("build", "--today", TODAY, "--site-dir", "content", cwd=project)
    assert result.exit_code == 2
    assert (project / "content" / "site.yaml").is_file()
    precious = project / "notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("build", "--today", TODAY, "--site-dir", "notes", cwd=project)
    assert result.exit_code == 2
    assert (precious / "todo.txt").read_text(encoding="utf-8") == "keep me"


def test_waiting_for_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "site"
    waited = threading.Event()
    inside = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with output.dir_lock(target):
            inside.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    inside.wait(30)

    def second() -> None:
        with output.dir_lock(target, on_wait=waited.set):
            pass

    other = threading.Thread(target=second)
    other.start()
    assert waited.wait(30)
    assert other.is_alive()  # blocked while the first holds the lock
    release.set()
    other.join(30)
    thread.join(30)
    assert not other.is_alive()


def test_concurrent_builds_into_one_folder_leave_a_whole_site(demo_project: Path) -> None:
    import subprocess

    from sitekit import CLI

    procs = [
        subprocess.Popen(
            [*CLI, "build", "--today", TODAY, "--site-dir", "site-c"],
            cwd=demo_project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    assert tree(demo_project / "site-c") == tree(demo_project / "site")
    assert not list(demo_project.glob(".site-c.tmp-*")) and not list(
        demo_project.glob("site-c.old")
    )


def test_one_changed_file_re_renders_only_its_svgs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    cache_dir = tmp_path / "cache"
    checked = _checked(project / "content")
    assert checked.site is not None
    first_cache = output.DiskCache(cache_dir)
    first = render_project(checked.site, checked.algorithms, svg_cache=first_cache)
    svgs = {k for k in first if k.endswith(".svg")}
    assert first_cache.misses == len(first_cache.stored) == len({first[k] for k in svgs}) > 2

    again = output.DiskCache(cache_dir)
    assert render_project(checked.site, checked.algorithms, svg_cache=again) == first
    assert (again.misses, again.stored) == (0, [])

    feed = project / "content" / "algorithms" / "feed-recommendation.yaml"
    text = feed.read_text(encoding="utf-8")
    assert "values: [61, 21, 12, 6]" in text
    feed.write_text(text.replace("values: [61, 21, 12, 6]", "values: [58, 24, 12, 6]"), "utf-8")
    changed = _checked(project / "content")
    assert changed.site is not None
    third = output.DiskCache(cache_dir)
    after = render_project(changed.site, changed.algorithms, svg_cache=third)
    different = {k for k in svgs if after[k] != first[k]}
    assert different and all("feed-recommendation" in k for k in different)
    assert third.misses == len(third.stored) == len({after[k] for k in different})
    assert third.prune() == len(different)  # the superseded SVGs leave the cache


def test_build_site_reports_phases_and_cache_use(tmp_path: Path) -> None:
    checked = _checked(ROOT / "content")
    assert checked.site is not None
    phases: list[str] = []
    options = BuildOptions(
        site_dir=tmp_path / "site",
        env=os.environ,
        cache_dir=tmp_path / "cache",
        on_phase=lambda name, seconds: phases.append(name),
    )
    result = build_site(checked.site, checked.algorithms, options)
    assert phases == ["render", "write", "ssg", "postcheck", "swap"]
    assert result.index == (tmp_path / "site" / "index.html").absolute() and result.index.is_file()
    assert result.cache_misses > 0 and result.cache_hits == 0
    again = build_site(checked.site, checked.algorithms, options)
    assert again.cache_misses == 0 and again.cache_hits > 0
    assert tree(tmp_path / "site")  # still whole after the second swap


def test_ssg_error_from_the_library(tmp_path: Path) -> None:
    checked = _checked(ROOT / "content")
    assert checked.site is not None

    def argv(python: str, config: Path, out: Path) -> list[str]:
        return [python, "-c", "import sys; print('Error: no such theme'); sys.exit(1)"]

    with pytest.raises(SSGError, match="no such theme"):
        build_site(
            checked.site, checked.algorithms, BuildOptions(site_dir=tmp_path / "s", argv=argv)
        )
    assert not (tmp_path / "s").exists()


def test_render_writes_a_plain_project_another_ssg_can_build(tmp_path: Path, run_cli) -> None:
    project = make_project(tmp_path / "p")
    result = run_cli("render", "--today", TODAY, "--out", "plain", cwd=project)
    assert result.exit_code == 0, result.stderr
    out = project / "plain"
    files = tree(out)
    assert "docs/index.md" in files and "overrides/main.html" in files
    config = yaml_load(files["mkdocs.yml"].decode("utf-8"))
    assert config["plugins"] == [{"search": {"lang": ["zh", "en"], "pipeline": ["trimmer"]}}]
    assert "disclosure_gen" not in files["mkdocs.yml"].decode("utf-8")
    # Re-rendering replaces the folder as a whole.
    (out / "docs" / "stray.md").write_text("stale", encoding="utf-8")
    assert run_cli("render", "--today", TODAY, "--out", "plain", cwd=project).exit_code == 0
    assert not (out / "docs" / "stray.md").exists()


def test_user_logo_file_is_copied_from_the_content_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "content" / "brand").mkdir()
    (project / "content" / "brand" / "logo.svg").write_bytes(
        b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    )
    raw = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    raw["theme"]["logo"] = "brand/logo.svg"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    user = read_user_config(project / "mkdocs.yml", project / "content")
    assert user.files == {"brand/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}
    raw["theme"]["logo"] = "brand/missing.png"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(InputError, match=r"missing\.png"):
        read_user_config(project / "mkdocs.yml", project / "content")


def test_bad_user_mkdocs_yml_is_a_located_input_error(tmp_path: Path, run_cli) -> None:
    project = make_project(tmp_path / "p")
    (project / "mkdocs.yml").write_text("theme:\n  name: material\n  features: [a\n", "utf-8")
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.exit_code == 2
    assert "mkdocs.yml:" in result.stderr and "Traceback" not in result.stderr


def test_check_stays_free_of_build_imports() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from disclosure_gen.cli import cli\n"
        f"CliRunner().invoke(cli, ['check', {str(ROOT / 'content')!r}, '--today', '{TODAY}'])\n"
        "print(sorted(m for m in ('mkdocs', 'matplotlib', 'disclosure_gen.site.build',"
        " 'disclosure_gen.site.render.project') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_progress_lines_for_long_builds(tmp_path: Path) -> None:
    checked = _checked(ROOT / "content")
    assert checked.site is not None
    lines: list[str] = []
    options = BuildOptions(
        site_dir=tmp_path / "site",
        env=os.environ,
        progress=lines.append,
        progress_from=len(checked.algorithms),
        progress_step=1,
    )
    result = build_site(checked.site, checked.algorithms, options)
    drawn = [line for line in lines if line.startswith("已绘制")]
    assert drawn and drawn[0] == "已绘制 1 张图…"
    pages = [line for line in lines if line.startswith("mkdocs：")]
    assert pages and pages[-1].endswith(f"/{result.pages} 页")
    quiet: list[str] = []
    build_site(
        checked.site,
        checked.algorithms,
        BuildOptions(site_dir=tmp_path / "site", env=os.environ, progress=quiet.append),
    )
    assert quiet == []


def test_prune_skips_while_another_build_renders(tmp_path: Path) -> None:
    cache = output.DiskCache(tmp_path / "svg")
    cache["a" * 64] = b"<svg/>"
    other = output.DiskCache(tmp_path / "svg")  # a second build that has not used the entry
    with cache.in_use():
        assert other.prune() == 0
        assert "a" * 64 in cache
    assert other.prune() == 1
    assert "a" * 64 not in cache


def test_site_dir_from_pyproject(tmp_path: Path, run_cli) -> None:
    project = make_project(tmp_path / "p")
    (project / "pyproject.toml").write_text(
        '[tool.disclosure-gen]\nsite_dir = "public"\nnav_page_limit = 1\n', encoding="utf-8"
    )
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.exit_code == 0, result.stderr
    index = project / "public" / "index.html"
    assert str(index) in result.stdout and not (project / "site").exists()
    # nav_page_limit = 1: the nav lists category pages, not the algorithms.
    html = index.read_text(encoding="utf-8")
    nav = html[html.index('data-md-type="navigation"') : html.index('data-md-type="toc"')]
    assert 'href="categories/' in nav and 'href="algorithms/' not in nav
