"""Past versions of each algorithm: archive pages and what the change log says changed (pure).

Input is a :class:`SiteHistory`: for each algorithm, its committed states, oldest first, as git
recorded them (``history_git.read_history`` builds it; an empty history is fine). Output:

* one archive page per past ``versions[]`` entry, at ``algorithms/<id>/v<version>.md`` — the
  full page as it stood when that version was last committed, or, when git has no copy (no
  repository, a shallow clone, a version older than the repository), a short page with the
  version's date and summary;
* for the change log, per version, the fields that changed when it was committed, plus the
  changes committed without a new ``versions[]`` entry, each with its commit date.

Labels of changed fields come from the schema titles (``diff.label_for``). Waivers and
``en_source`` stamps never reach the site, so their changes are not listed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from disclosure_gen.model import Algorithm, Site, Version

if TYPE_CHECKING:
    from disclosure_gen.diff import FieldChange
    from disclosure_gen.render.pages import Page

#: UI strings of this module: key → (zh, en).
UI: dict[str, tuple[str, str]] = {
    "archive_title": ("{name}（{version} 版存档）", "{name} (version {version}, archived)"),
    "archive_label": ("历史版本", "Archived version"),
    "archive_text": (
        "这是 {version} 版的存档，自 {since} 起公示，{until} 起被 {next} 版取代。",
        "This is version {version}, published from {since} until {until}, when version {next} "
        "replaced it.",
    ),
    "archive_current": ("查看现行版本", "See the current version"),
    "archive_missing": (
        "这一版本的全文没有存档：生成本站时找不到它在版本库中的记录。以下是它的更新说明。",
        "The full text of this version is not archived: the repository holds no record of it. "
        "Its change note follows.",
    ),
    "changed_fields": ("变更内容：", "Changed: "),
    "committed": ("（{date} 提交）", " (committed on {date})"),
    "archived_link": ("查看 {version} 版存档", "Version {version} as archived"),
    "unversioned": ("（未登记版本的修改）", "(change without a new version number)"),
    "unversioned_caption": (
        "未登记新版本号的修改（按版本库的提交日期）",
        "Changes made without a new version number (by commit date)",
    ),
}
#: Paths whose changes the change log does not list: never published (waivers, stamps), or the
#: version entry itself, which is the row the fields are listed on.
_SKIP = re.compile(r"^(waivers|versions)\b|\.en_source$|^filing\.disclosure_hash$")


def ui(key: str, lang: str, **fmt: object) -> str:
    """A UI string of this module in ``lang``."""
    zh, en = UI[key]
    return (en if lang == "en" else zh).format(**fmt)


@dataclass(frozen=True)
class Revision:
    """One committed state of an algorithm file."""

    commit: str
    date: date
    data: Mapping[str, Any]
    algo: Algorithm


@dataclass(frozen=True)
class SiteHistory:
    """Committed states per algorithm id, oldest first."""

    revisions: Mapping[str, tuple[Revision, ...]] = field(default_factory=dict)

    def of(self, algo_id: str) -> tuple[Revision, ...]:
        """The revisions of one algorithm (empty when git has none)."""
        return self.revisions.get(algo_id, ())


@dataclass(frozen=True)
class Archived:
    """A past version: its entry, the version that replaced it, and its text if git has it."""

    version: Version
    replaced_by: Version
    revision: Revision | None
    path: str


@dataclass(frozen=True)
class Change:
    """What one commit changed in an algorithm's published fields."""

    date: date
    commit: str
    version: str
    fields: tuple[str, ...]


def version_slug(version: str) -> str:
    """``1.0`` → ``v1-0``: an ASCII path segment (the schema limits versions to [0-9A-Za-z.-])."""
    return "v" + re.sub(r"[^0-9a-z]+", "-", version.lower()).strip("-")


def archive_path(algo_id: str, version: str) -> str:
    """Where a past version's page goes under docs/ (before any language prefix)."""
    return f"algorithms/{algo_id}/{version_slug(version)}.md"


def ordered(algo: Algorithm) -> list[Version]:
    """Versions oldest first; among equal dates, file order (as the page lists them, reversed)."""
    return [v for _, v in sorted(enumerate(algo.versions), key=lambda e: (e[1].date, e[0]))]


def newest(algo: Algorithm) -> Version | None:
    """The current version: the newest date, the later entry on a tie."""
    versions = ordered(algo)
    return versions[-1] if versions else None


