"""Architecture rules: features <- training, features <- serving; nothing else."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "features": {"training", "serving", "reviewguard"},
    "training": {"serving", "reviewguard"},
    "serving": {"training", "reviewguard"},
}


def imported_top_level_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_top_level_packages(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_packages_have_no_side_effects_at_import(tmp_path, monkeypatch):
    """Importing the packages creates no files (no mkdir, no tracking store) in the working dir."""
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    code = "import features.pipeline, training.train, serving.predictor, serving.batch, reviewguard.cli"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []
