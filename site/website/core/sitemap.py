from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Every public page of the site in every language.

    Wagtail's own sitemap walks only the default-language tree below the site's root page.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Page.objects.none()
        for translation in root.get_translations(inclusive=True):
            trees |= Page.objects.descendant_of(translation, inclusive=True)
        return trees.live().public().order_by("path").defer_streamfields().specific()
