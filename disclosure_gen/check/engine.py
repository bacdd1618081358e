"""Check a content tree: load, validate, build models, run rules, apply waivers and selection."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from disclosure_gen.check.findings import Finding, Location, Report, Severity
from disclosure_gen.check.resultcache import Entry, ResultCache, context_key
from disclosure_gen.check.rules import RULES, by_code
from disclosure_gen.check.rules.base import Hit, Rule, RuleContext
from disclosure_gen.check.schema import validate, validator
from disclosure_gen.check.waivers import apply_severities, apply_waivers, tool_finding
from disclosure_gen.content.loader import (
    MAX_BYTES,
    InputError,
    Loaded,
    PathT,
    format_path,
    iter_yaml_files,
    load_bytes,
    load_file,
)
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.markup.math import TexSettings

SITE_FILE = "site.yaml"
#: Codes the engine itself emits; they carry no legal citation.
TOOL_CODES = {
    "DG-SCHEMA": "输入不符合 schema",
    "DG-REF": "引用了 site.yaml 中不存在的产品或场景",
    "DG-ID": "算法标识与文件名不一致或重复",
    "DG-TEX": "公式无法渲染",
    "DG-WAIVER-EXPIRED": "豁免已过期",
    "DG-WAIVER-UNKNOWN": "豁免了不存在的规则",
    "DG-WAIVER-UNUSED": "豁免没有匹配任何问题",
    "DG-WAIVER-TOO-LONG": "豁免期限过长",
    "DG-WAIVER-BINDING": "强制性规则的豁免缺少批准人、到期日或理由",
}


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how; ``today`` is an argument so results never depend on the clock."""

    today: date
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    waiver_limit_days: int = 365
    rules: tuple[Rule, ...] = RULES
    #: (code, severity) pairs from ``[tool.disclosure-gen] severity``; they replace the default.
    severity: tuple[tuple[str, str], ...] = ()
    #: Who set ``severity``: recorded on every finding whose severity it changed.
    severity_source: str = "pyproject.toml [tool.disclosure-gen] severity"
    #: Worker processes for large catalogues (from PARALLEL_FROM files); 1 checks in-process.
    jobs: int = 1
    #: How formulas are typeset (worker, timeout) and where results are kept across runs.
    tex: TexSettings = field(default_factory=TexSettings)
    #: Each file's results kept across runs (check/resultcache.py); None: check every file.
    cache_dir: Path | None = None


@dataclass(frozen=True)
class Checked:
    """The outcome of a check: the report, the valid models, and unusable inputs."""

    report: Report
    site: Site | None = None
    algorithms: tuple[Algorithm, ...] = ()
    input_errors: tuple[InputError, ...] = ()


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it lies beneath it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def discover(paths: Sequence[Path]) -> tuple[Path | None, list[Path]]:
    """Find the site file and the algorithm files for ``paths``."""
    site: Path | None = None
    algos: dict[Path, None] = {}
    for base in paths:
        if not base.exists():
            raise InputError(display_path(base), 1, 1, "路径不存在", "检查命令行中的路径")
        for file in iter_yaml_files([base]):
            if file.name == SITE_FILE:
                site = site or file
            else:
                algos.setdefault(file)
    if site is None:
        site = _find_site_upwards(paths)
    return site, list(algos)


def _find_site_upwards(paths: Sequence[Path]) -> Path | None:
    for base in paths:
        start = base.resolve() if base.is_dir() else base.resolve().parent
        for folder in (start, *list(start.parents)[:3]):
            candidate = folder / SITE_FILE
            if candidate.is_file():
                return candidate
    return None


