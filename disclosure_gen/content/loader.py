"""Load one YAML file into plain data plus a Locator, over a safe subset of YAML.

Why not ``yaml.safe_load``: it accepts aliases (billion laughs), silently keeps the last of
duplicate keys, turns dates into ``date`` objects and forgets where every value came from. We
compose the node graph (libyaml when present) and build the data ourselves from the nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

#: Files above this size are refused before parsing.
MAX_BYTES = 1024 * 1024
#: Deeper documents are refused; real disclosures nest fewer than ten levels.
MAX_DEPTH = 64

PathT = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
#: Characters that double-quoted escapes (``"\0"``, ``"\ud800"``) can smuggle into a value but
#: that no disclosure needs: C0 controls other than tab and line breaks and lone surrogates, which
#: XML (DOCX) and UTF-8 writers cannot carry; DEL and the C1 controls (U+009B starts a terminal
#: escape sequence in `check` output); the non-characters U+FFFE and U+FFFF.
_REFUSED_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class InputError(Exception):
    """A file that cannot be used at all (exit code 2)."""

    file: str
    line: int
    column: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.file}:{self.line}:{self.column}: {self.message}{fix}"


@dataclass(frozen=True)
class Locator:
    """Maps a YAML path to the 1-based line and column where its value starts.

    ``key_positions`` holds where each mapping key itself starts, so that an unknown key can be
    pointed at exactly.
    """

    file: str
    positions: dict[PathT, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathT, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: PathT, *, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of ``path``, or of its nearest existing parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


@dataclass(frozen=True)
class Loaded:
    """A parsed document: its data and where each value sits."""

    file: str
    data: dict[str, Any]
    locator: Locator


def format_path(path: PathT) -> str:
    """Render a YAML path as ``a.b[2].c``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_file(path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> Loaded:
    """Read and parse ``path``; raise :class:`InputError` on anything unusable."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                name,
                1,
                1,
                f"文件过大（{size} 字节，上限 {max_bytes} 字节）",
                "把内容拆分为多个算法文件，或删除嵌入的大段数据",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(name, 1, 1, f"无法读取文件：{exc.strerror or exc}") from None
    return load_bytes(raw, file=name, max_bytes=max_bytes)


def load_bytes(raw: bytes, *, file: str, max_bytes: int = MAX_BYTES) -> Loaded:
    """Parse YAML bytes; raise :class:`InputError` on anything unusable."""
    if len(raw) > max_bytes:
        raise InputError(
            file,
            1,
            1,
            f"文件过大（{len(raw)} 字节，上限 {max_bytes} 字节）",
            "把内容拆分为多个算法文件，或删除嵌入的大段数据",
        )
    text = _decode(raw, file)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InputError(file, 1, 1, "文件为空", "至少写入 `id`、`name` 和 `category`")
    data, builder = _parse(text, file)
    if data is None:
        raise InputError(file, 1, 1, "文件为空", "至少写入 `id`、`name` 和 `category`")
    if not isinstance(data, dict):
        kind = "列表" if isinstance(data, list) else "单个值"
        line, col = builder.positions.get((), (1, 1))
        raise InputError(
            file,
            line,
            col,
            f"顶层必须是键值映射，而不是{kind}",
            "以 `id: ...` 这样的键开始文件",
        )
    return Loaded(file, data, Locator(file, builder.positions, builder.key_positions))


def _decode(raw: bytes, file: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(
            file, 1, 1, "这是二进制文件，不是 YAML 文本", "只把 .yaml 文本文件放进内容目录"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError(
            file,
            line,
            col,
            f"不是有效的 UTF-8 编码（字节 0x{raw[exc.start]:02x}）",
            "用 UTF-8 编码另存此文件",
        ) from None


def _parse(text: str, file: str) -> tuple[dict[str, Any] | None, _Builder]:
    builder = _Builder(file)
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader_cls):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "无法解析"
        ctx = exc.context_mark
        if exc.context and ctx is not None and exc.problem_mark is not None:
            # libyaml reports an unclosed bracket at the end of input; the opening one is the clue.
            problem += f"（{exc.context}，始于第 {ctx.line + 1} 行第 {ctx.column + 1} 列）"
        raise InputError(
            file, line, col, f"YAML 语法错误：{problem}", "检查该处的缩进、冒号、括号和引号"
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(file, 1, 1, f"YAML 语法错误：{exc}", "检查文件语法") from None
    return builder.root, builder


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: PathT
    key: str | None = None


class _Builder:
    """Builds plain data straight from parser events, iteratively.

    Working on events rather than a composed node graph keeps the stack flat (libyaml's composer
    recurses and crashes on 10^5 nested brackets) and lets us refuse aliases, merge keys, custom
    tags and duplicate keys at the exact place they occur.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[PathT, tuple[int, int]] = {}
        self.key_positions: dict[PathT, tuple[int, int]] = {}
        self.root: Any = None
        self._documents = 0
        self._stack: list[_Frame] = []
        self._resolver = Resolver()
        self._constructor = SafeConstructor()

    def _fail(self, event: Any, message: str, fix: str) -> InputError:
        line, col = _mark(event)
        return InputError(self.file, line, col, message, fix)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                raise self._fail(
                    event,
                    "一个文件只能包含一个 YAML 文档",
                    "删除多余的 `---` 分隔符，或拆成多个文件",
                )
            return
        if isinstance(event, yaml.AliasEvent):
            raise self._fail(event, "不允许使用 YAML 别名（*alias）", "把被引用的内容直接写出来")
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._stack.pop()
            return
        if not isinstance(event, yaml.NodeEvent):
            return
        if event.anchor is not None:
            raise self._fail(
                event, f"不允许使用 YAML 锚点（&{event.anchor}）", "删除锚点，把内容直接写出来"
            )
        top = self._stack[-1] if self._stack else None
        if isinstance(top, _Frame) and isinstance(top.container, dict) and top.key is None:
            self._key(top, event)
            return
        if top is None:
            path: PathT = ()
        elif isinstance(top.container, list):
            path = (*top.path, len(top.container))
        else:
            assert top.key is not None
            path = (*top.path, top.key)
        if len(self._stack) >= MAX_DEPTH:
            raise self._fail(event, f"嵌套过深（超过 {MAX_DEPTH} 层）", "减少嵌套层级")
        self.positions[path] = _mark(event)
        if isinstance(event, yaml.CollectionStartEvent) and event.tag not in _COLLECTION_TAGS:
            raise self._fail(
                event, f"不支持的 YAML 标签 `{event.tag}`", "删除标签，只写普通的文本、数字或列表"
            )
        value: Any
        if isinstance(event, yaml.MappingStartEvent):
            value = {}
            self._place(top, value)
            self._stack.append(_Frame(value, path))
        elif isinstance(event, yaml.SequenceStartEvent):
            value = []
            self._place(top, value)
            self._stack.append(_Frame(value, path))
        else:
            self._place(top, self._scalar(event))

    def _place(self, top: _Frame | None, value: Any) -> None:
        if top is None:
            self.root = value
        elif isinstance(top.container, list):
            top.container.append(value)
        else:
            assert top.key is not None
            top.container[top.key] = value
            top.key = None

    def _key(self, frame: _Frame, event: yaml.NodeEvent) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self._fail(event, "键必须是简单文本", "用 `名称: 值` 的形式书写")
        self._check_chars(event)
        if self._tag(event) == "tag:yaml.org,2002:merge":
            raise self._fail(event, "不允许使用合并键 `<<`", "把要合并的键直接写出来")
        key = str(event.value)
        assert isinstance(frame.container, dict)
        if key in frame.container or (*frame.path, key) in self.key_positions:
            first = self.key_positions[(*frame.path, key)]
            raise self._fail(
                event,
                f"重复的键 `{key}`（第一次出现在第 {first[0]} 行）",
                "删除其中一个，或合并两处内容",
            )
        self.key_positions[(*frame.path, key)] = _mark(event)
        frame.key = key

    def _tag(self, event: yaml.ScalarEvent) -> str:
        if event.tag in (None, "!"):
            if event.tag == "!":
                return "tag:yaml.org,2002:str"
            return str(self._resolver.resolve(yaml.ScalarNode, event.value, event.implicit))
        return str(event.tag)

    def _check_chars(self, event: yaml.ScalarEvent) -> None:
        bad = _REFUSED_CHARS.search(event.value)
        if bad:
            raise self._fail(
                event,
                f"文本中含有不允许的字符 U+{ord(bad.group(0)):04X}（第 {bad.start() + 1} 个字符）",
                "删除该控制字符或转义序列",
            )

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        self._check_chars(event)
        tag = self._tag(event)
        if tag not in _SCALAR_TAGS:
            raise self._fail(
                event, f"不支持的 YAML 标签 `{tag}`", "删除标签，只写普通的文本、数字或列表"
            )
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            # Dates stay strings: the schema checks their shape and the model parses them.
            return str(event.value)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        return self._constructor.construct_object(node, deep=True)


def iter_yaml_files(paths: list[Path]) -> Iterator[Path]:
    """Yield YAML files under ``paths`` in a stable order."""
    for base in paths:
        if base.is_dir():
            yield from sorted(
                (p for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()),
                key=lambda p: p.as_posix(),
            )
        else:
            yield base
