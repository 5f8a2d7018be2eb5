"""Keep every worker process of a server on the same champion models.

``bentoml serve`` runs several worker processes (``REVIEWGUARD_WORKERS``) behind one socket, and
``POST /v1/admin/reload`` reaches only the worker that accepted it.  Workers coordinate through
a small folder in ``REVIEWGUARD_HOME``:

- ``reload-requested``: its modification time is the request.  Each worker checks it once a
  second (one ``stat``) and reloads when it changed.
- ``<pid>.json``: the model versions each worker is serving, rewritten after every check.  The
  worker that took the admin call waits until every live worker reports the new versions, so
  that when the call answers, every request that follows is scored by the new models.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class WorkerSync:
    """The coordination folder of the workers sharing one ``home``."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "serving-workers"
        self.marker = self.folder / "reload-requested"

    def marker_time(self) -> int:
        """Modification time of the reload request (0 when there has been none)."""
        try:
            return self.marker.stat().st_mtime_ns
        except OSError:
            return 0

    def request_reload(self) -> None:
        """Ask every worker to check the champions now."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(f"{time.time():.6f}\n", encoding="utf-8")

    def report(self, versions: dict[str, Any]) -> None:
        """Record the versions this process serves (written whole, then renamed into place)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            mine = self.folder / f"{os.getpid()}.json"
            partial = mine.with_suffix(".tmp")
            partial.write_text(json.dumps(versions, sort_keys=True), encoding="utf-8")
            partial.replace(mine)
        except OSError as exc:  # a read-only home only loses the cross-worker wait
            log.warning("cannot record this worker's model versions in %s: %s", self.folder, exc)

    def workers(self) -> dict[int, dict[str, Any] | None]:
        """Versions reported by each live worker (None if unreadable); files of dead ones are removed."""
        found: dict[int, dict[str, Any] | None] = {}
        for path in self.folder.glob("*.json"):
            try:
                pid = int(path.stem)
            except ValueError:
                continue
            if not pid_alive(pid):
                path.unlink(missing_ok=True)
                continue
            try:
                found[pid] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                found[pid] = None
        return found

    def wait_until_all_serve(self, versions: dict[str, Any], timeout: float) -> tuple[int, int]:
        """Wait until every live worker reports ``versions``: (workers serving them, workers)."""
        deadline = time.monotonic() + timeout
        while True:
            reported = self.workers()
            serving = sum(1 for found in reported.values() if found == versions)
            if serving == len(reported) or time.monotonic() >= deadline:
                return serving, len(reported)
            time.sleep(0.1)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (signal 0 probes without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True
