"""content/site.yaml: the provider, its products and what all algorithms share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from disclosure_gen.content.model.rights import Complaints, Explanation
from disclosure_gen.content.model.text import Text, parse_date

PLATFORM_LABELS = {
    "ios": ("iOS", "iOS"),
    "android": ("Android", "Android"),
    "harmonyos": ("鸿蒙", "HarmonyOS"),
    "web": ("网页", "Web"),
    "mini_program": ("小程序", "Mini program"),
    "pc": ("电脑客户端", "Desktop app"),
}


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: Text


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
    #: Protected groups among the product's users (workers, minors, elderly): evidence for
    #: which duties apply, beside the algorithm's own flags.
    audience: tuple[str, ...] = ()


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
class ServiceRules:
    """The published rules of the recommendation service (Art. 7)."""

    url: str
    name: Text = Text()


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
    service_rules: ServiceRules | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Site:
        prov = data["provider"]
        contact = prov.get("contact", {})
        s = data["site"]
        priv = data.get("privacy", {})
        # Optional in the schema: Article 22's rules report a missing channel with its clause.
        complaints = Complaints.of(data.get("complaints")) or Complaints()
        rules = data.get("service_rules")
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
                    tuple(p.get("audience", ())),
                )
                for p in data["products"]
            ),
            Explanation.of(data.get("explanation")),
            Privacy(
                Text.of(priv.get("retention")),
                Text.of(priv.get("rights")),
                priv.get("policy_url", ""),
                parse_date(priv.get("effective")),
            ),
            glossary_of(data.get("glossary", ())),
            ServiceRules(rules["url"], Text.of(rules.get("name"))) if rules else None,
        )

    def product(self, product_id: str) -> Product | None:
        """Return the product with ``product_id``, if declared."""
        return next((p for p in self.products if p.id == product_id), None)


def glossary_of(items: Any) -> tuple[GlossaryEntry, ...]:
    """The ``glossary`` list of a site or algorithm file."""
    return tuple(GlossaryEntry(g["term"], Text.of(g["definition"])) for g in items)
