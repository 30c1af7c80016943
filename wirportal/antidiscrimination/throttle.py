"""Rate limits of the report form and of receipt-code attempts (issue #16).

allauth's rate limiting counts (sliding window in the "default" cache, as for the login and the
event registration), per client network (IPv4 /24, IPv6 /64). Unlike those, the key handed to
allauth is not the network itself but an HMAC of it under SECRET_KEY and today's date
(`salted_hmac`): the cache never holds an address, and yesterday's keys cannot be linked to
today's. allauth hashes the key once more and lets the entry expire with its window. So nothing
about a reporter's address is written to the database, the logs or the cache (threat model T3).
The rates are `ACCOUNT_RATE_LIMITS` entries `antidiscrimination_report` and
`antidiscrimination_code`.
"""

import ipaddress

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.utils import timezone
from django.utils.crypto import salted_hmac

REPORT_ACTION = "antidiscrimination_report"
CODE_ACTION = "antidiscrimination_code"


def client_network(request) -> str:
    """The client's IPv4 /24 or IPv6 /64, as the events throttle takes it (behind the proxy:
    allauth's `get_client_ip` with ALLAUTH_TRUSTED_PROXY_COUNT). Never stored."""
    address = ipaddress.ip_address(get_adapter(request).get_client_ip(request))
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def network_key(request) -> str:
    """The client's network, keyed and rotated daily; no address can be read back from it."""
    day = timezone.localdate().isoformat()
    salt = f"wirportal.antidiscrimination.throttle.{day}"
    return salted_hmac(salt, client_network(request), algorithm="sha256").hexdigest()


def report_allowed(request) -> bool:
    return ratelimit.consume(request, action=REPORT_ACTION, key=network_key(request))


def code_attempt_allowed(request) -> bool:
    return ratelimit.consume(request, action=CODE_ACTION, key=network_key(request))
