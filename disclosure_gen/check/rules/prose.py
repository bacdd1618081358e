"""Prose that misstates the law: wrong article numbers, and a filing sold as an endorsement."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule, chinese_number
from disclosure_gen.check.rules.laws import ALGO, CAC_FILING_NOTICE
from disclosure_gen.check.rules.texts import iter_texts, plain, sentences
from disclosure_gen.content.model.algorithm import Algorithm

#: Duties named in prose → the articles of the Provisions that impose them.
_DUTIES = {
    "公示": {16, 24, 25, 26},
    "基本原理": {16},
    "目的意图": {16},
    "运行机制": {16},
    "告知": {16},
    "关闭": {17},
    "用户标签": {10, 17},
    "投诉": {22, 30},
    "举报": {22, 30},
    "申诉": {22},
    "备案": {24, 25, 26, 27, 33},
    "兴趣点": {10},
    "用户模型": {10},
    "人工干预": {11},
    "热搜": {11, 14},
    "榜单": {11, 14},
    "精选": {11, 14},
    "未成年人": {18},
    "青少年": {18},
    "老年人": {19},
    "适老": {19},
    "劳动者": {20},
    "派单": {20},
    "订单分配": {20},
    "计价": {20, 21},
    "计酬": {20},
    "报酬": {20},
    "抽成": {20},
    "奖惩": {20},
    "工作时间": {20},
    "差别待遇": {21},
    "交易价格": {21},
    "杀熟": {21},
    "安全评估": {27, 28},
    "定期审核": {8},
    "相关规则": {7},
}
_ARTICLE = re.compile(r"算法推荐管理规定》?\s*(?:（[^）]*）)?\s*第([零一二三四五六七八九十\d]+)条")
_CN_NUMBERS = {chinese_number(n): n for n in range(1, 100)}
_ENDORSE = re.compile(
    r"(?:国家|官方|政府|网信办|网信部门|监管部门)(?:权威)?(?:认证|认可|批准|背书)"
    r"|通过(?:了)?(?:国家)?(?:网信办|网信部门|监管部门)(?:的)?(?:审核|审批|认证)"
    r"|(?:网信办|网信部门)(?:审核|审批)通过|获得(?:国家|官方)(?:认证|认可|批准)"
    r"|officially (?:certified|approved|endorsed)"
    r"|(?:government|CAC)[- ](?:certified|approved|endorsed)"
    r"|(?:certified|approved|endorsed) by the (?:CAC|government|regulator)",
    re.I,
)
#: A denial just before a match («备案不代表官方认可») is what the notice asks for.
#: Every alternative of _ENDORSE contains one of these: a cheap first pass.
_ENDORSE_HINT = re.compile("国家|官方|政府|网信|监管|certified|approved|endorsed", re.I)
_DENIAL = re.compile(
    r"(?:不代表|并不代表|不等于|不意味着|并非|不是|不构成|not|no)\s*\S{0,6}$", re.I
)


def _article(text: str) -> int:
    return int(text) if text.isdigit() else _CN_NUMBERS.get(text, 0)


class ArticleCitedCorrectly(Rule):
    """Prose that cites the Provisions names the article that imposes the duty.

    ## Why
    The duties to tell users and to publish the principles, purpose and mechanisms are in
    Article 16; elsewhere in the wild they are often ascribed to Article 15, which is about
    unfair competition. Each sentence that names 《…算法推荐管理规定》第N条 is checked: if it
    also names a duty (公示、基本原理、告知、关闭、投诉、备案…) and N is not an article that
    imposes any of them, it is flagged. A sentence about workers (派单、计价、抽成、奖惩) may cite
    Article 20, one about minors Article 18, and so on for every article with a subject of its
    own. A heuristic, so a warning.

    ## Fails
    ```yaml
    summary: {zh: 根据《互联网信息服务算法推荐管理规定》第十五条，我们公示本算法的基本原理}
    ```

    ## Passes
    ```yaml
    summary: {zh: 根据《互联网信息服务算法推荐管理规定》第十六条，我们公示本算法的基本原理}
    ```
    """

    code, name, severity = "CITE-WRONG-ARTICLE", "article-cited-correctly", Severity.WARNING
    citation = Citation(
        ALGO, 16, quote="以适当方式公示算法推荐服务的基本原理、目的意图和主要运行机制等"
    )
    heuristic = True
    message = "引用的条款与所述义务不符"
    fix = "核对条款序号：告知和公示义务见第十六条，用户选择见第十七条，投诉举报见第二十二条"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for path, text in iter_texts(algo):
            for sentence in sentences(text.zh):
                named = [d for d in _DUTIES if d in sentence]
                duties = [_DUTIES[d] for d in named]
                if not duties:
                    continue
                allowed = set().union(*duties)
                # Suggest the article every named duty shares, else any that imposes one.
                best = sorted(set.intersection(*duties) or allowed)
                for m in _ARTICLE.finditer(sentence):
                    if _article(m.group(1)) not in allowed:
                        right = "或".join(f"第{chinese_number(n)}条" for n in best)
                        yield Hit(
                            path,
                            f"「{'、'.join(named)}」的义务规定在{right}，不在第{m.group(1)}条",
                        )


class NoEndorsementClaim(Rule):
    """The disclosure does not present the filing as an official endorsement.

    ## Why
    The CAC's notice on the filing system says a filing is no endorsement of the provider,
    algorithm or product, and that no one may use filing results for publicity. Text such as
    「国家认证」「官方认可」「通过网信办审核」「国家批准」 is flagged; a denial just before the
    phrase («备案不代表官方认可») passes. The notice is not a regulation, so a warning.

    ## Fails
    ```yaml
    summary: {zh: 本算法已通过网信办审核，安全可靠}
    ```

    ## Passes
    ```yaml
    summary: {zh: 本算法已履行备案手续；备案不代表官方认可}
    ```
    """

    code, name, severity = "FIL-NO-ENDORSEMENT", "no-endorsement-claim", Severity.WARNING
    citation = Citation(
        CAC_FILING_NOTICE, 0, quote="该备案不代表对有关主体、算法、产品、服务等的认可"
    )
    heuristic = True
    message = "把算法备案说成官方认证或认可"
    fix = "删除认证、认可、批准等说法，只陈述备案编号等事实"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for path, text in iter_texts(algo):
            # Join soft-wrapped lines so that a phrase broken across two lines is still seen.
            for body in (plain(text.zh).replace("\n", ""), plain(text.en).replace("\n", " ")):
                if not _ENDORSE_HINT.search(body):
                    continue
                claim = next(
                    (m for m in _ENDORSE.finditer(body) if not _DENIAL.search(body[: m.start()])),
                    None,
                )
                if claim:
                    yield Hit(path, f"「{claim.group(0)}」把备案说成官方认可，备案不代表认可")
                    break
