"""Shared fixtures: a small trained champion in a temporary MLflow store, reused by all tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_data_dir() -> Path | None:
    """The public corpora beside the checkout (development and CI), or None on a fresh machine."""
    configured = os.environ.get("REVIEWGUARD_DATA_DIR")
    if configured:
        return Path(configured) if Path(configured).is_dir() else None
    return SHARED_DATA if SHARED_DATA.is_dir() else None


requires_shared_data = pytest.mark.skipif(shared_data_dir() is None, reason="public corpora (../shared/data) absent")


_HYPOTHESIS_FOLDER = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    # hypothesis (also under schemathesis) caches into ./.hypothesis by default: keep the
    # working tree clean by pointing it at a temporary folder unless the caller chose one.
    import tempfile

    if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:
        folder = tempfile.mkdtemp(prefix="reviewguard-hypothesis-")
        os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = folder
        config.stash[_HYPOTHESIS_FOLDER] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the hypothesis folder this session made (never one the caller chose)."""
    import shutil

    folder = config.stash.get(_HYPOTHESIS_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("HYPOTHESIS_STORAGE_DIRECTORY", None)


@pytest.fixture(scope="session")
def trained_store(tmp_path_factory: pytest.TempPathFactory):
    """Train both models with the small config into a fresh sqlite MLflow store (once per session).

    Yields the Settings pointing at that store.  Environment variables are set so that
    subprocesses (bentoml serve, the CLI) see the same store.
    """
    from features.settings import Settings
    from training.config import load_config
    from training.train import train_all

    home = tmp_path_factory.mktemp("reviewguard-home")
    settings = Settings(home=home, tracking_uri=f"sqlite:///{home / 'mlflow.db'}")
    trained = train_all(load_config("small"), settings)
    with pytest.MonkeyPatch.context() as patch:  # put back at the end of the session
        patch.setenv("REVIEWGUARD_HOME", str(home))
        patch.setenv("REVIEWGUARD_TRACKING_URI", settings.resolved_tracking_uri())
        yield settings, trained


@pytest.fixture(scope="session")
def predictor(trained_store):
    from serving.predictor import Predictor

    settings, _trained = trained_store
    return Predictor.from_registry(settings)


@pytest.fixture(scope="session")
def http_client(trained_store):
    """One in-process client of the service's ASGI app for the whole session.

    BentoML registers its Prometheus metrics when the app starts, and a second app in the same
    process would register them again, so every HTTP test shares this one.
    """
    from starlette.testclient import TestClient

    from serving.service import ReviewGuard

    with TestClient(ReviewGuard.to_asgi()) as client:
        yield client
