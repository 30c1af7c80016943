"""Domain exceptions raised by services; views turn them into messages or form errors."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is shown to the user as it is."""

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
