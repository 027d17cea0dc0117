"""Refuses feed URLs that point inside our own network (SSRF), checked at every redirect hop.

A user who can add a feed could otherwise make the bot fetch http://169.254.169.254/ (cloud
metadata and its credentials), http://127.0.0.1:5432/ or a router's admin page, and read the
answer back as "articles". The check runs after DNS resolution: a public name can point to a
private address.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit

from bot.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
METADATA = ipaddress.ip_address("169.254.169.254")
DEFAULT_PORTS = {"http": 80, "https": 443}


def check_public_url(url: str, *, allow_hosts: Sequence[str] = ()) -> None:
    """Raises FetchError unless `url` is http(s) on a host whose every address is public."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise FetchError(f"refused {url!r}: only http and https URLs are allowed")
    host = parts.hostname
    if not host:
        raise FetchError(f"refused {url!r}: no host name")
    if host in {allowed.lower() for allowed in allow_hosts}:
        return
    for address in _addresses(host, parts.port or DEFAULT_PORTS[scheme]):
        reason = non_public_reason(address)
        if reason:
            raise FetchError(f"refused {url!r}: {host} resolves to {address}, {reason}")


def _addresses(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"could not resolve {host!r}: {exc}") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def non_public_reason(address: IPAddress) -> str | None:
    """Why an address is not on the public internet, or None if it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    checks = (
        (address == METADATA, "the cloud metadata service"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_unspecified, "the unspecified address"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private address"),
        (not address.is_global, "not a public address"),
    )
    return next((reason for failed, reason in checks if failed), None)
