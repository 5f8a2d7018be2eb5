"""Cross-worker reload coordination is scoped to one server, even when servers share a home."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from serving.worker_sync import WorkerSync

VERSIONS = {"review": {"name": "reviewguard-review", "version": 1}}


def test_a_reload_request_reaches_only_the_workers_of_the_same_server(tmp_path):
    # Two servers on one REVIEWGUARD_HOME, told apart by their arbiter (the workers' parent).
    first, first_peer, second = WorkerSync(tmp_path, 1001), WorkerSync(tmp_path, 1001), WorkerSync(tmp_path, 1002)
    first.request_reload()
    assert first_peer.marker_time() > 0
    assert second.marker_time() == 0


def test_workers_of_another_server_are_not_waited_for(tmp_path):
    first, second = WorkerSync(tmp_path, os.getpid()), WorkerSync(tmp_path, os.getppid())
    second.report({"review": {"name": "reviewguard-review", "version": 7}})
    first.report(VERSIONS)
    assert first.workers() == {os.getpid(): VERSIONS}
    assert first.wait_until_all_serve(VERSIONS, timeout=0) == (1, 1)


def test_processes_with_different_parents_are_different_servers(tmp_path):
    # The default scope (no server given): a process started by this one has another parent,
    # as the workers of another `bentoml serve` do.
    code = textwrap.dedent(f"""
        from pathlib import Path
        from serving.worker_sync import WorkerSync
        sync = WorkerSync(Path({str(tmp_path)!r}))
        sync.request_reload()
        sync.report({{"review": {{"name": "reviewguard-review", "version": 7}}}})
    """)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=os.getcwd())
    here = WorkerSync(tmp_path)
    assert here.marker_time() == 0
    assert here.workers() == {}


def test_folders_of_stopped_servers_are_removed(tmp_path):
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # a pid no process has any more
    stale = WorkerSync(tmp_path, finished.pid)
    stale.request_reload()
    running = WorkerSync(tmp_path, os.getpid())
    running.request_reload()
    WorkerSync(tmp_path, os.getppid()).remove_stopped_servers()
    assert not stale.folder.exists()
    assert running.marker.exists()
