"""What users can do: switch personalisation off, manage tags, complain, ask for an explanation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from disclosure_gen.content.model.text import Text, TextList


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
    #: A response time written as words («尽快») instead of a period. The schema lets it through
    #: so that Article 22's rule, not a type error, reports it; it is never published.
    response_phrase: str = ""

    @classmethod
    def of(cls, data: Any) -> Complaints | None:
        if data is None:
            return None
        limit = data.get("response_time")
        return cls(
            Text.of(data.get("entry")),
            data.get("url", ""),
            data.get("phone", ""),
            Text.of(data.get("process")),
            None if isinstance(limit, str) else ResponseTime.of(limit),
            limit if isinstance(limit, str) else "",
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
