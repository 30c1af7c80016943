from wirportal.core.testing import LAND, Case

COORDINATORS = frozenset({"coordinator_x", "coordinator_y"})
DASHBOARD = LAND | COORDINATORS
WRITERS = frozenset({"case_worker", "programme_staff", "admin"})


def build(world):
    from wirportal.reports.models import ReportRun

    world.objects["report_run"] = ReportRun.objects.create(
        year=2027, created_by=world.users["programme_staff"], status="done", progress=100
    )


CASES = [
    Case("reports:dashboard", DASHBOARD),
    *[
        Case("reports:dashboard-page", DASHBOARD, kwargs=lambda w, page=page: {"page": page})
        for page in ("haushalt", "antraege", "kennzahlen", "veranstaltungen")
    ],
    Case("reports:export", DASHBOARD, kwargs=lambda w: {"table": "haushalt-linien", "fmt": "csv"}),
    Case("reports:export", DASHBOARD, kwargs=lambda w: {"table": "antraege", "fmt": "xlsx"}),
    Case("reports:report-runs", LAND),
    Case("reports:report-runs", WRITERS, method="post", data=lambda w: {"jahr": "2027"}),
    Case("reports:report-run-status", LAND, kwargs=lambda w: {"pk": w["report_run"].pk}),
]