def check_paths(paths: Sequence[Path], options: CheckOptions) -> Checked:
    """Check every YAML file under ``paths``; never raises for bad content."""
    try:
        site_file, algo_files = discover(paths)
    except InputError as exc:
        return Checked(Report(), input_errors=(exc,))
    errors: list[InputError] = []
    findings: list[Finding] = []
    files: list[str] = []
    site_doc: Loaded | None = None
    site: Site | None = None
    if site_file is None:
        errors.append(
            InputError(
                display_path(paths[0]) if paths else ".",
                1,
                1,
                f"找不到 {SITE_FILE}",
                f"在内容目录中创建 {SITE_FILE}（可用 `disclosure-gen init` 生成）",
            )
        )
    else:
        site_doc = _load(site_file, errors)
        if site_doc is not None:
            files.append(site_doc.file)
            site_findings = validate(site_doc, validator("site"))
            findings += site_findings
            if not site_findings:
                site = Site.from_data(site_doc.data)
    algorithms: list[Algorithm] = []
    id_at: dict[str, tuple[int, int]] = {}
    cache = _results_cache(site_file, site_doc, options)
    for result in _check_files(algo_files, site, site_doc, options, cache):
        errors += [InputError(*e) for e in result.errors]
        if result.file is None:
            continue
        files.append(result.file)
        findings += result.findings
        if result.algo is not None:
            algorithms.append(result.algo)
            id_at[result.file] = result.id_at
    findings += _duplicate_ids(algorithms, id_at)
    # A site.yaml problem is found once per algorithm that inherits the value: report it once.
    findings = [f for f in dict.fromkeys(findings) if _selected(f.code, options)]
    algorithms.sort(key=lambda a: (a.category, a.id))
    report = Report(
        tuple(sorted(findings, key=lambda f: f.sort_key)),
        tuple(sorted(files)),
        skipped_binding(options),
    )
    return Checked(report, site, tuple(algorithms), tuple(errors))


#: From this many algorithm files on, ``jobs`` worker processes check them.
PARALLEL_FROM = 200


@dataclass(frozen=True)
class _FileResult:
    """One algorithm file checked: its name, findings and model (picklable).

    Not the parsed document: its locator is most of the bytes a worker would send back, and
    findings are located in the worker already.
    """

    file: str | None
    findings: tuple[Finding, ...] = ()
    algo: Algorithm | None = None
    #: Where ``id`` sits, for the duplicate-id finding made across files.
    id_at: tuple[int, int] = (1, 1)
    #: InputError fields (the frozen exception itself does not unpickle).
    errors: tuple[tuple[str, int, int, str, str], ...] = ()


def _results_cache(
    site_file: Path | None, site_doc: Loaded | None, options: CheckOptions
) -> ResultCache | None:
    if options.cache_dir is None or site_file is None or site_doc is None:
        return None
    try:
        site_bytes = site_file.read_bytes()
    except OSError:
        return None
    context = context_key(
        site_file=site_doc.file,
        site_bytes=site_bytes,
        today=options.today,
        waiver_limit_days=options.waiver_limit_days,
        severity=options.severity,
        severity_source=options.severity_source,
        rules=options.rules,
        tex=options.tex,
    )
    return ResultCache(options.cache_dir, context)


@dataclass(frozen=True)
class _Todo:
    """A file to check, with its bytes and cache key when a results cache is in use."""

    file: Path
    raw: bytes | None = None
    key: str = ""


def _check_files(
    files: Sequence[Path],
    site: Site | None,
    site_doc: Loaded | None,
    options: CheckOptions,
    cache: ResultCache | None,
) -> Iterator[_FileResult]:
    """Each file's result, in order: recorded ones from ``cache``, the rest checked.

    Large sets of files to check go to worker processes.
    """
    done: dict[int, _FileResult] = {}
    todo: list[tuple[int, _Todo]] = []
    for n, file in enumerate(files):
        item = _Todo(file)
        if cache is not None:
            raw = _read(file)
            if raw is not None:
                shown = display_path(file)
                item = _Todo(file, raw, cache.key(shown, raw))
                entry = cache.get(item.key)
                if entry is not None:
                    done[n] = _recorded(shown, entry, site)
                    continue
        todo.append((n, item))
    checked = _check_todo([t for _, t in todo], site, site_doc, options, cache)
    new = dict(zip((n for n, _ in todo), checked, strict=True))
    for n in range(len(files)):
        yield done[n] if n in done else new[n]


