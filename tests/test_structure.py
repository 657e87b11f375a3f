"""The package's import graph: leaves below, features above, no cycle.

Feature modules (one per feature) may import the shared leaf modules
(records, nodes, domain, config, util, ...) but never another feature; the
configuration imports no feature; the PDF assembler (`pdf`) may import features
and nothing but the package imports it; the command line (`cli`, run by
`__main__`) imports only small pure helpers and nothing of the extension imports
it; and nothing imports in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sphinx_newsbrief

PACKAGE = Path(sphinx_newsbrief.__file__).parent
#: Feature modules and subpackages, by their top-level name in the package.
FEATURES = {
    "articles",
    "authors",
    "tags",
    "listings",
    "pages",
    "feed",
    "uncertainty",
    "reactions",
    "questions",
    "metadata",
    "comments",
    "corrections",
}

#: Modules that put features together into one output (the PDFs): they may import
#: features; no feature and no shared module imports them.
ASSEMBLERS = {"pdf"}

#: The command line (``newsbrief``, ``python -m sphinx_newsbrief``): it runs without
#: Sphinx building anything, so it imports only these leaf helpers of the package
#: (pure functions of text), itself and the version; only ``__main__`` imports it.
CLI = {"cli", "__main__"}
CLI_MAY_IMPORT = {"util", "frontmatter", "__version__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def _imports() -> dict[str, set[str]]:
    """Each module's imports of other package modules (dotted, relative to the package)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package.split(".") if package else []
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if node.module:
                found.add(target)
            else:  # "from . import x": each name is a module
                found.update(".".join([*base, alias.name]) for alias in node.names)
        graph[name] = {t for t in found if t and t != name}
    return graph


def _feature(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in FEATURES else None


def test_features_import_no_other_feature():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if _feature(module) and _feature(target) and _feature(target) != _feature(module)
    ]
    assert wrong == []


def test_shared_modules_import_no_feature():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if module and not _feature(module) and not _assembler(module) and _feature(target)
    ]
    assert wrong == []  # (the package's own __init__, which wires them up, is not checked)


def _assembler(module: str) -> bool:
    return module.split(".")[0] in ASSEMBLERS


def test_nothing_but_the_package_imports_an_assembler():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if module and _assembler(target) and not _assembler(module)
    ]
    assert wrong == []


def _cli(module: str) -> bool:
    return module.split(".")[0] in CLI


def test_the_command_line_imports_only_pure_helpers():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        if _cli(module)
        for target in targets
        if not _cli(target) and target.split(".")[0] not in CLI_MAY_IMPORT
    ]
    assert wrong == []


def test_nothing_of_the_extension_imports_the_command_line():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if _cli(target) and not _cli(module)
    ]
    assert wrong == []


def test_no_import_cycle():
    graph = _imports()
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(module: str, path: list[str]) -> bool:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycle.extend([*path, module, target])
                return True
            if target not in state and visit(target, [*path, module]):
                return True
        state[module] = 2
        return False

    for module in sorted(graph):
        if module not in state and visit(module, []):
            break
    assert cycle == []


def test_the_graph_is_read():
    graph = _imports()
    assert "articles.metadata" in graph["articles"] and "records" in graph["articles.metadata"]
    assert "domain" in graph["records"]
    assert "uncertainty.scale" in graph["uncertainty.register"]
    assert "cli" in graph["__main__"] and "util" in graph["cli.new"]
