from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(scope="session")
def pdf_bytes():
    from weasyprint import HTML

    return HTML(string="<p>Konzept</p>").write_pdf()


@pytest.fixture
def pdf_upload(pdf_bytes):
    def make(name="konzept.pdf"):
        return SimpleUploadedFile(name, pdf_bytes, content_type="application/pdf")

    return make


@pytest.fixture
def today(monkeypatch):
    """Pin 'today' to 25.11.2026 (calls for 2027 are open until 31.12.2026)."""
    from django.utils import timezone

    fixed = date(2026, 11, 25)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: fixed)
    return fixed


@pytest.fixture
def draft(world, today):
    from wirportal.applications.tests.factories import (
        ApplicationFactory,
        CostItemFactory,
        FundingSourceFactory,
    )

    application = ApplicationFactory(
        organisation=world["org_a"], created_by=world.users["applicant_a"]
    )
    CostItemFactory(application=application, amount=Decimal("19000"))
    FundingSourceFactory(application=application, amount=Decimal("4000"))
    return application
