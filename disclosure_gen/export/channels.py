"""Where people complain, ask for explanations and reach the provider, as policy blocks.

The site-wide channel comes first; an algorithm with its own complaint channel, its own
explanation channel or a worker-appeal route gets its own short list after it. Response times
are always written from ``ResponseTime.label`` so that every output says the same period.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import Complaints, Explanation, ResponseTime
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.blocks import (
    Block,
    Definitions,
    Heading,
    Inline,
    labelled,
    link,
    para,
    rich_inline,
    text,
)
from disclosure_gen.export.common import colon, t, tx


def _within(rt: ResponseTime | None, lang: str) -> Inline:
    if rt is None:
        return text("—")
    return text(t(lang, f"{rt.label(lang)}内答复", f"We reply within {rt.label(lang)}"))


def _contact_link(url: str) -> Inline:
    return link(url.removeprefix("mailto:"), url)


def _complaint_items(c: Complaints, lang: str) -> list[tuple[str, Inline]]:
    out: list[tuple[str, Inline]] = []
    if c.entry:
        out.append((t(lang, "受理入口", "Where to file"), rich_inline(tx(c.entry, lang))))
    if c.url:
        out.append((t(lang, "在线渠道", "Online"), _contact_link(c.url)))
    if c.phone:
        out.append((t(lang, "电话", "Phone"), text(c.phone)))
    out.append((t(lang, "反馈时限", "Response time"), _within(c.response_time, lang)))
    return out


def channel_definitions(c: Complaints, lang: str) -> Definitions:
    """One channel's entry, online address, phone and response time, as a definition list."""
    return Definitions(tuple(_complaint_items(c, lang)))


def _explanation_items(e: Explanation, lang: str, *, own: bool = False) -> list[tuple[str, Inline]]:
    # Beside an algorithm's own channels the labels say that they are about explanations.
    if own:
        how = t(lang, "申请说明", "Asking for an explanation")
        online = t(lang, "说明的在线渠道", "Explanations online")
        when = t(lang, "说明的反馈时限", "Explanation response time")
    else:
        how = t(lang, "申请方式", "How to ask")
        online = t(lang, "在线渠道", "Online")
        when = t(lang, "反馈时限", "Response time")
    out = [(how, rich_inline(tx(e.channel, lang)))]
    if e.url:
        out.append((online, _contact_link(e.url)))
    out.append((when, _within(e.response_time, lang)))
    return out


def complaint_blocks(site: Site, algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    """Complaints, explanations, algorithm-specific channels and the provider's contact."""
    shared = site.complaints
    out: list[Block] = [Heading(3, t(lang, "投诉与举报", "Complaints and reports"))]
    own = [a for a in algorithms if a.own_complaints is not None]
    scope = t(
        lang,
        "你对算法推荐服务有任何意见，或认为算法侵害了你的权益，可以通过以下渠道投诉或举报。",
        "If you have concerns about our recommendation services, or believe an algorithm has "
        "harmed your rights, you can complain or report through the channels below.",
    )
    if own:
        names = t(lang, "、", ", ").join(tx(a.name, lang) for a in own)
        scope += t(
            lang,
            f"{names}另设专门渠道，见下文。",
            f" The {names} has its own channel, described below.",
        )
    out += [para(scope), Definitions(tuple(_complaint_items(shared, lang)))]
    if shared.process:
        out += labelled(
            t(lang, "处理流程", "How we handle it"), tx(shared.process, lang), colon=colon(lang)
        )
    if site.explanation is not None:
        out += [
            Heading(3, t(lang, "要求说明", "Asking for an explanation")),
            Definitions(tuple(_explanation_items(site.explanation, lang))),
        ]
    out.append(
        para(
            t(
                lang,
                "你也可以要求我们对本部分所述的个人信息处理规则进行解释说明。",
                "You may also ask us to explain the personal-information processing rules "
                "described in this section.",
            )
        )
    )
    for algo in algorithms:
        pairs: list[tuple[str, Inline]] = []
        if algo.own_complaints is not None:
            pairs += _complaint_items(algo.own_complaints, lang)
        if algo.explanation is not None and algo.explanation != site.explanation:
            pairs += _explanation_items(algo.explanation, lang, own=True)
        appeals = algo.workers.appeals if algo.workers else None
        if appeals is not None:
            pairs.append(
                (t(lang, "劳动者申诉", "Worker appeals"), rich_inline(tx(appeals.channel, lang)))
            )
            pairs.append(
                (
                    t(lang, "申诉反馈时限", "Appeal response time"),
                    _within(appeals.response_time, lang),
                )
            )
        if pairs:
            out += [Heading(3, tx(algo.name, lang)), Definitions(tuple(pairs))]
    contact = site.provider.contact
    who: list[tuple[str, Inline]] = [(t(lang, "名称", "Name"), text(tx(site.provider.name, lang)))]
    if contact.email:
        who.append((t(lang, "邮箱", "Email"), link(contact.email, f"mailto:{contact.email}")))
    if contact.phone:
        who.append((t(lang, "电话", "Phone"), text(contact.phone)))
    if contact.address:
        who.append((t(lang, "地址", "Address"), rich_inline(tx(contact.address, lang))))
    if contact.url:
        who.append((t(lang, "网址", "Website"), link(contact.url, contact.url)))
    out += [Heading(3, t(lang, "联系我们", "Contacting us")), Definitions(tuple(who))]
    return out
