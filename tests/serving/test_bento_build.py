"""The Bento: `bentoml build` from bentofile.yaml, and the built Bento serving the champion.

The integration test builds into a temporary BENTOML_HOME (the user's store is untouched) and
serves the built Bento, not the working tree: the server runs outside the repository and with
the editable install of reviewguard switched off, so every module it imports comes from the
Bento, and a file the bentofile leaves out fails the test instead of being found in the checkout.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import httpx
import psutil
import pytest
import yaml

from features import REVIEW_LABELS
from serving.bentoml_compat import WORKER_COMMAND_MARK
from tests.serve_helpers import REPO_ROOT, Serve, free_port, http_status, wait_ready

BENTOML = str(Path(sys.executable).with_name("bentoml"))
# What the served code is: the packages the bento must carry, and the files of them it needs.
SERVED_PACKAGES = ("features", "serving", "reviewguard")
SERVED_SUFFIXES = {".py", ".txt", ".html", ".js", ".css"}

# Loaded by every Python process of the server (PYTHONPATH): drops the editable install's
# finder, which would otherwise import `features`/`serving`/`training` from the checkout.
NO_EDITABLE_INSTALL = """\
import sys

def _editable(obj):
    return str(getattr(obj, "__module__", "")).startswith("__editable__")

sys.meta_path[:] = [f for f in sys.meta_path if not _editable(f)]
sys.path_hooks[:] = [h for h in sys.path_hooks if not _editable(h)]
sys.path[:] = [p for p in sys.path if not p.endswith(".__path_hook__")]
sys.path_importer_cache.clear()
"""


def test_bentofile_installs_the_dependencies_of_pyproject():
    """bentofile.yaml repeats [project].dependencies (BentoML reads them itself only without it)."""
    bentofile = yaml.safe_load((REPO_ROOT / "bentofile.yaml").read_text(encoding="utf-8"))
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert bentofile["service"] == "serving.service:ReviewGuard"
    assert bentofile["python"]["packages"] == pyproject["project"]["dependencies"]


def _served_files(root: Path) -> set[str]:
    """Paths (relative to ``root``) of the served packages' code and resources."""
    return {path.relative_to(root).as_posix()
            for package in SERVED_PACKAGES
            for path in (root / package).rglob("*")
            if path.is_file() and path.suffix in SERVED_SUFFIXES and "__pycache__" not in path.parts}


