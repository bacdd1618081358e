"""落实算法安全主体责任基本情况（草稿）: the provider's paper for the subject filing.

regulations.md §3.1 records that the subject filing uploads this document; its official template
was not available. The sections follow 第七条, which says what 算法安全主体责任 consists of: the
management systems and technical measures it names one by one, published service rules, and
staff and technical support. The YAML knows the provider, its products and algorithms, the
published disclosures and notices, complaint handling, privacy rules and each algorithm's
user-facing measures; internal systems (ethics review, user registration, incident response …)
stay 待补充.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.blocks import (
    Block,
    Definitions,
    Document,
    Heading,
    Inline,
    ListBlock,
    Table,
    labelled,
    para,
    rich_inline,
    text,
)
from disclosure_gen.export.common import (
    controls,
    filing_status,
    page_url,
    placement_name,
    platform,
    where_used,
)
from disclosure_gen.export.papers.common import (
    COLON,
    KIND_LABELS,
    basis,
    complaint_blocks,
    day,
    document,
    explanation_blocks,
    heading_list,
    line,
    note,
    notice_blocks,
    section,
    text_line,
    todo,
    todo_para,
    url,
)

TITLE = "落实算法安全主体责任基本情况（草稿）"

#: The management systems 第七条 names, in its order.
SYSTEMS = (
    "算法机制机理审核",
    "科技伦理审查",
    "用户注册",
    "信息发布审核",
    "数据安全和个人信息保护",
    "反电信网络诈骗",
    "安全评估监测",
    "安全事件应急处置",
)
_ZH_NUMERALS = "一二三四五六七八九十"


def responsibility(site: Site, algorithms: Sequence[Algorithm]) -> Document:
    """The paper for the provider of ``site``, covering ``algorithms``."""
    blocks: list[Block] = [
        note(
            "提交",
            "互联网信息服务算法备案系统的官方模板未能确认，栏目按《互联网信息服务算法推荐管理规定》"
            "第七条所列事项逐项拟定，提交前请按备案系统当时的要求核对栏目。",
        ),
        basis(ALGO, 7),
        Heading(2, "一、主体基本情况"),
        *_provider(site, algorithms),
        Heading(2, "二、算法推荐服务情况"),
        _algorithms(algorithms),
        Heading(2, "三、管理制度和技术措施"),
    ]
    for n, name in enumerate(SYSTEMS, start=1):
        blocks += [Heading(3, f"（{_ZH_NUMERALS[n - 1]}）{name}"), *_system(name, site, algorithms)]
    blocks += [
        Heading(2, "四、制定并公开算法推荐服务相关规则"),
        *_rules(site, algorithms),
        Heading(2, "五、用户权益保护"),
        *_users(site, algorithms),
        Heading(2, "六、专业人员和技术支撑"),
        todo_para("与算法推荐服务规模相适应的专业人员配置（人数、岗位、职责）和技术支撑"),
    ]
    return document(TITLE, site, algorithms, blocks)


def _provider(site: Site, algorithms: Sequence[Algorithm]) -> list[Block]:
    p, c = site.provider, site.provider.contact
    pairs = [
        line("主体名称", p.name.zh),
        line("统一社会信用代码", ""),
        text_line("主体简介", p.about),
    ]
    if c.email:
        pairs.append(line("联系邮箱", url(f"mailto:{c.email}")))
    if c.phone:
        pairs.append(line("联系电话", c.phone))
    if c.address:
        pairs.append(text_line("联系地址", c.address))
    if c.url:
        pairs.append(line("网址", url(c.url)))
    pairs += [
        line("算法安全负责人", "", "姓名、职务和联系方式"),
        line("算法安全工作机构", "", "负责算法安全的部门及其职责"),
    ]
    rows = []
    for product in site.products:
        users = [a.name.zh for a in algorithms if any(r.product == product.id for r in a.products)]
        rows.append(
            (
                text(product.name.zh),
                text(KIND_LABELS.get(product.kind, product.kind)),
                text("、".join(platform(x, "zh") for x in product.platforms)),
                text("、".join(users) or "—"),
            )
        )
    table = Table(("产品", "类型", "平台", "使用的算法"), tuple(rows), "产品及其使用的算法")
    return [Definitions(tuple(pairs)), table]


def _algorithms(algorithms: Sequence[Algorithm]) -> Block:
    rows = tuple(
        (
            text(a.filing.algorithm_name or a.name.zh),
            text(a.category),
            text(where_used(a, "zh")),
            text(filing_status(a.filing.status, "zh")) if a.filing.status else todo(),
            text(a.filing.number or "—"),
        )
        for a in algorithms
    )
    header = ("算法名称", "算法类别", "应用产品与场景", "备案状态", "备案编号")
    return Table(header, rows, "算法推荐服务一览")


def _system(name: str, site: Site, algorithms: Sequence[Algorithm]) -> list[Block]:
    if name == "算法机制机理审核":
        return _reviews(algorithms)
    if name == "数据安全和个人信息保护":
        return _privacy(site, algorithms)
    out: list[Block] = []
    if name == "反电信网络诈骗":
        for a in algorithms:
            if a.elderly is not None and a.elderly.fraud_monitoring:
                out += labelled(a.name.zh, a.elderly.fraud_monitoring.zh, colon=COLON)
    return [*out, todo_para(f"{name}的管理制度和技术措施")]


def _reviews(algorithms: Sequence[Algorithm]) -> list[Block]:
    rows = []
    for a in algorithms:
        latest = max(a.versions, key=lambda v: v.date) if a.versions else None
        rows.append(
            (
                text(a.name.zh),
                text(latest.version if latest else "—"),
                text(day(latest.date) if latest else "—"),
                text(day(a.review_by)) if a.review_by else todo(),
            )
        )
    header = ("算法名称", "当前公示版本", "版本日期", "下次复核日期")
    return [
        Table(header, tuple(rows), "各算法公示内容的版本和复核日期"),
        todo_para("审核制度的名称，审核的内容、流程和频次，最近一次审核的记录"),
    ]


def _privacy(site: Site, algorithms: Sequence[Algorithm]) -> list[Block]:
    priv = site.privacy
    pairs = (
        line("隐私政策", url(priv.policy_url), "隐私政策的网址"),
        text_line("保存期限", priv.retention, "个人信息的保存期限"),
        text_line("个人权利的行使", priv.rights, "个人行使权利的方式"),
    )
    rows = tuple(
        (
            text(a.name.zh),
            text("、".join(i.category.zh for i in a.inputs if i.personal) or "—"),
            text("、".join(i.category.zh for i in a.inputs if i.sensitive) or "—"),
        )
        for a in algorithms
    )
    return [
        Definitions(pairs),
        Table(("算法名称", "处理的个人信息", "敏感个人信息"), rows, "各算法处理的个人信息"),
        todo_para("数据安全管理制度、个人信息保护负责人、数据分类分级和安全技术措施"),
    ]


def _rules(site: Site, algorithms: Sequence[Algorithm]) -> list[Block]:
    s = site.site
    out: list[Block] = [
        Definitions((line("算法公示网站", s.title.zh), line("网址", url(s.base_url))))
    ]
    for algo in algorithms:
        out += [
            Heading(3, algo.name.zh),
            Definitions((line("公示页面", url(page_url(site, algo.id)), "公示页面的网址"),)),
            Heading(4, "显著告知"),
            *notice_blocks(algo),
        ]
        shown = [
            (
                para(
                    text(placement_name(algo, d.product, d.surface, "zh") + COLON),
                    rich_inline(d.location.zh),
                ),
            )
            for d in algo.filing.display
        ]
        if shown or algo.filing.public_info_link:
            out.append(Heading(4, "备案编号的展示位置"))
            out += heading_list("展示位置", shown) if shown else []
            if algo.filing.public_info_link:
                link_line = line("公示信息链接", url(algo.filing.public_info_link))
                out.append(Definitions((link_line,)))
    out.append(todo_para("其他已公开的算法推荐服务相关规则（如社区规则、推荐规则说明）及其位置"))
    return out


def _users(site: Site, algorithms: Sequence[Algorithm]) -> list[Block]:
    out: list[Block] = [
        Heading(3, "投诉举报"),
        *complaint_blocks(site.complaints),
        Heading(3, "要求说明"),
        *explanation_blocks(site.explanation),
        Heading(3, "各算法的用户权益保护措施"),
    ]
    for algo in algorithms:
        out.append(Heading(4, algo.name.zh))
        offered: list[tuple[Block, ...]] = []
        for _key, label, control in controls(algo, "zh"):
            said = control.effect or control.description
            tail: tuple[Inline, ...] = (text(COLON), rich_inline(said.zh)) if said else ()
            offered.append((para(text(label, strong=True), *tail),))
        out.append(ListBlock(tuple(offered)) if offered else todo_para("用户选择和控制的方式"))
        if algo.own_complaints is not None:
            out += [para(text("专门的投诉渠道", strong=True), text(COLON))]
            out += complaint_blocks(algo.own_complaints)
        if algo.explanation is not None and algo.explanation != site.explanation:
            out += explanation_blocks(algo.explanation)
        if algo.minors is not None:
            out += section("未成年人保护", algo.minors.protections, "未成年人保护措施")
        if algo.elderly is not None:
            out += section("适老化服务", algo.elderly.services)
        if algo.workers is not None and algo.workers.appeals is not None:
            out += section("劳动者申诉", algo.workers.appeals.channel)
    return out
