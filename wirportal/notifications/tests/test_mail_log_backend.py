"""A mail backend that always fails (the mail log records the failure)."""

from django.core.mail.backends.base import BaseEmailBackend


class Failing(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")
