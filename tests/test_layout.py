"""The package reads as the pipeline: imports only go down it, and no module imports itself back.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a lazy import
still ties two modules together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "disclosure_gen"
#: The rooms, in pipeline order; a module may import from its own room and the rooms before it.
ROOMS = ("content", "markup", "check", "export", "site", "publish", "adapters")
#: Modules at the top of the package: the adapters over all stages.
ADAPTERS = {"cli", "config", "mkdocs_plugin", "__main__"}


def module_names() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = module_names()


def room(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "root"  # disclosure_gen itself: the version, importable from anywhere
    if len(parts) == 2 and parts[1] in ADAPTERS:
        return "adapters"
    return parts[1]


def imports(module: str) -> Iterator[tuple[str, int]]:
    """The package modules that ``module`` imports, with the line of each import."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "disclosure_gen":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "disclosure_gen":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in MODULES else base), node.lineno


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _ in imports(module):
            if target != module:
                graph[module].add(target)
    return graph


def test_every_module_belongs_to_a_room() -> None:
    strays = [m for m in MODULES if room(m) not in (*ROOMS, "root")]
    assert not strays, f"modules outside the pipeline's rooms {ROOMS}: {strays}"


def test_imports_only_go_down_the_pipeline() -> None:
    upward = []
    for module in MODULES:
        for target, line in imports(module):
            if target not in MODULES:
                upward.append(f"{MODULES[module].name}:{line}: {module} imports unknown {target}")
                continue
            here, there = room(module), room(target)
            if there == "root" or here == "root":
                if here == "root" and there != "root":
                    upward.append(f"{module}:{line}: the package root imports {target}")
                continue
            if ROOMS.index(there) > ROOMS.index(here):
                upward.append(f"{module}:{line} ({here}) imports {target} ({there})")
    assert not upward, "imports that go up the pipeline:\n" + "\n".join(upward)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    found = cycles(edges())
    assert not found, "modules that import each other (directly or around a circle):\n" + "\n".join(
        " ↔ ".join(c) for c in found
    )


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(
    graph: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert sorted(cycles(graph)) == expected


def test_the_room_of_each_stage() -> None:
    assert room("disclosure_gen.cli") == "adapters"
    assert room("disclosure_gen.check.rules.algo_art16") == "check"
    assert room("disclosure_gen.site.render.pages") == "site"
    assert room("disclosure_gen") == "root"
