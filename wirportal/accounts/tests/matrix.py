"""Access-matrix rows of the account pages' API tokens (issue #14); `accounts:me` is in core's."""

from wirportal.core.testing import LOGGED_IN, Case


def build(world):
    from wirportal.accounts.services import api_token_create

    user = world.users["applicant_a"]
    world.objects["api_token_a"], _text = api_token_create(user=user, name="Matrix", by=user)


CASES = [
    Case("accounts:api-token-create", LOGGED_IN, method="post", data=lambda w: {"name": "Neu"}),
    # only the owner revokes a token (the superuser may too: technical administration)
    Case(
        "accounts:api-token-revoke",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"pk": w["api_token_a"].pk},
        method="post",
    ),
]
