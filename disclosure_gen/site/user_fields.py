"""The user's mkdocs.yml values that the theme writes into pages: escaped, or refused at the key.

Material prints these without escaping (MkDocs' theme Jinja has no autoescape): ``copyright``
into the footer as HTML, ``site_author``, palette names, colours and media queries into
attributes, icon names into template paths and an inline ``<style>``, social and homepage links
into ``href``. Users paste them from elsewhere, and the site promises no script but the
theme's and no request to another host, so each is judged by what it is:

* text (``copyright``, ``site_author``, a palette toggle's ``name``) is HTML-escaped so that it
  reads as written; text that looks like markup (a tag or a character reference) is refused
  instead, since escaping would show the tags on every page. ``copyright`` alone may be named
  trusted HTML (``[tool.disclosure-gen] trusted_html = ["copyright"]``): it is then published
  as written, and must pass the same gate as a built page, judged here as a fragment;
* colours, schemes, media queries, icon names and admonition types must match a plain pattern
  (icons must also exist in the theme);
* logo and favicon must be files of the project; links must be ``https:``/``mailto:`` (the
  homepage may also be a relative path), then escaped for the attribute.

A refusal is an ``InputError`` at the key's line and column (exit 2).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, NoReturn

import ada_url
import yaml

from disclosure_gen.content.loader import InputError

#: Fields that may be named in ``trusted_html``: the only one Material renders as HTML.
TRUSTABLE = ("copyright",)
#: A tag, comment or declaration opening, or a character reference: markup, not text.
MARKUP = re.compile(r"<[A-Za-z/!?]|&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
#: Material colour names (``deep purple``), schemes (``slate``) and admonition types.
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,39}\Z")
#: ``(prefers-color-scheme: dark)``, ``(min-width: 60em) and (orientation: landscape)`` …
MEDIA = re.compile(r"[A-Za-z0-9 ():,./-]{1,200}\Z")
#: ``material/scale-balance``, ``fontawesome/brands/github`` …
ICON = re.compile(r"[a-z0-9-]+(/[a-z0-9._-]+)+\Z")
#: A homepage path within the site: no scheme, no ``//``, nothing an attribute must escape.
RELATIVE = re.compile(r"(?![/\\]{2})[A-Za-z0-9_./#?=%~+-]*\Z")
LOGO = re.compile(r"(?!/)(?!.*\.\.)[A-Za-z0-9_./-]+\.(png|svg|ico|jpg|jpeg|webp)\Z")
#: Palette keys that name a colour or scheme.
PALETTE_TOKENS = ("scheme", "primary", "accent")

Path_ = tuple[str | int, ...]


def vet_user_fields(
    raw: Mapping[str, Any], text: str, shown: str, trusted: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """``raw`` with every value that reaches a page made safe; InputError at the first refusal.

    ``text`` is the file's source (for line and column), ``shown`` its name in messages.
    """
    return _Vet(raw, text, shown, trusted).run()


class _Vet:
    def __init__(self, raw: Mapping[str, Any], text: str, shown: str, trusted: frozenset[str]):
        self.out: dict[str, Any] = dict(raw)
        self.text = text
        self.shown = shown
        self.trusted = trusted
        self._node: yaml.Node | None = None

    def run(self) -> dict[str, Any]:
        for key in ("copyright", "site_author"):
            if key in self.out:
                self.out[key] = self.text_field((key,), self.out[key], html_ok=key in TRUSTABLE)
        theme = self.out.get("theme")
        if isinstance(theme, Mapping):
            self.out["theme"] = self.theme(dict(theme))
        extra = self.out.get("extra")
        if isinstance(extra, Mapping):
            self.out["extra"] = self.extra(dict(extra))
        return self.out

    # --- the fields ---------------------------------------------------------------------

    def theme(self, theme: dict[str, Any]) -> dict[str, Any]:
        for key in ("logo", "favicon"):
            if key in theme:
                value = theme[key]
                if not isinstance(value, str) or not LOGO.match(value):
                    self.refuse(
                        ("theme", key),
                        f"`theme.{key}` 应为项目中的图片文件路径（png、svg、ico、jpg、webp）",
                        "把图片放进内容目录并写相对路径，或改用 `theme.icon.logo` 图标名",
                    )
        if "icon" in theme:
            theme["icon"] = self.icons(theme["icon"])
        if "palette" in theme:
            palette = theme["palette"]
            if isinstance(palette, list):
                theme["palette"] = [
                    self.palette(("theme", "palette", i), p) for i, p in enumerate(palette)
                ]
            else:
                theme["palette"] = self.palette(("theme", "palette"), palette)
        return theme

    def icons(self, icons: Any) -> Any:
        path: Path_ = ("theme", "icon")
        if not isinstance(icons, Mapping):
            self.refuse(
                path, "`theme.icon` 应为映射（名称: 图标）", "例如 `logo: material/scale-balance`"
            )
        for name, value in icons.items():
            if isinstance(value, Mapping):  # admonition, tag: type → icon
                for kind, icon in value.items():
                    if not isinstance(kind, str) or not TOKEN.match(kind) or " " in kind:
                        self.refuse(
                            (*path, name, kind),
                            f"`theme.icon.{name}` 中的类型名 `{kind}` 只能含字母、数字、`-` 和 `_`",
                            "改用 Material 文档中的类型名，如 `note`、`warning`",
                        )
                    self.icon((*path, name, kind), icon)
            else:
                self.icon((*path, name), value)
        return icons

    def palette(self, path: Path_, entry: Any) -> Any:
        if not isinstance(entry, Mapping):
            self.refuse(path, "调色板条目应为映射（scheme、primary、accent、media、toggle）")
        entry = dict(entry)
        for key in PALETTE_TOKENS:
            if key in entry and not (isinstance(entry[key], str) and TOKEN.match(entry[key])):
                self.refuse(
                    (*path, key),
                    f"`{key}` 只能是颜色或配色方案的名称（字母、数字、空格、`-`）",
                    "使用 Material 的颜色名，如 `indigo`、`deep purple`，或 `default`、`slate`",
                )
        if "media" in entry and not (
            isinstance(entry["media"], str) and MEDIA.match(entry["media"])
        ):
            self.refuse(
                (*path, "media"),
                "`media` 应为 CSS 媒体查询，只能含字母、数字、空格和 `():,./-`",
                "例如 `(prefers-color-scheme: dark)`",
            )
        toggle = entry.get("toggle")
        if toggle is not None:
            if not isinstance(toggle, Mapping):
                self.refuse((*path, "toggle"), "`toggle` 应为映射（icon、name）")
            toggle = dict(toggle)
            if "icon" in toggle:
                self.icon((*path, "toggle", "icon"), toggle["icon"])
            if "name" in toggle:
                toggle["name"] = self.text_field((*path, "toggle", "name"), toggle["name"])
            entry["toggle"] = toggle
        return entry

    def extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        if "generator" in extra and not isinstance(extra["generator"], bool):
            self.refuse(("extra", "generator"), "`extra.generator` 应为 true 或 false")
        if "homepage" in extra:
            extra["homepage"] = self.url(("extra", "homepage"), extra["homepage"], relative=True)
        if "social" in extra:
            social = extra["social"]
            if not isinstance(social, list):
                self.refuse(("extra", "social"), "`extra.social` 应为列表（icon、link、name）")
            items = []
            for i, item in enumerate(social):
                path: Path_ = ("extra", "social", i)
                if not isinstance(item, Mapping):
                    self.refuse(path, "`extra.social` 的每一项应为映射（icon、link、name）")
                item = dict(item)
                if "icon" in item:
                    self.icon((*path, "icon"), item["icon"])
                if "link" in item:
                    item["link"] = self.url((*path, "link"), item["link"], relative=False)
                if "name" in item and not isinstance(item["name"], str):
                    # Material escapes the name itself; only its type matters here.
                    self.refuse((*path, "name"), "`name` 应为文本")
                items.append(item)
            extra["social"] = items
        return extra

    # --- kinds of value -----------------------------------------------------------------

    def text_field(self, path: Path_, value: Any, *, html_ok: bool = False) -> str:
        key = _dotted(path)
        if not isinstance(value, str):
            self.refuse(path, f"`{key}` 应为文本")
        if html_ok and path[0] in self.trusted:
            problems = _fragment_problems(value)
            if problems:
                self.refuse(
                    path,
                    f"`{key}` 被列为可信 HTML，但不能发布：{problems[0]}",
                    "去掉脚本、事件属性和其他来源的资源；链接只用 https: 或 mailto:",
                )
            return value
        markup = MARKUP.search(value)
        if markup:
            fix = "写纯文本（© 等符号直接输入）"
            if html_ok:
                fix += (
                    "；确需 HTML 时，在 pyproject.toml 的 [tool.disclosure-gen] 中写"
                    f' trusted_html = ["{key}"]'
                )
            self.refuse(
                path,
                f"`{key}` 含 HTML 标记（`{markup.group(0)}…`），主题会把它原样写进页面",
                fix,
            )
        # A backtick delimited attributes in old IE; the entity costs nothing.
        return html.escape(value, quote=True).replace("`", "&#96;")

    def icon(self, path: Path_, value: Any) -> None:
        key = _dotted(path)
        if not isinstance(value, str) or not ICON.match(value):
            self.refuse(
                path,
                f"`{key}` 应为 Material 图标名（如 `material/scale-balance`）",
                "在 Material for MkDocs 的图标列表中选一个名称",
            )
        if not _icon_exists(value):
            self.refuse(
                path, f"主题中没有图标 `{value}`", "在 Material for MkDocs 的图标列表中选一个名称"
            )

    def url(self, path: Path_, value: Any, *, relative: bool) -> str:
        key = _dotted(path)
        allowed = "https: 或 mailto: 链接" + ("，或站内相对路径" if relative else "")
        if not isinstance(value, str):
            self.refuse(path, f"`{key}` 应为 {allowed}")
        if relative and RELATIVE.match(value):
            return html.escape(value, quote=True)
        try:
            protocol = ada_url.URL(value).protocol
        except ValueError:
            protocol = ""
        # WHATWG parsing drops tabs and newlines and reads backslashes as slashes; what is
        # published must be what was parsed, so such characters are refused outright.
        if protocol not in ("https:", "mailto:") or re.search(r"[\x00-\x20\x7f\\\"'<>`]", value):
            self.refuse(
                path, f"`{key}` 应为 {allowed}：{value[:80]!r}", "链接写成 https://… 或 mailto:…"
            )
        return html.escape(value, quote=True)

    # --- locations ----------------------------------------------------------------------

    def refuse(self, path: Path_, message: str, fix: str = "") -> NoReturn:
        line, col = self.locate(path)
        raise InputError(self.shown, line, col, message, fix)

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key (or list item) at ``path``; its nearest parent if absent."""
        if self._node is None:
            self._node = yaml.compose(self.text, Loader=_Composer) or yaml.ScalarNode("", "")
        node, mark = self._node, self._node.start_mark
        for part in path:
            found = _child(node, part)
            if found is None:
                break
            mark, node = found
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Composes nodes only: positions, no values (tags of MkDocs' own do not matter)."""


def _child(node: yaml.Node, part: str | int) -> tuple[Any, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key.start_mark, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item = node.value[part]
        return item.start_mark, item
    return None


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@cache
def _icon_exists(name: str) -> bool:
    from importlib.resources import files

    try:
        return files("material").joinpath("templates", ".icons", f"{name}.svg").is_file()
    except ModuleNotFoundError:  # no theme installed: the SSG will say so
        return True


def _fragment_problems(value: str) -> list[str]:
    from disclosure_gen.site.postcheck import fragment_problems

    return fragment_problems(value)
