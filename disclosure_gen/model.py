"""Frozen dataclasses for valid documents; field names are the YAML keys.

``from_data`` is only called on data that passed the JSON Schema, so it trusts shapes and fills
defaults for optional keys; it never validates.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

CATEGORIES = (
    "生成合成类",
    "个性化推送类",
    "排序精选类",
    "检索过滤类",
    "信息检索类",
    "内容过滤类",
    "调度决策类",
)
PLATFORM_LABELS = {
    "ios": ("iOS", "iOS"),
    "android": ("Android", "Android"),
    "harmonyos": ("鸿蒙", "HarmonyOS"),
    "web": ("网页", "Web"),
    "mini_program": ("小程序", "Mini program"),
    "pc": ("电脑客户端", "Desktop app"),
}


def fingerprint(text: str) -> str:
    """Return the short fingerprint used to tie an English text to its Chinese source."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Text:
    """A human-readable value in Chinese, with an optional English translation beside it."""

    zh: str = ""
    en: str = ""
    en_source: str = ""

    @classmethod
    def of(cls, data: Any) -> Text:
        if not data:
            return cls()
        return cls(data.get("zh", ""), data.get("en", ""), data.get("en_source", ""))

    def __bool__(self) -> bool:
        return bool(self.zh.strip())

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` ('' when that translation is missing)."""
        return self.en if lang == "en" else self.zh

    @property
    def en_stale(self) -> bool:
        """True when the English was stamped against a different Chinese text."""
        return bool(self.en and self.en_source and self.en_source != fingerprint(self.zh))


@dataclass(frozen=True)
class TextList:
    """Short items (a menu path, examples) in Chinese and optionally English."""

    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    en_source: str = ""

    @classmethod
    def of(cls, data: Any) -> TextList:
        if not data:
            return cls()
        return cls(tuple(data.get("zh", ())), tuple(data.get("en", ())), data.get("en_source", ""))

    def __bool__(self) -> bool:
        return bool(self.zh)

    def get(self, lang: str) -> tuple[str, ...]:
        """Return the items in ``lang`` (empty when that translation is missing)."""
        return self.en if lang == "en" else self.zh


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class ResponseTime:
    value: int
    unit: str  # hours | days | working_days

    @classmethod
    def of(cls, data: Any) -> ResponseTime | None:
        return cls(int(data["value"]), data["unit"]) if data else None

    def label(self, lang: str) -> str:
        """Render as 「15 个工作日」 or "15 working days"."""
        zh_units = {"hours": "小时", "days": "天", "working_days": "个工作日"}
        en_units = {"hours": "hours", "days": "days", "working_days": "working days"}
        if lang == "en":
            unit = en_units[self.unit]
            return f"{self.value} {unit[:-1] if self.value == 1 else unit}"
        return f"{self.value} {zh_units[self.unit]}"


@dataclass(frozen=True)
class Complaints:
    entry: Text = Text()
    url: str = ""
    phone: str = ""
    process: Text = Text()
    response_time: ResponseTime | None = None

    @classmethod
    def of(cls, data: Any) -> Complaints | None:
        if data is None:
            return None
        return cls(
            Text.of(data.get("entry")),
            data.get("url", ""),
            data.get("phone", ""),
            Text.of(data.get("process")),
            ResponseTime.of(data.get("response_time")),
        )


@dataclass(frozen=True)
class Explanation:
    channel: Text
    url: str = ""
    response_time: ResponseTime | None = None

    @classmethod
    def of(cls, data: Any) -> Explanation | None:
        if not data:
            return None
        return cls(
            Text.of(data["channel"]),
            data.get("url", ""),
            ResponseTime.of(data.get("response_time")),
        )


@dataclass(frozen=True)
class ControlPath:
    platform: str
    steps: TextList


@dataclass(frozen=True)
class Control:
    description: Text = Text()
    effect: Text = Text()
    paths: tuple[ControlPath, ...] = ()

    @classmethod
    def of(cls, data: Any) -> Control | None:
        if data is None:
            return None
        return cls(
            Text.of(data.get("description")),
            Text.of(data.get("effect")),
            tuple(
                ControlPath(p["platform"], TextList.of(p["steps"])) for p in data.get("paths", ())
            ),
        )


@dataclass(frozen=True)
class Personalisation(Control):
    kind: str = "off_switch"


@dataclass(frozen=True)
class UserControls:
    personalisation: Personalisation | None = None
    tag_select: Control | None = None
    tag_delete: Control | None = None
    not_interested: Control | None = None
    push_optout: Control | None = None

    @classmethod
    def of(cls, data: Any) -> UserControls:
        data = data or {}
        pers = data.get("personalisation")
        personalisation = None
        if pers is not None:
            base = Control.of(pers)
            assert base is not None
            personalisation = Personalisation(
                base.description, base.effect, base.paths, pers["kind"]
            )
        tags = data.get("tags") or {}
        return cls(
            personalisation,
            Control.of(tags.get("select")),
            Control.of(tags.get("delete")),
            Control.of(data.get("not_interested")),
            Control.of(data.get("push_optout")),
        )


@dataclass(frozen=True)
class Placement:
    product: str
    location: Text
    surface: str = ""

    @classmethod
    def of(cls, data: Any) -> Placement:
        return cls(data["product"], Text.of(data["location"]), data.get("surface", ""))


@dataclass(frozen=True)
class FilingChange:
    changed_on: date
    filed_on: date | None
    summary: Text


@dataclass(frozen=True)
class Filing:
    status: str = ""
    number: str = ""
    algorithm_name: str = ""
    submitted_on: date | None = None
    filed_on: date | None = None
    service_started_on: date | None = None
    terminated_on: date | None = None
    deregistered_on: date | None = None
    display: tuple[Placement, ...] = ()
    public_info_link: str = ""
    disclosure_hash: str = ""
    changes: tuple[FilingChange, ...] = ()

    @classmethod
    def of(cls, data: Any) -> Filing:
        if not data:
            return cls()
        return cls(
            data["status"],
            data.get("number", ""),
            data.get("algorithm_name", ""),
            _date(data.get("submitted_on")),
            _date(data.get("filed_on")),
            _date(data.get("service_started_on")),
            _date(data.get("terminated_on")),
            _date(data.get("deregistered_on")),
            tuple(Placement.of(p) for p in data.get("display", ())),
            data.get("public_info_link", ""),
            data.get("disclosure_hash", ""),
            tuple(
                FilingChange(
                    date.fromisoformat(c["changed_on"]),
                    _date(c.get("filed_on")),
                    Text.of(c.get("summary")),
                )
                for c in data.get("changes", ())
            ),
        )


@dataclass(frozen=True)
class Notice:
    text: Text = Text()
    placements: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class Mechanism:
    id: str
    title: Text
    description: Text
    stage: str = "other"


@dataclass(frozen=True)
class Symbol:
    symbol: str
    meaning: Text


@dataclass(frozen=True)
class Factor:
    label: Text
    min: float
    max: float
    step: float
    value: float


@dataclass(frozen=True)
class ExplorableRow:
    label: Text
    factors: tuple[Factor, ...]


@dataclass(frozen=True)
class Explorable:
    combine: str
    result: Text
    rows: tuple[ExplorableRow, ...]

    @classmethod
    def of(cls, data: Any) -> Explorable | None:
        if not data:
            return None
        return cls(
            data["combine"],
            Text.of(data["result"]),
            tuple(
                ExplorableRow(
                    Text.of(r["label"]),
                    tuple(
                        Factor(Text.of(f["label"]), f["min"], f["max"], f["step"], f["value"])
                        for f in r["factors"]
                    ),
                )
                for r in data["rows"]
            ),
        )

    def evaluate(self, values: tuple[tuple[float, ...], ...] | None = None) -> float:
        """Compute the result for ``values`` (default: each factor's illustrative value)."""
        rows = values or tuple(tuple(f.value for f in r.factors) for r in self.rows)
        products = []
        for factors in rows:
            product = 1.0
            for v in factors:
                product *= v
            products.append(product)
        if self.combine == "max":
            return max(products)
        if self.combine == "min":
            return min(products)
        return sum(products)


@dataclass(frozen=True)
class Formula:
    id: str
    title: Text
    tex: str
    text: Text = Text()
    symbols: tuple[Symbol, ...] = ()
    relative_importance: Text = Text()
    explorable: Explorable | None = None


@dataclass(frozen=True)
class DataInput:
    category: Text
    source: Text
    examples: TextList = TextList()
    personal: bool = True
    sensitive: bool = False
    use: Text = Text()


@dataclass(frozen=True)
class Appeals:
    channel: Text
    covers: tuple[str, ...] = ()
    response_time: ResponseTime | None = None


@dataclass(frozen=True)
class Workers:
    order_allocation: Text = Text()
    pay: Text = Text()
    working_hours: Text = Text()
    rewards_penalties: Text = Text()
    time_estimation: Text = Text()
    fee_calculation: Text = Text()
    route_planning: Text = Text()
    appeals: Appeals | None = None

    TEXT_FIELDS = (
        "order_allocation",
        "pay",
        "working_hours",
        "rewards_penalties",
        "time_estimation",
        "fee_calculation",
        "route_planning",
    )

    @classmethod
    def of(cls, data: Any) -> Workers | None:
        if data is None:
            return None
        appeals = data.get("appeals")
        return cls(
            **{k: Text.of(data.get(k)) for k in cls.TEXT_FIELDS},
            appeals=Appeals(
                Text.of(appeals["channel"]),
                tuple(appeals.get("covers", ())),
                ResponseTime.of(appeals.get("response_time")),
            )
            if appeals
            else None,
        )


@dataclass(frozen=True)
class RankingFactor:
    name: Text
    description: Text


@dataclass(frozen=True)
class RankingList:
    principle: Text = Text()
    basis: Text = Text()
    factors: tuple[RankingFactor, ...] = ()
    worked_example: Text = Text()
    refresh: Text = Text()
    intervention: Text = Text()
    log_fields: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: Any) -> RankingList | None:
        if data is None:
            return None
        return cls(
            Text.of(data.get("principle")),
            Text.of(data.get("basis")),
            tuple(
                RankingFactor(Text.of(f["name"]), Text.of(f["description"]))
                for f in data.get("factors", ())
            ),
            Text.of(data.get("worked_example")),
            Text.of(data.get("refresh")),
            Text.of(data.get("intervention")),
            tuple(data.get("log_fields", ())),
        )


@dataclass(frozen=True)
class Coupons:
    conditions: Text = Text()
    quantity: Text = Text()
    usage_rules: Text = Text()
    failure_reasons: Text = Text()


@dataclass(frozen=True)
class Pricing:
    description: Text = Text()
    features: tuple[str, ...] = ()
    coupons: Coupons | None = None

    @classmethod
    def of(cls, data: Any) -> Pricing | None:
        if data is None:
            return None
        c = data.get("coupons")
        return cls(
            Text.of(data.get("description")),
            tuple(data.get("features", ())),
            Coupons(
                **{
                    k: Text.of(c.get(k))
                    for k in ("conditions", "quantity", "usage_rules", "failure_reasons")
                }
            )
            if c is not None
            else None,
        )


@dataclass(frozen=True)
class Minors:
    protections: Text = Text()
    mode: Text = Text()


@dataclass(frozen=True)
class Elderly:
    services: Text = Text()
    fraud_monitoring: Text = Text()


@dataclass(frozen=True)
class Series:
    name: Text
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    id: str
    title: Text
    kind: str
    caption: Text
    categories: TextList
    series: tuple[Series, ...]
    x_label: Text = Text()
    y_label: Text = Text()


@dataclass(frozen=True)
class FAQ:
    q: Text
    a: Text


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: Text


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


@dataclass(frozen=True)
class Surface:
    id: str
    name: Text


@dataclass(frozen=True)
class Product:
    id: str
    name: Text
    kind: str
    platforms: tuple[str, ...]
    surfaces: tuple[Surface, ...] = ()


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""
    address: Text = Text()
    url: str = ""


@dataclass(frozen=True)
class Provider:
    name: Text
    contact: Contact
    about: Text = Text()


@dataclass(frozen=True)
class SiteSettings:
    title: Text
    base_url: str = ""
    description: Text = Text()
    languages: tuple[str, ...] = ("zh",)
    filing_query_url: str = "https://beian.cac.gov.cn/#/index"
    intro: Text = Text()


@dataclass(frozen=True)
class Privacy:
    retention: Text = Text()
    rights: Text = Text()
    policy_url: str = ""
    effective: date | None = None


@dataclass(frozen=True)
class Site:
    """content/site.yaml: the provider and everything shared by all algorithms."""

    provider: Provider
    site: SiteSettings
    complaints: Complaints
    products: tuple[Product, ...]
    explanation: Explanation | None = None
    privacy: Privacy = Privacy()
    glossary: tuple[GlossaryEntry, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Site:
        prov = data["provider"]
        contact = prov.get("contact", {})
        s = data["site"]
        priv = data.get("privacy", {})
        complaints = Complaints.of(data["complaints"])
        assert complaints is not None
        return cls(
            Provider(
                Text.of(prov["name"]),
                Contact(
                    contact.get("email", ""),
                    contact.get("phone", ""),
                    Text.of(contact.get("address")),
                    contact.get("url", ""),
                ),
                Text.of(prov.get("about")),
            ),
            SiteSettings(
                Text.of(s["title"]),
                s.get("base_url", ""),
                Text.of(s.get("description")),
                tuple(s.get("languages", ("zh",))),
                s.get("filing_query_url", "https://beian.cac.gov.cn/#/index"),
                Text.of(s.get("intro")),
            ),
            complaints,
            tuple(
                Product(
                    p["id"],
                    Text.of(p["name"]),
                    p["kind"],
                    tuple(p["platforms"]),
                    tuple(Surface(x["id"], Text.of(x["name"])) for x in p.get("surfaces", ())),
                )
                for p in data["products"]
            ),
            Explanation.of(data.get("explanation")),
            Privacy(
                Text.of(priv.get("retention")),
                Text.of(priv.get("rights")),
                priv.get("policy_url", ""),
                _date(priv.get("effective")),
            ),
            _glossary(data.get("glossary", ())),
        )

    def product(self, product_id: str) -> Product | None:
        """Return the product with ``product_id``, if declared."""
        return next((p for p in self.products if p.id == product_id), None)


def _glossary(items: Any) -> tuple[GlossaryEntry, ...]:
    return tuple(GlossaryEntry(g["term"], Text.of(g["definition"])) for g in items)


def _text_fields(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Text]:
    return {n: Text.of(data.get(n)) for n in names}


YamlPath = tuple[str | int, ...]

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
                data, ("summary", "principles", "purpose", "scenarios", "objectives", "diversity")
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
            glossary=_glossary(data.get("glossary", ())),
            allowed_numbers=tuple(
                AllowedNumber(a["value"], a["reason"]) for a in data.get("allowed_numbers", ())
            ),
            effective=_date(data.get("effective")),
            review_by=_date(data.get("review_by")),
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
                    _date(w.get("expires")),
                    i,
                )
                for i, w in enumerate(data.get("waivers", ()))
            ),
            source=source,
        )
