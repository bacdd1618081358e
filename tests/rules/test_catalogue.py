"""Meta-tests over the rule catalogue: codes, citations, documentation and test coverage."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
import yaml
from test_cases import CASES_DIR, run_case

import disclosure_gen.check.rules as rules_pkg
from disclosure_gen.check.rules import RULES, by_code
from disclosure_gen.check.rules.base import CODE_RE, NAME_RE, Rule
from disclosure_gen.check.rules.laws import INSTRUMENTS

_BLOCK = re.compile(r"## (Fails|Passes)\s*```yaml\n(.*?)```", re.S)


def _examples(rule: Rule) -> dict[str, dict]:
    doc = inspect.cleandoc(rule.__doc__ or "")
    return {kind: yaml.safe_load(body) or {} for kind, body in _BLOCK.findall(doc)}


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES] + [a for r in RULES for a in r.aliases]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    assert all(CODE_RE.match(c) for c in codes)
    assert all(NAME_RE.match(n) for n in names)


def test_every_rule_class_is_registered() -> None:
    registered = {type(r) for r in RULES}
    found = set()
    for info in pkgutil.iter_modules(rules_pkg.__path__):
        module = importlib.import_module(f"disclosure_gen.check.rules.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                found.add(obj)
    assert found == registered


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_quote_is_verbatim_and_severity_follows_force(rule: Rule) -> None:
    cit = rule.citation
    if cit is None:
        assert rule.code.startswith("DG-"), "only tool checks may go without a citation"
        return
    assert cit.instrument is INSTRUMENTS[cit.instrument.key]
    assert cit.quote in cit.unit_text
    if not cit.binding:
        assert rule.severity.value != "error"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_has_both_examples_and_they_behave(tmp_path: Path, rule: Rule) -> None:
    examples = _examples(rule)
    assert set(examples) == {"Fails", "Passes"}, (
        "docstring needs a yaml block under Fails and Passes"
    )
    assert rule.fix and rule.message
    failing = run_case(tmp_path / "fails", {"name": "fails", "patch": examples["Fails"]})
    assert rule.code in {c for c, _ in failing}, f"the Fails example does not fail: {failing}"
    passing = run_case(tmp_path / "passes", {"name": "passes", "patch": examples["Passes"]})
    assert rule.code not in {c for c, _ in passing}
    assert "DG-SCHEMA" not in {c for c, _ in failing + passing}


def test_every_code_has_a_case_file_with_a_pass_and_a_fail() -> None:
    codes = set(by_code())
    files = {p.stem for p in CASES_DIR.glob("*.yaml")}
    assert files <= codes, f"orphan case files: {sorted(files - codes)}"
    for rule in RULES:
        assert rule.code in files, f"no case file for {rule.code}"
        data = yaml.safe_load((CASES_DIR / f"{rule.code}.yaml").read_text(encoding="utf-8"))
        assert data["rule"] == rule.code
        kinds = {bool(c["findings"]) for c in data["cases"]}
        assert kinds == {True, False}, f"{rule.code} needs a failing and a passing case"


def test_heuristics_and_guidance_warn_at_most() -> None:
    for rule in RULES:
        if rule.basis in ("heuristic", "guidance"):
            assert rule.severity.value != "error", rule.code


def test_every_candidate_rule_is_implemented_or_dropped_with_a_reason() -> None:
    from disclosure_gen.check.candidates import CANDIDATES

    ids = [c.id for c in CANDIDATES]
    assert len(ids) == len(set(ids))
    codes = set(by_code())
    for candidate in CANDIDATES:
        assert set(candidate.codes) <= codes, candidate.id
        if candidate.status != "implemented":
            assert candidate.note, f"{candidate.id} is {candidate.status} without a reason"
    assert {"A7-SERVICE-RULES", "A24-INITIAL-FILING", "ECL18-SEARCH"} <= {
        code for c in CANDIDATES for code in c.codes
    }


def test_rules_command_shows_the_basis_and_the_candidates(run_cli) -> None:
    from disclosure_gen.check.candidates import CANDIDATES

    listing = run_cli("rules").stdout.splitlines()
    row = {line.split()[0]: line.split()[2] for line in listing[1:]}
    assert row["A16-PRINCIPLE"] == "law" and row["A16-PRINCIPLE-DETAIL"] == "heuristic"
    assert row["QL-COCOON"] == "guidance" and row["DG-NUMBERS"] == "heuristic"
    everything = run_cli("rules", "--all").stdout
    assert all(c.id in everything for c in CANDIDATES)
    assert "A24-FILING-CONTENTS          dropped  " in everything
