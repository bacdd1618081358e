"""Blocks both AI exports share: the label table, the implicit label, the report channel.

The privacy-policy section (ai_privacy.py) and the user-agreement section (ai_agreement.py) say
the same facts about labels as the feature pages; building them once keeps the wording equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.generative import (
    FORM_NAMES,
    IMPLICIT_FIELD_NAMES,
    MODALITY_NAMES,
    MODEL_KIND_NAMES,
    POSITION_NAMES,
    Generative,
)
from disclosure_gen.export.blocks import Block, Table, labelled, para, rich_inline, text
from disclosure_gen.export.channels import channel_definitions
from disclosure_gen.export.common import colon, t, tx


def features(algorithms: Sequence[Algorithm]) -> tuple[Algorithm, ...]:
    """The algorithms that are AI features (have a ``generative`` block), in catalogue order."""
    return tuple(a for a in algorithms if a.generative is not None)


def generative(algo: Algorithm) -> Generative:
    """The block of an algorithm known to be an AI feature."""
    assert algo.generative is not None
    return algo.generative


def name(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """An enum value's display name in ``lang`` (unknown values show as themselves)."""
    pair = table.get(key)
    return key if pair is None else t(lang, *pair)


def outputs(gen: Generative, lang: str) -> str:
    """「文本、图片」 / "Text, Image"."""
    return t(lang, "、", ", ").join(name(MODALITY_NAMES, o, lang) for o in gen.outputs)


def quoted(wording: str, lang: str) -> str:
    """A label's wording in the quotation marks of ``lang``."""
    return t(lang, f"「{wording}」", f"“{wording}”")


def label_table(gen: Generative, lang: str) -> Table:
    """One row per explicit label: content, form, wording, position, exact place."""
    header = (
        t(lang, "内容类型", "Content"),
        t(lang, "呈现方式", "Form"),
        t(lang, "标识文字", "Wording"),
        t(lang, "位置", "Position"),
        t(lang, "具体位置与样式", "Exact place and style"),
    )
    rows = tuple(
        (
            text(name(MODALITY_NAMES, e.modality, lang)),
            text(name(FORM_NAMES, e.form, lang)),
            text(quoted(tx(e.wording, lang), lang)),
            text(name(POSITION_NAMES, e.position, lang)),
            rich_inline(tx(e.where, lang)) if e.where else text("—"),
        )
        for e in gen.labels.explicit
    )
    return Table(header, rows, t(lang, "显式标识", "Visible labels"))


def implicit_blocks(gen: Generative, lang: str) -> list[Block]:
    """What the implicit label records and where, as one labelled paragraph."""
    imp = gen.labels.implicit
    if imp is None:
        return []
    fields = t(lang, "、", ", ").join(name(IMPLICIT_FIELD_NAMES, f, lang) for f in imp.fields)
    out: list[Block] = [
        para(
            text(t(lang, "隐式标识", "Implicit label"), strong=True),
            text(colon(lang)),
            text(t(lang, f"写入{fields}。", f"records {fields}.")),
        )
    ]
    if imp.carrier:
        out += labelled(
            t(lang, "写在哪里", "Where it is written"), tx(imp.carrier, lang), colon=colon(lang)
        )
    return out


def model_table(algorithms: Sequence[Algorithm], lang: str) -> Table:
    """Every model of every feature: feature, model, filed or registered, number, holder."""
    header = (
        t(lang, "功能", "Feature"),
        t(lang, "模型名称", "Model"),
        t(lang, "备案或登记", "Filed or registered"),
        t(lang, "备案号或上线编号", "Filing or registration number"),
        t(lang, "备案或登记主体", "Filed or registered by"),
    )
    rows = tuple(
        (
            text(tx(a.name, lang)),
            text(tx(m.name, lang)),
            text(name(MODEL_KIND_NAMES, m.kind, lang)),
            text(m.number or "—"),
            text(tx(m.holder, lang) if m.holder else "—"),
        )
        for a in algorithms
        for m in generative(a).models
    )
    return Table(header, rows)


def report_blocks(algo: Algorithm, lang: str) -> list[Block]:
    """Where to report the feature's unlabelled content: its own channel or the complaint one."""
    channel = generative(algo).reporting or algo.complaints
    out: list[Block] = [channel_definitions(channel, lang)]
    if channel.process:
        out += labelled(
            t(lang, "处理流程", "How we handle it"), tx(channel.process, lang), colon=colon(lang)
        )
    return out
