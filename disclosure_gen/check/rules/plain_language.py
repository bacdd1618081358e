"""PIPL Article 17 (清晰易懂的语言): heuristics for plain Chinese (warnings)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import PIPL
from disclosure_gen.check.rules.texts import iter_texts, sentences
from disclosure_gen.content.model.algorithm import Algorithm

_PLAIN = Citation(PIPL, 17, paragraph=1, quote="以显著方式、清晰易懂的语言")
#: Longest sentence, in characters without spaces. The demo's longest is 64 characters; 80
#: leaves room for a careful writer while catching run-on sentences.
MAX_SENTENCE = 80
#: Recommender-system terms readers cannot be expected to know.
JARGON = (
    "召回",
    "精排",
    "粗排",
    "重排",
    "embedding",
    "CTR",
    "点击率",
    "协同过滤",
    "向量",
    "特征工程",
    "多目标",
    "冷启动",
    "双塔",
    "损失函数",
)
_JARGON_RE = {
    term: re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", re.I) for term in JARGON
}
#: Matches wherever one of the patterns above does: one scan tells which texts need the loop.
_ANY_JARGON = re.compile(
    rf"(?<![A-Za-z])(?:{'|'.join(re.escape(t) for t in JARGON)})(?![A-Za-z])", re.I
)


class SentencesShort(Rule):
    """Chinese sentences stay short enough to read in one go.

    ## Why
    PIPL Article 17 asks for 「清晰易懂的语言」. Long sentences are the commonest obstacle. Each
    `zh` text is split the way it renders (at 。！？；, blank lines and list items); a sentence
    longer than 80 characters (`MAX_SENTENCE`, spaces not counted) is flagged. A heuristic,
    so a warning.

    ## Fails
    ```yaml
    purpose:
      zh: |
        我们使用该算法的目的是根据你在应用内的观看记录、点赞记录、评论记录、
        分享记录、关注记录、搜索记录以及设备信息和大致位置等多种信息，
        综合估计你对每一条候选视频可能产生的兴趣程度并据此对推荐页中的视频排序
    ```

    ## Passes
    ```yaml
    purpose: {zh: 帮助你更快找到想看的内容。我们根据你的观看记录估计你的兴趣。}
    ```
    """

    code, name, severity = "PLAIN-SENTENCE-LENGTH", "sentences-short", Severity.WARNING
    citation = _PLAIN
    heuristic = True
    message = f"句子过长（超过 {MAX_SENTENCE} 字）"
    fix = "把长句拆成几个短句，每句只说一件事"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for path, text in iter_texts(algo):
            for sentence in sentences(text.zh):
                length = len(re.sub(r"\s", "", sentence))
                if length > MAX_SENTENCE:
                    yield Hit(
                        path,
                        f"句子长 {length} 字，超过 {MAX_SENTENCE} 字：「{sentence[:20]}…」",
                    )
                    break


class JargonExplained(Rule):
    """Technical terms in the Chinese text are explained in a glossary.

    ## Why
    PIPL Article 17 asks for 「清晰易懂的语言」. Terms such as 召回、精排、CTR or embedding mean
    nothing to most readers. Each one used in a `zh` text needs an entry in the algorithm's
    `glossary` or the site's (Latin terms match case-insensitively). A heuristic, so a
    warning.

    ## Fails
    ```yaml
    principles: {zh: 先召回候选视频，再按 CTR 预估排序}
    ```

    ## Passes
    ```yaml
    principles: {zh: 先召回候选视频，再按 CTR 预估排序}
    glossary:
      - term: 召回
        definition: {zh: 先从全部内容中挑出一小部分可能合适的候选}
      - term: ctr
        definition: {zh: 点击率：看到内容的人中点开它的比例}
    ```
    """

    code, name, severity = "PLAIN-JARGON", "jargon-explained", Severity.WARNING
    citation = _PLAIN
    heuristic = True
    message = "使用了未解释的专业术语"
    fix = "在 `glossary`（或 site.yaml 的 `glossary`）为该术语写一条通俗解释，或改用日常用语"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        explained = {g.term.casefold() for g in algo.all_glossary}
        reported: set[str] = set()
        for path, text in iter_texts(algo, skip=frozenset({"glossary"})):
            if not _ANY_JARGON.search(text.zh):
                continue
            for term, pattern in _JARGON_RE.items():
                if term in reported or term.casefold() in explained:
                    continue
                if pattern.search(text.zh):
                    reported.add(term)
                    yield Hit(path, f"术语「{term}」没有在 `glossary` 中解释")
