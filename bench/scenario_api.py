"""The REST API's list endpoints with a personal token (issue #14, ADR 0016): target >= 0.5 of the
one-query view, as the staff list pages. No data of its own: the lists read what the other
scenario modules generate (organisations, applications, decisions, payments, proofs of use)."""

from bench.harness import Context, Scenario, Step


def _token_of(role: str):
    """One token per run for the bench person of `role`; the request carries no session."""

    def actors(ctx: Context) -> list[dict]:
        from wirportal.accounts.services import api_token_create

        user = ctx.user(role)
        _token, text = api_token_create(user=user, name="Bench", by=user)
        return [{"user": None, "token": text}]

    return actors


def _api_list(name: str, path: str, role: str, note: str = "") -> Scenario:
    return Scenario(
        name,
        steps=(Step("GET", path, headers={"Authorization": "Bearer {token}"}),),
        actors=_token_of(role),
        baseline="one-query",
        target=0.5,
        note=note or f"{path} with a {role}'s token, first page of 50.",
    )


SCENARIOS = [
    _api_list(
        "api-applications",
        "/api/antraege/?status=submitted",
        "case_worker",
        "Submitted applications, case worker's token (all units), 50 per page.",
    ),
    _api_list(
        "api-applications-applicant",
        "/api/antraege/",
        "applicant",
        "The applicant's own organisation's applications (scoped by membership).",
    ),
    _api_list("api-organisations", "/api/traeger/", "case_worker"),
    _api_list("api-decisions", "/api/entscheidungen/", "case_worker"),
    _api_list("api-payments", "/api/zahlungen/", "case_worker"),
    _api_list("api-proofs", "/api/verwendungsnachweise/", "case_worker"),
    _api_list("api-budget", "/api/haushalt/?year=2026", "programme_staff"),
    Scenario(
        "api-lines",
        path="/api/foerderlinien/",
        baseline="one-query",
        target=0.5,
        note="Funding lines, open data (anonymous).",
    ),
]
