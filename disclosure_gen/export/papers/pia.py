"""个人信息保护影响评估记录（草稿）: one record per algorithm that uses personal information.

An algorithm here ranks, pushes or dispatches from what its ``inputs`` list, so one with an input
marked ``personal: true`` makes automated decisions with personal information and gets a record.
The headings cover what issue 15 asks such an assessment to hold: whether purpose and method are
lawful, proper and necessary; the impact on individuals' rights and the security risks; whether
the protective measures are lawful, effective and proportionate to the risk; and keeping the
report and the processing records. The PIPL articles on impact assessments are not in
regulations.md, so the paper neither quotes nor numbers them; its note says to check the headings
and the retention period against the statute.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.blocks import Block, Definitions, Document, Heading, para, text
from disclosure_gen.export.common import where_used
from disclosure_gen.export.papers.common import (
    COLON,
    complaint_blocks,
    control_blocks,
    document,
    explanation_blocks,
    flag_list,
    inputs_table,
    line,
    mechanism_list,
    note,
    section,
    text_line,
    todo,
    todo_para,
    url,
)

TITLE = "个人信息保护影响评估记录（草稿）"

#: The flags that bear on the impact on individuals, in the order the record lists them.
_IMPACT_FLAGS = (
    "significant_impact",
    "uses_personal_tags",
    "automated_push_or_marketing",
    "serves_minors",
    "serves_elderly",
    "dispatches_workers",
    "sells_to_consumers",
)


class NothingToAssess(ValueError):
    """None of the chosen algorithms uses personal information, so no record is due."""


def assessed(algorithms: Sequence[Algorithm]) -> tuple[Algorithm, ...]:
    """The algorithms that need a record: those with an input marked as personal information."""
    return tuple(a for a in algorithms if any(i.personal for i in a.inputs))


def pia(site: Site, algorithms: Sequence[Algorithm]) -> Document:
    """Records for those of ``algorithms`` that use personal information."""
    chosen = assessed(algorithms)
    if not chosen:
        names = "、".join(f"`{a.id}`" for a in algorithms) or "（没有算法）"
        raise NothingToAssess(
            f"所选算法 {names} 的 inputs 中没有标为个人信息（personal: true）的数据，"
            "无需个人信息保护影响评估记录；用 --algorithm 选择处理个人信息的算法"
        )
    blocks: list[Block] = [
        note(
            "存档",
            "利用个人信息进行自动化决策的算法（inputs 中有标为个人信息的数据）各有一份记录。",
            "栏目按《中华人民共和国个人信息保护法》对个人信息保护影响评估的要求拟定；"
            "该法的相关条文未收入本工具的法规参考，请对照法律原文核对栏目，"
            "并确定评估报告和处理情况记录的保存期限。",
        ),
    ]
    left_out = [a.name.zh for a in algorithms if a not in chosen]
    if left_out:
        why = f"{COLON}{'、'.join(left_out)}（没有标为个人信息的数据）"
        blocks.append(para(text("未列入的算法", strong=True), text(why)))
    for algo in chosen:
        blocks += _record(site, algo)
    return document(TITLE, site, chosen, blocks)


def _record(site: Site, algo: Algorithm) -> list[Block]:
    contact = site.provider.contact
    pairs = [line("个人信息处理者", site.provider.name.zh)]
    if contact.email:
        pairs.append(line("联系邮箱", url(f"mailto:{contact.email}")))
    if contact.phone:
        pairs.append(line("联系电话", contact.phone))
    pairs += [
        line("算法名称", algo.filing.algorithm_name or algo.name.zh),
        line("算法类型", algo.category),
        line("应用产品与场景", where_used(algo, "zh")),
        line("评估时间", ""),
        line("评估人员", "", "参与评估的人员和部门"),
    ]
    return [
        Heading(2, algo.name.zh),
        Heading(3, "基本信息"),
        Definitions(tuple(pairs)),
        Heading(3, "一、处理目的和处理方式是否合法、正当、必要"),
        *_purpose(algo),
        Heading(3, "二、对个人权益的影响及安全风险"),
        *_impact(algo),
        Heading(3, "三、保护措施是否合法、有效并与风险程度相适应"),
        *_measures(site, algo),
        Heading(3, "四、评估结论"),
        todo_para("评估结论、需要改进的事项和完成时间，以及负责人签字"),
        Heading(3, "五、报告和记录的保存"),
        Definitions(
            (
                ("报告和记录的保存期限", todo("按法律规定确定")),
                ("保存位置", todo("评估报告和处理情况记录的存放位置")),
                ("保管人", todo()),
            )
        ),
    ]


def _purpose(algo: Algorithm) -> list[Block]:
    out: list[Block] = [
        Heading(4, "处理目的"),
        *section("目的意图", algo.purpose),
        *section("应用场景", algo.scenarios),
        Heading(4, "处理方式"),
        *section("基本原理", algo.principles),
        para(text("主要运行机制", strong=True), text(COLON)),
        mechanism_list(algo),
        Heading(4, "处理的个人信息"),
        inputs_table(algo, personal_only=True),
    ]
    other = [i.category.zh for i in algo.inputs if not i.personal]
    if other:
        out.append(Definitions((line("不属于个人信息的数据", "、".join(other)),)))
    out += [
        Heading(4, "合法性、正当性和必要性"),
        todo_para(
            "处理的合法性基础（如个人同意）、每类个人信息的必要性和最小范围、处理方式的正当性"
        ),
    ]
    return out


def _impact(algo: Algorithm) -> list[Block]:
    sensitive = "、".join(i.category.zh for i in algo.inputs if i.sensitive)
    out: list[Block] = [
        Definitions((line("敏感个人信息", sensitive or "inputs 中没有标为敏感个人信息的数据"),)),
        *flag_list(algo, _IMPACT_FLAGS),
    ]
    if algo.pricing is not None:
        out += section("定价说明", algo.pricing.description)
    return [
        *out,
        todo_para("对个人权益可能产生的影响及其程度"),
        todo_para("安全风险（泄露、篡改、丢失、滥用）及其可能性和影响程度，风险等级"),
    ]


def _measures(site: Site, algo: Algorithm) -> list[Block]:
    priv = site.privacy
    out: list[Block] = [
        Heading(4, "用户选择与控制"),
        *control_blocks(algo, 5),
        Heading(4, "保存期限和个人权利"),
        Definitions(
            (
                text_line("保存期限", priv.retention, "个人信息的保存期限和到期后的处理"),
                text_line("个人权利的行使", priv.rights, "个人行使权利的方式"),
            )
        ),
        Heading(4, "要求说明与投诉举报"),
        *explanation_blocks(algo.explanation),
        *complaint_blocks(algo.complaints),
    ]
    if algo.minors is not None:
        out += [Heading(4, "未成年人保护"), *section("保护措施", algo.minors.protections)]
    return [
        *out,
        todo_para("技术和管理措施（加密、去标识化、访问权限、安全事件应急预案等）"),
        todo_para("以上措施是否合法、有效并与风险程度相适应的判断"),
    ]
