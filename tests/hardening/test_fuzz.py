"""Fuzzing with Hypothesis: no input makes check, export or build crash.

Three kinds of input: YAML-like text from an alphabet of YAML syntax, structured documents with
random values under the real keys, and byte-level mutations of the demo files. They go
through the loader, the library check, the CLI (``run_cli`` does not catch exceptions: a
traceback fails the test), exports, and a handful of builds. Every refusal must be located:
``file:line:col``. Example counts are fixed and the examples derandomized, so CI runs the same
inputs every time; ``pytest tests/hardening/test_fuzz.py -s`` prints how many ran.
"""

from __future__ import annotations

import collections
import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hardening.hardening_support import FUZZ_SETTINGS as SETTINGS
from hardening.hardening_support import TODAY, cli
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT, load_base, write_content

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.check.schema import load_schema
from disclosure_gen.content.loader import InputError, load_bytes
from disclosure_gen.export import EXPORT_FORMATS

RAN: collections.Counter[str] = collections.Counter()
LOCATED = re.compile(r"^\S[^\n]*?:\d+:\d+: ")
DEMO_FILES = [
    *sorted((ROOT / "content" / "algorithms").glob("*.yaml")),
    ROOT / "content" / "site.yaml",
]

# --- strategies -------------------------------------------------------------------------------

YAML_ALPHABET = (
    list(" \n\t-:[]{},#&*!|>'\"%@`?.\\=~<") + list("abidnzhe019") + list("推荐\u200b\ufeff\u2028")
)
yamlish = st.text(alphabet=st.sampled_from(YAML_ALPHABET), max_size=300)


def _keys() -> list[str]:
    """Every property name in the algorithm and site schemas."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(k for k in node.get("properties", {}) if isinstance(k, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema("algorithm"))
    walk(load_schema("site"))
    return sorted(names)


KEYS = _keys()
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(
        ["2026-01-01", "2026-02-30", "https://a.example/", "mailto:a@b.cn", "zh", "en"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, min_size=1, max_size=8)


@st.composite
def mutated_demo(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes): a demo file with a few byte-level edits."""
    source = draw(st.sampled_from(DEMO_FILES))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "flip", "swap-lines", "cut"]))
        at = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "swap-lines":
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "cut":
            del data[at:]
    return source.name, bytes(data)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


