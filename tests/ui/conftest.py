"""Fixtures of the browser tests: a real `reviewguard serve` and Debian's headless Chromium.

The tests are skipped (not failed) when Chromium, ChromeDriver or selenium are missing (the
``browser`` fixture comes first in every test, so nothing is started before the skip);
`.ci/run` installs the Debian packages ``chromium`` and ``chromium-driver``.  Screenshots of
every state go to ``$REVIEWGUARD_TEST_OUTPUT/ui`` (default ``test-output/ui`` at the repository
root, which is git-ignored and kept by CI as an artifact).
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import pytest

from tests.serve_helpers import start_serve, wait_ready

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("REVIEWGUARD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("REVIEWGUARD_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Everything that would make Chromium talk to the network (the machine may be offline).
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
)


def _browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).is_file() or not os.access(path, os.X_OK):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def ui_server(trained_store, tmp_path_factory):
    """Base URL of a real `reviewguard serve` on a free port, against the session's trained store."""
    serve = start_serve(tmp_path_factory.mktemp("ui-serve") / "serve.log", {"REVIEWGUARD_REQUIRE_AUTH": "false"})
    try:
        wait_ready(serve, timeout=90)
        yield serve.url
    finally:
        serve.stop()


@pytest.fixture(scope="session")
def ui_output() -> Path:
    """Folder for the screenshots (a CI artifact)."""
    base = os.environ.get("REVIEWGUARD_TEST_OUTPUT")
    folder = (Path(base) if base else REPO_ROOT / "test-output") / "ui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium (through Debian's chromedriver) for the module; a fresh profile."""
    reason = _browser_missing()
    if reason is not None:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1366,900")
    options.add_argument("--lang=zh-CN")
    # An explicit driver path: selenium-manager never tries to download a driver or browser.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def screenshot(browser, ui_output):
    """``screenshot(name)`` saves a PNG of the whole page (not only the viewport) as ``name``."""

    def save(name: str) -> Path:
        metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics["cssContentSize"]
        shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        })
        path = ui_output / name
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    return save
