"""What the filing and assessment papers share: the marker, the note, the quoted basis, facts.

The papers are drafts a legal team completes. What they state about the service is YAML text,
shown as written (rich text keeps its emphasis and lists), or a value derived from YAML in the
words the other exports use (dates, response times, product names, filing status). Our own
wording is limited to headings, labels, the note at the top and the hints after 【待补充】. Where
the YAML has nothing for a line, the line says 【待补充】: absence never turns into a statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from disclosure_gen.check.rules.base import Citation
from disclosure_gen.check.rules.laws import Instrument
from disclosure_gen.check.schema import load_schema
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import Complaints, Explanation, ResponseTime
from disclosure_gen.content.model.site import Site
from disclosure_gen.content.model.text import Text
from disclosure_gen.export.blocks import (
    Block,
    Definitions,
    Document,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Span,
    Table,
    labelled,
    link,
    para,
    rich,
    rich_inline,
    text,
)
from disclosure_gen.export.common import (
    controls,
    filing_status,
    items,
    long_date,
    newest_date,
    page_url,
    placement_name,
    platform,
)

TODO = "【待补充】"
COLON = "："

#: How the published filing lists write a product's form: 「产品名（APP、网站、小程序）」 (§3.2).
KIND_LABELS = {
    "app": "APP",
    "website": "网站",
    "mini_program": "小程序",
    "official_account": "公众账号",
    "other": "其他",
}


def document(
    title: str, site: Site, algorithms: Sequence[Algorithm], body: list[Block]
) -> Document:
    """A paper: its title as the level-1 heading, then ``body``; dated from the content."""
    return Document(
        title=title,
        lang="zh",
        blocks=(Heading(1, title), *body),
        base_url=site.site.base_url,
        author=site.provider.name.zh,
        date=newest_date(algorithms),
    )


def todo(hint: str = "") -> Inline:
    """The marker, its words in bold, then what to fill in."""
    # The brackets stay outside the bold: CommonMark does not close ``**`` between 】 and a
    # letter, so ``**【待补充】**参与…`` would show its asterisks.
    marker = (Span(TODO[0]), Span(TODO[1:-1], strong=True), Span(TODO[-1]))
    return Inline(marker + ((Span(hint),) if hint else ()))


def todo_para(hint: str = "") -> Paragraph:
    """A paragraph that is only the marker and its hint."""
    return Paragraph((todo(hint),))


def note(use: str, *more: str) -> Paragraph:
    """The note at the top of a paper: what it is, what prefilled means, and ``more``."""
    return para(
        text("说明", strong=True),
        text(
            f"{COLON}本草稿由 disclosure_gen 根据 content/ 中的 YAML 生成，"
            f"供法务和算法团队补充完善后{use}。"
            "预填内容均取自 YAML：文字照录，日期、时限和名称按统一格式书写；"
            "标有「待补充」的内容 YAML 中没有，须由团队填写。" + "".join(more)
        ),
    )


def clause(inst: Instrument, article: int, paragraph: int | None = None) -> str:
    """《…》第N条（第N款）：「the clause, verbatim from laws.py」."""
    paras = inst.units[article]
    words = paras[paragraph - 1] if paragraph else "".join(paras)
    return f"{Citation(inst, article, words, paragraph)}{COLON}「{words}」"


def basis(inst: Instrument, article: int, paragraph: int | None = None) -> Paragraph:
    """依据：and the clause."""
    return para(text("依据", strong=True), text(COLON + clause(inst, article, paragraph)))


def line(label: str, value: str | Inline, hint: str = "") -> tuple[str, Inline]:
    """A Definitions item; an empty value becomes the marker (with ``hint`` if it says more)."""
    if isinstance(value, str):
        value = text(value)
    return (label, value if value.text.strip() else todo("" if hint == label else hint))


def text_line(label: str, value: Text, hint: str = "") -> tuple[str, Inline]:
    """A Definitions item from a YAML text, written as one line."""
    return line(label, rich_inline(value.zh) if value else "", hint)


def url(address: str) -> Inline:
    """A checked link showing its address (a mailto: link shows the e-mail address)."""
    return link(address.removeprefix("mailto:"), address) if address else text("")


def section(label: str, value: Text, hint: str = "") -> tuple[Block, ...]:
    """``label：text`` (label, then the text, when it has several paragraphs); else the marker."""
    if value:
        return labelled(label, value.zh, colon=COLON)
    return (para(text(label, strong=True), text(COLON), todo("" if hint == label else hint)),)


def heading_list(label: str, entries: Sequence[tuple[Block, ...]]) -> list[Block]:
    """``label：`` then a bulleted list."""
    return [para(text(label, strong=True), text(COLON)), ListBlock(tuple(entries))]


def day(value: date | None) -> str:
    """2024年7月1日, or '' when the YAML has no date."""
    return long_date(value, "zh") if value else ""


def flags(algo: Algorithm, names: Sequence[str] = ()) -> tuple[str, ...]:
    """The applicability flags the YAML sets (all, or those in ``names``), in the schema's words."""
    props = load_schema("algorithm")["properties"]["flags"]["properties"]
    chosen = names or tuple(props)
    return tuple(props[n]["title"].split(" / ")[0] for n in chosen if getattr(algo.flags, n, False))


