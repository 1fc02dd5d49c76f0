from django import template

register = template.Library()


@register.filter
def photo_url(exhibition, photo):
    """The URL of a gallery photo's own page."""
    return exhibition.photo_url(photo)