def _read(file: Path) -> bytes | None:
    """The file's bytes, or None to leave it to the loader (too large, unreadable)."""
    try:
        if file.stat().st_size > MAX_BYTES:
            return None
        return file.read_bytes()
    except OSError:
        return None


def _recorded(shown: str, entry: Entry, site: Site | None) -> _FileResult:
    algo = None
    if entry.data is not None and site is not None:
        algo = Algorithm.from_data(entry.data, site, source=shown)
    return _FileResult(shown, entry.findings, algo, entry.id_at)


def _check_todo(
    todo: Sequence[_Todo],
    site: Site | None,
    site_doc: Loaded | None,
    options: CheckOptions,
    cache: ResultCache | None,
) -> Iterator[_FileResult]:
    if options.jobs <= 1 or len(todo) < PARALLEL_FROM:
        yield from _check_chunk(tuple(todo), site, site_doc, options, cache)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(todo) // (options.jobs * 4))
    chunks = [tuple(todo[i : i + size]) for i in range(0, len(todo), size)]
    # spawn, not fork: the caller may have threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context) as pool:
        futures = [pool.submit(_check_chunk, c, site, site_doc, options, cache) for c in chunks]
        for future in futures:
            yield from future.result()


def _check_chunk(
    todo: Sequence[_Todo],
    site: Site | None,
    site_doc: Loaded | None,
    options: CheckOptions,
    cache: ResultCache | None,
) -> list[_FileResult]:
    check = validator("algorithm", documents=len(todo))
    return [_check_file(item, site, site_doc, options, check, cache) for item in todo]


def _check_file(
    item: _Todo,
    site: Site | None,
    site_doc: Loaded | None,
    options: CheckOptions,
    check: Any,
    cache: ResultCache | None,
) -> _FileResult:
    errors: list[InputError] = []
    file = item.file
    doc = _load(file, errors, item.raw)
    if doc is None:
        return _FileResult(
            None, errors=tuple((e.file, e.line, e.column, e.message, e.fix) for e in errors)
        )
    problems = validate(doc, check)
    if problems or site is None:
        result = _FileResult(doc.file, tuple(problems))
        if cache is not None and item.key:
            cache.put(item.key, Entry(result.findings, result.id_at, None))
        return result
    algo = Algorithm.from_data(doc.data, site, source=doc.file)
    own = list(_tool_checks(algo, doc, file, options.tex))
    ctx = RuleContext(options.today)
    own += list(_rule_findings(algo, doc, site_doc, options.rules, ctx))
    own = apply_severities(own, dict(options.severity), options.severity_source)
    findings = apply_waivers(
        algo,
        doc,
        own,
        today=options.today,
        limit_days=options.waiver_limit_days,
        known=by_code(),
        tool_codes=TOOL_CODES,
    )
    result = _FileResult(doc.file, tuple(findings), algo, doc.locator.find(("id",)))
    if cache is not None and item.key and _settled(algo, options.tex):
        cache.put(item.key, Entry(result.findings, result.id_at, doc.data))
    return result


def _settled(algo: Algorithm, tex: TexSettings) -> bool:
    """True unless a formula's outcome came from a lost TeX worker (it may not recur)."""
    from disclosure_gen.markup.math import formula_tex, settled

    return all(settled(t, display=d, settings=tex) for _, t, d in formula_tex(algo))


def _load(file: Path, errors: list[InputError], raw: bytes | None = None) -> Loaded | None:
    try:
        if raw is not None:  # read once: the bytes parsed are the bytes the cache key names
            return load_bytes(raw, file=display_path(file))
        return load_file(file, display=display_path(file))
    except InputError as exc:
        errors.append(exc)
        return None


def _selected(code: str, options: CheckOptions) -> bool:
    if code == "DG-SCHEMA":
        return True
    if options.select and not any(_matches(code, s) for s in options.select):
        return False
    return not any(_matches(code, s) for s in options.ignore)


