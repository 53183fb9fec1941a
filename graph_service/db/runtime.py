"""The managed local Neo4j server.

When ``NEO4J_URI`` is unset the service runs its own Neo4j Community server: the real
server (its own entry point, ``org.neo4j.server.CommunityEntryPoint``) assembled from
Maven Central artifacts into the state folder, bound to 127.0.0.1 only, with a password
generated on first start. Docker is the deployment path; this is how development
machines and CI get a real server without it.

Layout under ``$GRAPH_SERVICE_HOME/neo4j/``::

    lib/        the server's jars (copied once by Maven, reused by every later start)
    conf/       neo4j.conf, written at each start from the settings
    data/       the store; persists across restarts
    logs/       neo4j.log, debug.log, console.log (the JVM's own output)
    run/        pid file
    password    the generated password of user ``neo4j`` (mode 0600)
    server.json the remembered Bolt port
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from graph_service.db import cypher
from graph_service.settings import NEO4J_VERSION, Settings

POM = Path(__file__).with_name("neo4j-runtime.pom.xml")
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
MIN_JAVA = 17


class RuntimeProblem(RuntimeError):
    """A problem with the managed server, with a hint for the user."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass
class Status:
    running: bool
    managed: bool
    uri: str | None
    version: str | None = None
    edition: str | None = None
    pid: int | None = None
    home: str | None = None
    #: For a ``neo4j://`` URI: the addresses the server routes reads, writes and routing to.
    routing: dict[str, list[str]] | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def java_major(java: str) -> int:
    """Major version of the ``java`` executable (8 for 1.8, 17 for 17.0.15)."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not found:
        raise RuntimeProblem(f"could not read the version of {java}", "check that it is a Java runtime")
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def find_java() -> str:
    """The ``java`` to use (``$JAVA_HOME/bin/java``, else the PATH), checked to be 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise RuntimeProblem(
            "Java is not installed (no java on PATH or in JAVA_HOME)",
            f"install a Java {MIN_JAVA} runtime, e.g. `apt-get install openjdk-17-jre-headless`",
        )
    major = java_major(java)
    if major < MIN_JAVA:
        raise RuntimeProblem(
            f"Java {major} at {java} is too old: Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA} or newer",
            f"install Java {MIN_JAVA} and put it first on PATH or set JAVA_HOME",
        )
    return java


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server binds: connections left in TIME_WAIT by its last run do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _process_alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child and has exited
    except ChildProcessError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class ManagedNeo4j:
    """The local Neo4j server of one state folder (``settings.home``)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.root = settings.home / "neo4j"
        self.lib = self.root / "lib"
        self.conf = self.root / "conf"
        self.data = self.root / "data"
        self.logs = self.root / "logs"
        self.run_dir = self.root / "run"
        self.pid_file = self.run_dir / "graph-service-neo4j.pid"
        self.password_file = self.root / "password"
        self.state_file = self.root / "server.json"

    # -- what clients need -------------------------------------------------------------
    @property
    def port(self) -> int | None:
        try:
            return int(json.loads(self.state_file.read_text())["bolt_port"])
        except (OSError, ValueError, KeyError):
            return None

    @property
    def uri(self) -> str | None:
        return f"bolt://127.0.0.1:{self.port}" if self.port else None

    @property
    def password(self) -> str:
        if not self.password_file.exists():
            raise RuntimeProblem(
                f"the managed Neo4j in {self.root} has not been set up", "run `graph-service neo4j start`"
            )
        return self.password_file.read_text().strip()

    # -- install -----------------------------------------------------------------------
    def installed(self) -> bool:
        return (self.lib / f"neo4j-{NEO4J_VERSION}.jar").exists()

    def install(self) -> None:
        """Copy the server's jars from Maven Central (or the local Maven cache) once."""
        if self.installed():
            return
        mvn = shutil.which("mvn")
        if not mvn:
            raise RuntimeProblem(
                "Maven (mvn) is needed once to fetch the Neo4j server from Maven Central",
                "install it with `apt-get install maven`, or set NEO4J_URI to use an existing server",
            )
        work = self.root / "assemble"
        work.mkdir(parents=True, exist_ok=True)
        (work / "pom.xml").write_text(POM.read_text().replace("${neo4j.version}", NEO4J_VERSION))
        staging = self.root / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        done = subprocess.run(
            [mvn, "-B", "-q", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
             f"-DoutputDirectory={staging}"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise RuntimeProblem(
                f"could not fetch Neo4j {NEO4J_VERSION} from Maven Central:\n{(done.stdout + done.stderr)[-3000:]}",
                "check the connection to Maven Central, or set NEO4J_URI to use an existing server",
            )
        shutil.rmtree(self.lib, ignore_errors=True)
        staging.rename(self.lib)  # only a complete copy is ever called lib/
        shutil.rmtree(work, ignore_errors=True)

    # -- lifecycle ---------------------------------------------------------------------
    def _pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if not _process_alive(pid):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return None
        # A recycled pid is not our server.
        return pid if ENTRY_POINT in cmdline and str(self.root) in cmdline else None

    def _choose_port(self) -> int:
        configured = self.settings.neo4j_bolt_port
        if configured:
            if not port_is_free(configured):
                raise RuntimeProblem(
                    f"port {configured} on 127.0.0.1 is already in use, so Neo4j cannot listen there",
                    "stop what uses it (`ss -ltnp | grep :%d`) or set NEO4J_BOLT_PORT to another port, "
                    "or unset it to pick a free one" % configured,
                )
            return configured
        remembered = self.port
        if remembered and port_is_free(remembered):
            return remembered
        return free_port()

    def _check_store_lock(self) -> None:
        """Refuse to start when another process holds the store (Neo4j's own lock file)."""
        lock = self.data / "databases" / "store_lock"
        if not lock.exists():
            return
        with open(lock, "r+b") as handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as err:
                if err.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                raise RuntimeProblem(
                    f"the store in {self.data} is locked by another process",
                    "another Neo4j (or neo4j-admin) is using this state folder; stop it first "
                    "(`graph-service neo4j stop`, or find it with `fuser -v %s`)" % lock,
                ) from None
            fcntl.lockf(handle, fcntl.LOCK_UN)

    def _write_conf(self, port: int) -> None:
        self.conf.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Written by graph-service at every start; edit the settings, not this file.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            f"server.memory.pagecache.size={self.settings.neo4j_pagecache}",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            # Query parameters carry personal data: keep them out of the server's logs.
            "db.logs.query.parameter_logging_enabled=false",
            f"server.directories.import={self.root / 'import'}",
        ]
        (self.conf / "neo4j.conf").write_text("\n".join(lines) + "\n")

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.root), "NEO4J_CONF": str(self.conf)}

    def _set_initial_password(self, java: str) -> None:
        if self.password_file.exists():
            return
        password = secrets.token_hex(24)  # hex: never starts with "-", which the admin tool would take for an option
        done = subprocess.run(
            [java, "-cp", f"{self.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", password],
            capture_output=True, text=True, env=self._env(),
        )
        if done.returncode != 0:
            raise RuntimeProblem(f"could not set the initial password:\n{done.stdout}{done.stderr}")
        self.password_file.touch(mode=0o600)
        self.password_file.write_text(password + "\n")

    def start(self) -> Status:
        """Start the server (if not running) and wait until it answers Cypher."""
        if self._pid():
            return self.status()
        java = find_java()
        port = self._choose_port()
        self.install()
        self._check_store_lock()
        for folder in (self.data, self.logs, self.run_dir, self.root / "import"):
            folder.mkdir(parents=True, exist_ok=True)
        self._write_conf(port)
        self._set_initial_password(java)
        self.state_file.write_text(json.dumps({"bolt_port": port, "neo4j_version": NEO4J_VERSION}) + "\n")
        heap = self.settings.neo4j_heap
        command = [
            java, f"-Xms{heap}", f"-Xmx{heap}",  # one fixed heap, as Neo4j's own tuning advice says
            "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+DisableExplicitGC",
            "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-cp", f"{self.lib}/*", ENTRY_POINT, f"--home-dir={self.root}", f"--config-dir={self.conf}",
        ]
        console = self.logs / "console.log"
        with open(console, "ab") as out:
            process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.root, env=self._env(), start_new_session=True,
            )
        self.pid_file.write_text(f"{process.pid}\n")
        self._wait_until_ready(process)
        return self.status()

    def _log_tail(self) -> str:
        return "\n".join(
            f"--- {path.name} (last lines) ---\n{tail}"
            for path in (self.logs / "neo4j.log", self.logs / "console.log")
            if (tail := _tail(path))
        )

    def _wait_until_ready(self, process: subprocess.Popen) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        deadline = time.monotonic() + self.settings.neo4j_start_timeout
        with GraphDatabase.driver(self.uri, auth=("neo4j", self.password), connection_timeout=2) as driver:
            while True:
                if process.poll() is not None:
                    self.pid_file.unlink(missing_ok=True)
                    raise RuntimeProblem(
                        f"Neo4j failed to start (exit status {process.returncode}).\n{self._log_tail()}",
                        f"read the full logs in {self.logs}",
                    )
                try:
                    with driver.session() as session:  # a plain session: no retries of its own
                        session.run(cypher.statement("server/ping")).consume()
                    return
                except (ServiceUnavailable, SessionExpired, OSError):
                    pass
                except AuthError as err:
                    raise RuntimeProblem(
                        f"Neo4j started but refused the stored password: {err}",
                        f"the store in {self.data} was created with another password; "
                        f"restore {self.password_file} or use a new GRAPH_SERVICE_HOME",
                    ) from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeProblem(
                        f"Neo4j did not answer within {self.settings.neo4j_start_timeout:.0f} s.\n{self._log_tail()}",
                        "raise NEO4J_START_TIMEOUT on a slow machine, or read the logs in %s" % self.logs,
                    )
                time.sleep(0.5)

    def stop(self, timeout: float = 90.0) -> bool:
        """Shut the server down cleanly; True if one was running."""
        pid = self._pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)  # Neo4j's shutdown hook checkpoints and closes the store
        deadline = time.monotonic() + timeout
        while _process_alive(pid):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                time.sleep(0.5)
                break
            time.sleep(0.2)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> Status:
        pid = self._pid()
        status = Status(running=False, managed=True, uri=self.uri, pid=pid, home=str(self.settings.home))
        if pid is None:
            return status
        from neo4j import GraphDatabase

        try:
            with GraphDatabase.driver(self.uri, auth=("neo4j", self.password), connection_timeout=3) as driver:
                status.version, status.edition = server_version(driver)
                status.running = True
        except Exception:  # a server that does not answer Cypher is not running for our purposes
            status.running = False
        return status


def routing_table(driver, database: str | None = None) -> dict[str, list[str]]:
    """The addresses of the server's routing table for ``database`` by role (``READ``,
    ``WRITE``, ``ROUTE``): with a ``neo4j://`` URI the driver sends the dashboard's read
    transactions to the ``READ`` addresses (a cluster's followers) and writes to ``WRITE``."""
    records, _, _ = driver.execute_query(cypher.statement("server/routing_table"), database=database,
                                         database_=database)
    return {record["role"]: sorted(record["addresses"]) for record in records}


def server_version(driver) -> tuple[str, str]:
    """The server's own reported version and edition."""
    records, _, _ = driver.execute_query(cypher.statement("server/version"))
    return records[0]["version"], records[0]["edition"]
