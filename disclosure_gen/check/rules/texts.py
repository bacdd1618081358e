"""Helpers shared by rules: an algorithm's human-readable texts with their YAML paths, sentences.

Not a rule module: it defines no Rule subclasses. The walk itself is ``Algorithm.texts`` (done
once per model); field names there equal the YAML keys, so the paths are ones the Locator
understands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.rules.base import Hit
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import Control
from disclosure_gen.content.model.site import PLATFORM_LABELS
from disclosure_gen.content.model.text import Text, YamlPath


def iter_texts(
    algo: Algorithm, *, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[YamlPath, Text]]:
    """Yield ``(path, text)`` for every non-empty :class:`Text` the algorithm file declares.

    ``skip`` names top-level keys to leave out (e.g. ``charts``, whose captions restate data).
    An explanation inherited from site.yaml is not the algorithm's text and is left out.
    """
    for path, text in algo.texts:
        if path[0] not in skip:
            yield path, text


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
