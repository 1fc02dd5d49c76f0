from django.core.management.base import BaseCommand
from django.db import transaction

from exhibitions import demo as exhibitions_demo
from stories import demo as stories_demo
from website.core.demo import legal, pages
from website.news import demo as news_demo
from website.projects import demo as projects_demo
from website.toolbox import demo as toolbox_demo
from website.users import sections


class Command(BaseCommand):
    help = "Builds the demo site from the seed's text; run again, it adds only what is missing."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        self.stdout.write("Demo-Inhalte werden geladen …")
        with transaction.atomic():
            home, about = pages.build(log)
            partner_page, projects = projects_demo.build(home, about, log)
            exhibition = exhibitions_demo.build(home, log)
            toolbox = toolbox_demo.build(home, log)
            news_demo.build(home, exhibition, projects, partner_page, toolbox, log)
            stories_demo.build(home, log)
            legal_pages = legal.build(home, log)
            pages.finish(home, featured=[*projects, exhibition], legal_pages=legal_pages)
            sections.setup_sections(log)
            photos = exhibition.gallery_photos.values_list("image_id", flat=True)
            sections.collect_images(exhibition, photos)
        self.stdout.write(self.style.SUCCESS(f"Fertig: {home.full_url or home.url}"))
