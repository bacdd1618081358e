"""The Rule base class and Citation; rules are plain classes listed in ``rules.RULES``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.laws import Instrument
from disclosure_gen.content.model.algorithm import Algorithm

CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOC_HEADINGS = ("## Why", "## Fails", "## Passes")

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """Write 1..99 the way statutes number articles: 十七, 二十六, 三十."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Citation:
    """Where a rule's duty comes from, with the words of the clause quoted exactly."""

    instrument: Instrument
    article: int
    quote: str
    paragraph: int | None = None
    #: The clause only encourages (鼓励…), as Article 12 does: not binding, though its
    #: instrument is.
    encouraged: bool = False

    @property
    def binding(self) -> bool:
        """Whether the clause binds (a law or regulation) or only guides (a campaign, 鼓励)."""
        return self.instrument.binding and not self.encouraged

    @property
    def unit_text(self) -> str:
        """The full text of the cited article (or paragraph when one is given)."""
        paras = self.instrument.units[self.article]
        if self.paragraph is not None:
            return paras[self.paragraph - 1]
        return "\n".join(paras)

    def __str__(self) -> str:
        kind = self.instrument.unit
        title = f"《{self.instrument.title}》"
        if kind == "article":
            out = f"{title}第{chinese_number(self.article)}条"
            if self.paragraph is not None:
                out += f"第{chinese_number(self.paragraph)}款"
            return out
        if kind == "task":
            return f"{title}主要任务{chinese_number(self.article)}"
        if kind == "item":
            return f"{title}第{chinese_number(self.article)}项"
        return title


@dataclass(frozen=True)
class Hit:
    """A rule's raw result: the YAML path it concerns, and optionally a more specific message.

    ``in_site`` marks a path inside content/site.yaml (for values an algorithm inherits).
    """

    path: tuple[str | int, ...]
    message: str = ""
    in_site: bool = False


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond the document: the date of the check (never the clock)."""

    today: date


class Rule:
    """Base class: subclasses declare the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    citation: ClassVar[Citation | None]
    message: ClassVar[str]
    fix: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    #: The test is the tool's own threshold (a length, a depth, a period), not the law's words:
    #: such a rule can only warn, and its findings are marked heuristic.
    heuristic: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        problems = []
        for attr in ("code", "name", "severity", "citation", "message", "fix"):
            if not hasattr(cls, attr):
                problems.append(f"missing `{attr}`")
        if problems:
            raise TypeError(f"{cls.__name__}: {', '.join(problems)}")
        if not CODE_RE.match(cls.code):
            raise TypeError(f"{cls.__name__}: code {cls.code!r} is not like A16-NOTICE")
        if not NAME_RE.match(cls.name):
            raise TypeError(f"{cls.__name__}: name {cls.name!r} is not kebab-case")
        doc = cls.__doc__ or ""
        positions = [doc.find(h) for h in DOC_HEADINGS]
        if -1 in positions or positions != sorted(positions):
            raise TypeError(f"{cls.__name__}: docstring needs {', '.join(DOC_HEADINGS)} in order")
        if cls.message.endswith("。") or cls.fix.endswith("。"):
            raise TypeError(f"{cls.__name__}: message and fix take no final 。")
        cit = cls.citation
        if cit is not None:
            if cit.quote not in cit.unit_text:
                raise TypeError(f"{cls.__name__}: quote is not verbatim in {cit}")
            if not cit.binding and cls.severity is Severity.ERROR:
                raise TypeError(f"{cls.__name__}: a non-binding source gives a warning at most")
        if cls.heuristic and cls.severity is Severity.ERROR:
            raise TypeError(f"{cls.__name__}: a heuristic gives a warning at most")

    @property
    def binding_error(self) -> bool:
        """An error the law itself imposes.

        It can be lowered to a warning at most, and waived only with an approver, an expiry
        date and a reason.
        """
        return (
            self.severity is Severity.ERROR and self.citation is not None and self.citation.binding
        )

    @property
    def basis(self) -> str:
        """What a finding rests on: ``heuristic``, ``tool``, ``guidance`` or ``law``.

        A heuristic is named first whatever it cites: its threshold is the tool's own.
        """
        if self.heuristic:
            return "heuristic"
        if self.citation is None:
            return "tool"
        return "law" if self.citation.binding else "guidance"

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return (self.__doc__ or "").strip().splitlines()[0]

    def applies(self, algo: Algorithm) -> bool:
        """Whether the rule is relevant to ``algo`` at all (default: always)."""
        return True

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        """Yield one :class:`Hit` per problem found in ``algo``."""
        raise NotImplementedError

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        """Yield the hits for ``algo`` as of ``ctx``; the engine calls this.

        Most rules read only the document and implement :meth:`check`; a rule that needs the
        check date overrides this method instead.
        """
        return self.check(algo)
