from operator import attrgetter

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from website.core.filters import ListingFilterSet, OfferFilter


class DurationBand(models.TextChoices):
    SHORT = "short", _("Up to 30 minutes")
    MEDIUM = "medium", _("31 to 90 minutes")
    LONG = "long", _("More than 90 minutes")


# Inclusive bounds in minutes; None is open.
DURATION_BOUNDS = {
    DurationBand.SHORT: (None, 30),
    DurationBand.MEDIUM: (31, 90),
    DurationBand.LONG: (91, None),
}


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class MethodFilterSet(ListingFilterSet):
    # The Toolbox offers its target groups, all of them.
    target_group = OfferFilter(
        key=str,
        text=attrgetter("label"),
        label=_("Target group"),
        empty_label=_("All target groups"),
        widget=forms.Select,  # marks "All target groups" as chosen too
    )
    group_size = IntegerFilter(
        method="filter_group_size",
        label=_("Group size"),
        help_text=_("Methods that work for a group of this many people."),
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    duration = django_filters.ChoiceFilter(
        method="filter_duration",
        choices=DurationBand.choices,
        label=_("Duration"),
        empty_label=_("Any duration"),
        widget=forms.RadioSelect,
    )

    def filter_group_size(self, methods, name, size):
        return methods.filter(
            Q(group_size_max__isnull=True) | Q(group_size_max__gte=size),
            group_size_min__lte=size,
        )

    def filter_duration(self, methods, name, band):
        shortest, longest = DURATION_BOUNDS[band]
        if shortest is not None:
            methods = methods.filter(duration_minutes__gte=shortest)
        if longest is not None:
            methods = methods.filter(duration_minutes__lte=longest)
        return methods
