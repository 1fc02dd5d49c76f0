"""The Locust users of `make load`: visitors following the site's links, editors saving their
pages through the admin's edit form, visitors opening a just-published gallery.

Each run hands its users the site's addresses in `environment.parsed_options`: `site` (from
prepare.py's setup), `think` (a visitor's longest pause, s) and `editors` (an iterator over the
editors' accounts, one for each Editor).
"""

import html
import random
import re
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import quote, urlencode

from admin_form import form_data
from locust import FastHttpUser, between, constant, task

# Request names: the report groups Locust's statistics by them. Editors' names start with ADMIN.
PAGE, PHOTO_FILE, SEARCH = "page", "photo file", "search"
ADMIN = "admin"
SAVE, PUBLISH = f"{ADMIN} save", f"{ADMIN} publish"

LOCKED = "database is locked"
IMAGES_PER_PAGE = 2  # the first screen's photos, as a browser fetches them
PHOTO_PAGES_PER_VISIT = 3
EDITOR_PAUSE = (2, 4)  # seconds between two saves
PUBLISH_EVERY = 4  # saves
SEARCH_TERMS = ["Mode", "Ausstellung", "Nähen", "Mentoring", "Werkstatt", "Sprache", "Kleid"]
LINK = re.compile(r'href="(/[^"#]*)"')
IMAGE = re.compile(r'src="(/bilder/[^"]+)"')


class Browser(FastHttpUser):
    """One browser, as if behind the TLS proxy that stands in front of gunicorn in production.

    Every request says it came through HTTPS, so production settings do not redirect it; and the
    browser sends the Secure cookies it is given back over the loopback's plain HTTP.
    """

    abstract = True
    default_headers = {"X-Forwarded-Proto": "https"}
    network_timeout = connection_timeout = 30.0

    def __init__(self, environment):
        self.host = environment.host  # each run serves the site on a port of its own
        super().__init__(environment)
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))

    def request(self, path, name, fields=None):
        """GET, or POST the form `fields`; a failure in the statistics on a server error or a
        locked database."""
        headers = {}
        if fields is not None:
            origin = self.host.replace("http://", "https://")
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        with self.client.request(
            "GET" if fields is None else "POST",
            path,
            name=name,
            data=None if fields is None else urlencode(fields),
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if not response.status_code:
                pass  # no answer: Locust records the connection's error
            elif response.status_code >= 500:
                response.failure(f"HTTP {response.status_code}")
            elif "html" in response.headers.get("Content-Type", "") and LOCKED in response.text:
                response.failure(LOCKED)
            else:
                response.success()  # redirects and refusals are answers too
        return response

    def page(self, path, images=IMAGES_PER_PAGE):
        """A page and the first photos on it; its HTML, or "" when it did not answer 200."""
        response = self.request(path, SEARCH if "?q=" in path else PAGE)
        if response.status_code != 200:
            return ""
        for source in IMAGE.findall(response.text)[:images]:
            self.request(html.unescape(source), PHOTO_FILE)
        return response.text


class Visitor(Browser):
    """Home → an exhibition → its photo pages → stories → a tag → search → news."""

    def wait_time(self):
        return random.uniform(0, self.environment.parsed_options.think)  # noqa: S311 (a pause)

    @task
    def visit(self):
        site = self.environment.parsed_options.site
        self.page(site["home"])
        for exhibition in one_of(items(self.follow(site["exhibitions"]), site["exhibitions"])):
            photos = sorted({path for path in links(self.follow(exhibition)) if "/foto/" in path})
            for photo in random.sample(photos, min(PHOTO_PAGES_PER_VISIT, len(photos))):
                self.follow(photo)
        index = self.follow(site["stories"])
        tags = links(index, site["stories"] + "?tag=")
        for story in one_of(items(index, site["stories"])):
            tags += links(self.follow(story), site["stories"] + "?tag=")
        for tag in one_of(sorted(set(tags))):
            self.follow(tag)
        self.follow(f"{site['search']}?q={quote(random.choice(SEARCH_TERMS))}")  # noqa: S311
        for news in one_of(items(self.follow(site["news"]), site["news"])):
            self.follow(news)

    def follow(self, path):
        """A link followed after reading the page before it; Locust pauses after a whole visit."""
        self.wait()
        return self.page(path)


class Editor(Browser):
    """Saves their own page through the admin's edit form every 2–4 s; every 4th save publishes."""

    wait_time = between(*EDITOR_PAUSE)

    def on_start(self):
        self.account = next(self.environment.parsed_options.editors)
        self.saves = 0
        self.log_in(self.account)
        self.wait()

    @task
    def save(self):
        self.saves += 1
        self.save_page(self.account["page"], self.saves, self.saves % PUBLISH_EVERY == 0)

    def log_in(self, account):
        path = "/admin/login/"
        fields = dict(form_data(self.request(path, ADMIN).text, path))
        fields |= {"username": account["username"], "password": account["password"]}
        if self.request(path, ADMIN, fields).status_code != 302:
            raise RuntimeError(f"{account['username']} could not log in")

    def save_page(self, page, number, publish):
        """Opens a page's edit form and posts it back with a new title; whether it was saved."""
        path = f"/admin/pages/{page}/edit/"
        response = self.request(path, ADMIN)
        if response.status_code != 200:
            return False
        fields = [
            (name, re.sub(r" · \d+$", "", value) + f" · {number}" if name == "title" else value)
            for name, value in form_data(response.text, path)
        ]
        if publish:
            fields.append(("action-publish", "action-publish"))
        return self.request(path, PUBLISH if publish else SAVE, fields).status_code == 302


class GalleryVisitor(Browser):
    """Opens a just-published gallery and all its photos, again and again."""

    wait_time = constant(0)

    @task
    def open_gallery(self):
        self.page(self.environment.parsed_options.site["burst"]["url"], images=None)


def links(text, prefix=""):
    return [
        path
        for path in (html.unescape(found) for found in LINK.findall(text))
        if path.startswith(prefix)
    ]


def items(text, index):
    """Links to the pages below an index page."""
    return sorted({path for path in links(text, index) if path != index and "?" not in path})


def one_of(paths):
    return [random.choice(paths)] if paths else []  # noqa: S311 (a visitor's choice)
