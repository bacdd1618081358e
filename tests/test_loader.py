"""The loader: safe YAML subset, positions in code points, clear refusals."""

from __future__ import annotations

import pytest

from disclosure_gen.content.loader import InputError, format_path, load_bytes


def test_positions_count_code_points_not_bytes() -> None:
    doc = load_bytes("名称: {zh: 青禾, en: x}\n列表:\n  - 甲: 1\n".encode(), file="t.yaml")
    assert doc.locator.find(("名称", "en")) == (1, 18)
    assert doc.locator.find(("列表", 0, "甲")) == (3, 8)
    assert doc.locator.find(("列表", 0, "甲"), key=True) == (3, 5)


def test_missing_path_points_at_nearest_parent() -> None:
    doc = load_bytes(b"a:\n  b: 1\n", file="t.yaml")
    assert doc.locator.find(("a", "missing", "deeper")) == (2, 3)
    assert doc.locator.find(("nothing",)) == (1, 1)


def test_dates_stay_strings_and_scalars_resolve() -> None:
    doc = load_bytes(b"d: 2026-01-01\nn: 3\nf: 1.5\nb: true\nq: '007'\nz: null\n", file="t.yaml")
    assert doc.data == {"d": "2026-01-01", "n": 3, "f": 1.5, "b": True, "q": "007", "z": None}


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [
        (b"a: 1\n---\nb: 2\n", (2, 1), "一个文件只能包含一个 YAML 文档"),
        (b"<<: {a: 1}\n", (1, 1), "合并键"),
        (b"? [a]\n: 1\n", (1, 3), "键必须是简单文本"),
        (b"a: !!binary aGk=\n", (1, 4), "标签"),
        (b"a: !!set {x}\n", (1, 4), "标签"),
        (b"\xef\xbb\xbfa: [\n", (2, 1), "YAML 语法错误"),
        # Escapes can smuggle in characters DOCX (XML) cannot hold; they are refused, located.
        (b'a: "<scr\\0ipt>"\n', (1, 4), "不允许的字符 U+0000（第 5 个字符）"),
        (b'a:\n  "k\\vey": 1\n', (2, 3), "U+000B"),
        (b'a: ["\\uFFFE"]\n', (1, 5), "U+FFFE"),
        (b'a: {b: "\\x9b[2J"}\n', (1, 8), "U+009B"),
    ],
)
def test_refusals_are_located(raw: bytes, where: tuple[int, int], words: str) -> None:
    with pytest.raises(InputError) as info:
        load_bytes(raw, file="t.yaml")
    assert (info.value.line, info.value.column) == where
    assert words in info.value.message
    assert str(info.value).startswith(f"t.yaml:{where[0]}:{where[1]}: ")


def test_format_path() -> None:
    assert format_path(("a", 0, "b", 12)) == "a[0].b[12]"
    assert format_path(()) == ""
