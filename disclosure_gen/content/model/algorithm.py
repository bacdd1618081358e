"""One algorithm file: the Algorithm model and how it is built from a valid document."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from disclosure_gen.content.model.duties import Elderly, Minors, Pricing, RankingList, Workers
from disclosure_gen.content.model.filing import Filing, Notice, Placement
from disclosure_gen.content.model.generative import Generative
from disclosure_gen.content.model.method import (
    Chart,
    DataInput,
    Explorable,
    Formula,
    Mechanism,
    Series,
    Symbol,
)
from disclosure_gen.content.model.rights import Complaints, Explanation, UserControls
from disclosure_gen.content.model.site import GlossaryEntry, Site, glossary_of
from disclosure_gen.content.model.text import Text, TextList, YamlPath, parse_date

CATEGORIES = (
    "生成合成类",
    "个性化推送类",
    "排序精选类",
    "检索过滤类",
    "信息检索类",
    "内容过滤类",
    "调度决策类",
)


@dataclass(frozen=True)
class FAQ:
    q: Text
    a: Text


@dataclass(frozen=True)
class AllowedNumber:
    value: str
    reason: str


@dataclass(frozen=True)
class Version:
    version: str
    date: date
    changes: Text


@dataclass(frozen=True)
class Waiver:
    code: str
    reason: str
    path: str = ""
    approved_by: str = ""
    expires: date | None = None
    index: int = 0


@dataclass(frozen=True)
class ProductRef:
    product: str
    surfaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flags:
    public_opinion_or_mobilization: bool = False
    uses_personal_tags: bool = False
    significant_impact: bool = False
    dispatches_workers: bool = False
    sells_to_consumers: bool = False
    has_ranking_list: bool = False
    serves_minors: bool = False
    serves_elderly: bool = False
    automated_push_or_marketing: bool = False


def _text_fields(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Text]:
    return {n: Text.of(data.get(n)) for n in names}


#: Model attributes whose YAML key differs: (class name, attribute) → YAML path segments.
_RENAMED: dict[tuple[str, str], YamlPath] = {
    ("Algorithm", "own_complaints"): ("complaints",),
    ("UserControls", "tag_select"): ("tags", "select"),
    ("UserControls", "tag_delete"): ("tags", "delete"),
}


#: Attributes that are not the algorithm's own prose (the shared site, bookkeeping).
_SKIPPED = {("Algorithm", "site"), ("Algorithm", "waivers"), ("Algorithm", "source")}


def _walk_texts(value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, Text]]:
    if isinstance(value, Text):
        if value:
            yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk_texts(item, (*path, i))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        owner = type(value).__name__
        for f in dataclasses.fields(value):
            sub = _RENAMED.get((owner, f.name), (f.name,))
            yield from _walk_texts(getattr(value, f.name), (*path, *sub))


@dataclass(frozen=True)
class Algorithm:
    """One algorithm file, with the site it belongs to."""

    id: str
    name: Text
    category: str
    site: Site
    summary: Text = Text()
    products: tuple[ProductRef, ...] = ()
    flags: Flags = Flags()
    filing: Filing = Filing()
    notice: Notice = Notice()
    principles: Text = Text()
    purpose: Text = Text()
    scenarios: Text = Text()
    objectives: Text = Text()
    mechanisms: tuple[Mechanism, ...] = ()
    diversity: Text = Text()
    #: Human intervention in the results (Art. 11): who may intervene, how, and how it is logged.
    intervention: Text = Text()
    #: How interest points and user tags are formed (Art. 10).
    tag_rules: Text = Text()
    #: How generated or synthesised content the algorithm distributes is labelled (Art. 9).
    synthetic_content: Text = Text()
    formulas: tuple[Formula, ...] = ()
    inputs: tuple[DataInput, ...] = ()
    user_controls: UserControls = UserControls()
    explanation: Explanation | None = None
    own_complaints: Complaints | None = None
    workers: Workers | None = None
    ranking_list: RankingList | None = None
    pricing: Pricing | None = None
    minors: Minors | None = None
    elderly: Elderly | None = None
    #: An AI feature: what it generates, its models and labels (content/model/generative.py).
    generative: Generative | None = None
    charts: tuple[Chart, ...] = ()
    faq: tuple[FAQ, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    allowed_numbers: tuple[AllowedNumber, ...] = ()
    effective: date | None = None
    review_by: date | None = None
    versions: tuple[Version, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    source: str = field(default="", compare=False)

    @property
    def complaints(self) -> Complaints:
        """The algorithm's own complaint channel, or the site's shared one."""
        return self.own_complaints or self.site.complaints

    @property
    def complaints_path(self) -> tuple[str, ...]:
        """Where the effective complaint channel is declared (for locations)."""
        return ("complaints",)

    @property
    def all_glossary(self) -> tuple[GlossaryEntry, ...]:
        """The algorithm's glossary followed by the site's."""
        return self.glossary + self.site.glossary

    @property
    def latest_date(self) -> date | None:
        """The newest version date, used as the page's 'last updated'."""
        return max((v.date for v in self.versions), default=None)

    @cached_property
    def texts(self) -> tuple[tuple[YamlPath, Text], ...]:
        """Every non-empty :class:`Text` the algorithm file declares, with its YAML path.

        Left out: the shared site, waivers, and an explanation inherited from site.yaml (not
        the algorithm's own text). Computed once per model: six rules of a check read it.
        """
        found: list[tuple[YamlPath, Text]] = []
        for f in dataclasses.fields(self):
            if ("Algorithm", f.name) in _SKIPPED:
                continue
            value = getattr(self, f.name)
            if f.name == "explanation" and value is self.site.explanation:
                continue
            found += _walk_texts(value, _RENAMED.get(("Algorithm", f.name), (f.name,)))
        return tuple(found)

    def __getstate__(self) -> dict[str, Any]:
        # The cached walk is derived data: worker processes need not ship it.
        state = dict(self.__dict__)
        state.pop("texts", None)
        return state

    @classmethod
    def from_data(cls, data: dict[str, Any], site: Site, *, source: str = "") -> Algorithm:
        notice = data.get("notice", {})
        minors = data.get("minors")
        elderly = data.get("elderly")
        return cls(
            id=data["id"],
            name=Text.of(data["name"]),
            category=data["category"],
            site=site,
            products=tuple(
                ProductRef(p["product"], tuple(p.get("surfaces", ())))
                for p in data.get("products", ())
            ),
            flags=Flags(**data.get("flags", {})),
            filing=Filing.of(data.get("filing")),
            notice=Notice(
                Text.of(notice.get("text")),
                tuple(Placement.of(p) for p in notice.get("placements", ())),
            ),
            **_text_fields(
                data,
                (
                    "summary",
                    "principles",
                    "purpose",
                    "scenarios",
                    "objectives",
                    "diversity",
                    "intervention",
                    "tag_rules",
                    "synthetic_content",
                ),
            ),
            mechanisms=tuple(
                Mechanism(
                    m["id"], Text.of(m["title"]), Text.of(m["description"]), m.get("stage", "other")
                )
                for m in data.get("mechanisms", ())
            ),
            formulas=tuple(
                Formula(
                    f["id"],
                    Text.of(f["title"]),
                    f["tex"],
                    Text.of(f.get("text")),
                    tuple(Symbol(s["symbol"], Text.of(s["meaning"])) for s in f.get("symbols", ())),
                    Text.of(f.get("relative_importance")),
                    Explorable.of(f.get("explorable")),
                )
                for f in data.get("formulas", ())
            ),
            inputs=tuple(
                DataInput(
                    Text.of(i["category"]),
                    Text.of(i["source"]),
                    TextList.of(i.get("examples")),
                    i.get("personal", True),
                    i.get("sensitive", False),
                    Text.of(i.get("use")),
                )
                for i in data.get("inputs", ())
            ),
            user_controls=UserControls.of(data.get("user_controls")),
            explanation=Explanation.of(data.get("explanation")) or site.explanation,
            own_complaints=Complaints.of(data.get("complaints")),
            workers=Workers.of(data.get("workers")),
            ranking_list=RankingList.of(data.get("ranking_list")),
            pricing=Pricing.of(data.get("pricing")),
            minors=Minors(Text.of(minors.get("protections")), Text.of(minors.get("mode")))
            if minors is not None
            else None,
            elderly=Elderly(
                Text.of(elderly.get("services")), Text.of(elderly.get("fraud_monitoring"))
            )
            if elderly is not None
            else None,
            generative=Generative.of(data.get("generative")),
            charts=tuple(
                Chart(
                    c["id"],
                    Text.of(c["title"]),
                    c["kind"],
                    Text.of(c["caption"]),
                    TextList.of(c["categories"]),
                    tuple(
                        Series(Text.of(s["name"]), tuple(float(v) for v in s["values"]))
                        for s in c["series"]
                    ),
                    Text.of(c.get("x_label")),
                    Text.of(c.get("y_label")),
                )
                for c in data.get("charts", ())
            ),
            faq=tuple(FAQ(Text.of(f["q"]), Text.of(f["a"])) for f in data.get("faq", ())),
            glossary=glossary_of(data.get("glossary", ())),
            allowed_numbers=tuple(
                AllowedNumber(a["value"], a["reason"]) for a in data.get("allowed_numbers", ())
            ),
            effective=parse_date(data.get("effective")),
            review_by=parse_date(data.get("review_by")),
            versions=tuple(
                Version(v["version"], date.fromisoformat(v["date"]), Text.of(v["changes"]))
                for v in data.get("versions", ())
            ),
            waivers=tuple(
                Waiver(
                    w["code"],
                    w["reason"],
                    w.get("path", ""),
                    w.get("approved_by", ""),
                    parse_date(w.get("expires")),
                    i,
                )
                for i, w in enumerate(data.get("waivers", ()))
            ),
            source=source,
        )
