"""Every internal link and anchor of the built demo site resolves; external ones are listed.

The built HTML is read as a browser resolves it: relative to the page's directory URL
(``use_directory_urls``), root-relative against the site's path on its host, and absolute URLs
on the site's own host (canonical, language alternates) as paths of the site. Every
``#fragment`` must name an id (or ``name``) on the target page.
"""

from __future__ import annotations

import json
import posixpath
import socket
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hardening.site_scan import Page, read_site

#: (tag, attribute) pairs that point at something the site must contain.
REFERENCES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
}


def _site_url(pages: dict[str, Page]) -> str:
    for _, attrs in pages["index.html"].tags:
        if attrs.get("rel") == "canonical":
            return attrs["href"]
    return ""


def _target(site: Path, page: str, ref: str, site_url: str) -> tuple[str | None, str]:
    """(file the reference names, relative to the site; fragment); None for other hosts."""
    parts = urlsplit(ref)
    base = urlsplit(site_url)
    if parts.scheme or ref.startswith("//"):
        if parts.scheme in ("http", "https") and parts.netloc == base.netloc and site_url:
            path = parts.path[len(base.path) :] if parts.path.startswith(base.path) else None
            if path is None:
                return "<outside the site's path>", ""
            return _file(site, path), unquote(parts.fragment)
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if path.startswith("/"):
        root = base.path or "/"
        if not path.startswith(root):
            return "<outside the site's path>", ""
        rel = path[len(root) :]
    else:
        rel = posixpath.join(posixpath.dirname(page), path)
    return _file(site, rel), unquote(parts.fragment)


def _file(site: Path, rel: str) -> str:
    rel = posixpath.normpath(rel) if rel else "."
    if rel in (".", ""):
        return "index.html"
    if rel.startswith(".."):
        return f"<above the site root: {rel}>"
    if (site / rel).is_dir():
        return posixpath.join(rel, "index.html")
    return rel


def test_every_internal_link_and_anchor_resolves(demo_site: Path) -> None:
    pages = read_site(demo_site)
    site_url = _site_url(pages)
    assert site_url.startswith("https://")
    broken: list[str] = []
    links = anchors = 0
    external: set[str] = set()
    for rel, page in pages.items():
        for tag, attrs in page.tags:
            for t, attr in REFERENCES:
                if tag != t or not attrs.get(attr):
                    continue
                ref = attrs[attr]
                target, fragment = _target(demo_site, rel, ref, site_url)
                if target is None:
                    external.add(ref)
                    continue
                links += 1
                if not (demo_site / target).is_file():
                    broken.append(f"{rel}: <{tag} {attr}={ref!r}> → {target} is missing")
                    continue
                if fragment and target.endswith(".html"):
                    anchors += 1
                    ids = pages[target].ids
                    if fragment not in ids:
                        broken.append(f"{rel}: {ref!r} → no id {fragment!r} on {target}")
    print(
        f"\nLinks: {len(pages)} pages, {links} internal references ({anchors} with an anchor),"
        f" {len(external)} distinct external URLs"
    )
    assert broken == []
    assert links > 20 * len(pages) and anchors > 100
    assert {p for p in pages if p.startswith("en/")} and "404.html" in pages


def test_links_lists_external_links_without_fetching(
    demo_site: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("disclosure-gen links must not open connections")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    project = demo_site.parent
    text = run_cli("links", cwd=project)
    assert text.exit_code == 0, text.stderr
    as_json = run_cli("links", "--site-dir", str(demo_site), "--format", "json", cwd=project)
    assert as_json.exit_code == 0, as_json.stderr
    links = {r["url"]: r["pages"] for r in json.loads(as_json.stdout)["links"]}
    # The filing query service is linked from the filing page and the algorithm pages.
    beian = "https://beian.cac.gov.cn/#/index"
    assert beian in links and "filing/" in links[beian] and "en/filing/" in links[beian]
    assert all(urlsplit(u).hostname != "algo.qinghe.example" for u in links)
    assert all(u.startswith(("https://", "http://", "//")) for u in links)
    for url, pages in links.items():
        assert pages == sorted(pages) and all((demo_site / p).exists() for p in pages), url
        assert f"{url}\n" in text.stdout
    assert f"{len(links)} 个外部链接" in text.stderr
    print(f"\ndisclosure-gen links: {len(links)} external URLs on the demo site")


def test_links_without_a_built_site_is_a_usage_error(tmp_path: Path, run_cli) -> None:
    result = run_cli("links", "--site-dir", "nowhere", cwd=tmp_path)
    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "disclosure-gen build" in result.stderr
