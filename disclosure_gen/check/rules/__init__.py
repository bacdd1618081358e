"""The rule catalogue: an explicit tuple, so registration has no import side effects."""

from __future__ import annotations

from disclosure_gen.check.rules import (
    algo_art8,
    algo_art16,
    algo_art17,
    algo_art17_explain,
    algo_art17_tags,
    algo_art18,
    algo_art19,
    algo_art20,
    algo_art21,
    algo_art22,
    algo_art24,
    algo_art24_changes,
    algo_art26,
    disclosed_numbers,
    filing_number,
    formulas,
    nds_art42,
    pipl_art24,
    plain_language,
    practice,
    prose,
    qinglang,
    qinglang_hotlist,
    qinglang_workers,
    translation_stale,
)
from disclosure_gen.check.rules.base import Rule

RULES: tuple[Rule, ...] = (
    algo_art8.ReviewNotOverdue(),
    algo_art8.ReviewScheduled(),
    algo_art16.NoticeGiven(),
    algo_art16.PrinciplePublished(),
    algo_art16.PurposePublished(),
    algo_art16.MechanismPublished(),
    algo_art16.DisclosurePublished(),
    algo_art17.OptionOffered(),
    algo_art17.StopsImmediately(),
    algo_art17_tags.TagsManageable(),
    algo_art17_explain.ExplanationOffered(),
    nds_art42.OffSwitchShallow(),
    pipl_art24.PushOptOut(),
    algo_art18.MinorsProtected(),
    algo_art19.ElderlyServed(),
    algo_art20.WorkerRulesDocumented(),
    algo_art21.NoPersonalPricing(),
    algo_art22.ComplaintChannel(),
    algo_art22.ComplaintResponseTime(),
    algo_art24.FilingRequired(),
    algo_art24.FilingRecorded(),
    algo_art24_changes.ChangeFiled(),
    algo_art24_changes.ChangeFilingDue(),
    algo_art24_changes.Deregistered(),
    algo_art24_changes.DeregistrationDue(),
    algo_art26.FilingDisplayed(),
    filing_number.NumberFormat(),
    filing_number.NumberYear(),
    practice.CategoryKnown(),
    practice.ScenarioDescribed(),
    practice.NameAsFiled(),
    prose.NoEndorsementClaim(),
    prose.ArticleCitedCorrectly(),
    qinglang.CocoonPrevented(),
    qinglang_hotlist.HotlistDisclosed(),
    qinglang_hotlist.HotlistLogged(),
    qinglang_workers.WorkerRulesPublished(),
    qinglang_workers.WorkerAppeals(),
    qinglang.CouponsTransparent(),
    formulas.SymbolsExplained(),
    formulas.FormulaExplained(),
    plain_language.SentencesShort(),
    plain_language.JargonExplained(),
    disclosed_numbers.NumbersNotLeaked(),
    translation_stale.TranslationStale(),
)


def by_code() -> dict[str, Rule]:
    """Map every code and alias to its rule."""
    out: dict[str, Rule] = {}
    for rule in RULES:
        out[rule.code] = rule
        for alias in rule.aliases:
            out[alias] = rule
    return out
