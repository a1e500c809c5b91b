"""URL -> Fetched: one HTML page from the web (final URL, status, type, charset, text).

The only module of the product that touches the network. ``fetch(url, policy)``
returns the page or raises a ``FetchError`` whose ``message`` is a sentence for a
journalist and whose ``transient`` says whether trying again later may succeed.
``fetch_feed`` is the same fetch for a feed document (RSS, Atom, sitemap): other
content types, and a conditional GET that may answer 304 Not Modified.
``validate_url`` normalises an address and refuses what can never be fetched;
``canonical_url`` also drops what does not identify the page (tracking
parameters), to recognise one article under its many addresses.

Defences against server-side request forgery and hostile servers live here:
only http(s) without credentials; the host is resolved once and every address it
resolves to must be public (unless ``FetchPolicy.allow_private``); the connection
goes to that checked address, never to the name again, so a DNS answer that
changes between check and connect (rebinding) is useless; every redirect hop is
checked the same way. Size (``max_bytes``, after decompression) and time
(``total_timeout``, wall clock over all hops) are bounded so a server cannot
exhaust memory or hold a worker. Pure of Django: the caller passes the policy.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus, urljoin, urlsplit, urlunsplit

import certifi
import idna
import urllib3.exceptions
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.response import HTTPResponse
from urllib3.util.ssl_match_hostname import CertificateError

from claims.ingest.charset import decode_html

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    max_bytes: int = 10 * 1024 * 1024
    connect_timeout: float = 5
    read_timeout: float = 15
    total_timeout: float = 30  # wall clock for the whole fetch incl. redirects
    max_redirects: int = 5
    user_agent: str = "ClaimTracker/0.1"


DEFAULT_POLICY = FetchPolicy()


@dataclass
class Fetched:
    url: str  # final URL after redirects
    status: int  # 304 only from a conditional fetch_feed: nothing new, no body
    content_type: str  # e.g. "text/html"
    charset: str  # the charset actually used to decode
    html: str  # decoded text (empty for a feed that is not HTML: parse ``raw``)
    raw: bytes  # the bytes as received, after content-encoding decompression
    etag: str = ""  # the response's validators, for the next conditional GET
    last_modified: str = ""
    redirects: tuple[int, ...] = ()  # the status of each redirect followed, in order

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def moved_permanently(self) -> bool:
        """Whether ``url`` is the address's new home: every redirect followed
        was permanent (301, 308), so the old address should be forgotten."""
        return bool(self.redirects) and all(s in (301, 308) for s in self.redirects)


class FetchError(Exception):
    """The page could not be fetched; ``message`` says why in plain words."""

    transient: bool = False  # True: worth retrying later

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidURL(FetchError):
    """The address is not an http(s) URL that can be fetched."""


class BlockedAddress(FetchError):
    """The host is, or resolves to, an address that must not be fetched."""


class UnknownHost(FetchError):
    """The host name does not resolve."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class ConnectError(FetchError):
    """The connection failed or broke off."""

    transient = True


class TLSError(FetchError):
    """The secure connection could not be established or verified."""


class FetchTimeout(FetchError):
    """The site was too slow."""

    transient = True


class TooManyRedirects(FetchError):
    """Too many redirects, or a redirect loop."""


class TooLarge(FetchError):
    """The page is larger than the policy allows."""


class NotHTML(FetchError):
    """The address serves something other than a web page."""


class NotFeed(FetchError):
    """The address serves something other than a feed (or a page)."""


