"""Command line: ``disclosure-gen check | build | rules | explain | schema …``.

Imports of heavy modules happen inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from disclosure_gen.export import EXPORT_FORMATS

if TYPE_CHECKING:
    from disclosure_gen.check.engine import Checked
    from disclosure_gen.config import Config
    from disclosure_gen.publish.commands import Publish

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

FORMATS = ("text", "json", "sarif", "github")
FAIL_ON = ("error", "warning", "never")


def _fail_input(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_INPUT)


def _config() -> Config:
    from disclosure_gen.config import load_config
    from disclosure_gen.content.loader import InputError

    try:
        return load_config(Path.cwd())
    except InputError as exc:
        _fail_input(str(exc))


def _codes(value: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    return tuple(c.strip() for c in value.split(",") if c.strip())


def run_check(
    paths: tuple[Path, ...],
    *,
    config: Config,
    today: date | None,
    select: str | None = None,
    ignore: str | None = None,
    cache: bool = True,
) -> Checked:
    """Check ``paths`` (default: the configured content folder); exit 2 on unusable input.

    ``cache``: keep typeset formulas and each file's results in ``cache_dir`` (a warm check
    starts no KaTeX and judges only the files that changed).
    """
    import os

    from disclosure_gen.check.engine import CheckOptions, check_paths
    from disclosure_gen.markup.math import TexSettings

    options = CheckOptions(
        today=today or date.today(),
        select=_codes(select, config.select),
        ignore=_codes(ignore, config.ignore),
        waiver_limit_days=config.waiver_limit_days,
        severity=config.severity,
        jobs=os.cpu_count() or 1,
        tex=TexSettings(Path(config.cache_dir) / "tex" if cache else None),
        cache_dir=Path(config.cache_dir) / "check" if cache else None,
    )
    checked = check_paths(list(paths) or [Path(config.content)], options)
    for err in checked.input_errors:
        click.echo(f"{err.file}:{err.line}:{err.column}: error {err.message}", err=True)
        if err.fix:
            click.echo(f"    fix: {err.fix}", err=True)
    if checked.input_errors:
        sys.exit(EXIT_INPUT)
    return checked


def _threshold(fail_on: str):  # type: ignore[no-untyped-def]
    from disclosure_gen.check.findings import Severity

    return None if fail_on == "never" else Severity(fail_on)


today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to check review-by and waiver dates against (default: today).",
)
no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Do not read or write the cache (.disclosure-gen-cache/: check results, typeset"
    " formulas, SVGs, pages): check every file and build every page anew.",
)
select_option = click.option(
    "--select", metavar="CODES", help="Only these codes or prefixes, comma-separated."
)
ignore_option = click.option(
    "--ignore", metavar="CODES", help="Skip these codes or prefixes, comma-separated."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="disclosure-gen")
def cli() -> None:
    """Checked algorithm-recommendation disclosures (算法推荐公示) from YAML."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: error).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to a file.")
