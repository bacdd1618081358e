"""Tool check: an English translation made from an older version of the Chinese text."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Hit, Rule
from disclosure_gen.check.rules.texts import iter_texts
from disclosure_gen.content.loader import format_path
from disclosure_gen.content.model.algorithm import Algorithm


class TranslationStale(Rule):
    """The English of a text was translated from the current Chinese.

    ## Why
    Chinese is the authoritative text; English is a courtesy. A text's `en_source` records the
    fingerprint of the Chinese its English was made from (`disclosure-gen translations
    --stamp` writes it). When the Chinese is edited and the English is not, the fingerprints
    differ and English readers would read an outdated disclosure: the site marks such English
    as possibly outdated, and this check warns. No law is cited: it is a tool check.

    ## Fails
    ```yaml
    principles:
      zh: 根据你最近观看和点赞的内容排序
      en: Orders by what you watched recently
      en_source: "00000000"
    ```

    ## Passes
    ```yaml
    principles:
      zh: 根据你最近观看和点赞的内容排序
      en: Orders by what you watched and liked recently
      en_source: "24848763"
    ```
    """

    code, name, severity = "DG-TRANSLATION-STALE", "translation-current", Severity.WARNING
    citation = None
    message = "英文译文已过期：中文改动后英文没有更新"
    fix = (
        "按新的中文更新 `en`，再运行 `disclosure-gen translations --stamp --include-stale "
        "--path <路径>` 记录新的指纹"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for path, text in iter_texts(algo):
            if text.en_stale:
                yield Hit(
                    (*path, "en"),
                    f"`{format_path(path)}` 的英文是按旧的中文翻译的，中文改动后英文没有更新",
                )
