"""Render a :class:`~disclosure_gen.publish.diff.ContentDiff` as text, Markdown or JSON (pure)."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from disclosure_gen.publish.diff import ContentDiff, DocDiff, FieldChange

_KIND = {"added": "新增", "removed": "删除", "changed": "修改"}
#: Characters of unchanged text kept on each side of an inline change.
_CONTEXT = 12
#: Longest value shown in full on one line.
_SHORT = 80


def value_text(value: Any) -> str:
    """A value in words: texts as they are, lists joined, mappings by their Chinese text."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "、".join(value_text(v) for v in value) or "（空列表）"
    if isinstance(value, dict) and isinstance(value.get("zh"), str):
        return value["zh"]
    if isinstance(value, dict):
        return "，".join(value_text(v) for v in value.values())
    return "；".join(value_text(v) for v in value)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHORT else flat[: _SHORT - 1] + "…"


def _inline(a: str, b: str) -> str:
    """One line with deletions as [-…-] and insertions as {+…+}, long equal runs elided."""
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    codes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            same = a[i1:i2]
            head = same[:_CONTEXT] if n else ""
            tail = same[-_CONTEXT:] if n < len(codes) - 1 else ""
            if n and n < len(codes) - 1 and len(same) <= 2 * _CONTEXT:
                out.append(same)
            else:
                out.append(head + ("…" if len(same) > len(head) + len(tail) else "") + tail)
            continue
        if i2 > i1:
            out.append(f"[-{a[i1:i2]}-]")
        if j2 > j1:
            out.append(f"{{+{b[j1:j2]}+}}")
    return "".join(out)


def prose_lines(old: str, new: str) -> Iterator[tuple[str, str]]:
    """Yield ``(mark, line)``: '-' removed, '+' added, '~' changed in place (inline marks)."""
    a, b = old.strip("\n").splitlines(), new.strip("\n").splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                yield "~", _inline(x, y)
            continue
        for line in a[i1:i2]:
            yield "-", line
        for line in b[j1:j2]:
            yield "+", line


def unified(old: str, new: str) -> str:
    """A line-based unified diff of two texts, without file headers."""
    lines = difflib.unified_diff(
        old.strip("\n").splitlines(), new.strip("\n").splitlines(), lineterm="", n=1
    )
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))


def _doc_title(doc: DocDiff) -> str:
    if doc.key == "site":
        return f"站点设置（{doc.file}）"
    ident = doc.key.split(":", 1)[1]
    name = f"「{doc.name}」" if doc.name else ""
    return f"算法 {ident}{name}（{doc.file}）"


def _headline(doc: DocDiff) -> str:
    if doc.status == "added":
        return f"新增{_doc_title(doc)}"
    if doc.status == "removed":
        return f"删除{_doc_title(doc)}"
    return f"{_doc_title(doc)}：{len(doc.changes)} 处变化"


def _summary(diff: ContentDiff) -> str:
    if diff.empty:
        return "没有变化"
    counts = {
        s: sum(1 for d in diff.docs if d.status == s) for s in ("added", "removed", "changed")
    }
    parts = [f"{_KIND[s]} {n} 个文件" for s, n in counts.items() if n]
    return "，".join(parts)


def _change_line(c: FieldChange) -> str:
    where = f"{_KIND[c.kind]} {c.label} [{c.path}]"
    if c.prose:
        return where
    if c.kind == "added":
        return f"{where}：{_short(value_text(c.new))}"
    if c.kind == "removed":
        return f"{where}（原为：{_short(value_text(c.old))}）"
    return f"{where}：{_short(value_text(c.old))} → {_short(value_text(c.new))}"


def to_text(diff: ContentDiff) -> str:
    """Plain text for terminals and CI logs."""
    out = [f"内容对比：{diff.old} → {diff.new}", _summary(diff)]
    for doc in diff.docs:
        out.append("")
        out.append(_headline(doc))
        for c in doc.changes:
            out.append(f"  {_change_line(c)}")
            if c.prose:
                out += [f"      {mark} {line}" for mark, line in prose_lines(c.old, c.new)]
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_escape(text: str) -> str:
    """Escape Markdown punctuation and HTML so user text stays literal text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _fence(body: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


def to_markdown(diff: ContentDiff) -> str:
    """Markdown for pull-request comments and release notes."""
    out = [
        "# 内容对比",
        "",
        f"旧版本：{md_escape(diff.old)}；新版本：{md_escape(diff.new)}。{_summary(diff)}。",
    ]
    for doc in diff.docs:
        out += ["", f"## {md_escape(_headline(doc))}", ""]
        for c in doc.changes:
            out.append(f"- {md_escape(_change_line(c))}")
            if c.prose:
                body = unified(c.old, c.new)
                fence = _fence(body)
                out += ["", f"  {fence}diff"]
                out += [f"  {line}" for line in body.splitlines()]
                out += [f"  {fence}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_json(diff: ContentDiff) -> str:
    """A stable JSON shape with English keys (labels stay in Chinese as values)."""
    docs = []
    for doc in diff.docs:
        kind, _, ident = doc.key.partition(":")
        changes = []
        for c in doc.changes:
            record: dict[str, Any] = {
                "path": c.path,
                "label": c.label,
                "change": c.kind,
                "old": c.old,
                "new": c.new,
            }
            if c.prose:
                record["diff"] = unified(c.old, c.new)
            changes.append(record)
        docs.append(
            {
                "kind": kind,
                "id": ident or None,
                "name": doc.name,
                "file": doc.file,
                "status": doc.status,
                "changes": changes,
            }
        )
    payload = {"version": 1, "old": diff.old, "new": diff.new, "documents": docs}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


DIFF_FORMATS: dict[str, Callable[[ContentDiff], str]] = {
    "text": to_text,
    "md": to_markdown,
    "json": to_json,
}
