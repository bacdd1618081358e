from __future__ import annotations

from pathlib import Path

import pytest
from support import TODAY

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo() -> tuple[Site, tuple[Algorithm, ...]]:
    """The demo content as models (loaded and validated the way `check` does)."""
    checked = check_paths([ROOT / "content"], CheckOptions(today=TODAY))
    assert checked.site is not None and checked.algorithms
    return checked.site, checked.algorithms