def flag_list(algo: Algorithm, names: Sequence[str] = ()) -> list[Block]:
    """The flags the YAML sets, as a list under 适用情形; nothing when none is set."""
    said = flags(algo, names)
    return heading_list("适用情形（YAML 中声明）", [(para(f),) for f in said]) if said else []


def products(site: Site, algo: Algorithm) -> str:
    """'青禾（APP）、青禾骑手（APP）': the algorithm's products, as the filing lists write them."""
    out = []
    for ref in algo.products:
        product = site.product(ref.product)
        if product is None:
            out.append(ref.product)
        else:
            out.append(f"{product.name.zh}（{KIND_LABELS.get(product.kind, product.kind)}）")
    return "、".join(dict.fromkeys(out))


def filing_lines(site: Site, algo: Algorithm) -> list[tuple[str, Inline]]:
    """Filing status, number and dates, and the algorithm's page on the site."""
    f = algo.filing
    out = [line("备案状态", filing_status(f.status, "zh") if f.status else "")]
    if f.number or f.status in ("filed", "terminated"):
        out.append(line("备案编号", f.number))
    if f.submitted_on:
        out.append(line("备案提交日期", day(f.submitted_on)))
    if f.filed_on:
        out.append(line("备案日期", day(f.filed_on)))
    out.append(line("公示页面", url(page_url(site, algo.id)), "算法公示页面的网址"))
    return out


def inputs_table(algo: Algorithm, *, personal_only: bool = False) -> Block:
    """The data the algorithm uses, one row per ``inputs[]`` entry (or the marker)."""
    rows = []
    for i in algo.inputs:
        if personal_only and not i.personal:
            continue
        kind = ("敏感个人信息" if i.sensitive else "个人信息") if i.personal else "否"
        rows.append(
            (
                text(i.category.zh),
                text("、".join(i.examples.zh) or "—"),
                rich_inline(i.source.zh),
                text(kind),
                rich_inline(i.use.zh) if i.use else text("—"),
            )
        )
    if not rows:
        return todo_para("算法使用的数据")
    header = ("数据类别", "举例", "来源", "是否个人信息", "使用目的")
    return Table(header, tuple(rows), f"{algo.name.zh}使用的数据")


def mechanism_list(algo: Algorithm) -> Block:
    """The ordered stages as a numbered list, title then description."""
    if not algo.mechanisms:
        return todo_para("算法的主要运行机制")
    steps = tuple(labelled(m.title.zh, m.description.zh, colon=COLON) for m in algo.mechanisms)
    return ListBlock(steps, ordered=True)


def control_blocks(algo: Algorithm, level: int) -> list[Block]:
    """Each user control: description, effect and the menu path on every platform."""
    offered = controls(algo, "zh")
    if not offered:
        return [todo_para("用户选择、关闭算法推荐或管理标签的方式")]
    out: list[Block] = []
    for _key, label, control in offered:
        out.append(Heading(level, label))
        if control.description:
            out.append(rich(control.description.zh))
        if control.effect:
            out += labelled("效果", control.effect.zh, colon=COLON)
        paths = [
            line(platform(p.platform, "zh"), " → ".join(items(p.steps, "zh")))
            for p in control.paths
        ]
        if paths:
            out.append(Definitions(tuple(paths)))
    return out


def within(rt: ResponseTime | None) -> Inline:
    """The response time in the words every export uses."""
    return text(f"{rt.label('zh')}内答复") if rt else todo("反馈时限")


def complaint_blocks(c: Complaints) -> list[Block]:
    """Entry, channels and response time of a complaint channel, then its process."""
    pairs = [text_line("受理入口", c.entry, "投诉举报入口")]
    if c.url:
        pairs.append(line("在线渠道", url(c.url)))
    if c.phone:
        pairs.append(line("电话", c.phone))
    pairs.append(("反馈时限", within(c.response_time)))
    return [Definitions(tuple(pairs)), *section("处理流程", c.process, "受理、核实和反馈的流程")]


def explanation_blocks(e: Explanation | None) -> list[Block]:
    """How a user asks for an explanation, and how fast the answer comes."""
    if e is None:
        return [Definitions((line("申请说明的方式", "", "用户要求说明的渠道和反馈时限"),))]
    pairs = [text_line("申请说明的方式", e.channel)]
    if e.url:
        pairs.append(line("说明的在线渠道", url(e.url)))
    pairs.append(("说明的反馈时限", within(e.response_time)))
    return [Definitions(tuple(pairs))]


def notice_blocks(algo: Algorithm) -> list[Block]:
    """The in-product notice (显著告知) and where it is shown."""
    out = list(section("告知文字", algo.notice.text, "以显著方式告知用户的文字"))
    where = [
        (
            para(
                text(placement_name(algo, p.product, p.surface, "zh") + COLON),
                rich_inline(p.location.zh),
            ),
        )
        for p in algo.notice.placements
    ]
    return out + (heading_list("告知位置", where) if where else [])
