"""Which English texts are missing or stale, and stamping ``en_source`` into the YAML files.

A translated text carries ``en_source``: the fingerprint (``model.fingerprint``) of the Chinese
it was translated from. When the Chinese changes and the English does not, the two differ and
the English is stale.

Stamping edits the user's files, which hold comments and a layout we must keep. So instead of
dumping YAML we insert one line (block mappings) or one entry (flow mappings) at positions the
parser reports, then parse the result again and require that the data equals the original plus
exactly the new stamps. Anything else (a comment inside a flow mapping, an exotic layout) is
refused with a message, and the file is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from disclosure_gen.content.loader import InputError, Loaded, PathT, format_path, load_bytes
from disclosure_gen.content.model.text import fingerprint

MISSING, STALE, UNSTAMPED, OK = "missing", "stale", "unstamped", "ok"
STATE_TEXT = {
    MISSING: "缺少英文",
    STALE: "英文已过期：中文改动后英文没有更新",
    UNSTAMPED: "英文没有记录对应的中文指纹 `en_source`",
    OK: "英文与中文对应",
}


@dataclass(frozen=True)
class TextEntry:
    """One bilingual text in a file, and the state of its English."""

    file: str
    path: PathT
    line: int
    column: int
    state: str
    zh: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: [{format_path(self.path)}] {STATE_TEXT[self.state]}"


def scan(doc: Loaded) -> list[TextEntry]:
    """Every mapping with a Chinese ``zh`` text in ``doc``, in document order."""
    out = []
    for path, node in _mappings(doc.data, ()):
        zh = node.get("zh")
        if not isinstance(zh, str):
            continue  # lists of short items (TextList) carry no per-item fingerprint
        en, source = node.get("en"), node.get("en_source")
        if not isinstance(en, str) or not en.strip():
            state = MISSING
        elif not source:
            state = UNSTAMPED
        elif source != fingerprint(zh):
            state = STALE
        else:
            state = OK
        line, col = doc.locator.find(path)
        out.append(TextEntry(doc.file, path, line, col, state, zh))
    return out


def _mappings(value: Any, path: PathT) -> Iterator[tuple[PathT, dict[str, Any]]]:
    if isinstance(value, dict):
        yield path, value
        for key, sub in value.items():
            yield from _mappings(sub, (*path, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _mappings(sub, (*path, i))


# --- stamping ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """Where a mapping sits in the text: flow style, and the offset of its closing brace."""

    flow: bool
    end: int


@dataclass(frozen=True)
class Stamped:
    """The outcome for one file: new bytes (None when nothing changed) and how many stamps."""

    file: str
    data: bytes | None
    count: int
    skipped: tuple[str, ...] = field(default=())


def stamp_file(
    raw: bytes,
    file: str,
    states: frozenset[str] = frozenset({UNSTAMPED}),
    only: tuple[str, ...] = (),
) -> Stamped:
    """Write ``en_source`` for texts whose state is in ``states``; raises InputError.

    ``only`` limits stamping to these YAML paths and what lies beneath them.
    """
    doc = load_bytes(raw, file=file)
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3 if bom else 0 :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    offsets = _line_offsets(text)
    shapes = _shapes(text, offsets)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied bottom-up
    expected = _copy(doc.data)
    for entry in scan(doc):
        if entry.state not in states or not _under(entry.path, only):
            continue
        node = _at(doc.data, entry.path)
        value = fingerprint(node["zh"])
        _at(expected, entry.path)["en_source"] = value
        edits.append(_edit(text, offsets, doc, entry, shapes, value, newline))
    if not edits:
        return Stamped(file, None, 0)
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    out = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    try:
        again = load_bytes(out, file=file).data
    except InputError:
        again = None
    if again != expected:
        raise InputError(
            file,
            1,
            1,
            "无法在保留原有格式的前提下写入 `en_source`，文件未改动",
            "手工在对应的 `en` 旁加上 `en_source`（指纹见 `disclosure-gen translations`）",
        )
    return Stamped(file, out, len(edits))


def _under(path: PathT, only: tuple[str, ...]) -> bool:
    shown = format_path(path)
    return not only or any(shown == p or shown.startswith((f"{p}.", f"{p}[")) for p in only)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _at(data: Any, path: PathT) -> Any:
    for part in path:
        data = data[part]
    return data


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _offset(offsets: list[int], line: int, column: int) -> int:
    return offsets[line - 1] + column - 1


def _edit(
    text: str,
    offsets: list[int],
    doc: Loaded,
    entry: TextEntry,
    shapes: dict[PathT, _Shape],
    value: str,
    newline: str,
) -> tuple[int, int, str]:
    path = entry.path
    quoted = f'"{value}"'  # quoted: 8 hex digits may otherwise read as a number
    if (*path, "en_source") in doc.locator.positions:
        start = _offset(offsets, *doc.locator.positions[(*path, "en_source")])
        end = start
        if text[start] in "\"'":
            end = text.index(text[start], start + 1) + 1
        else:
            while end < len(text) and text[end] in "0123456789abcdefABCDEF":
                end += 1
        return start, end, quoted
    shape = shapes.get(path)
    if shape is None:
        raise _refuse(entry)
    if shape.flow:
        k = shape.end
        while text[k - 1] in " \t\r\n":
            k -= 1
        sep = " " if text[k - 1] in ",{" else ", "
        return k, k, f"{sep}en_source: {quoted}"
    for key in ("en", "zh"):
        where = doc.locator.key_positions.get((*path, key))
        if where is None:
            continue
        line, col = where
        start = offsets[line - 1]
        indent = text[start : start + col - 1]
        if not indent.strip():
            return start, start, f"{indent}en_source: {quoted}{newline}"
    raise _refuse(entry)


def _refuse(entry: TextEntry) -> InputError:
    return InputError(
        entry.file,
        entry.line,
        entry.column,
        f"`{format_path(entry.path)}` 的写法无法自动加入 `en_source`，文件未改动",
        "把 `zh`、`en` 各写一行（块格式），或手工加上 `en_source`",
    )


def _shapes(text: str, offsets: list[int]) -> dict[PathT, _Shape]:
    """Flow style and closing position of every mapping, keyed by the loader's YAML paths."""
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out: dict[PathT, _Shape] = {}
    stack: list[_Open] = []
    for event in yaml.parse(text, Loader=loader_cls):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = stack.pop()
            if done.mapping:
                mark = event.start_mark
                out[done.path] = _Shape(done.flow, _offset(offsets, mark.line + 1, mark.column + 1))
            _advance(stack)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = stack[-1] if stack else None
        if top is not None and top.mapping and top.slot[0] is None:
            top.slot[0] = str(event.value)  # a mapping key (the loader allows scalars only)
            continue
        path = (*top.path, top.slot[0]) if top is not None else ()
        if isinstance(event, yaml.MappingStartEvent):
            stack.append(_Open(path, True, bool(event.flow_style), [None]))
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append(_Open(path, False, bool(event.flow_style), [0]))
        else:
            _advance(stack)
    return out


