import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from stories.consent import take_down_all


class Command(BaseCommand):
    help = (
        "Takes down everything that shows a participant whose website consent has expired or "
        "was withdrawn, or whose photos need an unrecognisable face. Meant to run daily; "
        "running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Check as of this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, date=None, **options):
        on = None
        if date:
            try:
                on = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"Not a date: {date!r}; use YYYY-MM-DD.") from None
        reports = take_down_all(on=on)
        for report in reports:
            with translation.override(None):  # the operators' log reads in English
                self.stdout.write(f"{report.participant.pseudonym}: {report.reason_label}")
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if not reports:
            self.stdout.write("Nothing to take down.")