@st.composite
def edited_demo(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes): a demo file, still valid YAML, with some values replaced.

    Byte mutations mostly stop at the parser; these reach the schema, the rules and the
    exporters.
    """
    source = draw(st.sampled_from(DEMO_FILES))
    doc = yaml.safe_load(source.read_bytes())
    leaves = _leaves(doc)
    for _ in range(draw(st.integers(1, 6))):
        path = draw(st.sampled_from(leaves))
        node = doc
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = draw(st.one_of(scalars, st.lists(TEXT, max_size=3), st.just({})))
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    return source.name, text.encode()


def _content(root: Path, name: str, raw: bytes) -> Path:
    """The demo content with ``name`` replaced by ``raw``."""
    content = root / "content"
    (content / "algorithms").mkdir(parents=True)
    for source in DEMO_FILES:
        rel = source.relative_to(ROOT / "content")
        (content / rel).write_bytes(source.read_bytes())
    target = content / "site.yaml" if name == "site.yaml" else content / "algorithms" / name
    target.write_bytes(raw)
    return content


def _assert_located_check(content: Path) -> None:
    checked = check_paths([content], CheckOptions(today=date.fromisoformat(TODAY)))
    for err in checked.input_errors:
        assert err.line >= 1 and err.column >= 1 and err.file and err.message, err
    for f in checked.report.findings:
        assert f.location.line >= 1 and f.location.column >= 1 and f.location.file, f


def _assert_cli_output(result: Any) -> None:
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code == 2:
        lines = [line for line in result.stderr.splitlines() if not line.startswith("    ")]
        assert lines and all(LOCATED.match(line) for line in lines), result.stderr
    for line in result.stdout.splitlines():
        if line.startswith("    ") or re.match(r"^\d+ 个文件：", line):
            continue
        assert LOCATED.match(line), line


# --- the loader -------------------------------------------------------------------------------


@settings(max_examples=400, **SETTINGS)
@given(raw=st.one_of(yamlish.map(str.encode), st.binary(max_size=200)))
def test_loader_returns_data_or_a_located_error(raw: bytes) -> None:
    RAN["loader: YAML-like text and bytes"] += 1
    try:
        loaded = load_bytes(raw, file="t.yaml")
    except InputError as exc:
        assert exc.line >= 1 and exc.column >= 1 and str(exc).startswith("t.yaml:")
        return
    assert isinstance(loaded.data, dict)


@settings(max_examples=200, **SETTINGS)
@given(case=mutated_demo())
def test_loader_on_mutated_demo_files(case: tuple[str, bytes]) -> None:
    RAN["loader: mutated demo files"] += 1
    try:
        load_bytes(case[1], file=case[0])
    except InputError as exc:
        assert exc.line >= 1 and exc.column >= 1


# --- check ------------------------------------------------------------------------------------


@settings(max_examples=150, **SETTINGS)
@given(doc=documents)
def test_check_on_random_documents(doc: dict[str, Any]) -> None:
    RAN["check (library): random documents"] += 1
    site, _ = load_base()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            content = write_content(Path(tmp), site, [{"id": "fuzz", **doc}])
        except (yaml.YAMLError, ValueError, OSError):
            return  # not representable as YAML, or an `id` no file can be named; nothing to check
        _assert_located_check(content)


@settings(max_examples=150, **SETTINGS)
@given(case=st.one_of(mutated_demo(), edited_demo()))
def test_check_on_mutated_demo_files(case: tuple[str, bytes]) -> None:
    RAN["check (library): byte-mutated and value-edited demo files"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        _assert_located_check(_content(Path(tmp), *case))


@settings(max_examples=60, **SETTINGS)
@given(
    case=st.one_of(mutated_demo(), edited_demo(), yamlish.map(lambda t: ("fuzz.yaml", t.encode())))
)
def test_check_command_output_is_located(run_cli, case: tuple[str, bytes]) -> None:
    RAN["check (CLI): mutated and edited demo files, YAML-like text"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        content = _content(Path(tmp), *case)
        result = run_cli("check", "content", "--today", TODAY, cwd=content.parent)
    _assert_cli_output(result)


# --- export -----------------------------------------------------------------------------------


@settings(max_examples=36, **SETTINGS)
@given(
    case=st.one_of(mutated_demo(), edited_demo()),
    fmt=st.sampled_from([f for f, _ in EXPORT_FORMATS]),
)
def test_export_command_never_crashes(run_cli, case: tuple[str, bytes], fmt: str) -> None:
    RAN["export (CLI): mutated and edited demo files"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        content = _content(Path(tmp), *case)
        out = Path(tmp) / "out.bin"
        result = run_cli(
            "export",
            "--format",
            fmt,
            "--allow-errors",
            "--today",
            TODAY,
            "-o",
            str(out),
            cwd=content.parent,
        )
        assert "Traceback" not in result.stderr
        assert result.exit_code in (0, 2), result.stderr[-1500:]
        if result.exit_code == 0:
            assert out.stat().st_size > 0
            if fmt in ("json", "notice-json"):
                json.loads(out.read_bytes())
        else:
            lines = [line for line in result.stderr.splitlines() if LOCATED.match(line)]
            # A located input error, an unknown name, or no algorithm that needs a PIA record.
            said = ("未知", "无需个人信息保护影响评估记录")
            assert lines or any(s in result.stderr for s in said), result.stderr


# --- build ------------------------------------------------------------------------------------

FIELDS = ("summary", "principles", "purpose", "scenarios", "diversity")
TEX_TOKENS = [*"\\{}^_$&%#~ xyz12+-=()[]|<>", "\\frac", "\\sum", "\\text", "\\href", "\\def"]


@settings(max_examples=5, **SETTINGS)
@given(
    texts=st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120
        ),
        min_size=len(FIELDS),
        max_size=len(FIELDS),
    ),
    label=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30),
    tex=st.lists(st.sampled_from(TEX_TOKENS), min_size=1, max_size=20).map("".join),
)
def test_build_with_random_text_never_crashes(texts: list[str], label: str, tex: str) -> None:
    RAN["build (CLI): random text, chart label and TeX"] += 1
    site, algo = load_base()
    for field, text in zip(FIELDS, texts, strict=True):
        algo[field] = {"zh": text, "en": text}
    algo["formulas"] = [{"id": "f", "title": {"zh": "公式"}, "tex": tex, "text": {"zh": texts[0]}}]
    algo["charts"] = [
        {
            "id": "c",
            "title": {"zh": "图"},
            "kind": "bar",
            "caption": {"zh": texts[1]},
            "categories": {"zh": [label, "乙"]},
            "series": [{"name": {"zh": label}, "values": [1, 2]}],
        }
    ]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_content(project, site, [algo])
        (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
        result = cli(project, "build", "--today", TODAY, "--allow-errors", "--no-cache")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        # 0: published; 2 with a located line: the schema refused a value (draft needs a model).
        assert result.returncode in (0, 1, 2), result.stderr
        if result.returncode == 0:
            assert (project / "site" / "index.html").is_file()
        else:
            assert any(LOCATED.match(line) for line in result.stderr.splitlines()), result.stderr


def test_zz_report_fuzz_counts() -> None:
    # Runs after the fuzz tests in this module (pytest keeps file order): the figures.
    if not RAN:
        pytest.skip("run together with the fuzz tests to see the counts")
    print("\nFuzz examples run: " + "; ".join(f"{k}: {v}" for k, v in sorted(RAN.items())))
    print(f"Fuzz total: {sum(RAN.values())}")
