"""UI strings in Chinese and English, and YAML text → safe HTML with translation markers.

Every human-readable value from YAML passes through :class:`Tr`: plain fields are HTML-escaped,
rich fields go through ``richtext``. On English pages a value without English shows the Chinese
(marked ``lang="zh-CN"``) with a visible "not yet translated" marker, and an English text stamped
against an older Chinese text gets a "may be out of date" note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from markupsafe import Markup, escape

from disclosure_gen.content.model.text import Text, TextList
from disclosure_gen.markup.richtext import plain_text, render_block, render_inline
from disclosure_gen.site.render.ai_text import AI_UI

LANGS = ("zh", "en")

#: key → (Chinese, English). Headings, labels and fixed sentences; never YAML text.
UI: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        # page titles
        "home": ("首页", "Home"),
        "controls_page": ("用户控制汇总", "Your controls"),
        "complaints_page": ("投诉与反馈", "Complaints and feedback"),
        "changelog_page": ("更新记录", "Change log"),
        "data_link": ("机器可读数据（JSON）", "Machine-readable data (JSON)"),
        "filing_page": ("关于备案", "About filing"),
        # algorithm page sections
        "overview": ("概要", "At a glance"),
        "principles": ("基本原理", "How it works"),
        "purpose": ("目的意图", "Why we use it"),
        "objectives": ("优化目标与决策标准", "Objectives and decision criteria"),
        "scenarios": ("应用场景", "Where it is used"),
        "notice": ("产品内的提示", "How the apps tell you"),
        "mechanisms": ("主要运行机制", "Main mechanisms"),
        "diversity": ("多样性与防止信息茧房", "Diversity and avoiding filter bubbles"),
        "formulas": ("公式", "Formulas"),
        "charts": ("图表", "Charts"),
        "inputs": ("使用的数据", "Data used"),
        "ranking_list": ("榜单规则", "Ranking-list rules"),
        "workers": ("劳动者权益保障", "Rules for workers"),
        "pricing": ("价格与优惠", "Prices and coupons"),
        "minors": ("未成年人保护", "Protecting minors"),
        "elderly": ("适老服务", "Services for older people"),
        "controls": ("你可以怎样控制", "Your controls"),
        "explanation": ("申请说明", "Asking for an explanation"),
        "complaints": ("投诉与反馈", "Complaints and feedback"),
        "filing": ("备案信息", "Filing"),
        "faq": ("常见问题", "Questions and answers"),
        "glossary": ("术语解释", "Glossary"),
        "versions": ("版本记录", "Version history"),
        "legal_basis": ("法律依据", "Legal basis"),
        # facts
        "category": ("算法类别", "Category"),
        "products": ("应用产品", "Products"),
        "filing_number": ("备案编号", "Filing number"),
        "filing_status": ("备案状态", "Filing status"),
        "last_updated": ("最近更新", "Last updated"),
        "effective": ("生效日期", "In effect from"),
        "name": ("算法名称", "Algorithm"),
        "count": ("算法数量", "Algorithms"),
        "quick_controls": ("怎样关闭或调整", "How to switch off or adjust"),
        "quick_complaints": ("怎样投诉", "How to complain"),
        # mechanisms and formulas
        "pipeline_alt": ("运行流程图，共 {n} 步：", "Flow diagram in {n} steps: "),
        "pipeline_caption": ("运行流程：从上到下依次进行", "The steps run from top to bottom"),
        "in_words": ("用文字说", "In words"),
        "symbols": ("符号说明", "Symbols"),
        "symbol": ("符号", "Symbol"),
        "meaning": ("含义", "Meaning"),
        "importance": ("各项的相对重要性", "How the terms weigh against each other"),
        "tex_error": (
            "公式暂时无法显示，原文如下",
            "The formula cannot be displayed; its source is",
        ),
        "explorable": ("动手试一试", "Try it yourself"),
        "explorable_note": ("示例数值，非真实参数", "Illustrative values, not real parameters"),
        "explorable_row": ("项目", "Item"),
        "explorable_factors": ("因子（示例值）", "Factors (example values)"),
        "explorable_product": ("乘积", "Product"),
        "explorable_reset": ("恢复示例值", "Reset to the example"),
        "combine_sum": ("各行乘积之和", "sum of the rows"),
        "combine_max": ("各行中的最大值", "largest row"),
        "combine_min": ("各行中的最小值", "smallest row"),
        "chart_data": ("图表数据", "Chart data"),
        # inputs
        "data_category": ("数据类别", "Data"),
        "examples": ("举例", "Examples"),
        "source": ("来源", "Source"),
        "personal": ("个人信息", "Personal information"),
        "use": ("用途", "Used for"),
        "yes": ("是", "Yes"),
        "no": ("否", "No"),
        "sensitive": ("敏感个人信息", "sensitive"),
        # controls and complaints
        "controls_intro": (
            "你可以用下面的方式关闭或调整这个算法，各平台的操作路径分别列出。",
            "You can switch this algorithm off or adjust it as follows; the steps are listed per "
            "platform.",
        ),
        "off_switch": ("关闭个性化推荐", "Switching personalisation off"),
        "non_personalised_option": (
            "不针对个人特征的选项",
            "An option not based on your characteristics",
        ),
        "tag_select": ("选择兴趣标签", "Choosing interest tags"),
        "tag_delete": ("删除兴趣标签", "Deleting interest tags"),
        "not_interested": ("不感兴趣", "Not interested"),
        "push_optout": ("关闭个性化推送", "Turning off personalised pushes"),
        "effect": ("效果", "Effect"),
        "steps_on": ("操作路径", "Steps"),
        "entry": ("入口", "Where to go"),
        "process": ("处理流程", "What happens"),
        "response_time": ("反馈时限", "We reply within"),
        "online": ("在线提交", "Online"),
        "phone": ("电话", "Phone"),
        "channel": ("渠道", "Channel"),
        # filing
        "filed_name": ("备案算法名称", "Name as filed"),
        "submitted_on": ("提交日期", "Submitted on"),
        "filed_on": ("备案日期", "Filed on"),
        "service_started_on": ("开始提供服务", "Service started on"),
        "terminated_on": ("终止服务日期", "Service ended on"),
        "deregistered_on": ("注销备案日期", "Deregistered on"),
        "display": ("备案编号展示位置", "Where the number is shown"),
        "public_info": ("公示信息", "Public record"),
        "query_link": (
            "在互联网信息服务算法备案系统查询",
            "Look it up in the CAC algorithm filing system",
        ),
        "filing_changes": ("备案变更", "Filing changes"),
        "changed_on": ("变更日期", "Changed on"),
        "summary": ("说明", "Summary"),
        "filing_neutral": (
            "备案编号说明该算法已向网信部门履行备案手续。备案不是监管部门对算法的评价、认证或推荐。",
            "A filing number shows that the algorithm has been filed with the Cyberspace "
            "Administration. A filing is not an evaluation, certification or endorsement by the "
            "regulator.",
        ),
        # workers, ranking list, pricing, minors, elderly
        "order_allocation": ("订单分配", "Order allocation"),
        "pay": ("报酬构成及支付", "Pay and payment"),
        "working_hours": ("工作时间", "Working hours"),
        "rewards_penalties": ("奖惩规则", "Rewards and penalties"),
        "time_estimation": ("时间预估", "Time estimates"),
        "fee_calculation": ("费用计算", "Fees"),
        "route_planning": ("路线规划", "Routes"),
        "appeals": ("申诉", "Appeals"),
        "appeal_covers": ("可以申诉的情形", "Grounds for appeal"),
        "ranking_principle": ("基本原理", "Principle"),
        "ranking_basis": ("排序依据", "Basis for the order"),
        "ranking_factors": ("主要因素", "Main factors"),
        "factor": ("因素", "Factor"),
        "worked_example": ("事例说明", "Worked example"),
        "refresh": ("更新频率", "How often it updates"),
        "intervention": ("人工干预", "Human intervention"),
        "log_fields": ("日志留存内容", "What is logged"),
        "price_features": ("影响价格的因素", "What affects the price"),
        "coupons": ("优惠券", "Coupons"),
        "coupon_conditions": ("领取条件", "Conditions"),
        "coupon_quantity": ("发放数量", "Quantity"),
        "coupon_usage": ("使用规则", "Usage rules"),
        "coupon_failure": ("领取失败的原因", "Why a claim can fail"),
        "minor_mode": ("未成年人模式入口", "Where to find teen mode"),
        "fraud_monitoring": ("防范电信网络诈骗", "Protection against telecom fraud"),
        # versions and legal basis
        "version": ("版本", "Version"),
        "date": ("日期", "Date"),
        "changes": ("变更内容", "What changed"),
        "algorithm": ("算法", "Algorithm"),
        "legal_intro": (
            "本页各部分依据下列规定公示，条文引自原文。",
            "Each part of this page answers the provisions below, quoted in the original Chinese "
            "(there is no official English translation).",
        ),
        "non_binding": ("（专项行动文件，非强制性规定）", " (campaign document, not binding)"),
        # home and index pages
        "provider": ("关于我们", "About us"),
        "contact": ("联系方式", "Contact"),
        "email": ("邮箱", "Email"),
        "address": ("地址", "Address"),
        "website": ("网站", "Website"),
        "intro": ("什么是算法推荐", "What algorithmic recommendation means here"),
        "by_category": ("按类别浏览", "Browse by category"),
        "all_algorithms": ("全部算法", "All algorithms"),
        "more": ("更多信息", "More"),
        "category_intro": ("本类别下的算法：", "Algorithms in this category:"),
        "controls_page_intro": (
            "这里汇总了每个算法提供的控制选项和各平台的操作路径。",
            "All the controls each algorithm offers, with the steps on each platform.",
        ),
        "shared_channel": ("统一投诉渠道", "Shared channel"),
        "shared_channel_intro": (
            "除下方单独列出的算法外，所有算法都使用这个渠道。",
            "Every algorithm uses this channel unless listed separately below.",
        ),
        "own_channels": ("单独设立的渠道", "Channels of individual algorithms"),
        "uses_shared": ("使用统一渠道的算法", "Algorithms using the shared channel"),
        "changelog_intro": (
            "所有算法的公示内容更新，按日期从新到旧排列。",
            "Every update to an algorithm's disclosure, newest first.",
        ),
        "filing_about": ("什么是算法备案", "What filing is"),
        "filing_about_text": (
            "具有舆论属性或者社会动员能力的算法推荐服务，须在提供服务之日起十个工作日内通过互联网信息服务算法"
            "备案系统履行备案手续；材料齐全的，网信部门予以备案、发放备案编号并进行公示。以下是相关条文。",
            "Algorithmic recommendation services with public-opinion attributes or "
            "social-mobilisation capacity must be filed through the CAC algorithm filing system "
            "within ten working days of starting service; when the materials are complete, the "
            "regulator records the filing, issues a filing number and publishes it. The "
            "provisions are quoted below.",
        ),
        "filing_list": ("各算法的备案情况", "Filing status of each algorithm"),
        "filing_query": ("如何查询", "How to check"),
        "filing_query_text": (
            "你可以在互联网信息服务算法备案系统中按备案编号或算法名称查询公示信息：",
            "You can look up the public record by filing number or algorithm name in the CAC "
            "algorithm filing system:",
        ),
        # banners and markers
        "draft": (
            "草稿：本页内容尚未通过检查，仅供内部预览，不是正式公示。",
            "Draft: this page has not passed the checks. It is an internal preview, not a "
            "published disclosure.",
        ),
        "other_lang": ("English", "中文"),
        "none": ("无", "None"),
        # AI features (site/render/ai_text.py)
        **AI_UI,
    }
)

#: Fixed ASCII slugs and English names of the Article 2 categories (filing lists split 检索过滤类).
CATEGORY_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "生成合成类": ("generation-synthesis", "Generation and synthesis"),
        "个性化推送类": ("personalised-push", "Personalised push"),
        "排序精选类": ("ranking-selection", "Ranking and selection"),
        "检索过滤类": ("search-filtering", "Search and filtering"),
        "信息检索类": ("information-retrieval", "Information retrieval"),
        "内容过滤类": ("content-filtering", "Content filtering"),
        "调度决策类": ("scheduling-decision", "Scheduling and decision-making"),
    }
)
FILING_STATUS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "not_required": ("无需备案", "Filing not required"),
        "pending": ("备案办理中", "Filing in progress"),
        "filed": ("已备案", "Filed"),
        "terminated": ("已终止服务", "Service terminated"),
    }
)
APPEAL_COVERS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "traffic_control": ("交通管制", "traffic control"),
        "traffic_accident": ("交通事故", "traffic accidents"),
        "severe_weather": ("恶劣天气", "severe weather"),
        "merchant_delay": ("商家出餐延迟", "late kitchens"),
        "customer_unreachable": ("联系不上顾客", "customers who cannot be reached"),
        "other": ("其他不可控因素", "other factors outside the rider's control"),
    }
)
LOG_FIELDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "time": ("时间", "time"),
        "rank": ("榜单排名", "rank"),
        "heat_inputs": ("热度值计算相关数据", "the data behind the heat score"),
        "heat_value": ("热度值", "heat score"),
        "interventions": ("人工干预记录", "human interventions"),
    }
)

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_UNTRANSLATED = Markup(
    '<span class="dg-tr-note dg-untranslated"><span lang="zh-CN">未翻译</span> / '
    '<span lang="en">Not yet translated</span></span>'
)
_STALE = Markup(
    '<span class="dg-tr-note dg-stale"><span lang="zh-CN">译文可能已过时</span> / '
    '<span lang="en">Translation may be out of date</span></span>'
)


def one_line(text: str) -> Markup:
    """``text`` escaped, its newlines as ``&#10;``: YAML text keeps to the HTML block it is in.

    Otherwise one of its lines could start a Markdown line: a blank line ends the HTML block,
    and fenced_code reads ``` and ~~~ anywhere in the page (issue 13: the publish gate refused
    the broken markup that followed).
    """
    return Markup(str(escape(text)).replace("\n", "&#10;"))


def join_cjk_lines(text: str) -> str:
    """Drop a line break between two CJK characters: browsers would show it as a space."""
    return _CJK_BREAK.sub("", text)


def label(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """Look ``key`` up in a (zh, en) table; unknown keys show as themselves."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


@dataclass(frozen=True)
class Tr:
    """Renders YAML text for one page language."""

    lang: str

    def ui(self, key: str, **fmt: object) -> str:
        """A fixed UI string (trusted)."""
        text = label(UI, key, self.lang)
        return text.format(**fmt) if fmt else text

    def raw(self, text: Text) -> str:
        """The plain string to show (English, or the Chinese fallback), without markers."""
        return join_cjk_lines(text.en if self.lang == "en" and text.en else text.zh).strip()

    def alt(self, text: Text) -> str:
        """Rich text reduced to plain words, for alt text."""
        return " ".join(plain_text(self.raw(text)).split())

    def plain(self, text: Text) -> Markup:
        """A plain (non-Markdown) field, escaped, with a marker when it falls back or is stale."""
        return self._mark(text, one_line(self.raw(text)))

    def inline(self, text: Text) -> Markup:
        """A rich field rendered on one line (table cells, list items)."""
        return self._mark(text, Markup(render_inline(self.raw(text))))

    def flow(self, text: Text) -> Markup:
        """A rich field inline when it is one line, as blocks when it has several."""
        return self.block(text) if "\n" in self.raw(text) else self.inline(text)

    def block(self, text: Text) -> Markup:
        """A rich field rendered as paragraphs and lists."""
        html = Markup(render_block(self.raw(text)).strip())
        if self.lang != "en":
            return html
        if not text.en:
            return Markup('<div lang="zh-CN">{}</div>\n<p>{}</p>').format(html, _UNTRANSLATED)
        if text.en_stale:
            return Markup("{}\n<p>{}</p>").format(html, _STALE)
        return html

    def items(self, items: TextList) -> tuple[tuple[Markup, ...], Markup]:
        """Escaped list items and the marker to show after them ('' when none is needed)."""
        if self.lang == "en" and not items.en:
            lang = Markup(' lang="zh-CN"')
            return tuple(Markup("<span{}>{}</span>").format(lang, one_line(i)) for i in items.zh), (
                _UNTRANSLATED if items.zh else Markup("")
            )
        return tuple(one_line(i) for i in items.get(self.lang)), Markup("")

    def item_strings(self, items: TextList) -> tuple[str, ...]:
        """The raw list items (English, or the Chinese fallback)."""
        return items.en if self.lang == "en" and items.en else items.zh

    def _mark(self, text: Text, html: Markup) -> Markup:
        if self.lang != "en" or not text:
            return html
        if not text.en:
            return Markup('<span lang="zh-CN">{}</span> {}').format(html, _UNTRANSLATED)
        if text.en_stale:
            return Markup("{} {}").format(html, _STALE)
        return html
