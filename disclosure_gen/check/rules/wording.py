"""Vocabulary for the rules that read what a text says, not only whether it is there.

Not a rule module: it defines no Rule subclasses. A duty-bearing clause names the things a
disclosure must state (基本原理 names signals and how they become a result; a 处理流程 names steps;
报酬构成 names components). A rule asks whether its field names *any* of them, with a word list
(a compiled alternation) of its own; a text that names none plainly fails the clause. The lists
are generous on purpose: a false error on good text costs more than a missed evasion, and the
compliant corpus in tests/rules/compliant/ keeps them honest.

Clauses matter for admissions: «不使用你的位置» is the opposite of «结合你的位置», so a word counts
as admitted only in a clause where no negation comes before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.rules.texts import plain

_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
#: A negation before a word turns «使用位置» into «不使用位置».
_NEGATION = re.compile(
    r"不|无|没有|非(?!个性化)|未|勿|禁止|避免|拒绝|杜绝|严禁|从不|绝不|never|not\b|no\b", re.I
)


def clauses(text: str) -> list[str]:
    """Split Chinese prose into clauses at commas, semicolons, sentence ends and line breaks."""
    return [c.strip() for c in _CLAUSE_END.split(plain(text)) if c.strip()]


def negated(clause: str, start: int) -> bool:
    """Whether a negation comes before position ``start`` of ``clause``."""
    return bool(_NEGATION.search(clause[:start]))


def admissions(
    text: str, terms: re.Pattern[str], verbs: re.Pattern[str] | None = None
) -> Iterator[tuple[str, str]]:
    """Yield ``(clause, term)`` for each clause that names a term with no negation before it.

    With ``verbs``, the clause must also contain one of them (a use: 使用、结合、调整…).
    """
    if not terms.search(text):
        return  # most texts name none of the terms: one scan, no clause splitting
    for clause in clauses(text):
        match = next((m for m in terms.finditer(clause) if not negated(clause, m.start())), None)
        if match is None:
            continue
        if verbs is not None and not verbs.search(clause):
            continue
        yield clause, match.group(0)


def first(pattern: re.Pattern[str], text: str) -> str:
    """The first match of ``pattern`` in ``text``, or ''."""
    found = pattern.search(text)
    return found.group(0) if found else ""


#: Stock phrases and filler that say nothing about a particular algorithm: what is left once
#: they are gone is what the text actually states.
STOCK = re.compile(
    r"大数据|人工智能|先进(?:的)?(?:算法|技术)|智能(?:化)?|领先|前沿|海量|精准|千人千面|优质|更好|更优|"
    r"极致|精彩|高效|便捷|卓越|一流|全方位|多维度|全面|深度学习|机器学习|算法|模型|技术|系统|服务|"
    r"体验|生态|竞争力|价值|共赢|赋能|助力|打造|致力于|持续|不断|提升|提高|优化|满足|需求|个性化|"
    r"定制|专属|用户|您|你|我们|我司|平台|产品|行业|为|向|对|给|将|会|能|可|在|于|是|有|的|地|得|了|"
    r"和|与|及|并|以|等|各|每一位|每个|一切|提供|进行|实现|通过|使用|利用|采用|依托|基于|更加|更|最|"
    r"相关|各类|各种|所有|从而|进而|以及|同时|推荐|内容|信息|数据|处理|结果|效果|效率|整体|显著|"
    r"多轮|迭代|准确|合理|公平|认真|高度|重视|AI|[\s\W_]",
    re.I,
)
#: Fewer characters than this left after STOCK: the text is stock phrases only.
MIN_RESIDUE = 4


def residue(text: str) -> str:
    """What ``text`` states once stock phrases, filler and punctuation are removed."""
    return STOCK.sub("", plain(text))


def boilerplate(text: str) -> bool:
    """The text is made of stock phrases only («为用户提供更优质的服务和更好的体验»)."""
    return len(residue(text)) < MIN_RESIDUE


#: Signals an algorithm can work from: behaviour, content, context, people, places, times.
SIGNALS = re.compile(
    r"记录|历史|行为|观看|浏览|阅读|收听|点击|点开|点赞|收藏|评论|分享|转发|关注|搜索|停留|时长|完播|"
    r"看完|读完|听完|跳过|购买|下单|订单|位置|定位|距离|地址|路况|路程|天气|时段|评分|评价|简历|技能|"
    r"经验|学历|意向|标题|关键词|文字|图片|视频|音频|标签|兴趣|偏好|喜好|设备|热度|销量|价格|库存|出餐|"
    r"骑手|司机|乘客|观众|主播|年级|进度|练习|正确率|反馈|互动|来源|发布时间|提问|问题|指令|提示词|"
    r"名称|地点|目的地|上车点|类目|属性|特征库|人数|次数|条数|计数|反应|画面|字幕|话题|作者|创作者"
)
#: How signals become a result: a basis, an estimate, an order, a combination, a condition.
#: Single characters only in context (先…再, 越…越): 领先 and 卓越 are not logic.
LOGIC = re.compile(
    r"根据|依据|按照|按(?!钮)|基于|结合|综合|参考|比较|比对|估计|预估|预测|计算|统计|相加|相乘|乘以|"
    r"加权|取(?:其中|最|较)|越.{1,12}越|优先|如果|若.{1,20}则|当.{1,20}时|先.{1,30}再|排在|靠前|靠后|"
    r"高于|低于|从高到低|决定|归纳|匹配度|打分|得分|分数"
)
#: Operations a stage of a mechanism performs on its data.
OPERATIONS = re.compile(
    r"排序|排列|过滤|去掉|去除|剔除|识别|比对|比较|估计|预估|计算|统计|汇总|挑选|挑出|找出|查找|匹配|派|"
    r"分配|选择|插入|展示|显示|标注|审核|复核|拆分|纠正|打分|相加|合成|归纳|读取|记录|删除|拦截|发布|"
    r"生成|限制|控制|停止|加入|留出|打散|不连续|合并|更新|推送|检测|建议|规划|延长"
)
#: Personal characteristics (Art. 17 ¶1 «个人特征») a non-personalised option must not use.
PERSONAL = re.compile(
    r"位置|定位|所在城市|所在地|设备|机型|型号|搜索记录|搜索历史|浏览记录|浏览历史|观看记录|阅读记录|"
    r"收听记录|历史记录|行为记录|购买记录|兴趣|偏好|画像|标签|性别|年龄|消费|通讯录"
)
#: Verbs of use in a clause that admits a personal characteristic.
USES = re.compile(r"使用|参考|根据|结合|依据|基于|按|利用|读取|考虑|调整|分析")
#: A route through staff instead of a control users operate themselves.
STAFF_ROUTE = re.compile(
    r"客服|人工|电话|致电|热线|邮件|邮箱|工单|书面|申请|来信|联系我们|联系平台|mailto:|@"
)
#: Legal documents: text nobody reads where a feature is used.
LEGAL_DOCUMENT = re.compile(
    r"隐私政策|隐私协议|隐私条款|个人信息保护政策|用户协议|服务协议|服务条款|使用条款|协议|条款|附件|"
    r"免责声明|PDF|文档"
)
