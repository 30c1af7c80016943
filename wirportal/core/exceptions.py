"""Domain exceptions raised by services; views turn them into messages or form errors."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is shown to the user as it is.

    The message is a gettext call (German source, `%(name)s` placeholders filled in after
    translation): services run inside the request, so it is in the reader's language. The gate
    `core/tests/test_translatable_errors_gate.py` refuses plain literals and f-strings."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    """The acting person may not do this (now)."""


class DeadlineMissed(DomainError):
    """A deadline has passed."""


class BudgetExceeded(DomainError):
    """The budget has not enough free money left."""
