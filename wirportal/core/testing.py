"""Helpers for tests of every app: the access matrix vocabulary and a constant-query assertion."""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = frozenset(
    {
        "anonymous",
        "applicant_a",
        "applicant_b",
        "coordinator_x",
        "coordinator_y",
        "case_worker",
        "reviewer",
        "programme_staff",
        "auditor",
        "admin",
        "antidiscrimination",
        "opening_contributor_x",
    }
)
LOGGED_IN = ROLES - {"anonymous"}
# the Land's roles that see all submitted applications; reviewers see only their assigned ones
LAND = frozenset({"case_worker", "programme_staff", "auditor", "admin"})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Case:
    """One row of the access matrix: GET (or POST) this URL; only `allowed` roles get through.

    `kwargs` builds URL arguments from the world (objects of unit X / organisation A); roles of
    unit Y / organisation B are the 'foreign' ones and must be refused.
    """

    url_name: str
    allowed: frozenset[str]
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    query: str = ""
    # the superuser may do what any logged-in role may do, unless the rule decides for them
    # too (core.permissions.check_rule): then `admin` counts only if listed in `allowed`
    rule_binds_admin: bool = False

    @property
    def id(self) -> str:
        return f"{self.method}:{self.url_name}{'?' + self.query if self.query else ''}"


def assert_constant_queries(django_assert_num_queries, get_page, add_rows) -> int:
    """Render a page, add more rows, render again: the number of queries must not change.

    The page is requested once before counting, so that one-off work of a session's first
    request is not counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get_page()
    with CaptureQueriesContext(connection) as first:
        response = get_page()
        assert response.status_code == 200, response.status_code
    add_rows()
    with django_assert_num_queries(len(first.captured_queries)):
        response = get_page()
        assert response.status_code == 200, response.status_code
    return len(first.captured_queries)
