"""The privacy-policy section 个性化推荐与算法推荐说明, as blocks, from the same model as the site.

The section follows what a Chinese privacy policy's algorithm part has to say: which algorithms
run where; their 基本原理, 目的意图 and 主要运行机制 (算法推荐管理规定 第十六条); the personal
information each one uses, itemised as a list (网络数据安全管理条例 第二十一条); how to switch
personalisation off and manage tags on each platform; complaints and explanations with their
response times; retention and rights; filing numbers; the effective date; and where the full
disclosures are. All wording around the YAML text is ours, in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.blocks import (
    Block,
    Document,
    Formula,
    Heading,
    ListBlock,
    Table,
    labelled,
    link,
    para,
    plain_rich,
    rich,
    rich_inline,
    text,
)
from disclosure_gen.export.channels import complaint_blocks
from disclosure_gen.export.common import (
    category,
    colon,
    controls,
    effective_date,
    filing_status,
    items,
    long_date,
    numbered_document,
    page_url,
    platform,
    t,
    tx,
    where_used,
)


def title(lang: str) -> str:
    """The section heading."""
    return t(lang, "个性化推荐与算法推荐说明", "Personalised and algorithmic recommendations")


def privacy_document(site: Site, algorithms: Sequence[Algorithm], lang: str) -> Document:
    """The whole section for ``algorithms`` in ``lang`` ('zh' or 'en')."""
    sections: list[tuple[str, str, list[Block]]] = [
        (
            "algorithms",
            t(lang, "我们使用的算法", "The algorithms we use"),
            _overview(algorithms, lang),
        ),
        (
            "how",
            t(lang, "算法的基本原理、目的意图和主要运行机制", "How the algorithms work and why"),
            _how(algorithms, lang),
        ),
        (
            "data",
            t(lang, "算法处理的个人信息", "Personal information the algorithms process"),
            _data(algorithms, lang),
        ),
        (
            "controls",
            t(
                lang,
                "关闭个性化推荐和管理兴趣标签",
                "Switching personalisation off and managing tags",
            ),
            _controls(algorithms, lang),
        ),
        (
            "complaints",
            t(lang, "投诉举报和要求说明", "Complaints and explanations"),
            complaint_blocks(site, algorithms, lang),
        ),
        ("rights", t(lang, "保存期限和你的权利", "Retention and your rights"), _rights(site, lang)),
        ("filing", t(lang, "算法备案信息", "Algorithm filing"), _filing(site, algorithms, lang)),
        (
            "effective",
            t(lang, "生效日期和完整说明", "Effective date and full disclosures"),
            _effective(site, algorithms, lang),
        ),
    ]
    return numbered_document(
        site,
        algorithms,
        lang,
        title=title(lang),
        intro=_intro(site, algorithms, lang),
        sections=[(heading, body) for _key, heading, body in sections],
    )


def _intro(site: Site, algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    names: list[str] = []
    for algo in algorithms:
        for ref in algo.products:
            product = site.product(ref.product)
            name = tx(product.name, lang) if product else ref.product
            if name not in names:
                names.append(name)
    products = t(lang, "、", ", ").join(t(lang, f"「{n}」", n) for n in names)
    provider = tx(site.provider.name, lang)
    out: list[Block] = [
        para(
            t(
                lang,
                f"{provider}（以下简称“我们”）在{products}中使用算法推荐技术向你提供信息和服务。"
                "本部分说明我们使用了哪些算法，这些算法的基本原理、目的意图和主要运行机制，"
                "算法处理的个人信息，以及你可以如何关闭个性化推荐、管理兴趣标签、投诉举报和要求我们作出说明。",
                f"{provider} (“we”) uses recommendation algorithms to provide information and "
                f"services in {products}. This section explains which algorithms we use; their "
                "basic principles, purposes and main mechanisms; the personal information they "
                "process; and how you can switch personalisation off, manage interest tags, "
                "complain, and ask us for an explanation.",
            )
        )
    ]
    if site.site.base_url:
        out.append(
            para(
                t(
                    lang,
                    "每个算法的完整说明（包括计算公式、图示和常见问题）公布在"
                    f"「{tx(site.site.title, lang)}」：",
                    "The full disclosure of each algorithm, with formulas, diagrams and answers to "
                    f"common questions, is published on {tx(site.site.title, lang)}: ",
                ),
                link(site.site.base_url, site.site.base_url),
                t(lang, "。", ""),
            )
        )
    return out


def _overview(algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    rows = tuple(
        (text(tx(a.name, lang)), text(category(a.category, lang)), text(where_used(a, lang)))
        for a in algorithms
    )
    header = (
        t(lang, "算法名称", "Algorithm"),
        t(lang, "算法类别", "Category"),
        t(lang, "应用产品与场景", "Where it is used"),
    )
    return [Table(header, rows)]


def _how(algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    out: list[Block] = []
    for algo in algorithms:
        out.append(Heading(3, tx(algo.name, lang)))
        for value, zh, en in (
            (algo.scenarios, "应用场景", "Where it is used"),
            (algo.principles, "基本原理", "Basic principles"),
            (algo.purpose, "目的意图", "Purpose"),
        ):
            if value:
                out += [Heading(4, t(lang, zh, en)), rich(tx(value, lang))]
        if algo.mechanisms:
            steps = tuple(
                labelled(tx(m.title, lang), tx(m.description, lang), colon=colon(lang))
                for m in algo.mechanisms
            )
            out += [Heading(4, t(lang, "主要运行机制", "Main mechanisms")), ListBlock(steps, True)]
        if algo.formulas:
            out.append(Heading(4, t(lang, "计算方式", "How it is calculated")))
            for f in algo.formulas:
                out.append(Formula(tx(f.title, lang), plain_rich(tx(f.text, lang)), f.tex))
                if f.relative_importance:
                    out += labelled(
                        t(lang, "各项的相对重要性", "Relative importance"),
                        tx(f.relative_importance, lang),
                        colon=colon(lang),
                    )
    return out


def _data(algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    out: list[Block] = [
        para(
            t(
                lang,
                "下列清单按算法列出算法处理的个人信息的类别、举例、来源和使用目的。",
                "The lists below set out, for each algorithm, the categories of personal "
                "information it processes, with examples, where they come from and what they "
                "are used for.",
            )
        )
    ]
    header = (
        t(lang, "信息类别", "Category"),
        t(lang, "举例", "Examples"),
        t(lang, "来源", "Source"),
        t(lang, "使用目的", "Purpose"),
    )
    for algo in algorithms:
        out.append(Heading(3, tx(algo.name, lang)))
        personal = [i for i in algo.inputs if i.personal]
        other = [i for i in algo.inputs if not i.personal]
        if personal:
            rows = []
            for i in personal:
                name = tx(i.category, lang)
                if i.sensitive:
                    name += t(lang, "（敏感个人信息）", " (sensitive personal information)")
                rows.append(
                    (
                        text(name),
                        text(t(lang, "、", ", ").join(items(i.examples, lang)) or "—"),
                        rich_inline(tx(i.source, lang)),
                        rich_inline(tx(i.use, lang)) if i.use else text("—"),
                    )
                )
            caption = t(
                lang,
                f"{tx(algo.name, lang)}处理的个人信息",
                f"Personal information processed by the {tx(algo.name, lang)}",
            )
            out.append(Table(header, tuple(rows), caption))
        elif algo.inputs:
            out.append(
                para(
                    t(
                        lang,
                        "该算法不处理个人信息。",
                        "This algorithm does not process personal information.",
                    )
                )
            )
        else:
            out.append(para(t(lang, "未列明该算法使用的数据。", "No data inputs are listed.")))
        if other:
            names = t(lang, "、", ", ").join(tx(i.category, lang) for i in other)
            out.append(
                para(
                    t(
                        lang,
                        f"该算法还使用以下不属于个人信息的数据：{names}。",
                        f"It also uses the following data, which are not personal information: "
                        f"{names}.",
                    )
                )
            )
    return out


def _controls(algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    out: list[Block] = [
        para(
            t(
                lang,
                "你可以按以下步骤关闭个性化推荐、管理兴趣标签或减少不感兴趣的内容，各平台的操作路径分别列出。",
                "You can switch personalisation off, manage interest tags or see less of what you "
                "do not want by following the steps below, listed for each platform.",
            )
        )
    ]
    for algo in algorithms:
        out += [Heading(3, tx(algo.name, lang)), *control_blocks(algo, lang)]
    return out


def control_blocks(algo: Algorithm, lang: str) -> list[Block]:
    """Each control of one algorithm: description, effect and the steps on every platform."""
    out: list[Block] = []
    offered = controls(algo, lang)
    if not offered:
        out.append(para(t(lang, "该算法没有可供设置的选项。", "This algorithm has no settings.")))
    for _key, label, control in offered:
        out.append(Heading(4, label))
        if control.description:
            out.append(rich(tx(control.description, lang)))
        if control.effect:
            out += labelled(t(lang, "效果", "Effect"), tx(control.effect, lang), colon=colon(lang))
        for path in control.paths:
            out.append(para(text(platform(path.platform, lang), strong=True), colon(lang).rstrip()))
            steps = tuple((para(step),) for step in items(path.steps, lang))
            out.append(ListBlock(steps, ordered=True))
    return out


def _rights(site: Site, lang: str) -> list[Block]:
    out: list[Block] = []
    if site.privacy.retention:
        out += labelled(
            t(lang, "保存期限", "Retention"), tx(site.privacy.retention, lang), colon=colon(lang)
        )
    if site.privacy.rights:
        out += labelled(
            t(lang, "你的权利", "Your rights"), tx(site.privacy.rights, lang), colon=colon(lang)
        )
    return out


def _filing(site: Site, algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    rows = tuple(
        (
            text(a.filing.algorithm_name or tx(a.name, lang)),
            text(filing_status(a.filing.status, lang)),
            text(a.filing.number or "—"),
        )
        for a in algorithms
    )
    header = (
        t(lang, "算法名称", "Algorithm"),
        t(lang, "备案状态", "Status"),
        t(lang, "备案编号", "Filing number"),
    )
    out: list[Block] = [Table(header, rows)]
    if any(a.filing.number for a in algorithms) and site.site.filing_query_url:
        out.append(
            para(
                t(
                    lang,
                    "备案信息可在互联网信息服务算法备案系统查询：",
                    "Filings can be looked up in the Internet Information Service Algorithm "
                    "Filing System: ",
                ),
                link(site.site.filing_query_url, site.site.filing_query_url),
                t(lang, "。", ""),
            )
        )
    return out


def _effective(site: Site, algorithms: Sequence[Algorithm], lang: str) -> list[Block]:
    out: list[Block] = []
    when = effective_date(site, algorithms)
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
    if site.site.base_url:
        out.append(para(t(lang, "各算法的完整说明：", "The full disclosure of each algorithm:")))
        entries = tuple(
            (para(text(tx(a.name, lang) + colon(lang)), link(url, url)),)
            for a in algorithms
            if (url := page_url(site, a.id, lang))
        )
        out.append(ListBlock(entries))
    return out
