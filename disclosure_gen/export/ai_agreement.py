"""The user-agreement section 人工智能生成合成内容标识, as blocks (标识办法 第八条).

Article 8 of the labelling measures wants the user agreement to state how generated content is
labelled and what the labels look like, and to prompt users to read it. Per feature the
section gives the clause as the YAML has it (`generative.agreement.clause`), then the labels
it describes as a table (content, form, wording, position) and the implicit label, where the
agreement is published and how users are prompted, and where to report unlabelled content. The
closing duty not to remove labels restates 深度合成 第十八条.
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
    outputs,
    report_blocks,
)
from disclosure_gen.export.blocks import Block, Document, Heading, labelled, link, para, rich, text
from disclosure_gen.export.common import colon, newest_date, section_label, t, tx


def title(lang: str) -> str:
    """The section heading."""
    return t(lang, "人工智能生成合成内容标识", "Labelling of AI-generated content")


def ai_agreement_document(site: Site, algorithms: Sequence[Algorithm], lang: str) -> Document:
    """The labelling clauses of the AI features among ``algorithms``, in ``lang``."""
    chosen = features(algorithms)
    provider = tx(site.provider.name, lang)
    blocks: list[Block] = [
        Heading(1, title(lang)),
        para(
            t(
                lang,
                f"{provider}依法对使用下列功能生成或者编辑的内容添加标识。"
                "请你仔细阅读本条款，理解生成合成内容标识的方法、样式和相关的标识管理要求。",
                f"{provider} labels content generated or edited with the features below, as the "
                "law requires. Please read this clause carefully so that you understand how such "
                "content is labelled, what the labels look like and the rules that apply to them.",
            )
        ),
    ]
    for n, algo in enumerate(chosen, 1):
        blocks += [Heading(2, section_label(lang, n) + tx(algo.name, lang)), *_feature(algo, lang)]
    blocks += [
        Heading(2, t(lang, "不得删除标识", "Do not remove the labels")),
        para(
            t(
                lang,
                "你不得采用技术手段删除、篡改、隐匿上述标识。",
                "You must not remove, alter or hide these labels by technical means.",
            )
        ),
    ]
    return Document(
        title=title(lang),
        lang=lang,
        blocks=tuple(blocks),
        base_url=site.site.base_url,
        author=provider,
        date=newest_date(chosen),
    )


def _feature(algo: Algorithm, lang: str) -> list[Block]:
    gen = generative(algo)
    out: list[Block] = [
        para(
            text(t(lang, "生成内容", "Generates"), strong=True),
            text(colon(lang)),
            text(outputs(gen, lang)),
        )
    ]
    agreement = gen.agreement
    if agreement is not None and agreement.clause:
        out += [Heading(3, t(lang, "条款", "The clause")), rich(tx(agreement.clause, lang))]
    out.append(Heading(3, t(lang, "标识的方法和样式", "How content is labelled")))
    if gen.labels.explicit:
        out.append(label_table(gen, lang))
    out += implicit_blocks(gen, lang)
    if agreement is not None and agreement.prompt:
        out += labelled(
            t(lang, "阅读提示", "How you are asked to read this"),
            tx(agreement.prompt, lang),
            colon=colon(lang),
        )
    if agreement is not None and agreement.url:
        out.append(
            para(
                text(t(lang, "用户服务协议", "User agreement"), strong=True),
                text(colon(lang)),
                link(agreement.url, agreement.url),
            )
        )
    out += [
        Heading(3, t(lang, "举报未标识的内容", "Reporting unlabelled content")),
        *report_blocks(algo, lang),
    ]
    return out