def past_versions(algo: Algorithm, revisions: Sequence[Revision]) -> list[Archived]:
    """Every version but the current one, each with the last commit that still had it newest."""
    versions = ordered(algo)
    last_state: dict[str, Revision] = {}
    for rev in revisions:
        top = newest(rev.algo)
        if top is not None:
            last_state[top.version] = rev
    out = []
    seen: set[str] = set()
    for version, replaced_by in itertools.pairwise(versions):
        path = archive_path(algo.id, version.version)
        if path in seen:
            continue  # two versions that slug alike: keep the first
        seen.add(path)
        out.append(Archived(version, replaced_by, last_state.get(version.version), path))
    return out


def changes(revisions: Sequence[Revision], lang: str) -> list[Change]:
    """What each commit changed in published fields; commits changing nothing are left out."""
    from disclosure_gen.diff import compare_documents

    out = []
    for before, after in itertools.pairwise(revisions):
        found = [
            c
            for c in compare_documents(dict(before.data), dict(after.data), "algorithm", lang)
            if not _SKIP.search(c.path)
        ]
        labels = _sections(found, lang)
        if not labels:
            continue
        old = {v.version for v in before.algo.versions}
        top = newest(after.algo)
        version = top.version if top is not None and top.version not in old else ""
        out.append(Change(after.date, after.commit, version, labels))
    return out


def _sections(found: Sequence[FieldChange], lang: str) -> tuple[str, ...]:
    """One label per top-level field, marked with the language when only one changed."""
    from disclosure_gen.diff import label_for

    langs: dict[str, set[str]] = {}
    for c in found:
        top = re.split(r"[.\[]", c.path, maxsplit=1)[0]
        tail = c.path.rsplit(".", 1)[-1]
        langs.setdefault(top, set()).add(tail if tail in ("zh", "en") else "")
    out = []
    for top, seen in langs.items():
        label = label_for((top,), "algorithm", None, lang)
        if len(seen) == 1 and next(iter(seen)):
            label = label_for((top, next(iter(seen))), "algorithm", None, lang)
        out.append(label)
    return tuple(out)


@dataclass(frozen=True)
class ChangelogNotes:
    """What the change log adds to its rows when a history is known."""

    lang: str
    by_version: Mapping[tuple[str, str], tuple[Change | None, str]] = field(default_factory=dict)
    unversioned: tuple[tuple[Algorithm, Change], ...] = ()

    @property
    def caption(self) -> str:
        """The caption of the table of changes without a new version."""
        return ui("unversioned_caption", self.lang)

    def cell(self, algo: Algorithm, version: Version, link: Callable[[str], str]) -> Markup:
        """Extra HTML after a version's change note: the changed fields and its archive link."""
        change, archive = self.by_version.get((algo.id, version.version), (None, ""))
        parts = []
        if change is not None:
            note = _fields(change, self.lang)
            if change.date != version.date:
                note += ui("committed", self.lang, date=change.date.isoformat())
            parts.append(note)
        if archive:
            text = ui("archived_link", self.lang, version=version.version)
            parts.append(Markup('<a href="{}">{}</a>').format(link(archive), text))
        return Markup("").join(Markup("<br>{}").format(p) for p in parts)

    def unversioned_cell(self, change: Change) -> Markup:
        """The changes column of a row for a change committed without a new version."""
        return Markup("{} {}").format(_fields(change, self.lang), ui("unversioned", self.lang))


def _fields(change: Change, lang: str) -> Markup:
    sep = "、" if lang == "zh" else ", "
    return Markup('<span class="dg-note">{}{}</span>').format(
        ui("changed_fields", lang), sep.join(change.fields)
    )


def changelog_notes(
    algorithms: Sequence[Algorithm], history: SiteHistory, lang: str
) -> ChangelogNotes:
    """Index the history's changes and archive pages by (algorithm id, version)."""
    by_version: dict[tuple[str, str], tuple[Change | None, str]] = {}
    unversioned: list[tuple[Algorithm, Change]] = []
    for algo in algorithms:
        revisions = history.of(algo.id)
        archives = {a.version.version: a.path for a in past_versions(algo, revisions)}
        introduced: dict[str, Change] = {}
        for change in reversed(changes(revisions, lang)):  # newest first among equal dates
            if change.version:
                introduced[change.version] = change
            else:
                unversioned.append((algo, change))
        for version in sorted({*introduced, *archives}):
            by_version[(algo.id, version)] = (introduced.get(version), archives.get(version, ""))
    unversioned.sort(key=lambda e: (-e[1].date.toordinal(), e[0].category, e[0].id))
    return ChangelogNotes(lang, by_version, tuple(unversioned))


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
    from disclosure_gen.render import pages
    from disclosure_gen.render.pages import Page

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


@dataclass(frozen=True)
class ArchiveView:
    """What an archived page shows above its content (all strings are fixed UI text)."""

    path: str
    slug: str
    label: str
    text: str
    current: str
    missing: str
    version: Version
