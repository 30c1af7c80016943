import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from wirportal.accounts.models import User
from wirportal.accounts.roles import STAFF_ROLES, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    role = Role.APPLICANT
    password = factory.django.Password("Sicheres-Passwort-123")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Accounts made by factories have confirmed their e-mail address unless told otherwise."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Staff get a TOTP authenticator unless totp=False; the secret is kept on the object for tests."""
        wanted = extracted if extracted is not None else self.role in STAFF_ROLES
        if create and wanted:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def record_second_factor(session, user) -> bool:
    """Record in `session` that `user` passed TOTP, as allauth does after the code step (only for
    a person who has a TOTP device). Returns whether anything was recorded."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return False
    request = HttpRequest()
    request.session = session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    return True


def api_token(user, name: str = "Test") -> str:
    """A personal API token of `user` (its text, as shown once), made by the service."""
    from wirportal.accounts.services import api_token_create

    _token, text = api_token_create(user=user, name=name, by=user)
    return text


def bearer(text: str) -> dict[str, str]:
    """Test client keyword arguments that send `text` as the bearer token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}
