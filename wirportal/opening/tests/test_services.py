"""IKÖ self-check (issue #15): versions, answers, invitations, submission, action plan."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.opening import selectors, services
from wirportal.opening.models import Answer, Contributor, Indicator, SelfCheck

from . import factories

pytestmark = pytest.mark.django_db


def test_the_first_version_has_seven_fields_with_three_to_five_indicators(world):
    version = factories.questionnaire()
    fields = list(version.fields.all())
    assert [f.code for f in fields] == [
        "steuerung",
        "oeffnung",
        "zugang",
        "arbeit",
        "engagement",
        "zusammenhalt",
        "kommunikation",
    ]
    for field in fields:
        assert 3 <= field.indicators.count() <= 5
        assert len(field.suggestions) == 5
    assert len(version.levels) == 5 and version.is_published


def test_a_published_version_is_frozen_and_a_new_one_leaves_old_answers_alone(world):
    staff = world.users["programme_staff"]
    v1 = factories.questionnaire()
    check = factories.self_check(world["office_x"], 2025, submitted=True)
    with pytest.raises(DomainError):
        services.field_update(
            field=v1.fields.first(), by=staff, name="Neu", description="", suggestions=[""] * 5
        )
    v2 = services.questionnaire_new_version(by=staff)
    assert v2.version == 2 and not v2.is_published
    services.indicator_save(field=v2.fields.first(), by=staff, text="Neuer Indikator")
    services.questionnaire_publish(questionnaire=v2, by=staff)
    check.refresh_from_db()
    assert check.questionnaire_id == v1.pk
    assert Answer.objects.filter(self_check=check, indicator__field__questionnaire=v1).count() == (
        Indicator.objects.filter(field__questionnaire=v1).count()
    )
    coordinator = world.users["coordinator_x"]
    new = services.self_check_start(office=world["office_x"], year=2026, by=coordinator)
    assert new.questionnaire_id == v2.pk


def test_a_coordinator_of_another_unit_cannot_start_a_check_for_x(world):
    factories.questionnaire()
    with pytest.raises(NotAllowed):
        services.self_check_start(
            office=world["office_x"], year=2026, by=world.users["coordinator_y"]
        )


def test_the_contributor_answers_only_their_fields_and_who_and_when_is_kept(world):
    check = factories.self_check(world["office_x"], 2026)
    first, second = check.questionnaire.fields.order_by("position")[:2]
    contributor = world.users["opening_contributor_x"]
    link = Contributor.objects.create(
        self_check=check, user=contributor, secret="s", sent_at=check.created_at
    )
    link.fields.set([first])
    own = first.indicators.first()
    services.answers_save(
        check=check, by=contributor, values={own.pk: {"rating": 3, "evidence": "Dienstanweisung"}}
    )
    answer = Answer.objects.get(self_check=check, indicator=own)
    assert (answer.rating, answer.evidence, answer.answered_by) == (
        3,
        "Dienstanweisung",
        contributor,
    )
    assert answer.answered_at is not None
    with pytest.raises(NotAllowed):
        services.answers_save(
            check=check, by=contributor, values={second.indicators.first().pk: {"rating": 1}}
        )


def test_submitting_needs_every_rating_and_then_nobody_changes_it(world):
    coordinator = world.users["coordinator_x"]
    check = factories.self_check(world["office_x"], 2026)
    indicators = list(Indicator.objects.filter(field__questionnaire=check.questionnaire))
    services.answers_save(
        check=check, by=coordinator, values={i.pk: {"rating": 2} for i in indicators[:-1]}
    )
    with pytest.raises(DomainError, match="1 von"):
        services.self_check_submit(check=check, by=coordinator)
    services.answers_save(check=check, by=coordinator, values={indicators[-1].pk: {"rating": 4}})
    services.self_check_submit(check=check, by=coordinator)
    check.refresh_from_db()
    assert check.status == "submitted" and check.submitted_by == coordinator
    with pytest.raises(NotAllowed):
        services.answers_save(check=check, by=coordinator, values={indicators[0].pk: {"rating": 0}})
    assert check.history.count() >= 2  # full change history (django-simple-history)


def test_an_invitation_makes_a_scoped_account_and_the_link_sets_its_password(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    check = factories.self_check(world["office_x"], 2026)
    field = check.questionnaire.fields.get(code="arbeit")
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.contributor_invite(
            check=check,
            email="Personal@Kassel.example",
            fields=[field],
            by=world.users["coordinator_x"],
        )
    user = invited.user
    assert user.role == "opening_contributor" and not user.has_usable_password()
    assert len(mailoutbox) == 1
    # the token carries a timestamp: compare what the link names, not its text
    token = mailoutbox[0].body.split("/einladung/")[1].split("/")[0]
    assert Contributor.from_token(token) == invited
    services.contributor_accept(contributor=invited, password="ein-langes-Passwort-2026")
    user.refresh_from_db()
    assert user.check_password("ein-langes-Passwort-2026")
    assert EmailAddress.objects.get(user=user).verified
    with pytest.raises(DomainError):
        services.contributor_accept(contributor=invited, password="ein-anderes-Passwort-2026")
    assert user.has_perm("opening.view_selfcheck", check)
    other = factories.self_check(world["office_y"], 2026)
    assert not user.has_perm("opening.view_selfcheck", other)


def test_an_address_of_another_role_cannot_be_invited(world):
    check = factories.self_check(world["office_x"], 2026)
    with pytest.raises(DomainError):
        services.contributor_invite(
            check=check,
            email="a@example.org",
            fields=[check.questionnaire.fields.first()],
            by=world.users["coordinator_x"],
        )


def test_a_measure_is_done_only_with_evidence_and_overdue_ones_are_listed(world):
    coordinator = world.users["coordinator_x"]
    check = factories.self_check(world["office_x"], 2026)
    field = check.questionnaire.fields.first()
    measure = services.measure_create(
        check=check,
        by=coordinator,
        field=field,
        title="Leitbild",
        owner="OB",
        deadline=date(2026, 1, 31),
    )
    assert selectors.overdue_measures(check.office_id, today=date(2026, 2, 1)) == [measure]
    values = {"field": field, "title": "Leitbild", "owner": "OB", "deadline": date(2026, 1, 31)}
    with pytest.raises(DomainError):
        services.measure_update(
            measure=measure, by=coordinator, status="done", completion_evidence="", **values
        )
    services.measure_update(
        measure=measure, by=coordinator, status="done", completion_evidence="Beschluss", **values
    )
    measure.refresh_from_db()
    assert measure.completed_on is not None
    assert selectors.overdue_measures(check.office_id, today=date(2026, 2, 1)) == []
    with pytest.raises(NotAllowed):
        services.measure_create(
            check=check,
            by=world.users["coordinator_y"],
            field=field,
            title="x",
            owner="y",
            deadline=date(2026, 5, 1),
        )


def test_the_profile_shows_field_means_suggestions_and_earlier_years(world):
    factories.self_check(world["office_x"], 2024, submitted=True, rating=1)
    factories.self_check(world["office_x"], 2025, submitted=True, rating=2)
    check = factories.self_check(world["office_x"], 2026, submitted=True, rating=3)
    page = selectors.check_page(check, world.users["coordinator_x"])
    first = page.results[0]
    assert str(first.mean) == "3.0" and first.level == 3
    assert first.suggestion == first.field.suggestions[3]
    assert page.earlier_years == [2024, 2025]
    assert [str(v) for _y, v in first.earlier] == ["1.0", "2.0"]


def test_a_unit_never_sees_another_units_unnamed_profile(world):
    x = factories.self_check(world["office_x"], 2026, submitted=True, rating=4, named=False)
    factories.self_check(world["office_y"], 2026, submitted=True, rating=1, named=True)
    years = selectors.comparison_years()
    seen_by_y = selectors.comparison(world.users["coordinator_y"], 2026, years)
    labels = [row.label for row in seen_by_y.rows if row.check is not None]
    assert labels == [world["office_y"].name]
    assert seen_by_y.hidden == 1
    assert all(row.office != x.office for row in seen_by_y.rows)
    seen_by_land = selectors.comparison(world.users["programme_staff"], 2026, years)
    anonymous = [row for row in seen_by_land.rows if row.office is None]
    assert len(anonymous) == 1 and "anonym" in anonymous[0].label
    assert str(anonymous[0].means[0]) == "4.0"
    assert str(seen_by_land.land[0]) == "2.5"  # both units count in the Land's mean
    seen_by_x = selectors.comparison(world.users["coordinator_x"], 2026, years)
    assert any(row.own and row.office == x.office for row in seen_by_x.rows)


def test_the_land_csv_follows_its_schema(world, login):
    factories.self_check(world["office_x"], 2025, submitted=True, rating=2)
    factories.self_check(world["office_y"], 2025, submitted=True, rating=4)
    response = login(world.users["programme_staff"]).get(reverse("opening:land-csv"))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert (
        lines[0]
        == "jahr;feld_kennung;feld_name;einheiten;mittelwert;stufe_0;stufe_1;stufe_2;stufe_3;stufe_4"
    )
    assert lines[1] == "2025;steuerung;Management und Steuerung;2;3,0;0;0;1;0;1"
    assert len(lines) == 1 + 7
    assert world["office_x"].name not in text


def test_the_pdf_report_of_a_unit_and_year(world, login):
    check = factories.self_check(world["office_x"], 2025, submitted=True)
    factories.measure(check)
    response = login(world.users["coordinator_x"]).get(
        reverse("opening:check-pdf", kwargs={"pk": check.pk})
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        b"pdfaid" in response.content
        or b"PDF/A" in response.content
        or len(response.content) > 5000
    )


def test_the_field_page_autosaves_and_keeps_bad_input(world, login):
    check = factories.self_check(world["office_x"], 2026)
    field = check.questionnaire.fields.first()
    indicator = field.indicators.first()
    client = login(world.users["coordinator_x"])
    url = reverse("opening:field-autosave", kwargs={"pk": check.pk, "code": field.code})
    response = client.post(url, {f"rating_{indicator.pk}": "3", f"url_{indicator.pk}": "kein link"})
    assert response.status_code == 200 and b"Entwurf gespeichert" in response.content
    answer = Answer.objects.get(self_check=check, indicator=indicator)
    assert answer.rating == 3 and answer.evidence_url == ""
    shown = client.get(reverse("opening:field-edit", kwargs={"pk": check.pk, "code": field.code}))
    name = world.users["coordinator_x"].display_name
    assert f"Zuletzt beantwortet von {name}" in shown.content.decode()
    detail = client.get(reverse("opening:check-detail", kwargs={"pk": check.pk})).content.decode()
    assert "Änderungsverlauf" in detail and indicator.text in detail  # the answer's history
    page = reverse("opening:field-edit", kwargs={"pk": check.pk, "code": field.code})
    response = client.post(
        page, {f"url_{indicator.pk}": "kein link", f"rating_{indicator.pk}": "1"}
    )
    assert response.status_code == 422 and "kein link" in response.content.decode()
    assert SelfCheck.objects.get(pk=check.pk).is_draft


def test_overdue_measures_are_on_the_coordinators_start_page(world, login):
    check = factories.self_check(world["office_x"], 2025, submitted=True)
    factories.measure(check, deadline=date(2025, 3, 1), title="Leitbild beschließen")
    factories.measure(check, deadline=date(2025, 3, 1), title="Schon erledigt", status="done")
    page = login(world.users["coordinator_x"]).get(reverse("dashboards:start")).content.decode()
    assert "Überfällige IKÖ-Maßnahmen" in page and "Leitbild beschließen" in page
    assert "Schon erledigt" not in page
    other = login(world.users["coordinator_y"]).get(reverse("dashboards:start")).content.decode()
    assert "Leitbild beschließen" not in other
