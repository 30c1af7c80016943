"""People who use the portal. Personal data is kept to what the work needs."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import LAND_ROLES, STAFF_ROLES, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("E-Mail-Adresse fehlt.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.PROGRAMME_STAFF)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    # core.caching: lists show people's names; a login only touches last_login
    content_versions = ("people",)
    content_versions_ignore = frozenset({"last_login"})

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    first_name = models.CharField(_("Vorname"), max_length=150, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=150, blank=True)
    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices, default=Role.APPLICANT)
    is_active = models.BooleanField(_("Aktiv"), default=True)  # type: ignore[misc]
    is_staff = models.BooleanField(_("Zugang zur Systemverwaltung"), default=False)
    date_joined = models.DateTimeField(_("Registriert am"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_land_role(self) -> bool:
        return self.role in LAND_ROLES


class ApiToken(models.Model):
    """A personal API token (issue #14, ADR 0016): `wir_<prefix>_<secret>`, shown once.

    Only the prefix (to find the row) and the SHA-256 of the whole token are kept. The token acts
    as its person with exactly their scope, and only while the person is active and still has the
    role the token was made with (`role`): a changed role or a deactivated account ends it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("Person")
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(_("Kennung"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    role = models.CharField(_("Rolle bei Erstellung"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("Erstellt am"), default=timezone.now)
    last_used_at = models.DateTimeField(_("Zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (wir_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
