"""算法安全自评估报告（草稿）: one part per algorithm, prefilled from its YAML.

第二十四条 lists the 算法自评估报告 among what a filing holds; its official template was not
available (regulations.md §3.1, §3.5). The sections follow the practitioner field list and body
sections that §3.5 records: 基本信息; 一、算法情况 (算法流程, 算法数据, 算法模型, 干预策略,
结果标识); 二、服务情况; 三、风险研判; 四、风险防控情况; 五、安全评估结论. The paper's note
says so. The 拟公示内容 follows as an annex, row for row and with the counts of ``filing-txt``.
三、风险研判 quotes, from laws.py, each prohibition the algorithm's flags make relevant, in the
way the rules decide applicability, and leaves the conclusion to the team.
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
    Formula,
    Heading,
    Inline,
    Span,
    Table,
    labelled,
    para,
    plain_rich,
    rich_inline,
    text,
)
from disclosure_gen.export.common import where_used
from disclosure_gen.export.filing import filing_sheet
from disclosure_gen.export.papers.common import (
    COLON,
    basis,
    clause,
    complaint_blocks,
    control_blocks,
    day,
    document,
    explanation_blocks,
    filing_lines,
    flag_list,
    heading_list,
    inputs_table,
    line,
    mechanism_list,
    note,
    notice_blocks,
    products,
    section,
    todo,
    todo_para,
)

TITLE = "算法安全自评估报告（草稿）"

#: 风险研判 rows: (the flag that makes the clause apply, "" for always; article; paragraph).
_RISKS: tuple[tuple[str, int, int | None], ...] = (
    ("", 8, None),
    ("uses_personal_tags", 10, None),
    ("has_ranking_list", 14, None),
    ("serves_minors", 18, 2),
    ("serves_elderly", 19, None),
    ("dispatches_workers", 20, None),
    ("sells_to_consumers", 21, None),
)
#: 第十四条 also names 检索结果排序, so retrieval algorithms get its row without a ranking list.
_SEARCH = ("检索过滤类", "信息检索类")
_WORKER_TEXTS = (
    ("order_allocation", "订单分配"),
    ("pay", "报酬构成及支付"),
    ("working_hours", "工作时间"),
    ("rewards_penalties", "奖惩"),
    ("time_estimation", "时间预估"),
    ("fee_calculation", "费用计算"),
    ("route_planning", "路线规划"),
)
_COUPON_TEXTS = (
    ("conditions", "优惠券领取条件"),
    ("quantity", "发放数量"),
    ("usage_rules", "使用规则"),
    ("failure_reasons", "领取失败的说明"),
)


def self_assessment(site: Site, algorithms: Sequence[Algorithm]) -> Document:
    """The report for ``algorithms``: one part (level 2) per algorithm."""
    blocks: list[Block] = [
        note(
            "提交",
            "报告栏目参照公开的从业者模板拟定；互联网信息服务算法备案系统的官方模板未能确认，"
            "提交前请按备案系统当时的要求核对栏目。",
        ),
        basis(ALGO, 24, 1),
    ]
    for algo in algorithms:
        blocks += _part(site, algo)
    return document(TITLE, site, algorithms, blocks)


def _part(site: Site, algo: Algorithm) -> list[Block]:
    name = algo.filing.algorithm_name or algo.name.zh
    started = algo.filing.service_started_on
    facts = [
        line("主体名称", site.provider.name.zh),
        line("统一社会信用代码", ""),
        line("算法名称", name),
        line("算法类型", algo.category),
        line("应用产品", products(site, algo)),
        line("应用页面", where_used(algo, "zh"), "算法在产品中的使用位置"),
        line("服务形式", ""),
        line("算法应用领域", ""),
        line("算法使用场景", rich_inline(algo.scenarios.zh) if algo.scenarios else ""),
        line("算法上线情况", f"{day(started)}起提供服务" if started else "", "开始提供服务的日期"),
        *filing_lines(site, algo),
        line("自评估时间", ""),
        line("评估人员", "", "参与评估的人员和部门"),
    ]
    out: list[Block] = [Heading(2, name), Heading(3, "基本信息"), Definitions(tuple(facts))]
    out += [Heading(3, "一、算法情况"), *_algorithm(algo)]
    out += [Heading(3, "二、服务情况"), *_service(algo)]
    out += [Heading(3, "三、风险研判"), *_risks(algo)]
    out += [Heading(3, "四、风险防控情况"), *_measures(algo)]
    out += [
        Heading(3, "五、安全评估结论"),
        todo_para("评估结论、发现的问题和整改安排，以及负责人签字"),
        *_annex(algo),
    ]
    return out


def _algorithm(algo: Algorithm) -> list[Block]:
    out: list[Block] = [
        Heading(4, "（一）算法流程"),
        *section("基本原理", algo.principles),
        para(text("主要运行机制", strong=True), text(COLON)),
        mechanism_list(algo),
        Heading(4, "（二）算法数据"),
        inputs_table(algo),
        todo_para("数据来源的合法性、数据规模和更新频率、训练数据的来源和处理"),
        Heading(4, "（三）算法模型"),
        *section("优化目标与决策标准", algo.objectives),
    ]
    for f in algo.formulas:
        out.append(Formula(f.title.zh, plain_rich(f.text.zh), f.tex))
        if f.relative_importance:
            out += labelled("各项的相对重要性", f.relative_importance.zh, colon=COLON)
    out += [
        todo_para("模型结构、训练方法、上线前的测试和评估指标"),
        Heading(4, "（四）干预策略"),
        *section("内容去重与打散", algo.diversity, "内容去重、打散等多样性策略"),
    ]
    if algo.ranking_list is not None:
        out += section("榜单的人工干预", algo.ranking_list.intervention)
        out += section("榜单的更新", algo.ranking_list.refresh)
    out += [
        todo_para("人工干预和用户自主选择机制、违法和不良信息的识别与处置"),
        Heading(4, "（五）结果标识"),
        *notice_blocks(algo),
        todo_para("推广、活动等其他标识"),
    ]
    return out


def _service(algo: Algorithm) -> list[Block]:
    return [
        *section("目的意图", algo.purpose),
        *section("面向用户的说明", algo.summary),
        *flag_list(algo),
        para(text("用户规模", strong=True), text(COLON), todo("用户数量和日活跃用户数")),
    ]


def _risks(algo: Algorithm) -> list[Block]:
    rows = []
    for flag, art, paragraph in _RISKS:
        applies = not flag or getattr(algo.flags, flag, False)
        if applies or (art == 14 and algo.category in _SEARCH):
            rows.append((text(clause(ALGO, art, paragraph)), todo("研判结论")))
    caption = "对照《互联网信息服务算法推荐管理规定》逐项研判"
    return [
        Table(("对照条款", "研判结论"), tuple(rows), caption),
        todo_para("其他安全风险（如数据泄露、模型偏差、被恶意利用）及其可能性和影响"),
    ]


def _measures(algo: Algorithm) -> list[Block]:
    out: list[Block] = [Heading(4, "用户选择与控制"), *control_blocks(algo, 5)]
    out += [Heading(4, "投诉举报与要求说明"), *complaint_blocks(algo.complaints)]
    out += explanation_blocks(algo.explanation)
    out.append(Heading(4, "未成年人保护"))
    if algo.minors is not None:
        out += section("保护措施", algo.minors.protections, "未成年人保护措施")
        out += section("未成年人模式", algo.minors.mode, "未成年人模式的入口")
    else:
        out.append(todo_para("面向未成年人提供服务时的保护措施；不面向未成年人的，说明理由"))
    out.append(Heading(4, "老年人保护"))
    if algo.elderly is not None:
        out += section("适老化服务", algo.elderly.services)
        out += section("防范电信网络诈骗", algo.elderly.fraud_monitoring, "涉诈信息的监测和处置")
    else:
        out.append(
            todo_para(
                "面向老年人提供服务时的适老化服务和防范电信网络诈骗措施；不面向老年人的，说明理由"
            )
        )
    workers = algo.workers
    if workers is not None:
        out.append(Heading(4, "劳动者权益保障"))
        for attr, label in _WORKER_TEXTS:
            out += section(label, getattr(workers, attr))
        if workers.appeals is not None:
            out += section("申诉渠道", workers.appeals.channel)
    pricing = algo.pricing
    if pricing is not None:
        out += [Heading(4, "公平交易"), *section("定价说明", pricing.description)]
        if pricing.features:
            out.append(Definitions((line("定价使用的因素", "、".join(pricing.features)),)))
        for attr, label in _COUPON_TEXTS if pricing.coupons else ():
            out += section(label, getattr(pricing.coupons, attr))
    if algo.ranking_list is not None:
        out += [Heading(4, "榜单"), *_ranking(algo)]
    out += [Heading(4, "定期审核"), *_reviews(algo)]
    return out


def _ranking(algo: Algorithm) -> list[Block]:
    rl = algo.ranking_list
    assert rl is not None
    out = [*section("排序原理", rl.principle), *section("排序依据", rl.basis)]
    if rl.factors:
        out += heading_list(
            "主要因素", [labelled(f.name.zh, f.description.zh, colon=COLON) for f in rl.factors]
        )
    out += section("示例", rl.worked_example, "排序示例")
    if rl.log_fields:
        out.append(Definitions((line("日志留存字段", "、".join(rl.log_fields)),)))
    return out


def _reviews(algo: Algorithm) -> list[Block]:
    out: list[Block] = []
    if algo.versions:
        rows = tuple(
            (text(v.version), text(day(v.date)), rich_inline(v.changes.zh)) for v in algo.versions
        )
        out.append(Table(("版本", "日期", "变更内容"), rows, "公示内容版本记录"))
    out.append(Definitions((line("下次复核日期", day(algo.review_by)),)))
    out.append(todo_para("对算法机制机理、模型、数据和应用结果的审核、评估、验证记录"))
    return out


def _annex(algo: Algorithm) -> list[Block]:
    out: list[Block] = [
        Heading(3, "附件：拟公示内容"),
        para(
            "以下各项与 ",
            Inline((Span("disclosure-gen export --format filing-txt", code=True),)),
            " 导出的拟公示内容相同。",
        ),
    ]
    for row in filing_sheet(algo).rows:
        out.append(Heading(4, f"{row.label}（{row.chars} 字）"))
        out += [para(p) for p in row.text.split("\n")] if row.text else [todo_para()]
    return out
