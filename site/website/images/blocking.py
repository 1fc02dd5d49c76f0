"""Photos taken down: shown to no one, their renditions never made again.

Which photos are taken down, and who may still look at them to judge, other apps say through
two Wagtail hooks (stories: a photo of someone without valid consent, and the consent team):

- `is_image_blocked`: a function of an image, true if it is taken down;
- `may_see_blocked_images`: a function of a user, true if they may still see such an image.
"""

from wagtail import hooks


def is_blocked(image):
    return any(check(image) for check in hooks.get_hooks("is_image_blocked"))


def may_see_blocked(user):
    if user.is_active and user.is_superuser:
        return True
    return any(check(user) for check in hooks.get_hooks("may_see_blocked_images"))
