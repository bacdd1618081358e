"""The XSS corpus in every mkdocs.yml field the theme prints raw, then a site built from the rest.

Each payload goes into each field on its own: it is refused at that field's key (exit 2 in the
commands, ``InputError`` here) or accepted in a form the theme may print. A demo site is then
built with the accepted values in all fields at once and opened in Chromium, every page and the
search results, with the dialog, console and request listeners.
"""

from __future__ import annotations

import collections
import copy
import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hardening.browser_support import (
    chromium,
    live_problems,
    serve,
    site_pages,
    sweep,
    watched_page,
)
from security_support import TODAY, cli, load_corpus
from support import ROOT

from disclosure_gen.content.loader import InputError
from disclosure_gen.site.build import UserLoader, read_user_config

#: mkdocs.yml paths that reach pages (site/user_fields.py judges each).
FIELDS: tuple[tuple[str | int, ...], ...] = (
    ("copyright",),
    ("site_author",),
    ("theme", "palette", 0, "toggle", "name"),
    ("theme", "palette", 0, "media"),
    ("theme", "palette", 0, "primary"),
    ("theme", "palette", 1, "accent"),
    ("theme", "palette", 1, "toggle", "icon"),
    ("theme", "icon", "logo"),
    ("theme", "icon", "admonition", "note"),
    ("theme", "logo"),
    ("extra", "social", 0, "link"),
    ("extra", "social", 0, "name"),
    ("extra", "homepage"),
)


def _base() -> dict[str, Any]:
    raw = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=UserLoader)
    raw["theme"]["palette"] = [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "toggle": {"icon": "material/brightness-7", "name": "切换到深色模式"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "accent": "indigo",
            "toggle": {"icon": "material/brightness-4", "name": "切换到浅色模式"},
        },
    ]
    raw["extra"] = {
        "social": [
            {"icon": "fontawesome/brands/github", "link": "https://a.example/", "name": "x"}
        ],
        "homepage": "./",
    }
    return raw


def _put(doc: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        doc = doc.setdefault(part, {}) if isinstance(part, str) else doc[part]
    doc[path[-1]] = value


def _dump(doc: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, dict[str, Any]]:
    """(field, payload id) → the accepted value, or the InputError and the file's lines."""
    folder = tmp_path_factory.mktemp("theme-fields")
    found: dict[tuple, dict[str, Any]] = {}
    for payload in load_corpus():
        for path in FIELDS:
            doc = _base()
            _put(doc, path, payload.text)
            text = _dump(doc)
            file = folder / "mkdocs.yml"
            file.write_text(text, encoding="utf-8")
            try:
                user = read_user_config(file, ROOT / "content")
            except InputError as exc:
                found[(path, payload.id)] = {"error": exc, "lines": text.split("\n")}
                continue
            merged = {**user.top, "theme": dict(user.theme), "extra": dict(user.extra)}
            value: Any = merged
            for part in path:
                value = value[part]
            found[(path, payload.id)] = {"value": value}
    return found


def test_each_payload_in_each_field_is_refused_at_its_key_or_made_printable(outcomes) -> None:  # type: ignore[no-untyped-def]
    counts: collections.Counter[str] = collections.Counter()
    for (path, pid), outcome in outcomes.items():
        field = ".".join(str(p) for p in path)
        if "error" in outcome:
            counts[f"{field}: refused"] += 1
            exc = outcome["error"]
            line = outcome["lines"][exc.line - 1]
            key = path[-1]
            # The error points at the field's own key, or at the list item holding it.
            at = line[exc.column - 1 :]
            assert at.startswith(f"{key}:") or (isinstance(key, int) and at.startswith("- ")), (
                field,
                pid,
                str(exc),
                line,
            )
            continue
        counts[f"{field}: accepted"] += 1
        value = outcome["value"]
        if path[-1] != "name" or path[0] != "extra":  # Material escapes the social name itself
            assert not set(value) & set("<>\"'`"), (field, pid, value)
    print(
        "\nmkdocs.yml fields × corpus: " + "; ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    assert len(outcomes) == len(FIELDS) * len(load_corpus())
    # Every field refuses some payloads (but the social name, which Material escapes itself),
    # and the text fields accept some, escaped.
    for path in FIELDS:
        field = ".".join(str(p) for p in path)
        if field != "extra.social.0.name":
            assert counts[f"{field}: refused"] > 0, field
    assert counts["extra.social.0.name: accepted"] == len(load_corpus())
    for field in ("copyright", "site_author", "theme.palette.0.toggle.name"):
        assert counts[f"{field}: accepted"] > 0, field


@pytest.fixture(scope="module")
def theme_site(outcomes, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """The demo content built with every accepted payload in the theme's text fields."""
    accepted: dict[tuple, list[str]] = collections.defaultdict(list)
    for payload in load_corpus():
        for path in FIELDS:
            if "value" in outcomes[(path, payload.id)]:
                accepted[path].append(payload.text)
    doc = _base()
    # Escaping happens when the file is read: the raw payloads go into the file.
    _put(doc, ("copyright",), " | ".join(accepted[("copyright",)]))
    _put(doc, ("site_author",), " | ".join(accepted[("site_author",)]))
    names = accepted[("theme", "palette", 0, "toggle", "name")]
    _put(doc, ("theme", "palette", 0, "toggle", "name"), names[0])
    _put(doc, ("theme", "palette", 1, "toggle", "name"), names[-1])
    doc["extra"]["social"] = [
        {"icon": "fontawesome/brands/github", "link": link, "name": name}
        for link, name in zip(
            accepted[("extra", "social", 0, "link")] or ["https://a.example/"],
            accepted[("extra", "social", 0, "name")],
            strict=False,
        )
    ][:20]
    project = tmp_path_factory.mktemp("theme-site") / "p"
    project.mkdir()
    (project / "mkdocs.yml").write_text(_dump(copy.deepcopy(doc)), encoding="utf-8")
    shutil.copytree(ROOT / "content", project / "content")
    built = cli(project, "build", "--today", TODAY, "--no-cache")
    assert built.returncode == 0, built.stderr[-3000:]
    return project / "site", doc["copyright"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


def test_every_page_of_the_theme_site_opens_inert(browser, theme_site) -> None:  # type: ignore[no-untyped-def]
    site, copyright_text = theme_site
    paths = site_pages(site)
    with serve(site) as url:
        watch, problems = sweep(browser, url, paths)
        page, search_watch = watched_page(browser)
        try:
            page.goto(url, wait_until="load")
            box = page.locator(".md-search__input")
            box.fill("alert")
            box.press("End")
            page.wait_for_timeout(1500)
            assert live_problems(page) == []
        finally:
            page.context.close()
    print(f"\nChromium: {len(paths)} pages with the theme payloads, {len(watch.dialogs)} dialogs")
    assert len(paths) >= 20
    assert watch.dialogs == [] and watch.errors == [] and watch.hosts == set()
    assert problems == {}
    assert search_watch.dialogs == [] and search_watch.hosts == set()
    # The payloads are on the pages as text: the footer shows the copyright as written.
    index = (site / "index.html").read_text("utf-8")
    footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', index, re.S)
    assert footer and html.unescape(footer.group(1)).strip() == copyright_text
