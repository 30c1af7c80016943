"""Model fields of the offices app."""

from django.db import models

from wirportal.accounts import encryption


class EncryptedCharField(models.CharField):
    """A short secret (an IBAN) kept encrypted in the database and clear in Python.

    `max_length` limits the clear value (forms, validation); the column is text, since the token
    is longer. Tokens differ on every save, so the field cannot be searched or filtered by value
    (only by the empty string, which stays empty).
    """

    purpose = "iban"

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return encryption.decrypt(value, purpose=self.purpose)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value or encryption.is_encrypted(value):
            return value
        return encryption.encrypt(value, purpose=self.purpose)
