"""Project settings from ``[tool.disclosure-gen]`` in the project's pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from disclosure_gen.content.loader import InputError


@dataclass(frozen=True)
class Config:
    """Settings with their defaults; every one can also be given on the command line."""

    content: str = "content"
    site_dir: str = "site"
    mkdocs_config: str = "mkdocs.yml"
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    nav_page_limit: int = 100
    waiver_limit_days: int = 365
    cache_dir: str = ".disclosure-gen-cache"
    #: Per-code severity overrides, e.g. ``severity = {REVIEW-OVERDUE = "warning"}``.
    severity: tuple[tuple[str, str], ...] = ()
    #: mkdocs.yml fields published as written, not escaped (site/user_fields.py).
    trusted_html: tuple[str, ...] = ()


def load_config(root: Path) -> Config:
    """Read ``root/pyproject.toml``; missing file or table gives the defaults."""
    file = root / "pyproject.toml"
    if not file.is_file():
        return Config()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(file), 1, 1, f"pyproject.toml 无法解析：{exc}") from None
    table: dict[str, Any] = data.get("tool", {}).get("disclosure-gen", {})
    known = {f.name: f for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in known:
            raise InputError(
                str(file),
                1,
                1,
                f"[tool.disclosure-gen] 中未知的设置 `{key}`",
                "可用的设置：" + "、".join(sorted(known)),
            )
        default = getattr(Config(), name)
        if name == "severity":
            value = _severities(value, str(file))
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(str(file), 1, 1, f"`{key}` 应为文本列表")
            value = tuple(value)
            if name in ("select", "ignore"):
                _keeps_binding_rules(name, value, str(file))
            if name == "trusted_html":
                _trustable(value, str(file))
        elif not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(
            default, bool
        ):
            raise InputError(str(file), 1, 1, f"`{key}` 应为 {type(default).__name__}")
        values[name] = value
    return Config(**values)


def _trustable(names: tuple[str, ...], file: str) -> None:
    from disclosure_gen.site.user_fields import TRUSTABLE

    for name in names:
        if name not in TRUSTABLE:
            raise InputError(
                file,
                1,
                1,
                f"`trusted_html` 中的 `{name}` 不能作为 HTML 发布",
                "只有 " + "、".join(f"`{t}`" for t in TRUSTABLE) + " 可以列为可信 HTML",
            )


def _severities(value: Any, file: str) -> tuple[tuple[str, str], ...]:
    """Validate ``severity = {CODE = "error"|"warning"|"info"}`` against the catalogue."""
    from disclosure_gen.check.engine import TOOL_CODES
    from disclosure_gen.check.rules import by_code

    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InputError(file, 1, 1, '`severity` 应为 {规则代码 = "error" | "warning" | "info"}')
    rules = by_code()
    for code, level in value.items():
        if code not in rules and code not in TOOL_CODES:
            raise InputError(
                file,
                1,
                1,
                f"`severity` 中未知的规则代码 `{code}`",
                "用 `disclosure-gen rules` 查看",
            )
        if level not in ("error", "warning", "info"):
            raise InputError(file, 1, 1, f"`severity.{code}` 应为 error、warning 或 info")
        rule = rules.get(code)
        if level == "error" and rule and rule.citation and not rule.citation.binding:
            raise InputError(file, 1, 1, f"`{code}` 依据的是非强制性文件，严重程度最高为 warning")
        if level == "info" and rule and rule.binding_error:
            raise InputError(
                file,
                1,
                1,
                f"`{code}` 依据法律条文，项目设置最多把它降为 warning，不能设为 info",
                "确需暂缓整改的，在算法文件中逐条豁免（写明 `approved_by`、`expires` 和理由）",
            )
    return tuple(sorted((rules[c].code if c in rules else c, v) for c, v in value.items()))


def _keeps_binding_rules(name: str, patterns: tuple[str, ...], file: str) -> None:
    """Refuse a project ``select``/``ignore`` that switches a binding rule off."""
    from disclosure_gen.check.engine import CheckOptions, skipped_binding

    options = CheckOptions(today=date.min, **{name: patterns})
    off = [code for code, _ in skipped_binding(options)]
    if off:
        raise InputError(
            file,
            1,
            1,
            f"`{name}` 会关闭依据法律条文的规则：{'、'.join(off[:5])}"
            + ("等" if len(off) > 5 else ""),
            "强制性规则不能在项目设置中关闭；确需暂缓的，在算法文件中逐条豁免并写明批准人和到期日",
        )
