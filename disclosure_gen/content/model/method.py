"""How the algorithm works: mechanism stages, formulas, the data it uses, charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from disclosure_gen.content.model.text import Text, TextList


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