class BadResponse(FetchError):
    """The server's answer could not be understood."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.transient = status >= 500 or status == 429


# --- URLs -------------------------------------------------------------------

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_MAX_URL_LENGTH = 8192
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are when percent-encoding; "%" keeps existing escapes.
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
# A host made only of numeric labels is an IPv4 address in one of the legacy
# forms (2130706433, 0177.0.0.1, 0x7f.1) that resolvers and browsers accept.
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


def validate_url(url: str) -> str:
    """Return ``url`` normalised (lower-case scheme and host, IDNA, no fragment).

    Raise ``InvalidURL`` with a readable message when the address is malformed,
    is not http(s) or carries a user name or password.
    """
    text = (url or "").strip()
    if not text:
        raise InvalidURL("The address is empty.")
    if len(text) > _MAX_URL_LENGTH:
        raise InvalidURL("The address is too long.")
    if _CONTROL_CHARS.search(text):
        raise InvalidURL("The address contains invisible control characters.")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise InvalidURL(f"The address {text!r} is malformed ({exc}).") from exc
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidURL(f"The address {text!r} must start with http:// or https://.")
    if scheme not in _DEFAULT_PORTS:
        raise InvalidURL(
            "Only http:// and https:// addresses can be fetched; "
            f'this one starts with "{scheme}:".'
        )
    if "@" in parts.netloc:
        raise InvalidURL("Addresses with a user name or password are not accepted.")
    if not parts.hostname:
        raise InvalidURL(f"The address {text!r} has no host name.")
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"The port in the address {text!r} is not valid.") from exc
    if port == 0:
        raise InvalidURL(f"The port in the address {text!r} is not valid.")
    host = _normalise_host(parts.hostname, bracketed="[" in parts.netloc)
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(parts.path, safe=_SAFE_PATH) or "/"
    query = quote(parts.query, safe=_SAFE_QUERY)
    return urlunsplit((scheme, netloc, path, query, ""))


def _normalise_host(host: str, *, bracketed: bool) -> str:
    """Return the host as it goes into a URL: IDNA name, dotted IPv4 or [IPv6]."""
    if bracketed:
        try:
            return f"[{ipaddress.IPv6Address(host)}]"
        except ValueError as exc:
            raise InvalidURL(f"{host!r} is not a valid IPv6 address.") from exc
    host = host.rstrip(".") if host.endswith(".") and host != "." else host
    labels = host.split(".")
    if all(_NUMERIC_LABEL.match(label) for label in labels):
        try:
            # inet_aton speaks exactly the legacy forms getaddrinfo would accept.
            return str(ipaddress.IPv4Address(socket.inet_aton(host)))
        except OSError as exc:
            raise InvalidURL(f"{host!r} is not a valid IP address.") from exc
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise InvalidURL(f"{host!r} is not a valid host name.") from exc
    if len(ascii_host) > 253 or not all(
        _HOST_LABEL.match(label) for label in ascii_host.split(".")
    ):
        raise InvalidURL(f"{host!r} is not a valid host name.")
    return ascii_host


# Query parameters that say how a reader arrived, not which page they read.
_TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
    "twclid", "ttclid", "li_fat_id", "mc_cid", "mc_eid", "igshid", "igsh", "ref",
    "ref_src", "ref_url", "cmpid", "cmp", "ocid", "smid", "smtyp", "ito", "_ga",
    "_gl", "_hsenc", "_hsmi", "mkt_tok", "spm", "s_cid", "s_kwcid", "wt.mc_id",
    "wt_mc_id", "at_medium", "at_campaign", "at_custom1", "at_custom2",
    "at_custom3", "at_custom4", "guccounter", "guce_referrer", "guce_referrer_sig",
    "__twitter_impression",
})  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "mtm_", "ns_", "pk_", "hsa_", "itm_", "oly_")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in _TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Return ``url`` as ``validate_url`` does, without tracking parameters.

    Tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ``ref``...)
    are dropped and the others sorted, each kept exactly as written, so the
    same article linked from a newsletter, a feed and a social post has one
    address. Raise ``InvalidURL`` like ``validate_url``.
    """
    parts = urlsplit(validate_url(url))
    pairs = [p for p in parts.query.split("&") if p]
    kept = sorted(
        (unquote_plus(p.split("=", 1)[0]), p)
        for p in pairs
        if not _is_tracking(unquote_plus(p.split("=", 1)[0]))
    )
    query = "&".join(p for _, p in kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # name or IP literal, without brackets
    port: int
    netloc: str  # for the Host header
    path: str  # path and query, as sent in the request line

    @classmethod
    def parse(cls, url: str) -> _Target:
        parts = urlsplit(url)
        host = parts.hostname or ""
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return cls(
            url=url,
            scheme=parts.scheme,
            host=host,
            port=parts.port or _DEFAULT_PORTS[parts.scheme],
            netloc=parts.netloc,
            path=path,
        )


# --- Addresses --------------------------------------------------------------

# No article lives at the cloud metadata service, so it stays refused even when
# private addresses are allowed for development.
_METADATA = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
}
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _blocked_reason(ip: IPAddress) -> str | None:
    """Say why ``ip`` must not be fetched, or None when it is a public address."""
    if ip in _METADATA:
        return "the cloud metadata service"
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address reach that address.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            reason = _blocked_reason(embedded)
            if reason:
                return f"an IPv6 form of {embedded}, which is {reason}"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback (this machine)"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:
        return "shared (carrier-grade NAT)"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def _resolve(target: _Target, policy: FetchPolicy) -> list[IPAddress]:
    """Resolve the host once; refuse when any of its addresses is not allowed."""
    literal = _ip_literal(target.host)
    addresses = [literal] if literal else _lookup(target)
    for ip in addresses:
        reason = _blocked_reason(ip)
        if reason and (not policy.allow_private or ip in _METADATA):
            subject = (
                f"The address {ip} is"
                if literal is not None
                else f"The site {target.host} resolves to {ip}, which is"
            )
            raise BlockedAddress(f"{subject} {reason}; fetching it is not allowed.")
    return addresses


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _lookup(target: _Target) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        # EAI_AGAIN is a resolver hiccup; anything else means no such host.
        raise UnknownHost(
            f"The site {target.host} could not be found.",
            transient=exc.errno == socket.EAI_AGAIN,
        ) from exc
    except UnicodeError as exc:
        raise InvalidURL(f"{target.host!r} is not a valid host name.") from exc
    addresses: list[IPAddress] = []
    for family, *_, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            ip = ipaddress.ip_address(sockaddr[0])
            if ip not in addresses:
                addresses.append(ip)
    if not addresses:
        raise UnknownHost(f"The site {target.host} could not be found.")
    return addresses


