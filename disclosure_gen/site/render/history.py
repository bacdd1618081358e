"""Past versions of each algorithm: archive pages and what the change log says changed (pure).

Input is a :class:`SiteHistory`: for each algorithm, its committed states, oldest first, as git
recorded them, and what each commit changed (``publish.history.read_history`` computes both; an
empty history is fine). This module imports no git or diff code. Output:

* one archive page per past ``versions[]`` entry, at ``algorithms/<id>/v<version>.md`` — the
  full page as it stood when that version was last committed, or, when git has no copy (no
  repository, a shallow clone, a version older than the repository), a short page with the
  version's date and summary;
* for the change log, per version, the fields that changed when it was committed, plus the
  changes committed without a new ``versions[]`` entry, each with its commit date.

The archive pages themselves are laid out by ``archive.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup

from disclosure_gen.content.model.algorithm import Algorithm, Version

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
    #: What each commit changed, per (algorithm id, language), oldest first.
    changes: Mapping[tuple[str, str], tuple[Change, ...]] = field(default_factory=dict)

    def of(self, algo_id: str) -> tuple[Revision, ...]:
        """The revisions of one algorithm (empty when git has none)."""
        return self.revisions.get(algo_id, ())

    def changes_of(self, algo_id: str, lang: str) -> tuple[Change, ...]:
        """What each commit changed in an algorithm's published fields, labelled in ``lang``."""
        return self.changes.get((algo_id, lang), ())


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
        for change in reversed(history.changes_of(algo.id, lang)):  # newest first among equal dates
            if change.version:
                introduced[change.version] = change
            else:
                unversioned.append((algo, change))
        for version in sorted({*introduced, *archives}):
            by_version[(algo.id, version)] = (introduced.get(version), archives.get(version, ""))
    unversioned.sort(key=lambda e: (-e[1].date.toordinal(), e[0].category, e[0].id))
    return ChangelogNotes(lang, by_version, tuple(unversioned))


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
