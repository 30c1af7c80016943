"""Schemas shared by every API router."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class ValidationErrorOut(Schema):
    """422: a parameter did not validate; `detail` lists each problem (django-ninja's format)."""

    detail: list[dict[str, Any]]


class ErrorOut(Schema):
    """401, 403, 404: what went wrong, in one sentence."""

    detail: str


# --- Pagination of the API's lists (issue #14) ---------------------------------------------------

MAX_PAGE = 1_000_000  # a larger page number cannot hold rows and must not reach the database
MAX_ID = 2**63 - 1  # bigint: larger ids cannot exist and must not reach the database


class Pages(PageNumberPagination):
    """django-ninja's page pagination (`page`, `page_size` up to 100; `count` and `items`), with
    the page number bounded (an OFFSET beyond bigint would fail in the database)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1")
        page_size: int | None = Field(
            None, ge=1, le=100, description="Einträge je Seite (Standard 50, höchstens 100)"
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=100, **kwargs)
