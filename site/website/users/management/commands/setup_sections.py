from django.core.management.base import BaseCommand
from django.db import transaction

from website.users.sections import setup_sections


class Command(BaseCommand):
    help = (
        "Gives every section (index and project pages below a home page) its own collection "
        "and editors' group; run again, it adds only what is missing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            sections = setup_sections(log=lambda message: self.stdout.write(f"  {message}"))
        for page, (collection, group) in sections.items():
            self.stdout.write(f"{page.title}: group “{group.name}”, collection “{collection.name}”")
        self.stdout.write(self.style.SUCCESS(f"{len(sections)} sections set up."))
