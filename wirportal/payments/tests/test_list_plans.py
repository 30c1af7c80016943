"""The API and page lists read their newest rows through an index instead of sorting every row.

On the bench's scale-10 data (24,000 call-downs, 9,000 decisions) SQLite sorted the whole joined
table for the first page of 50: 200 ms for `/api/zahlungen/`, 100 ms for `/api/entscheidungen/`;
with the indexes about 0.2 ms for the query.
"""

import pytest
from django.db import connection

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.decisions import selectors as decision_selectors
from wirportal.payments import selectors as payment_selectors

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's (PostgreSQL plans by its statistics)")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


def test_the_newest_call_downs_are_read_by_index():
    staff = UserFactory(role=Role.CASE_WORKER)
    plan = _plan(payment_selectors.request_list(user=staff)[:50])
    assert "payment_requested_idx" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_newest_decisions_are_read_by_index():
    staff = UserFactory(role=Role.CASE_WORKER)
    plan = _plan(decision_selectors.decision_list(user=staff)[:50])
    assert "decision_proposed_idx" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
