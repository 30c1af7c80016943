"""Demo review criteria for every funding line that has none (through the services)."""

from django.db import transaction

from wirportal.accounts.demo import ensure_demo_users
from wirportal.programmes.models import FundingLine

from . import services
from .models import ReviewCriterion

CRITERIA = [
    ("Beitrag zu den Zielen des Landesprogramms", 3),
    ("Erreichen der Zielgruppen", 2),
    ("Wirtschaftlichkeit des Kostenplans", 2),
    ("Nachhaltigkeit und Vernetzung vor Ort", 1),
]


@transaction.atomic
def load() -> str:
    users = ensure_demo_users()
    staff = users["ministerium@wir-demo.de"]
    added = 0
    for line in FundingLine.objects.all():
        if ReviewCriterion.objects.filter(line=line).exists():
            continue
        for label, weight in CRITERIA:
            services.criterion_add(line=line, by=staff, label=label, weight=weight)
            added += 1
    return f"{added} Bewertungskriterien" if added else ""
