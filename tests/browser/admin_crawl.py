"""A crawl of the Wagtail admin: a site with one of every kind, the views to open, the browser
and the test client that open them.

The views come from Wagtail's registries, so a new page type, snippet, model or menu item is
crawled without a change here: the admin menu (with its submenus: settings, reports, snippets),
every page model, and every model the admin can edit (its URL finder registry, which holds the
snippets and every model viewset), with the sibling views of its edit view.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, resolve, reverse

from wagtail.admin.admin_url_finder import AdminURLFinder, finder_classes
from wagtail.admin.menu import SubmenuMenuItem, admin_menu
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, Site, get_page_models
from wagtail.users.models import UserProfile

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from exhibitions.models import ExhibitionCredit, GalleryPhoto, Venue
from stories.models import StoryPhoto
from tests.browser.admin_words import Words, shown_text
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import NewsIndexPageFactory, make_news, make_project, publish
from tests.stories.consent_helpers import make_participant
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory
from website.core.models import FooterText, SiteSettings
from website.demo.factories import (
    PartnerIndexPageFactory,
    StandardPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from website.people.models import PartnerOrganisation, Person
from website.projects.models import ProjectContact
from website.toolbox.models import MethodWorksheet
from website.users.sections import group_name, setup_sections

# What a page type's listing, form and record are: Wagtail's views of one page.
PAGE_ACTIONS = ["edit", "history", "delete"]
# The site's own admin views of one page, which no Wagtail registry names: URL name, page type.
OWN_PAGE_VIEWS = {"exhibitions_add_photos": "exhibitions.ExhibitionPage"}
# The views beside a model's edit view, found by its URL name: "wagtailimages:edit" has
# "wagtailimages:delete", a snippet's "…:edit" has "…:list", "…:add", "…:history", "…:delete".
LISTING_ACTIONS = ["index", "list", "add", "add_multiple"]
RECORD_ACTIONS = ["history", "delete"]
# Views Wagtail rightly refuses on this site, whoever asks.
REFUSED_BY_DESIGN = [
    # Every language of LANGUAGES has its locale already: there is none left to add.
    "wagtaillocales:add",
]
# A page of a site loaded from scratch takes a while on a busy machine; still bounded.
TIMEOUT = 20_000
# True once the preview panel's frame shows a document with something in it.
PREVIEW_SHOWN = """() => {
    const frame = document.querySelector('#w-preview-iframe');
    const body = frame && frame.contentDocument && frame.contentDocument.body;
    return Boolean(body && body.innerText.trim());
}"""
# The page's text after its scripts ran, without what the editor wrote in rich text editors.
SHOWN_TEXT = """() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('script, style, [contenteditable]').forEach((e) => e.remove());
    const texts = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (texts.nextNode()) parts.push(texts.currentNode.data);
    return parts.join(' ').split(/\\s+/).join(' ');
}"""
# CSP violations reach the console as errors too; this names them whatever the browser says.
REPORT_CSP_VIOLATIONS = """document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});"""


@dataclass(frozen=True)
class View:
    name: str
    url: str
    preview: bool = False


def build_site_of_every_kind():
    """One of every page type, snippet and model, as editors would have made them.

    Returns the section editor, the last user made.
    """
    homes = build_site()
    home = homes["de"]
    SiteSettings.objects.create(site=Site.objects.get(), contact_email="team@example.org")
    for locale_home in homes.values():
        FooterText.objects.create(locale=locale_home.locale, text="<p>Fußzeile</p>")

    women = make_project(home, "Connecting Women", "connecting-women")
    about = publish(StandardPageFactory(parent=home, title="Über uns", slug="ueber-uns"))
    publish(PartnerIndexPageFactory(parent=about))
    exhibitions = publish(ExhibitionIndexPageFactory(parent=home))
    stories = publish(StoryIndexPageFactory(parent=home))
    news = publish(NewsIndexPageFactory(parent=home))
    toolbox = publish(ToolboxPageFactory(parent=home))
    collections = {page.pk: collection for page, (collection, _) in setup_sections().items()}

    partner = PartnerOrganisation.objects.create(name="Verein am Fluss", town="Saalfeld")
    person = Person.objects.create(name="Ida Beispiel", role="Fotografin", organisation=partner)
    ProjectContact.objects.create(page=women, person=person)
    publish(women)
    venue = Venue.objects.create(name="Galerie im Schloss", address="Schlossplatz 1")

    participant = make_participant("Nadia")
    photo = make_image(plain_jpeg(40, 30), title="Nadia an der Nähmaschine")
    photo.participants.set([participant])
    photo.collection = collections[exhibitions.pk]
    photo.save()
    exhibition = ExhibitionPageFactory(parent=exhibitions, title="Beulwitz designt", venue=venue)
    exhibition.gallery_photos.set(
        [GalleryPhoto(image=photo, caption="An der Nähmaschine", alt_text="Nadia näht")]
    )
    credit = ExhibitionCredit(role=ExhibitionCredit.Role.PHOTOGRAPHER, person=person)
    exhibition.credits.set([credit])
    exhibition.projects.set([women])
    publish(exhibition)
    story = StoryPageFactory(parent=stories, participant=participant, title="Nähen verbindet")
    story.photos.set([StoryPhoto(image=photo, caption="Nadia", alt_text="Nadia näht")])
    publish(story)
    make_news(news, title="Ausstellung eröffnet", tags=["Mode"], projects=[women])

    Document = get_document_model()
    worksheet = Document.objects.create(
        title="Arbeitsblatt Ankommen",
        file=ContentFile(b"%PDF-1.4 Arbeitsblatt", name="arbeitsblatt.pdf"),
        collection=collections[toolbox.pk],
    )
    method = MethodPageFactory(parent=toolbox, title="Ankommen im Kreis")
    method.worksheets.set([MethodWorksheet(document=worksheet)])
    publish(method)
    Redirect.objects.create(old_path="/alte-ausstellung", redirect_page=exhibition)
    return section_editor()


def section_editor():
    """An editor of every section: each page type's form as a non-superuser sees it."""
    editor = get_user_model().objects.create_user(
        "redaktion", "redaktion@example.org", first_name="Rana", last_name="Redaktion"
    )
    for page in setup_sections():
        editor.groups.add(Group.objects.get(name=group_name(page.title)))
    return editor


