"""The error a service raises when a request breaks a business rule; its message is translated."""

from __future__ import annotations


class RuleError(ValueError):
    """A business rule refused the change; nothing was written. `field` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
