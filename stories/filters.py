from operator import attrgetter, itemgetter

from django.utils.translation import gettext_lazy as _

from website.core.filters import ListingFilterSet, OfferFilter


class StoryFilterSet(ListingFilterSet):
    tag = OfferFilter(field_name="tags", label=_("Topic"), empty_label=_("All topics"))
    # Participants belong to the German sub-project; its translations count too.
    project = OfferFilter(
        field_name="participant__sub_project__translation_key",
        value=attrgetter("translation_key"),
        label=_("Sub-project"),
        empty_label=_("All sub-projects"),
    )
    # Languages are offered as (code, name); a story stores its codes as ",ar,fa,".
    language = OfferFilter(
        field_name="languages",
        lookup_expr="contains",
        key=itemgetter(0),
        text=itemgetter(1),
        value=lambda language: f",{language[0]},",
        label=_("Also told in"),
        empty_label=_("All languages"),
    )
