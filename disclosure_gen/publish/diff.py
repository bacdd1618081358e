"""Field-by-field comparison of two content snapshots, in plain words.

Pure: takes :class:`~disclosure_gen.publish.history_git.Snapshot` values (file bytes) and returns
frozen data; ``diff_format`` turns that into text, Markdown or JSON. Documents are compared as
loaded data, not as text, so re-indenting a file or switching quote styles shows no change.
Lists are aligned (by ``id`` where items have one, else by content), so inserting one FAQ entry
reads as one addition rather than every later entry changing.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from disclosure_gen.check.schema import load_schema
from disclosure_gen.content.loader import PathT, format_path, load_bytes
from disclosure_gen.publish.history_git import Snapshot

SITE_FILE = "site.yaml"
#: Keys that identify list items, tried in order (mechanisms have ids, versions a number).
_IDENTITY = ("id", "version", "code", "term", "product", "platform")
#: Labels for keys whose schema title is a generic one (or missing), in Chinese.
_LABELS = {
    "zh": "中文",
    "en": "英文",
    "en_source": "译文对应的中文指纹",
    "q": "问题",
    "a": "回答",
    "version": "版本号",
    "changed_on": "变更日期",
    "filed_on": "备案日期",
    "summary": "说明",
    "kind": "类型",
    "values": "数值",
    "label": "名称",
    "min": "最小值",
    "max": "最大值",
    "step": "步长",
    "value": "示例值",
    "rows": "行",
    "factors": "因素",
    "paths": "操作路径",
    "title": "标题",
    "surfaces": "场景",
    "name": "名称",
    "date": "日期",
}
#: The same labels in English.
_LABELS_EN = {
    "zh": "Chinese",
    "en": "English",
    "en_source": "Fingerprint of the translated Chinese",
    "q": "Question",
    "a": "Answer",
    "version": "Version",
    "changed_on": "Changed on",
    "filed_on": "Filed on",
    "summary": "Summary",
    "kind": "Kind",
    "values": "Values",
    "label": "Label",
    "min": "Minimum",
    "max": "Maximum",
    "step": "Step",
    "value": "Example value",
    "rows": "Rows",
    "factors": "Factors",
    "paths": "Menu paths",
    "title": "Title",
    "surfaces": "Surfaces",
    "name": "Name",
    "date": "Date",
}
#: Schema titles shared by many fields; the key's own label says more.
_GENERIC = {"中英文文本", "中英文短文本", "中英文名称", "中英文条目列表", "标识", "日期"}
#: A string is prose (shown as a text diff) from this length or with a line break.
PROSE_CHARS = 40


@dataclass(frozen=True)
class FieldChange:
    """One changed value: where, in words, and old → new (None for added/removed)."""

    path: str
    label: str
    kind: str  # added | removed | changed
    old: Any = None
    new: Any = None

    @property
    def prose(self) -> bool:
        """Whether both sides are texts long enough to show as a text diff."""
        return (
            isinstance(self.old, str)
            and isinstance(self.new, str)
            and any(len(v) >= PROSE_CHARS or "\n" in v.strip() for v in (self.old, self.new))
        )


@dataclass(frozen=True)
class DocDiff:
    """The changes to one document: an algorithm (by id) or the site file."""

    key: str
    name: str
    file: str
    status: str  # added | removed | changed
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ContentDiff:
    old: str
    new: str
    docs: tuple[DocDiff, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.docs


def compare(old: Snapshot, new: Snapshot) -> ContentDiff:
    """Compare every document of two snapshots; raises ``InputError`` for unusable YAML."""
    before = _documents(old)
    after = _documents(new)
    docs: list[DocDiff] = []
    keys = sorted(set(before) | set(after), key=lambda k: (k != "site", k))
    for key in keys:
        a, b = before.get(key), after.get(key)
        if a is None and b is not None:
            docs.append(DocDiff(key, _name(b[1]), b[0], "added"))
        elif b is None and a is not None:
            docs.append(DocDiff(key, _name(a[1]), a[0], "removed"))
        elif a is not None and b is not None:
            schema = "site" if key == "site" else "algorithm"
            changes = compare_documents(a[1], b[1], schema)
            if changes:
                docs.append(DocDiff(key, _name(b[1]), b[0], "changed", changes))
    return ContentDiff(old.label, new.label, tuple(docs))


def _documents(snap: Snapshot) -> dict[str, tuple[str, dict[str, Any]]]:
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for rel, raw in sorted(snap.files.items()):
        data = load_bytes(raw, file=f"{snap.label}:{rel}").data
        if PurePosixPath(rel).name == SITE_FILE:
            out.setdefault("site", (rel, data))
            continue
        key = data.get("id") if isinstance(data.get("id"), str) else PurePosixPath(rel).stem
        out.setdefault(f"algorithm:{key}", (rel, data))
    return out


def _name(data: dict[str, Any]) -> str:
    name = data.get("name")
    if isinstance(name, dict) and isinstance(name.get("zh"), str):
        return name["zh"]
    title = data.get("site", {}).get("title") if isinstance(data.get("site"), dict) else None
    return title.get("zh", "") if isinstance(title, dict) else ""


@dataclass(frozen=True)
class _Ctx:
    """Which schema labels the paths (in which language), and list items' identities."""

    schema: str
    tags: dict[PathT, str]
    lang: str = "zh"


