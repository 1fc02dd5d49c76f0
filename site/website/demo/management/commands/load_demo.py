from django.core.management.base import BaseCommand
from django.db import transaction

from website.demo import exhibitions, home, legal, news, projects, stories, toolbox
from website.users import sections


class Command(BaseCommand):
    help = (
        "Builds the demo site from the seed's text; run again, it adds only what is missing. "
        "Needs the test extra (pip install '.[test]'): its pages are made by factory_boy."
    )

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        self.stdout.write("Demo-Inhalte werden geladen …")
        with transaction.atomic():
            home_page, about = home.build(log)
            partner_page, sub_projects = projects.build(home_page, about, log)
            home.translate_about_pages(about, log)
            exhibition = exhibitions.build(home_page, log)
            toolbox_page = toolbox.build(home_page, log)
            news.build(home_page, exhibition, sub_projects, partner_page, toolbox_page, log)
            stories.build(home_page, log)
            legal_pages = legal.build(home_page, log)
            home.finish(home_page, featured=[*sub_projects, exhibition], legal_pages=legal_pages)
            sections.setup_sections(log)
            photos = exhibition.gallery_photos.values_list("image_id", flat=True)
            sections.collect_images(exhibition, photos)
        self.stdout.write(self.style.SUCCESS(f"Fertig: {home_page.full_url or home_page.url}"))
