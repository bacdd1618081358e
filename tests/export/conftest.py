"""Fixtures for the exports: the demo content as models, and exports rendered from it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support import ROOT, TODAY

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.run import ExportRequest, export

Demo = tuple[Site, tuple[Algorithm, ...]]


@pytest.fixture(scope="session")
def demo() -> Demo:
    """The demo content as models, checked the way `disclosure-gen export` checks it."""
    checked = check_paths([ROOT / "content"], CheckOptions(today=TODAY))
    assert checked.site is not None and checked.algorithms
    assert not checked.input_errors
    return checked.site, checked.algorithms


@pytest.fixture(scope="session")
def render_demo(demo: Demo) -> Callable[..., bytes]:
    """``render_demo("privacy-md", lang="en")``: one export of the demo through the library."""

    def run(fmt: str, *, lang: str = "zh", ids: tuple[str, ...] = ()) -> bytes:
        return export(demo[0], demo[1], ExportRequest(fmt, lang, ids)).data

    return run
