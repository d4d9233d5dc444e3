"""Imports run one way: enforcement may import clients, clients never imports enforcement,
no module imports another inside a function to dodge a cycle, and there is no cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("clients", "enforcement", "config")


def modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def imports_of(name: str, path: Path):
    """(imported module, at module level?, line) for every import of a project module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] + [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in APPS:
                yield target, id(node) in top_level, node.lineno


def test_clients_never_imports_enforcement():
    found = [
        f"{name}:{line} imports {target}"
        for name, path in modules()
        if name.startswith("clients")
        for target, _top, line in imports_of(name, path)
        if target.startswith("enforcement")
    ]
    assert found == []


def test_no_project_module_is_imported_inside_a_function():
    allowed = {"enforcement.apps", "clients.apps"}  # AppConfig.ready() connects receivers
    found = [
        f"{name}:{line} imports {target}"
        for name, path in modules()
        if name not in allowed
        for target, top, line in imports_of(name, path)
        if not top
    ]
    assert found == []


def test_no_import_cycle_between_modules():
    known = dict(modules())
    graph = {
        name: {t for t, top, _line in imports_of(name, path) if top and t in known and t != name}
        for name, path in known.items()
    }
    # A package that re-exports its modules is a way through, not a cycle of its own.
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
