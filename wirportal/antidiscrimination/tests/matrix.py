from wirportal.core.testing import ROLES, Case

STAFF = frozenset({"antidiscrimination"})


def build(world):
    from .factories import centre, submit

    submitted = submit(referral_wanted=True, share_description=True)
    world.objects.update(
        adisc_report=submitted.report, adisc_code=submitted.code, adisc_centre=centre()
    )


def _pk(w):
    return {"pk": w["adisc_report"].pk}


def _staff(url_name, *, method="get", kwargs=None, data=None) -> Case:
    """Only the unit reads reports; the rule binds the superuser too (threat model T5)."""
    return Case(
        url_name,
        STAFF,
        kwargs=kwargs or (lambda w: {}),
        method=method,
        data=data or (lambda w: {}),
        rule_binds_admin=True,
    )


def _report_data(w):
    return {
        "description": "Beleidigt im Bus.",
        "happened_on": "2026-01-05",
        "region": w["office_x"].pk,
        "life_area": "public_space",
        "grounds": ["religion"],
    }


CASES = [
    Case("antidiscrimination:report", ROLES),
    Case("antidiscrimination:report", ROLES, method="post", data=_report_data),
    Case(
        "antidiscrimination:receipt-pdf",
        ROLES,
        method="post",
        data=lambda w: {"code": w["adisc_code"]},
    ),
    Case("antidiscrimination:follow-up", ROLES),
    Case(
        "antidiscrimination:follow-up",
        ROLES,
        method="post",
        data=lambda w: {"code": w["adisc_code"]},
    ),
    Case(
        "antidiscrimination:follow-up-add",
        ROLES,
        method="post",
        data=lambda w: {"code": w["adisc_code"], "text": "Noch etwas."},
    ),
    # the same public pages in the public languages (ADR 0017): RTL Arabic, Leichte Sprache
    Case("antidiscrimination:report-lang", ROLES, kwargs=lambda w: {"lang": "ar"}),
    Case("antidiscrimination:report-lang", ROLES, kwargs=lambda w: {"lang": "de-ls"}),
    Case(
        "antidiscrimination:report-lang",
        ROLES,
        kwargs=lambda w: {"lang": "tr"},
        method="post",
        data=_report_data,
    ),
    Case(
        "antidiscrimination:receipt-pdf-lang",
        ROLES,
        kwargs=lambda w: {"lang": "uk"},
        method="post",
        data=lambda w: {"code": w["adisc_code"]},
    ),
    Case("antidiscrimination:follow-up-lang", ROLES, kwargs=lambda w: {"lang": "fa"}),
    Case(
        "antidiscrimination:follow-up-lang",
        ROLES,
        kwargs=lambda w: {"lang": "ar"},
        method="post",
        data=lambda w: {"code": w["adisc_code"]},
    ),
    Case(
        "antidiscrimination:follow-up-add-lang",
        ROLES,
        kwargs=lambda w: {"lang": "de-ls"},
        method="post",
        data=lambda w: {"code": w["adisc_code"], "text": "Noch etwas."},
    ),
    _staff("antidiscrimination:report-list"),
    _staff("antidiscrimination:report-detail", kwargs=_pk),
    _staff(
        "antidiscrimination:report-reply",
        method="post",
        kwargs=_pk,
        data=lambda w: {"text": "Danke."},
    ),
    _staff(
        "antidiscrimination:report-triage",
        method="post",
        kwargs=_pk,
        data=lambda w: {"status": "in_progress", "internal_note": ""},
    ),
    _staff("antidiscrimination:report-refer", kwargs=_pk),
    _staff(
        "antidiscrimination:report-refer",
        method="post",
        kwargs=_pk,
        data=lambda w: {"centre": w["adisc_centre"].pk},
    ),
    _staff("antidiscrimination:report-close", method="post", kwargs=_pk),
    _staff("antidiscrimination:statistics"),
    _staff("antidiscrimination:centre-list"),
    _staff("antidiscrimination:centre-add"),
    _staff(
        "antidiscrimination:centre-add",
        method="post",
        data=lambda w: {
            "name": "Beratung Süd",
            "regions": [w["office_y"].pk],
            "languages": "Deutsch",
            "email": "sued@example.org",
        },
    ),
    _staff("antidiscrimination:centre-edit", kwargs=lambda w: {"pk": w["adisc_centre"].pk}),
    _staff("antidiscrimination:retention"),
    _staff(
        "antidiscrimination:retention",
        method="post",
        data=lambda w: {"closed_days": "90", "inactive_days": "365"},
    ),
]
