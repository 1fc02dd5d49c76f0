"""Durations and group sizes as people read them: "45 min", "2 hours", "4–12 people"."""

from django.utils.translation import gettext, ngettext


def format_duration(minutes):
    hours, rest = divmod(minutes, 60)
    if not hours:
        return gettext("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
    return ngettext("%(hours)d hour %(minutes)d min", "%(hours)d hours %(minutes)d min", hours) % {
        "hours": hours,
        "minutes": rest,
    }


def iso_duration(minutes):
    """The value of <time datetime>, for machines: PT45M, PT2H, PT1H30M."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def format_group_size(smallest, largest):
    if largest is None:
        return gettext("%(min)d or more people") % {"min": smallest}
    if smallest == largest:
        return ngettext("%(count)d person", "%(count)d people", smallest) % {"count": smallest}
    return gettext("%(min)d–%(max)d people") % {"min": smallest, "max": largest}