@select_option
@ignore_option
@no_cache_option
@today_option
def check(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str | None,
    output: Path | None,
    select: str | None,
    ignore: str | None,
    no_cache: bool,
    today: object,
) -> None:
    """Check YAML files (default: the content folder) against the rules."""
    from disclosure_gen.check.reporters import REPORTERS

    config = _config()
    checked = run_check(
        paths,
        config=config,
        today=_as_date(today),
        select=select,
        ignore=ignore,
        cache=not no_cache,
    )
    text = REPORTERS[fmt](checked.report)
    if output:
        from disclosure_gen.site.output import write_file

        write_file(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    fails = checked.report.fails(_threshold(fail_on or config.fail_on))
    sys.exit(EXIT_FINDINGS if fails else EXIT_OK)


def _as_date(value: object) -> date | None:
    return value.date() if value is not None else None  # type: ignore[attr-defined]


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list the reference's candidate rules: which codes implement each, or why dropped.",
)
def rules(fmt: str, show_all: bool) -> None:
    """List the rule catalogue; BASIS says what a finding rests on.

    law: the words of a binding text; heuristic: a threshold of the tool's own (a length, a
    depth, a period), warning only; guidance: a campaign, filing practice or 鼓励 clause,
    warning only; tool: a check of the tool itself (DG-*), no citation.
    """
    import json

    from disclosure_gen.check.candidates import CANDIDATES
    from disclosure_gen.check.rules import RULES

    if fmt == "json":
        doc: dict[str, object] = {
            "rules": [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.value,
                    "basis": r.basis,
                    "heuristic": r.heuristic,
                    "citation": str(r.citation) if r.citation else None,
                    "binding": r.citation.binding if r.citation else None,
                    "summary": r.summary,
                }
                for r in RULES
            ]
        }
        if show_all:
            doc["candidates"] = [
                {"id": c.id, "status": c.status, "codes": list(c.codes), "note": c.note}
                for c in CANDIDATES
            ]
        click.echo(json.dumps(doc if show_all else doc["rules"], ensure_ascii=False, indent=2))
        return
    click.echo(f"{'CODE':<24} {'SEVERITY':<8} {'BASIS':<9} {'NAME':<32} CITATION")
    for r in RULES:
        cite = str(r.citation) if r.citation else "—"
        click.echo(f"{r.code:<24} {r.severity.value:<8} {r.basis:<9} {r.name:<32} {cite}")
    if show_all:
        click.echo("\nregulations.md §7.2 candidate rules:")
        for c in CANDIDATES:
            status = "、".join(c.codes) if c.implemented else "dropped"
            note = f"  {c.note}" if c.note else ""
            click.echo(f"{c.id:<28} {status}{note}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print a rule's documentation and the full clause it cites."""
    import inspect

    from disclosure_gen.check.rules import by_code

    rule = by_code().get(code.upper())
    if rule is None:
        _fail_input(f"未知的规则代码 `{code}`；用 `disclosure-gen rules` 查看全部")
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value}, basis: {rule.basis})\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
    click.echo(f"\nmessage: {rule.message}\nfix: {rule.fix}")
    if rule.citation:
        cit = rule.citation
        kind = "" if cit.binding else "（非强制性文件）"
        click.echo(f"\n{cit}{kind}\n")
        click.echo(cit.unit_text)


@cli.command()
@click.argument(
    "name", type=click.Choice(["algorithm", "site", "report", "export"]), default="algorithm"
)
def schema(name: str) -> None:
    """Print a JSON Schema (default: the algorithm file's)."""
    from disclosure_gen.check.schema import schema_text

    click.echo(schema_text(name), nl=False)


