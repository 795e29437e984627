"""The house a newcomer walks: no import loops, and the arrows point one way."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("condition_site", "conditions", "reviews", "images")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules ``path`` imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # "from conditions import icd10" imports the module conditions.icd10.
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names.append(node.module)
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import loop, each as the path that closes it."""
    found, done = [], set()

    def visit(node, path):
        if node in path:
            found.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            if target != node.rpartition(".")[0]:  # a package's own __init__
                visit(target, [*path, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return found


def test_the_graph_sees_known_imports(graph):
    """Positive control: the parser finds imports, top-level and deferred."""
    assert "conditions.icd10" in graph["conditions.models"]
    assert "reviews.models" in graph["conditions.models"]
    assert "conditions.receivers" in graph["conditions.apps"]


def test_there_are_no_import_loops(graph):
    assert cycles(graph) == []


def test_a_loop_would_be_found():
    """Positive control for the loop finder itself."""
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]


def test_reviews_never_imports_conditions(graph):
    reviews = {name: deps for name, deps in graph.items() if name.startswith("reviews")}
    assert reviews
    assert {
        name: sorted(d for d in deps if d.startswith("conditions"))
        for name, deps in reviews.items()
        if any(d.startswith("conditions") for d in deps)
    } == {}


def test_the_image_library_never_imports_the_content_it_serves(graph):
    images = {name: deps for name, deps in graph.items() if name.startswith("images")}
    assert "images.models" in graph["conditions.models"]
    assert images
    assert {
        name: sorted(d for d in deps if d.startswith("conditions"))
        for name, deps in images.items()
        if any(d.startswith("conditions") for d in deps)
    } == {}


def test_no_view_module_imports_another(graph):
    views = [name for name in graph if name.startswith("conditions.views.")]
    assert "conditions.views.articles" in views
    assert {
        name: sorted(d for d in graph[name] if d.startswith("conditions.views"))
        for name in views
        if any(d.startswith("conditions.views") for d in graph[name])
    } == {}
