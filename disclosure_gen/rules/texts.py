"""Helpers shared by rules: walk an algorithm's human-readable texts with their YAML paths.

Not a rule module: it defines no Rule subclasses. Field names in the model equal the YAML keys,
except for the few renamed here, so a generic walk over the frozen dataclasses yields paths the
Locator understands.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from disclosure_gen.model import PLATFORM_LABELS, Algorithm, Control, Text
from disclosure_gen.rules.base import Hit

YamlPath = tuple[str | int, ...]

#: Model attributes whose YAML key differs: (class name, attribute) → YAML path segments.
_RENAMED: dict[tuple[str, str], YamlPath] = {
    ("Algorithm", "own_complaints"): ("complaints",),
    ("UserControls", "tag_select"): ("tags", "select"),
    ("UserControls", "tag_delete"): ("tags", "delete"),
}
#: Attributes that are not the algorithm's own prose (the shared site, bookkeeping).
_SKIPPED = {("Algorithm", "site"), ("Algorithm", "waivers"), ("Algorithm", "source")}


def iter_texts(
    algo: Algorithm, *, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[YamlPath, Text]]:
    """Yield ``(path, text)`` for every non-empty :class:`Text` the algorithm file declares.

    ``skip`` names top-level keys to leave out (e.g. ``charts``, whose captions restate data).
    An explanation inherited from site.yaml is not the algorithm's text and is left out.
    """
    for f in dataclasses.fields(algo):
        if ("Algorithm", f.name) in _SKIPPED or f.name in skip:
            continue
        value = getattr(algo, f.name)
        if f.name == "explanation" and value is algo.site.explanation:
            continue
        path = _RENAMED.get(("Algorithm", f.name), (f.name,))
        if path[0] in skip:
            continue
        yield from _walk(value, path)


def _walk(value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, Text]]:
    if isinstance(value, Text):
        if value:
            yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        owner = type(value).__name__
        for f in dataclasses.fields(value):
            sub = _RENAMED.get((owner, f.name), (f.name,))
            yield from _walk(getattr(value, f.name), (*path, *sub))


def plain(text: str) -> str:
    """Drop the Markdown that rich-text fields allow (emphasis, link targets, code marks)."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"(?:https?://|mailto:)[^\s)）」，。；]+", "", text)
    return text.replace("**", "").replace("__", "").replace("`", "")


_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def sentences(text: str) -> Iterator[str]:
    """Split Chinese prose into sentences, reading the text the way Markdown renders it.

    Sentences end at 。！？； (and their ASCII forms), at blank lines and at list items. A single
    line break inside a paragraph is a source wrap that Markdown joins, so it does not end one.
    """
    for block in re.split(r"\n\s*\n", plain(text)):
        items: list[list[str]] = []
        for line in block.splitlines():
            if _ITEM.match(line) or not items:
                items.append([])
            items[-1].append(_ITEM.sub("", line).strip())
        for item in items:
            for part in re.split(r"[。！？；!?;]", "".join(item)):
                if part.strip():
                    yield part.strip()


def missing_platforms(algo: Algorithm, control: Control) -> list[str]:
    """Platforms of the algorithm's products for which ``control`` gives no menu path.

    The platforms come from site.yaml ``products[].platforms`` of every product the algorithm
    runs on, in declaration order, without repeats.
    """
    wanted: list[str] = []
    for ref in algo.products:
        product = algo.site.product(ref.product)
        for platform in product.platforms if product else ():
            if platform not in wanted:
                wanted.append(platform)
    have = {p.platform for p in control.paths if p.steps}
    return [p for p in wanted if p not in have]


def path_hits(algo: Algorithm, control: Control, path: YamlPath, what: str) -> Iterator[Hit]:
    """One hit at ``path.paths`` per platform for which ``control`` (``what``) has no path."""
    for platform in missing_platforms(algo, control):
        label = PLATFORM_LABELS.get(platform, (platform,))[0]
        yield Hit((*path, "paths"), f"{what}缺少 {label}（`{platform}`）平台的操作路径")