def skipped_binding(options: CheckOptions) -> tuple[tuple[str, str], ...]:
    """Binding rules that ``select``/``ignore`` leave out: reported, never skipped silently."""
    out = []
    for rule in options.rules:
        if rule.binding_error and not _selected(rule.code, options):
            excluded = any(_matches(rule.code, s) for s in options.ignore)
            out.append((rule.code, "ignore" if excluded else "select"))
    return tuple(out)


def _matches(code: str, pattern: str) -> bool:
    return code == pattern or code.startswith(pattern.rstrip("-") + "-")


def _tool_checks(algo: Algorithm, doc: Loaded, file: Path, tex: TexSettings) -> Iterator[Finding]:
    from disclosure_gen.markup.math import formula_tex, tex_problem

    if file.stem != algo.id:
        yield tool_finding(
            "DG-ID",
            f"`id` 为 `{algo.id}`，与文件名 `{file.name}` 不一致",
            f"把文件改名为 `{algo.id}.yaml`，或修改 `id`",
            doc,
            ("id",),
        )
    site = algo.site
    refs: list[tuple[PathT, str, str]] = [
        (("products", i), ref.product, s)
        for i, ref in enumerate(algo.products)
        for s in (ref.surfaces or ("",))
    ]
    refs += [
        (("notice", "placements", i), p.product, p.surface)
        for i, p in enumerate(algo.notice.placements)
    ]
    refs += [
        (("filing", "display", i), p.product, p.surface) for i, p in enumerate(algo.filing.display)
    ]
    for path, product_id, surface_id in refs:
        product = site.product(product_id)
        if product is None:
            known = "、".join(f"`{p.id}`" for p in site.products)
            yield tool_finding(
                "DG-REF",
                f"产品 `{product_id}` 未在 site.yaml 的 `products` 中声明",
                f"使用已声明的产品：{known}",
                doc,
                (*path, "product"),
            )
        elif surface_id and surface_id not in {s.id for s in product.surfaces}:
            known = "、".join(f"`{s.id}`" for s in product.surfaces) or "（无）"
            yield tool_finding(
                "DG-REF",
                f"场景 `{surface_id}` 不属于产品 `{product_id}`",
                f"使用该产品已声明的场景：{known}",
                doc,
                path,
            )
    for path, source, display in formula_tex(algo):
        problem = tex_problem(source, display=display, settings=tex)
        if problem:
            yield tool_finding(
                "DG-TEX",
                problem.message,
                problem.fix or "修正 LaTeX；只使用数学命令，不要使用链接、样式或宏定义",
                doc,
                path,
            )


def _rule_findings(
    algo: Algorithm,
    doc: Loaded,
    site_doc: Loaded | None,
    rules: Iterable[Rule],
    ctx: RuleContext,
) -> Iterator[Finding]:
    for rule in rules:
        if not rule.applies(algo):
            continue
        for hit in rule.run(algo, ctx):
            yield _from_hit(rule, hit, doc, site_doc)


def _from_hit(rule: Rule, hit: Hit, doc: Loaded, site_doc: Loaded | None) -> Finding:
    target = site_doc if hit.in_site and site_doc is not None else doc
    line, col = target.locator.find(hit.path)
    citation = rule.citation
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=hit.message or rule.message,
        fix=rule.fix,
        location=Location(format_path(hit.path) or "（顶层）", target.file, line, col),
        citation=str(citation) if citation else "",
        quote=citation.quote if citation else "",
        binding=citation.binding if citation else True,
        heuristic=rule.heuristic,
    )


def _duplicate_ids(
    algorithms: list[Algorithm], id_at: dict[str, tuple[int, int]]
) -> Iterator[Finding]:
    seen: dict[str, Algorithm] = {}
    for algo in sorted(algorithms, key=lambda a: a.source):
        if algo.id in seen:
            line, col = id_at[algo.source]
            yield Finding(
                "DG-ID",
                "id",
                Severity.ERROR,
                f"算法标识 `{algo.id}` 与 {seen[algo.id].source} 重复",
                "每个算法使用唯一的 `id`",
                Location("id", algo.source, line, col),
            )
        else:
            seen[algo.id] = algo
