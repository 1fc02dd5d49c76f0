import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Creates the local demo's admin account, or resets its password. Development only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo admin exists only in development (DEBUG on).")
        username = os.environ.get("DEMO_ADMIN_USER", "admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "connecting-humans")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@connecting-humans.example"}
        )
        # Wagtail's account settings require a name: without one, no setting (such as the
        # admin's language) could be saved.
        user.first_name = user.first_name or "Demo"
        user.last_name = user.last_name or "Admin"
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        admin_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin {'created' if created else 'reset'}: {admin_url}"
                f"  user: {username}  password: {password}"
            )
        )
