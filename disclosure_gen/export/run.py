"""One export request → bytes: picks the algorithms, the builder and the writer for a format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export import EXPORT_FORMATS
from disclosure_gen.export.blocks import Document

NOTICE_FORMATS = ("notice-txt", "notice-json")
#: The filing and assessment papers (export/papers/): ``<paper>-md`` and ``<paper>-docx``.
PAPER_FORMATS = tuple(
    f"{paper}-{kind}"
    for paper in ("self-assessment", "responsibility", "pia")
    for kind in ("md", "docx")
)
#: Formats that exist in Chinese only (the filing system and the papers are Chinese).
ZH_ONLY_FORMATS = ("filing-txt", *PAPER_FORMATS)
#: The AI features' sections: a privacy-policy section and the user-agreement clause.
AI_PREFIXES = ("ai-privacy-", "ai-agreement-")


class ExportUsageError(ValueError):
    """The request cannot be served as asked (exit 2): the message says what to change."""


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    lang: str = "zh"
    algorithm_ids: tuple[str, ...] = ()
    max_chars: int | None = None


@dataclass(frozen=True)
class Exported:
    data: bytes
    binary: bool = False
    default_name: str = ""
    notes: tuple[str, ...] = ()


def select(algorithms: Sequence[Algorithm], ids: Sequence[str]) -> tuple[Algorithm, ...]:
    """The algorithms named by ``ids`` (all when empty), in catalogue order."""
    known = [a.id for a in algorithms]
    unknown = [i for i in dict.fromkeys(ids) if i not in known]
    if unknown:
        listed = "、".join(f"`{i}`" for i in sorted(known)) or "（没有可导出的算法）"
        raise ExportUsageError(
            "未知的算法标识 " + "、".join(f"`{i}`" for i in unknown) + f"；可用的标识：{listed}"
        )
    return tuple(a for a in algorithms if not ids or a.id in ids)


def export(site: Site, algorithms: Sequence[Algorithm], request: ExportRequest) -> Exported:
    """Render ``request`` for ``algorithms`` of ``site``."""
    fmt, lang = request.fmt, request.lang
    if fmt not in dict(EXPORT_FORMATS):
        names = "、".join(name for name, _ in EXPORT_FORMATS)
        raise ExportUsageError(f"未知的导出格式 `{fmt}`；可用的格式：{names}")
    if request.max_chars is not None and fmt not in NOTICE_FORMATS:
        raise ExportUsageError("--max-chars 只用于 notice-txt 和 notice-json")
    if fmt == "filing-txt" and lang != "zh":
        raise ExportUsageError("拟公示内容只有中文（备案系统使用中文）；去掉 --lang en")
    if fmt in PAPER_FORMATS and lang != "zh":
        raise ExportUsageError("备案和评估材料只有中文；去掉 --lang en")
    chosen = select(algorithms, request.algorithm_ids)
    notes: list[str] = []
    if lang == "en" and "en" not in site.site.languages and fmt not in ("json", "filing-txt"):
        notes.append("site.yaml 未声明英文（site.languages）；缺少译文的文字使用中文")
    if fmt.startswith("privacy-"):
        from disclosure_gen.export.privacy import privacy_document

        doc = privacy_document(site, chosen, request.lang)
        return _document(doc, fmt.removeprefix("privacy-"), "privacy", request.lang, notes)
    if fmt.startswith(AI_PREFIXES):
        return _ai(site, algorithms, chosen, request, notes)
    if fmt in NOTICE_FORMATS:
        return _notice(site, chosen, request, notes)
    if fmt in PAPER_FORMATS:
        return _paper(site, chosen, request, notes)
    if fmt == "filing-txt":
        from disclosure_gen.export.filing import filing_text

        return Exported(filing_text(chosen).encode("utf-8"), notes=tuple(notes))
    if fmt == "json":
        from disclosure_gen.export.to_json import catalogue_json

        return Exported(catalogue_json(site, chosen), notes=tuple(notes))
    from disclosure_gen.export.to_csv import catalogue_csv

    return Exported(catalogue_csv(site, chosen, lang), notes=tuple(notes))


def _ai(
    site: Site,
    algorithms: Sequence[Algorithm],
    chosen: Sequence[Algorithm],
    request: ExportRequest,
    notes: list[str],
) -> Exported:
    """The AI features' privacy section or user-agreement clause; exit 2 without AI features."""
    if not any(a.generative is not None for a in chosen):
        ids = "、".join(f"`{a.id}`" for a in algorithms if a.generative is not None)
        raise ExportUsageError(
            "所选算法中没有 AI 生成合成功能（`generative`）；"
            + (f"有该功能的算法：{ids}" if ids else "内容中没有写有 `generative` 的算法")
        )
    stem, kind = request.fmt.rsplit("-", 1)
    if stem == "ai-privacy":
        from disclosure_gen.export.ai_privacy import ai_privacy_document

        doc = ai_privacy_document(site, chosen, request.lang)
    else:
        from disclosure_gen.export.ai_agreement import ai_agreement_document

        doc = ai_agreement_document(site, chosen, request.lang)
    return _document(doc, kind, stem, request.lang, notes)


def _document(doc: Document, kind: str, stem: str, lang: str, notes: list[str]) -> Exported:
    """A block document in one of md, html, docx and txt."""
    if kind == "docx":
        from disclosure_gen.export import to_docx

        return Exported(to_docx.render(doc), True, f"{stem}.{lang}.docx", notes=tuple(notes))
    if kind == "md":
        from disclosure_gen.export import to_md

        text = to_md.render(doc)
    elif kind == "html":
        from disclosure_gen.export import to_html

        text = to_html.render(doc)
    else:
        from disclosure_gen.export import to_txt

        text = to_txt.render(doc)
    return Exported(text.encode("utf-8"), notes=tuple(notes))


def _paper(
    site: Site, chosen: Sequence[Algorithm], request: ExportRequest, notes: list[str]
) -> Exported:
    from disclosure_gen.export.papers import PAPERS, NothingToAssess

    name, kind = request.fmt.rsplit("-", 1)
    try:
        doc = PAPERS[name](site, chosen)
    except NothingToAssess as exc:
        raise ExportUsageError(str(exc)) from None
    return _document(doc, kind, name, "zh", notes)


def _notice(
    site: Site, chosen: Sequence[Algorithm], request: ExportRequest, notes: list[str]
) -> Exported:
    from disclosure_gen.export.notice import (
        NoticeTooLong,
        notice_json,
        notice_records,
        notice_text,
    )

    try:
        records = notice_records(site, chosen, request.lang, request.max_chars)
    except NoticeTooLong as exc:
        raise ExportUsageError(str(exc)) from None
    for rec in records:
        for p in rec["placements"]:
            if p["truncated"]:
                notes.append(
                    f"`{rec['id']}` {p['where']}：告知文本从 {p['full_chars']} 字截短到 "
                    f"{p['chars']} 字（在句末截断）"
                )
    render = notice_json if request.fmt == "notice-json" else notice_text
    data = render(site, chosen, request.lang, request.max_chars)
    return Exported(data.encode("utf-8"), notes=tuple(notes))
