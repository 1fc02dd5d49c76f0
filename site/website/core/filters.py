"""How the public listings read their filters: one way, the same on every listing.

Each listing (news, stories, exhibitions, the Toolbox) declares a `ListingFilterSet`. A value it
cannot use (not among the choices it offers, not a number in range, or a parameter given more
than once) is ignored: the listing shows what it would show without that filter, the filters
shown again leave it unset, and `ignored` lets the page say so. Only values that pass the form
reach the database, so nothing a visitor types is sent to it (PostgreSQL refuses a NUL, say).
"""

from dataclasses import dataclass
from operator import attrgetter
from urllib.parse import urlencode

from django import forms
from django.utils.functional import cached_property

import django_filters
from django_filters.constants import EMPTY_VALUES
from taggit.models import Tag


def tags_in_use(pages):
    """The tags of these pages, by name: what a listing's topic filter offers."""
    through = pages.model._meta.get_field("tags").through
    used = through.objects.filter(content_object__in=pages).values("tag")
    return Tag.objects.filter(pk__in=used).order_by("name")


class OfferSelect(forms.Select):
    """Marks the thing chosen; with none, the browser shows the first choice ("All ...")."""

    def format_value(self, value):
        return [item for item in super().format_value(value) if item]


class OfferFilter(django_filters.ChoiceFilter):
    """One of the things a listing holds (a tag in use, a sub-project, a language...).

    The page offers the things for each request; the address carries `key(thing)`, the choice
    reads `text(thing)`, and the listing is filtered on `field_name` with `value(thing)`.
    """

    def __init__(self, *args, key=attrgetter("slug"), text=str, value=None, **kwargs):
        # No "null" choice: a tag called "null" is a tag like any other.
        kwargs.setdefault("widget", OfferSelect)
        super().__init__(*args, null_value=None, **kwargs)
        self.key, self.text, self.value = key, text, value
        self.things = {}

    def offer(self, things):
        self.things = {str(self.key(thing)): thing for thing in things}
        self.extra["choices"] = [(key, self.text(thing)) for key, thing in self.things.items()]

    def filter(self, qs, key):
        if key in EMPTY_VALUES:
            return qs
        thing = self.things[key]
        return super().filter(qs, self.value(thing) if self.value else thing)


@dataclass(frozen=True)
class Link:
    text: str
    query: str
    current: bool


@dataclass(frozen=True)
class LinkGroup:
    name: str
    label: str
    links: list


class ListingFilterSet(django_filters.FilterSet):
    """The filters of a public listing, read from its query string (see the module).

    `offers` gives each `OfferFilter` what the listing holds for it; a filter offered nothing
    is left out, and so is any value given for it.
    """

    def __init__(self, query, queryset, *, offers=None, **kwargs):
        data, repeated = {}, False
        for name in self.base_filters:
            values = query.getlist(name)
            if len(values) == 1:
                data[name] = values[0]
            elif values:
                repeated = True  # which one was meant? Neither is used.
        super().__init__(data, queryset, **kwargs)
        for name, things in (offers or {}).items():
            self.filters[name].offer(things)
        for name, filter_ in list(self.filters.items()):
            if isinstance(filter_, OfferFilter) and not filter_.things:
                del self.filters[name]

        # What the form refuses is dropped: the form shown again holds only what is applied.
        checked = self.get_form_class()(data)
        checked.is_valid()
        self.data = {
            name: value
            for name, value in data.items()
            if name in self.filters and name not in checked.errors
        }
        self.ignored = repeated or any(data[name] for name in data.keys() - self.data.keys())

    @cached_property
    def active(self):
        """The filters applied, by name: the thing chosen, or the value for other filters."""
        self.form.is_valid()
        active = {}
        for name, value in self.form.cleaned_data.items():
            if value not in EMPTY_VALUES:
                filter_ = self.filters[name]
                active[name] = filter_.things[value] if isinstance(filter_, OfferFilter) else value
        return active

    @cached_property
    def link_groups(self):
        """Each filter's choices as links that keep the other filters and start at page one."""
        groups = []
        for field in self.form:
            current = str(field.value() or "")
            links = [
                Link(text, self.query_with(field.name, str(value)), str(value) == current)
                for value, text in field.field.choices
            ]
            groups.append(LinkGroup(field.name, field.label, links))
        return groups

    def query_with(self, name, value):
        params = {key: item for key, item in self.data.items() if item and key != name}
        if value:
            params[name] = value
        return f"?{urlencode(params)}" if params else ""
