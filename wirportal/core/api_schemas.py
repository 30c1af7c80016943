"""Schemas shared by every API router."""

from typing import Any

from ninja import Schema


class ValidationErrorOut(Schema):
    """422: a parameter did not validate; `detail` lists each problem (django-ninja's format)."""

    detail: list[dict[str, Any]]


class ErrorOut(Schema):
    """401, 403, 404: what went wrong, in one sentence."""

    detail: str
