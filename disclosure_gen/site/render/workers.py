"""Algorithm pages and the catalogue rendered in worker processes, for large catalogues.

Rendering is pure, so the pages come out the same whichever process renders them. The SVG
cache stays in the calling process: it looks up every figure first (``figure_specs`` is cheap),
sends each worker the cached SVGs of its algorithms, and stores what the workers drew. Hits,
misses and the entries a build used are therefore counted where the sequential path counts
them, and a cold build still draws each SVG once. Formulas come from the folder of typeset
TeX that ``check`` wrote (``load_typeset``): a worker starts as empty as a new process does.
Workers are spawned, not forked: the caller may have threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_gen.site.render import chartspec
from disclosure_gen.site.render.pages import Page, algorithm_page, figure_specs

if TYPE_CHECKING:
    from disclosure_gen.content.model.algorithm import Algorithm
    from disclosure_gen.content.model.site import Site

#: Below this many algorithms, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
#: Tasks per worker: small enough to balance, large enough to amortise pickling the site.
TASKS_PER_WORKER = 4

Key = tuple[str, str]  # (algorithm id, language)
Result = tuple[dict[Key, Page], dict[str, bytes]]


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` spawned worker processes."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def submit_catalogue_entries(
    pool: ProcessPoolExecutor, site: Site, algorithms: Sequence[Algorithm]
) -> Future[dict[str, bytes]]:
    """The catalogue entries of ``algorithms`` (export/to_json.py), made by a worker meanwhile."""
    return pool.submit(_catalogue_entries, site, tuple(algorithms))


def _catalogue_entries(site: Site, algorithms: Sequence[Algorithm]) -> dict[str, bytes]:
    from disclosure_gen.export.to_json import algorithm_json

    return {a.id: algorithm_json(site, a) for a in algorithms}


class ParallelPages(Mapping[Key, Page]):
    """Algorithm pages being rendered by a pool; reading one waits for its batch.

    The caller renders its own pages meanwhile and reads these in order
    (``pages.render_pages(prerendered=…)``).
    """

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        algorithms: Sequence[Algorithm],
        languages: Sequence[str],
        *,
        draft: bool,
        svg_cache: MutableMapping[str, bytes] | None,
        jobs: int,
        tex_cache: Path | None = None,
    ) -> None:
        self.svg_cache = svg_cache
        self._seen: set[str] = set()  # SVG keys handed to or drawn by workers
        self._keys = [(a.id, lang) for a in algorithms for lang in languages]
        self._keys_set = set(self._keys)
        self._pending: list[Future[Result]] = []
        # Batch by batch, so that the workers start while later batches are looked up; an
        # empty cache (a cold build) is not asked at all.
        look_up = self._looked_up = bool(svg_cache)
        size = max(1, -(-len(algorithms) // (jobs * TASKS_PER_WORKER)))
        for start in range(0, len(algorithms), size):
            chunk = tuple(algorithms[start : start + size])
            svgs: dict[str, bytes] = {}
            if look_up and svg_cache is not None:
                for algo in chunk:
                    for lang in languages:
                        for *_, spec, _ in figure_specs(algo, lang=lang):
                            key = chartspec.spec_key(spec)
                            if key not in svgs and key in svg_cache:
                                svgs[key] = svg_cache[key]
                                self._seen.add(key)
            self._pending.append(
                pool.submit(_render_chunk, chunk, tuple(languages), draft, svgs, tex_cache)
            )
        self._done: dict[Key, Page] = {}

    def __getitem__(self, key: Key) -> Page:
        """The page (each is handed out once, then dropped: a large build holds few pages)."""
        while key not in self._done and self._pending:
            self._collect()
        return self._done.pop(key)

    def _collect(self) -> None:
        future = self._pending.pop(0)
        pages, drawn = future.result()
        for svg_key, svg in sorted(drawn.items()):
            if svg_key in self._seen:
                continue
            self._seen.add(svg_key)
            # Not looked up before (cold): ask now, so the miss is counted as it is here.
            cache = self.svg_cache
            if cache is not None and (self._looked_up or svg_key not in cache):
                cache[svg_key] = svg
        self._done.update(pages)

    def __iter__(self) -> Iterator[Key]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys_set

    def finish(self) -> None:
        """Collect every batch (stores every drawn SVG), whether or not it was read."""
        while self._pending:
            self._collect()


def _render_chunk(
    algorithms: Sequence[Algorithm],
    languages: Sequence[str],
    draft: bool,
    svgs: dict[str, bytes],
    tex_cache: Path | None = None,
) -> Result:
    """In a worker: the pages of some algorithms, and the SVGs drawn for them."""
    if tex_cache is not None:
        from disclosure_gen.markup.math import load_typeset

        load_typeset(algorithms, tex_cache)
    cache = dict(svgs)
    pages = {
        (algo.id, lang): algorithm_page(algo, lang=lang, draft=draft, svg_cache=cache)
        for algo in algorithms
        for lang in languages
    }
    return pages, {k: v for k, v in cache.items() if k not in svgs}
