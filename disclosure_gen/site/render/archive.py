"""Archive pages: one page per past version of every algorithm, kept out of the nav (pure)."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.site.render import pages
from disclosure_gen.site.render.history import (
    ArchiveView,
    SiteHistory,
    past_versions,
    ui,
    version_slug,
)
from disclosure_gen.site.render.pages import Page


def archive_pages(
    site: Site,
    algorithms: Sequence[Algorithm],
    history: SiteHistory,
    *,
    lang: str,
    draft: bool = False,
    svg_cache: MutableMapping[str, bytes] | None = None,
) -> list[Page]:
    """One page per past version of every algorithm, kept out of the nav."""
    out = []
    for algo in sorted(algorithms, key=lambda a: (a.category, a.id)):
        for past in past_versions(algo, history.of(algo.id)):
            name = (algo.name.en if lang == "en" and algo.name.en else algo.name.zh).strip()
            title = ui("archive_title", lang, name=name, version=past.version.version)
            banner = ui(
                "archive_text",
                lang,
                version=past.version.version,
                since=past.version.date.isoformat(),
                until=past.replaced_by.date.isoformat(),
                next=past.replaced_by.version,
            )
            view = ArchiveView(
                past.path,
                version_slug(past.version.version),
                ui("archive_label", lang),
                banner,
                ui("archive_current", lang),
                ui("archive_missing", lang),
                past.version,
            )
            if past.revision is not None:
                page = pages.algorithm_page(
                    past.revision.algo, lang=lang, draft=draft, svg_cache=svg_cache, archive=view
                )
            else:
                page = pages.template_page(
                    site,
                    (algo,),
                    past.path,
                    "archive.md.j2",
                    title,
                    lang=lang,
                    draft=draft,
                    algo=algo,
                    archive=view,
                )
            out.append(Page(page.path, title, page.markdown, page.assets, in_nav=False))
    return out
