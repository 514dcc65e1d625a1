"""`ncbnet notices lifecycle`: what the calendar requires of notices (run it daily, e.g. from a systemd timer)."""

from django.core.management.base import BaseCommand, CommandParser

from ncbnet.notices.changes import run_lifecycle


class Command(BaseCommand):
    help = "Notices: 'lifecycle' expires notices, asks owners about renewal, ends suspensions, carries out deletion orders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["lifecycle"])

    def handle(self, *args, **options) -> None:
        run = run_lifecycle()
        self.stdout.write(f"expired {run.expired}, renewal asked {run.asked}, suspensions ended {run.resumed}, "
                          f"deleted on order {run.deleted}")