def _module_file(root: Path, module: str) -> Path | None:
    """The file of ``module`` under ``root`` (module or package), if there is one."""
    base = root / module.replace(".", "/")
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(path: Path) -> set[str]:
    """Every name ``path`` imports, at module level or inside functions (``from a import b``: a and a.b)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.fixture(scope="module")
def bento(tmp_path_factory):
    """(tag, folder, env) of a Bento built from the working tree into a temporary BENTOML_HOME."""
    home = tmp_path_factory.mktemp("bentoml-home")
    env = {**os.environ, "BENTOML_HOME": str(home), "BENTOML_DO_NOT_TRACK": "true"}
    build = subprocess.run([BENTOML, "build", "--output", "tag"], cwd=REPO_ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    tag = build.stdout.strip().splitlines()[-1].removeprefix("__tag__:")
    name, version = tag.split(":")
    folder = home / "bentos" / name / version
    assert (folder / "bento.yaml").is_file(), f"{tag} not in {home}"
    return tag, folder, env


@pytest.mark.integration
def test_bento_holds_the_service_code_and_nothing_else(bento):
    _tag, folder, _env = bento
    src = folder / "src"
    assert sorted(p.name for p in src.iterdir()) == ["bentofile.yaml", *sorted(SERVED_PACKAGES)]
    for absent in ("tests", "training", ".venv", "notebooks", "benchmarks", "docs", ".reviewguard", "mlruns"):
        assert not (src / absent).exists(), absent
    # Exactly the served files of the working tree: none missing, no cache, data or store.
    assert {p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()} == {
        "bentofile.yaml", *_served_files(REPO_ROOT)}
    for must in ("serving/service.py", "features/resources/user_dict.txt", "serving/ui/index.html"):
        assert (src / must).is_file(), must
    # Every project module the served code imports is in the Bento (training/ is not served).
    served_code = [*(src / "features").rglob("*.py"), *(src / "serving").rglob("*.py")]
    missing = {module for path in served_code for module in _imported_modules(path)
               if _module_file(REPO_ROOT, module) and not _module_file(src, module)}
    assert not missing, f"imported by the served code but not in the Bento: {sorted(missing)}"

    info = yaml.safe_load((folder / "bento.yaml").read_text(encoding="utf-8"))
    assert info["service"] == "serving.service:ReviewGuard"
    assert info["models"] == []  # the champion comes from the MLflow registry at start
    requirements = (folder / "env" / "python" / "requirements.txt").read_text()
    assert "lightgbm" in requirements and "mlflow" in requirements
    assert "libgomp1" in (folder / "env" / "docker" / "Dockerfile").read_text()


@pytest.mark.integration
def test_built_bento_serves_the_champion(bento, trained_store, tmp_path):
    tag, _folder, build_env = bento
    _settings, trained = trained_store
    review_model, order_model = trained
    isolation = tmp_path / "no-editable-install"
    isolation.mkdir()
    (isolation / "sitecustomize.py").write_text(NO_EDITABLE_INSTALL)
    outside = tmp_path / "cwd"  # not the checkout, whose packages would be importable from "."
    outside.mkdir()
    # REVIEWGUARD_HOME / _TRACKING_URI come from trained_store via os.environ (after the build).
    env = {**os.environ, "BENTOML_HOME": build_env["BENTOML_HOME"], "BENTOML_DO_NOT_TRACK": "true",
           "PYTHONPATH": str(isolation), "REVIEWGUARD_WORKERS": "1"}
    # The isolation works: outside the Bento the project cannot be imported at all.
    probe = subprocess.run([sys.executable, "-c", "import serving"], cwd=outside, env=env,
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr, probe.stderr

    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([BENTOML, "serve", tag, "--host", "127.0.0.1", "--port", str(port)],
                                   stdout=log, stderr=subprocess.STDOUT, env=env, cwd=outside,
                                   start_new_session=True)
    serve = Serve(process, port, log_path)
    started: list[psutil.Process] = []
    try:
        wait_ready(serve, timeout=120)
        started = psutil.Process(process.pid).children(recursive=True)
        workers = [p for p in started if WORKER_COMMAND_MARK in " ".join(p.cmdline())]
        # Settings are read when the Bento starts, not frozen at build (bento.yaml records the
        # build machine's worker count).
        assert len(workers) == 1, started

        reviews = httpx.post(f"{serve.url}/v1/reviews/classify", timeout=30, json={"items": [
            {"review_id": "r1", "text": "差评！", "rating": 1,
             "chat": [{"role": "buyer", "text": "给我转30元我马上删差评"}]}]})
        assert reviews.status_code == 200, reviews.text
        [review] = reviews.json()
        assert review["review_id"] == "r1" and review["label"] in REVIEW_LABELS
        assert review["model_version"] == f"{review_model.name}/{review_model.version}"

        orders = httpx.post(f"{serve.url}/v1/orders/score", timeout=30, json={"items": [
            {"order_id": "o1", "shipping_address": "某小区门口", "same_address_orders_24h": 9}]})
        assert orders.status_code == 200, orders.text
        [order] = orders.json()
        assert order["order_id"] == "o1" and order["level"] in {"low", "medium", "high"}
        assert 0.0 <= order["risk"] <= 1.0
        assert order["model_version"] == f"{order_model.name}/{order_model.version}"
    finally:
        serve.stop()
    # No process of the server is left (a loaded machine may take a while to stop the worker),
    # and nothing answers on its port.
    _gone, alive = psutil.wait_procs(started, timeout=30)
    left = []
    for process_left in alive:
        try:
            left.append((process_left.pid, process_left.cmdline()))
            process_left.kill()
        except psutil.NoSuchProcess:
            pass
    assert not left, f"left running: {left}\n{serve.log()[-3000:]}"
    assert http_status(f"{serve.url}/livez", timeout=1) is None, serve.log()[-3000:]
