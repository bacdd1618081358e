from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_gen.cli import cli


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files.")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The suite runs in pytest-xdist workers (-n auto --dist loadgroup). The security tests
    # share a hostile build (a session fixture of ~40 s) and module fixtures over it: each
    # file stays on one worker, so a worker builds it at most once, and the two slowest files
    # (the corpus scans, the Chromium sweep) can still run side by side. First, so xdist sees
    # the marks it groups by.
    for item in items:
        if item.path.parent.name == "security":
            item.add_marker(pytest.mark.xdist_group(f"security-{item.path.stem}"))


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run the CLI in-process: ``run_cli("check", "content", cwd=path)``."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, bytes], None]:
    """Compare bytes with tests/golden/<name>; ``--update-golden`` rewrites them."""
    update = request.config.getoption("--update-golden")
    root = Path(__file__).parent / "golden"

    def check(name: str, data: bytes) -> None:
        path = root / name
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert data == path.read_bytes(), f"{name} differs from its golden file"

    return check


@pytest.fixture
def demo_root() -> Iterator[Path]:
    yield Path(__file__).resolve().parent.parent
