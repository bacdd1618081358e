"""Which provisions each part of a page answers, quoted from ``rules/laws.py`` (never memory)."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_gen.check.rules.base import Citation
from disclosure_gen.check.rules.laws import (
    AI_LABELLING,
    ALGO,
    DEEP_SYNTHESIS,
    GENAI,
    GENAI_FILING_NOTICE,
    PIPL,
    QINGLANG,
    Instrument,
)
from disclosure_gen.content.model.algorithm import Algorithm

_EN_TITLES = {
    "algo": "Provisions on the Administration of Algorithmic Recommendation for Internet "
    "Information Services",
    "pipl": "Personal Information Protection Law",
    "qinglang": "Notice on the Qinglang campaign against typical problems of platform algorithms",
    "genai": "Interim Measures for the Management of Generative Artificial Intelligence Services",
    "deep_synthesis": "Provisions on the Administration of Deep Synthesis of Internet Information "
    "Services",
    "ai_labelling": "Measures for Labelling AI-Generated and Synthetic Content",
    "genai_filing_notice": "CAC announcements of filed generative-AI services (from 2024)",
}


@dataclass(frozen=True)
class Basis:
    """The provisions one page section answers."""

    anchor: str
    sections: tuple[str, ...]
    citations: tuple[Citation, ...]


def _cite(inst: Instrument, art: int, para: int | None = None) -> Citation:
    return Citation(inst, art, inst.units[art][(para or 1) - 1], para)


def legal_basis(algo: Algorithm) -> list[Basis]:
    """The provisions an algorithm page answers, section by section (quoted from laws.py)."""
    ctl = algo.user_controls
    filed = algo.filing.status in ("filed", "pending", "terminated")
    rows: list[tuple[str, tuple[str, ...], tuple[Citation | None, ...]]] = [
        ("principles", ("principles", "purpose", "mechanisms"), (_cite(ALGO, 16),)),
        *_generative_rows(algo),
        ("diversity", ("diversity",), (_cite(ALGO, 12) if algo.diversity else None,)),
        ("ranking-list", ("ranking_list",), (_cite(QINGLANG, 2) if algo.ranking_list else None,)),
        ("workers", ("workers",), (_cite(ALGO, 20) if algo.workers else None,)),
        ("pricing", ("pricing",), (_cite(ALGO, 21) if algo.pricing else None,)),
        ("minors", ("minors",), (_cite(ALGO, 18) if algo.minors else None,)),
        ("elderly", ("elderly",), (_cite(ALGO, 19) if algo.elderly else None,)),
        (
            "controls",
            ("controls",),
            (
                _cite(ALGO, 17, 1) if ctl.personalisation else None,
                _cite(ALGO, 17, 2) if ctl.tag_select or ctl.tag_delete else None,
                _cite(PIPL, 24, 2) if ctl.push_optout else None,
            ),
        ),
        (
            "explanation",
            ("explanation",),
            (_cite(ALGO, 17, 3) if algo.explanation and algo.flags.significant_impact else None,),
        ),
        ("complaints", ("complaints",), (_cite(ALGO, 22),)),
        (
            "filing",
            ("filing",),
            (
                _cite(ALGO, 24) if filed else None,
                _cite(ALGO, 26) if algo.filing.status == "filed" else None,
                _cite(DEEP_SYNTHESIS, 19, 3)
                if algo.filing.status == "filed" and algo.generative
                else None,
            ),
        ),
    ]
    out = []
    for anchor, keys, cites in rows:
        present = tuple(c for c in cites if c is not None)
        if present:
            out.append(Basis(anchor, keys, present))
    return out


def _generative_rows(
    algo: Algorithm,
) -> list[tuple[str, tuple[str, ...], tuple[Citation | None, ...]]]:
    """The AI sections of a page with a ``generative`` block (page order: after 应用场景)."""
    gen = algo.generative
    if gen is None:
        return []
    return [
        ("audience", ("ai_audience",), (_cite(GENAI, 10),)),
        ("models", ("ai_models",), (_cite(GENAI_FILING_NOTICE, 0) if gen.models else None,)),
        ("labels", ("ai_labels",), tuple(ai_labelling_law())),
        ("report-unlabelled", ("ai_report",), (_cite(GENAI, 15),)),
    ]


def ai_labelling_law() -> list[Citation]:
    """What a label is, where it goes, what the metadata holds, the agreement, no removal."""
    return [
        _cite(AI_LABELLING, 3),
        _cite(DEEP_SYNTHESIS, 17, 1),
        _cite(AI_LABELLING, 5),
        _cite(AI_LABELLING, 8),
        _cite(DEEP_SYNTHESIS, 18),
    ]


def filing_law() -> list[Citation]:
    """The articles on filing, numbering and publication (Art. 24–26), for the filing page."""
    return [_cite(ALGO, n) for n in (24, 25, 26)]


def citation_label(citation: Citation, lang: str) -> str:
    """《…》第十七条第一款, or the English title with the article number."""
    if lang != "en":
        return str(citation)
    inst = citation.instrument
    if inst.unit == "text":
        return _EN_TITLES.get(inst.key, inst.title)
    unit = "main task" if inst.unit == "task" else "Article"
    out = f"{_EN_TITLES.get(inst.key, inst.title)}, {unit} {citation.article}"
    return out + (f", paragraph {citation.paragraph}" if citation.paragraph else "")
