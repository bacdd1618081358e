"""Duties that apply to some services: workers, ranking lists, pricing, minors, elderly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from disclosure_gen.content.model.rights import ResponseTime
from disclosure_gen.content.model.text import Text


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
