"""Keep every worker process of a server on the same champion models.

``bentoml serve`` runs several worker processes (``REVIEWGUARD_WORKERS``) behind one socket, and
``POST /v1/admin/reload`` reaches only the worker that accepted it.  Workers coordinate through
a small folder in ``REVIEWGUARD_HOME``, one per server: ``serving-workers/server-<pid>``, named
after the server's arbiter process (the parent of all its workers).  Two servers sharing one
home (say on two ports) must neither reload each other nor wait for each other's workers.

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
import shutil
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def sync_root(home: Path) -> Path:
    """The folder holding every server's coordination folder (and the connection tables)."""
    return home / "serving-workers"


class WorkerSync:
    """The coordination folder of the workers of one server (``server``: its arbiter's pid).

    The default, this process's parent, is the arbiter in a BentoML worker.
    """

    def __init__(self, home: Path, server: int | None = None) -> None:
        self.server = os.getppid() if server is None else server
        self.root = sync_root(home)
        self.folder = self.root / f"server-{self.server}"
        self.marker = self.folder / "reload-requested"

    def remove_stopped_servers(self) -> None:
        """Delete the folders of servers whose arbiter has exited (a new folder per server start)."""
        for folder in self.root.glob("server-*"):
            try:
                pid = int(folder.name.removeprefix("server-"))
            except ValueError:
                continue
            if pid != self.server and not pid_alive(pid):
                shutil.rmtree(folder, ignore_errors=True)

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
