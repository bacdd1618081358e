"""The privacy-policy section 人工智能生成合成功能说明 for the AI features, as blocks.

What a privacy policy says about generative features: which features run where, for whom, when
and for what (生成式人工智能服务管理暂行办法 第十条); the models and their 备案号 or 上线编号; the
personal information each feature processes, itemised (网络数据安全管理条例 第二十一条); how output
is labelled, visibly and in the files' metadata (标识办法 第五条); how to
switch a feature off; where to report unlabelled content; and where the full pages are. Every
fact comes from the YAML; the wording around it is ours.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.ai_common import (
    features,
    generative,
    implicit_blocks,
    label_table,
    model_table,
    outputs,
    report_blocks,
)
from disclosure_gen.export.blocks import (
    Block,
    Document,
    Heading,
    ListBlock,
    Table,
    labelled,
    link,
    para,
    rich_inline,
    text,
)
from disclosure_gen.export.common import (
    colon,
    effective_date,
    filing_number,
    long_date,
    numbered_document,
    page_url,
    t,
    tx,
    where_used,
)
from disclosure_gen.export.privacy import control_blocks


def title(lang: str) -> str:
    """The section heading."""
    return t(lang, "人工智能生成合成功能说明", "AI generation features")


def labels_page_url(site: Site, lang: str) -> str:
    """The site-wide page that lists every feature's labels."""
    base = site.site.base_url
    if not base:
        return ""
    prefix = "en/" if lang == "en" and "en" in site.site.languages else ""
    return base.rstrip("/") + f"/{prefix}ai-labels/"


def ai_privacy_document(site: Site, algorithms: Sequence[Algorithm], lang: str) -> Document:
    """The section for the AI features among ``algorithms`` in ``lang``."""
    chosen = features(algorithms)
    sections: list[tuple[str, list[Block]]] = [
        (t(lang, "功能与适用范围", "The features and who they are for"), _scope(chosen, lang)),
        (t(lang, "使用的模型", "The models used"), _models(chosen, lang)),
        (
            t(lang, "功能处理的个人信息", "Personal information the features process"),
            _data(chosen, lang),
        ),
        (t(lang, "生成内容的标识", "How generated content is labelled"), _labels(chosen, lang)),
        (t(lang, "关闭功能", "Switching a feature off"), _controls(chosen, lang)),
        (
            t(lang, "举报未标识的内容", "Reporting unlabelled content"),
            [b for a in chosen for b in [Heading(3, tx(a.name, lang)), *report_blocks(a, lang)]],
        ),
        (
            t(lang, "生效日期和完整说明", "Effective date and full disclosures"),
            _effective(site, chosen, lang),
        ),
    ]
    return numbered_document(
        site, chosen, lang, title=title(lang), intro=[_intro(site, chosen, lang)], sections=sections
    )


def _intro(site: Site, chosen: Sequence[Algorithm], lang: str) -> Block:
    provider = tx(site.provider.name, lang)
    names = t(lang, "、", ", ").join(
        t(lang, f"「{tx(a.name, lang)}」", tx(a.name, lang)) for a in chosen
    )
    return para(
        t(
            lang,
            f"{provider}（以下简称“我们”）提供以下人工智能生成合成功能：{names}。"
            "本部分说明这些功能适合谁用、在什么场合用、用来做什么，使用了哪些模型，处理哪些个人信息，"
            "生成的内容怎样标识，以及你可以如何关闭功能和举报未标识的内容。",
            f"{provider} (“we”) offers these AI generation features: {names}. This section "
            "explains who they are for, when and for what; which models they use; the personal "
            "information they process; how what they generate is labelled; and how you can switch "
            "them off and report unlabelled content.",
        )
    )


