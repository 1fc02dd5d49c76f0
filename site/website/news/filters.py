from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from website.core.filters import ListingFilterSet, OfferFilter


class NewsFilterSet(ListingFilterSet):
    # News in any language that names the sub-project in any language.
    project = OfferFilter(
        field_name="projects__translation_key",
        value=attrgetter("translation_key"),
        distinct=True,
        label=_("Sub-projects"),
        empty_label=_("All sub-projects"),
    )
    tag = OfferFilter(field_name="tags", label=_("Topics"), empty_label=_("All topics"))
