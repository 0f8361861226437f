"""The package's shape: layers that import only downward (import-linter's contracts in pyproject.toml),
thin functions in the app layer, and each view's callbacks in that view's module."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import PROJECT_ROOT
from dashboard.state import VIEWS, State
from dashboard.web.guard import declared_outputs
from dashboard.web.shell import VIEW_MODULES, base_layout, shell

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_APP_FUNCTION_LINES = 60


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the ``dashboard`` package found under ``root`` with ``root``'s contracts."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_contracts_are_kept():
    result = lint_imports(PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def copy_of_package(tmp_path) -> Path:
    shutil.copytree(PROJECT_ROOT / "dashboard", tmp_path / "dashboard", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # planted\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("module", "line", "contract", "reported"),
    [
        # the model reaching up into the app (the shape of the old charts → panels import)
        ("dashboard.model.aggregates", "from dashboard.web import shell", "Layers", "dashboard.model.aggregates"),
        ("dashboard.charts.presets", "from dashboard.web.views import map", "Layers", "dashboard.charts.presets"),
        ("dashboard.geo.boundaries", "import dashboard.data.dataset", "Layers", "dashboard.geo.boundaries"),
        # a circle inside one layer (the old calculator → tables → panels → calculator)
        ("dashboard.model.aggregates", "from dashboard.model import calculator", "circles", "dashboard.model"),
        # one view leaning on another
        ("dashboard.web.views.timeline", "from dashboard.web.views import compare", "stands alone", "timeline"),
        # a view reaching up to the shell that lists it
        ("dashboard.web.views.data", "from dashboard.web import shell", "Inside the app", "dashboard.web.views"),
    ],
)
def test_a_planted_bad_import_is_caught(copy_of_package, module, line, contract, reported):
    assert lint_imports(copy_of_package).returncode == 0  # the copy itself is clean
    plant(copy_of_package, module, line)
    result = lint_imports(copy_of_package)
    assert result.returncode != 0
    broken = result.stdout[result.stdout.index("Contracts") :]
    assert f"{contract}" in broken and "BROKEN" in broken, broken
    assert reported in broken


def test_a_new_module_must_be_placed_in_a_layer(copy_of_package):
    (copy_of_package / "dashboard" / "helpers.py").write_text('"""Unplaced."""\n', encoding="utf-8")
    result = lint_imports(copy_of_package)
    assert result.returncode != 0
    assert "dashboard.helpers" in result.stdout


def test_app_layer_functions_are_short():
    long = []
    for path in sorted((PROJECT_ROOT / "dashboard" / "web").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_APP_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {node.name}: {lines} lines")
    assert not long, "\n".join(long)


def test_every_view_has_its_module_in_switch_order():
    assert tuple(VIEW_MODULES) == VIEWS
    for name, view in VIEW_MODULES.items():
        assert view.register.__module__ == f"dashboard.web.views.{name}"


def _id_key(component_id) -> str | None:
    if isinstance(component_id, str) and component_id.startswith("{"):
        component_id = json.loads(component_id)
    if isinstance(component_id, dict):
        return f"vid:{component_id['vid']}" if "vid" in component_id else f"ctl:{component_id.get('name')}"
    return component_id


def _ids(component) -> set[str]:
    found = {_id_key(getattr(component, "id", None))}
    found |= {_id_key(getattr(c, "id", None)) for c in component._traverse()}
    return found - {None}


def test_each_view_s_callbacks_live_in_its_module(app_parts):
    """A callback that fills or listens to components only one view has is defined in that view's module;
    callbacks over the page's own parts (URL, state, the share popovers) live in the routing module."""
    dash_app, agg = app_parts
    page_wide = _ids(base_layout())
    on_page = {view: _ids(shell(State(view=view), agg, "2025-01-01")) - page_wide for view in VIEWS}
    assert all(on_page.values())
    for output, entry in dash_app.callback_map.items():
        keys = {_id_key(component_id) for component_id, _ in declared_outputs(output)}
        keys |= {_id_key(json.dumps(i["id"]) if isinstance(i["id"], dict) else i["id"]) for i in entry["inputs"]}
        views_of = {key: [v for v in VIEWS if key in on_page[v]] for key in keys}
        owners = {views[0] for views in views_of.values() if len(views) == 1}
        assert len(owners) <= 1, f"{output} fills the components of several views: {owners}"
        expected = f"dashboard.web.views.{owners.pop()}" if owners else "dashboard.web.routing"
        assert entry["callback"].__module__ == expected, f"{output} is defined in {entry['callback'].__module__}"


@pytest.fixture(scope="module")
def app_parts():
    from dashboard.data.dataset import load_dataset
    from dashboard.geo import boundaries
    from dashboard.model.aggregates import Aggregates
    from dashboard.web.app import create_app

    agg = Aggregates(load_dataset(), boundaries.province_codes(), boundaries.places())
    return create_app(), agg
