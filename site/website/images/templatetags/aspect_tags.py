from django import template

register = template.Library()

# Photos keep their shape in justified rows through a class per ratio step (the
# Content-Security-Policy allows no inline styles); aspect.css defines the steps.
RATIO_STEP = 5  # per cent
RATIO_RANGE = (50, 250)  # 1:2 portrait … 5:2 panorama


@register.filter
def ratio_class(image):
    """The image's width to height as a class, `ratio-150` for 3:2, in steps of 5 %."""
    if not image or not image.height:
        return "ratio-100"
    percent = round(image.width * 100 / image.height / RATIO_STEP) * RATIO_STEP
    return f"ratio-{min(max(percent, RATIO_RANGE[0]), RATIO_RANGE[1])}"


@register.filter
def is_wide(image):
    """Whether a photo is clearly landscape: a hero can then run text over it."""
    return bool(image and image.height and image.width >= 1.2 * image.height)