def _checked_for_publishing(
    paths: tuple[Path, ...],
    config: Config,
    today: object,
    allow_errors: bool,
    command: str,
    cache: bool = True,
) -> tuple[Checked, bool]:
    """Run check; stop with exit 1 on error findings unless ``allow_errors`` (→ draft)."""
    from disclosure_gen.check.reporters import REPORTERS

    checked = run_check(paths, config=config, today=_as_date(today), cache=cache)
    failed = checked.report.fails(_threshold("error"))
    if failed:
        click.echo(REPORTERS["text"](checked.report), err=True, nl=False)
        if not allow_errors:
            click.echo(f"{command}: 检查未通过，未发布站点（--allow-errors 可生成草稿）", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{command}: 检查未通过；按 --allow-errors 生成草稿，每页显示草稿横幅", err=True)
    if checked.site is None:
        _fail_input("没有可用的 site.yaml")
    return checked, bool(failed)


def _err(message: str) -> None:
    click.echo(message, err=True)


def _publish_spec(config: Config, draft: bool, nav_page_limit: int | None, cache: bool) -> Publish:
    import os

    from disclosure_gen.publish.commands import Publish

    root = Path.cwd()
    return Publish(
        root=root,
        content_dir=root / config.content,
        user_config=root / config.mkdocs_config,
        cache_dir=root / config.cache_dir if cache else None,
        nav_page_limit=config.nav_page_limit if nav_page_limit is None else nav_page_limit,
        draft=draft,
        env=dict(os.environ),
        trusted_html=config.trusted_html,
    )


allow_errors_option = click.option(
    "--allow-errors",
    is_flag=True,
    help="Publish despite error findings; every page then shows a draft banner.",
)
nav_limit_option = click.option(
    "--nav-page-limit",
    type=click.IntRange(min=0),
    default=None,
    help="List algorithm pages in the nav only up to this many algorithms (default: 100).",
)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: site_dir in [tool.disclosure-gen], else site/).",
)
@allow_errors_option
@nav_limit_option
@no_cache_option
@today_option
def build(
    paths: tuple[Path, ...],
    site_dir: Path | None,
    allow_errors: bool,
    nav_page_limit: int | None,
    no_cache: bool,
    today: object,
) -> None:
    """Check the content, then build the public site (MkDocs + Material) atomically."""
    from disclosure_gen.publish.commands import publish

    config = _config()
    checked, draft = _checked_for_publishing(
        paths, config, today, allow_errors, "build", cache=not no_cache
    )
    spec = _publish_spec(config, draft, nav_page_limit, not no_cache)
    target = site_dir or Path(config.site_dir)
    assert checked.site is not None
    sys.exit(publish(checked.site, checked.algorithms, target, spec, _err, click.echo))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for the plain project: docs/ (Markdown, assets), mkdocs.yml, overrides/.",
)
@allow_errors_option
@nav_limit_option
@no_cache_option
@today_option
def render(
    paths: tuple[Path, ...],
    out: Path,
    allow_errors: bool,
    nav_page_limit: int | None,
    no_cache: bool,
    today: object,
) -> None:
    """Check the content, then write plain Markdown + assets for another SSG."""
    from disclosure_gen.publish.commands import render_command

    config = _config()
    checked, draft = _checked_for_publishing(
        paths, config, today, allow_errors, "render", cache=not no_cache
    )
    spec = _publish_spec(config, draft, nav_page_limit, not no_cache)
    assert checked.site is not None
    sys.exit(render_command(checked.site, checked.algorithms, out, spec, _err, click.echo))


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(port: int) -> None:
    """Preview the site on 127.0.0.1 with live reload (MkDocs + the disclosure_gen plugin)."""
    import os

    from disclosure_gen.publish.commands import names_plugin
    from disclosure_gen.publish.commands import serve as run_serve

    config = _config()
    file = Path(config.mkdocs_config)
    if not names_plugin(file):
        _fail_input(f"{file} 中没有 `disclosure_gen` 插件；在 plugins 中加入 `- disclosure_gen`")
    sys.exit(run_serve(file, port, dict(os.environ)))


@cli.command("filing-hash")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def filing_hash(paths: tuple[Path, ...]) -> None:
    """Print each algorithm's fingerprint of its filed disclosure (filing.disclosure_hash)."""
    from disclosure_gen.content.disclosed import hash_lines

    checked = run_check(paths, config=_config(), today=None, select="DG-SCHEMA")
    for f in checked.report.findings:
        click.echo(f"{f.location}: error {f.message}", err=True)
    for line in hash_lines(checked.algorithms):
        click.echo(line)
    sys.exit(EXIT_INPUT if checked.report.findings else EXIT_OK)


@cli.command()
@click.argument("rev1")
@click.argument("rev2", required=False)
@click.option(
    "--content", type=click.Path(path_type=Path), help="Content folder (default: config)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text")
