"""Which provisions each part of a page answers, quoted from ``rules/laws.py`` (never memory)."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.check.rules.base import Citation
from disclosure_gen.check.rules.laws import ALGO, PIPL, QINGLANG, Instrument

_EN_TITLES = {
    "algo": "Provisions on the Administration of Algorithmic Recommendation for Internet "
    "Information Services",
    "pipl": "Personal Information Protection Law",
    "qinglang": "Notice on the Qinglang campaign against typical problems of platform algorithms",
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
            ),
        ),
    ]
    out = []
    for anchor, keys, cites in rows:
        present = tuple(c for c in cites if c is not None)
        if present:
            out.append(Basis(anchor, keys, present))
    return out


def filing_law() -> list[Citation]:
    """The articles on filing, numbering and publication (Art. 24–26), for the filing page."""
    return [_cite(ALGO, n) for n in (24, 25, 26)]


def citation_label(citation: Citation, lang: str) -> str:
    """《…》第十七条第一款, or the English title with the article number."""
    if lang != "en":
        return str(citation)
    inst = citation.instrument
    unit = "main task" if inst.unit == "task" else "Article"
    out = f"{_EN_TITLES.get(inst.key, inst.title)}, {unit} {citation.article}"
    return out + (f", paragraph {citation.paragraph}" if citation.paragraph else "")
