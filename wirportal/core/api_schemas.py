"""Schemas shared by every API router."""

from typing import Any

from ninja import Schema


class ValidationErrorOut(Schema):
    """422: a parameter did not validate; `detail` lists each problem (django-ninja's format)."""

    detail: list[dict[str, Any]]
