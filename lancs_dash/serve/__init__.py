"""Serve a crowd: several Streamlit processes behind HAProxy, with nginx serving the published files.

    python -m lancs_dash.serve [--workers N] [--port P] [--host H] [--max-sessions S]

One Streamlit process is one Python interpreter, so a crowd needs several. This starts, in the
foreground, N `streamlit run app.py` processes on private loopback ports (each loads the published page
models before it listens: lancs_dash/serve/app_process.py), nginx on another private
port for the files the loader publishes (static/extracts, static/plain), and HAProxy on the public
address in front of them. Ctrl-C (or SIGTERM) stops everything it started; an app process that dies
is started again on its port. All processes share one `server.cookieSecret`. A data refresh
(`python -m lancs_dash.refresh`) needs no restart: each app process loads the new release in the background
and switches to it when loaded, and nginx serves the new files from the next request.

Why two established servers rather than one: HAProxy inserts a session-affinity cookie, checks each
process's /_stcore/health and routes on its state natively (nginx open source has passive checks
only and no sticky cookie), but it cannot serve a folder of files; nginx serves files well.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import websockets

from lancs_dash.config import DEFAULT_DB, PROJECT_ROOT
from lancs_dash.publish.first_start import ensure_database
from lancs_dash.serve.edge import DEFAULT_EDGE, WINDOW_S, Edge, content_security_policy
from lancs_dash.site import PAGES

HERE = Path(__file__).resolve().parent
STATIC_DIR = PROJECT_ROOT / "static"
MIME_TYPES = Path("/etc/nginx/mime.types")
RESTART_DELAY_S = 1.0
_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=False,
                                undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def haproxy_config(bind: str, app_ports: list[int], static_port: int, max_sessions: int,
                   stats_socket: Path | None = None, edge: Edge = DEFAULT_EDGE) -> str:
    return _templates.get_template("haproxy.cfg.j2").render(
        bind=bind, app_servers=[(f"app{i + 1}", f"127.0.0.1:{p}") for i, p in enumerate(app_ports)],
        static_address=f"127.0.0.1:{static_port}", max_sessions=max_sessions, stats_socket=stats_socket,
        edge=edge, window_s=WINDOW_S, download_bytes=round(edge.download_mb * 1_000_000),
        https_port=int(bind.rsplit(":", 1)[1]), csp=content_security_policy(edge.frame_ancestors))


def nginx_config(run_dir: Path, static_port: int, static_dir: Path = STATIC_DIR) -> str:
    # Started by root, nginx's workers would switch to a user that may not read the checkout (a home
    # folder); on a shared server, run this as an ordinary user or use deploy/ instead.
    user = "root root" if os.geteuid() == 0 else ""
    return _templates.get_template("nginx.conf.j2").render(
        user=user, run_dir=run_dir, mime_types=MIME_TYPES, listen=f"127.0.0.1:{static_port}", static_dir=static_dir)


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the supervisor dies, so nothing is left running."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Child:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    restarts: int = 0

    @property
    def port(self) -> int | None:
        return int(self.argv[self.argv.index("--server.port") + 1]) if "--server.port" in self.argv else None

    def start(self) -> None:
        # Own session: Ctrl-C reaches only the supervisor, which then stops the children in order.
        self.proc = subprocess.Popen(self.argv, cwd=PROJECT_ROOT, env={**os.environ, **self.env},
                                     stdout=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=_die_with_parent)

    def exited(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()


def warm(port: int, timeout_s: float = 120) -> bool:
    """Draw every page once in a new process, as a visitor would, so the first real visitors find what each page
    works out on its first view already made (and app.py's navigation in force: see ui/store.py)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.25)
    try:
        with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], origin=base,
                     max_size=None, open_timeout=10) as ws:
            for page in PAGES:
                msg = BackMsg()
                msg.rerun_script.page_name = page.url_path
                ws.send(msg.SerializeToString())
                while True:
                    fm = ForwardMsg()
                    fm.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
                    if (fm.WhichOneof("type") == "script_finished"
                            and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                        break
        return True
    except (OSError, TimeoutError, websockets.exceptions.WebSocketException):
        return False


def haproxy_command(socket_path: Path, command: str, timeout_s: float = 30) -> str:
    """One command to HAProxy's runtime API (its admin socket), waiting for HAProxy to be listening."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(str(socket_path))
                s.sendall(command.encode() + b"\n")
                return s.makefile().read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def app_argv(port: int) -> list[str]:
    """An app process (lancs_dash/serve/app_process.py: it loads its release before it listens)."""
    return [sys.executable, "-m", "lancs_dash.serve.app_process", "--server.port", str(port), "--server.address",
            "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
            "--server.runOnSave", "false", "--browser.gatherUsageStats", "false"]


class Supervisor:
    """Starts the children, restarts an app process that dies, and stops them all on request."""

    def __init__(self, workers: int, host: str, port: int, max_sessions: int, db: Path, edge: Edge = DEFAULT_EDGE):
        for tool in ("haproxy", "nginx"):
            if shutil.which(tool) is None:
                raise SystemExit(f"error: {tool} is not installed (apt-get install haproxy nginx)")
        self.run_dir = Path(tempfile.mkdtemp(prefix="lancs-serve-"))
        self.public = f"{host}:{port}"
        self.scheme = "https" if edge.tls_cert else "http"  # as a visitor types it
        secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_urlsafe(32)
        env = {"LANCS_DASH_DB": str(db), "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        static_port = free_port()
        self.apps = [Child(f"app{i + 1}", app_argv(free_port()), env) for i in range(workers)]
        app_ports = [c.port for c in self.apps]
        cfg, conf = self.run_dir / "haproxy.cfg", self.run_dir / "nginx.conf"
        cfg.write_text(haproxy_config(self.public, app_ports, static_port, max_sessions,
                                      self.run_dir / "haproxy.sock", edge))
        conf.write_text(nginx_config(self.run_dir, static_port))
        self.static = Child("nginx", ["nginx", "-c", str(conf), "-p", str(self.run_dir), "-e", "stderr",
                                      "-g", "daemon off;"])
        self.proxy = Child("haproxy", ["haproxy", "-db", "-f", str(cfg)])
        self.stopping = False

    @property
    def children(self) -> list[Child]:
        return [self.static, *self.apps, self.proxy]

    def _start(self, c: Child) -> None:
        c.start()
        if c in self.apps:
            threading.Thread(target=self._into_rotation, args=(c,), daemon=True).start()

    def _into_rotation(self, c: Child) -> None:
        """Put an app process in HAProxy's rotation once it has drawn every page (if it cannot, it is put in
        anyway: its health check decides)."""
        warm(c.port)
        haproxy_command(self.run_dir / "haproxy.sock", f"enable server app/{c.name}")

    def _stop_signal(self, signum: int, _frame) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self._stop_signal)
        signal.signal(signal.SIGTERM, self._stop_signal)
        try:
            for c in self.children:
                self._start(c)
            print(f"Serving the dashboard at {self.scheme}://{self.public}/ with {len(self.apps)} app process"
                  f"{'es' if len(self.apps) != 1 else ''} (pids {', '.join(str(a.proc.pid) for a in self.apps)}), "
                  "HAProxy and nginx. Press Ctrl-C to stop.", flush=True)
            return self._watch()
        finally:
            self._stop_all()

    def _watch(self) -> int:
        while not self.stopping:
            for c in self.children:
                code = c.exited()
                if code is None or self.stopping:
                    continue
                if c in (self.proxy, self.static):  # without these nothing is served: stop, say why
                    print(f"{c.name} stopped (exit {code}); stopping everything.", file=sys.stderr, flush=True)
                    return 1
                print(f"{c.name} (pid {c.proc.pid}) stopped (exit {code}); starting it again.", file=sys.stderr,
                      flush=True)
                haproxy_command(self.run_dir / "haproxy.sock", f"disable server app/{c.name}")  # until warm again
                time.sleep(RESTART_DELAY_S)
                c.restarts += 1
                self._start(c)
            time.sleep(0.2)
        return 0

    def _stop_all(self) -> None:
        for c in (self.proxy, *self.apps, self.static):  # no new traffic first
            c.stop()
        deadline = time.monotonic() + 15
        for c in self.children:
            if c.proc is None:
                continue
            try:
                c.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                c.proc.kill()
                c.proc.wait()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def serve(workers: int, host: str, port: int, max_sessions: int, db: Path = DEFAULT_DB, edge: Edge = DEFAULT_EDGE) -> int:
    """Prepare the database and published files once, then supervise the servers until stopped."""
    ensure_database(db, check_models=True)  # once, here, rather than racing in N processes on a fresh checkout
    return Supervisor(workers, host, port, max_sessions, db, edge).run()