def speaking(user, language):
    """The user, with the admin in this language from their next request on."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def menu_views(request, menu=admin_menu):
    """Every item of the admin menu the user sees, submenus included, inside the admin."""
    admin = reverse("wagtailadmin_home")
    for item in menu.menu_items_for_request(request):
        if isinstance(item, SubmenuMenuItem):
            yield from menu_views(request, item.menu)
        elif item.url.startswith(admin):  # the help menu also links to Wagtail's guide
            yield View(f"menu “{item.label}”", item.url)


def reversed_or_none(name, kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def record_views(label, edit_url, edit_url_name):
    """The edit view and the views its URL name has beside it: listing, add, history, delete."""
    namespace, _, action = edit_url_name.rpartition(":")
    yield View(f"{label} edit", edit_url)
    record = resolve(edit_url).kwargs
    for others, kwargs in ((LISTING_ACTIONS, {}), (RECORD_ACTIONS, record)):
        for other in others:
            url = reversed_or_none(f"{namespace}:{action.replace('edit', other)}", kwargs)
            if url:
                yield View(f"{label} {other}", url)


def model_views():
    """Listing, add, edit, history and delete of one record of every model the admin edits."""
    finder = AdminURLFinder()
    for model, finder_class in {
        **finder_classes.values_by_class,
        **finder_classes.values_by_exact_class,
    }.items():
        if issubclass(model, Page):
            continue  # page types have views of their own
        record = model.objects.order_by("-pk").first()
        edit_url = record and finder.get_edit_url(record)
        if edit_url:
            # The URL name Wagtail gives the edit view, also where a hook serves it.
            name = getattr(finder_class, "edit_url_name", None) or resolve(edit_url).view_name
            yield from record_views(model._meta.verbose_name, edit_url, name)


def page_views():
    """Every page type: its listing, the add form where one can be added, and one page's views."""
    pages = [page.specific for page in Page.objects.filter(depth__gt=1).order_by("path")]
    for model in get_page_models():
        page = next((page for page in pages if type(page) is model), None)
        if page is None:
            continue
        label = model._meta.verbose_name
        yield View(f"{label} listing", reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
        parent = next((p for p in pages if model.can_create_at(p)), None)
        if parent:
            args = [model._meta.app_label, model._meta.model_name, parent.pk]
            yield View(f"{label} add", reverse("wagtailadmin_pages:add", args=args))
        for action in PAGE_ACTIONS:
            url = reverse(f"wagtailadmin_pages:{action}", args=[page.pk])
            yield View(f"{label} {action}", url, preview=action == "edit" and page.is_previewable())
        for name, page_type in OWN_PAGE_VIEWS.items():
            if model._meta.label == page_type:
                yield View(f"{label} {name}", reverse(name, args=[page.pk]))


def admin_views(user):
    """Every view of the crawl, each once, in the order an editor meets them."""
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    views = [
        View("dashboard", reverse("wagtailadmin_home")),
        View("account", reverse("wagtailadmin_account")),
        View("search", reverse("wagtailadmin_pages:search") + "?q=Nadia"),
        *menu_views(request),
        *page_views(),
        *model_views(),
    ]
    seen = {reverse(name) for name in REFUSED_BY_DESIGN}
    unique = []
    for view in views:
        if view.url not in seen:
            seen.add(view.url)
            unique.append(view)
    return unique


class Findings:
    """What went wrong, by view, and how many views each pass opened."""

    def __init__(self):
        self.problems = {}
        self.opened = {}

    def add(self, view, text):
        self.problems.setdefault(f"{view.name}: {view.url}", []).append(text)

    def count(self, language, how):
        self.opened[f"{language} ({how})"] = self.opened.get(f"{language} ({how})", 0) + 1

    def report(self):
        return "\n".join(
            f"{where}\n  " + "\n  ".join(texts) for where, texts in self.problems.items()
        )


def crawl_admin(browser, base_url, user, language, refusals_allowed):
    """Every admin view in Chromium in the user's language, and with Django's test client in
    the two others; the browser opens only what the client found the user may see.

    With `refusals_allowed`, a 403 or 404 or a redirect to the dashboard is a right answer.
    """
    words = Words()
    views = admin_views(user)
    findings = Findings()
    for other in settings.LANGUAGES:
        if other[0] != language:
            views = read_with_client(user, views, other[0], words, findings, refusals_allowed)
    speaking(user, language)
    context = logged_in_context(browser, base_url, user)
    open_in_browser(context.new_page(), base_url, views, language, words, findings)
    context.close()
    return findings


def read_with_client(user, views, language, words, findings, refusals_allowed):
    """Renders each view in the language; returns those the user may open."""
    speaking(user, language)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    dashboard = reverse("wagtailadmin_home")
    allowed = []
    for view in views:
        response = client.get(view.url)
        status = response.status_code
        refused = status in (403, 404) or (status == 302 and response["Location"] == dashboard)
        if refused and refusals_allowed:
            continue
        allowed.append(view)
        if status == 200:
            findings.count(language, "test client")
            for text in words.wrong_in(shown_text(response.content.decode()), language):
                findings.add(view, f"{language}: “{text}”")
        elif status >= 400 or refused:
            findings.add(view, f"{language}: answered {status}")
    return allowed


def logged_in_context(browser, base_url, user):
    """A browser context with the user's session, which reports CSP violations."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.set_default_timeout(TIMEOUT)
    return context


def open_in_browser(page, base_url, views, language, words, findings):
    """Opens every view: no 5xx, no script error, nothing refused, previews that show."""
    current = [None]

    def on_console(message):
        if message.type == "error":
            findings.add(current[0], f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: findings.add(current[0], f"page error: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 500
            and findings.add(current[0], f"{response.status} from {response.url}")
        ),
    )
    for view in views:
        current[0] = view
        response = page.goto(base_url + view.url, wait_until="load")
        if response.status != 200:
            findings.add(view, f"answered {response.status}")
            continue
        findings.count(language, "Chromium")
        for text in words.wrong_in(page.evaluate(SHOWN_TEXT), language):
            findings.add(view, f"{language}: “{text}”")
        if view.preview:
            check_preview(page, view, findings)
    page.close()


def check_preview(page, view, findings):
    """Opens the edit view's preview panel and waits for a document with text in its frame."""
    page.locator('[data-side-panel-toggle="preview"]').click()
    try:
        page.wait_for_function(PREVIEW_SHOWN, timeout=TIMEOUT)
    except PlaywrightTimeoutError:
        findings.add(view, "the preview panel shows an empty document")