# --- Time -------------------------------------------------------------------


class _Deadline:
    """Wall-clock limit for a whole fetch.

    Socket timeouts only bound each single read, so a server dripping one byte
    at a time would never trip them. At the deadline a timer shuts the watched
    sockets down, which unblocks whatever read is waiting, in any phase (TLS
    handshake, headers, body).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._at = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._expired = False
        self._done = False
        self._connections: list[HTTPConnection] = []
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def expired(self) -> bool:
        return self._expired or time.monotonic() >= self._at

    def remaining(self) -> float:
        return max(self._at - time.monotonic(), 0.001)

    def check(self) -> None:
        if self.expired:
            raise self.error()

    def error(self) -> FetchTimeout:
        return FetchTimeout(
            f"The site took longer than {self.seconds:g} seconds to send the page."
        )

    def watch(self, conn: HTTPConnection) -> None:
        with self._lock:
            self._connections.append(conn)

    def watch_socket(self, sock: socket.socket | None) -> None:
        # http.client drops conn.sock once the response owns the socket, so the
        # socket itself is kept for the body phase.
        if sock is not None:
            with self._lock:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self._expired = True
            socks = [c.sock for c in self._connections] + self._sockets
        for sock in socks:
            if sock is None:
                continue
            # The plain-socket method: SSLSocket.shutdown would also drop the
            # TLS state under the feet of the reading thread. OSError: closed.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        with self._lock:
            self._done = True
        self._timer.cancel()


# --- HTTP -------------------------------------------------------------------

_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
# Not "br": decompressing it needs the brotli package, which is not installed.
_ACCEPT_ENCODING = "gzip, deflate"
_NETWORK_ERRORS = (
    OSError,
    http.client.HTTPException,
    urllib3.exceptions.HTTPError,
    CertificateError,
)


def _network_error(
    exc: BaseException, target: _Target, deadline: _Deadline
) -> FetchError:
    """Translate a socket, TLS or HTTP library error into a FetchError."""
    host = target.host
    if deadline.expired:
        return deadline.error()
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or "certificate verify failed"
        return TLSError(
            f"The security certificate of {host} could not be verified ({detail})."
        )
    if isinstance(exc, CertificateError):
        return TLSError(f"The security certificate does not belong to {host}.")
    if isinstance(exc, ssl.SSLError | urllib3.exceptions.SSLError):
        return TLSError(f"A secure connection to {host} could not be established.")
    if isinstance(exc, urllib3.exceptions.NewConnectionError):
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, ConnectionRefusedError):
            return ConnectError(f"The site {host} refused the connection.")
        return ConnectError(f"The site {host} could not be reached.")
    if isinstance(exc, TimeoutError | urllib3.exceptions.TimeoutError):
        return FetchTimeout(f"The site {host} did not answer in time.")
    if isinstance(exc, ConnectionRefusedError):
        return ConnectError(f"The site {host} refused the connection.")
    if isinstance(exc, OSError) and exc.errno in (
        errno.ENETUNREACH,
        errno.EHOSTUNREACH,
    ):
        return ConnectError(f"The site {host} could not be reached.")
    return ConnectError(
        f"The connection to {host} broke off before the page was complete."
    )


def _open(
    target: _Target,
    addresses: list[IPAddress],
    policy: FetchPolicy,
    deadline: _Deadline,
    extra: dict[str, str] | None = None,
) -> tuple[HTTPConnection, HTTPResponse]:
    """Send the GET to one of the checked addresses and return the response."""
    conn: HTTPConnection | None = None
    last_error: FetchError | None = None
    for ip in addresses:
        deadline.check()
        conn = _connection(target, str(ip), policy, deadline)
        deadline.watch(conn)
        try:
            conn.connect()
            break
        except _NETWORK_ERRORS as exc:
            conn.close()
            conn = None
            last_error = _network_error(exc, target, deadline)
    if conn is None:
        assert last_error is not None
        raise last_error
    deadline.watch_socket(conn.sock)
    conn.timeout = min(policy.read_timeout, deadline.remaining())
    headers = {
        # The connection goes to an IP address; the name travels in Host (and
        # in SNI for TLS) so virtual hosting still works.
        "Host": target.netloc,
        "User-Agent": policy.user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Encoding": _ACCEPT_ENCODING,
        "Connection": "close",
        **(extra or {}),
    }
    try:
        conn.request(
            "GET",
            target.path,
            headers=headers,
            preload_content=False,
            decode_content=False,
        )
        response = conn.getresponse()
    except _NETWORK_ERRORS as exc:
        conn.close()
        raise _network_error(exc, target, deadline) from exc
    return conn, response


def _connection(
    target: _Target, ip: str, policy: FetchPolicy, deadline: _Deadline
) -> HTTPConnection:
    timeout = min(policy.connect_timeout, deadline.remaining())
    if target.scheme == "https":
        return HTTPSConnection(
            host=ip,
            port=target.port,
            timeout=timeout,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return HTTPConnection(host=ip, port=target.port, timeout=timeout)


def _status_error(status: int) -> HTTPStatusError:
    if status == 404:
        message = "The page was not found (HTTP 404)."
    elif status == 410:
        message = "The page has been removed (HTTP 410)."
    elif status in (401, 403):
        message = f"The site refused access to the page (HTTP {status})."
    elif status == 429:
        message = "The site is limiting requests (HTTP 429); try again later."
    elif status >= 500:
        message = f"The site had a server error (HTTP {status}); try again later."
    elif status >= 400:
        message = f"The site rejected the request (HTTP {status})."
    else:
        message = f"The site answered with HTTP {status} instead of a page."
    return HTTPStatusError(status, message)


# --- Body -------------------------------------------------------------------


class _Decompressor:
    """Undo Content-Encoding incrementally, never producing more than a limit."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self._wbits = 16 + zlib.MAX_WBITS
        elif encoding == "deflate":
            self._wbits = zlib.MAX_WBITS
        else:
            raise BadResponse(
                f"The site sent the page compressed as {encoding!r}, "
                "which is not supported."
            )
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        """Return the output for ``data``; more than ``limit`` bytes means too big."""
        out = b""
        while data and len(out) <= limit:
            try:
                # max_length stops a bomb inside zlib: at most limit+1 bytes
                # are produced whatever the input says.
                out += self._obj.decompress(data, limit + 1 - len(out))
            except zlib.error as exc:
                if self.encoding == "deflate" and not self._started:
                    # Servers disagree on "deflate": zlib-wrapped or raw.
                    self._wbits = -zlib.MAX_WBITS
                    self._obj = zlib.decompressobj(self._wbits)
                    self._started = True
                    continue
                raise BadResponse(
                    "The site sent compressed data that could not be decompressed."
                ) from exc
            self._started = True
            if self._obj.unconsumed_tail:
                data = self._obj.unconsumed_tail
            elif self._obj.eof and self._obj.unused_data:
                # A gzip body may hold several members back to back.
                data = self._obj.unused_data
                self._obj = zlib.decompressobj(self._wbits)
            else:
                data = b""
        return out


