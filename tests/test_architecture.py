"""The code's shape, read from the source: imports run downward without cycles, modules and functions stay small."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

# Lower layers first; a package may import only from layers below its own (peers never import each other).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("charts",),
    ("core",),
    ("accounts",),
    ("assess",),
    ("phases",),
    ("reports", "dashboard"),
    ("demo",),
    ("app",),
)
# The same rule inside phases: one sub-package per sub-feature, composed at the top by the overview.
PHASES_LAYERS: tuple[tuple[str, ...], ...] = (
    ("phases.audit",),
    ("phases.projects",),
    ("phases.issues",),
    ("phases.rollout", "phases.recovery"),
    ("phases.overview",),
)
# Pure rule modules: plain values in and out, no Flask, no database, nothing of ours but other pure modules.
PURE_MODULES = (
    "assess/scoring.py",
    "phases/projects/gates.py",
    "phases/projects/schedule.py",
    "phases/projects/lifecycle.py",
    "phases/rollout/matrix.py",
    "phases/recovery/health.py",
    "phases/recovery/checklist.py",
)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
SKIPPED_DIRS = {".venv", "migrations", "node_modules", ".git", "__pycache__", "test-artifacts", ".setup"}


def _sources() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.Module) -> Iterator[tuple[str, bool]]:
    """Yield (imported module, nested) for every absolute import; nested means inside a function or class."""
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            yield name, id(node) not in top_level


def _unit(module: str, layers: tuple[tuple[str, ...], ...]) -> str | None:
    """Return the layered unit (package or sub-package) a module belongs to, if any."""
    for layer in layers:
        for unit in layer:
            if module == unit or module.startswith(unit + "."):
                return unit
    return None


def _rank(unit: str, layers: tuple[tuple[str, ...], ...]) -> int:
    return next(index for index, layer in enumerate(layers) if unit in layer)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Return the ids of import nodes under `if TYPE_CHECKING:` (they never run)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            found.update(id(child) for child in ast.walk(node))
    return found


def import_edges(layers: tuple[tuple[str, ...], ...]) -> dict[tuple[str, str], list[str]]:
    """Return {(importing unit, imported unit): [where]} for imports between different units of the layers."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in _sources():
        module = _module_name(path)
        source = _unit(module, layers)
        if source is None or module.startswith("tests"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for imported, nested in _imports(tree):
            target = _unit(imported, layers)
            if target is not None and target != source:
                where = f"{path.relative_to(ROOT)}{' (inside a function)' if nested else ''}"
                edges.setdefault((source, target), []).append(where)
    return edges


def find_cycle(edges: Mapping[tuple[str, str], object]) -> list[str] | None:
    """Return one cycle of a directed graph given by its edges, or None when it has none."""
    graph: dict[str, list[str]] = {}
    for source, target in edges:
        graph.setdefault(source, []).append(target)
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for target in graph.get(node, []):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target] if target in path else [node, target]
            if state.get(target) is None:
                found = visit(target, path + [target])
                if found:
                    return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if state.get(start) is None:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_layered_graph() -> None:
    assert find_cycle({("a", "b"): [], ("b", "c"): [], ("c", "a"): []}) == ["a", "b", "c", "a"]
    assert find_cycle({("app", "reports"): [], ("reports", "phases"): [], ("phases", "core"): []}) is None


@pytest.mark.parametrize("layers", [LAYERS, PHASES_LAYERS], ids=["packages", "phases sub-packages"])
def test_imports_run_downward_without_cycles(layers: tuple[tuple[str, ...], ...]) -> None:
    edges = import_edges(layers)
    assert find_cycle(edges) is None
    upward = {
        f"{source} -> {target}": where
        for (source, target), where in edges.items()
        if _rank(target, layers) >= _rank(source, layers)
    }
    assert upward == {}


@pytest.mark.parametrize("layers", [LAYERS, PHASES_LAYERS], ids=["packages", "phases sub-packages"])
def test_no_import_between_packages_hides_inside_a_function(layers: tuple[tuple[str, ...], ...]) -> None:
    hidden = [where for places in import_edges(layers).values() for where in places if "inside a function" in where]
    assert hidden == []


@pytest.mark.parametrize("path", PURE_MODULES)
def test_pure_rule_modules_import_no_flask_and_no_database(path: str) -> None:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    pure = {_module_name(ROOT / item) for item in PURE_MODULES}
    allowed_ours = pure | {"phases.projects.enums", "phases.issues.enums", "phases.rollout.enums"}
    ours = {layer for group in LAYERS for layer in group}
    for imported, _nested in _imports(tree):
        top = imported.split(".")[0]
        assert top not in {"flask", "flask_babel", "sqlalchemy", "flask_sqlalchemy", "werkzeug"}, imported
        if top in ours:
            assert any(imported == name or imported.startswith(name + ".") for name in allowed_ours), imported


def _long_functions(tree: ast.Module) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                yield node.name, length


def test_no_module_grows_past_400_lines_and_no_function_past_60() -> None:
    long_modules, long_functions = {}, {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT))
        if text.count("\n") > MAX_MODULE_LINES:
            long_modules[name] = text.count("\n")
        for function, length in _long_functions(ast.parse(text)):
            long_functions[f"{name}:{function}"] = length
    assert long_modules == {}
    assert long_functions == {}
