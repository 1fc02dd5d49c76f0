from django import template
from django.utils.html import format_html, format_html_join

from ..renditions import SETS

register = template.Library()


@register.simple_tag
def picture(
    image, set_name="photo", alt="", sizes="100vw", loading="lazy", css_class="", priority=False
):
    """A photo as <picture> with AVIF, WebP and JPEG sources from one of the named sets.

    Photos of the first screen are `loading="eager"`; its main one (the largest contentful
    paint) also has `priority`, so the browser fetches it first.
    """
    if not image:
        return ""
    rendition_set = SETS[set_name]
    renditions = image.get_renditions(*rendition_set.specs)
    fallback_format = rendition_set.formats[-1]
    fallback = renditions[rendition_set.spec(rendition_set.widths[0], fallback_format)]
    img_attributes = {
        "width": fallback.width,
        "height": fallback.height,
        "alt": alt,
        "loading": "eager" if priority else loading,
        "decoding": "auto" if priority else "async",
        "class": css_class,
    }
    if priority:
        img_attributes["fetchpriority"] = "high"
    if any(rendition.is_placeholder for rendition in renditions.values()):
        return format_html(
            '<img src="{}" {} data-placeholder>',
            fallback.url,
            attributes(img_attributes | {"class": f"{css_class} is-placeholder".strip()}),
        )

    def srcset(image_format):
        return ", ".join(
            f"{renditions[rendition_set.spec(width, image_format)].url} "
            f"{renditions[rendition_set.spec(width, image_format)].width}w"
            for width in rendition_set.widths
        )

    sources = format_html_join(
        "",
        '<source type="image/{}" srcset="{}" sizes="{}">',
        ((f, srcset(f), sizes) for f in rendition_set.formats[:-1]),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" {}></picture>',
        sources,
        fallback.url,
        srcset(fallback_format),
        sizes,
        attributes(img_attributes),
    )


def attributes(values):
    return format_html_join(
        " ", '{}="{}"', ((k, v) for k, v in values.items() if v != "" or k == "alt")
    )


@register.simple_tag
def share_rendition(image):
    """The image cropped for OpenGraph and Twitter cards, once it has been made."""
    rendition_set = SETS["share"]
    rendition = image.get_rendition(rendition_set.spec(rendition_set.widths[0], "jpeg"))
    return None if rendition.is_placeholder else rendition
