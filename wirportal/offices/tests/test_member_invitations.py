"""Adding a member never tells whether an address has an account or is a staff account (issue 9).

An admin of the Träger invites by e-mail; the person joins by accepting the invitation with the
account of that address. The adder sees the same answer for every address.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _invite(client, organisation, email):
    response = client.post(
        reverse("offices:organisation-member-add", kwargs={"pk": organisation.pk}),
        {"email": email},
    )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    client.get(reverse("offices:organisation-detail", kwargs={"pk": organisation.pk}))  # shown
    return response, [text.replace(email, "<ADDRESS>") for text in texts]


def _link(mail) -> str:
    match = re.search(r"https?://\S+/traeger/einladung/\S+/", mail.body)
    assert match, mail.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_unknown_applicant_and_staff_addresses_get_the_same_answer(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    org_a = world["org_a"]
    UserFactory(role=Role.APPLICANT, email="kollegin@example.org")
    client.force_login(world.users["applicant_a"])
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for email in (
            "niemand@example.org",
            "kollegin@example.org",
            world.users["case_worker"].email,
        ):
            response, texts = _invite(client, org_a, email)
            answers.append((response.status_code, response.get("Location"), texts))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 302 and answers[0][2]
    # nobody was added without their own consent; all three invitations look alike
    assert list(org_a.members.all()) == [world.users["applicant_a"]]
    html = client.get(reverse("offices:organisation-detail", kwargs={"pk": org_a.pk})).content
    for email in ("niemand@example.org", "kollegin@example.org"):
        assert email in html.decode()
    assert len(mailoutbox) == 3


def test_the_invited_applicant_accepts_and_becomes_a_member(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    org_a = world["org_a"]
    colleague = UserFactory(role=Role.APPLICANT, email="kollegin@example.org")
    client.force_login(world.users["applicant_a"])
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, org_a, "Kollegin@Example.org")
    link = _link(mailoutbox[-1])

    # the link works only for the account of the invited address
    client.force_login(world.users["applicant_b"])
    assert client.post(link).status_code == 403
    client.force_login(colleague)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert org_a.memberships.filter(user=colleague, is_admin=False).exists()
    assert client.post(link).status_code == 403  # used up


def test_a_staff_account_cannot_accept(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    org_a = world["org_a"]
    staff = world.users["case_worker"]
    client.force_login(world.users["applicant_a"])
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, org_a, staff.email)
    mail = mailoutbox[-1]
    assert "/traeger/einladung/" not in mail.body  # the owner of the address learns why
    from wirportal.offices.models import OrganisationInvitation

    invitation = OrganisationInvitation.objects.get(email=staff.email)
    client.force_login(staff)
    assert client.post(invitation.accept_path()).status_code == 403
    assert not org_a.memberships.filter(user=staff).exists()


def test_a_mistyped_invitation_can_be_withdrawn(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    org_a = world["org_a"]
    colleague = UserFactory(role=Role.APPLICANT, email="kollegin@example.org")
    client.force_login(world.users["applicant_a"])
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, org_a, colleague.email)
    link = _link(mailoutbox[-1])
    invitation = org_a.invitations.get()
    url = reverse(
        "offices:organisation-invitation-withdraw",
        kwargs={"pk": org_a.pk, "invitation_pk": invitation.pk},
    )
    assert client.post(url).status_code == 302
    assert not org_a.invitations.exists()
    client.force_login(colleague)
    assert client.post(link).status_code == 404
    assert not org_a.members.filter(pk=colleague.pk).exists()
