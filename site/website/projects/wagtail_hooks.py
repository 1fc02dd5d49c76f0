from wagtail import hooks

from .models import PartnerIndexPage


@hooks.register("construct_home_page_context")
def add_partner_page(page, context):
    context["partner_page"] = (
        PartnerIndexPage.objects.live().public().filter(locale_id=page.locale_id).first()
    )
