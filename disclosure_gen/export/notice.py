"""In-app notices (显著告知): a short text per algorithm and placement, plus a detail layer.

A notice has two layers, as apps show them: the short text at the placement (an 'i' button, a
settings row, a first-run sheet), which may have to fit a length limit, and a 'learn more' layer
with the same facts as the policy section — filing number, category, principles, purpose,
mechanisms, control steps, complaint channel and response time — in plain text.

``max_chars`` shortens the short text at the last sentence end that fits (and says so); when
not even the first sentence fits, it refuses, because a cut mid-sentence could change what the
notice says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import ResponseTime
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.common import (
    category,
    colon,
    controls,
    filing_number,
    items,
    page_url,
    placement_name,
    platform,
    t,
    tx,
)

#: A sentence ends after one of these, plus any closing quotes or brackets that follow.
_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?=\s|$)")
_CLOSERS = "」』”’）)】\"'"


class NoticeTooLong(ValueError):
    """Not even the first sentence of a notice fits the length limit."""


@dataclass(frozen=True)
class Short:
    """The short text shown at a placement."""

    where: str
    location: str
    text: str
    full_chars: int

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def truncated(self) -> bool:
        return self.chars < self.full_chars


def shorten(value: str, max_chars: int | None) -> str:
    """``value`` cut at the last sentence end within ``max_chars`` (None: no limit)."""
    if max_chars is None or len(value) <= max_chars:
        return value
    best = 0
    for match in _SENTENCE_END.finditer(value):
        end = match.end()
        while end < len(value) and value[end] in _CLOSERS:
            end += 1
        if end <= max_chars:
            best = end
    if best == 0:
        first = _SENTENCE_END.search(value)
        size = first.end() if first else len(value)
        raise NoticeTooLong(f"第一句就有 {size} 个字符，超过 --max-chars {max_chars}")
    return value[:best].rstrip()


def _within(rt: ResponseTime | None, lang: str) -> str:
    return rt.label(lang) if rt else ""


def notice_record(
    site: Site, algo: Algorithm, lang: str, max_chars: int | None = None
) -> dict[str, Any]:
    """Everything the notice for ``algo`` says, as plain-text fields."""
    # One line: a notice is a single run of text wherever it is shown.
    full = t(lang, "", " ").join(plain_rich(tx(algo.notice.text or algo.summary, lang)).split("\n"))
    try:
        short = shorten(full, max_chars)
    except NoticeTooLong as exc:
        raise NoticeTooLong(
            f"`{algo.id}` 的显著告知文本{exc}；请在 `notice.text` 中写一个更短的首句"
        ) from None
    placements = algo.notice.placements
    shorts = [
        Short(
            placement_name(algo, p.product, p.surface, lang),
            plain_rich(tx(p.location, lang)),
            short,
            len(full),
        )
        for p in placements
    ] or [Short("", "", short, len(full))]
    c, e = algo.complaints, algo.explanation
    return {
        "id": algo.id,
        "name": tx(algo.name, lang),
        "category": category(algo.category, lang),
        "filing_number": filing_number(algo, lang),
        "url": page_url(site, algo.id, lang),
        "placements": [
            {
                "where": s.where,
                "location": s.location,
                "text": s.text,
                "chars": s.chars,
                "truncated": s.truncated,
                "full_chars": s.full_chars,
            }
            for s in shorts
        ],
        "detail": {
            "principles": plain_rich(tx(algo.principles, lang)),
            "purpose": plain_rich(tx(algo.purpose, lang)),
            "mechanisms": [
                {
                    "title": tx(m.title, lang),
                    "description": plain_rich(tx(m.description, lang)),
                }
                for m in algo.mechanisms
            ],
            "controls": [
                {
                    "kind": key,
                    "label": label,
                    "description": plain_rich(tx(control.description, lang)),
                    "effect": plain_rich(tx(control.effect, lang)),
                    "paths": [
                        {
                            "platform": path.platform,
                            "platform_label": platform(path.platform, lang),
                            "steps": list(items(path.steps, lang)),
                        }
                        for path in control.paths
                    ],
                }
                for key, label, control in controls(algo, lang)
            ],
            "complaints": {
                "entry": plain_rich(tx(c.entry, lang)),
                "url": c.url,
                "phone": c.phone,
                "response_time": _within(c.response_time, lang),
            },
            "explanation": {
                "channel": plain_rich(tx(e.channel, lang)),
                "url": e.url,
                "response_time": _within(e.response_time, lang),
            }
            if e is not None
            else None,
        },
    }


def notice_records(
    site: Site, algorithms: Sequence[Algorithm], lang: str, max_chars: int | None = None
) -> list[dict[str, Any]]:
    """Records for every algorithm, in catalogue order."""
    return [notice_record(site, a, lang, max_chars) for a in algorithms]


def notice_json(
    site: Site, algorithms: Sequence[Algorithm], lang: str, max_chars: int | None = None
) -> str:
    """The notices as JSON for an app's resource files."""
    doc = {
        "version": 1,
        "lang": lang,
        "max_chars": max_chars,
        "algorithms": notice_records(site, algorithms, lang, max_chars),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def notice_text(
    site: Site, algorithms: Sequence[Algorithm], lang: str, max_chars: int | None = None
) -> str:
    """The notices as plain text for whoever writes the app's copy."""
    sep = colon(lang)
    out: list[str] = []
    for rec in notice_records(site, algorithms, lang, max_chars):
        out += [f"{rec['name']}（{rec['id']}）" if lang != "en" else f"{rec['name']} ({rec['id']})"]
        out += ["=" * 40]
        out += [
            t(lang, "算法类别", "Category") + sep + rec["category"],
            t(lang, "备案编号", "Filing number") + sep + rec["filing_number"],
            "",
            t(lang, "【告知文本】", "[Notice text]"),
        ]
        for p in rec["placements"]:
            if p["where"]:
                out.append(t(lang, "位置", "Placement") + sep + p["where"] + " — " + p["location"])
            count = t(lang, f"{p['chars']} 字", f"{p['chars']} characters")
            if p["truncated"]:
                count += t(
                    lang,
                    f"，原文 {p['full_chars']} 字，已截短",
                    f", shortened from {p['full_chars']}",
                )
            out += [t(lang, f"文本（{count}）", f"Text ({count})") + sep + p["text"], ""]
        d = rec["detail"]
        out += [t(lang, "【了解更多】", "[Learn more]")]
        out += [t(lang, "基本原理", "Basic principles") + sep + d["principles"]]
        out += [t(lang, "目的意图", "Purpose") + sep + d["purpose"]]
        out += [t(lang, "主要运行机制", "Main mechanisms") + sep.rstrip()]
        out += [
            f"  {n}. {m['title']}{sep}{m['description']}" for n, m in enumerate(d["mechanisms"], 1)
        ]
        for ctl in d["controls"]:
            out += [ctl["label"] + sep + ctl["description"]]
            if ctl["effect"]:
                out += ["  " + t(lang, "效果", "Effect") + sep + ctl["effect"]]
            out += [f"  {p['platform_label']}{sep}" + " → ".join(p["steps"]) for p in ctl["paths"]]
        comp = d["complaints"]
        out += [t(lang, "投诉与反馈", "Complaints") + sep + comp["entry"]]
        if comp["response_time"]:
            out += [
                "  "
                + t(lang, "反馈时限", "Response time")
                + sep
                + t(lang, f"{comp['response_time']}内答复", f"within {comp['response_time']}")
            ]
        expl = d["explanation"]
        if expl:
            out += [t(lang, "申请说明", "Asking for an explanation") + sep + expl["channel"]]
            if expl["response_time"]:
                out += [
                    "  "
                    + t(lang, "反馈时限", "Response time")
                    + sep
                    + t(lang, f"{expl['response_time']}内答复", f"within {expl['response_time']}")
                ]
        if rec["url"]:
            out += [t(lang, "完整说明", "Full disclosure") + sep + rec["url"]]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
