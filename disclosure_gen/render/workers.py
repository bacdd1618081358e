"""Algorithm pages and the catalogue rendered in worker processes, for large catalogues.

Rendering is pure, so the pages come out the same whichever process renders them. The SVG
cache stays in the calling process: it looks up every figure first (``figure_specs`` is cheap),
sends each worker the cached SVGs of its algorithms, and stores what the workers drew. Hits,
misses and the entries a build used are therefore counted where the sequential path counts
them, and a cold build still draws each SVG once. Workers are spawned, not forked: the
caller may have threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from disclosure_gen.render import charts
from disclosure_gen.render.pages import Page, algorithm_page, figure_specs

if TYPE_CHECKING:
    from disclosure_gen.model import Algorithm, Site

#: Below this many algorithms, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
#: Tasks per worker: small enough to balance, large enough to amortise pickling the site.
TASKS_PER_WORKER = 4

Key = tuple[str, str]  # (algorithm id, language)
Result = tuple[dict[Key, Page], dict[str, bytes]]


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` spawned worker processes."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def submit_catalogue(
    pool: ProcessPoolExecutor, site: Site, algorithms: Sequence[Algorithm]
) -> Future[bytes]:
    """The catalogue JSON (export/to_json.py), rendered by a worker meanwhile."""
    from disclosure_gen.export.to_json import catalogue_json

    return pool.submit(catalogue_json, site, tuple(algorithms))


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
    ) -> None:
        self.svg_cache = svg_cache
        wanted = [
            {charts.spec_key(s) for lang in languages for *_, s, _ in figure_specs(a, lang=lang)}
            for a in algorithms
        ]
        self._cached: dict[str, bytes] = {}
        if svg_cache is not None:
            for key in sorted(set().union(*wanted)):
                if key in svg_cache:
                    self._cached[key] = svg_cache[key]
        self._keys = [(a.id, lang) for a in algorithms for lang in languages]
        size = max(1, -(-len(algorithms) // (jobs * TASKS_PER_WORKER)))
        self._pending: list[tuple[frozenset[str], Future[Result]]] = []
        for start in range(0, len(algorithms), size):
            chunk = tuple(algorithms[start : start + size])
            need = set().union(*wanted[start : start + size])
            svgs = {k: v for k, v in self._cached.items() if k in need}
            future = pool.submit(_render_chunk, chunk, tuple(languages), draft, svgs)
            self._pending.append((frozenset(a.id for a in chunk), future))
        self._done: dict[Key, Page] = {}

    def __getitem__(self, key: Key) -> Page:
        while key not in self._done and self._pending:
            _, future = self._pending.pop(0)
            pages, drawn = future.result()
            for svg_key, svg in sorted(drawn.items()):
                if svg_key not in self._cached:
                    self._cached[svg_key] = svg
                    if self.svg_cache is not None:
                        self.svg_cache[svg_key] = svg
            self._done.update(pages)
        return self._done[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def finish(self) -> None:
        """Collect every batch (stores every drawn SVG), whether or not it was read."""
        for key in self._keys:
            self[key]


def _render_chunk(
    algorithms: Sequence[Algorithm], languages: Sequence[str], draft: bool, svgs: dict[str, bytes]
) -> Result:
    """In a worker: the pages of some algorithms, and the SVGs drawn for them."""
    cache = dict(svgs)
    pages = {
        (algo.id, lang): algorithm_page(algo, lang=lang, draft=draft, svg_cache=cache)
        for algo in algorithms
        for lang in languages
    }
    return pages, {k: v for k, v in cache.items() if k not in svgs}
