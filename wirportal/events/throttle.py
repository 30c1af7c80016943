"""Rate limits of the public registration form (issue #9): per e-mail address and per network.

Without them anyone could book out an event, or make the portal mail any address again and
again. allauth's rate limiting does the counting (`allauth.core.ratelimit`, sliding window in the
"default" cache, which is the database cache shared by all workers) and finds the client address
the way the login throttle does (`get_client_ip`: `ALLAUTH_TRUSTED_PROXY_COUNT` or
`ALLAUTH_TRUSTED_CLIENT_IP_HEADER` behind a proxy). The rates are `ACCOUNT_RATE_LIMITS`
entries `event_registration_email` and `event_registration_network`.

Networks, not single addresses: one IPv4 /24 or one IPv6 /64 (what one household or office
usually gets), so that walking through neighbouring addresses does not help.
"""

import ipaddress
from enum import StrEnum

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit

EMAIL_ACTION = "event_registration_email"
NETWORK_ACTION = "event_registration_network"


class Limited(StrEnum):
    EMAIL = "email"
    NETWORK = "network"


def client_network(request) -> str:
    """The client's IPv4 /24 or IPv6 /64, e.g. '203.0.113.0/24'."""
    ip = get_adapter(request).get_client_ip(request)
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def registration_limited(request, *, email: str) -> Limited | None:
    """Count one registration attempt; say which limit refuses it (None: go ahead)."""
    if not ratelimit.consume(request, action=NETWORK_ACTION, key=client_network(request)):
        return Limited.NETWORK
    if not ratelimit.consume(request, action=EMAIL_ACTION, key=email.strip().lower()):
        return Limited.EMAIL
    return None
