"""Delete participants' personal data once an event's retention period has ended (idempotent)."""

from django.core.management.base import BaseCommand

from wirportal.events.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Löscht personenbezogene Daten von Teilnehmenden nach Ablauf der Löschfrist; "
        "anonyme Teilnahmezahlen bleiben. Mehrfach ausführbar (täglich per Timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Als Hintergrundaufgabe einreihen."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from wirportal.events.tasks import purge_event_personal_data_task

            result = purge_event_personal_data_task.enqueue()
            self.stdout.write(f"Eingereiht: {result.id}")
            return
        purged = purge_personal_data()
        self.stdout.write(f"Veranstaltungen bereinigt: {len(purged)}")
