"""The rule catalogue: an explicit tuple, so registration has no import side effects."""

from __future__ import annotations

from disclosure_gen.rules import algo_art16, algo_art24_changes
from disclosure_gen.rules.base import Rule

RULES: tuple[Rule, ...] = (
    algo_art16.NoticeGiven(),
    algo_art16.PrinciplePublished(),
    algo_art16.PurposePublished(),
    algo_art16.MechanismPublished(),
    algo_art16.DisclosurePublished(),
    algo_art24_changes.ChangeFiled(),
    algo_art24_changes.ChangeFilingDue(),
    algo_art24_changes.Deregistered(),
    algo_art24_changes.DeregistrationDue(),
)


def by_code() -> dict[str, Rule]:
    """Map every code and alias to its rule."""
    out: dict[str, Rule] = {}
    for rule in RULES:
        out[rule.code] = rule
        for alias in rule.aliases:
            out[alias] = rule
    return out
