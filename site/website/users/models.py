from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's own user model, so that fields can be added without a painful migration."""
