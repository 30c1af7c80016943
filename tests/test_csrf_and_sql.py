"""CSRF on every state-changing page (T9) and a gate against raw SQL building (T12)."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.matrix import CASES

POST_CASES = [case for case in CASES if case.method == "post"]


@pytest.mark.django_db
@pytest.mark.parametrize("case", POST_CASES, ids=[case.id for case in POST_CASES])
def test_every_post_without_csrf_token_is_refused(case, shared_matrix_world):
    allowed = sorted(case.allowed - {"anonymous"})
    role = allowed[0] if allowed else "admin"
    client = Client(enforce_csrf_checks=True)
    user = shared_matrix_world.users[role]
    if user is not None:
        client.force_login(user)
    response = client.post(
        reverse(case.url_name, kwargs=case.kwargs(shared_matrix_world)),
        case.data(shared_matrix_world),
    )
    assert response.status_code == 403, f"{case.id} as {role}: {response.status_code}"


SOURCE = Path(__file__).resolve().parent.parent / "wirportal"
DANGEROUS = [
    (re.compile(r"\.raw\("), "QuerySet.raw"),
    (re.compile(r"\.extra\("), "QuerySet.extra"),
    (re.compile(r"RawSQL\("), "RawSQL"),
    (re.compile(r"execute\(\s*f[\"']"), "f-string SQL"),
    (re.compile(r"execute\([^)]*%\s*\("), "%-formatted SQL"),
    (re.compile(r"mark_safe\("), "mark_safe"),
    (re.compile(r"\|\s*safe\b"), "|safe filter"),
]
# Reviewed exceptions: path -> reason. This list may only shrink.
ALLOWED: dict[str, str] = {}


def test_no_raw_sql_or_unescaped_html_is_built_in_our_code():
    offenders = []
    for path in sorted(SOURCE.rglob("*")):
        if (
            path.suffix not in {".py", ".html", ".txt"}
            or "migrations" in path.parts
            or "tests" in path.parts
        ):
            continue
        relative = str(path.relative_to(SOURCE.parent))
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern, label in DANGEROUS:
            if pattern.search(text) and relative not in ALLOWED:
                offenders.append(f"{relative}: {label}")
    assert not offenders, "\n".join(offenders)
