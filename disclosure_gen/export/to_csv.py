"""The catalogue as CSV: one row per algorithm, for spreadsheets.

Encoding is UTF-8 with a byte-order mark, because Excel on Chinese Windows otherwise opens a
CSV as GBK and shows mojibake; other tools ignore or strip the mark. Rows end in CRLF, the CSV
convention. A cell that starts with ``= + - @`` (or a tab or carriage return) is prefixed with
an apostrophe, so YAML text can never become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.generative import (
    MODALITY_NAMES,
    POSITION_NAMES,
    Generative,
    GenModel,
)
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.ai_common import name, outputs, quoted
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.common import (
    category,
    colon,
    controls,
    effective_date,
    filing_status,
    items,
    page_url,
    platform,
    t,
    tx,
    where_used,
)
from disclosure_gen.export.filing import mechanism_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns(lang: str) -> tuple[str, ...]:
    """The header row in ``lang``."""
    return tuple(
        t(lang, zh, en)
        for zh, en in (
            ("标识", "id"),
            ("算法名称", "Algorithm"),
            ("算法类别", "Category"),
            ("应用产品与场景", "Where it is used"),
            ("备案状态", "Filing status"),
            ("备案编号", "Filing number"),
            ("备案日期", "Filed on"),
            ("基本原理", "Basic principles"),
            ("目的意图", "Purpose"),
            ("应用场景", "Application scenarios"),
            ("主要运行机制", "Main mechanisms"),
            ("使用的个人信息", "Personal information used"),
            ("用户控制", "User controls"),
            ("投诉渠道", "Complaint channel"),
            ("反馈时限", "Response time"),
            ("生效日期", "Effective"),
            ("公示页面", "Disclosure page"),
            ("生成合成内容", "AI-generated content"),
            ("使用的模型", "Models used"),
            ("显式标识", "Visible labels"),
        )
    )


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (OWASP CSV injection advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _row(site: Site, a: Algorithm, lang: str) -> list[str]:
    sep = colon(lang)
    personal = [
        tx(i.category, lang) + (sep + plain_rich(tx(i.use, lang)) if i.use else "")
        for i in a.inputs
        if i.personal
    ]
    offered = controls(a, lang)
    # A menu path per control and platform; a control without paths is described instead.
    steps = [
        f"{label}{t(lang, '（', ' (')}{platform(p.platform, lang)}{t(lang, '）', ')')}{sep}"
        + " → ".join(items(p.steps, lang))
        for _key, label, control in offered
        for p in control.paths
    ] or [f"{label}{sep}{plain_rich(tx(c.description, lang))}" for _k, label, c in offered]
    rt = a.complaints.response_time
    effective = a.effective or effective_date(site, [a])
    return [
        a.id,
        tx(a.name, lang),
        category(a.category, lang),
        where_used(a, lang),
        filing_status(a.filing.status, lang),
        a.filing.number,
        a.filing.filed_on.isoformat() if a.filing.filed_on else "",
        plain_rich(tx(a.principles, lang)),
        plain_rich(tx(a.purpose, lang)),
        plain_rich(tx(a.scenarios, lang)),
        mechanism_text(a, lang),
        "\n".join(personal),
        "\n".join(steps),
        plain_rich(tx(a.complaints.entry, lang)),
        rt.label(lang) if rt else "",
        effective.isoformat() if effective else "",
        page_url(site, a.id, lang),
        *(_ai_cells(a.generative, lang) if a.generative is not None else ("", "", "")),
    ]


#: How a model's number is named: 备案号 for a filed model, 上线编号 for a registered use of one.
_MODEL_NUMBER = {
    "filed": ("备案号", "filing number"),
    "registered": ("上线编号", "registration number"),
}


def _ai_cells(gen: Generative, lang: str) -> tuple[str, str, str]:
    """An AI feature's outputs, its models with their filing or registration, and its labels."""
    sep = colon(lang)
    models = [_model_cell(m, lang) for m in gen.models]
    labels = [
        f"{name(MODALITY_NAMES, e.modality, lang)}{sep}{quoted(tx(e.wording, lang), lang)}"
        f"{t(lang, '，', ', ')}{name(POSITION_NAMES, e.position, lang)}"
        for e in gen.labels.explicit
    ]
    return outputs(gen, lang), "\n".join(models), "\n".join(labels)


def _model_cell(model: GenModel, lang: str) -> str:
    """「名称（备案号：…）」 / "Name (filing number: …)"; the name alone without a number."""
    if not model.number:
        return tx(model.name, lang)
    kind = t(lang, *_MODEL_NUMBER.get(model.kind, _MODEL_NUMBER["filed"]))
    opening, closing = t(lang, "（", " ("), t(lang, "）", ")")
    return f"{tx(model.name, lang)}{opening}{kind}{colon(lang)}{model.number}{closing}"


def catalogue_csv(site: Site, algorithms: Sequence[Algorithm], lang: str) -> bytes:
    """The CSV bytes (UTF-8 with BOM, CRLF)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns(lang))
    for a in algorithms:
        writer.writerow([safe_cell(v) for v in _row(site, a, lang)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