def compare_documents(
    old: dict[str, Any], new: dict[str, Any], schema: str, lang: str = "zh"
) -> tuple[FieldChange, ...]:
    """The field changes between two loaded documents of ``schema`` (algorithm or site)."""
    return tuple(_compare(old, new, (), _Ctx(schema, {}, lang)))


def _compare(a: Any, b: Any, path: PathT, ctx: _Ctx) -> Iterator[FieldChange]:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            sub = (*path, key)
            if key not in b:
                yield _change(sub, ctx, "removed", old=a[key])
            elif key not in a:
                yield _change(sub, ctx, "added", new=b[key])
            else:
                yield from _compare(a[key], b[key], sub, ctx)
    elif isinstance(a, list) and isinstance(b, list) and _is_records(a) and _is_records(b):
        yield from _compare_lists(a, b, path, ctx)
    else:
        yield _change(path, ctx, "changed", old=a, new=b)


def _is_records(items: list[Any]) -> bool:
    return all(isinstance(i, dict) for i in items)


def _identity(*lists: list[dict[str, Any]]) -> str | None:
    """The first key that is a unique text in every item of each list."""
    for key in _IDENTITY:
        ok = True
        for items in lists:
            values = [i.get(key) for i in items]
            ok = ok and all(isinstance(v, str) for v in values) and len(set(values)) == len(values)
        if ok:
            return key
    return None


def _compare_lists(
    a: list[dict[str, Any]], b: list[dict[str, Any]], path: PathT, ctx: _Ctx
) -> Iterator[FieldChange]:
    ident = _identity(a, b) if a and b else None
    if ident:
        ka = [str(i[ident]) for i in a]
        kb = [str(i[ident]) for i in b]
    else:
        ka = [json.dumps(i, sort_keys=True, ensure_ascii=False) for i in a]
        kb = [json.dumps(i, sort_keys=True, ensure_ascii=False) for i in b]
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = min(i2 - i1, j2 - j1) if op in ("equal", "replace") else 0
        for k in range(pairs):
            sub = (*path, j1 + k)
            if ident:
                ctx.tags[sub] = kb[j1 + k]
            yield from _compare(a[i1 + k], b[j1 + k], sub, ctx)
        for i in range(i1 + pairs, i2):
            if ident:
                ctx.tags[(*path, i)] = ka[i]
            yield _change((*path, i), ctx, "removed", old=a[i])
        for j in range(j1 + pairs, j2):
            if ident:
                ctx.tags[(*path, j)] = kb[j]
            yield _change((*path, j), ctx, "added", new=b[j])


def _change(path: PathT, ctx: _Ctx, kind: str, *, old: Any = None, new: Any = None) -> FieldChange:
    label = label_for(path, ctx.schema, ctx.tags, ctx.lang)
    return FieldChange(format_path(path), label, kind, old, new)


# --- labels --------------------------------------------------------------------------------


@cache
def _schema(name: str) -> dict[str, Any]:
    return load_schema(name)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    for _ in range(10):
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _title(node: dict[str, Any], lang: str) -> str:
    title = node.get("title")
    if not isinstance(title, str):
        return ""
    zh, _, en = title.partition(" / ")
    return (en if lang == "en" and en else zh).strip()


def label_for(
    path: PathT, schema: str, tags: dict[PathT, str] | None = None, lang: str = "zh"
) -> str:
    """Describe ``path`` in words from the schema's titles.

    For example ``mechanisms[1].description.zh`` reads 主要运行机制「ranking」 · 说明（中文）.
    """
    root = _schema(schema)
    node: dict[str, Any] = root
    words: list[str] = []
    en = lang == "en"
    labels = _LABELS_EN if en else _LABELS
    for n, part in enumerate(path):
        if isinstance(part, int):
            node = _resolve(root, node.get("items", {})) if isinstance(node, dict) else {}
            tag = (tags or {}).get(path[: n + 1])
            if en:
                item = f" “{tag}”" if tag else f" item {part + 1}"
            else:
                item = f"「{tag}」" if tag else f"第 {part + 1} 项"
            words[-1:] = [f"{words[-1] if words else ''}{item}"]
            continue
        local = node.get("properties", {}).get(part, {}) if isinstance(node, dict) else {}
        resolved = _resolve(root, local)
        word = _title(local, lang) or _title(resolved, lang)
        if part in ("zh", "en") and words:
            words[-1] += f" ({labels[part]})" if en else f"（{labels[part]}）"
        else:
            if not word or (_title(local, "zh") or _title(resolved, "zh")) in _GENERIC:
                word = labels.get(part, part)
            words.append(word)
        node = resolved
    return " · ".join(words) or ("(whole file)" if en else "（整个文件）")
