"""Results worked out once for every worker process of the dashboard, kept in the state folder.

Each of ``graph-service serve``'s processes keeps what it has worked out in its own memory
(:mod:`graph_service.web.processes`). For an answer that takes minutes at a region's size (a
hot spot layer: 100 s; today's candidate list: 130 s), working it out again in every process doubled
the machine's work while pages waited, and made a request that reached the second process wait
for its own copy. So the first process to need an answer takes a file lock for it and works it
out; the others wait on the lock (or, given ``wait``, say :class:`Busy` once it is over) and
then read what it wrote. The hot spot layers (:mod:`.hotspots_layers`), the partners' network
summaries (:func:`.networks.partners`) and the kept results (:mod:`.kept_results`: the
candidate list, the problem profiles, the review dates' setting after a change of policy) use it when the app has a store
(:func:`share`, which ``serve`` calls in each worker).

Each server has a folder of its own in the state folder (:func:`server_folder`, mode 0700,
removed when the server stops, or by the next server started if it was killed) and a signing
key of its own, made as it starts and held only in its memory. A result is written whole under
a temporary name and renamed into place (mode 0600), signed with an HMAC under that key: a file
this server did not write is never unpickled, only removed. A result is read for at most
``keep_seconds`` after it was written; older files are removed whenever a new one is written,
and the folder when the server stops.

>>> import tempfile
>>> folder = tempfile.TemporaryDirectory()
>>> made = []
>>> shared = SharedResults(pathlib.Path(folder.name), b"k" * 32, keep_seconds=60)
>>> shared.get(("squares", 3), lambda: made.append(3) or 9), shared.get(("squares", 3), lambda: 0), made
(9, 9, [3])
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import logging
import os
import pathlib
import pickle
import shutil
import tempfile
import time
from datetime import datetime
from typing import Any, Callable

log = logging.getLogger(__name__)

#: The name of a server's folder: this prefix, the server's process ID, a dash and random letters.
FOLDER_PREFIX = "shared-results-"
#: How often a process waiting with a time limit tries the lock again.
_POLL_SECONDS = 0.2


class Busy(Exception):
    """Another process has been working the answer out since ``since`` (local time), for longer
    than the caller would wait."""

    def __init__(self, since: datetime):
        super().__init__(f"being worked out by another process since {since:%H:%M}")
        self.since = since


class SharedResults:
    """Answers kept as signed files in ``folder`` (made 0700 if missing), by key.

    Attributes: ``folder``, ``keep_seconds`` (the longest a written answer is read, each caller
    may ask for less; the version of the records it was worked out on belongs in the key).
    """

    def __init__(self, folder: pathlib.Path, secret: bytes, keep_seconds: float):
        self.folder, self._secret, self.keep_seconds = pathlib.Path(folder), secret, keep_seconds
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def get(self, key: tuple, make: Callable[[], Any], wait: float | None = None,
            fresh_for: float | None = None) -> Any:
        """The answer kept for ``key`` (a tuple with a stable ``repr``, first what it is), else
        ``make()``'s, worked out here unless another process is already at it. ``wait``: at most
        this many seconds for that process, then :class:`Busy` (None: as long as it takes).
        ``fresh_for``: read a kept answer only this many seconds after it was written (at most
        ``keep_seconds``)."""
        name = hashlib.sha256(repr(key).encode()).hexdigest()[:40]
        fresh_for = min(fresh_for or self.keep_seconds, self.keep_seconds)
        kept = self._read(name, fresh_for)
        if kept is not None:
            return kept[0]
        fd = os.open(self.folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _lock(fd, wait):
                raise Busy(_since(fd))
            try:
                kept = self._read(name, fresh_for)  # written by the process that held the lock
                if kept is not None:
                    return kept[0]
                os.ftruncate(fd, 0)
                os.pwrite(fd, datetime.now().isoformat().encode(), 0)
                began = time.monotonic()
                answer = make()
                self._write(name, answer)
                log.info("%s worked out in %.1f s for every worker", key[0], time.monotonic() - began)
                return answer
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _read(self, name: str, fresh_for: float) -> tuple[Any] | None:
        path = self.folder / f"{name}.pickle"
        try:
            if time.time() - path.stat().st_mtime >= fresh_for:
                return None
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        signature, payload = data[:32], data[32:]
        if not hmac.compare_digest(signature, self._sign(payload)):
            log.warning("%s: not signed by this server; removed, and worked out again", path)
            path.unlink(missing_ok=True)
            return None
        return (pickle.loads(payload),)

    def _write(self, name: str, answer: Any) -> None:
        payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = self.folder / f"{name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(self._sign(payload))
                out.write(payload)
            os.replace(tmp, self.folder / f"{name}.pickle")
        finally:
            tmp.unlink(missing_ok=True)
        self._sweep()

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()

    def _sweep(self) -> None:
        """Remove the answers (and their locks) older than ``keep_seconds``: a lock removed while
        a process waits on it costs at most one answer worked out twice."""
        limit = time.time() - self.keep_seconds
        for path in self.folder.iterdir():
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except FileNotFoundError:
                continue


#: The longest a shared answer is read (a hot spot layer, a candidate list or a profile asks for
#: 10 minutes or less).
KEEP_SECONDS = 600


def share(app, folder: pathlib.Path, secret: bytes) -> None:
    """Let ``app`` work its slow answers out once with every other app given the same ``folder``
    and ``secret`` (:class:`~graph_service.web.processes.Dashboard` does, in each worker)."""
    app.extensions["shared_results"] = SharedResults(folder, secret, keep_seconds=KEEP_SECONDS)


def of(app) -> SharedResults | None:
    """The store ``app`` shares its slow answers in, None when it works them out alone."""
    return app.extensions.get("shared_results")


def server_folder(home: pathlib.Path) -> pathlib.Path:
    """A new folder (0700) in the state folder ``home`` for the server of this process to share
    results in. The folders of servers no longer running (killed before they could remove their
    own) are removed first."""
    for old in pathlib.Path(home).glob(f"{FOLDER_PREFIX}*"):
        pid = old.name[len(FOLDER_PREFIX):].split("-")[0]
        if not pid.isdigit() or not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return pathlib.Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-", dir=home))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _lock(fd: int, wait: float | None) -> bool:
    if wait is None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return True
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(min(_POLL_SECONDS, max(0.0, deadline - time.monotonic())))


def _since(fd: int) -> datetime:
    try:
        return datetime.fromisoformat(os.pread(fd, 64, 0).decode())
    except ValueError:
        return datetime.now()
