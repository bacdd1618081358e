"""AI feature pages and the 「AI 生成内容标识」 page in Chromium: the label samples users see.

Each explicit label of the demo's AI features must be drawn with its YAML wording at the YAML
position (the mark inside the drawn frame, at the named corner or before/after the text lines),
hidden from assistive technology, with a caption that says the same in words; the pages make
no request to another host. axe runs on these pages in test_a11y.py (page types ``ai-feature``
and ``ai-labels``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening.browser_support import chromium, serve, watched_page
from support import ROOT, TODAY

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.content.model.algorithm import Algorithm


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def demo_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="module")
def features() -> tuple[Algorithm, ...]:
    checked = check_paths([ROOT / "content"], CheckOptions(today=TODAY))
    found = tuple(a for a in checked.algorithms if a.generative is not None)
    assert found, "the demo has no AI feature"
    return found


#: Where a mark must sit, as a test on its box ``m`` and the box ``f`` of what it labels.
_PLACE = {
    "bottom_right": lambda m, f: (
        m["x"] + m["width"] > f["x"] + f["width"] * 0.8
        and m["y"] + m["height"] > f["y"] + f["height"] * 0.8
    ),
    "top_left": lambda m, f: (
        m["x"] < f["x"] + f["width"] * 0.2 and m["y"] < f["y"] + f["height"] * 0.2
    ),
    "start": lambda m, f: m["y"] <= f["y"],
    "end": lambda m, f: m["y"] >= f["y"] + f["height"] - 1,
}


def _box(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not rendered"
    return box


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_label_is_drawn_with_its_wording_at_its_position(
    browser, demo_url: str, features: tuple[Algorithm, ...], lang: str
) -> None:  # type: ignore[no-untyped-def]
    page, watch = watched_page(browser, block_search=True)
    try:
        for algo in features:
            gen = algo.generative
            assert gen is not None
            page.goto(f"{demo_url}{'en/' if lang == 'en' else ''}algorithms/{algo.id}/")
            for n, label in enumerate(gen.labels.explicit, 1):
                figure = f"#label-{n}"
                wording = (label.wording.en if lang == "en" else "") or label.wording.zh
                mark = page.locator(f"{figure} .dg-ailabel__mark")
                assert mark.is_visible()
                assert mark.inner_text().strip() == wording
                sample = page.locator(f"{figure} .dg-ailabel__sample")
                assert sample.get_attribute("aria-hidden") == "true"
                assert wording in page.locator(f"{figure} figcaption").inner_text()
                m = _box(page, f"{figure} .dg-ailabel__mark")
                if label.modality == "text":
                    lines = page.locator(f"{figure} .dg-ailabel__line")
                    first, last = lines.first.bounding_box(), lines.last.bounding_box()
                    assert first is not None and last is not None
                    target = first if label.position == "start" else last
                else:
                    target = _box(page, f"{figure} .dg-ailabel__frame")
                assert _PLACE[label.position](m, target), (algo.id, n, label.position, m, target)
    finally:
        page.context.close()
    assert watch.hosts == set() and watch.errors == [] and watch.dialogs == []


def test_label_page_lists_every_feature_and_its_samples(
    browser, demo_url: str, features: tuple[Algorithm, ...]
) -> None:  # type: ignore[no-untyped-def]
    page, watch = watched_page(browser, block_search=True)
    try:
        page.goto(demo_url + "ai-labels/")
        assert page.locator("h1").inner_text().strip() == "AI 生成内容标识"
        for algo in features:
            gen = algo.generative
            assert gen is not None
            section = page.locator(f"#feature-{algo.id}")
            assert section.inner_text().strip() == algo.name.zh
            figures = page.locator(f"[id^='feature-{algo.id}-label-']")
            assert figures.count() == len(gen.labels.explicit)
            for i, label in enumerate(gen.labels.explicit):
                assert figures.nth(i).locator(".dg-ailabel__mark").inner_text().strip() == (
                    label.wording.zh
                )
        page.goto(demo_url)
        assert page.locator("a[href='ai-labels/']").count() >= 1
        for algo in features:
            assert page.locator(f"#ai ~ div a[href='algorithms/{algo.id}/']").count() >= 1
    finally:
        page.context.close()
    assert watch.hosts == set() and watch.errors == []
