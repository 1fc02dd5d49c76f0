from django.core.management.base import BaseCommand
from django.db import transaction

from exhibitions import demo as exhibitions_demo
from website.core.demo import pages


class Command(BaseCommand):
    help = "Builds the demo site from the seed's text; run again, it adds only what is missing."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        self.stdout.write("Demo-Inhalte werden geladen …")
        with transaction.atomic():
            home = pages.build(log)
            exhibitions_demo.build(home, log)
        self.stdout.write(self.style.SUCCESS(f"Fertig: {home.full_url or home.url}"))
