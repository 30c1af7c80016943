from wirportal.core.testing import LOGGED_IN, ROLES, Case

CASES = [
    Case("core:home", ROLES),
    Case("core:healthz", ROLES),
    Case("core:language", ROLES, kwargs=lambda world: {"code": "en"}),
    Case("core:imprint", ROLES),
    Case("core:privacy", ROLES),
    Case("core:accessibility", ROLES),
    Case("accounts:me", LOGGED_IN),
    Case("accounts:mfa-required", LOGGED_IN),
]