def _decompressors(header: str) -> list[_Decompressor]:
    # Codings are listed in the order applied, so they are undone in reverse.
    codings = [c.strip().lower() for c in header.split(",")]
    return [_Decompressor(c) for c in reversed(codings) if c and c != "identity"]


def _read_body(
    response: HTTPResponse, policy: FetchPolicy, deadline: _Deadline
) -> bytes:
    """Read the whole body, decompressed, refusing anything over max_bytes."""
    decoders = _decompressors(response.headers.get("Content-Encoding", ""))
    body = bytearray()
    received = 0
    while True:
        deadline.check()
        # read1 returns as soon as some bytes arrive, so the deadline and the
        # cap are checked between small reads, not after a large one.
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > policy.max_bytes:
            raise _too_large(policy)
        for decoder in decoders:
            chunk = decoder.feed(chunk, policy.max_bytes - len(body))
        body += chunk
        if len(body) > policy.max_bytes:
            raise _too_large(policy)
    # The deadline's shutdown looks like a normal end of stream.
    deadline.check()
    return bytes(body)


def _too_large(policy: FetchPolicy) -> TooLarge:
    return TooLarge(f"The page is larger than the limit of {_size(policy.max_bytes)}.")


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} bytes"


# --- Content type -----------------------------------------------

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TYPE_NAMES = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "text/plain": "a plain text file",
    "application/xml": "an XML file",
    "text/xml": "an XML file",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary file",
}


