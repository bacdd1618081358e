"""Text values in Chinese with optional English, and the small parsing helpers the model shares."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any


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


def parse_date(value: str | None) -> date | None:
    """An optional ISO date string (the loader keeps dates as strings)."""
    return date.fromisoformat(value) if value else None


YamlPath = tuple[str | int, ...]
