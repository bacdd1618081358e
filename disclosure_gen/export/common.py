"""Small shared pieces of wording: dates, product names, control labels, page links.

Every export (policy section, notice, filing text, JSON, CSV) and the site say the same facts;
keeping the few derived strings here means they are derived once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import Control
from disclosure_gen.content.model.site import PLATFORM_LABELS, Site
from disclosure_gen.content.model.text import Text, TextList
from disclosure_gen.export.blocks import Block, Document, Heading

#: Official category names are Chinese; English readers get a gloss beside them.
CATEGORY_EN = (
    ("生成合成类", "generation and synthesis"),
    ("个性化推送类", "personalised push"),
    ("排序精选类", "ranking and selection"),
    ("检索过滤类", "retrieval and filtering"),
    ("信息检索类", "information retrieval"),
    ("内容过滤类", "content filtering"),
    ("调度决策类", "scheduling and decision-making"),
)

FILING_STATUS = (
    ("filed", "已备案", "Filed"),
    ("pending", "备案办理中", "Filing in progress"),
    ("not_required", "无需备案", "Filing not required"),
    ("terminated", "已终止服务", "Service terminated"),
)


def t(lang: str, zh: str, en: str) -> str:
    """Pick the wording for ``lang``."""
    return en if lang == "en" else zh


def colon(lang: str) -> str:
    """The label separator: full-width in Chinese."""
    return ": " if lang == "en" else "："


def tx(value: Text, lang: str) -> str:
    """The text in ``lang``, falling back to Chinese when the translation is missing."""
    return value.get(lang) or value.zh


def items(value: TextList, lang: str) -> tuple[str, ...]:
    """List items in ``lang``, falling back to Chinese."""
    return value.get(lang) or value.zh


def category(name: str, lang: str) -> str:
    """The CAC category; in English the Chinese name stays, with a gloss."""
    gloss = dict(CATEGORY_EN).get(name)
    return f"{name} ({gloss})" if lang == "en" and gloss else name


def filing_status(status: str, lang: str) -> str:
    """The filing status in words."""
    for key, zh, en in FILING_STATUS:
        if key == status:
            return t(lang, zh, en)
    return t(lang, "未填写", "Not stated")


def filing_number(algo: Algorithm, lang: str) -> str:
    """The filing number, or the status when there is none yet."""
    return algo.filing.number or filing_status(algo.filing.status, lang)


def long_date(value: date, lang: str) -> str:
    """2026年1月1日 / 1 January 2026."""
    if lang == "en":
        return f"{value.day} {value:%B} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


def newest_date(algorithms: Sequence[Algorithm]) -> date | None:
    """The newest ``versions[].date`` of the algorithms (the export's stable 'now')."""
    return max((a.latest_date for a in algorithms if a.latest_date), default=None)


def effective_date(site: Site, algorithms: Sequence[Algorithm]) -> date | None:
    """When the policy section takes effect: ``privacy.effective`` or the newest version."""
    return site.privacy.effective or newest_date(algorithms)


def platform(name: str, lang: str) -> str:
    """The platform's display name."""
    zh, en = PLATFORM_LABELS.get(name, (name, name))
    return t(lang, zh, en)


def where_used(algo: Algorithm, lang: str) -> str:
    """'青禾（推荐页、搜索）' for each product the algorithm is used in."""
    sep = t(lang, "；", "; ")
    parts = []
    for ref in algo.products:
        product = algo.site.product(ref.product)
        name = tx(product.name, lang) if product else ref.product
        surfaces = []
        for sid in ref.surfaces:
            surface = next((s for s in product.surfaces if s.id == sid), None) if product else None
            surfaces.append(tx(surface.name, lang) if surface else sid)
        joined = t(lang, "、", ", ").join(surfaces)
        parts.append(f"{name}{t(lang, '（', ' (')}{joined}{t(lang, '）', ')')}" if joined else name)
    return sep.join(parts)


def placement_name(algo: Algorithm, product_id: str, surface_id: str, lang: str) -> str:
    """'青禾 · 推荐页' for a placement."""
    product = algo.site.product(product_id)
    name = tx(product.name, lang) if product else product_id
    if not surface_id:
        return name
    surface = next((s for s in product.surfaces if s.id == surface_id), None) if product else None
    return f"{name} · {tx(surface.name, lang) if surface else surface_id}"


def page_url(site: Site, algo_id: str, lang: str = "zh") -> str:
    """The algorithm's page on the public site; English pages live under ``en/`` when built."""
    base = site.site.base_url
    if not base:
        return ""
    prefix = "en/" if lang == "en" and "en" in site.site.languages else ""
    return base.rstrip("/") + f"/{prefix}algorithms/{algo_id}/"


def controls(algo: Algorithm, lang: str) -> tuple[tuple[str, str, Control], ...]:
    """(key, label, control) for each user control the algorithm offers, in a fixed order."""
    uc = algo.user_controls
    out: list[tuple[str, str, Control]] = []
    if uc.personalisation is not None:
        if uc.personalisation.kind == "off_switch" and algo.generative is not None:
            label = t(lang, "关闭此功能", "Switching the feature off")
        elif uc.personalisation.kind == "off_switch":
            label = t(lang, "关闭个性化推荐", "Switching personalisation off")
        else:
            label = t(lang, "不针对个人特征的选项", "The non-personalised option")
        out.append(("personalisation", label, uc.personalisation))
    for key, control, zh, en in (
        ("tag_select", uc.tag_select, "选择兴趣标签", "Choosing interest tags"),
        ("tag_delete", uc.tag_delete, "删除兴趣标签", "Deleting interest tags"),
        (
            "not_interested",
            uc.not_interested,
            "减少不感兴趣的内容",
            "Seeing less of what you dislike",
        ),
        ("push_optout", uc.push_optout, "关闭个性化推送", "Turning off personalised pushes"),
    ):
        if control is not None:
            out.append((key, t(lang, zh, en), control))
    return tuple(out)


_ZH_NUMERALS = "一二三四五六七八九十"


def section_label(lang: str, number: int) -> str:
    """「一、」 or "1. " before a section heading."""
    return f"{_ZH_NUMERALS[number - 1]}、" if lang != "en" else f"{number}. "


def numbered_document(
    site: Site,
    algorithms: Sequence[Algorithm],
    lang: str,
    *,
    title: str,
    intro: Sequence[Block],
    sections: Sequence[tuple[str, Sequence[Block]]],
) -> Document:
    """A policy section: its title, the intro, then the non-empty sections numbered in order."""
    blocks: list[Block] = [Heading(1, title), *intro]
    number = 0
    for heading, body in sections:
        if body:
            number += 1
            blocks += [Heading(2, section_label(lang, number) + heading), *body]
    return Document(
        title=title,
        lang=lang,
        blocks=tuple(blocks),
        base_url=site.site.base_url,
        author=tx(site.provider.name, lang),
        date=newest_date(algorithms),
    )
