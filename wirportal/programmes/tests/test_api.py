from datetime import date

import pytest

from .factories import CallFactory

pytestmark = pytest.mark.django_db


def test_open_calls_api_lists_calls_with_moved_deadline(client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 27))
    CallFactory(title="Offen", closes_at=date(2026, 12, 26))  # Saturday + holiday -> Monday
    CallFactory(title="Zu", opens_at=date(2025, 9, 1), closes_at=date(2025, 12, 31))
    response = client.get("/api/foerderaufrufe/?only_open=true")
    assert response.status_code == 200
    data = response.json()
    assert [c["title"] for c in data] == ["Offen"]
    assert data[0]["deadline"] == "2026-12-28"
    assert data[0]["is_open"] is True
    assert len(client.get("/api/foerderaufrufe/").json()) == 2