def _parse_content_type(value: str) -> tuple[str, str]:
    mime, _, params = value.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip()
    return mime.strip().lower(), charset


def _not_html(mime: str) -> NotHTML:
    if mime.startswith("image/"):
        kind = "an image"
    elif mime.startswith(("audio/", "video/")):
        kind = "an audio or video file"
    else:
        kind = _TYPE_NAMES.get(mime, "a file")
    return NotHTML(f"The address points to {kind} ({mime}), not a web page.")


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<!doctype html") or b"<html" in head


# What a feed may be served as: the feed types, XML in general, and HTML for
# the sites that label their feed as a page (the parser tells them apart).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
        *_HTML_TYPES,
    }
)
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)


def _not_feed(mime: str) -> NotFeed:
    if mime.startswith("image/"):
        kind = "an image"
    elif mime.startswith(("audio/", "video/")):
        kind = "an audio or video file"
    else:
        kind = _TYPE_NAMES.get(mime, "a file")
    return NotFeed(f"The address points to {kind} ({mime}), not a feed.")


def _looks_like_markup(raw: bytes) -> bool:
    return raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


# --- Fetch ------------------------------------------------------------------


def fetch(url: str, policy: FetchPolicy = DEFAULT_POLICY) -> Fetched:
    """Fetch one HTML page, following redirects; raise FetchError on failure."""
    return _get(url, policy, feed=False, headers={})


