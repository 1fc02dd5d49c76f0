"""Security the browser enforces (a Content-Security-Policy) and throttled logins.

Login throttling: after LOGIN_THROTTLE_ATTEMPTS failed logins for one username, or from one
client address, within LOGIN_THROTTLE_SECONDS, further attempts are refused without checking the
password until that window has passed. Counts live in the default cache, which every process
shares (Redis in production), so all workers see the same numbers.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm

logger = logging.getLogger("website.security")

# The Wagtail admin renders inline scripts and styles throughout, so the policy cannot cover it.
# Previews (the preview panel, draft and revision views) are public templates: Wagtail renders
# them as a request to the page's own address, so they get the policy.
CSP_EXEMPT_PREFIXES = ("/admin/",)


def framed_by_the_site(policy):
    """The policy, letting this site's own pages (the admin's preview panel) frame the page."""
    directives = [
        directive.strip()
        for directive in policy.split(";")
        if directive.split() and directive.split()[0] != "frame-ancestors"
    ]
    return "; ".join([*directives, "frame-ancestors 'self'"])


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY with every HTML response outside the admin.

    A preview may be framed by the site itself: the admin shows it in its preview panel.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.preview_policy = self.policy and framed_by_the_site(self.policy)

    def __call__(self, request):
        response = self.get_response(request)
        if (
            self.policy
            and "Content-Security-Policy" not in response
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(CSP_EXEMPT_PREFIXES)
            # Django's own debug error pages are built from inline styles and scripts.
            and not (settings.DEBUG and response.status_code >= 400)
        ):
            if getattr(request, "is_preview", False):
                response["Content-Security-Policy"] = self.preview_policy
                response["X-Frame-Options"] = "SAMEORIGIN"
            else:
                response["Content-Security-Policy"] = self.policy
        return response


def client_address(request):
    """The visitor's address; behind a proxy, from the header that proxy sets (last entry)."""
    header = settings.LOGIN_THROTTLE_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class LoginThrottle:
    def __init__(self, username, request):
        self.identities = []
        if username:
            self.identities.append(("user", str(username).strip().casefold()))
        if request is not None:
            self.identities.append(("address", client_address(request)))

    @staticmethod
    def key(kind, identity, part):
        digest = hashlib.sha256(identity.encode()).hexdigest()
        return f"login-throttle:{kind}:{digest}:{part}"

    def seconds_left(self):
        """How long logins stay refused; 0 when they are allowed."""
        now = time.time()
        waits = [0]
        for kind, identity in self.identities:
            failures = cache.get(self.key(kind, identity, "failures"), 0)
            until = cache.get(self.key(kind, identity, "until"))
            if failures >= settings.LOGIN_THROTTLE_ATTEMPTS and until:
                waits.append(max(0, until - now))
        return max(waits)

    def record_failure(self):
        window = settings.LOGIN_THROTTLE_SECONDS
        for kind, identity in self.identities:
            # The window starts at the first failure and is not extended by later ones.
            until_key = self.key(kind, identity, "until")
            cache.add(until_key, time.time() + window, window)
            until = cache.get(until_key) or time.time() + window
            failures_key = self.key(kind, identity, "failures")
            cache.add(failures_key, 0, window)
            try:
                cache.incr(failures_key)  # atomic in Redis
            except ValueError:  # expired in between
                cache.set(failures_key, 1, window)
            # Some caches reset the expiry on incr; the count ends with its window.
            cache.touch(failures_key, max(1, math.ceil(until - time.time())))

    def clear_username(self):
        for kind, identity in self.identities:
            if kind == "user":
                cache.delete_many(
                    [self.key(kind, identity, "failures"), self.key(kind, identity, "until")]
                )


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing to check any password while its username or address is
    throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        throttle = LoginThrottle(username, request)
        if throttle.seconds_left():
            logger.warning(
                "Login refused while throttled: username %r from %s",
                username,
                client_address(request) if request is not None else "unknown address",
            )
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure()
        else:
            throttle.clear_username()
        return user


class ThrottledLoginForm(LoginForm):
    """The admin's login form, saying so when attempts are refused instead of "didn't match"."""

    def get_invalid_login_error(self):
        seconds = LoginThrottle(self.cleaned_data.get("username"), self.request).seconds_left()
        if seconds:
            minutes = max(1, math.ceil(seconds / 60))
            return ValidationError(
                ngettext(
                    "Too many failed login attempts. Please wait %(minutes)d minute and try again.",
                    "Too many failed login attempts. Please wait %(minutes)d minutes and try "
                    "again.",
                    minutes,
                ),
                code="throttled",
                params={"minutes": minutes},
            )
        return super().get_invalid_login_error()