def diff(rev1: str, rev2: str | None, content: Path | None, fmt: str) -> None:
    """Compare the content of two git revisions or folders (REV2 default: the work tree)."""
    import os

    from disclosure_gen.content.loader import InputError
    from disclosure_gen.publish.diff import compare
    from disclosure_gen.publish.diff_format import DIFF_FORMATS
    from disclosure_gen.publish.history_git import GitError, snapshot_for

    folder, cwd = content or Path(_config().content), Path.cwd()
    try:
        old = snapshot_for(rev1, content=folder, cwd=cwd, env=os.environ)
        result = compare(old, snapshot_for(rev2, content=folder, cwd=cwd, env=os.environ))
    except (GitError, InputError) as exc:
        _fail_input(str(exc))
    click.echo(DIFF_FORMATS[fmt](result), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--stamp", is_flag=True, help="Write en_source beside every English without one.")
@click.option("--include-stale", is_flag=True, help="With --stamp: also re-stamp stale English.")
@click.option("--path", "only", multiple=True, help="With --stamp: only this YAML path.")
def translations(
    paths: tuple[Path, ...], stamp: bool, include_stale: bool, only: tuple[str, ...]
) -> None:
    """List missing or stale English texts; --stamp records which Chinese each was made from."""
    from disclosure_gen.content.loader import InputError
    from disclosure_gen.publish.translations import run_translations

    try:
        folders = list(paths) or [Path(_config().content)]
        code = run_translations(
            folders, stamp=stamp, include_stale=include_stale, only=only, echo=click.echo
        )
    except InputError as exc:
        _fail_input(str(exc))
    sys.exit(code)


def _export_help() -> str:
    return "What to export: " + "; ".join(f"{name} = {what}" for name, what in EXPORT_FORMATS)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([name for name, _ in EXPORT_FORMATS]),
    required=True,
    help=_export_help(),
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option(
    "--algorithm",
    "algorithm_ids",
    multiple=True,
    metavar="ID",
    help="Only this algorithm (repeatable; default: all).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (default: stdout; *-docx: ./<name>.<lang>.docx).",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=None,
    help="Notices only: cut the short text at the last sentence end within this many characters.",
)
@click.option("--allow-errors", is_flag=True, help="Export even when check reports errors.")
@today_option
def export(
    paths: tuple[Path, ...],
    fmt: str,
    lang: str,
    algorithm_ids: tuple[str, ...],
    output: Path | None,
    max_chars: int | None,
    allow_errors: bool,
    today: object,
) -> None:
    """Export policy sections, the AI labelling clause, notices, filing text, papers, catalogue."""
    from disclosure_gen.check.reporters import REPORTERS
    from disclosure_gen.export.run import ExportRequest, ExportUsageError
    from disclosure_gen.export.run import export as run_export
    from disclosure_gen.site.output import write_file

    checked = run_check(paths, config=_config(), today=_as_date(today))
    if checked.report.fails(_threshold("error")):
        click.echo(REPORTERS["text"](checked.report), err=True, nl=False)
        if not allow_errors:
            _err("export: 检查未通过，未导出（修正后重试，或用 --allow-errors 导出草稿）")
            sys.exit(EXIT_FINDINGS)
        _err("export: 检查未通过；按 --allow-errors 仍然导出，请勿直接发布")
    if checked.site is None:
        _fail_input("没有可用的 site.yaml，无法导出")
    request = ExportRequest(fmt, lang, algorithm_ids, max_chars)
    try:
        result = run_export(checked.site, checked.algorithms, request)
    except ExportUsageError as exc:
        _fail_input(str(exc))
    for note in result.notes:
        _err(f"export: {note}")
    target = output or (Path(result.default_name) if result.binary else None)
    if target is None:
        click.echo(result.data, nl=False)
        return
    write_file(target, result.data)
    _err(f"export: 已写入 {target}")


@cli.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Write into a non-empty folder (overwrites our files).")
def init(directory: Path, force: bool) -> None:
    """Create a project: mkdocs.yml, content/ with an example, schemas, CI and pre-commit files."""
    from disclosure_gen.publish.init import InitError, scaffold, write_project

    try:
        written = write_project(directory, scaffold(date.today()), force=force)
    except InitError as exc:
        _fail_input(str(exc))
    for rel in written:
        click.echo(f"  {(directory / rel).as_posix()}")
    click.echo(f"init: 已创建 {len(written)} 个文件；下一步：cd {directory}，disclosure-gen build")


@cli.command()
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The built site (default: site_dir in [tool.disclosure-gen], else site/).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def links(site_dir: Path | None, fmt: str) -> None:
    """List the external links of the built site and the pages they are on (nothing is fetched)."""
    from disclosure_gen.site.links import external_links, format_links

    target = site_dir or Path(_config().site_dir)
    if not (target / "index.html").is_file():
        _fail_input(f"{target} 中没有构建好的站点（缺少 index.html）；先运行 disclosure-gen build")
    found = external_links(target)
    click.echo(format_links(found, fmt), nl=False)
    _err(f"links: {len(found)} 个外部链接（未访问）")


def main() -> None:
    """Console-script entry point."""
    cli()