def _scope(chosen: Sequence[Algorithm], lang: str) -> list[Block]:
    header = (
        t(lang, "功能", "Feature"),
        t(lang, "生成内容", "Generates"),
        t(lang, "应用产品与场景", "Where it is used"),
        t(lang, "算法备案编号", "Algorithm filing number"),
    )
    rows = tuple(
        (
            text(tx(a.name, lang)),
            text(outputs(generative(a), lang)),
            text(where_used(a, lang)),
            text(filing_number(a, lang)),
        )
        for a in chosen
    )
    out: list[Block] = [Table(header, rows)]
    for algo in chosen:
        aud = generative(algo).audience
        out.append(Heading(3, tx(algo.name, lang)))
        for value, zh, en in (
            (aud.users, "适用人群", "Intended users"),
            (aud.occasions, "适用场合", "Occasions"),
            (aud.uses, "用途", "Uses"),
            (aud.minors, "防范未成年人过度依赖", "Protecting minors from over-reliance"),
        ):
            if value:
                out += labelled(t(lang, zh, en), tx(value, lang), colon=colon(lang))
    return out


def _models(chosen: Sequence[Algorithm], lang: str) -> list[Block]:
    if not any(generative(a).models for a in chosen):
        return []
    return [
        model_table(chosen, lang),
        para(
            t(
                lang,
                "备案号和上线编号说明模型已按规定备案或登记，不是监管部门对模型的评价、认证或推荐。",
                "A filing or registration number shows that the model has been filed or "
                "registered as required. It is not an evaluation, certification or endorsement by "
                "the regulator.",
            )
        ),
    ]


def _data(chosen: Sequence[Algorithm], lang: str) -> list[Block]:
    header = (
        t(lang, "信息类别", "Category"),
        t(lang, "来源", "Source"),
        t(lang, "使用目的", "Purpose"),
    )
    out: list[Block] = []
    for algo in chosen:
        out.append(Heading(3, tx(algo.name, lang)))
        personal = [i for i in algo.inputs if i.personal]
        if personal:
            rows = tuple(
                (
                    text(
                        tx(i.category, lang)
                        + (t(lang, "（敏感个人信息）", " (sensitive)") if i.sensitive else "")
                    ),
                    rich_inline(tx(i.source, lang)),
                    rich_inline(tx(i.use, lang)) if i.use else text("—"),
                )
                for i in personal
            )
            out.append(Table(header, rows))
        else:
            out.append(
                para(
                    t(
                        lang,
                        "该功能不处理个人信息。",
                        "This feature processes no personal information.",
                    )
                )
            )
    return out


def _labels(chosen: Sequence[Algorithm], lang: str) -> list[Block]:
    out: list[Block] = []
    for algo in chosen:
        gen = generative(algo)
        out.append(Heading(3, tx(algo.name, lang)))
        if gen.labels.explicit:
            out.append(label_table(gen, lang))
        out += implicit_blocks(gen, lang)
    return out


def _controls(chosen: Sequence[Algorithm], lang: str) -> list[Block]:
    return [b for a in chosen for b in [Heading(3, tx(a.name, lang)), *control_blocks(a, lang)]]


def _effective(site: Site, chosen: Sequence[Algorithm], lang: str) -> list[Block]:
    out: list[Block] = []
    when = effective_date(site, chosen)
    if when is not None:
        out.append(
            para(
                t(
                    lang,
                    f"本部分自{long_date(when, lang)}起生效。",
                    f"This section takes effect on {long_date(when, lang)}.",
                )
            )
        )
    entries = [
        (para(text(tx(a.name, lang) + colon(lang)), link(url, url)),)
        for a in chosen
        if (url := page_url(site, a.id, lang))
    ]
    if url := labels_page_url(site, lang):
        entries.append(
            (
                para(
                    text(
                        t(lang, "AI 生成内容标识", "Labels on AI-generated content") + colon(lang)
                    ),
                    link(url, url),
                ),
            )
        )
    if entries:
        out += [
            para(t(lang, "各功能的完整说明：", "The full disclosure of each feature:")),
            ListBlock(tuple(entries)),
        ]
    return out
