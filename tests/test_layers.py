"""The package's folders show the flow, and the imports keep to it: no arrow up, no circle.

Every import inside ``vsv_analysis`` counts, also one inside a function: a lower
stage never imports a higher one, even lazily. The stages, bottom to top, are the
README's diagram.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "vsv_analysis"

STAGES = ("common", "files", "geography", "evidence", "intake", "network", "measures", "outputs", "figures", "maps",
          "jupyter", "report", "render", "cli")
"""The stages, bottom to top: a module may import from its own stage and the ones before it."""

DATA_PACKAGES = ("templates", "vocabularies")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def imports_of(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """``(line, module imported from, names)`` for every import of the package in the file, lazy ones included."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = tuple(alias.name for alias in node.names)
            if target == "vsv_analysis" and names != ("__version__",):  # from .. import maps: the modules
                found += [(node.lineno, f"{target}.{name}", ()) for name in names]
            elif target.split(".")[0] == "vsv_analysis":
                found.append((node.lineno, target, names))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names if alias.name.startswith("vsv_analysis")]
    return found


def import_graph() -> nx.DiGraph:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        for _, target, names in imports_of(path):
            targets = [f"{target}.{name}" for name in names if f"{target}.{name}" in modules] or [target]
            graph.add_edges_from((module, t) for t in targets if t in modules and t != module)
    return graph


def test_every_module_lies_in_a_stage():
    loose = [module_name(path) for path in PACKAGE.glob("*.py")
             if path.stem not in ("__init__", "__main__", "network")]
    folders = [path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").is_file()]
    assert loose == []
    assert sorted(set(folders) - set(DATA_PACKAGES)) == sorted(set(STAGES) - {"network"})


def test_no_import_goes_up_a_stage():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = stage_of(module_name(path))
        for line, target, names in imports_of(path):
            if target == "vsv_analysis":  # the package itself: only its version
                if set(names) - {"__version__"}:
                    upward.append(f"{module_name(path)}:{line} imports {names} from the package's top")
                continue
            there = stage_of(target)
            if here is not None and there is not None and STAGES.index(there) > STAGES.index(here):
                upward.append(f"{module_name(path)}:{line} ({here}) imports {target} ({there})")
    assert upward == []


def test_no_circle_of_imports():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == []


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "network"])
def test_a_stage_folder_hands_names_on_and_does_no_work(stage):
    """A package's ``__init__`` documents the stage and at most imports names from its own modules."""
    tree = ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))
    work = [type(node).__name__ for node in tree.body
            if not isinstance(node, ast.Import | ast.ImportFrom | ast.Expr | ast.Assign | ast.FunctionDef)]
    assert work == []


def test_the_readme_draws_the_stages_in_their_order():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    diagram = readme[readme.index("```\nvsv_analysis/\n"):]
    diagram = diagram[:diagram.index("\n```", 4)]
    drawn = [line.split()[0].rstrip("/").removesuffix(".py") for line in diagram.splitlines()[2:]
             if line.startswith("  ") and not line.startswith("   ")]
    assert drawn == list(STAGES)
