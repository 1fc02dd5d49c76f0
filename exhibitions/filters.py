from django.utils.translation import gettext_lazy as _

from website.core.filters import ListingFilterSet, OfferFilter


class ExhibitionFilterSet(ListingFilterSet):
    tag = OfferFilter(field_name="tags", label=_("Topic"), empty_label=_("All"))
