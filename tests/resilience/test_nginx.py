"""deploy/nginx.conf in front of gunicorn: slow clients no longer stall other visitors.

The shipped file is rendered with this test's ports and paths (its @@PLACEHOLDERS@@) and
run by Debian's nginx (`make test` installs it) with its own prefix, pid and temp
directories, in front of gunicorn with 2 sync workers, as in production. Three clients
trickling a POST body at one byte a second block both workers when they reach gunicorn
directly; through nginx, which reads bodies before passing them on, /healthz answers at once.
"""

import contextlib
import getpass
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.resilience.conftest import BASE_DIR, Gunicorn, app_env, free_port, stop, wait_for_port

pytestmark = pytest.mark.django_db

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
CONFIG = BASE_DIR / "deploy" / "nginx.conf"
STEP = "/questionnaire/step/company/"
MB = 1024 * 1024
# A CSRF cookie of the right shape, so Django reads the body to look for the form's token.
CSRF_COOKIE = "csrftoken=" + "a" * 32


def _client_tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    return context


def render_config(tmp_path, **values):
    text = CONFIG.read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", str(value))
    directives = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    left = [line for line in directives if "@@" in line]
    assert not left, f"placeholders of deploy/nginx.conf not filled in: {left}"
    # Test only: temporary files and logs under tmp_path, not /var/lib/nginx.
    isolation = "".join(
        f"    {kind}_temp_path {tmp_path}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    isolation += f"    access_log {tmp_path}/access.log;\n"
    text = text.replace("http {\n", "http {\n" + isolation, 1)
    path = tmp_path / "nginx.conf"
    path.write_text(text)
    return path


class Nginx:
    def __init__(self, tmp_path, app_port, static_root, media_root):
        if not (os.path.exists(NGINX) or shutil.which(NGINX)):
            # Never skip: `make test` installs Debian's nginx (Makefile target `nginx`).
            pytest.fail(f"nginx not found at {NGINX}: install Debian's 'nginx-light' package.")
        if not shutil.which("openssl"):
            pytest.fail("openssl not found: install Debian's 'openssl' package.")
        certificate, key = tmp_path / "tls.crt", tmp_path / "tls.key"
        subprocess.run(  # noqa: S603 - fixed arguments
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt"]
            + ["ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
            + ["-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )
        self.http_port, self.https_port = free_port(), free_port()
        config = render_config(
            tmp_path,
            USER=getpass.getuser(),
            SERVER_NAME="127.0.0.1 localhost",
            HTTP_PORT=self.http_port,
            HTTPS_PORT=self.https_port,
            TLS_CERTIFICATE=certificate,
            TLS_KEY=key,
            APP_SERVER=f"127.0.0.1:{app_port}",
            STATIC_ROOT=static_root,
            MEDIA_ROOT=media_root,
        )
        self.error_log = tmp_path / "error.log"
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [NGINX, "-p", str(tmp_path), "-c", str(config), "-e", str(self.error_log)]
            + ["-g", f"daemon off; pid {tmp_path}/nginx.pid;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(self.https_port, self.process, "nginx", timeout=10)
        except RuntimeError:
            log = self.error_log.read_text() if self.error_log.exists() else ""
            raise RuntimeError(f"nginx did not start:\n{log}") from None

    def stop(self):
        stop(self.process)


@pytest.fixture
def site_roots(tmp_path):
    static_root, media_root = tmp_path / "static", tmp_path / "media"
    (static_root / "css").mkdir(parents=True)
    (static_root / "css" / "probe.css").write_text("body { color: #123456; }\n")
    (media_root / "companies" / "logos").mkdir(parents=True)
    (media_root / "companies" / "logos" / "probe.png").write_bytes(b"\x89PNG probe")
    (media_root / "events" / "materials").mkdir(parents=True)
    (media_root / "events" / "materials" / "draft.pdf").write_bytes(b"%PDF- unpublished")
    return static_root, media_root


@pytest.fixture
def stack(tmp_path, site_roots):
    """gunicorn (2 sync workers) and nginx in front of it, as deploy/nginx.conf says."""
    app = Gunicorn(app_env(), workers=2)
    try:
        proxy = Nginx(tmp_path, app.port, *site_roots)
    except BaseException:
        app.stop()
        raise
    yield app, proxy
    proxy.stop()
    app.stop()


def https_request(port, path, method="GET", headers=None, timeout=5):
    connection = http.client.HTTPSConnection(
        "127.0.0.1", port, timeout=timeout, context=_client_tls()
    )
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def http_request(port, path, timeout=5):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def open_socket(port, tls):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        sock = _client_tls().wrap_socket(sock, server_hostname="localhost")
    return sock


def post_headers(path, length, tls):
    # Same origin and a CSRF cookie: Django's CSRF check gets as far as reading the body.
    origin = f"{'https' if tls else 'http'}://127.0.0.1"
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {origin}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {length}\r\nCookie: {CSRF_COOKIE}\r\n\r\n"
    ).encode()


class SlowClients:
    """Sockets sending a 1,000-byte POST body one byte a second."""

    def __init__(self, port, tls, count=3):
        self.stopped = threading.Event()
        self.sockets = [open_socket(port, tls) for _ in range(count)]
        for sock in self.sockets:
            sock.sendall(post_headers(STEP, 1000, tls))
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        while not self.stopped.wait(1):
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"a")

    def all_waiting(self):
        """No answer yet: each is still sending its body."""
        for sock in self.sockets:
            sock.settimeout(0.2)
            try:
                if sock.recv(64):
                    return False
            except (TimeoutError, ssl.SSLWantReadError):
                continue
        return True

    def close(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        for sock in self.sockets:
            sock.close()


def healthz_seconds(request):
    started = time.monotonic()
    status, _headers, body = request()
    assert status == 200, body
    return time.monotonic() - started


def wait_until_healthy(url, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            http_request(int(url.rsplit(":", 1)[1]), "/healthz", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_slow_clients_stall_bare_gunicorn_but_not_the_site_behind_nginx(stack):
    app, proxy = stack
    # Without the proxy: three slow posts take both sync workers; /healthz times out.
    slow = SlowClients(app.port, tls=False)
    try:
        time.sleep(1.5)
        assert slow.all_waiting()
        with pytest.raises(TimeoutError):
            http_request(app.port, "/healthz", timeout=3)
    finally:
        slow.close()
    wait_until_healthy(app.url)

    # Through nginx: it holds the slow bodies itself; every other visitor is served at once.
    slow = SlowClients(proxy.https_port, tls=True, count=6)
    try:
        time.sleep(2)
        assert slow.all_waiting()
        timings = [
            healthz_seconds(lambda: https_request(proxy.https_port, "/healthz", timeout=5))
            for _ in range(5)
        ]
        # About a TLS handshake and a query; 1.5 s leaves room for a busy CI machine.
        assert max(timings) < 1.5, timings
        status, _headers, _body = https_request(proxy.https_port, "/", timeout=5)
        assert status == 200
        assert slow.all_waiting()
    finally:
        slow.close()


def _status_of_declared_post(port, path, length, tls, send=b""):
    with open_socket(port, tls) as sock:
        sock.sendall(post_headers(path, length, tls) + send)
        sock.settimeout(5)
        return int(sock.recv(64).split(b" ", 2)[1])


def test_body_limits_in_nginx_and_in_the_app(stack):
    app, proxy = stack
    # nginx refuses a 150 MB anonymous post from its Content-Length; nothing is sent on.
    assert _status_of_declared_post(proxy.https_port, STEP, 150 * MB, tls=True) == 413
    assert _status_of_declared_post(proxy.https_port, STEP, MB + 1, tls=True) == 413
    # The admin takes uploads up to 60 MB (this one then fails its CSRF check: 403).
    admin = "/admin/login/"
    assert _status_of_declared_post(proxy.https_port, admin, 61 * MB, tls=True) == 413
    two_mb = b"a" * (2 * MB)
    assert _status_of_declared_post(proxy.https_port, admin, 2 * MB, tls=True, send=two_mb) == 403
    # Straight to gunicorn, the app refuses it too, without waiting for a byte of the body.
    started = time.monotonic()
    assert _status_of_declared_post(app.port, STEP, 150 * MB, tls=False) == 413
    assert time.monotonic() - started < 5


def test_static_files_public_media_gzip_and_the_plain_http_port(stack, site_roots):
    _app, proxy = stack
    status, headers, body = https_request(proxy.https_port, "/static/css/probe.css")
    assert (status, body) == (200, b"body { color: #123456; }\n")
    assert "immutable" in headers["Cache-Control"]
    status, _headers, body = https_request(proxy.https_port, "/media/companies/logos/probe.png")
    assert (status, body) == (200, b"\x89PNG probe")
    # Event materials exist on disk but only the app's download view may serve them.
    assert https_request(proxy.https_port, "/media/events/materials/draft.pdf")[0] == 404
    status, headers, _body = https_request(
        proxy.https_port, "/", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "Server" not in headers or "/" not in headers["Server"]  # no version shown
    # Plain HTTP: redirected, except the load balancer's health check.
    status, headers, _body = http_request(proxy.http_port, "/events/")
    assert status == 301
    assert headers["Location"].startswith("https://")
    assert http_request(proxy.http_port, "/healthz")[0] == 200


def test_the_shipped_file_keeps_its_placeholders():
    text = Path(CONFIG).read_text()
    for name in ("SERVER_NAME", "APP_SERVER", "STATIC_ROOT", "MEDIA_ROOT", "TLS_CERTIFICATE"):
        assert f"@@{name}@@" in text
