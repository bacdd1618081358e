"""Where the algorithm is announced (notice placements) and how it is filed (备案)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from disclosure_gen.content.model.text import Text, parse_date


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
    #: Date of the last security assessment (Art. 27); internal evidence, never published.
    security_assessed_on: date | None = None

    @classmethod
    def of(cls, data: Any) -> Filing:
        if not data:
            return cls()
        return cls(
            data["status"],
            data.get("number", ""),
            data.get("algorithm_name", ""),
            parse_date(data.get("submitted_on")),
            parse_date(data.get("filed_on")),
            parse_date(data.get("service_started_on")),
            parse_date(data.get("terminated_on")),
            parse_date(data.get("deregistered_on")),
            tuple(Placement.of(p) for p in data.get("display", ())),
            data.get("public_info_link", ""),
            data.get("disclosure_hash", ""),
            tuple(
                FilingChange(
                    date.fromisoformat(c["changed_on"]),
                    parse_date(c.get("filed_on")),
                    Text.of(c.get("summary")),
                )
                for c in data.get("changes", ())
            ),
            parse_date(data.get("security_assessed_on")),
        )


@dataclass(frozen=True)
class Notice:
    text: Text = Text()
    placements: tuple[Placement, ...] = ()
