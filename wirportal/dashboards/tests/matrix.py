from wirportal.core.testing import ROLES, Case


def build(world):
    """The start page needs nothing of its own: it reads what the other apps' worlds hold."""


# every role and visitors: each sees the start page of their own role
CASES = [Case("dashboards:start", ROLES)]
