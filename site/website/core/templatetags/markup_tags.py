from django import template

from wagtail.rich_text import RichText

from website.markup import is_web_address, render_html

register = template.Library()


@register.filter
def clean_richtext(value):
    """Rich text (a RichTextField's text or a rich text block's value), cleaned for visitors."""
    if isinstance(value, RichText):
        value = value.source
    return render_html(str(value or ""))


@register.filter
def web_address(value):
    """The address of an address field if it is an http(s) one, else "" (stored before)."""
    value = str(value or "")
    return value if is_web_address(value) else ""
