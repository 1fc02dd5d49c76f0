from django import template
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from website.core.models import FooterText, is_public

register = template.Library()
register.filter("is_public", is_public)


def localized_home(request):
    """The home page of the active language, or of the default one if it has none yet."""
    site = Site.find_for_request(request)
    return site.root_page.localized if site else None


def main_sections(home):
    """The sections of the main menu: the home page's public children shown in menus."""
    return home.get_children().live().public().in_menu() if home else Page.objects.none()


@register.simple_tag(takes_context=True)
def section_links(context):
    """The main sections in the request's language, for pages outside the tree (404)."""
    return main_sections(localized_home(context["request"]))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current_path = getattr(context.get("page"), "path", "")
    home = localized_home(request)
    items = []
    if home:
        for item in main_sections(home):
            if current_path == item.path:
                state = "page"
            elif current_path.startswith(item.path):
                state = "true"  # inside this section
            else:
                state = ""
            items.append({"page": item, "aria_current": state})
    return {"home": home, "items": items, "request": request}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    # Cached for every visitor: only pages anyone may open are named.
    ancestors = page.get_ancestors().filter(depth__gt=1).live().public()
    return {"ancestors": ancestors.specific(defer=True), "page": page}


def same_view_url(translation, request):
    """The translation's address for the view shown: a view of a page's own (a photo of an
    exhibition) stays that view where the translation has it (`subpage_url`)."""
    match = getattr(request, "routable_resolver_match", None)
    subpage_url = getattr(translation, "subpage_url", None)
    if match and subpage_url:
        return subpage_url(match, request) or translation.get_url(request)
    return translation.get_url(request)


def missing_note(code):
    """Why a language has no link: said in the visitor's language and, for a visitor who came
    for it, in that language too (with its `lang` and `dir`)."""
    info = get_language_info(code)

    def sentence():
        return _("This page is not available in %(language)s yet.") % {
            "language": info["name_translated"]
        }

    notes = [{"text": sentence()}]
    if code != get_language():
        with override(code):
            notes.append(
                {"text": sentence(), "lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
            )
    return notes


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the languages it exists in; the others are named as missing."""
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        translations = {page.locale_id: page}
        translations.update((t.locale_id, t) for t in page.live_translations)

    current_code = Locale.get_active().language_code
    languages = []
    for locale in Locale.objects.order_by("pk"):
        code = locale.language_code
        language = {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "is_current": code == current_code,
        }
        if page is None:
            # A view of its own (search): the same view and query in the other language.
            language["url"] = translate_url(request.get_full_path(), code)
        elif target := translations.get(locale.pk):
            language["url"] = same_view_url(target, request)
        else:
            language["missing"] = missing_note(code)
        languages.append(language)
    return {"languages": languages if len(languages) > 1 else []}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    footer = (
        FooterText.objects.filter(locale=Locale.get_active()).first()
        or FooterText.objects.filter(locale=Locale.get_default()).first()
    )
    return {
        "footer": footer,
        "language_code": get_language(),
        "settings": context.get("settings"),
        "request": context["request"],
    }