@dataclass(frozen=True)
class _Open:
    """A collection being parsed; ``slot[0]`` is the next key (mapping) or index (sequence)."""

    path: PathT
    mapping: bool
    flow: bool
    slot: list[Any]


def _advance(stack: list[_Open]) -> None:
    """After a value: a mapping waits for its next key, a sequence moves to the next index."""
    if stack:
        top = stack[-1]
        top.slot[0] = None if top.mapping else top.slot[0] + 1


def wants_english(site: Loaded | None) -> bool:
    """Whether the site publishes English (``site.languages`` lists ``en``)."""
    if site is None:
        return True
    settings = site.data.get("site")
    languages = settings.get("languages", ["zh"]) if isinstance(settings, dict) else ["zh"]
    return "en" in languages


def run_translations(
    paths: list[Path],
    *,
    stamp: bool,
    include_stale: bool,
    only: tuple[str, ...],
    echo: Callable[[str], None],
) -> int:
    """The ``translations`` command: list (exit 1 if anything is listed) or stamp (exit 0)."""
    from disclosure_gen.check.engine import discover, display_path
    from disclosure_gen.content.loader import load_file
    from disclosure_gen.site.output import write_file

    site_file, algo_files = discover(paths)
    files = ([site_file] if site_file else []) + algo_files
    docs = [load_file(f, display=display_path(f)) for f in files]
    site = docs[0] if site_file else None
    if stamp:
        states = frozenset({UNSTAMPED, STALE} if include_stale else {UNSTAMPED})
        pairs = zip(files, docs, strict=True)
        results = [(f, stamp_file(f.read_bytes(), d.file, states, only)) for f, d in pairs]
        for file, result in results:
            if result.data is not None:
                write_file(file, result.data)
                echo(f"{result.file}: 记录了 {result.count} 处 `en_source`")
        total = sum(r.count for _, r in results)
        echo(f"translations: 共记录 {total} 处译文指纹")
        return 0
    english = wants_english(site)
    entries = [e for d in docs for e in scan(d)]
    shown = [e for e in entries if e.state == STALE or (english and e.state == MISSING)]
    for entry in shown:
        echo(str(entry))
    counts = {s: sum(1 for e in entries if e.state == s) for s in (MISSING, STALE, UNSTAMPED)}
    summary = f"translations: {counts[STALE]} 处英文过期"
    if english:
        summary += f"，{counts[MISSING]} 处缺少英文"
    if counts[UNSTAMPED]:
        summary += f"；{counts[UNSTAMPED]} 处英文未记录指纹（`--stamp` 可记录）"
    echo(summary)
    return 1 if shown else 0
