"""fetch.py against a real HTTP server on 127.0.0.1 and a fake internet.

Nothing here reaches the internet: ``net`` (autouse) replaces name resolution
with a table and puts a firewall in front of urllib3's connect, which lets
through only loopback and the "public" addresses routed to the local server.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import urllib3.util.connection

from claims.ingest import fetch as fetch_module
from claims.ingest.fetch import (
    BlockedAddress,
    ConnectError,
    Fetched,
    FetchPolicy,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    NotHTML,
    TLSError,
    TooLarge,
    TooManyRedirects,
    UnknownHost,
    fetch,
    post_json,
    validate_url,
)

LOCAL = FetchPolicy(allow_private=True, total_timeout=10)
PUBLIC_IP = "93.184.215.14"  # stands for a site on the internet; routed locally
UNROUTED_IP = "93.184.215.99"  # a public address the firewall does not route
MB = 1024 * 1024

# Built once: 50 MB of zeros, about 50 KB gzipped.
GZIP_BOMB = gzip.compress(b"\0" * (50 * MB), compresslevel=9)
PAGE_UTF8 = "<html><body><p>Grüße aus Zürich – “Zitat”</p></body></html>"
PAGE_1252 = (
    "<html><body><p>Le café de la gare, déjà fermé – “à Noël”.</p></body></html>"
)


# --- The local web server ---------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def send(
        self,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        length: bool = True,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(b"", status=status, headers={"Location": location})

    def drip(self, data: bytes) -> None:
        # One byte every 0.2 s for up to 30 s, so only the fetcher's own
        # deadline ends it early; stops when the client hangs up.
        try:
            for byte in data[:150].ljust(150, b"x"):
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        self.server.requests.append(path)
        port = self.server.server_address[1]
        if path == "/ok":
            self.send(PAGE_UTF8.encode("utf-8"))
        elif path == "/meta-1252":
            head = '<html><head><meta charset="windows-1252"></head>'
            self.send((head + PAGE_1252).encode("cp1252"), "text/html")
        elif path == "/meta-latin1":
            head = (
                '<html><head><meta http-equiv="Content-Type" '
                'content="text/html; charset=iso-8859-1"></head>'
            )
            body = "<body><p>L'Élysée a répondu à la presse.</p></body></html>"
            self.send((head + body).encode("iso-8859-1"), "text/html")
        elif path == "/no-charset-utf8":
            self.send(PAGE_UTF8.encode("utf-8"), "text/html")
        elif path == "/no-charset-1252":
            self.send(PAGE_1252.encode("cp1252"), "text/html")
        elif path == "/lying-utf8":
            self.send(PAGE_1252.encode("cp1252"), "text/html; charset=utf-8")
        elif path == "/stray-byte":
            body = b"<p>" + "Zürich ".encode() * 500 + b"\xff</p>"
            self.send(body, "text/html; charset=utf-8")
        elif path == "/unknown-charset":
            self.send(PAGE_UTF8.encode("utf-8"), "text/html; charset=x-klingon")
        elif path == "/no-type-html":
            self.send(b"<!DOCTYPE html><html><body>Hi</body></html>", None)
        elif path == "/no-type-binary":
            self.send(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None)
        elif path == "/pdf":
            self.send(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
        elif path == "/png":
            self.send(b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/big-declared":
            # Declares 5 MB and sends nothing: reading the body would hang
            # until the timeout, so only a refusal at the headers passes.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(5 * MB))
            self.end_headers()
            time.sleep(3)
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(32):
                    self.wfile.write(b"<p>" + b"x" * (64 * 1024) + b"</p>")
            except OSError:
                pass
        elif path == "/gzip-bomb":
            self.send(GZIP_BOMB, "text/html", headers={"Content-Encoding": "gzip"})
        elif path == "/gzip":
            body = gzip.compress(PAGE_UTF8.encode("utf-8"))
            self.send(body, headers={"Content-Encoding": "gzip"})
        elif path == "/deflate":
            body = zlib.compress(PAGE_UTF8.encode("utf-8"))
            self.send(body, headers={"Content-Encoding": "deflate"})
        elif path == "/deflate-raw":
            compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            body = compressor.compress(PAGE_UTF8.encode("utf-8")) + compressor.flush()
            self.send(body, headers={"Content-Encoding": "deflate"})
        elif path == "/br":
            self.send(b"\x1b\x00\x00", headers={"Content-Encoding": "br"})
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.drip(b"<html><body>")
        elif path == "/drip-headers":
            self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
            self.drip(b"a")
        elif path.startswith("/status/"):
            status = int(path.rsplit("/", 1)[1])
            self.send(b"<html><body>Error</body></html>", status=status)
        elif path == "/redirect-relative":
            self.redirect("ok")
        elif path == "/redirect-absolute":
            self.redirect(f"http://127.0.0.1:{port}/ok", status=301)
        elif path == "/redirect-to":
            self.redirect(query["url"][0])
        elif path == "/redirect-no-location":
            self.send(b"", status=302)
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect(f"/chain/{left - 1}" if left else "/ok")
        elif path == "/loop-a":
            self.redirect("/loop-b")
        elif path == "/loop-b":
            self.redirect(f"http://127.0.0.1:{port}/loop-a", status=307)
        else:
            self.send(b"<html><body>Not found</body></html>", status=404)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append(self.path)
        self.server.posts.append((self.path, dict(self.headers.items()), body))
        if self.path.startswith("/status/"):
            self.send(b"nope", "text/plain", status=int(self.path.rsplit("/", 1)[1]))
        elif self.path == "/redirect":
            self.redirect("/hook", status=307)
        else:
            self.send(b"received", "text/plain", status=202)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[str]
    posts: list[tuple[str, dict[str, str], bytes]]


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.requests = []
    httpd.posts = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def url(server: _Server) -> Callable[[str], str]:
    server.requests.clear()
    server.posts.clear()
    port = server.server_address[1]
    return lambda path, host="127.0.0.1": f"http://{host}:{port}{path}"


# --- The fake internet ------------------------------------------------------


@dataclass
class FakeNet:
    """Name table, connect log and routes standing in for DNS and the internet."""

    dns: dict[str, Callable[[], list[str]]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)
    connects: list[str] = field(default_factory=list)
    routes: set[str] = field(default_factory=lambda: {PUBLIC_IP})

    def add(self, name: str, *answers: list[str]) -> None:
        """``name`` resolves to answers[0], then answers[1]... (last one repeats)."""
        calls = iter(answers)
        last: list[str] = []

        def answer() -> list[str]:
            nonlocal last
            last = next(calls, last)
            return last

        self.dns[name] = answer


@pytest.fixture(autouse=True)
def net(monkeypatch: pytest.MonkeyPatch) -> FakeNet:
    fake = FakeNet()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = urllib3.util.connection.create_connection

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        host = host.decode() if isinstance(host, bytes) else host
        if host in fake.dns:
            fake.lookups.append(host)
            return [
                (
                    socket.AF_INET6 if ":" in ip else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (ip, port),
                )
                for ip in fake.dns[host]()
            ]
        # IP literals only: a name outside the table would be a real lookup.
        flags |= socket.AI_NUMERICHOST
        return real_getaddrinfo(host, port, family, type, proto, flags)

    def create_connection(address, *args, **kwargs):
        host, port = address
        fake.connects.append(host)
        if host in fake.routes:
            return real_connect(("127.0.0.1", port), *args, **kwargs)
        if host in ("127.0.0.1", "::1"):
            return real_connect(address, *args, **kwargs)
        raise ConnectionRefusedError(111, "Connection refused (test firewall)")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
    return fake


def fetch_error(url: str, policy: FetchPolicy = LOCAL) -> fetch_module.FetchError:
    with pytest.raises(fetch_module.FetchError) as info:
        fetch(url, policy)
    return info.value


# --- Pages and charsets -----------------------------------------------------


def test_it_fetches_html_with_header_charset(url):
    page = fetch(url("/ok"), LOCAL)
    assert isinstance(page, Fetched)
    assert page.url == url("/ok")
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert "Grüße aus Zürich – “Zitat”" in page.html
    assert page.raw == PAGE_UTF8.encode("utf-8")


def test_it_refuses_the_same_local_url_without_allow_private(url, server, net):
    error = fetch_error(url("/ok"), FetchPolicy())
    assert isinstance(error, BlockedAddress)
    assert not error.transient
    assert error.message == (
        "The address 127.0.0.1 is loopback (this machine); fetching it is not allowed."
    )
    assert net.connects == []
    assert server.requests == []


def test_it_decodes_windows_1252_named_in_meta_charset(url):
    page = fetch(url("/meta-1252"), LOCAL)
    assert page.charset == "cp1252"
    assert "Le café de la gare, déjà fermé – “à Noël”." in page.html


def test_it_decodes_latin1_named_in_meta_http_equiv(url):
    page = fetch(url("/meta-latin1"), LOCAL)
    assert "L'Élysée a répondu à la presse." in page.html


def test_it_reads_undeclared_utf8_as_utf8(url):
    page = fetch(url("/no-charset-utf8"), LOCAL)
    assert page.charset == "utf-8"
    assert "Grüße aus Zürich" in page.html


def test_it_falls_back_to_windows_1252_when_nothing_is_declared(url):
    page = fetch(url("/no-charset-1252"), LOCAL)
    assert page.charset == "cp1252"
    assert "déjà fermé – “à Noël”" in page.html


def test_it_survives_a_header_charset_that_lies(url):
    page = fetch(url("/lying-utf8"), LOCAL)
    assert "Le café de la gare" in page.html
    assert "\ufffd" not in page.html


def test_it_ignores_an_unknown_charset_name(url):
    page = fetch(url("/unknown-charset"), LOCAL)
    assert page.charset == "utf-8"
    assert "Grüße" in page.html


def test_it_keeps_a_declared_charset_despite_one_stray_byte(url):
    page = fetch(url("/stray-byte"), LOCAL)
    assert page.charset == "utf-8"
    assert page.html.count("Zürich") == 500
    assert page.html.endswith("\ufffd</p>")


def test_it_sniffs_html_when_the_content_type_is_missing(url):
    page = fetch(url("/no-type-html"), LOCAL)
    assert page.content_type == "text/html"
    assert "Hi" in page.html


def test_it_refuses_an_undeclared_binary(url):
    error = fetch_error(url("/no-type-binary"))
    assert isinstance(error, NotHTML)
    assert "does not look like a web page" in error.message


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "/pdf",
            "The address points to a PDF document (application/pdf), not a web page.",
        ),
        ("/png", "The address points to an image (image/png), not a web page."),
    ],
)
def test_it_refuses_other_content_types(url, path, message):
    error = fetch_error(url(path))
    assert isinstance(error, NotHTML)
    assert not error.transient
    assert error.message == message


# --- Size -------------------------------------------------------------------


def test_it_refuses_a_declared_length_over_the_cap_at_once(url):
    error = fetch_error(
        url("/big-declared"), FetchPolicy(allow_private=True, max_bytes=MB)
    )
    assert isinstance(error, TooLarge)
    assert error.message == "The page is larger than the limit of 1 MB."


def test_it_stops_an_undeclared_body_at_the_cap(url):
    error = fetch_error(
        url("/big-undeclared"), FetchPolicy(allow_private=True, max_bytes=MB)
    )
    assert isinstance(error, TooLarge)


def test_it_stops_a_gzip_bomb_at_the_cap_without_inflating_it(url):
    tracemalloc.start()
    try:
        error = fetch_error(
            url("/gzip-bomb"), FetchPolicy(allow_private=True, max_bytes=MB)
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, TooLarge)
    # Inflating the bomb would take 50 MB.
    assert peak < 8 * MB


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/deflate-raw"])
def test_it_decompresses_the_body(url, path):
    page = fetch(url(path), LOCAL)
    assert page.raw == PAGE_UTF8.encode("utf-8")
    assert "Grüße aus Zürich" in page.html


def test_it_refuses_an_unsupported_content_encoding(url):
    error = fetch_error(url("/br"))
    assert isinstance(error, fetch_module.BadResponse)
    assert "'br'" in error.message


# --- Time -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_it_gives_up_on_a_slow_drip_as_a_transient_timeout(url, path):
    errors: list[Exception] = []

    def run() -> None:
        try:
            fetch(url(path), FetchPolicy(allow_private=True, total_timeout=1))
        except Exception as exc:
            errors.append(exc)

    # The drip lasts 30 s; the join bounds a hang, it does not time the fetch.
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "the fetch was still reading the drip"
    [error] = errors
    assert isinstance(error, FetchTimeout)
    assert error.transient
    assert error.message == "The site took longer than 1 seconds to send the page."


# --- Redirects --------------------------------------------------------------


@pytest.mark.parametrize("path", ["/redirect-relative", "/redirect-absolute"])
def test_it_follows_redirects(url, server, path):
    page = fetch(url(path), LOCAL)
    assert page.url == url("/ok")
    assert "Grüße" in page.html
    assert server.requests == [path, "/ok"]


def test_it_follows_up_to_max_redirects(url):
    page = fetch(url("/chain/4"), FetchPolicy(allow_private=True, max_redirects=5))
    assert page.url == url("/ok")


def test_it_refuses_too_many_redirects(url, server):
    error = fetch_error(
        url("/chain/9"), FetchPolicy(allow_private=True, max_redirects=5)
    )
    assert isinstance(error, TooManyRedirects)
    assert error.message == "The page redirects more than 5 times."
    assert len(server.requests) == 6


def test_it_ends_a_redirect_loop(url):
    error = fetch_error(url("/loop-a"))
    assert isinstance(error, TooManyRedirects)
    assert "redirects in a loop" in error.message


def test_it_reports_a_redirect_without_location(url):
    error = fetch_error(url("/redirect-no-location"))
    assert isinstance(error, HTTPStatusError)
    assert error.status == 302


def test_it_refuses_a_redirect_to_a_file_url(url):
    error = fetch_error(url("/redirect-to?url=file:///etc/passwd"))
    assert isinstance(error, InvalidURL)
    assert "redirects to an unusable address" in error.message


def test_it_fetches_a_public_site(url, net):
    net.add("news.test", [PUBLIC_IP])
    page = fetch(url("/redirect-relative", host="news.test"))
    assert page.url == url("/ok", host="news.test")
    assert net.connects == [PUBLIC_IP, PUBLIC_IP]


def test_it_refuses_a_redirect_from_a_public_site_to_loopback(url, server, net):
    net.add("news.test", [PUBLIC_IP])
    start = url("/redirect-to?url=" + url("/ok"), host="news.test")
    error = fetch_error(start, FetchPolicy())
    assert isinstance(error, BlockedAddress)
    assert error.message == (
        f"The page redirects to {url('/ok')}. The address 127.0.0.1 is loopback "
        "(this machine); fetching it is not allowed."
    )
    assert server.requests == ["/redirect-to"]
    assert net.connects == [PUBLIC_IP]


def test_it_refuses_a_redirect_to_a_name_resolving_to_a_private_address(
    url, server, net
):
    net.add("news.test", [PUBLIC_IP])
    net.add("intranet.test", ["10.1.2.3"])
    start = url("/redirect-to?url=http://intranet.test/admin", host="news.test")
    error = fetch_error(start, FetchPolicy())
    assert isinstance(error, BlockedAddress)
    assert "intranet.test resolves to 10.1.2.3, which is private" in error.message
    assert net.connects == [PUBLIC_IP]


# --- Statuses and connections -----------------------------------------------


def test_it_says_a_missing_page_is_not_found_and_not_transient(url):
    error = fetch_error(url("/status/404"))
    assert isinstance(error, HTTPStatusError)
    assert error.message == "The page was not found (HTTP 404)."
    assert not error.transient


@pytest.mark.parametrize("status", [500, 503, 429])
def test_it_marks_server_errors_and_rate_limits_transient(url, status):
    error = fetch_error(url(f"/status/{status}"))
    assert isinstance(error, HTTPStatusError)
    assert error.transient
    assert f"(HTTP {status})" in error.message


def test_it_marks_a_refused_connection_transient():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = fetch_error(f"http://127.0.0.1:{port}/")
    assert isinstance(error, ConnectError)
    assert error.transient
    assert error.message == "The site 127.0.0.1 refused the connection."


def test_it_reports_tls_failure_against_a_plain_http_server(url):
    error = fetch_error(url("/ok").replace("http://", "https://"))
    assert isinstance(error, TLSError)
    assert "secure connection" in error.message


def test_it_reports_an_unknown_host():
    error = fetch_error("http://nowhere.test/")
    assert isinstance(error, UnknownHost)
    assert not error.transient
    assert error.message == "The site nowhere.test could not be found."


# --- Addresses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "shown", "reason"),
    [
        ("http://127.0.0.1/", "127.0.0.1", "loopback"),
        ("http://10.0.0.5/", "10.0.0.5", "private"),
        ("http://172.16.0.1/", "172.16.0.1", "private"),
        ("http://192.168.1.1/", "192.168.1.1", "private"),
        ("http://169.254.1.1/", "169.254.1.1", "link-local"),
        ("http://169.254.169.254/latest/", "169.254.169.254", "cloud metadata"),
        ("http://100.64.0.1/", "100.64.0.1", "shared"),
        ("http://0.0.0.0/", "0.0.0.0", "unspecified"),
        ("http://224.0.0.1/", "224.0.0.1", "multicast"),
        ("http://240.0.0.1/", "240.0.0.1", "reserved"),
        ("http://[::1]/", "::1", "loopback"),
        ("http://[::]/", "::", "unspecified"),
        ("http://[fe80::1]/", "fe80::1", "link-local"),
        ("http://[fc00::1]/", "fc00::1", "private"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254", "cloud metadata"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "IPv6 form of 127.0.0.1"),
        ("http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe", "cloud metadata"),
        ("http://[64:ff9b::a00:1]/", "64:ff9b::a00:1", "IPv6 form of 10.0.0.1"),
        ("http://[2002:7f00:1::]/", "2002:7f00:1::", "IPv6 form of 127.0.0.1"),
        ("http://2130706433/", "127.0.0.1", "loopback"),
        ("http://0177.0.0.1/", "127.0.0.1", "loopback"),
        ("http://0x7f.0.0.1/", "127.0.0.1", "loopback"),
        ("http://0x7f000001/", "127.0.0.1", "loopback"),
        ("http://127.1/", "127.0.0.1", "loopback"),
        ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254", "cloud metadata"),
    ],
)
def test_it_refuses_non_public_addresses(net, address, shown, reason):
    error = fetch_error(address, FetchPolicy())
    assert isinstance(error, BlockedAddress)
    assert not error.transient
    assert error.message.startswith(f"The address {shown} is ")
    assert reason in error.message
    assert error.message.endswith("; fetching it is not allowed.")
    assert net.connects == []


def test_it_refuses_the_metadata_service_even_when_private_is_allowed(net):
    error = fetch_error("http://169.254.169.254/latest/meta-data/", LOCAL)
    assert isinstance(error, BlockedAddress)
    assert net.connects == []


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        (["10.0.0.7"], "10.0.0.7"),
        ([PUBLIC_IP, "192.168.0.2"], "192.168.0.2"),  # any bad address refuses
        (["::1"], "::1"),
        (["169.254.169.254"], "169.254.169.254"),
    ],
)
def test_it_refuses_a_name_resolving_to_a_non_public_address(net, answers, shown):
    net.add("inside.test", answers)
    error = fetch_error("http://inside.test/", FetchPolicy())
    assert isinstance(error, BlockedAddress)
    assert f"The site inside.test resolves to {shown}, which is" in error.message
    assert net.connects == []


def test_it_connects_to_the_checked_address_not_a_rebound_one(url, server, net):
    # Public on the check, loopback on any later lookup: a fetcher that
    # resolves the name again to connect would reach the local server.
    net.add("rebind.test", [UNROUTED_IP], ["127.0.0.1"])
    error = fetch_error(url("/ok", host="rebind.test"), FetchPolicy())
    assert isinstance(error, ConnectError)
    assert net.lookups == ["rebind.test"]
    assert net.connects == [UNROUTED_IP]
    assert server.requests == []


# --- URLs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  HTTP://Example.COM  ", "http://example.com/"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:8080/a?b=c#frag", "http://example.com:8080/a?b=c"),
        ("https://example.com/a b/é?q=ü", "https://example.com/a%20b/%C3%A9?q=%C3%BC"),
        ("https://example.com/a%20b", "https://example.com/a%20b"),
        ("https://Bücher.example/", "https://xn--bcher-kva.example/"),
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://[::FFFF:127.0.0.1]:8000/", "http://[::ffff:7f00:1]:8000/"),
    ],
)
def test_it_normalises_urls(given, expected):
    assert validate_url(given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "The address is empty."),
        ("   ", "The address is empty."),
        ("not a url", "must start with http:// or https://"),
        ("example.com/page", "must start with http:// or https://"),
        ("//example.com/page", "must start with http:// or https://"),
        ("http://", "has no host name"),
        ("http:///path", "has no host name"),
        ("http://exa mple.com/", "is not a valid host name"),
        ("http://exa_mple..com/", "is not a valid host name"),
        ("http://[::1/", "is malformed"),
        ("http://[not-v6]/", "is malformed"),
        ("http://example.com:99999/", "The port in the address"),
        ("http://example.com:abc/", "The port in the address"),
        ("http://example.com:0/", "The port in the address"),
        ("http://999.1.1.1/", "is not a valid IP address"),
        ("http://exam\nple.com/", "control characters"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://user@example.com/", "user name or password"),
        ("http://example.com\\@evil.test/", "user name or password"),
        ("file:///etc/passwd", 'starts with "file:"'),
        ("ftp://example.com/file", 'starts with "ftp:"'),
        ("gopher://example.com/", 'starts with "gopher:"'),
        ("javascript:alert(1)", 'starts with "javascript:"'),
        ("data:text/html,<p>hi</p>", 'starts with "data:"'),
    ],
)
def test_it_refuses_unusable_urls(given, message):
    with pytest.raises(InvalidURL) as info:
        validate_url(given)
    assert message in info.value.message
    assert not info.value.transient


# --- Posting ------------------------------------------------------------------

BODY = '{"event":"claim.created","data":{"text":"Grüße"}}'.encode()


def test_it_posts_the_exact_bytes_and_returns_the_status(url, server):
    posted = post_json(url("/hook"), BODY, {"X-Tracker-Event": "claim.created"}, LOCAL)
    assert (posted.status, posted.reply) == (202, b"received")
    [(path, headers, body)] = server.posts
    assert (path, body) == ("/hook", BODY)
    assert headers["Content-Type"] == "application/json"
    assert headers["Content-Length"] == str(len(BODY))
    assert headers["X-Tracker-Event"] == "claim.created"


@pytest.mark.parametrize("status", [400, 500])
def test_it_returns_error_statuses_without_raising(url, status):
    assert post_json(url(f"/status/{status}"), BODY, {}, LOCAL).status == status


def test_it_does_not_follow_a_redirect_when_posting(url, server):
    assert post_json(url("/redirect"), BODY, {}, LOCAL).status == 307
    assert server.requests == ["/redirect"]


def test_it_refuses_to_post_to_loopback_without_allow_private(url, server, net):
    with pytest.raises(BlockedAddress) as info:
        post_json(url("/hook"), BODY, {}, FetchPolicy())
    assert "127.0.0.1 is loopback" in info.value.message
    assert net.connects == []
    assert server.posts == []


def test_it_refuses_to_post_to_the_metadata_service_even_when_allowed(net):
    with pytest.raises(BlockedAddress):
        post_json("http://169.254.169.254/latest/", BODY, {}, LOCAL)
    assert net.connects == []


def test_it_posts_to_the_checked_address_not_a_rebound_one(url, server, net):
    net.add("rebind.test", [UNROUTED_IP], ["127.0.0.1"])
    with pytest.raises(ConnectError):
        post_json(url("/hook", host="rebind.test"), BODY, {}, FetchPolicy())
    assert net.lookups == ["rebind.test"]
    assert net.connects == [UNROUTED_IP]
    assert server.posts == []


def test_it_posts_to_a_public_site_through_its_checked_address(url, server, net):
    net.add("hooks.test", [PUBLIC_IP])
    posted = post_json(url("/hook", host="hooks.test"), BODY, {}, FetchPolicy())
    assert posted.status == 202
    assert net.connects == [PUBLIC_IP]
    [(_, headers, _)] = server.posts
    assert headers["Host"].startswith("hooks.test:")