def fetch_feed(
    url: str,
    policy: FetchPolicy = DEFAULT_POLICY,
    *,
    etag: str = "",
    last_modified: str = "",
) -> Fetched:
    """Fetch a feed document (``FEED_TYPES``) with the same defences as ``fetch``.

    With ``etag`` / ``last_modified`` from the previous answer the request is
    conditional: an unchanged feed returns ``status`` 304 (``not_modified``)
    and no body. The answer's own validators are in ``etag``/``last_modified``.
    ``html`` stays empty unless the server sent HTML: parse ``raw``.
    """
    headers = {"Accept": _FEED_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return _get(url, policy, feed=True, headers=headers)


def _get(url: str, policy: FetchPolicy, *, feed: bool, headers: dict) -> Fetched:
    """The GET behind ``fetch`` (a page) and ``fetch_feed`` (a feed)."""
    conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
    current = validate_url(url)
    seen = [current]
    hops: list[int] = []
    deadline = _Deadline(policy.total_timeout)
    try:
        while True:
            target = _Target.parse(current)
            try:
                addresses = _resolve(target, policy)
            except FetchError as exc:
                if len(seen) > 1:
                    # Say where the refused address came from.
                    exc.message = f"The page redirects to {current}. {exc.message}"
                    exc.args = (exc.message,)
                raise
            conn, response = _open(target, addresses, policy, deadline, headers)
            try:
                status = response.status
                location = response.headers.get("Location")
                # The answer's validators, and the redirects that led to it.
                validators = {
                    "etag": response.headers.get("ETag", "")[:500],
                    "last_modified": response.headers.get("Last-Modified", "")[:100],
                    "redirects": tuple(hops),
                }
                if status in _REDIRECTS and location:
                    current = _follow(current, location, seen, policy)
                    seen.append(current)
                    hops.append(status)
                    continue
                if status == 304 and conditional:
                    return Fetched(current, status, "", "", "", b"", **validators)
                if not 200 <= status < 300:
                    raise _status_error(status)
                mime, charset = _parse_content_type(
                    response.headers.get("Content-Type", "")
                )
                if feed and mime and mime not in FEED_TYPES:
                    raise _not_feed(mime)
                if not feed and mime and mime not in _HTML_TYPES:
                    raise _not_html(mime)
                length = response.headers.get("Content-Length", "")
                if length.strip().isdigit() and int(length) > policy.max_bytes:
                    raise _too_large(policy)
                try:
                    raw = _read_body(response, policy, deadline)
                except _NETWORK_ERRORS as exc:
                    raise _network_error(exc, target, deadline) from exc
            finally:
                response.close()
                conn.close()
            if feed:
                if not mime and not _looks_like_markup(raw):
                    raise NotFeed(
                        "The site did not say what kind of file this is, "
                        "and it does not look like a feed."
                    )
                html, used = ("", charset)
                if mime in _HTML_TYPES:
                    html, used = decode_html(raw, charset)
                return Fetched(
                    current, status, mime or "application/xml", used, html, raw,
                    **validators,
                )  # fmt: skip
            if not mime:
                if not _looks_like_html(raw):
                    raise NotHTML(
                        "The site did not say what kind of file this is, "
                        "and it does not look like a web page."
                    )
                mime = "text/html"
            html, used = decode_html(raw, charset)
            return Fetched(
                url=current,
                status=status,
                content_type=mime,
                charset=used,
                html=html,
                raw=raw,
                **validators,
            )
    finally:
        deadline.cancel()


def _follow(current: str, location: str, seen: list[str], policy: FetchPolicy) -> str:
    """Return the checked URL a redirect points to (relative Location allowed)."""
    try:
        nxt = validate_url(urljoin(current, location.strip()))
    except InvalidURL as exc:
        raise InvalidURL(
            f"The page redirects to an unusable address. {exc.message}"
        ) from exc
    if nxt in seen:
        raise TooManyRedirects(
            f"The page redirects in a loop ({current} leads back to {nxt})."
        )
    if len(seen) > policy.max_redirects:
        raise TooManyRedirects(
            f"The page redirects more than {policy.max_redirects} times."
        )
    return nxt


# --- Posting ----------------------------------------------------------------

# Enough of a receiver's answer to show in an error; the rest is not read.
_POST_REPLY_BYTES = 1024


@dataclass
class Posted:
    url: str
    status: int
    reply: bytes  # the start of the response body, at most _POST_REPLY_BYTES


def post_json(
    url: str,
    body: bytes,
    headers: dict[str, str] | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> Posted:
    """POST ``body`` (JSON bytes, sent exactly as given) to ``url``; return the status.

    The address passes the same checks as ``fetch`` and the connection goes to
    the checked IP. Redirects are not followed (a 3xx is returned like any other
    status: a receiver must answer at its registered address). Any status is
    returned; only a refused address or a network failure raises ``FetchError``.
    """
    target = _Target.parse(validate_url(url))
    addresses = _resolve(target, policy)
    deadline = _Deadline(policy.total_timeout)
    try:
        conn = _post(target, addresses, body, headers or {}, policy, deadline)
        try:
            response = conn.getresponse()
            reply = response.read1(_POST_REPLY_BYTES)
            deadline.check()
            return Posted(url=target.url, status=response.status, reply=reply)
        except _NETWORK_ERRORS as exc:
            raise _network_error(exc, target, deadline) from exc
        finally:
            conn.close()
    finally:
        deadline.cancel()


def _post(
    target: _Target,
    addresses: list[IPAddress],
    body: bytes,
    headers: dict[str, str],
    policy: FetchPolicy,
    deadline: _Deadline,
) -> HTTPConnection:
    """Connect to one of the checked addresses and send the request."""
    last_error: FetchError | None = None
    for ip in addresses:
        deadline.check()
        conn = _connection(target, str(ip), policy, deadline)
        deadline.watch(conn)
        try:
            conn.connect()
        except _NETWORK_ERRORS as exc:
            conn.close()
            last_error = _network_error(exc, target, deadline)
            continue
        deadline.watch_socket(conn.sock)
        conn.timeout = min(policy.read_timeout, deadline.remaining())
        sent = {
            **headers,
            "Host": target.netloc,
            "User-Agent": policy.user_agent,
            "Content-Type": "application/json",
            "Content-Length": str(len(body)),
            "Connection": "close",
        }
        try:
            conn.request(
                "POST",
                target.path,
                body=body,
                headers=sent,
                preload_content=False,
                decode_content=False,
            )
        except _NETWORK_ERRORS as exc:
            conn.close()
            raise _network_error(exc, target, deadline) from exc
        return conn
    assert last_error is not None
    raise last_error
