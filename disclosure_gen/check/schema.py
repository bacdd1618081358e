"""The packaged JSON Schemas, and their errors turned into located DG-SCHEMA findings."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from disclosure_gen.check.findings import Finding, Location, Severity
from disclosure_gen.content.loader import Loaded, format_path

SCHEMA_NAMES = ("algorithm", "site", "report", "export")

_TYPE_ZH = {
    "string": "文本",
    "object": "键值映射",
    "array": "列表",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "null": "空值",
}


def schema_dir() -> Path:
    """Where the schemas live: inside the installed package, else in the checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "schemas"
    if packaged.is_dir():
        return packaged
    return package.parent / "schemas"


@cache
def schema_text(name: str) -> str:
    """Return the JSON text of schema ``name`` (algorithm, site, report or export)."""
    return (schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """Return schema ``name`` as a dict."""
    return json.loads(schema_text(name))  # type: ignore[no-any-return]


#: From this many documents on, a compiled validator answers first. Compiling the algorithm
#: schema costs about 0.03 s; it then says "valid" in 0.9 ms where jsonschema takes 3.4 ms
#: (demo-sized files), so it pays from about 12 documents.
QUICK_FROM = 20


@dataclass(frozen=True)
class SchemaCheck:
    """A schema's validators: jsonschema for located errors, optionally a compiled yes/no first.

    jsonschema is the authority. The compiled check only lets a document through early when it
    says valid; anything else it says or raises sends the document to jsonschema.
    """

    full: Draft202012Validator
    quick: Callable[[Any], Any] | None = None

    def iter_errors(self, data: Any) -> Iterator[ValidationError]:
        if self.quick is not None:
            try:
                self.quick(data)
            except Exception:  # any doubt goes to jsonschema
                pass
            else:
                return iter(())
        return self.full.iter_errors(data)


def validator(name: str, *, documents: int = 1) -> SchemaCheck:
    """A check for schema ``name`` (dates included) sized for ``documents`` documents."""
    checker = FormatChecker()
    full = Draft202012Validator(load_schema(name), format_checker=checker)
    if documents < QUICK_FROM:
        return SchemaCheck(full)
    import fastjsonschema

    # The same date test as jsonschema's, so both agree on what a valid date is.
    formats = {"date": lambda value: checker.conforms(value, "date")}
    # use_default=False: it would write the schema's defaults into the loaded document.
    quick = fastjsonschema.compile(
        load_schema(name), formats=formats, use_default=False, detailed_exceptions=False
    )
    return SchemaCheck(full, quick)


def validate(doc: Loaded, check: SchemaCheck) -> list[Finding]:
    """Validate ``doc``; return one finding per problem, located at file:line:col."""
    return [_finding(doc, err) for err in _errors(check, doc.data)]


def _errors(check: SchemaCheck, data: Any) -> Iterator[ValidationError]:
    seen: set[tuple[Any, ...]] = set()
    for err in sorted(check.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        if err.validator in ("anyOf", "oneOf") and err.context:
            err = best_match(err.context)
        key = (tuple(err.absolute_path), err.validator, str(err.message))
        if key not in seen:
            seen.add(key)
            yield err


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "空值"
    for py, zh in (
        (str, "文本"),
        (int, "整数"),
        (float, "数字"),
        (list, "列表"),
        (dict, "键值映射"),
    ):
        if isinstance(value, py):
            return zh
    return type(value).__name__


def _finding(doc: Loaded, err: ValidationError) -> Finding:
    path = tuple(err.absolute_path)
    message, fix, key = _explain(err, path)
    line, col = doc.locator.find(key or path, key=bool(key))
    shown = format_path(key or path) or "（顶层）"
    return Finding(
        code="DG-SCHEMA",
        name="schema",
        severity=Severity.ERROR,
        message=message,
        fix=fix,
        location=Location(shown, doc.file, line, col),
    )


def _explain(err: ValidationError, path: tuple[Any, ...]) -> tuple[str, str, tuple[Any, ...]]:
    where = f"`{format_path(path)}`" if path else "顶层"
    v = err.validator
    schema = err.schema if isinstance(err.schema, dict) else {}
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else str(err.validator_value)
        return f"{where} 缺少必填键 `{missing}`", f"添加 `{missing}`", ()
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(err.instance) - set(allowed)) if isinstance(err.instance, dict) else []
        name = extra[0] if extra else "?"
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        fix = (
            f"是否想写 `{close[0]}`？"
            if close
            else "删除该键；可用的键：" + "、".join(f"`{a}`" for a in allowed)
        )
        return f"未知的键 `{name}`", fix, (*path, name)
    if v == "type":
        want = err.validator_value
        wants = want if isinstance(want, list) else [want]
        want_zh = "或".join(_TYPE_ZH.get(w, w) for w in wants)
        fix = f"改成{want_zh}"
        if "string" in wants and not isinstance(err.instance, str):
            fix = '给这个值加上引号，例如 "否" 或 "2026"'
        return f"{where} 应为{want_zh}，实际是{_type_name(err.instance)}", fix, ()
    if v == "enum":
        options = [str(o) for o in err.validator_value]
        close = difflib.get_close_matches(str(err.instance), options, n=1, cutoff=0.5)
        hint = f"是否想写 `{close[0]}`？" if close else ""
        return (
            f"{where} 的值 `{err.instance}` 不在允许范围内",
            f"{hint}可选值：" + "、".join(f"`{o}`" for o in options),
            (),
        )
    if v == "format" and err.validator_value == "date":
        return f"{where} 不是有效日期：`{err.instance}`", "写成 YYYY-MM-DD，并确认该日期存在", ()
    if v == "pattern":
        return f"{where} 的格式不正确：`{_short(err.instance)}`", _pattern_fix(schema), ()
    if v in ("minLength", "minItems"):
        return f"{where} 不能为空", "填写内容，或删除这个键", ()
    if v in ("maxLength", "maxItems"):
        return f"{where} 过长（上限 {err.validator_value}）", "缩短内容或拆分条目", ()
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{where} 超出范围：{err.instance}", f"使用满足 {v} {err.validator_value} 的数值", ()
    if v == "uniqueItems":
        return f"{where} 含有重复项", "删除重复的条目", ()
    return f"{where} 不符合格式要求：{err.message}", "对照 schemas/ 中的说明修改", ()


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _pattern_fix(schema: dict[str, Any]) -> str:
    pattern = str(schema.get("pattern", ""))
    if pattern.startswith("^[a-z0-9]"):
        return "只用小写字母、数字和连字符，例如 `feed-ranking`"
    if "https://" in pattern and "mailto" in pattern:
        return "写成以 https:// 或 mailto: 开头的地址"
    if "https://" in pattern:
        return "写成以 https:// 开头的完整地址"
    if pattern.startswith("^\\d{4}"):
        return "写成 YYYY-MM-DD"
    if pattern == "^[^\\n\\r]+$":
        return "写成一行，不要换行"
    if "<>" in pattern:
        return "名称中不要使用 < > & \" ' { } [ ] ` 和换行"
    return "对照 schemas/ 中该字段的说明修改格式"
